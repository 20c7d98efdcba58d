/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The desk's upload state of dossier files (store_upload.h, migration 7):
 * every dossier_files row gets its upload row by itself (a scan as well as
 * a result written by other code); a file is not ready before its
 * dossier's intake is acknowledged; progress, failures, done and set-aside
 * show in what `sync status` reads; the intake lookup searches its index
 * (a damaged outbox payload does not break it). */
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

#include "store.h"
#include "store_sql_upload.h"
#include "store_upload.h"

static char dir[64], path[128];
static mc_store *s;
static sqlite3 *db; /* the fixtures' own connection */

static void exec_ok(const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
    sqlite3_free(msg);
}

static char *one(const char *sql)
{
    static char buf[512];
    sqlite3_stmt *st;
    buf[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    while (sqlite3_step(st) == SQLITE_ROW)
        if (sqlite3_column_text(st, sqlite3_column_count(st) - 1))
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s|",
                     sqlite3_column_text(st, sqlite3_column_count(st) - 1));
    sqlite3_finalize(st);
    return buf;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/motcua-upload-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/office.db", dir);
    mc_error err = {0};
    assert_int_equal(store_open(path, true, &s, &err), MC_OK);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    exec_ok("PRAGMA foreign_keys=OFF;"
            "INSERT INTO procedures VALUES ('P', 1, 'Thủ tục', 5, '{}', 0);");
    for (int i = 1; i <= 2; i++) {
        char sql[1024];
        snprintf(sql, sizeof sql,
                 "INSERT INTO dossiers(code, status, procedure_code,"
                 " procedure_version, procedure_name, processing_days,"
                 " processing_unit, applicant_kind, applicant_name, name_key,"
                 " channel, received_at, received_by, updated_at) VALUES"
                 " ('A-260213-000%d', 'received', 'P', 1, 'Thủ tục', 5, 0, 0,"
                 " 'Nguyễn Thị Hường', 'nguyen thi huong', 0, 100, 'admin',"
                 " 100);"
                 "INSERT INTO outbox(kind, payload, created_at)"
                 " VALUES ('intake', '{\"v\":1,\"kind\":\"intake\","
                 "\"dossier\":\"A-260213-000%d\"}', 1);"
                 "UPDATE dossiers SET intake_seq = last_insert_rowid()"
                 " WHERE code = 'A-260213-000%d';",
                 i, i, i);
        exec_ok(sql);
    }
    /* a damaged payload must not break the outbox or its index */
    exec_ok("INSERT INTO outbox(kind, payload, created_at)"
            " VALUES ('intake', 'not json {', 2);");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sqlite3_close(db);
    store_close(s);
    static const char *const files[] = {"office.db", "office.db-wal",
                                        "office.db-shm"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char p[192];
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        (void)unlink(p);
    }
    assert_int_equal(rmdir(dir), 0);
    return 0;
}

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static void add_file(int dossier, const char *role, const char *paper,
                     const char *sha, const char *name)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO dossier_files(dossier_id, role, paper, sha256,"
             " name, source, added_by, added_at) VALUES (%d, '%s', %s, '%s',"
             " '%s', 'file', 'admin', 0)",
             dossier, role, paper, sha, name);
    exec_ok(sql);
}

static void test_upload_state(void **state)
{
    (void)state;
    mc_error err = {0};
    exec_ok("DELETE FROM blobs;"
            "INSERT INTO blobs VALUES ('" SHA_A "', 1000, 'application/pdf',"
            " 2, 0), ('" SHA_B "', 300, 'image/png', 1, 0);");
    add_file(1, "scan", "1", SHA_A, "giay-ra-vien.pdf");
    add_file(2, "result", "NULL", SHA_B, "ket-qua.png");
    assert_string_equal(one("SELECT count(*) FROM file_uploads"
                            " WHERE done_at IS NULL AND sent = 0"),
                        "2|");

    /* neither intake acknowledged: nothing ready, both held */
    store_upload_row r;
    bool found = true;
    assert_int_equal(store_upload_next(s, 0, &r, &found, &err), MC_OK);
    assert_false(found);
    int64_t files, bytes, held;
    assert_int_equal(store_upload_waiting(s, &files, &bytes, &held, &err),
                     MC_OK);
    assert_int_equal(files, 2);
    assert_int_equal(bytes, 1300);
    assert_int_equal(held, 2);

    /* the first dossier's intake acknowledged: its scan is ready */
    exec_ok("UPDATE outbox SET acked_at = 5 WHERE seq = 1");
    assert_int_equal(store_upload_next(s, 0, &r, &found, &err), MC_OK);
    assert_true(found);
    assert_string_equal(r.dossier, "A-260213-0001");
    assert_string_equal(r.role, "scan");
    assert_int_equal(r.paper, 1);
    assert_string_equal(r.sha256, SHA_A);
    assert_int_equal(r.size, 1000);
    assert_string_equal(r.mime, "application/pdf");
    assert_string_equal(r.name, "giay-ra-vien.pdf");
    int64_t first = r.file_id;
    assert_int_equal(store_upload_next(s, first, &r, &found, &err), MC_OK);
    assert_false(found);

    /* progress and a failure show; done takes it out */
    assert_int_equal(store_upload_sent(s, first, 400, &err), MC_OK);
    assert_int_equal(store_upload_failed(s, first, "409 dossier_unknown",
                                         &err),
                     MC_OK);
    assert_int_equal(store_upload_waiting(s, &files, &bytes, &held, &err),
                     MC_OK);
    assert_int_equal(bytes, 900);
    assert_int_equal(held, 1);
    assert_string_equal(one("SELECT attempts || ':' || last_error"
                            " FROM file_uploads WHERE file_id = 1"),
                        "1:409 dossier_unknown|");
    assert_int_equal(store_upload_done(s, first, 1000, 77, &err), MC_OK);
    assert_string_equal(one("SELECT done_at || ':' || sent || ':' ||"
                            " COALESCE(last_error, '-') FROM file_uploads"
                            " WHERE file_id = 1"),
                        "77:1000:-|");

    /* the result (no paper) once its intake is acknowledged */
    exec_ok("UPDATE outbox SET acked_at = 6 WHERE seq = 2");
    assert_int_equal(store_upload_next(s, 0, &r, &found, &err), MC_OK);
    assert_true(found);
    assert_string_equal(r.role, "result");
    assert_int_equal(r.paper, 0);
    assert_int_equal(store_upload_set_aside(s, r.file_id, "damaged", &err),
                     MC_OK);
    assert_int_equal(store_upload_next(s, 0, &r, &found, &err), MC_OK);
    assert_false(found);
    assert_int_equal(store_upload_waiting(s, &files, &bytes, &held, &err),
                     MC_OK);
    assert_int_equal(files, 0);
    assert_int_equal(bytes, 0);
    assert_string_equal(one("SELECT set_aside_reason FROM file_uploads"
                            " WHERE file_id = 2"),
                        "damaged|");
}

static void test_intake_lookup_searches(void **state)
{
    (void)state;
    /* STMT_UPLOAD_NEXT's lookup of the intake: the outbox row by its key
     * (dossiers.intake_seq), never a scan of the outbox */
    char *plan = one("EXPLAIN QUERY PLAN SELECT 1 FROM dossiers d WHERE "
                     STORE_UPLOAD_INTAKE_ACKED);
    assert_non_null(strstr(plan, "SEARCH o USING INTEGER PRIMARY KEY"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_upload_state),
        cmocka_unit_test(test_intake_lookup_searches),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
