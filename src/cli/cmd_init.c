/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_init.c - motcua --db F init --office-code CODE --office-name NAME
 *              --admin LOGIN [--admin-name NAME] --password-stdin */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

static void on_skip(const char *file, const mc_error *why, void *ud)
{
    (void)ud;
    fprintf(stderr, _("motcua: bỏ qua %s: %s\n"), file, why->msg);
}

int cmd_init(cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"office-code", required_argument, NULL, 'c'},
        {"office-name", required_argument, NULL, 'n'},
        {"admin", required_argument, NULL, 'a'},
        {"admin-name", required_argument, NULL, 'N'},
        {"password-stdin", no_argument, NULL, 'p'},
        {"forms", required_argument, NULL, 'f'},
        {0, 0, 0, 0},
    };
    desk_init_opts o = {.on_skip = on_skip};
    bool pw_stdin = false;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'c': o.office_code = optarg; break;
        case 'n': o.office_name = optarg; break;
        case 'a': o.admin_login = optarg; break;
        case 'N': o.admin_name = optarg; break;
        case 'p': pw_stdin = true; break;
        case 'f': o.forms_dir = optarg; break;
        default: return 2;
        }
    }
    if (!o.office_code)
        return cli_usage("init", "%s", _("thiếu --office-code"));
    if (!o.office_name)
        return cli_usage("init", "%s", _("thiếu --office-name"));
    if (!o.admin_login)
        return cli_usage("init", "%s", _("thiếu --admin"));
    char *pw = NULL;
    if (pw_stdin)
        pw = cli_read_line(stdin);
    else if (getenv("MOTCUA_PASSWORD"))
        pw = mc_xstrdup(getenv("MOTCUA_PASSWORD"));
    if (!pw)
        return cli_usage("init", "%s",
                         _("cần mật khẩu quản trị: --password-stdin"));
    o.admin_password = pw;
    const char *path = cli_db_path(ctx);
    cli_make_parent(path);
    desk_import_report rep = {0};
    o.report = &rep;
    mc_error err = {0};
    mc_status rc = desk_init(path, &o, &err);
    free(pw);
    if (rc)
        return cli_fail(ctx, &err);
    if (ctx->json)
        return cli_print_json(json_pack(
            "{s:s, s:s, s:s, s:s, s:{s:i, s:i}}", "db", path, "office_code",
            o.office_code, "office_name", o.office_name, "admin",
            o.admin_login, "catalogue", "procedures", rep.added, "skipped",
            rep.skipped));
    printf(_("Đã khởi tạo %s cho văn phòng %s (%s); quản trị viên: %s; danh "
             "mục: %d thủ tục%s\n"),
           path, o.office_name, o.office_code, o.admin_login, rep.added,
           rep.skipped ? _(" (có tệp bị bỏ qua, xem ở trên)") : "");
    return 0;
}
