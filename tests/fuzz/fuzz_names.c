/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_names.c - motcua_name_match (src/store/store_name_match.c) against
 * FTS5 itself.
 *
 * The batched name index answers a search for the dossiers it does not
 * hold yet with motcua_name_match; the answer must be FTS5's, row for row.
 * Input: names, one per line, then the typed search as the last line.
 * Each name goes into an FTS5 table made like dossier_names (unicode61,
 * prefix indexes 1 2 3); the search becomes the query desk/query.c builds
 * (runs of ASCII letters and digits or non-ASCII bytes, each quoted, the
 * last one a prefix).  Then for every row: FTS5 matched it if and only if
 * motcua_name_match(name, query) says 1.  Text that is not UTF-8 is left
 * out (the desk only stores NFC UTF-8). */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "store_name_match.h"

#define MAX_NAMES 16

static sqlite3 *db;
static sqlite3_stmt *ins, *match, *one;

static void die(const char *what)
{
    fprintf(stderr, "fuzz_names: %s: %s\n", what, sqlite3_errmsg(db));
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
        sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE f USING fts5(k,"
                     " tokenize='unicode61', prefix='1 2 3');",
                     NULL, NULL, NULL) != SQLITE_OK ||
        store_name_match_register(db) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO f(rowid, k) VALUES (?1, ?2)", -1,
                           &ins, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT rowid FROM f WHERE f MATCH ?1", -1,
                           &match, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT rowid, motcua_name_match(k, ?1) FROM f"
                           " ORDER BY rowid",
                           -1, &one, NULL) != SQLITE_OK)
        die("setup");
    return 0;
}

/* desk/query.c's fts_query: each word quoted, the last one a prefix */
static size_t build_query(const char *typed, size_t n, char *q)
{
    size_t used = 0, i = 0;
    while (i < n) {
        while (i < n && !((typed[i] >= 'a' && typed[i] <= 'z') ||
                          (typed[i] >= 'A' && typed[i] <= 'Z') ||
                          (typed[i] >= '0' && typed[i] <= '9') ||
                          ((unsigned char)typed[i] & 0x80)))
            i++;
        if (i >= n)
            break;
        if (used)
            q[used++] = ' ';
        q[used++] = '"';
        while (i < n && ((typed[i] >= 'a' && typed[i] <= 'z') ||
                         (typed[i] >= 'A' && typed[i] <= 'Z') ||
                         (typed[i] >= '0' && typed[i] <= '9') ||
                         ((unsigned char)typed[i] & 0x80)))
            q[used++] = typed[i++];
        q[used++] = '"';
    }
    if (used)
        q[used++] = '*';
    q[used] = '\0';
    return used;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || u8_check(data, size) != NULL || memchr(data, 0, size))
        return 0;
    const char *text = (const char *)data;
    const char *last = text;
    for (const char *p = text; p < text + size; p++)
        if (*p == '\n')
            last = p + 1;
    size_t qn = (size_t)(text + size - last);
    char *q = malloc(2 * qn + 8);
    if (!q || !build_query(last, qn, q)) {
        free(q);
        return 0;
    }
    if (sqlite3_exec(db, "BEGIN; DELETE FROM f;", NULL, NULL, NULL) != SQLITE_OK)
        die("begin");
    int rows = 0;
    for (const char *p = text; p < last && rows < MAX_NAMES;) {
        const char *e = memchr(p, '\n', (size_t)(last - p));
        if (!e)
            break;
        sqlite3_bind_int(ins, 1, ++rows);
        sqlite3_bind_text(ins, 2, p, (int)(e - p), SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            die("insert");
        sqlite3_reset(ins);
        p = e + 1;
    }
    char hit[MAX_NAMES + 1] = {0};
    sqlite3_bind_text(match, 1, q, -1, SQLITE_STATIC);
    int r;
    while ((r = sqlite3_step(match)) == SQLITE_ROW)
        hit[sqlite3_column_int(match, 0)] = 1;
    sqlite3_reset(match);
    if (r != SQLITE_DONE)
        die("FTS5 refused a query the desk builds");
    sqlite3_bind_text(one, 1, q, -1, SQLITE_STATIC);
    while ((r = sqlite3_step(one)) == SQLITE_ROW) {
        int id = sqlite3_column_int(one, 0);
        int ours = sqlite3_column_int(one, 1);
        if (ours != hit[id]) {
            fprintf(stderr, "fuzz_names: query [%s], row %d: FTS5 %d, ours %d\n",
                    q, id, hit[id], ours);
            abort();
        }
    }
    sqlite3_reset(one);
    if (r != SQLITE_DONE)
        die("motcua_name_match");
    if (sqlite3_exec(db, "ROLLBACK;", NULL, NULL, NULL) != SQLITE_OK)
        die("rollback");
    free(q);
    return 0;
}
