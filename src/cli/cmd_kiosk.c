/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_kiosk.c - motcua kiosk: citizens choose a service with big keys and
 * get a thermal ticket (ui/kiosk.c).  No sign-in: issuing a ticket is the
 * only thing it can do.  Stopped by its operator (Ctrl-C or SIGTERM). */
#include <stdio.h>

#include "commands.h"

#ifdef HAVE_MOTCUA_UI

#include "ui.h"

int cmd_kiosk(cli_ctx *ctx, int argc, char **argv)
{
    if (argc > 1)
        return cli_usage("kiosk", _("đối số thừa \"%s\""), argv[1]);
    int rc;
    mc_desk *d = cli_desk(ctx, false, &rc);
    if (!d)
        return rc;
    return ui_show_run(UI_SHOW_KIOSK, d, ctx->cfg);
}

#endif
