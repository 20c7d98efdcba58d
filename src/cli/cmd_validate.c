/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_validate.c - motcua validate KIND VALUE
 *
 * KIND is cccd, cmnd, person (CCCD or CMND), bhxh, phone or taxcode.
 * Exit 0 and the canonical form on stdout when valid; otherwise the reason
 * on stderr and the exit code of MC_EINVAL.  The current year for birth
 * years comes from the one clock (MOTCUA_NOW pins it). */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "commands.h"
#include "ids.h"

int cmd_validate(cli_ctx *ctx, int argc, char **argv)
{
    const char *kinds = "cccd|cmnd|person|bhxh|phone|taxcode";
    const char *pos[2] = {NULL, NULL};
    int np = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            ctx->json = true;
        else if (np < 2)
            pos[np++] = argv[i];
        else
            return cli_usage("validate", _("thừa tham số \"%s\""), argv[i]);
    }
    if (np != 2)
        return cli_usage("validate", _("cần KIND VALUE, KIND là %s"), kinds);
    const char *kind = pos[0], *value = pos[1];
    int year = mc_ts_vn_date(mc_clock_now()).y;
    char out[ID_MAX] = "";
    mc_error err = {0};
    mc_status st;
    if (strcmp(kind, "cccd") == 0)
        st = id_check_cccd(value, year, "cccd", out, &err);
    else if (strcmp(kind, "cmnd") == 0)
        st = id_check_cmnd(value, "cmnd", out, &err);
    else if (strcmp(kind, "person") == 0)
        st = id_check_person(value, year, "person", out, &err);
    else if (strcmp(kind, "bhxh") == 0)
        st = id_check_bhxh(value, year, "bhxh", out, &err);
    else if (strcmp(kind, "phone") == 0)
        st = id_check_phone(value, "phone", out, &err);
    else if (strcmp(kind, "taxcode") == 0)
        st = id_check_taxcode(value, "taxcode", out, &err);
    else
        return cli_usage("validate", _("loại \"%s\" không có; dùng %s"), kind,
                         kinds);
    if (st != MC_OK)
        return cli_fail(ctx, &err);
    if (ctx->json) {
        json_t *o = json_pack("{s:s, s:s, s:b, s:s}", "kind", kind, "input",
                              value, "valid", 1, "canonical", out);
        if (strcmp(kind, "cccd") == 0 || (strlen(out) == 12 &&
                                          strcmp(kind, "phone") != 0 &&
                                          strcmp(kind, "taxcode") != 0)) {
            char prov[4] = {out[0], out[1], out[2], '\0'};
            const char *name = id_province_name(prov);
            if (name)
                json_object_set_new(o, "province", json_string(name));
        }
        return cli_print_json(o);
    }
    printf("%s\n", out);
    return 0;
}
