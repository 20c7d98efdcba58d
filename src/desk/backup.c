/* SPDX-License-Identifier: GPL-3.0-or-later */
/* backup.c - backup and restore of the office database (desk_backup.h).
 *
 * Both write a temporary file in the folder of the final file (so the
 * last step is a rename within one file system), fsync it, and only then
 * make it visible; the folder is fsync'd after.  The temporary file is
 * removed on any failure.
 */
#include "desk_backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup_files_internal.h"
#include "desk_files.h"
#include "desk_internal.h"
#include "log.h"
#include "store_backup.h"
#include "store_sync.h"
#include "sync_apply.h"

static void summary_from(desk_db_summary *o, const store_db_info *i)
{
    memset(o, 0, sizeof *o);
    o->schema_version = i->schema_version;
    o->dossiers = i->dossiers;
    o->audit_rows = i->audit_rows;
    o->issued_codes = i->issued_codes;
    mc_strlcpy(o->last_audit_at, i->last_audit_at, sizeof o->last_audit_at);
    mc_strlcpy(o->office_code, i->office_code, sizeof o->office_code);
    o->integrity_ok = i->integrity_ok;
    mc_strlcpy(o->integrity, i->integrity, sizeof o->integrity);
}

mc_status desk_db_inspect(const char *path, bool integrity,
                          desk_db_summary *out, mc_error *err)
{
    store_db_info info;
    mc_status rc = store_inspect(path, integrity, &info, err);
    if (!rc)
        summary_from(out, &info);
    return rc;
}

/* The folder of a path ("." when it has none), malloc'd. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return mc_xstrdup(".");
    if (slash == path)
        return mc_xstrdup("/");
    return mc_xstrndup(path, (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* An empty temporary file (mode 0600) beside `final`; its name in *out. */
static mc_status make_temp(const char *final, const char *tag, char **out,
                           mc_error *err)
{
    char *dir = dir_of(final);
    char *tmpl = mc_xasprintf("%s/.%s.%s-XXXXXX", dir, base_of(final), tag);
    free(dir);
    int fd = mkstemp(tmpl); /* mode 0600 */
    if (fd < 0) {
        mc_status rc = mc_fail(err, MC_EIO, "file",
                               _("Không tạo được tệp tạm %s: %s"), tmpl,
                               strerror(errno));
        free(tmpl);
        return rc;
    }
    close(fd);
    *out = tmpl;
    return MC_OK;
}

/* Remove a temporary database and whatever SQLite left beside it. */
static void remove_temp(const char *path)
{
    if (!path)
        return;
    static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
        char *p = mc_xasprintf("%s%s", path, ext[i]);
        unlink(p);
        free(p);
    }
}

static mc_status fsync_path(const char *path, bool dir, mc_error *err)
{
    int fd = open(path, (dir ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        mc_status rc = mc_fail(err, MC_EIO, "file",
                               _("Không ghi xuống đĩa được %s: %s"), path,
                               strerror(errno));
        if (fd >= 0)
            close(fd);
        return rc;
    }
    close(fd);
    return MC_OK;
}

static mc_status fsync_dir_of(const char *path, mc_error *err)
{
    char *dir = dir_of(path);
    mc_status rc = fsync_path(dir, true, err);
    free(dir);
    return rc;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

mc_status desk_backup(mc_desk *d, const char *dest, bool overwrite,
                      desk_backup_report *rep, mc_error *err)
{
    return desk_backup_into(d, dest, NULL, overwrite, rep, err);
}

mc_status desk_backup_into(mc_desk *d, const char *dest, const char *files_dir,
                           bool overwrite, desk_backup_report *rep,
                           mc_error *err)
{
    memset(rep, 0, sizeof *rep);
    if (!dest || !*dest)
        return mc_fail(err, MC_EINVAL, "file", _("Cần tên tệp sao lưu"));
    if (same_file(dest, d->db_path))
        return mc_fail(err, MC_EINVAL, "file",
                       _("%s là chính cơ sở dữ liệu đang dùng; hãy chọn tệp "
                         "khác"),
                       dest);
    if (!overwrite && access(dest, F_OK) == 0)
        return mc_fail(err, MC_ECONFLICT, "file",
                       _("%s đã có; dùng --force để ghi đè"), dest);
    char *tmp = NULL;
    mc_status rc = make_temp(dest, "backup", &tmp, err);
    if (rc)
        return rc;
    store_db_info info;
    rc = store_backup_to(d->store, tmp, &rep->pages, err);
    if (!rc)
        rc = fsync_path(tmp, false, err);
    if (!rc)
        rc = store_inspect(tmp, true, &info, err);
    if (!rc && !info.integrity_ok)
        rc = mc_fail(err, MC_EDB, "file",
                     _("Bản sao lưu không qua kiểm tra toàn vẹn: %s"),
                     info.integrity);
    /* the files the copy names, before the copy becomes visible */
    char failure[2048] = "";
    char *files_out = files_dir && *files_dir ? mc_xstrdup(files_dir)
                                              : desk_backup_files_dir(dest);
    if (!rc) {
        char *live = desk_files_dir(d);
        rc = bf_backup_copy(tmp, live, files_out, rep, failure,
                            sizeof failure, err);
        free(live);
    }
    if (!rc) {
        /* link() refuses an existing name: no race with another writer */
        if (overwrite ? rename(tmp, dest) != 0 : link(tmp, dest) != 0)
            rc = mc_fail(err, errno == EEXIST ? MC_ECONFLICT : MC_EIO, "file",
                         _("Không ghi được %s: %s"), dest, strerror(errno));
        else if (!overwrite)
            unlink(tmp);
    }
    if (!rc)
        rc = fsync_dir_of(dest, err);
    if (rc) {
        remove_temp(tmp);
        mc_log(MC_LOG_ERR, "backup of %s to %s failed: %s", d->db_path, dest,
               err->msg);
    } else {
        summary_from(&rep->copy, &info);
        mc_log(MC_LOG_NOTICE,
               "backup of %s to %s: schema %d, %lld dossiers, %lld audit "
               "rows; files: %d copied (%lld bytes), %d already there, %d "
               "missing or damaged",
               d->db_path, dest, info.schema_version,
               (long long)info.dossiers, (long long)info.audit_rows,
               rep->files_copied, (long long)rep->bytes_copied,
               rep->files_present, rep->files_failed);
        /* the database copy is kept (whole and checked); the backup as a
         * whole is not complete */
        if (rep->files_failed)
            rc = mc_fail(err, MC_EIO, "files.dir",
                         _("Bản sao lưu CHƯA ĐẦY ĐỦ: cơ sở dữ liệu đã sao "
                           "vào %s và %d tệp hồ sơ vào %s, nhưng %d tệp hồ "
                           "sơ bị thiếu hoặc hỏng trong thư mục lưu tệp "
                           "của văn phòng: %s"),
                         dest, rep->files_copied + rep->files_present,
                         files_out, rep->files_failed, failure);
    }
    free(files_out);
    free(tmp);
    return rc;
}

/* Why the target is newer than the backup ("" when it is not). */
static void compare(const desk_db_summary *t, const desk_db_summary *b,
                    char *why, size_t size)
{
    why[0] = '\0';
    if (t->schema_version > b->schema_version)
        snprintf(why, size, _("lược đồ %d mới hơn lược đồ %d của bản sao lưu"),
                 t->schema_version, b->schema_version);
    else if (t->audit_rows > b->audit_rows)
        snprintf(why, size,
                 _("có %lld dòng nhật ký kiểm toán, bản sao lưu chỉ có %lld"),
                 (long long)t->audit_rows, (long long)b->audit_rows);
    else if (strcmp(t->last_audit_at, b->last_audit_at) > 0)
        snprintf(why, size,
                 _("dòng nhật ký cuối lúc %s, sau bản sao lưu (%s)"),
                 t->last_audit_at, b->last_audit_at);
}

/* Record the restore in the restored database's own audit chain, signed
 * in as an admin of that database. */
static mc_status audit_restore(const char *tmp, const char *backup,
                               const char *target,
                               const desk_restore_opts *o,
                               const desk_restore_report *rep, mc_error *err)
{
    mc_desk *d = NULL;
    mc_status rc = desk_open(tmp, &d, err);
    if (!rc)
        rc = desk_login(d, o->login ? o->login : "",
                        o->password ? o->password : "", err);
    if (!rc)
        rc = desk_require(d, ROLE_ADMIN, _("khôi phục cơ sở dữ liệu"), err);
    if (!rc)
        rc = store_begin(d->store, err);
    if (!rc) {
        json_t *det = json_pack(
            "{s:s, s:i, s:I, s:I, s:b, s:b, s:i, s:i}", "from", backup,
            "schema_version", rep->backup.schema_version, "dossiers",
            (json_int_t)rep->backup.dossiers, "audit_rows",
            (json_int_t)rep->backup.audit_rows, "replaced_existing",
            rep->target_existed, "forced", rep->target_newer, "files",
            rep->files, "files_missing", rep->files_missing);
        rc = desk_audit(d, desk_now(d), "db.restore", target, det, err);
        /* the counters (outbox seq, dossier numbers) are rewound: sync
         * reconciles with the centre before going on (docs/sync.md) */
        if (!rc)
            rc = store_sync_state_set(d->store, DESK_SYNC_RESTORED_KEY,
                                      backup, err);
        if (!rc)
            rc = store_commit(d->store, err);
        else
            store_rollback(d->store);
    }
    desk_close(d);
    return rc;
}

mc_status desk_restore(const char *backup, const char *target,
                       const desk_restore_opts *o, desk_restore_report *rep,
                       mc_error *err)
{
    memset(rep, 0, sizeof *rep);
    if (!backup || !*backup || !target || !*target)
        return mc_fail(err, MC_EINVAL, "file",
                       _("Cần tệp sao lưu và cơ sở dữ liệu đích"));
    if (same_file(backup, target))
        return mc_fail(err, MC_EINVAL, "file",
                       _("%s là chính cơ sở dữ liệu đích"), backup);
    if (!o->login || !*o->login)
        return mc_fail(err, MC_EAUTH, "user",
                       _("Khôi phục cần quản trị viên đăng nhập (--user)"));
    char *tmp = NULL, *bdir = NULL, *tdir = NULL;
    bf_plan plan = {0};
    mc_status rc = make_temp(target, "restore", &tmp, err);
    if (rc)
        return rc;
    store_db_info info;
    /* 1. the backup, copied and checked */
    rc = store_backup_file(backup, tmp, NULL, err);
    if (!rc)
        rc = store_inspect(tmp, true, &info, err);
    if (!rc && !info.integrity_ok)
        rc = mc_fail(err, MC_EDB, "file",
                     _("Bản sao lưu %s không qua kiểm tra toàn vẹn: %s"),
                     backup, info.integrity);
    if (!rc && !info.office_code[0])
        rc = mc_fail(err, MC_EDB, "file",
                     _("%s không phải bản sao lưu của một văn phòng motcua"),
                     backup);
    if (!rc && info.schema_version > store_schema_latest())
        rc = mc_fail(err, MC_EVERSION, "file",
                     _("Bản sao lưu từ phiên bản motcua mới hơn (lược đồ "
                       "%d, phiên bản này chỉ biết đến %d)"),
                     info.schema_version, store_schema_latest());
    if (rc)
        goto out;
    summary_from(&rep->backup, &info);

    /* 2. never replace a newer database unless told to */
    struct stat st;
    if (stat(target, &st) == 0 && st.st_size > 0) {
        rep->target_existed = true;
        mc_error terr = {0};
        if (desk_db_inspect(target, false, &rep->target, &terr)) {
            if (!o->force) {
                rc = mc_fail(err, MC_ECONFLICT, "db",
                             _("%s không đọc được như cơ sở dữ liệu motcua "
                               "(%s); dùng --force để thay thế"),
                             target, terr.msg);
                goto out;
            }
            rep->target_newer = true;
            mc_strlcpy(rep->why_newer, terr.msg, sizeof rep->why_newer);
        } else {
            compare(&rep->target, &rep->backup, rep->why_newer,
                    sizeof rep->why_newer);
            if (rep->target.office_code[0] &&
                strcmp(rep->target.office_code, rep->backup.office_code) != 0 &&
                !rep->why_newer[0])
                snprintf(rep->why_newer, sizeof rep->why_newer,
                         _("thuộc văn phòng %s, bản sao lưu của văn phòng %s"),
                         rep->target.office_code, rep->backup.office_code);
            if (rep->why_newer[0]) {
                if (!o->force) {
                    rc = mc_fail(err, MC_ECONFLICT, "db",
                                 _("Không khôi phục đè lên %s: cơ sở dữ liệu "
                                   "này %s. Dùng --force nếu chắc chắn."),
                                 target, rep->why_newer);
                    goto out;
                }
                rep->target_newer = true;
            }
        }
    }

    /* 3. the dossier files: all there, or refused before the target is
     * touched */
    bdir = o->backup_files && *o->backup_files
               ? mc_xstrdup(o->backup_files)
               : desk_backup_files_dir(backup);
    tdir = o->files_dir && *o->files_dir ? mc_xstrdup(o->files_dir)
                                         : desk_files_dir_for(NULL, target);
    if ((rc = bf_restore_plan(tmp, backup, bdir, tdir, o->allow_missing_files,
                              &plan, rep, err)))
        goto out;

    /* 4. the restore goes into the restored chain, then one file again */
    if ((rc = audit_restore(tmp, backup, target, o, rep, err)))
        goto out;
    if ((rc = store_quiesce(tmp, err)) || (rc = fsync_path(tmp, false, err)))
        goto out;

    /* 5. the target: nobody may have it open; no stale WAL may survive */
    if (rep->target_existed) {
        mc_error qerr = {0};
        mc_status q = store_quiesce(target, &qerr);
        if (q == MC_ECONFLICT || (q && !o->force)) {
            *err = qerr;
            rc = q;
            goto out;
        }
    }
    /* 6. the files before the database that names them */
    if ((rc = bf_restore_copy(&plan, bdir, tdir, rep, err)))
        goto out;
    static const char *const side[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof side / sizeof *side; i++) {
        char *p = mc_xasprintf("%s%s", target, side[i]);
        if (unlink(p) != 0 && errno != ENOENT)
            rc = mc_fail(err, MC_EIO, "db", _("Không xoá được %s: %s"), p,
                         strerror(errno));
        free(p);
    }
    if (rc)
        goto out;
    if (rename(tmp, target) != 0) {
        rc = mc_fail(err, MC_EIO, "db", _("Không đổi tên %s thành %s: %s"),
                     tmp, target, strerror(errno));
        goto out;
    }
    rc = fsync_dir_of(target, err);
out:
    bf_plan_free(&plan);
    free(bdir);
    free(tdir);
    if (rc) {
        remove_temp(tmp);
        mc_log(MC_LOG_ERR, "restore of %s into %s refused or failed: %s",
               backup, target, err->msg);
    } else {
        mc_log(MC_LOG_NOTICE,
               "restore of %s into %s by %s: schema %d, %lld dossiers, "
               "%lld audit rows; files: %d restored (%lld bytes), %d "
               "already there, %d missing%s",
               backup, target, o->login, rep->backup.schema_version,
               (long long)rep->backup.dossiers,
               (long long)rep->backup.audit_rows, rep->files_restored,
               (long long)rep->bytes_restored, rep->files_present,
               rep->files_missing,
               rep->target_newer ? " (forced over a newer database)" : "");
    }
    free(tmp);
    return rc;
}
