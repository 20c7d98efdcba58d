/* SPDX-License-Identifier: GPL-3.0-or-later */
/* files.c - dossier files: the content-addressed store on disk and the
 * attach use case (desk_files.h). */
#include "desk_files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "desk_files_internal.h"
#include "desk_internal.h"
#include "scanfile.h"
#include "store_files.h"

#define MIB ((int64_t)1024 * 1024)
#define COPY_CHUNK (256 * 1024)

static long cfg_long(const mc_desk *d, const char *sec, const char *key,
                     long def)
{
    return d->cfg ? cfg_get_int(d->cfg, sec, key, def) : def;
}

int64_t desk_files_max_file(const mc_desk *d)
{
    return (int64_t)cfg_long(d, "files", "max_file_mib", 20) * MIB;
}

int64_t desk_files_max_dossier(const mc_desk *d)
{
    return (int64_t)cfg_long(d, "files", "max_dossier_mib", 200) * MIB;
}

bool desk_scans_mandatory(const mc_desk *d)
{
    const char *v = d->cfg ? cfg_get(d->cfg, "scans", "mandatory") : NULL;
    return v && strcmp(v, "yes") == 0;
}

char *desk_files_dir(const mc_desk *d)
{
    return desk_files_dir_for(d->cfg, d->db_path);
}

char *desk_files_dir_for(const mc_config *cfg, const char *db)
{
    const char *dir = cfg ? cfg_get(cfg, "files", "dir") : NULL;
    if (dir && *dir)
        return mc_xstrdup(dir);
    const char *slash = strrchr(db, '/');
    if (!slash)
        return mc_xstrdup("files");
    if (slash == db)
        return mc_xstrdup("/files");
    return mc_xasprintf("%.*s/files", (int)(slash - db), db);
}

static bool hash_ok(const char *h)
{
    if (!h || strlen(h) != 64)
        return false;
    for (const char *p = h; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

static char *blob_path(const char *dir, const char *sha)
{
    return mc_xasprintf("%s/%.2s/%s", dir, sha, sha);
}

mc_status desk_files_blob_path(mc_desk *d, const char *sha256, char **path,
                               mc_error *err)
{
    *path = NULL;
    if (!hash_ok(sha256))
        return mc_fail(err, MC_EINVAL, "sha256",
                       _("Mã băm SHA-256 phải gồm 64 chữ số hệ 16 viết "
                         "thường"));
    store_blob b;
    mc_status rc = store_blob_get(d->store, sha256, &b, err);
    if (rc)
        return rc;
    store_blob_free(&b);
    char *dir = desk_files_dir(d);
    char *p = blob_path(dir, sha256);
    free(dir);
    if (access(p, R_OK) != 0) {
        rc = mc_fail(err, MC_ENOTFOUND, "sha256",
                     _("Tệp %s không còn trong thư mục lưu trữ (%s)"), sha256,
                     strerror(errno));
        free(p);
        return rc;
    }
    *path = p;
    return MC_OK;
}

/* mkdir (0700) when missing */
static mc_status ensure_dir(const char *dir, mc_error *err)
{
    if (mkdir(dir, 0700) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
            return MC_OK;
        errno = ENOTDIR;
    }
    return mc_fail(err, MC_EIO, "files.dir",
                   _("Không tạo được thư mục lưu tệp %s: %s"), dir,
                   strerror(errno));
}

static mc_status ensure_dirs(const char *dir, mc_error *err)
{
    /* the parent folders of a configured path are the admin's; the files
     * folder itself is made here */
    return ensure_dir(dir, err);
}

/* Temporary copies left by a desk that stopped (a crash, a power cut)
 * between staging and saving: removed once a week old (a draft kept over a
 * weekend still finds its copies). */
#define STALE_TMP_SECONDS (7 * 24 * 3600)
static void sweep_stale(const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return;
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (strncmp(e->d_name, ".incoming-", 10) != 0 &&
            strncmp(e->d_name, ".sane-", 6) != 0)
            continue;
        struct stat st;
        if (fstatat(dirfd(dh), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(st.st_mode) && now - st.st_mtime > STALE_TMP_SECONDS)
            unlinkat(dirfd(dh), e->d_name, 0);
    }
    closedir(dh);
}

static void fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

void desk_files_discard(desk_file_staged *f)
{
    if (!f)
        return;
    if (f->tmp_path) {
        unlink(f->tmp_path);
        free(f->tmp_path);
    }
    free(f->name);
    memset(f, 0, sizeof *f);
}

/* Copy src into the open temp file, hashing; refuse past max bytes. */
static mc_status copy_hash(int in, int out, const char *shown, int64_t max,
                           unsigned char hash[crypto_hash_sha256_BYTES],
                           int64_t *size, mc_error *err)
{
    desk_sha256 h;
    desk_sha256_init(&h);
    unsigned char *buf = mc_xmalloc(COPY_CHUNK);
    int64_t total = 0;
    mc_status rc = MC_OK;
    for (;;) {
        ssize_t n = read(in, buf, COPY_CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = mc_fail(err, MC_EIO, "file", _("%s: không đọc được: %s"),
                         shown, strerror(errno));
            break;
        }
        if (n == 0)
            break;
        total += n;
        if (total > max) {
            rc = mc_fail(err, MC_ELIMIT, "file",
                         _("%s: tệp lớn hơn giới hạn %lld MiB một tệp "
                           "(files.max_file_mib)"),
                         shown, (long long)(max / MIB));
            break;
        }
        desk_sha256_update(&h, buf, (size_t)n);
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                rc = mc_fail(err, MC_EIO, "files.dir",
                             _("%s: không ghi được vào thư mục lưu tệp: %s"),
                             shown, strerror(errno));
                goto done;
            }
            off += w;
        }
    }
done:
    free(buf);
    if (!rc && !desk_sha256_final(&h, hash))
        rc = mc_fail(err, MC_EIO, "file", _("%s: không tính được mã băm"),
                     shown);
    if (rc)
        desk_sha256_abort(&h);
    *size = total;
    return rc;
}

mc_status desk_files_stage(mc_desk *d, const char *path, const char *name,
                           desk_file_staged *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    if (!path || !*path)
        return mc_fail(err, MC_EINVAL, "file", _("Chưa chỉ định tệp"));
    const char *shown = path;
    char *nm = NULL;
    mc_status rc = desk_text(name ? name : base_name(path), "file", 255, &nm,
                             err);
    if (rc)
        return rc;
    if (!nm) {
        return mc_fail(err, MC_EINVAL, "file", _("%s: tên tệp trống"),
                       shown);
    }
    /* O_NONBLOCK: a FIFO or a device must not hang the desk at open */
    int in = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (in < 0) {
        int e = errno;
        free(nm);
        return mc_fail(err, e == ENOENT ? MC_ENOTFOUND : MC_EIO, "file",
                       _("%s: không mở được tệp: %s"), shown, strerror(e));
    }
    struct stat st;
    int64_t max = desk_files_max_file(d);
    if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(in);
        free(nm);
        return mc_fail(err, MC_EINVAL, "file",
                       _("%s: không phải là một tệp thông thường"), shown);
    }
    fcntl(in, F_SETFL, fcntl(in, F_GETFL) & ~O_NONBLOCK);
    if ((int64_t)st.st_size > max) {
        close(in);
        free(nm);
        return mc_fail(err, MC_ELIMIT, "file",
                       _("%s: tệp lớn hơn giới hạn %lld MiB một tệp "
                         "(files.max_file_mib)"),
                       shown, (long long)(max / MIB));
    }
    char *dir = desk_files_dir(d);
    char *tmp = NULL;
    int fd = -1;
    void *map = MAP_FAILED;
    int64_t size = 0;
    unsigned char hash[crypto_hash_sha256_BYTES];
    if ((rc = ensure_dirs(dir, err)))
        goto fail;
    sweep_stale(dir);
    tmp = mc_xasprintf("%s/.incoming-XXXXXX", dir);
    fd = mkstemp(tmp); /* mode 0600 */
    if (fd < 0) {
        rc = mc_fail(err, MC_EIO, "files.dir",
                     _("Không tạo được tệp tạm trong %s: %s"), dir,
                     strerror(errno));
        free(tmp);
        tmp = NULL;
        goto fail;
    }
    if ((rc = copy_hash(in, fd, shown, max, hash, &size, err)))
        goto fail;
    if (fsync(fd) != 0) {
        rc = mc_fail(err, MC_EIO, "files.dir",
                     _("%s: không ghi được xuống đĩa: %s"), shown,
                     strerror(errno));
        goto fail;
    }
    /* the bytes checked are the bytes kept: the private copy */
    if (size > 0) {
        map = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map == MAP_FAILED) {
            rc = mc_fail(err, MC_EIO, "file", _("%s: không đọc được: %s"),
                         shown, strerror(errno));
            goto fail;
        }
    }
    scan_info info;
    rc = scan_check(size > 0 ? map : NULL, (size_t)size, shown, &info, err);
    if (!rc && info.kind == SCAN_PDF && info.pages == 0) {
        /* pages in compressed object streams: ask libqpdf if it is there */
        bool enc = false;
        info.pages = desk_pdf_pages_qpdf(map, (size_t)size, &enc);
        if (enc)
            rc = mc_fail(err, MC_EINVAL, "file",
                         _("%s: tệp PDF có mật khẩu (được mã hoá); hãy lưu "
                           "lại bản không đặt mật khẩu"),
                         shown);
    }
    if (map != MAP_FAILED)
        munmap(map, (size_t)size);
    if (rc)
        goto fail;
    close(fd);
    close(in);
    free(dir);
    sodium_bin2hex(out->sha256, sizeof out->sha256, hash, sizeof hash);
    out->size = size;
    out->mime = info.mime;
    out->pages = info.pages;
    out->name = nm;
    out->tmp_path = tmp;
    return MC_OK;
fail:
    if (fd >= 0)
        close(fd);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    close(in);
    free(dir);
    free(nm);
    return rc;
}

/* rename the temporary copy to its hash (or drop it: already stored) */
static mc_status publish(const char *dir, desk_file_staged *f, mc_error *err)
{
    if (!f->tmp_path)
        return MC_OK;
    char *sub = mc_xasprintf("%s/%.2s", dir, f->sha256);
    mc_status rc = ensure_dir(sub, err);
    char *final = blob_path(dir, f->sha256);
    struct stat st;
    if (!rc && stat(final, &st) == 0 && S_ISREG(st.st_mode) &&
        (int64_t)st.st_size == f->size) {
        /* the same bytes are there (an orphan of an earlier attach, or
         * another dossier's): keep one copy */
        unlink(f->tmp_path);
    } else if (!rc) {
        if (rename(f->tmp_path, final) != 0) {
            rc = mc_fail(err, MC_EIO, "files.dir",
                         _("Không lưu được tệp %s vào %s: %s"), f->name, sub,
                         strerror(errno));
        } else {
            fsync_dir(sub);
        }
    }
    if (!rc) {
        free(f->tmp_path);
        f->tmp_path = NULL;
    }
    free(final);
    free(sub);
    return rc;
}

static bool role_ok(const char *role)
{
    return role && (strcmp(role, DESK_FILE_SCAN) == 0 ||
                    strcmp(role, DESK_FILE_RESULT) == 0);
}

static bool source_ok(const char *s)
{
    static const char *const ok[] = {DESK_SRC_FILE, DESK_SRC_FOLDER,
                                     DESK_SRC_SANE, DESK_SRC_PORTAL,
                                     DESK_SRC_DESK};
    for (size_t i = 0; s && i < sizeof ok / sizeof *ok; i++)
        if (strcmp(s, ok[i]) == 0)
            return true;
    return false;
}

mc_status desk_files_record_locked(mc_desk *d, const desk_files_record_in *in,
                                   int *added, int *skipped, mc_error *err)
{
    if (added)
        *added = 0;
    if (skipped)
        *skipped = 0;
    if (!role_ok(in->role))
        return mc_fail(err, MC_EINVAL, "role",
                       _("Loại tệp phải là scan hoặc result"));
    if (!source_ok(in->source))
        return mc_fail(err, MC_EINVAL, "source",
                       _("Nguồn tệp phải là file, folder, sane, portal hoặc "
                         "desk"));
    bool scan = strcmp(in->role, DESK_FILE_SCAN) == 0;
    if (scan && in->paper < 1)
        return mc_fail(err, MC_EINVAL, "paper",
                       _("Bản quét phải gắn với một giấy tờ (--paper N)"));
    int paper = scan ? in->paper : 0;
    mc_ts now = desk_now(d);
    /* the dossier's total: what it holds plus the new distinct bytes */
    int64_t bytes;
    mc_status rc = store_file_bytes(d->store, in->dossier_id, &bytes, err);
    if (rc)
        return rc;
    int64_t max = desk_files_max_dossier(d);
    for (size_t i = 0; !rc && i < in->n_files; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(in->files[j].sha256, in->files[i].sha256) == 0;
        bool has = false;
        if (!seen)
            rc = store_file_has(d->store, in->dossier_id, in->files[i].sha256,
                                &has, err);
        if (!seen && !has)
            bytes += in->files[i].size;
    }
    if (rc)
        return rc;
    if (bytes > max)
        return mc_fail(err, MC_ELIMIT, "file",
                       _("Hồ sơ %s sẽ có %.1f MiB tệp, quá giới hạn %lld MiB "
                         "một hồ sơ (files.max_dossier_mib); không tệp nào "
                         "được đính kèm"),
                       in->code, (double)bytes / (double)MIB,
                       (long long)(max / MIB));
    char *dir = desk_files_dir(d);
    json_t *list = json_array();
    int n_added = 0, n_skipped = 0;
    for (size_t i = 0; !rc && i < in->n_files; i++) {
        desk_file_staged *f = &in->files[i];
        if ((rc = publish(dir, f, err)) ||
            (rc = store_blob_put(d->store, f->sha256, f->size, f->mime,
                                 f->pages, now, err)))
            break;
        int64_t id = 0;
        if ((rc = store_file_find(d->store, in->dossier_id, in->role, paper,
                                  f->sha256, &id, err)))
            break;
        if (id) {
            n_skipped++;
            continue;
        }
        store_file row = {
            .dossier_id = in->dossier_id, .role = in->role, .paper = paper,
            .sha256 = f->sha256, .name = f->name, .source = in->source,
            .added_by = desk_actor(d), .added_at = now,
        };
        if ((rc = store_file_insert(d->store, &row, &id, err)))
            break;
        n_added++;
        json_array_append_new(list, json_pack("{s:s, s:s, s:I, s:i, s:s}",
                                              "sha256", f->sha256, "name",
                                              f->name, "size",
                                              (json_int_t)f->size, "pages",
                                              f->pages, "mime", f->mime));
    }
    free(dir);
    if (!rc && n_added > 0) {
        json_t *det = json_pack("{s:s, s:s, s:o}", "role", in->role, "source",
                                in->source, "files", list);
        list = NULL;
        if (scan)
            json_object_set_new(det, "paper", json_integer(paper));
        rc = desk_audit(d, now, "file.attach", in->code, det, err);
    }
    json_decref(list);
    if (!rc) {
        if (added)
            *added = n_added;
        if (skipped)
            *skipped = n_skipped;
    }
    return rc;
}

mc_status desk_files_attach_staged(mc_desk *d, const char *code,
                                   const char *role, int paper,
                                   const char *source, desk_file_staged *files,
                                   size_t n, int *added, mc_error *err)
{
    if (added)
        *added = 0;
    mc_status rc = desk_require(d, ROLE_DESK, _("đính kèm tệp vào hồ sơ"), err);
    if (rc)
        return rc;
    mc_dossier ds = {0};
    if ((rc = store_dossier_get(d->store, code ? code : "", &ds, err)))
        return rc;
    bool scan = role && strcmp(role, DESK_FILE_SCAN) == 0;
    if (scan && (paper < 1 || (size_t)paper > ds.n_papers)) {
        rc = mc_fail(err, MC_EINVAL, "paper",
                     _("Hồ sơ %s không có giấy tờ số %d (có %zu giấy tờ, "
                       "đánh số từ 1)"),
                     ds.code, paper, ds.n_papers);
        mc_dossier_free(&ds);
        return rc;
    }
    if (!(rc = store_begin(d->store, err))) {
        desk_files_record_in rin = {
            .dossier_id = ds.id, .code = ds.code, .role = role,
            .paper = scan ? paper : 0, .source = source, .files = files,
            .n_files = n,
        };
        rc = desk_files_record_locked(d, &rin, added, NULL, err);
        if (!rc)
            rc = store_commit(d->store, err);
        else
            store_rollback(d->store);
    }
    mc_dossier_free(&ds);
    return rc;
}

void desk_attach_result_free(desk_attach_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_files; i++)
        desk_files_discard(&r->files[i]);
    free(r->files);
    memset(r, 0, sizeof *r);
}

mc_status desk_files_attach(mc_desk *d, const desk_attach_in *in,
                            desk_attach_result *res, mc_error *err)
{
    desk_attach_result local = {0};
    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);
    mc_status rc = desk_require(d, ROLE_DESK, _("đính kèm tệp vào hồ sơ"), err);
    if (rc)
        return rc;
    const char *role = in->role ? in->role : DESK_FILE_SCAN;
    const char *source = in->source ? in->source : DESK_SRC_FILE;
    if (!role_ok(role))
        return mc_fail(err, MC_EINVAL, "role",
                       _("Loại tệp phải là scan hoặc result"));
    if (in->n_paths == 0)
        return mc_fail(err, MC_EINVAL, "file",
                       _("Chưa chỉ định tệp nào để đính kèm"));
    bool scan = strcmp(role, DESK_FILE_SCAN) == 0;
    /* the dossier and the paper first: a wrong code copies nothing */
    mc_dossier ds = {0};
    if ((rc = store_dossier_get(d->store, in->code ? in->code : "", &ds, err)))
        return rc;
    if (scan && (in->paper < 1 || (size_t)in->paper > ds.n_papers)) {
        rc = mc_fail(err, MC_EINVAL, "paper",
                     ds.n_papers
                         ? _("Hồ sơ %s không có giấy tờ số %d (có %zu giấy "
                             "tờ, đánh số từ 1)")
                         : _("Hồ sơ %s không có giấy tờ số %d (hồ sơ không "
                             "có giấy tờ nào)"),
                     ds.code, in->paper, ds.n_papers);
        mc_dossier_free(&ds);
        return rc;
    }
    res->files = mc_xcalloc(in->n_paths, sizeof *res->files);
    res->n_files = in->n_paths;
    for (size_t i = 0; !rc && i < in->n_paths; i++)
        rc = desk_files_stage(d, in->paths[i],
                              in->names ? in->names[i] : NULL, &res->files[i],
                              err);
    if (rc)
        goto out;
    if ((rc = store_begin(d->store, err)))
        goto out;
    desk_files_record_in rin = {
        .dossier_id = ds.id, .code = ds.code, .role = role,
        .paper = scan ? in->paper : 0, .source = source,
        .files = res->files, .n_files = res->n_files,
    };
    rc = desk_files_record_locked(d, &rin, &res->added, &res->skipped, err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
out:
    if (rc) {
        desk_attach_result_free(res);
        memset(res, 0, sizeof *res);
    }
    mc_dossier_free(&ds);
    if (res == &local)
        desk_attach_result_free(&local);
    return rc;
}

/* --- reading ------------------------------------------------------------ */

struct each_ctx {
    desk_file_fn fn;
    void *ud;
};

static void each_row(const store_file *f, void *ud)
{
    struct each_ctx *c = ud;
    desk_file out = {
        .id = f->id, .role = f->role, .paper = f->paper, .sha256 = f->sha256,
        .name = f->name, .source = f->source, .added_by = f->added_by,
        .mime = f->mime, .added_at = f->added_at, .size = f->size,
        .pages = f->pages,
    };
    c->fn(&out, c->ud);
}

mc_status desk_files_each_id(mc_desk *d, int64_t dossier_id, desk_file_fn fn,
                             void *ud, mc_error *err)
{
    mc_status rc = desk_require(d, ROLE_DESK | ROLE_CENTRAL,
                                _("xem tệp của hồ sơ"), err);
    if (rc)
        return rc;
    struct each_ctx c = {fn, ud};
    return store_file_each(d->store, dossier_id, each_row, &c, err);
}

mc_status desk_files_each(mc_desk *d, const char *code, desk_file_fn fn,
                          void *ud, mc_error *err)
{
    mc_dossier ds = {0};
    mc_status rc = store_dossier_get(d->store, code ? code : "", &ds, err);
    if (!rc)
        rc = desk_files_each_id(d, ds.id, fn, ud, err);
    mc_dossier_free(&ds);
    return rc;
}

struct per_paper_ctx {
    desk_paper_scans *p;
    size_t n;
};

static void per_paper_row(const desk_file *f, void *ud)
{
    struct per_paper_ctx *c = ud;
    if (strcmp(f->role, DESK_FILE_SCAN) != 0 || f->paper < 1 ||
        (size_t)f->paper > c->n)
        return;
    desk_paper_scans *p = &c->p[f->paper - 1];
    p->files++;
    p->pages += f->pages;
    p->bytes += f->size;
}

mc_status desk_files_per_paper(mc_desk *d, const mc_dossier *ds,
                               desk_paper_scans **out, mc_error *err)
{
    *out = NULL;
    if (!ds->n_papers)
        return MC_OK;
    struct per_paper_ctx c = {mc_xcalloc(ds->n_papers, sizeof *c.p),
                              ds->n_papers};
    for (size_t i = 0; i < ds->n_papers; i++)
        c.p[i].required = ds->papers[i].required;
    mc_status rc = desk_files_each_id(d, ds->id, per_paper_row, &c, err);
    if (rc) {
        free(c.p);
        return rc;
    }
    *out = c.p;
    return MC_OK;
}
