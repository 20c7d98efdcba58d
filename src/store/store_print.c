/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_print.c - the print_jobs rows. */
#include "store_print.h"

#include "store_internal.h"

static void bind_opt_id(sqlite3_stmt *st, int i, int64_t v)
{
    if (v > 0)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

mc_status store_print_insert(mc_store *s, const store_print_job *j,
                             int64_t *id, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_PRINT_INSERT, err);
    if (!st)
        return MC_EDB;
    bind_opt_id(st, 1, j->dossier_id);
    store_bind_text(st, 2, j->document);
    sqlite3_bind_int(st, 3, j->copy_no);
    store_bind_text(st, 4, j->destination);
    bind_opt_id(st, 5, j->cups_job_id);
    store_bind_text(st, 6, j->state);
    store_bind_text(st, 7, j->reason);
    store_bind_text(st, 8, j->actor);
    sqlite3_bind_int64(st, 9, j->created_at);
    mc_status rc = store_step_done(s, st, err, "print_jobs");
    if (!rc && id)
        *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

mc_status store_print_update(mc_store *s, int64_t id, const char *state,
                             int cups_job_id, const char *reason, mc_ts at,
                             mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_PRINT_UPDATE, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, id);
    store_bind_text(st, 2, state);
    bind_opt_id(st, 3, cups_job_id);
    store_bind_text(st, 4, reason);
    sqlite3_bind_int64(st, 5, at);
    mc_status rc = store_step_done(s, st, err, "print_jobs");
    if (!rc && sqlite3_changes(s->db) != 1)
        return mc_fail(err, MC_ENOTFOUND, "job",
                       _("Không có lệnh in số %lld"), (long long)id);
    return rc;
}

mc_status store_print_count(mc_store *s, int64_t dossier_id,
                            const char *document, int *n, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_PRINT_COUNT, err);
    if (!st)
        return MC_EDB;
    bind_opt_id(st, 1, dossier_id);
    store_bind_text(st, 2, document);
    if (sqlite3_step(st) != SQLITE_ROW)
        return store_err(s, err, "print_jobs");
    *n = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return MC_OK;
}

mc_status store_print_each(mc_store *s, int64_t dossier_id, store_print_fn fn,
                           void *ud, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_PRINT_EACH, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, dossier_id);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        store_print_job j = {
            .id = sqlite3_column_int64(st, 0),
            .dossier_id = sqlite3_column_int64(st, 1),
            .document = (const char *)sqlite3_column_text(st, 2),
            .copy_no = sqlite3_column_int(st, 3),
            .destination = (const char *)sqlite3_column_text(st, 4),
            .cups_job_id = sqlite3_column_int(st, 5),
            .state = (const char *)sqlite3_column_text(st, 6),
            .reason = (const char *)sqlite3_column_text(st, 7),
            .actor = (const char *)sqlite3_column_text(st, 8),
            .created_at = sqlite3_column_int64(st, 9),
            .updated_at = sqlite3_column_int64(st, 10),
        };
        fn(&j, ud);
    }
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "print_jobs");
    sqlite3_reset(st);
    return rc;
}
