/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_session.c - motcua --user LOGIN login [--print]
 *                 motcua --user LOGIN logout
 * One argon2id check at login; later commands of the same user pass the
 * session instead (cli_desk). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

static int write_token(const char *path, const char *token)
{
    if (cli_make_parent(path) != 0)
        return -1;
    char tmp[PATH_MAX + 8];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  0600);
    if (fd < 0)
        return -1;
    size_t n = strlen(token);
    bool ok = write(fd, token, n) == (ssize_t)n && write(fd, "\n", 1) == 1;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

int cmd_login(cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"print", no_argument, NULL, 'p'},
        {0, 0, 0, 0},
    };
    bool print = false;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'p': print = true; break;
        default: return 2;
        }
    }
    if (optind < argc)
        return cli_usage("login", _("thừa tham số \"%s\""), argv[optind]);
    char path[PATH_MAX];
    bool have_path = cli_session_path(ctx, ctx->user, path, sizeof path);
    mc_error err = {0};
    if (!print && !have_path) {
        mc_fail(&err, MC_EINVAL, "session",
                _("Không có chỗ lưu phiên: XDG_RUNTIME_DIR chưa đặt (hoặc tên "
                  "đăng nhập lạ); dùng --print và biến MOTCUA_SESSION"));
        return cli_fail(ctx, &err);
    }
    int rc;
    ctx->password_only = true; /* a new session needs the password itself */
    mc_desk *d = cli_desk(ctx, true, &rc);
    ctx->password_only = false;
    if (!d)
        return rc;
    char token[DESK_SESSION_TOKEN_LEN + 1];
    if (desk_session_start(d, token, &err))
        return cli_fail(ctx, &err);
    rc = 0;
    if (!print) {
        /* a new session replaces the one this file held */
        char *prev = cli_session_file_token(ctx, desk_user(d)->login);
        mc_error e2 = {0};
        if (prev && desk_session_end(d, desk_user(d)->login, prev, &e2) &&
            e2.code != MC_ENOTFOUND && e2.code != MC_EAUTH)
            fprintf(stderr, "motcua: %s\n", e2.msg);
        if (prev)
            sodium_memzero(prev, strlen(prev));
        free(prev);
    }
    if (print) {
        if (ctx->json)
            cli_print_json(json_pack("{s:s, s:s}", "user",
                                     desk_user(d)->login, "token", token));
        else
            printf("%s\n", token);
    } else if (write_token(path, token) != 0) {
        mc_fail(&err, MC_EIO, "session", _("Không ghi được %s: %s"), path,
                strerror(errno));
        rc = cli_fail(ctx, &err);
        /* nobody holds this token: end it at once */
        mc_error e2 = {0};
        if (desk_session_end(d, desk_user(d)->login, token, &e2))
            fprintf(stderr, "motcua: %s\n", e2.msg);
    } else if (ctx->json) {
        cli_print_json(json_pack("{s:s, s:s}", "user", desk_user(d)->login,
                                 "file", path));
    } else {
        printf(_("Đã mở phiên cho %s (lưu ở %s); kết thúc bằng motcua "
                 "logout\n"),
               desk_user(d)->login, path);
    }
    sodium_memzero(token, sizeof token);
    return rc;
}

int cmd_logout(cli_ctx *ctx, int argc, char **argv)
{
    if (argc > 1)
        return cli_usage("logout", _("thừa tham số \"%s\""), argv[1]);
    mc_error err = {0};
    if (!ctx->user) {
        mc_fail(&err, MC_EAUTH, "user",
                _("Cần --user TÊN (hoặc MOTCUA_USER) để kết thúc phiên"));
        return cli_fail(ctx, &err);
    }
    bool from_env = false;
    char *token = cli_session_token(ctx, ctx->user, &from_env);
    if (!token) {
        mc_fail(&err, MC_ENOTFOUND, "session",
                _("Không có phiên đăng nhập nào của %s (MOTCUA_SESSION hoặc "
                  "tệp phiên)"),
                ctx->user);
        return cli_fail(ctx, &err);
    }
    int rc;
    mc_desk *d = cli_desk(ctx, false, &rc);
    if (d) {
        mc_status st = desk_session_end(d, ctx->user, token, &err);
        /* an already ended session's file goes all the same */
        rc = st && st != MC_ENOTFOUND ? cli_fail(ctx, &err) : 0;
        char path[PATH_MAX];
        if (!from_env && rc == 0 &&
            cli_session_path(ctx, ctx->user, path, sizeof path))
            unlink(path);
        if (rc == 0 && ctx->json)
            cli_print_json(json_pack("{s:s, s:b}", "user", ctx->user,
                                     "was_live", st == MC_OK));
        else if (rc == 0)
            printf(st == MC_OK ? _("Đã kết thúc phiên của %s\n")
                               : _("Phiên của %s đã kết thúc từ trước\n"),
                   ctx->user);
    }
    sodium_memzero(token, strlen(token));
    free(token);
    return rc;
}
