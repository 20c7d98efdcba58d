/* cmd_calendar.c - placeholder until the module behind it lands. */
#include "commands.h"

#include <stdio.h>

int cmd_calendar(cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    fprintf(stderr, "motcua calendar: %s\n", _("chưa có trong phiên bản này"));
    return 2;
}
