/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_audit.c - motcua audit verify */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

int cmd_audit(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "verify") != 0)
        return cli_usage("audit", "%s", _("cần lệnh con: verify"));
    int rc;
    mc_desk *d = cli_desk(ctx, false, &rc);
    if (!d)
        return rc;
    desk_audit_result res;
    mc_error err = {0};
    if (desk_audit_verify(d, &res, &err))
        return cli_fail(ctx, &err);
    if (ctx->json)
        cli_print_json(json_pack("{s:b, s:I, s:I, s:s}", "ok",
                                 res.first_bad == 0, "rows",
                                 (json_int_t)res.rows, "first_bad",
                                 (json_int_t)res.first_bad, "reason",
                                 res.reason));
    if (res.first_bad) {
        fprintf(stderr,
                _("motcua: nhật ký kiểm toán bị sửa: dòng %" PRId64
                  " không khớp (%s)\n"),
                res.first_bad, res.reason);
        return 1;
    }
    if (!ctx->json)
        printf(_("Nhật ký kiểm toán nguyên vẹn: %" PRId64 " dòng\n"), res.rows);
    return 0;
}
