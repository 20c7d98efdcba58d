/* SPDX-License-Identifier: GPL-3.0-or-later */
/* backup_files.c - the dossier files of a backup: copied beside the backup
 * file and back into an office's files folder, each checked by SHA-256
 * (desk_backup.h, backup_files_internal.h).
 *
 * A files folder holds content-addressed copies (<dir>/ab/<sha256>), so a
 * file whose bytes hash to its name is right wherever it came from: such a
 * file is never copied again, and a copy is only made visible (renamed to
 * its name) once its bytes, as written and fsync'd, hash to that name. */
#include "backup_files_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk_files_internal.h"
#include "desk_internal.h"
#include "log.h"

#define CHUNK (256 * 1024)
/* failing files named in a backup's message (the log names every one) */
#define BF_NAMED 3

char *desk_backup_files_dir(const char *backup)
{
    return mc_xasprintf("%s.files", backup);
}

typedef enum bf_state {
    BF_OK,
    BF_MISSING,
    BF_DAMAGED,
} bf_state;

static char *blob_at(const char *dir, const char *sha)
{
    return mc_xasprintf("%s/%.2s/%s", dir, sha, sha);
}

/* mkdir 0700 when missing; *made tells whether it was made now */
static mc_status ensure_dir(const char *dir, bool *made, mc_error *err)
{
    if (made)
        *made = false;
    if (mkdir(dir, 0700) == 0) {
        if (made)
            *made = true;
        return MC_OK;
    }
    if (errno == EEXIST) {
        struct stat st;
        if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
            return MC_OK;
        errno = ENOTDIR;
    }
    return mc_fail(err, MC_EIO, "files.dir",
                   _("Không tạo được thư mục lưu tệp %s: %s"), dir,
                   strerror(errno));
}

static mc_status fsync_dir(const char *dir, mc_error *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        mc_status rc = mc_fail(err, MC_EIO, "files.dir",
                               _("Không ghi xuống đĩa được %s: %s"), dir,
                               strerror(errno));
        if (fd >= 0)
            close(fd);
        return rc;
    }
    close(fd);
    return MC_OK;
}

/* Open a stored file for reading: a regular file, or why not. */
static int open_blob(const char *path, bf_state *st, char *why, size_t n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        *st = errno == ENOENT ? BF_MISSING : BF_DAMAGED;
        snprintf(why, n, *st == BF_MISSING ? _("không có tệp (%s)")
                                           : _("không đọc được (%s)"),
                 strerror(errno));
        return -1;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        *st = BF_DAMAGED;
        snprintf(why, n, "%s", _("không phải là một tệp thông thường"));
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

/* Whether the hash and size of what was read match the expected ones. */
static bool digest_matches(desk_sha256 *h, int64_t got, const char *sha,
                           int64_t size, char *why, size_t n)
{
    unsigned char bin[crypto_hash_sha256_BYTES];
    char hex[65];
    if (!desk_sha256_final(h, bin)) {
        snprintf(why, n, "%s", _("không tính được mã băm"));
        return false;
    }
    sodium_bin2hex(hex, sizeof hex, bin, sizeof bin);
    if (strcmp(hex, sha) != 0) {
        snprintf(why, n, _("hỏng: mã băm SHA-256 là %.12s…, không phải "
                           "%.12s…"),
                 hex, sha);
        return false;
    }
    if (got != size) {
        snprintf(why, n, _("hỏng: %lld byte, không phải %lld"),
                 (long long)got, (long long)size);
        return false;
    }
    return true;
}

/* Read `path` whole and check it against its hash and size. */
static bf_state check_blob(const char *path, const char *sha, int64_t size,
                           char *why, size_t n)
{
    bf_state st = BF_OK;
    int fd = open_blob(path, &st, why, n);
    if (fd < 0)
        return st;
    desk_sha256 h;
    desk_sha256_init(&h);
    unsigned char *buf = mc_xmalloc(CHUNK);
    int64_t total = 0;
    for (;;) {
        ssize_t r = read(fd, buf, CHUNK);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            snprintf(why, n, _("không đọc được (%s)"), strerror(errno));
            desk_sha256_abort(&h);
            st = BF_DAMAGED;
            goto out;
        }
        if (r == 0)
            break;
        total += r;
        desk_sha256_update(&h, buf, (size_t)r);
    }
    st = digest_matches(&h, total, sha, size, why, n) ? BF_OK : BF_DAMAGED;
out:
    free(buf);
    close(fd);
    return st;
}

/* Copy the stored file `sha` from src_dir into dst_dir (see the top of
 * this file).  A source missing or damaged: *st says so, nothing is left
 * behind and MC_OK is returned; failing to write dst_dir is an error. */
static mc_status copy_blob(const char *src_dir, const char *dst_dir,
                           const char *sha, int64_t size, bf_state *st,
                           char *why, size_t n, mc_error *err)
{
    *st = BF_OK;
    char *src = blob_at(src_dir, sha);
    int in = open_blob(src, st, why, n);
    free(src);
    if (in < 0)
        return MC_OK;
    char *sub = mc_xasprintf("%s/%.2s", dst_dir, sha);
    char *final = blob_at(dst_dir, sha);
    char *tmp = NULL;
    unsigned char *buf = NULL;
    int out = -1;
    bool made = false;
    desk_sha256 h;
    bool hashing = false;
    mc_status rc = ensure_dir(sub, &made, err);
    if (rc)
        goto done;
    tmp = mc_xasprintf("%s/.copy-XXXXXX", sub);
    out = mkstemp(tmp); /* mode 0600 */
    if (out < 0) {
        rc = mc_fail(err, MC_EIO, "files.dir",
                     _("Không tạo được tệp tạm trong %s: %s"), sub,
                     strerror(errno));
        free(tmp);
        tmp = NULL;
        goto done;
    }
    desk_sha256_init(&h);
    hashing = true;
    buf = mc_xmalloc(CHUNK);
    int64_t total = 0;
    for (;;) {
        ssize_t r = read(in, buf, CHUNK);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            *st = BF_DAMAGED;
            snprintf(why, n, _("không đọc được (%s)"), strerror(errno));
            goto done;
        }
        if (r == 0)
            break;
        total += r;
        desk_sha256_update(&h, buf, (size_t)r);
        for (ssize_t off = 0; off < r;) {
            ssize_t w = write(out, buf + off, (size_t)(r - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                rc = mc_fail(err, MC_EIO, "files.dir",
                             _("Không ghi được %s: %s"), tmp,
                             strerror(errno));
                goto done;
            }
            off += w;
        }
    }
    hashing = false;
    if (!digest_matches(&h, total, sha, size, why, n)) {
        *st = BF_DAMAGED;
        goto done;
    }
    if (fsync(out) != 0) {
        rc = mc_fail(err, MC_EIO, "files.dir",
                     _("Không ghi xuống đĩa được %s: %s"), tmp,
                     strerror(errno));
        goto done;
    }
    close(out);
    out = -1;
    if (rename(tmp, final) != 0) {
        rc = mc_fail(err, MC_EIO, "files.dir",
                     _("Không đổi tên %s thành %s: %s"), tmp, final,
                     strerror(errno));
        goto done;
    }
    free(tmp);
    tmp = NULL;
    rc = fsync_dir(sub, err);
    if (!rc && made)
        rc = fsync_dir(dst_dir, err);
done:
    if (hashing)
        desk_sha256_abort(&h);
    if (out >= 0)
        close(out);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    close(in);
    free(buf);
    free(sub);
    free(final);
    return rc;
}

static bool same_dir(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

mc_status bf_backup_copy(const char *db_copy, const char *live_dir,
                         const char *out_dir, desk_backup_report *rep,
                         char *first_failure, size_t n, mc_error *err)
{
    first_failure[0] = '\0';
    store_blob_ref *refs = NULL;
    size_t nrefs = 0;
    mc_status rc = store_blob_refs(db_copy, &refs, &nrefs, err);
    if (rc)
        return rc;
    rep->files = (int)nrefs;
    if (nrefs == 0)
        goto out;
    if (same_dir(live_dir, out_dir)) {
        rc = mc_fail(err, MC_EINVAL, "file",
                     _("%s là chính thư mục lưu tệp của văn phòng "
                       "(files.dir); hãy chọn tên tệp sao lưu khác"),
                     out_dir);
        goto out;
    }
    bool made = false;
    if ((rc = ensure_dir(out_dir, &made, err)))
        goto out;
    for (size_t i = 0; i < nrefs && !rc; i++) {
        const store_blob_ref *b = &refs[i];
        char why[256];
        char *have = blob_at(out_dir, b->sha256);
        bf_state st = check_blob(have, b->sha256, b->size, why, sizeof why);
        free(have);
        if (st == BF_OK) {
            rep->files_present++;
            rep->bytes_present += b->size;
            continue;
        }
        rc = copy_blob(live_dir, out_dir, b->sha256, b->size, &st, why,
                       sizeof why, err);
        if (rc)
            break;
        if (st == BF_OK) {
            rep->files_copied++;
            rep->bytes_copied += b->size;
            continue;
        }
        rep->files_failed++;
        mc_log(MC_LOG_ERR, "backup: file %s of dossier %s (%s) in %s: %s",
               b->name, b->code, b->sha256, live_dir, why);
        if (rep->files_failed <= BF_NAMED) {
            /* the first few, each whole, in the message; all in the log */
            size_t used = strlen(first_failure);
            snprintf(first_failure + used, n - used,
                     rep->files_failed > 1 ? _("; hồ sơ %s, tệp \"%s\" (%s): %s")
                                           : _("hồ sơ %s, tệp \"%s\" (%s): %s"),
                     b->code, b->name, b->sha256, why);
        }
    }
    if (!rc && made)
        rc = fsync_dir(out_dir, err);
out:
    store_blob_refs_free(refs, nrefs);
    return rc;
}

void bf_plan_free(bf_plan *plan)
{
    store_blob_refs_free(plan->refs, plan->n);
    free(plan->copy);
    memset(plan, 0, sizeof *plan);
}

mc_status bf_restore_plan(const char *db_copy, const char *backup,
                          const char *backup_dir, const char *target_dir,
                          bool allow_missing, bf_plan *plan,
                          desk_restore_report *rep, mc_error *err)
{
    memset(plan, 0, sizeof *plan);
    mc_status rc = store_blob_refs(db_copy, &plan->refs, &plan->n, err);
    if (rc || plan->n == 0)
        return rc;
    rep->files = (int)plan->n;
    plan->copy = mc_xcalloc(plan->n, sizeof *plan->copy);
    struct stat sb;
    bool have_dir = stat(backup_dir, &sb) == 0 && S_ISDIR(sb.st_mode);
    int missing = 0, damaged = 0;
    char first[640] = "";
    for (size_t i = 0; i < plan->n; i++) {
        const store_blob_ref *b = &plan->refs[i];
        char why[256];
        char *at = blob_at(target_dir, b->sha256);
        bf_state st = check_blob(at, b->sha256, b->size, why, sizeof why);
        free(at);
        if (st == BF_OK) {
            rep->files_present++;
            continue;
        }
        if (have_dir) {
            at = blob_at(backup_dir, b->sha256);
            st = check_blob(at, b->sha256, b->size, why, sizeof why);
            free(at);
        } else {
            st = BF_MISSING;
        }
        if (st == BF_OK) {
            plan->copy[i] = true;
            continue;
        }
        if (st == BF_MISSING)
            missing++;
        else
            damaged++;
        rep->files_missing++;
        if (!first[0] && have_dir)
            snprintf(first, sizeof first, _("hồ sơ %s, tệp \"%s\" (%s): %s"),
                     b->code, b->name, b->sha256, why);
    }
    if (!rep->files_missing || allow_missing)
        return MC_OK;
    if (!have_dir)
        return mc_fail(err, MC_ENOTFOUND, "file",
                       _("Bản sao lưu %s có %d tệp hồ sơ nhưng không có thư "
                         "mục tệp %s: khôi phục bây giờ thì các "
                         "hồ sơ mất bản quét. Hãy đặt thư mục đó cạnh bản "
                         "sao lưu (hoặc chỉ ra nó bằng --backup-files), hoặc "
                         "dùng --allow-missing-files nếu chấp nhận mất tệp"),
                       backup, rep->files_missing, backup_dir);
    if (damaged)
        return mc_fail(err, MC_EIO, "file",
                       _("%d tệp hồ sơ trong %s bị hỏng, %d bị thiếu (đầu "
                         "tiên: %s); chưa thay đổi gì. Dùng "
                         "--allow-missing-files nếu chấp nhận mất các tệp "
                         "đó"),
                       damaged, backup_dir, missing, first);
    return mc_fail(err, MC_ENOTFOUND, "file",
                   _("%d tệp hồ sơ bị thiếu trong %s (đầu tiên: %s); chưa "
                     "thay đổi gì. Dùng --allow-missing-files nếu chấp "
                     "nhận mất các tệp đó"),
                   missing, backup_dir, first);
}

mc_status bf_restore_copy(const bf_plan *plan, const char *backup_dir,
                          const char *target_dir, desk_restore_report *rep,
                          mc_error *err)
{
    bool any = false;
    for (size_t i = 0; i < plan->n; i++)
        any = any || plan->copy[i];
    if (!any)
        return MC_OK;
    bool made = false;
    mc_status rc = ensure_dir(target_dir, &made, err);
    for (size_t i = 0; i < plan->n && !rc; i++) {
        if (!plan->copy[i])
            continue;
        const store_blob_ref *b = &plan->refs[i];
        bf_state st;
        char why[256];
        rc = copy_blob(backup_dir, target_dir, b->sha256, b->size, &st, why,
                       sizeof why, err);
        if (!rc && st != BF_OK)
            /* it was checked a moment ago: changed since */
            rc = mc_fail(err, MC_EIO, "file",
                         _("Tệp hồ sơ trong %s vừa thay đổi: hồ sơ %s, tệp "
                           "\"%s\" (%s): %s"),
                         backup_dir, b->code, b->name, b->sha256, why);
        if (!rc) {
            rep->files_restored++;
            rep->bytes_restored += b->size;
        }
    }
    if (!rc && made)
        rc = fsync_dir(target_dir, err);
    return rc;
}
