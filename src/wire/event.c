/* SPDX-License-Identifier: GPL-3.0-or-later */
/* event.c - build, print and validate one sync event (see event.h). */
#include "event.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "dossier_code.h"
#include "mc_error.h"
#include "status.h"
#include "wire_text.h"

static const struct {
    const char *kind;
    bool needs_dossier;
    bool changes_status;
} kinds[] = {
#define X(k, d, s) {k, d, s},
    WIRE_KIND_LIST(X)
#undef X
};
#define N_KINDS (sizeof kinds / sizeof *kinds)

static int kind_index(const char *kind)
{
    if (!kind)
        return -1;
    for (size_t i = 0; i < N_KINDS; i++)
        if (strcmp(kinds[i].kind, kind) == 0)
            return (int)i;
    return -1;
}

bool wire_kind_known(const char *kind)
{
    return kind_index(kind) >= 0;
}

const char *wire_kind_names(void)
{
    return "intake, refuse, advance, return, extend, guide";
}

json_t *wire_event_new(const char *kind, const char *office, const char *at,
                       const char *actor, const char *dossier_code,
                       json_t *data)
{
    json_t *o = json_object();
    json_object_set_new(o, "v", json_integer(WIRE_EVENT_VERSION));
    json_object_set_new(o, "kind", json_string(kind));
    json_object_set_new(o, "office", json_string(office));
    json_object_set_new(o, "at", json_string(at));
    json_object_set_new(o, "actor", json_string(actor));
    json_object_set_new(o, "dossier",
                        dossier_code ? json_string(dossier_code) : json_null());
    json_object_set_new(o, "data", data ? data : json_object());
    return o;
}

char *wire_event_text(const char *kind, const char *office, const char *at,
                      const char *actor, const char *dossier_code,
                      const char *data_text)
{
    wire_obj o;
    wire_obj_init(&o);
    wire_obj_int(&o, "v", WIRE_EVENT_VERSION);
    wire_obj_str(&o, "kind", kind);
    wire_obj_str(&o, "office", office);
    wire_obj_str(&o, "at", at);
    wire_obj_str(&o, "actor", actor);
    wire_obj_str(&o, "dossier", dossier_code);
    wire_obj_raw(&o, "data", data_text ? data_text : "{}");
    return wire_obj_finish(&o);
}

char *wire_dump(const json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    if (!s)
        s = mc_xstrdup("null");
    return s;
}

static bool fail(char *why, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(char *why, size_t n, const char *fmt, ...)
{
    if (why && n) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, n, fmt, ap);
        va_end(ap);
    }
    return false;
}

static const char *str_of(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* A short printable copy of untrusted text for a reason message. */
static const char *clip(const char *s, char buf[static 48])
{
    size_t i = 0;
    for (; s[i] && i < 40; i++)
        buf[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
    buf[i] = '\0';
    if (s[i])
        mc_strlcpy(buf + i, "...", 4);
    return buf;
}

bool wire_event_validate(const json_t *ev, const char *office, char *why,
                         size_t n)
{
    char b[48];
    if (!json_is_object(ev))
        return fail(why, n, "event: must be a JSON object");
    json_t *v = json_object_get(ev, "v");
    if (!json_is_integer(v))
        return fail(why, n, "v: missing or not an integer");
    if (json_integer_value(v) != WIRE_EVENT_VERSION)
        return fail(why, n, "v: version %lld is not supported (this reader "
                    "knows %d)", (long long)json_integer_value(v),
                    WIRE_EVENT_VERSION);
    const char *kind = str_of(ev, "kind");
    if (!kind)
        return fail(why, n, "kind: missing or not a string");
    int k = kind_index(kind);
    if (k < 0)
        return fail(why, n, "kind: unknown event kind \"%s\" (known: %s)",
                    clip(kind, b), wire_kind_names());
    const char *off = str_of(ev, "office");
    if (!off)
        return fail(why, n, "office: missing or not a string");
    if (office && strcmp(off, office) != 0)
        return fail(why, n, "office: event of office \"%s\" in a batch of "
                    "office \"%s\"", clip(off, b), office);
    const char *at = str_of(ev, "at");
    mc_ts ts;
    if (!at)
        return fail(why, n, "at: missing or not a string");
    if (!mc_ts_parse(at, &ts))
        return fail(why, n, "at: \"%s\" is not an ISO 8601 time",
                    clip(at, b));
    const char *actor = str_of(ev, "actor");
    if (!actor || !*actor || strlen(actor) > 64)
        return fail(why, n, "actor: missing, empty or longer than 64 bytes");
    json_t *dj = json_object_get(ev, "dossier");
    const char *code = json_string_value(dj);
    if (kinds[k].needs_dossier) {
        dcode_parts parts;
        if (!code)
            return fail(why, n, "dossier: a \"%s\" event needs a dossier code",
                        kind);
        if (!dcode_parse(code, &parts))
            return fail(why, n, "dossier: \"%s\" is not a dossier code",
                        clip(code, b));
    } else if (dj && !json_is_null(dj) && !code) {
        return fail(why, n, "dossier: must be a string or null");
    }
    json_t *data = json_object_get(ev, "data");
    if (!json_is_object(data))
        return fail(why, n, "data: missing or not an object");
    mc_dossier_status st;
    if (kinds[k].changes_status) {
        const char *to = str_of(data, "to");
        if (!to || !status_parse(to, &st))
            return fail(why, n, "data.to: missing or not a status name");
        const char *from = str_of(data, "from");
        json_t *fj = json_object_get(data, "from");
        if (fj && !json_is_null(fj) && (!from || !status_parse(from, &st)))
            return fail(why, n, "data.from: not a status name");
    }
    if (strcmp(kind, "intake") == 0) {
        json_t *snap = json_object_get(data, "dossier");
        if (!json_is_object(snap))
            return fail(why, n, "data.dossier: an intake event carries the "
                        "dossier snapshot as an object");
        const char *scode = str_of(snap, "code");
        if (!scode || strcmp(scode, code) != 0)
            return fail(why, n, "data.dossier.code: does not match dossier");
        const char *sst = str_of(snap, "status");
        if (!sst || !status_parse(sst, &st))
            return fail(why, n, "data.dossier.status: missing or not a "
                        "status name");
    }
    return true;
}

const char *wire_event_target_status(const json_t *ev)
{
    int k = kind_index(str_of(ev, "kind"));
    if (k < 0 || !kinds[k].changes_status)
        return NULL;
    return str_of(json_object_get(ev, "data"), "to");
}
