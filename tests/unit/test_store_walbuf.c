/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_store_walbuf.c - the VFS that gathers WAL frames (store_walbuf.c)
 * loses and reorders nothing: small commits, a transaction far larger
 * than its 1 MiB buffer (cache spills, pieces under 124 KiB), a rollback,
 * a reader on the platform's VFS seeing each commit as it is made, a
 * checkpoint, and the file reopened whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "store_internal.h"

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

static long long one(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void gathered_writes(void **state)
{
    (void)state;
    char dir[] = "/tmp/motcua-walbuf-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/t.db", dir);
    const char *vfs = store_walbuf_vfs();
    assert_non_null(vfs);
    sqlite3 *w = NULL, *r = NULL;
    assert_int_equal(sqlite3_open_v2(path, &w,
                                     SQLITE_OPEN_READWRITE |
                                         SQLITE_OPEN_CREATE,
                                     vfs),
                     SQLITE_OK);
    exec(w, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
            "CREATE TABLE t(id INTEGER PRIMARY KEY, b BLOB NOT NULL);"
            "CREATE INDEX t_b ON t(b);");
    assert_int_equal(sqlite3_open_v2(path, &r, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    /* small commits, each seen by the other connection at once */
    for (int i = 1; i <= 50; i++) {
        exec(w, "INSERT INTO t(b) VALUES (randomblob(300))");
        assert_int_equal(one(r, "SELECT COUNT(*) FROM t"), i);
    }
    /* 3 MiB in one transaction, written at its commit: more than the
     * buffer holds, in pieces */
    exec(w, "BEGIN;"
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
            " WHERE i < 1000) INSERT INTO t(b) SELECT randomblob(2000) FROM n;"
            "COMMIT;");
    assert_int_equal(one(r, "SELECT COUNT(*) FROM t"), 1050);
    /* the same with a small cache: frames spilled mid-way, read back */
    exec(w, "PRAGMA cache_size=50; BEGIN;"
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
            " WHERE i < 500) INSERT INTO t(b) SELECT randomblob(2000) FROM n;"
            "COMMIT;");
    assert_int_equal(one(r, "SELECT COUNT(*) FROM t"), 1550);
    /* a rolled back transaction leaves nothing, the next one lands */
    exec(w, "BEGIN; INSERT INTO t(b) SELECT randomblob(3000) FROM t;"
            "ROLLBACK;");
    exec(w, "INSERT INTO t(b) VALUES (x'00')");
    assert_int_equal(one(r, "SELECT COUNT(*) FROM t"), 1551);
    assert_int_equal(one(r, "SELECT SUM(length(b)) FROM t"),
                     50 * 300 + 1500 * 2000 + 1);
    sqlite3_close(r);
    exec(w, "PRAGMA wal_checkpoint(TRUNCATE)");
    exec(w, "INSERT INTO t(b) VALUES (x'01')"); /* a restarted WAL */
    sqlite3_close(w);
    /* reopened by the platform's VFS: whole */
    assert_int_equal(sqlite3_open_v2(path, &r, SQLITE_OPEN_READWRITE, NULL),
                     SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(r, "PRAGMA integrity_check", -1, &st,
                                        NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    assert_int_equal(one(r, "SELECT COUNT(*) FROM t"), 1552);
    sqlite3_close(r);
    const char *const suffix[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char f[80];
        snprintf(f, sizeof f, "%s%s", path, suffix[i]);
        unlink(f);
    }
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gathered_writes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
