/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_board.c - motcua board: "now serving" for the lobby TV
 * (ui/board.c).  No sign-in: it shows only ticket numbers and counters,
 * read-only from the shared database. */
#include <stdio.h>

#include "commands.h"

#ifdef HAVE_MOTCUA_UI

#include "ui.h"

int cmd_board(cli_ctx *ctx, int argc, char **argv)
{
    if (argc > 1)
        return cli_usage("board", _("đối số thừa \"%s\""), argv[1]);
    int rc;
    mc_desk *d = cli_desk(ctx, false, &rc);
    if (!d)
        return rc;
    return ui_show_run(UI_SHOW_BOARD, d, ctx->cfg);
}

#endif
