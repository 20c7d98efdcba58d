/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_backup.c - whole-database copies (SQLite's online backup API) and
 * read-only inspection of a database file for backup and restore.
 *
 * Why a read transaction around the copy: sqlite3_backup_step restarts the
 * copy whenever another process commits between two steps, so with desks
 * taking in dossiers all day a stepped backup could run forever.  Holding
 * one read transaction on the source connection across every step pins a
 * WAL snapshot: writers carry on (WAL readers never block writers), the
 * pages all come from one commit, and the copy never restarts.
 */
#include "store_backup.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "schema.h"
#include "store_internal.h"

int store_schema_latest(void)
{
    return STORE_N_MIGRATIONS;
}

static mc_status conn_fail(sqlite3 *db, mc_error *err, const char *what,
                           const char *path)
{
    int ec = db ? sqlite3_extended_errcode(db) : SQLITE_CANTOPEN;
    if ((ec & 0xff) == SQLITE_FULL)
        return mc_fail(err, MC_EIO, "db",
                       _("Ổ đĩa đầy, không ghi được %s (%s): hãy giải phóng "
                         "chỗ trống rồi làm lại"),
                       path, what);
    if ((ec & 0xff) == SQLITE_BUSY || (ec & 0xff) == SQLITE_LOCKED)
        return mc_fail(err, MC_ECONFLICT, "db",
                       _("%s đang được dùng (%s): %s"), path, what,
                       sqlite3_errmsg(db));
    if ((ec & 0xff) == SQLITE_NOTADB || (ec & 0xff) == SQLITE_CORRUPT)
        return mc_fail(err, MC_EDB, "db",
                       _("%s không phải cơ sở dữ liệu motcua hợp lệ (%s): %s"),
                       path, what, db ? sqlite3_errmsg(db) : "?");
    return mc_fail(err, MC_EDB, "db", _("Lỗi cơ sở dữ liệu %s (%s): %s"),
                   path, what, db ? sqlite3_errmsg(db) : "?");
}

static mc_status open_conn(const char *path, int flags, sqlite3 **out,
                           mc_error *err)
{
    *out = NULL;
    store_mem_init();
    if (sqlite3_open_v2(path, out, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        mc_status rc = conn_fail(*out, err, "open", path);
        sqlite3_close(*out);
        *out = NULL;
        return rc;
    }
    sqlite3_extended_result_codes(*out, 1);
    sqlite3_busy_timeout(*out, 5000);
    return MC_OK;
}

/* Run the stepped copy from (src, "main") into the file dest_path. */
static mc_status copy_into(sqlite3 *src, const char *src_label,
                           const char *dest_path, int *pages, mc_error *err)
{
    sqlite3 *dst = NULL;
    sqlite3_backup *b = NULL;
    mc_status rc = open_conn(dest_path,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dst,
                             err);
    if (rc)
        return rc;
    /* the pinned snapshot (see the top of this file) */
    if (sqlite3_exec(src, "BEGIN; SELECT COUNT(*) FROM sqlite_schema;", NULL,
                     NULL, NULL) != SQLITE_OK) {
        rc = conn_fail(src, err, "BEGIN", src_label);
        goto out;
    }
    b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        rc = conn_fail(dst, err, "backup_init", dest_path);
        goto rollback;
    }
    int waited = 0;
    for (;;) {
        int r = sqlite3_backup_step(b, STORE_BACKUP_STEP_PAGES);
        if (r == SQLITE_DONE)
            break;
        if (r == SQLITE_OK)
            continue;
        if ((r == SQLITE_BUSY || r == SQLITE_LOCKED) &&
            waited < STORE_BACKUP_BUSY_MS) {
            sqlite3_sleep(50);
            waited += 50;
            continue;
        }
        if ((r & 0xff) == SQLITE_FULL || (r & 0xff) == SQLITE_IOERR)
            rc = mc_fail(err, MC_EIO, "db",
                         (r & 0xff) == SQLITE_FULL
                             ? _("Sao lưu %s sang %s thất bại: ổ đĩa đích "
                                 "đầy (%s); hãy giải phóng chỗ trống rồi làm "
                                 "lại")
                             : _("Sao lưu %s sang %s thất bại: lỗi đọc/ghi "
                                 "đĩa (%s)"),
                         src_label, dest_path, sqlite3_errstr(r));
        else
            rc = mc_fail(err, r == SQLITE_BUSY || r == SQLITE_LOCKED
                                  ? MC_ECONFLICT
                                  : MC_EDB,
                         "db", _("Sao lưu %s sang %s thất bại: %s"),
                         src_label, dest_path, sqlite3_errstr(r));
        break;
    }
    if (pages)
        *pages = sqlite3_backup_pagecount(b);
    if (sqlite3_backup_finish(b) != SQLITE_OK && !rc)
        rc = conn_fail(dst, err, "backup_finish", dest_path);
rollback:
    sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
    /* one self-contained file: no -wal beside it; FULL sync on the switch */
    if (!rc && sqlite3_exec(dst,
                            "PRAGMA synchronous=FULL;"
                            "PRAGMA journal_mode=DELETE;",
                            NULL, NULL, NULL) != SQLITE_OK)
        rc = conn_fail(dst, err, "journal_mode", dest_path);
out:
    if (sqlite3_close(dst) != SQLITE_OK && !rc)
        rc = mc_fail(err, MC_EIO, "db", _("Không đóng được %s"), dest_path);
    return rc;
}

mc_status store_backup_to(mc_store *s, const char *dest_path, int *pages,
                          mc_error *err)
{
    const char *name = sqlite3_db_filename(s->db, "main");
    return copy_into(s->db, name && *name ? name : "main", dest_path, pages,
                     err);
}

mc_status store_backup_file(const char *src_path, const char *dest_path,
                            int *pages, mc_error *err)
{
    sqlite3 *src = NULL;
    mc_status rc = open_conn(src_path, SQLITE_OPEN_READONLY, &src, err);
    if (!rc)
        rc = copy_into(src, src_path, dest_path, pages, err);
    sqlite3_close(src);
    return rc;
}

/* One integer from a constant query; -1 when the query fails. */
static int64_t query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* One text value into buf ("" when there is no row); false on error. */
static bool query_text(sqlite3 *db, const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *st = NULL;
    bool ok = false;
    buf[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            const unsigned char *t = sqlite3_column_text(st, 0);
            mc_strlcpy(buf, t ? (const char *)t : "", size);
            ok = true;
        } else {
            ok = r == SQLITE_DONE;
        }
    }
    sqlite3_finalize(st);
    return ok;
}

mc_status store_inspect(const char *path, bool integrity, store_db_info *out,
                        mc_error *err)
{
    memset(out, 0, sizeof *out);
    FILE *probe = fopen(path, "rb");
    if (!probe)
        return mc_fail(err, errno == ENOENT ? MC_ENOTFOUND : MC_EIO, "db",
                       _("Không đọc được %s: %s"), path, strerror(errno));
    fclose(probe);
    sqlite3 *db = NULL;
    /* read-write open (no create) so a WAL database can be read even when
     * its -shm file is missing; nothing is written */
    mc_status rc = open_conn(path, SQLITE_OPEN_READWRITE, &db, err);
    if (rc == MC_EDB)
        rc = open_conn(path, SQLITE_OPEN_READONLY, &db, err);
    if (rc)
        return rc;
    /* one snapshot for every number below */
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        rc = conn_fail(db, err, "BEGIN", path);
        goto out;
    }
    out->schema_version = (int)query_int(db, "PRAGMA user_version");
    if (out->schema_version < 0) {
        rc = conn_fail(db, err, "user_version", path);
        goto out;
    }
    out->dossiers = query_int(db, "SELECT COUNT(*) FROM dossiers");
    out->audit_rows = query_int(db, "SELECT COUNT(*) FROM audit");
    out->issued_codes = query_int(db, "SELECT COUNT(*) FROM issued_codes");
    if (out->dossiers < 0 || out->audit_rows < 0 || out->issued_codes < 0 ||
        !query_text(db, "SELECT at FROM audit ORDER BY id DESC LIMIT 1",
                    out->last_audit_at, sizeof out->last_audit_at) ||
        !query_text(db, "SELECT value FROM meta WHERE key = 'office_code'",
                    out->office_code, sizeof out->office_code)) {
        rc = mc_fail(err, MC_EDB, "db",
                     _("%s không phải cơ sở dữ liệu motcua: %s"), path,
                     sqlite3_errmsg(db));
        goto out;
    }
    if (integrity) {
        if (!query_text(db, "PRAGMA integrity_check", out->integrity,
                        sizeof out->integrity)) {
            rc = conn_fail(db, err, "integrity_check", path);
            goto out;
        }
        out->integrity_ok = strcmp(out->integrity, "ok") == 0;
    }
out:
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

mc_status store_quiesce(const char *path, mc_error *err)
{
    sqlite3 *db = NULL;
    mc_status rc = open_conn(path, SQLITE_OPEN_READWRITE, &db, err);
    if (rc)
        return rc;
    char mode[32];
    if (sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
                     NULL) != SQLITE_OK ||
        !query_text(db, "PRAGMA journal_mode=DELETE", mode, sizeof mode)) {
        rc = conn_fail(db, err, "checkpoint", path);
    } else if (strcmp(mode, "delete") != 0) {
        rc = mc_fail(err, MC_ECONFLICT, "db",
                     _("%s đang được mở bởi quầy khác hoặc tiến trình đồng "
                       "bộ; hãy dừng chúng trước khi khôi phục đè lên"),
                     path);
    }
    sqlite3_close(db);
    return rc;
}
