/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The applicant-name index written in batches (store_names.c, migration
 * 11): a dossier not yet indexed is found by a search at once, with the
 * same answer FTS5 gives once it is indexed (names with diacritics, upper
 * case, dashes, apostrophes, digits; prefixes, several words, words that
 * are only punctuation); the batch is indexed when it is full; a corrected
 * name is searched by its new spelling whether or not it was indexed; the
 * index position never goes back; dossiers written around the store are
 * indexed when the store opens. */
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

#include "dossier_code.h"
#include "store.h"
#include "vntext.h"

#define OFFICE "000.00.06.H56"

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

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/motcua-names-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/office.db", dir);
    mc_error err = {0};
    assert_int_equal(store_open(path, true, &s, &err), MC_OK);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    exec_ok("INSERT INTO procedures VALUES ('P', 1, 'Thủ tục', 5, '{}', 0);");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sqlite3_close(db);
    store_close(s);
    const char *const suffix[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char f[160];
        snprintf(f, sizeof f, "%s%s", path, suffix[i]);
        unlink(f);
    }
    rmdir(dir);
    return 0;
}

/* One dossier through the store, as an intake writes it; its id. */
static int64_t add(const char *name)
{
    static int seq_day = 0;
    mc_error err = {0};
    mc_date day = {2026, 2, 13};
    char key[7];
    dcode_day_key(day, key);
    unsigned long seq = 0;
    mc_dossier ds = {0};
    assert_int_equal(store_begin(s, &err), MC_OK);
    assert_int_equal(store_code_next(s, OFFICE, key, &seq, &err), MC_OK);
    assert_int_equal(dcode_format(OFFICE, day, seq, ds.code, &err), MC_OK);
    assert_int_equal(store_code_issue(s, OFFICE, key, seq, ds.code, "dossier",
                                      1000 + seq_day, &err),
                     MC_OK);
    ds.status = ST_RECEIVED;
    ds.procedure_code = "P";
    ds.procedure_version = 1;
    ds.procedure_name = "Thủ tục";
    ds.processing_days = 5;
    ds.applicant_kind = APPLICANT_PERSON;
    ds.applicant_name = (char *)name;
    ds.channel = CHANNEL_DIRECT;
    ds.sets = 1;
    ds.received_at = 1000 + seq_day;
    ds.received_by = "admin";
    ds.updated_at = 1000 + seq_day;
    seq_day++;
    assert_int_equal(store_dossier_insert(s, &ds, &err), MC_OK);
    assert_int_equal(store_commit(s, &err), MC_OK);
    return ds.id;
}

struct found {
    char ids[2048];
};

static bool collect(const mc_dossier *d, void *ud)
{
    struct found *f = ud;
    size_t n = strlen(f->ids);
    snprintf(f->ids + n, sizeof f->ids - n, "%lld,", (long long)d->id);
    return true;
}

/* The query desk/query.c builds from what the clerk typed. */
static void query_of(const char *typed, char *q, size_t cap, char *exact,
                     size_t ecap)
{
    char *folded = vn_fold(typed);
    size_t used = 0;
    const char *p = folded;
    q[0] = '\0';
    while (*p) {
        while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                       (*p >= '0' && *p <= '9') || ((unsigned char)*p & 0x80)))
            p++;
        if (!*p)
            break;
        used += (size_t)snprintf(q + used, cap - used, "%s\"", used ? " " : "");
        while (*p && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                      (*p >= '0' && *p <= '9') || ((unsigned char)*p & 0x80)))
            q[used++] = *p++;
        q[used++] = '"';
        q[used] = '\0';
    }
    if (used)
        snprintf(q + used, cap - used, "*");
    snprintf(exact, ecap, "%s", folded);
    free(folded);
}

static char *search(const char *typed, int limit)
{
    static struct found f;
    char q[512], exact[512];
    query_of(typed, q, sizeof q, exact, sizeof exact);
    memset(&f, 0, sizeof f);
    mc_error err = {0};
    if (*q)
        assert_int_equal(store_dossier_by_name(s, q, exact, limit, collect, &f,
                                               &err),
                         MC_OK);
    return f.ids;
}

static void test_waiting_found_at_once(void **state)
{
    (void)state;
    int64_t a = add("Nguyễn Thị Hường");
    int64_t b = add("Trần Văn Hùng");
    int64_t c = add("Nguyễn Thị Hường Anh");
    assert_int_equal(store_names_waiting(s), 3);
    char want[64];
    /* newest first, the exact whole name ahead */
    snprintf(want, sizeof want, "%lld,%lld,", (long long)a, (long long)c);
    assert_string_equal(search("nguyen thi huong", 50), want);
    snprintf(want, sizeof want, "%lld,", (long long)b);
    assert_string_equal(search("HÙNG", 50), want);
    assert_string_equal(search("hux", 50), "");
    snprintf(want, sizeof want, "%lld,%lld,%lld,", (long long)c, (long long)b,
             (long long)a);
    assert_string_equal(search("h", 50), want);
    snprintf(want, sizeof want, "%lld,", (long long)c);
    assert_string_equal(search("h", 1), want);
}

/* Some matches indexed, some waiting: the exact names first, newest first
 * among each kind, and the limit keeps the newest; the same once all are
 * indexed. */
static void test_waiting_and_indexed_merge(void **state)
{
    (void)state;
    int64_t a = add("Nguyễn Thị Hường");
    int64_t b = add("Nguyễn Thị Hường Anh");
    mc_error err = {0};
    assert_int_equal(store_names_index_all(s, &err), MC_OK);
    int64_t c = add("Nguyễn Thị Hường Bích");
    int64_t d = add("Nguyễn Thị Hường");
    assert_int_equal(store_names_waiting(s), 2);
    char want[96];
    snprintf(want, sizeof want, "%lld,%lld,%lld,%lld,", (long long)d,
             (long long)a, (long long)c, (long long)b);
    assert_string_equal(search("nguyen thi huong", 50), want);
    /* the newest three: a, the oldest, drops out */
    snprintf(want, sizeof want, "%lld,%lld,%lld,", (long long)d, (long long)c,
             (long long)b);
    assert_string_equal(search("nguyen thi huong", 3), want);
    /* the newest one only: a waiting exact name */
    snprintf(want, sizeof want, "%lld,", (long long)d);
    assert_string_equal(search("nguyen thi huong", 1), want);
    snprintf(want, sizeof want, "%lld,%lld,%lld,%lld,", (long long)d,
             (long long)a, (long long)c, (long long)b);
    assert_int_equal(store_names_index_all(s, &err), MC_OK);
    assert_string_equal(search("nguyen thi huong", 50), want);
}

static void test_batch_indexed_when_full(void **state)
{
    (void)state;
    for (int i = 0; i < 63; i++)
        add(i % 2 ? "Lê Văn Tám" : "Phạm Thị Mai");
    assert_int_equal(store_names_waiting(s), 63);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM dossier_names"
                                            " WHERE dossier_names MATCH 'tam'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_reset(st);
    add("Lê Văn Tám");
    assert_int_equal(store_names_waiting(s), 0);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 32);
    sqlite3_finalize(st);
    /* the index agrees with its content table, row for row */
    exec_ok("INSERT INTO dossier_names(dossier_names, rank)"
            " VALUES ('integrity-check', 1)");
}

/* The same names and queries answered from the waiting rows and, after
 * indexing them, from FTS5: the same ids in the same order. */
static void test_same_answers_as_the_index(void **state)
{
    (void)state;
    static const char *const names[] = {
        "Nguyễn Thị Hường", "NGUYỄN VĂN AN", "Đặng Thuỳ Trâm",
        "Trần–Lê Minh Khôi", "Lê-Hoàng Anh", "O'Neil Thị Bé",
        "Hồ Thị Kim Thoa 2", "Công ty TNHH Sao Việt 1990",
        "Phạm Ngọc Ánh", "Vũ Đức Đam", "Ngô Bảo Châu", "Kiều Oanh",
        "Nguyễn Ánh", "Ánh Nguyễn", "Thị Nở", "Chí Phèo",
    };
    static const char *const queries[] = {
        "nguyen", "Nguyễn th", "ANH", "anh ng", "tran le", "trần–lê",
        "le-hoang", "o'neil", "oneil", "o neil", "kim thoa 2", "1990",
        "sao viet 19", "d", "đ", "dam", "– anh", "–", "a–b", "thị", "th",
        "bao chau", "chau bao", "kieu oanh x", "x", "nguyen anh",
        "ánh nguyễn", "ph ng a", "cong ty", "tnhh", "2", "  an  ",
    };
    size_t nn = sizeof names / sizeof *names, nq = sizeof queries / sizeof *queries;
    for (size_t i = 0; i < 3 * nn; i++)
        add(names[i % nn]);
    assert_true(store_names_waiting(s) >= (int64_t)(3 * nn));
    char (*before)[2048] = calloc(nq, sizeof *before);
    for (size_t i = 0; i < nq; i++)
        snprintf(before[i], sizeof before[i], "%s", search(queries[i], 20));
    mc_error err = {0};
    assert_int_equal(store_names_index_all(s, &err), MC_OK);
    assert_int_equal(store_names_waiting(s), 0);
    for (size_t i = 0; i < nq; i++)
        if (strcmp(before[i], search(queries[i], 20)) != 0)
            fail_msg("query \"%s\": waiting rows gave %s, the index %s",
                     queries[i], before[i], search(queries[i], 20));
    /* the answers are not all empty */
    assert_string_not_equal(before[0], "");
    assert_string_not_equal(before[5], "");
    free(before);
}

/* The same comparison on names and queries drawn at random from syllables,
 * digits and separators (dashes, apostrophes, dots, combining marks,
 * non-Latin letters): 40 names, 400 queries cut from them and mixed. */
static uint64_t rng_state = 0x6d6f74637561ULL;
static unsigned rnd(unsigned below)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(rng_state >> 33) % below;
}

static void test_same_answers_random(void **state)
{
    (void)state;
    static const char *const bits[] = {
        "Nguyễn", "nguyen", "Thị", "Văn", "Hường", "HƯƠNG", "Đức", "đ", "An",
        "Ánh", "Ngọc", "ng", "th", "a", "o", "1", "19", "2026", "–", "-",
        "'", ".", "·", "e\xcc\x81", "Ωμέγα", "Москва", "李", "ß", "İ", "Æ",
    };
    static const char *const seps[] = {" ", " ", " ", "", "-", "–", "'", ". "};
    size_t nb = sizeof bits / sizeof *bits, ns = sizeof seps / sizeof *seps;
    char names[40][128];
    for (int i = 0; i < 40; i++) {
        size_t used = 0;
        names[i][0] = '\0';
        int words = 1 + (int)rnd(4);
        for (int w = 0; w < words; w++) {
            const char *sep = w ? seps[rnd((unsigned)ns)] : "";
            used += (size_t)snprintf(names[i] + used, sizeof names[i] - used,
                                     "%s%s", sep, bits[rnd((unsigned)nb)]);
        }
        add(names[i]);
    }
    char (*queries)[128] = calloc(400, sizeof *queries);
    char (*before)[2048] = calloc(400, sizeof *before);
    for (int i = 0; i < 400; i++) {
        const char *n = names[rnd(40)];
        size_t len = strlen(n), a = rnd((unsigned)len), b = a + rnd(12);
        if (b > len)
            b = len;
        if (i % 3 == 0)
            snprintf(queries[i], sizeof queries[i], "%s %s", bits[rnd((unsigned)nb)],
                     bits[rnd((unsigned)nb)]);
        else
            snprintf(queries[i], sizeof queries[i], "%.*s", (int)(b - a), n + a);
        snprintf(before[i], sizeof before[i], "%s", search(queries[i], 100));
    }
    mc_error err = {0};
    assert_int_equal(store_names_index_all(s, &err), MC_OK);
    int found = 0;
    for (int i = 0; i < 400; i++) {
        if (strcmp(before[i], search(queries[i], 100)) != 0)
            fail_msg("query \"%s\": waiting rows gave %s, the index %s",
                     queries[i], before[i], search(queries[i], 100));
        found += before[i][0] != '\0';
    }
    assert_true(found > 100); /* most queries find something */
    free(queries);
    free(before);
}

static void test_corrected_names(void **state)
{
    (void)state;
    int64_t old = add("Bùi Văn Lâm");
    mc_error err = {0};
    assert_int_equal(store_names_index_all(s, &err), MC_OK);
    int64_t fresh = add("Bùi Văn Lân");
    char sql[160];
    /* corrected after and before being indexed */
    snprintf(sql, sizeof sql,
             "UPDATE dossiers SET name_key = 'bui van lan' WHERE id = %lld;"
             "UPDATE dossiers SET name_key = 'bui van lam' WHERE id = %lld;",
             (long long)old, (long long)fresh);
    exec_ok(sql);
    char want[64];
    snprintf(want, sizeof want, "%lld,", (long long)old);
    assert_string_equal(search("bui van lan", 50), want);
    snprintf(want, sizeof want, "%lld,", (long long)fresh);
    assert_string_equal(search("bui van lam", 50), want);
    assert_int_equal(store_names_index_all(s, &err), MC_OK);
    assert_string_equal(search("bui van lam", 50), want);
    exec_ok("INSERT INTO dossier_names(dossier_names, rank)"
            " VALUES ('integrity-check', 1)");
}

static void test_position_never_goes_back(void **state)
{
    (void)state;
    add("Mai Văn Hoà");
    mc_error err = {0};
    assert_int_equal(store_names_index_all(s, &err), MC_OK);
    char *msg = NULL;
    assert_int_not_equal(sqlite3_exec(db, "UPDATE dossier_names_upto SET upto = 0",
                                      NULL, NULL, &msg),
                         SQLITE_OK);
    assert_non_null(strstr(msg, "never goes back"));
    sqlite3_free(msg);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM dossier_names_upto",
                                      NULL, NULL, NULL),
                         SQLITE_OK);
}

static void test_open_indexes_rows_written_around_the_store(void **state)
{
    (void)state;
    exec_ok("PRAGMA foreign_keys=OFF;");
    for (int i = 0; i < 100; i++) {
        char sql[1024];
        snprintf(sql, sizeof sql,
                 "INSERT INTO dossiers(code, status, procedure_code,"
                 " procedure_version, procedure_name, processing_days,"
                 " processing_unit, applicant_kind, applicant_name, name_key,"
                 " channel, received_at, received_by, updated_at) VALUES"
                 " ('X-%03d', 'received', 'P', 1, 'Thủ tục', 5, 0, 0,"
                 " 'Hà Văn Tay', 'ha van tay', 0, 100, 'admin', 100);",
                 i);
        exec_ok(sql);
    }
    assert_int_equal(store_names_waiting(s), 100);
    assert_int_equal((int)strlen(search("tay", 50)) > 0, 1);
    store_close(s);
    mc_error err = {0};
    assert_int_equal(store_open(path, false, &s, &err), MC_OK);
    assert_int_equal(store_names_waiting(s), 0);
    exec_ok("INSERT INTO dossier_names(dossier_names, rank)"
            " VALUES ('integrity-check', 1)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_waiting_found_at_once, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_waiting_and_indexed_merge, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_batch_indexed_when_full, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_same_answers_as_the_index, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_same_answers_random, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_corrected_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_position_never_goes_back, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_open_indexes_rows_written_around_the_store, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
