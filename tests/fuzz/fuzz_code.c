/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_code.c - libFuzzer target: the dossier-code parser and the scanner
 * input (bare code or lookup URL).  A code the parser accepts formats back
 * to itself; whatever a scan yields is a well-formed code. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "dossier_code.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';

    dcode_parts parts;
    if (dcode_parse(s, &parts)) {
        mc_date day = {2000 + parts.yy, parts.mm, parts.dd};
        char again[DCODE_MAX];
        mc_error err;
        mc_error_clear(&err);
        if (!mc_date_valid(day) ||
            dcode_format(parts.agency, day, parts.seq, again, &err) != MC_OK ||
            strcmp(again, s) != 0)
            abort();
    }
    char out[DCODE_MAX];
    if (dcode_from_scan(s, out)) {
        dcode_parts p2;
        if (strlen(out) >= DCODE_MAX || !dcode_parse(out, &p2))
            abort();
    }

    mc_date d;
    if (mc_date_parse(s, &d)) {
        char buf[11];
        mc_date_format(d, buf);
        mc_date d2;
        if (!mc_date_valid(d) || !mc_date_parse(buf, &d2) ||
            mc_date_cmp(d, d2) != 0)
            abort();
    }
    mc_ts ts;
    (void)mc_ts_parse(s, &ts);
    mc_error err;
    mc_error_clear(&err);
    if (dcode_check_agency(s, &err) != MC_OK && err.msg[0] == '\0')
        abort();
    free(s);
    return 0;
}
