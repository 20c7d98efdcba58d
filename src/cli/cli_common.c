/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_common.c - what every subcommand shares: the database path, sign-in,
 * error printing, JSON output. */
#include "cli.h"

#include "config.h"
#include "vntext.h"

#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

void cli_reset_getopt(void)
{
    optind = 0; /* glibc: 0 also resets its internal state */
    opterr = 1;
}

bool cli_parse_long(const char *s, long lo, long hi, long *out)
{
    if (!s)
        return false;
    const char *p = s[0] == '-' ? s + 1 : s;
    if (*p < '0' || *p > '9')
        return false;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || errno == ERANGE || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "motcua %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 2;
}

int cli_fail(cli_ctx *ctx, const mc_error *err)
{
    fprintf(stderr, "motcua: %s\n", err->msg[0] ? err->msg : mc_status_tag(err->code));
    if (ctx && ctx->json) {
        json_t *e = json_pack("{s:{s:s, s:s, s:s}}", "error", "code",
                              mc_status_tag(err->code), "field", err->field,
                              "message", err->msg);
        cli_print_json(e);
    }
    int ec = mc_status_exit_code(err->code);
    return ec ? ec : 1;
}

int cli_print_json(json_t *v)
{
    char *s = json_dumps(v, JSON_INDENT(2) | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    json_decref(v);
    return 0;
}

/* $XDG_DATA_HOME/motcua/motcua.db or ~/.local/share/motcua/motcua.db */
static char *default_db_path(void)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && *xdg)
        return mc_xasprintf("%s/motcua/motcua.db", xdg);
    const char *home = getenv("HOME");
    return mc_xasprintf("%s/.local/share/motcua/motcua.db",
                        home && *home ? home : ".");
}

const char *cli_db_path(cli_ctx *ctx)
{
    static char *fallback;
    if (ctx->db_path)
        return ctx->db_path;
    const char *env = getenv("MOTCUA_DB");
    if (env && *env)
        return ctx->db_path = env;
    if (!fallback)
        fallback = default_db_path();
    return ctx->db_path = fallback;
}

/* Read one line (without its newline) from a stream; NULL at EOF. */
char *cli_read_line(FILE *in)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, in);
    if (n < 0) {
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return line;
}

char *cli_password(const char *login)
{
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty)
        return NULL;
    fprintf(tty, _("Mật khẩu của %s: "), login);
    fflush(tty);
    struct termios old, quiet;
    int fd = fileno(tty);
    bool restore = tcgetattr(fd, &old) == 0;
    if (restore) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    char *pw = cli_read_line(tty);
    if (restore)
        tcsetattr(fd, TCSAFLUSH, &old);
    fputc('\n', tty);
    fclose(tty);
    return pw;
}

mc_desk *cli_desk(cli_ctx *ctx, bool login, int *rc)
{
    mc_error err = {0};
    *rc = 0;
    if (!ctx->desk) {
        if (!ctx->cfg && cfg_load(ctx->config_path, &ctx->cfg, &err) != MC_OK) {
            *rc = cli_fail(ctx, &err);
            return NULL;
        }
        if (desk_open(cli_db_path(ctx), &ctx->desk, &err) != MC_OK) {
            *rc = cli_fail(ctx, &err);
            return NULL;
        }
        desk_configure(ctx->desk, ctx->cfg);
    }
    if (login && !desk_user(ctx->desk)->login) {
        if (!ctx->user) {
            mc_fail(&err, MC_EAUTH, "user",
                    _("Cần đăng nhập: dùng --user TÊN (mật khẩu trong "
                      "MOTCUA_PASSWORD hoặc nhập từ bàn phím)"));
            *rc = cli_fail(ctx, &err);
            return NULL;
        }
        const char *env = getenv("MOTCUA_PASSWORD");
        /* a live session (motcua login) stands for the password */
        bool tok_env = false;
        char *tok = ctx->password_only
                        ? NULL
                        : cli_session_token(ctx, ctx->user, &tok_env);
        if (tok) {
            mc_status st = desk_session_resume(ctx->desk, ctx->user, tok, &err);
            sodium_memzero(tok, strlen(tok));
            free(tok);
            if (st == MC_OK)
                return ctx->desk;
            /* a stale session file gives way to the password when there
             * is one; MOTCUA_SESSION was asked for explicitly */
            if (st != MC_EAUTH || tok_env ||
                (!env && !isatty(STDIN_FILENO))) {
                *rc = cli_fail(ctx, &err);
                return NULL;
            }
            memset(&err, 0, sizeof err);
        }
        char *asked = NULL;
        if (!env && isatty(STDIN_FILENO))
            asked = cli_password(ctx->user);
        const char *pw = env ? env : asked;
        mc_status st = desk_login(ctx->desk, ctx->user, pw ? pw : "", &err);
        free(asked);
        if (st != MC_OK) {
            *rc = cli_fail(ctx, &err);
            return NULL;
        }
    }
    return ctx->desk;
}

/* mkdir -p for the parent folder of a file (mode 0700 for new folders). */
int cli_make_parent(const char *path)
{
    char *copy = mc_xstrdup(path);
    char *slash = strrchr(copy, '/');
    int rc = 0;
    if (slash && slash != copy) {
        *slash = '\0';
        for (char *p = copy + 1; *p; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            if (mkdir(copy, 0700) != 0 && errno != EEXIST)
                rc = -1;
            *p = '/';
        }
        if (mkdir(copy, 0700) != 0 && errno != EEXIST)
            rc = -1;
    }
    free(copy);
    return rc;
}

void cli_cell(const char *s, int width, bool left)
{
    if (!s)
        s = "";
    int pad = width - (int)vn_length(s);
    if (!left)
        for (int i = 0; i < pad; i++)
            fputc(' ', stdout);
    fputs(s, stdout);
    if (left)
        for (int i = 0; i < pad; i++)
            fputc(' ', stdout);
}
