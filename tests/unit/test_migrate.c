/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Migration 5 on a database of schema 4 with data in it: the rebuilt
 * tables (issued_codes, dossier_papers, outbox) keep every row (a broken
 * reference written by hand does not stop the upgrade) and their
 * guarantees (unique codes, append-only, outbox never deleted and seq
 * never reused), the name index is rebuilt and finds the old names, and
 * foreign keys and integrity check out. */
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

#include "schema.h"
#include "store.h"

static char dir[64], path[128];

static void exec_ok(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    int r = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (r != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
    sqlite3_free(msg);
}

static int exec_rc(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* the first column of the first row as text ("" when none) */
static char *one(sqlite3 *db, const char *sql)
{
    static char buf[512];
    sqlite3_stmt *st;
    buf[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, sizeof buf, "%s", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

static void make_v4(void)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    exec_ok(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;");
    for (int i = 0; i < 4; i++) {
        exec_ok(db, "BEGIN");
        exec_ok(db, store_migrations[i]);
        exec_ok(db, "COMMIT");
    }
    exec_ok(db, "PRAGMA user_version = 4");
    exec_ok(db,
            "INSERT INTO procedures VALUES ('P', 1, 'Thủ tục', 5, '{}', 0);"
            "INSERT INTO issued_codes VALUES"
            " ('A', '260213', 1, 'A-260213-0001', 'dossier', 1),"
            " ('A', '260213', 2, 'A-260213-0002', 'refusal', 2),"
            " ('A', '260213', 3, 'A-260213-0003', 'lost', 3);"
            "INSERT INTO dossiers(code, status, procedure_code,"
            " procedure_version, procedure_name, processing_days,"
            " processing_unit, applicant_kind, applicant_name, name_key,"
            " channel, received_at, received_by, updated_at) VALUES"
            " ('A-260213-0001', 'received', 'P', 1, 'Thủ tục', 5, 0, 0,"
            "  'Nguyễn Thị Hường', 'nguyen thi huong', 0, 100, 'admin', 100),"
            " ('A-260213-0002', 'refused', 'P', 1, 'Thủ tục', 5, 0, 0,"
            "  'Trần Văn Nam', 'tran van nam', 0, 200, 'admin', 200);"
            "INSERT INTO dossier_papers VALUES (1, 1, 'Giấy', 0, 1, 1),"
            " (1, 2, 'Tờ khai', 0, 2, 0), (2, 1, 'Giấy', 0, 1, 1);"
            "INSERT INTO history(dossier_id, at, actor, action, to_status)"
            " VALUES (1, 100, 'admin', 'intake', 'received'),"
            " (2, 200, 'admin', 'refuse', 'refused');"
            "INSERT INTO outbox(kind, payload, created_at) VALUES"
            " ('intake', '{\"n\":1,\"dossier\":\"A-260213-0001\"}', 1),"
            " ('refuse', '{\"n\":2,\"dossier\":\"A-260213-0002\"}', 2),"
            " ('intake', '{\"n\":3}', 3);"
            "UPDATE outbox SET acked_at = 5 WHERE seq = 1;"
            "UPDATE outbox SET set_aside_reason = 'bad' WHERE seq = 2;");
    /* one broken reference written by hand with foreign keys off: the
     * upgrade keeps it and goes on */
    exec_ok(db, "PRAGMA foreign_keys=OFF;"
                "INSERT INTO dossier_papers VALUES (99, 1, 'Mồ côi', 0, 1, 1);");
    sqlite3_close(db);
}

static void test_v4_to_current(void **state)
{
    (void)state;
    make_v4();
    mc_store *s = NULL;
    mc_error err = {0};
    assert_int_equal(store_open(path, false, &s, &err), MC_OK);
    assert_int_equal(store_user_version(s), STORE_N_MIGRATIONS);
    store_close(s);

    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    exec_ok(db, "PRAGMA foreign_keys=ON");
    assert_string_equal(one(db, "PRAGMA integrity_check"), "ok");
    assert_string_equal(one(db, "SELECT group_concat(\"table\" || '>' || parent)"
                                " FROM pragma_foreign_key_check"),
                        "dossier_papers>dossiers");
    /* rows kept */
    assert_string_equal(one(db, "SELECT group_concat(code || ':' || kind, ' ')"
                                " FROM (SELECT * FROM issued_codes ORDER BY seq)"),
                        "A-260213-0001:dossier A-260213-0002:refusal "
                        "A-260213-0003:lost");
    assert_string_equal(one(db, "SELECT group_concat(name || '*' || count, ',')"
                                " FROM (SELECT * FROM dossier_papers"
                                " WHERE dossier_id = 1 ORDER BY ord)"),
                        "Giấy*1,Tờ khai*2");
    assert_string_equal(one(db, "SELECT group_concat(seq || ':' ||"
                                " COALESCE(acked_at, '-') || ':' ||"
                                " COALESCE(set_aside_reason, '-') || ':' ||"
                                " payload, ' ') FROM (SELECT * FROM outbox"
                                " ORDER BY seq)"),
                        "1:5:-:{\"n\":1,\"dossier\":\"A-260213-0001\"} "
                        "2:-:bad:{\"n\":2,\"dossier\":\"A-260213-0002\"} "
                        "3:-:-:{\"n\":3}");
    /* migration 12: the refusal's event is not acknowledged, so its dossier
     * names it; the acknowledged intake's dossier is left NULL (known) */
    assert_string_equal(one(db, "SELECT group_concat(code || '=' ||"
                                " COALESCE(intake_seq, 'known'), ' ') FROM"
                                " (SELECT * FROM dossiers ORDER BY id)"),
                        "A-260213-0001=known A-260213-0002=2");
    assert_string_equal(one(db, "SELECT COUNT(*) FROM sqlite_schema"
                                " WHERE name = 'outbox_intake_dossier'"),
                        "0");
    /* migration 13: the status rule as comparisons, the same names */
    assert_string_equal(one(db, "SELECT instr(sql, 'status IN') FROM"
                                " sqlite_schema WHERE name = 'dossiers'"),
                        "0");
    assert_int_not_equal(exec_rc(db, "UPDATE dossiers SET status = 'bogus'"
                                     " WHERE id = 1"),
                         SQLITE_OK);
    static const char *const statuses[] = {
        "received", "refused", "processing", "supplement_requested",
        "withdrawn", "stopped", "done", "returned",
    };
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++) {
        char sql[128];
        snprintf(sql, sizeof sql,
                 "UPDATE dossiers SET status = '%s' WHERE id = 1", statuses[i]);
        assert_int_equal(exec_rc(db, sql), SQLITE_OK);
    }
    exec_ok(db, "UPDATE dossiers SET status = 'received' WHERE id = 1");
    /* the layout it was for */
    assert_non_null(strstr(one(db, "SELECT sql FROM sqlite_schema"
                                   " WHERE name = 'issued_codes'"),
                           "WITHOUT ROWID"));
    assert_non_null(strstr(one(db, "SELECT sql FROM sqlite_schema"
                                   " WHERE name = 'dossier_papers'"),
                           "WITHOUT ROWID"));
    assert_string_equal(one(db, "SELECT COUNT(*) FROM sqlite_schema WHERE name"
                                " IN ('history_to_at', 'dossiers_received_by',"
                                " 'dossiers_due_date', 'dossier_names_docsize')"),
                        "0");
    /* the name index was rebuilt from the rows */
    exec_ok(db, "INSERT INTO dossier_names(dossier_names)"
                " VALUES ('integrity-check')");
    assert_string_equal(one(db, "SELECT group_concat(rowid) FROM dossier_names"
                                " WHERE dossier_names MATCH 'ngu* AND huong'"),
                        "1");
    assert_string_equal(one(db, "SELECT group_concat(rowid) FROM dossier_names"
                                " WHERE dossier_names MATCH 'nam'"),
                        "2");
    /* guarantees */
    assert_int_not_equal(exec_rc(db, "INSERT INTO issued_codes VALUES ('A',"
                                     " '260213', 4, 'A-260213-0001', 'dossier',"
                                     " 4)"),
                         SQLITE_OK);
    assert_int_not_equal(exec_rc(db, "INSERT INTO issued_codes VALUES ('A',"
                                     " '260213', 3, 'A-260213-9999', 'dossier',"
                                     " 4)"),
                         SQLITE_OK);
    assert_int_not_equal(exec_rc(db, "UPDATE issued_codes SET kind = 'x'"),
                         SQLITE_OK);
    assert_int_not_equal(exec_rc(db, "DELETE FROM issued_codes"), SQLITE_OK);
    assert_int_not_equal(exec_rc(db, "DELETE FROM outbox WHERE seq = 1"),
                         SQLITE_OK);
    assert_int_not_equal(exec_rc(db, "INSERT INTO dossier_papers VALUES"
                                     " (1, 1, 'again', 0, 1, 1)"),
                         SQLITE_OK);
    assert_int_not_equal(exec_rc(db, "INSERT INTO dossier_papers VALUES"
                                     " (98, 1, 'orphan', 0, 1, 1)"),
                         SQLITE_OK);
    exec_ok(db, "INSERT INTO outbox(kind, payload, created_at)"
                " VALUES ('intake', '{}', 9)");
    assert_int_equal(sqlite3_last_insert_rowid(db), 4);
    /* a new dossier waits for the next batch of the name index (a search
     * reads it directly: test_names); the older ones are indexed */
    exec_ok(db, "INSERT INTO issued_codes VALUES ('A', '260213', 4,"
                " 'A-260213-0004', 'dossier', 4);"
                "INSERT INTO dossiers(code, status, procedure_code,"
                " procedure_version, procedure_name, processing_days,"
                " processing_unit, applicant_kind, applicant_name, name_key,"
                " channel, received_at, received_by, updated_at) VALUES"
                " ('A-260213-0004', 'received', 'P', 1, 'Thủ tục', 5, 0, 0,"
                "  'Lê Văn Nam', 'le van nam', 0, 300, 'admin', 300);");
    assert_string_equal(one(db, "SELECT group_concat(rowid) FROM (SELECT rowid"
                                " FROM dossier_names WHERE dossier_names"
                                " MATCH 'nam' ORDER BY rowid)"),
                        "2");
    assert_string_equal(one(db, "SELECT upto FROM dossier_names_upto"), "2");
    assert_string_equal(one(db, "SELECT COUNT(*) FROM sessions"), "0");
    sqlite3_close(db);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "%s/motcua-migrate-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/v4.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *const suffix[] = {"", "-wal", "-shm"};
    char f[160];
    for (int i = 0; i < 3; i++) {
        snprintf(f, sizeof f, "%s%s", path, suffix[i]);
        unlink(f);
    }
    rmdir(dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_v4_to_current, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
