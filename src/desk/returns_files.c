/* SPDX-License-Identifier: GPL-3.0-or-later */
/* returns_files.c - the electronic result file (returns_files.h). */
#include "returns_files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "desk_returns.h"

#define RESULT_MAX_BYTES (20L * 1024 * 1024)

void returns_file_free(returns_file *f)
{
    desk_files_discard(&f->staged);
    free(f->signer);
    memset(f, 0, sizeof *f);
}

static mc_status read_all(const char *path, unsigned char **out, size_t *n,
                          mc_error *err)
{
    *out = NULL;
    *n = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return mc_fail(err, MC_EIO, "result",
                       _("Không đọc được tệp kết quả %s: %s"), path,
                       fd >= 0 ? _("không phải tệp thường") : strerror(e));
    }
    if (st.st_size > RESULT_MAX_BYTES) {
        close(fd);
        return mc_fail(err, MC_ELIMIT, "result",
                       _("Tệp kết quả %s lớn quá %ld MiB"), path,
                       RESULT_MAX_BYTES / (1024 * 1024));
    }
    size_t len = (size_t)st.st_size, got = 0;
    unsigned char *buf = mc_xmalloc(len ? len : 1);
    while (got < len) {
        ssize_t k = read(fd, buf + got, len - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    close(fd);
    if (got != len) {
        free(buf);
        return mc_fail(err, MC_EIO, "result",
                       _("Không đọc hết tệp kết quả %s"), path);
    }
    *out = buf;
    *n = len;
    return MC_OK;
}

static bool looks_pdf(const unsigned char *b, size_t n)
{
    if (n < 16 || memcmp(b, "%PDF-", 5) != 0)
        return false;
    size_t tail = n < 1024 ? n : 1024;
    for (size_t i = n - tail; i + 5 <= n; i++)
        if (memcmp(b + i, "%%EOF", 5) == 0)
            return true;
    return false;
}

mc_status returns_file_prepare(mc_desk *d, const char *code, const char *path,
                               mc_ts now, returns_file *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    unsigned char *bytes = NULL, *signed_bytes = NULL;
    size_t n = 0, sn = 0;
    const char *tdir = getenv("TMPDIR");
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s/motcua-result-XXXXXX",
             tdir && *tdir == '/' ? tdir : "/tmp");
    int tfd = -1;
    mc_status rc = read_all(path, &bytes, &n, err);
    if (rc)
        return rc;
    if (!looks_pdf(bytes, n)) {
        rc = mc_fail(err, MC_EINVAL, "result",
                     _("Tệp kết quả %s không phải tệp PDF hoàn chỉnh (thiếu "
                       "%%PDF- ở đầu hoặc %%%%EOF ở cuối)"),
                     path);
        goto out;
    }
    const char *base = strrchr(path, '/');
    const char *name = base ? base + 1 : path;
    const char *keep_path = path;
    if (desk_return_can_sign(d)) {
        char *reason = mc_xasprintf("Kết quả giải quyết hồ sơ %s", code);
        rc = desk_pdf_sign(bytes, n, cfg_get(d->cfg, "returns", "sign_cert"),
                           cfg_get(d->cfg, "returns", "sign_key"),
                           desk_office_name(d), reason, now, &signed_bytes,
                           &sn, err);
        free(reason);
        if (rc)
            goto out;
        tfd = mkstemp(tmp);
        size_t put = 0;
        while (tfd >= 0 && put < sn) {
            ssize_t k = write(tfd, signed_bytes + put, sn - put);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break;
            put += (size_t)k;
        }
        if (tfd < 0 || put != sn || fsync(tfd) != 0) {
            rc = mc_fail(err, MC_EIO, "result",
                         _("Không ghi được tệp kết quả đã ký: %s"),
                         strerror(errno));
            goto out;
        }
        keep_path = tmp;
        out->is_signed = true;
        out->signer = mc_xstrdup(desk_office_name(d));
    }
    rc = desk_files_stage(d, keep_path, name, &out->staged, err);
out:
    if (tfd >= 0) {
        close(tfd);
        unlink(tmp);
    }
    free(bytes);
    free(signed_bytes);
    if (rc)
        returns_file_free(out);
    return rc;
}

mc_status returns_file_record_locked(mc_desk *d, const mc_dossier *ds,
                                     returns_file *f, mc_error *err)
{
    desk_files_record_in in = {
        .dossier_id = ds->id, .code = ds->code, .role = DESK_FILE_RESULT,
        .paper = 0, .source = f->is_signed ? DESK_SRC_DESK : DESK_SRC_FILE,
        .files = &f->staged, .n_files = 1,
    };
    int added = 0, skipped = 0;
    return desk_files_record_locked(d, &in, &added, &skipped, err);
}
