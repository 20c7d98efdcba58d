/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_catalogue.c - libFuzzer target: the procedure catalogue parser on any
 * bytes.  A rejection names a position and a reason; an accepted procedure
 * written back as canonical JSON parses again to the same canonical JSON. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    cat_procedure p;
    mc_error err;
    mc_error_clear(&err);
    mc_status rc = cat_parse(s, "fuzz.json", &p, &err);
    if (rc == MC_OK) {
        char *j1 = cat_to_json(&p);
        if (!j1)
            abort();
        cat_procedure q;
        mc_error e2;
        mc_error_clear(&e2);
        if (cat_parse(j1, "again.json", &q, &e2) != MC_OK)
            abort(); /* our own output must parse */
        char *j2 = cat_to_json(&q);
        if (!j2 || strcmp(j1, j2) != 0)
            abort(); /* and round-trip exactly */
        free(j2);
        free(j1);
        cat_procedure_free(&q);
        cat_procedure_free(&p);
    } else if (err.msg[0] == '\0') {
        abort(); /* a rejection always says why */
    }
    free(s);
    return 0;
}
