/* cmd_config.c - placeholder until the module behind it lands. */
#include "commands.h"

#include <stdio.h>

int cmd_config(cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    fprintf(stderr, "motcua config: %s\n", _("chưa có trong phiên bản này"));
    return 2;
}
