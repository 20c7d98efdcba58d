/* SPDX-License-Identifier: GPL-3.0-or-later */
/* output.c - the byte buffer and the atomic file writer. */
#include "printers.h"

#include <errno.h>
#include <pango/pangocairo.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void pr_buf_free(pr_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void pr_buf_add(pr_buf *b, const void *p, size_t n)
{
    if (b->overflow)
        return;
    if (n > PR_BUF_MAX - b->len) {
        b->overflow = true;
        return;
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 16384;
        while (cap < b->len + n)
            cap *= 2;
        if (cap > PR_BUF_MAX)
            cap = PR_BUF_MAX;
        b->data = mc_xrealloc(b->data, cap);
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

/* mkdir -p for the folder of `path` (0700: receipts carry citizens' personal
 * data). */
static int make_parent(const char *path)
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

mc_status pr_write_file(const char *path, const unsigned char *data,
                        size_t len, mc_error *err)
{
    if (!path || !*path)
        return mc_fail(err, MC_EINVAL, "file", _("Chưa có tên tệp để ghi"));
    make_parent(path);
    char *tmp = mc_xasprintf("%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    mc_status rc = MC_OK;
    if (fd < 0) {
        rc = mc_fail(err, MC_EIO, "file", _("Không ghi được tệp %s: %s"), path,
                     strerror(errno));
        goto out;
    }
    fchmod(fd, 0600); /* personal data: the desk user only */
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            rc = mc_fail(err, MC_EIO, "file", _("Không ghi được tệp %s: %s"),
                         path, strerror(errno));
            break;
        }
        off += (size_t)n;
    }
    if (!rc && fsync(fd) != 0)
        rc = mc_fail(err, MC_EIO, "file", _("Không ghi được tệp %s: %s"), path,
                     strerror(errno));
    close(fd);
    if (!rc && rename(tmp, path) != 0)
        rc = mc_fail(err, MC_EIO, "file", _("Không ghi được tệp %s: %s"), path,
                     strerror(errno));
    if (rc)
        unlink(tmp);
out:
    free(tmp);
    return rc;
}

void pr_shutdown(void)
{
    /* (not cairo_debug_reset_static_data: Debian's cairo asserts when a
     * scaled font is still cached, and its static data stays reachable) */
    pango_cairo_font_map_set_default(NULL);
}

/* fontconfig 2.14 (Debian 12) leaks a pattern while parsing its own
 * configuration in pango's font-loading thread; nothing of ours can free
 * it.  Sanitizer builds read their suppressions from this hook, which is
 * an ordinary unused function otherwise. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}
