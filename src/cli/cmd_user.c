/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_user.c - motcua user add LOGIN --name NAME --role R --password-stdin
 *              motcua user list */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "store.h"

static int user_add(cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"name", required_argument, NULL, 'n'},
        {"role", required_argument, NULL, 'r'},
        {"password-stdin", no_argument, NULL, 'p'},
        {0, 0, 0, 0},
    };
    const char *name = NULL, *role = NULL;
    bool pw_stdin = false;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'n': name = optarg; break;
        case 'r': role = optarg; break;
        case 'p': pw_stdin = true; break;
        default: return 2;
        }
    }
    if (optind >= argc)
        return cli_usage("user add", "%s", _("thiếu tên đăng nhập"));
    const char *login = argv[optind];
    if (!role)
        return cli_usage("user add", "%s",
                         _("thiếu --role (clerk, supervisor hoặc admin)"));
    if (!pw_stdin)
        return cli_usage("user add", "%s",
                         _("mật khẩu của người dùng mới đọc từ stdin: "
                           "--password-stdin"));
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    char *pw = cli_read_line(stdin);
    mc_error err = {0};
    mc_status st = desk_user_add(d, login, name, role, pw ? pw : "", &err);
    free(pw);
    if (st)
        return cli_fail(ctx, &err);
    if (ctx->json)
        return cli_print_json(json_pack("{s:s, s:s}", "login", login, "role",
                                        role));
    printf(_("Đã thêm người dùng %s (%s)\n"), login, role);
    return 0;
}

int cmd_user(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("user", "%s", _("cần lệnh con: add"));
    if (strcmp(argv[1], "add") == 0)
        return user_add(ctx, argc - 1, argv + 1);
    return cli_usage("user", _("không có lệnh con \"%s\""), argv[1]);
}
