/* cmd_text.c - placeholder until the module behind it lands. */
#include "commands.h"

#include <stdio.h>

int cmd_text(cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    fprintf(stderr, "motcua text: %s\n", _("chưa có trong phiên bản này"));
    return 2;
}
