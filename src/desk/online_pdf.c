/* SPDX-License-Identifier: GPL-3.0-or-later */
/* online_pdf.c - keep the Mẫu 02 / Mẫu 03 sent for an online decision in
 * the receipts folder (desk_online.h).  Its own file: it uses the print
 * side of the desk (the receipts folder), which online.c does not need. */
#include "desk_online.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk_print.h"

mc_status desk_online_save_pdf(mc_desk *d, const struct mc_config *cfg,
                               const char *file, const char *decision,
                               const char *portal_ref,
                               const unsigned char *pdf, size_t len,
                               char **where, mc_error *err)
{
    *where = NULL;
    char *path;
    if (file && *file) {
        path = mc_xstrdup(file);
    } else {
        char *dir = desk_print_receipts_dir(d, cfg);
        mkdir(dir, 0700);
        path = mc_xasprintf("%s/online-%s-%s.pdf", dir, decision, portal_ref);
        free(dir);
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    bool ok = fd >= 0 && write(fd, pdf, len) == (ssize_t)len;
    int e = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        mc_status rc = mc_fail(err, MC_EIO, "pdf",
                               _("Không lưu được phiếu PDF vào %s: %s"), path,
                               strerror(e));
        free(path);
        return rc;
    }
    *where = path;
    return MC_OK;
}
