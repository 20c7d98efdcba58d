/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_files.c - dossier files and blobs. */
#include "store_files.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

void store_blob_free(store_blob *b)
{
    if (!b)
        return;
    free(b->mime);
    memset(b, 0, sizeof *b);
}

mc_status store_blob_put(mc_store *s, const char *sha256, int64_t size,
                         const char *mime, int pages, mc_ts at, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_BLOB_PUT, err);
    if (!st)
        return MC_EDB;
    store_bind_text(st, 1, sha256);
    sqlite3_bind_int64(st, 2, size);
    store_bind_text(st, 3, mime);
    sqlite3_bind_int(st, 4, pages);
    sqlite3_bind_int64(st, 5, at);
    return store_step_done(s, st, err, "blobs");
}

mc_status store_blob_get(mc_store *s, const char *sha256, store_blob *out,
                         mc_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_stmt(s, STMT_BLOB_GET, err);
    if (!st)
        return MC_EDB;
    store_bind_text(st, 1, sha256);
    int r = sqlite3_step(st);
    mc_status rc = MC_OK;
    if (r == SQLITE_ROW) {
        out->size = sqlite3_column_int64(st, 0);
        out->mime = store_col_dup(st, 1);
        out->pages = sqlite3_column_int(st, 2);
        out->stored_at = sqlite3_column_int64(st, 3);
    } else if (r == SQLITE_DONE) {
        rc = mc_fail(err, MC_ENOTFOUND, "sha256",
                     _("Không có tệp nào có mã băm %s"), sha256);
    } else {
        rc = store_err(s, err, "blobs");
    }
    sqlite3_reset(st);
    return rc;
}

static void bind_paper(sqlite3_stmt *st, int i, int paper)
{
    if (paper > 0)
        sqlite3_bind_int(st, i, paper);
    else
        sqlite3_bind_null(st, i);
}

mc_status store_file_insert(mc_store *s, const store_file *f, int64_t *id,
                            mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_FILE_INSERT, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, f->dossier_id);
    store_bind_text(st, 2, f->role);
    bind_paper(st, 3, f->paper);
    store_bind_text(st, 4, f->sha256);
    store_bind_text(st, 5, f->name);
    store_bind_text(st, 6, f->source);
    store_bind_text(st, 7, f->added_by);
    sqlite3_bind_int64(st, 8, f->added_at);
    mc_status rc = store_step_done(s, st, err, "dossier_files");
    if (!rc && id)
        *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

mc_status store_file_find(mc_store *s, int64_t dossier_id, const char *role,
                          int paper, const char *sha256, int64_t *id,
                          mc_error *err)
{
    *id = 0;
    sqlite3_stmt *st = store_stmt(s, STMT_FILE_FIND, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, dossier_id);
    store_bind_text(st, 2, role);
    bind_paper(st, 3, paper);
    store_bind_text(st, 4, sha256);
    int r = sqlite3_step(st);
    mc_status rc = MC_OK;
    if (r == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (r != SQLITE_DONE)
        rc = store_err(s, err, "dossier_files");
    sqlite3_reset(st);
    return rc;
}

mc_status store_file_has(mc_store *s, int64_t dossier_id, const char *sha256,
                         bool *has, mc_error *err)
{
    *has = false;
    sqlite3_stmt *st = store_stmt(s, STMT_FILE_HAS, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, dossier_id);
    store_bind_text(st, 2, sha256);
    int r = sqlite3_step(st);
    mc_status rc = MC_OK;
    if (r == SQLITE_ROW)
        *has = true;
    else if (r != SQLITE_DONE)
        rc = store_err(s, err, "dossier_files");
    sqlite3_reset(st);
    return rc;
}

mc_status store_file_bytes(mc_store *s, int64_t dossier_id, int64_t *bytes,
                           mc_error *err)
{
    *bytes = 0;
    sqlite3_stmt *st = store_stmt(s, STMT_FILE_BYTES, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, dossier_id);
    int r = sqlite3_step(st);
    mc_status rc = MC_OK;
    if (r == SQLITE_ROW)
        *bytes = sqlite3_column_int64(st, 0);
    else
        rc = store_err(s, err, "dossier_files");
    sqlite3_reset(st);
    return rc;
}

static void row_to_file(sqlite3_stmt *st, store_file *f)
{
    memset(f, 0, sizeof *f);
    f->id = sqlite3_column_int64(st, 0);
    f->dossier_id = sqlite3_column_int64(st, 1);
    f->role = (const char *)sqlite3_column_text(st, 2);
    f->paper = sqlite3_column_type(st, 3) == SQLITE_NULL
                   ? 0
                   : sqlite3_column_int(st, 3);
    f->sha256 = (const char *)sqlite3_column_text(st, 4);
    f->name = (const char *)sqlite3_column_text(st, 5);
    f->source = (const char *)sqlite3_column_text(st, 6);
    f->added_by = (const char *)sqlite3_column_text(st, 7);
    f->added_at = sqlite3_column_int64(st, 8);
    f->size = sqlite3_column_int64(st, 9);
    f->mime = (const char *)sqlite3_column_text(st, 10);
    f->pages = sqlite3_column_int(st, 11);
    f->detached_at = sqlite3_column_type(st, 12) == SQLITE_NULL
                         ? 0
                         : sqlite3_column_int64(st, 12);
    f->detached_by = (const char *)sqlite3_column_text(st, 13);
    f->detach_reason = (const char *)sqlite3_column_text(st, 14);
}

static mc_status each_rows(mc_store *s, sqlite3_stmt *st, store_file_fn fn,
                           void *ud, int *n, mc_error *err)
{
    int r;
    *n = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        store_file f;
        row_to_file(st, &f);
        fn(&f, ud);
        (*n)++;
    }
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "dossier_files");
    sqlite3_reset(st);
    return rc;
}

mc_status store_file_each(mc_store *s, int64_t dossier_id, store_file_fn fn,
                          void *ud, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_FILE_EACH, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, dossier_id);
    int n;
    return each_rows(s, st, fn, ud, &n, err);
}

mc_status store_file_get(mc_store *s, int64_t id, store_file_fn fn, void *ud,
                         mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_FILE_GET, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, id);
    int n;
    mc_status rc = each_rows(s, st, fn, ud, &n, err);
    if (!rc && n == 0)
        rc = mc_fail(err, MC_ENOTFOUND, "file",
                     _("Không có tệp đính kèm số %lld"), (long long)id);
    return rc;
}

mc_status store_file_each_detached(mc_store *s, int64_t dossier_id,
                                   store_file_fn fn, void *ud, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_FILE_EACH_DETACHED, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, dossier_id);
    int n;
    return each_rows(s, st, fn, ud, &n, err);
}

mc_status store_file_detach(mc_store *s, int64_t id, mc_ts at, const char *by,
                            const char *reason, bool *done, mc_error *err)
{
    *done = false;
    sqlite3_stmt *st = store_stmt(s, STMT_FILE_DETACH, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at);
    store_bind_text(st, 3, by);
    store_bind_text(st, 4, reason);
    mc_status rc = store_step_done(s, st, err, "dossier_files");
    if (!rc)
        *done = sqlite3_changes(s->db) == 1;
    return rc;
}
