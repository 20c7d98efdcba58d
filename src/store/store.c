/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store.c - connection, pragmas, migrations, transactions and the prepared
 * statement cache.  Entity statements live in store_*.c beside this file. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "schema.h"
#include "store_internal.h"

/* SQLite's own allocator, wrapped: a NULL ends the process (exit 12).  A
 * transaction in progress is then never committed and the WAL keeps the
 * database as it was; an unchecked sqlite3_bind_* that ran out of memory
 * would otherwise bind NULL and commit a row with a hole in it. */
static sqlite3_mem_methods sqlite_mem;

static void *mem_malloc(int n)
{
    void *p = sqlite_mem.xMalloc(n);
    if (!p && n > 0)
        mc_oom();
    return p;
}

static void *mem_realloc(void *p, int n)
{
    void *q = sqlite_mem.xRealloc(p, n);
    if (!q && n > 0)
        mc_oom();
    return q;
}

void store_mem_init(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    /* no allocation statistics: nothing reads them, and keeping them takes
     * a global mutex on every allocation (~4% of an intake's CPU) */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    /* these calls fail harmlessly (SQLITE_MISUSE) once SQLite is running */
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_mem) != SQLITE_OK)
        return;
    sqlite3_mem_methods m = sqlite_mem;
    m.xMalloc = mem_malloc;
    m.xRealloc = mem_realloc;
    sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
}

static mc_status db_fail(mc_store *s, mc_error *err, const char *what)
{
    return mc_fail(err, MC_EDB, "database", _("Lỗi cơ sở dữ liệu (%s): %s"),
                   what, sqlite3_errmsg(s->db));
}

/* The device, not the data: a full disk, a read-only file or mount, an I/O
 * error.  Exit status 11 (file or device), with what the clerk can do.
 * SQLite has rolled the statement (and the caller the transaction) back:
 * nothing was written.  MC_OK when ec is none of these. */
static mc_status device_fail(int ec, mc_error *err, const char *what,
                             const char *detail)
{
    switch (ec & 0xff) {
    case SQLITE_FULL:
        return mc_fail(err, MC_EIO, "database",
                       _("Ổ đĩa đầy, không ghi được cơ sở dữ liệu (%s): thao "
                         "tác đã bị huỷ, không có gì được ghi; hãy giải phóng "
                         "chỗ trống rồi làm lại"),
                       what);
    case SQLITE_READONLY:
        return mc_fail(err, MC_EIO, "database",
                       _("Cơ sở dữ liệu chỉ đọc, không ghi được (%s): tệp hoặc "
                         "ổ đĩa không cho ghi; không có gì được ghi"),
                       what);
    case SQLITE_IOERR:
        return mc_fail(err, MC_EIO, "database",
                       _("Lỗi đọc/ghi đĩa ở cơ sở dữ liệu (%s): %s; thao tác "
                         "đã bị huỷ"),
                       what, detail);
    default:
        return MC_OK;
    }
}

mc_status store_err(mc_store *s, mc_error *err, const char *what)
{
    int ec = sqlite3_extended_errcode(s->db);
    mc_status dev = device_fail(ec, err, what, sqlite3_errmsg(s->db));
    if (dev)
        return dev;
    if (ec == SQLITE_BUSY || ec == SQLITE_LOCKED)
        return mc_fail(err, MC_EDB, "database",
                       _("Cơ sở dữ liệu đang bận (%s), hãy thử lại"), what);
    if ((ec & 0xff) == SQLITE_CONSTRAINT)
        return mc_fail(err, MC_ECONFLICT, "database",
                       _("Dữ liệu vi phạm ràng buộc (%s): %s"), what,
                       sqlite3_errmsg(s->db));
    return db_fail(s, err, what);
}

sqlite3_stmt *store_stmt(mc_store *s, enum store_stmt_id id, mc_error *err)
{
    if (!s->stmts[id]) {
        if (sqlite3_prepare_v3(s->db, store_sql[id], -1,
                               SQLITE_PREPARE_PERSISTENT, &s->stmts[id],
                               NULL) != SQLITE_OK) {
            db_fail(s, err, "prepare");
            return NULL;
        }
    }
    sqlite3_reset(s->stmts[id]);
    sqlite3_clear_bindings(s->stmts[id]);
    return s->stmts[id];
}

void store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void store_bind_text_static(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

char *store_col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? mc_xstrdup((const char *)t) : NULL;
}

static mc_status exec_plain(mc_store *s, const char *sql, mc_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        mc_status rc = device_fail(sqlite3_extended_errcode(s->db), err,
                                   "open", msg ? msg : sqlite3_errmsg(s->db));
        if (!rc)
            rc = mc_fail(err, MC_EDB, "database", _("Lỗi cơ sở dữ liệu: %s"),
                         msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return rc;
    }
    return MC_OK;
}

int store_user_version(mc_store *s)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) ==
        SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

long long store_pages_written(mc_store *s)
{
    int cur = 0, hi = 0;
    if (sqlite3_db_status(s->db, SQLITE_DBSTATUS_CACHE_WRITE, &cur, &hi, 0) !=
        SQLITE_OK)
        return -1;
    return cur;
}

/* rows that point nowhere (foreign_key_check); -1 when it cannot tell */
static long fk_violations(mc_store *s)
{
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(s->db, "SELECT COUNT(*) FROM pragma_foreign_key_check",
                           -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return n;
}

static mc_status migrate_one(mc_store *s, int i, mc_error *err)
{
    mc_status rc = exec_plain(s, "BEGIN IMMEDIATE", err);
    if (rc)
        return rc;
    /* re-check under the write lock: another desk may have migrated */
    if (store_user_version(s) > i)
        return exec_plain(s, "COMMIT", err);
    /* a step may not add a broken foreign key (one already there, written
     * by hand with foreign keys off, does not stop the upgrade) */
    long fk_before = fk_violations(s);
    rc = exec_plain(s, store_migrations[i], err);
    long fk_after = rc ? 0 : fk_violations(s);
    if (!rc && (fk_after < 0 || fk_after > fk_before))
        rc = mc_fail(err, MC_EDB, "database",
                     _("Lỗi cơ sở dữ liệu: bước nâng cấp %d để lại khoá ngoại "
                       "không hợp lệ"),
                     i + 1);
    if (!rc) {
        /* PRAGMA takes no parameters: the value is a constant per step */
        static const char *const set_version[] = {
            "PRAGMA user_version = 1", "PRAGMA user_version = 2",
            "PRAGMA user_version = 3", "PRAGMA user_version = 4",
            "PRAGMA user_version = 5", "PRAGMA user_version = 6",
            "PRAGMA user_version = 7", "PRAGMA user_version = 8",
            "PRAGMA user_version = 9", "PRAGMA user_version = 10",
            "PRAGMA user_version = 11", "PRAGMA user_version = 12",
            "PRAGMA user_version = 13", "PRAGMA user_version = 14",
            "PRAGMA user_version = 15", "PRAGMA user_version = 16",
        };
        if (i >= (int)(sizeof set_version / sizeof *set_version))
            rc = mc_fail(err, MC_EDB, "database", "too many migrations");
        else
            rc = exec_plain(s, set_version[i], err);
    }
    if (rc) {
        exec_plain(s, "ROLLBACK", NULL);
        return rc;
    }
    return exec_plain(s, "COMMIT", err);
}

static mc_status migrate(mc_store *s, mc_error *err)
{
    int v = store_user_version(s);
    if (v < 0)
        return db_fail(s, err, "user_version");
    if (v > STORE_N_MIGRATIONS)
        return mc_fail(err, MC_EVERSION, "database",
                       _("Cơ sở dữ liệu được tạo bởi phiên bản motcua mới hơn "
                         "(lược đồ %d, phiên bản này chỉ biết đến %d). Hãy "
                         "cập nhật motcua; không mở để tránh hỏng dữ liệu."),
                       v, STORE_N_MIGRATIONS);
    if (v == STORE_N_MIGRATIONS)
        return MC_OK;
    /* a migration that rebuilds a table (create, copy, drop, rename) needs
     * foreign keys off, which only takes effect outside a transaction; each
     * one is checked with foreign_key_check before it commits */
    mc_status rc = exec_plain(s, "PRAGMA foreign_keys=OFF", err);
    for (int i = v; !rc && i < STORE_N_MIGRATIONS; i++)
        rc = migrate_one(s, i, err);
    mc_status rc2 = exec_plain(s, "PRAGMA foreign_keys=ON", rc ? NULL : err);
    return rc ? rc : rc2;
}

/* errno when the database file or its folder cannot be written (a
 * read-only mount, no permission), else 0. */
static int writable_problem(const char *path)
{
    if (access(path, W_OK) != 0)
        return errno;
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (!slash)
        mc_strlcpy(dir, ".", sizeof dir);
    else if (slash == path)
        mc_strlcpy(dir, "/", sizeof dir);
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    return access(dir, W_OK) != 0 ? errno : 0;
}

/* True when the file system holding path has no block left for us. */
static bool disk_full(const char *path)
{
    struct statvfs v;
    return statvfs(path, &v) == 0 && v.f_bavail == 0;
}

mc_status store_open(const char *path, bool create, mc_store **out,
                     mc_error *err)
{
    *out = NULL;
    if (!path || !*path)
        return mc_fail(err, MC_EINVAL, "db", _("Chưa chỉ định tệp cơ sở dữ liệu"));
    if (create) {
        /* create with 0600 before SQLite does; its -wal and -shm files
         * take the same mode */
        int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0)
            return mc_fail(err, MC_EIO, "db", _("Không tạo được %s: %s"), path,
                           strerror(errno));
        close(fd);
    } else if (access(path, F_OK) != 0) {
        return mc_fail(err, MC_ENOTFOUND, "db",
                       _("Không có cơ sở dữ liệu %s (hãy chạy \"motcua init\" "
                         "trước)"),
                       path);
    }
    store_mem_init();
    mc_store *s = mc_xcalloc(1, sizeof *s);
    /* the WAL's frames go out in one write per commit (store_walbuf.c);
     * the platform's VFS when that cannot be set up */
    if (sqlite3_open_v2(path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        store_walbuf_vfs()) != SQLITE_OK) {
        mc_status rc = mc_fail(err, MC_EDB, "db", _("Không mở được %s: %s"),
                               path, s->db ? sqlite3_errmsg(s->db) : "?");
        store_close(s);
        return rc;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 30000);
    mc_status rc = exec_plain(s,
                              "PRAGMA journal_mode=WAL;"
                              "PRAGMA synchronous=FULL;"
                              "PRAGMA foreign_keys=ON;",
                              err);
    /* migration 13 edits a CHECK in sqlite_schema (writable_schema), which
     * a SQLite built with defensive mode on by default would refuse */
    if (!rc)
        sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 0, (int *)NULL);
    if (!rc)
        rc = migrate(s, err);
    if (!rc)
        rc = store_names_open(s, err);
    if (!rc && store_names_waiting(s) >= STORE_NAMES_BATCH) {
        /* dossiers written around the store (by hand, or an import):
         * index them now so a search reads at most a batch directly; a
         * failure here (busy, disk full) costs only search speed */
        mc_error ignored = {0};
        if (store_names_index_all(s, &ignored) != MC_OK) {
            /* it rolled back its own transaction: nothing to undo */
        }
    }
    if (rc && disk_full(path)) {
        /* SQLite says "disk I/O error" when the -shm file cannot grow */
        rc = mc_fail(err, MC_EIO, "db",
                     _("Ổ đĩa chứa %s đã đầy, không mở được cơ sở dữ liệu: "
                       "hãy giải phóng chỗ trống rồi làm lại"),
                     path);
    } else if (rc && writable_problem(path)) {
        /* WAL needs the file and its folder writable (the -wal and -shm
         * files): say so rather than "unable to open database file" */
        rc = mc_fail(err, MC_EIO, "db",
                     _("Không mở được %s để ghi: %s (motcua cần ghi được tệp "
                       "cơ sở dữ liệu và thư mục chứa nó)"),
                     path, strerror(writable_problem(path)));
    }
    if (rc) {
        store_close(s);
        return rc;
    }
    *out = s;
    return MC_OK;
}

void store_close(mc_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < STMT__COUNT; i++)
        sqlite3_finalize(s->stmts[i]);
    sqlite3_close(s->db);
    free(s);
}

mc_status store_begin(mc_store *s, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_BEGIN, err);
    if (!st)
        return MC_EDB;
    if (sqlite3_step(st) != SQLITE_DONE)
        return store_err(s, err, "BEGIN");
    return MC_OK;
}

mc_status store_commit(mc_store *s, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_COMMIT, err);
    if (!st)
        return MC_EDB;
    if (sqlite3_step(st) != SQLITE_DONE) {
        mc_status rc = store_err(s, err, "COMMIT");
        store_rollback(s);
        return rc;
    }
    return MC_OK;
}

void store_rollback(mc_store *s)
{
    if (sqlite3_get_autocommit(s->db))
        return;
    sqlite3_stmt *st = store_stmt(s, STMT_ROLLBACK, NULL);
    if (st)
        sqlite3_step(st);
}

/* Run a statement that returns no rows. */
mc_status store_step_done(mc_store *s, sqlite3_stmt *st, mc_error *err,
                          const char *what)
{
    int r = sqlite3_step(st);
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, what);
    sqlite3_reset(st);
    /* no parameter keeps pointing at the caller's text
     * (store_bind_text_static) once the statement has run */
    sqlite3_clear_bindings(st);
    return rc;
}
