/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_upload.c - the upload state of dossier files (store_upload.h). */
#include "store_upload.h"

#include <string.h>

#include "store_internal.h"

#define STMT_OR_FAIL(var, id)                                                  \
    sqlite3_stmt *var = store_stmt(s, id, err);                                \
    if (!var)                                                                  \
    return MC_EDB

static void text(sqlite3_stmt *st, int i, char *dst, size_t n)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    mc_strlcpy(dst, v ? v : "", n);
}

static void read_row(sqlite3_stmt *st, store_upload_row *r)
{
    memset(r, 0, sizeof *r);
    r->file_id = sqlite3_column_int64(st, 0);
    text(st, 1, r->dossier, sizeof r->dossier);
    text(st, 2, r->role, sizeof r->role);
    r->paper = sqlite3_column_int(st, 3);
    text(st, 4, r->sha256, sizeof r->sha256);
    r->size = sqlite3_column_int64(st, 5);
    text(st, 6, r->mime, sizeof r->mime);
    text(st, 7, r->name, sizeof r->name);
    r->sent = sqlite3_column_int64(st, 8);
    r->attempts = sqlite3_column_int(st, 9);
}

mc_status store_upload_next(mc_store *s, int64_t after, store_upload_row *out,
                            bool *found, mc_error *err)
{
    *found = false;
    STMT_OR_FAIL(st, STMT_UPLOAD_NEXT);
    sqlite3_bind_int64(st, 1, after);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        read_row(st, out);
        *found = true;
    }
    sqlite3_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE
               ? MC_OK
               : store_err(s, err, "file_uploads");
}

mc_status store_upload_sent(mc_store *s, int64_t file_id, int64_t sent,
                            mc_error *err)
{
    STMT_OR_FAIL(st, STMT_UPLOAD_SENT);
    sqlite3_bind_int64(st, 1, file_id);
    sqlite3_bind_int64(st, 2, sent);
    return store_step_done(s, st, err, "file_uploads");
}

mc_status store_upload_done(mc_store *s, int64_t file_id, int64_t size,
                            mc_ts at, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_UPLOAD_DONE);
    sqlite3_bind_int64(st, 1, file_id);
    sqlite3_bind_int64(st, 2, size);
    sqlite3_bind_int64(st, 3, at);
    return store_step_done(s, st, err, "file_uploads");
}

mc_status store_upload_failed(mc_store *s, int64_t file_id, const char *why,
                              mc_error *err)
{
    STMT_OR_FAIL(st, STMT_UPLOAD_FAILED);
    sqlite3_bind_int64(st, 1, file_id);
    store_bind_text(st, 2, why);
    return store_step_done(s, st, err, "file_uploads");
}

mc_status store_upload_set_aside(mc_store *s, int64_t file_id,
                                 const char *reason, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_UPLOAD_ASIDE);
    sqlite3_bind_int64(st, 1, file_id);
    store_bind_text(st, 2, reason);
    return store_step_done(s, st, err, "file_uploads");
}

mc_status store_upload_waiting(mc_store *s, int64_t *files, int64_t *bytes,
                               int64_t *held, mc_error *err)
{
    *files = *bytes = *held = 0;
    STMT_OR_FAIL(st, STMT_UPLOAD_WAITING);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *files = sqlite3_column_int64(st, 0);
        *bytes = sqlite3_column_int64(st, 1);
        *held = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    return r == SQLITE_ROW ? MC_OK : store_err(s, err, "file_uploads");
}

mc_status store_upload_aside_each(mc_store *s, store_upload_fn fn, void *ud,
                                  mc_error *err)
{
    STMT_OR_FAIL(st, STMT_UPLOAD_ASIDE_EACH);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        store_upload_row row;
        read_row(st, &row);
        row.set_aside_reason = (const char *)sqlite3_column_text(st, 10);
        fn(&row, ud);
    }
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MC_OK : store_err(s, err, "file_uploads");
}

mc_status store_upload_failing_each(mc_store *s, store_upload_fn fn, void *ud,
                                    mc_error *err)
{
    STMT_OR_FAIL(st, STMT_UPLOAD_FAILING_EACH);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        store_upload_row row;
        read_row(st, &row);
        row.last_error = (const char *)sqlite3_column_text(st, 10);
        fn(&row, ud);
    }
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MC_OK : store_err(s, err, "file_uploads");
}

mc_status store_upload_detach_next(mc_store *s, int64_t after,
                                   store_detach_row *out, bool *found,
                                   mc_error *err)
{
    *found = false;
    STMT_OR_FAIL(st, STMT_UPLOAD_DETACH_NEXT);
    sqlite3_bind_int64(st, 1, after);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->file_id = sqlite3_column_int64(st, 0);
        text(st, 1, out->dossier, sizeof out->dossier);
        text(st, 2, out->role, sizeof out->role);
        out->paper = sqlite3_column_int(st, 3);
        text(st, 4, out->sha256, sizeof out->sha256);
        text(st, 5, out->by, sizeof out->by);
        text(st, 6, out->reason, sizeof out->reason);
        *found = true;
    }
    sqlite3_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE
               ? MC_OK
               : store_err(s, err, "file_uploads");
}

mc_status store_upload_detach_told(mc_store *s, int64_t file_id, mc_ts at,
                                   mc_error *err)
{
    STMT_OR_FAIL(st, STMT_UPLOAD_DETACH_TOLD);
    sqlite3_bind_int64(st, 1, file_id);
    sqlite3_bind_int64(st, 2, at);
    return store_step_done(s, st, err, "file_uploads");
}
