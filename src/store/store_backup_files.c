/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_backup_files.c - the blobs a database file names
 * (store_backup_files.h). */
#include "store_backup_files.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

static const char *const REFS_SQL =
    "SELECT f.sha256, b.size, d.code, f.name FROM dossier_files f"
    " JOIN blobs b ON b.sha256 = f.sha256"
    " JOIN dossiers d ON d.id = f.dossier_id"
    " WHERE f.id = (SELECT MIN(g.id) FROM dossier_files g"
    "  WHERE g.sha256 = f.sha256)"
    " ORDER BY f.sha256";

void store_blob_refs_free(store_blob_ref *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].code);
        free(r[i].name);
    }
    free(r);
}

static mc_status db_fail(sqlite3 *db, const char *path, mc_error *err)
{
    return mc_fail(err, MC_EDB, "db",
                   _("Không đọc được danh sách tệp hồ sơ trong %s: %s"), path,
                   db ? sqlite3_errmsg(db) : "?");
}

mc_status store_blob_refs(const char *path, store_blob_ref **out, size_t *n,
                          mc_error *err)
{
    *out = NULL;
    *n = 0;
    store_mem_init();
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    mc_status rc = MC_OK;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        rc = db_fail(db, path, err);
        goto out;
    }
    sqlite3_busy_timeout(db, 5000);
    /* a database from before dossier files (schema < 6) names none */
    if (sqlite3_prepare_v2(db,
                           "SELECT COUNT(*) FROM sqlite_schema WHERE type ="
                           " 'table' AND name IN ('dossier_files', 'blobs')",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        rc = db_fail(db, path, err);
        goto out;
    }
    int tables = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (tables < 2)
        goto out;
    if (sqlite3_prepare_v2(db, REFS_SQL, -1, &st, NULL) != SQLITE_OK) {
        rc = db_fail(db, path, err);
        goto out;
    }
    size_t cap = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *out = mc_xrealloc(*out, cap * sizeof **out);
        }
        store_blob_ref *b = &(*out)[*n];
        memset(b, 0, sizeof *b);
        const unsigned char *sha = sqlite3_column_text(st, 0);
        mc_strlcpy(b->sha256, sha ? (const char *)sha : "", sizeof b->sha256);
        b->size = sqlite3_column_int64(st, 1);
        b->code = store_col_dup(st, 2);
        b->name = store_col_dup(st, 3);
        (*n)++;
    }
    if (r != SQLITE_DONE) {
        rc = db_fail(db, path, err);
        store_blob_refs_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
out:
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}
