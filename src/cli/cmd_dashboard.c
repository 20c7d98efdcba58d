/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_dashboard.c - motcua dashboard [--json]: the supervisor's live view
 * (ui/dashboard.c), refreshed every second from the shared database.
 * Supervisor or admin; read-only, so many supervisors can watch at once.
 * --json prints one snapshot instead (for scripts and monitoring). */
#include <stdio.h>
#include <string.h>

#include "commands.h"

#ifdef HAVE_MOTCUA_UI

#include "desk_report.h"
#include "ui.h"

int cmd_dashboard(cli_ctx *ctx, int argc, char **argv)
{
    if (argc > 1)
        return cli_usage("dashboard", _("đối số thừa \"%s\""), argv[1]);
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    const mc_user *u = desk_user(d);
    if (!u || !(u->role & ROLE_LEAD)) {
        mc_error err;
        mc_fail(&err, MC_EFORBIDDEN, "user", "%s",
                _("Bảng điều hành dành cho giám sát hoặc quản trị"));
        return cli_fail(ctx, &err);
    }
    if (ctx->json) {
        desk_dashboard db;
        mc_error err = {0};
        if (desk_dashboard_get(d, &db, &err))
            return cli_fail(ctx, &err);
        cli_print_json(desk_dashboard_json(&db));
        desk_dashboard_free(&db);
        return 0;
    }
    return ui_show_run(UI_SHOW_DASHBOARD, d, ctx->cfg);
}

#endif
