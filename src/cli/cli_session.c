/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_session.c - where a sign-in session's token lives between commands:
 * $MOTCUA_SESSION (scripts, concurrent jobs), else a 0600 file under
 * $XDG_RUNTIME_DIR (the login's own, gone at log-out of the system). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static bool login_usable(const char *login)
{
    size_t n = login ? strlen(login) : 0;
    if (n < 1 || n > 64)
        return false;
    for (const char *p = login; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '_' || *p == '-'))
            return false;
    return login[0] != '.';
}

bool cli_session_path(cli_ctx *ctx, const char *login, char *out, size_t n)
{
    const char *run = getenv("XDG_RUNTIME_DIR");
    if (!run || run[0] != '/' || !login_usable(login))
        return false;
    /* one file per database: FNV-1a of its absolute path names it */
    const char *db = cli_db_path(ctx);
    char real[PATH_MAX];
    if (!realpath(db, real))
        snprintf(real, sizeof real, "%s", db);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)real; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    int w = snprintf(out, n, "%s/motcua/session-%016llx-%s", run,
                     (unsigned long long)h, login);
    return w > 0 && (size_t)w < n;
}

char *cli_session_token(cli_ctx *ctx, const char *login, bool *from_env)
{
    *from_env = false;
    const char *env = getenv("MOTCUA_SESSION");
    if (env && *env) {
        *from_env = true;
        return mc_xstrdup(env);
    }
    return cli_session_file_token(ctx, login);
}

char *cli_session_file_token(cli_ctx *ctx, const char *login)
{
    char path[PATH_MAX];
    if (!cli_session_path(ctx, login, path, sizeof path))
        return NULL;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    /* only a file of our own that nobody else can read */
    struct stat st;
    char buf[128];
    ssize_t got = -1;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_uid == getuid() && (st.st_mode & 077) == 0)
        got = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (got <= 0)
        return NULL;
    buf[got] = '\0';
    buf[strcspn(buf, "\r\n")] = '\0';
    return mc_xstrdup(buf);
}
