/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_wire_text.c - libFuzzer target: the intake's JSON writer
 * (wire_text.c, which skips building a jansson tree) writes exactly the
 * bytes jansson's wire_dump() writes for the same members, on any keys and
 * values.  The input is NUL-separated key/value pairs; a value starting
 * with '#' is an integer, "!t"/"!f" a boolean, "!n" null, "{" a nested
 * object of the next pairs up to a lone "}". */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "wire_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the next NUL-terminated token, or NULL at the end */
static const char *next(const char **p, const char *end)
{
    if (*p >= end)
        return NULL;
    const char *t = *p;
    *p += strlen(t) + 1;
    return t;
}

/* build the same object both ways; returns false when the input ran out */
static void build(const char **p, const char *end, wire_obj *o, json_t *j,
                  int depth)
{
    const char *k, *v;
    while ((k = next(p, end)) != NULL) {
        if (strcmp(k, "}") == 0 && depth > 0)
            return;
        if ((v = next(p, end)) == NULL)
            return;
        json_t *kt = json_string(k);
        if (!kt || json_object_get(j, k))
            goto skip; /* keys: valid UTF-8 and unique, as the header says */
        json_decref(kt);
        if (v[0] == '#') {
            long long n = strtoll(v + 1, NULL, 10);
            wire_obj_int(o, k, n);
            json_object_set_new(j, k, json_integer(n));
        } else if (strcmp(v, "!t") == 0 || strcmp(v, "!f") == 0) {
            wire_obj_bool(o, k, v[1] == 't');
            json_object_set_new(j, k, json_boolean(v[1] == 't'));
        } else if (strcmp(v, "!n") == 0) {
            wire_obj_null(o, k);
            json_object_set_new(j, k, json_null());
        } else if (strcmp(v, "{") == 0 && depth < 4) {
            wire_obj sub;
            wire_obj_init(&sub);
            json_t *js = json_object();
            build(p, end, &sub, js, depth + 1);
            char *text = wire_obj_finish(&sub);
            wire_obj_raw(o, k, text);
            free(text);
            json_object_set_new(j, k, js);
        } else {
            /* not valid UTF-8: jansson drops the member, so does wire_obj */
            wire_obj_str(o, k, v);
            json_object_set_new(j, k, json_string(v));
        }
        continue;
    skip:
        json_decref(kt);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    const char *p = buf, *end = buf + size;

    wire_obj o;
    wire_obj_init(&o);
    json_t *j = json_object();
    build(&p, end, &o, j, 0);
    char *mine = wire_obj_finish(&o);
    char *ref = wire_dump(j);
    if (strcmp(mine, ref) != 0)
        abort();
    free(mine);
    free(ref);
    json_decref(j);
    free(buf);
    return 0;
}
