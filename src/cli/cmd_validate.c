/* cmd_validate.c - placeholder until the module behind it lands. */
#include "commands.h"

#include <stdio.h>

int cmd_validate(cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    fprintf(stderr, "motcua validate: %s\n", _("chưa có trong phiên bản này"));
    return 2;
}
