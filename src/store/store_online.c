/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_online.c - the online inbox statements (store_online.h). */
#include "store_online.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

#define STMT_OR_FAIL(var, id)                                                  \
    sqlite3_stmt *var = store_stmt(s, id, err);                                \
    if (!var)                                                                  \
    return MC_EDB

void store_online_row_free(store_online_row *r)
{
    if (!r)
        return;
    free(r->portal_ref);
    free(r->submitted_at);
    free(r->state);
    free(r->centre_state);
    free(r->procedure_code);
    free(r->applicant_name);
    free(r->dossier);
    free(r->decided_by);
    free(r->code);
    free(r->reasons);
    free(r->missing);
    memset(r, 0, sizeof *r);
}

static void read_row(sqlite3_stmt *st, store_online_row *r)
{
    memset(r, 0, sizeof *r);
    r->portal_ref = store_col_dup(st, 0);
    r->rev = sqlite3_column_int64(st, 1);
    r->submitted_at = store_col_dup(st, 2);
    r->state = store_col_dup(st, 3);
    r->centre_state = store_col_dup(st, 4);
    r->procedure_code = store_col_dup(st, 5);
    r->applicant_name = store_col_dup(st, 6);
    r->dossier = store_col_dup(st, 7);
    r->pulled_at = sqlite3_column_int64(st, 8);
    r->decided_by = store_col_dup(st, 9);
    r->decided_at = sqlite3_column_int64(st, 10);
    r->decided_here = sqlite3_column_int(st, 11) != 0;
    r->dossier_id = sqlite3_column_int64(st, 12);
    r->code = store_col_dup(st, 13);
    r->reasons = store_col_dup(st, 14);
    r->missing = store_col_dup(st, 15);
}

static mc_status get_one(mc_store *s, sqlite3_stmt *st, store_online_row *r,
                         bool *found, mc_error *err)
{
    memset(r, 0, sizeof *r);
    *found = false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_row(st, r);
        *found = true;
    }
    mc_status out = rc == SQLITE_ROW || rc == SQLITE_DONE
                        ? MC_OK
                        : store_err(s, err, "online_inbox");
    sqlite3_reset(st);
    return out;
}

mc_status store_online_get(mc_store *s, const char *portal_ref,
                           store_online_row *r, bool *found, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_ONLINE_GET);
    store_bind_text(st, 1, portal_ref);
    return get_one(s, st, r, found, err);
}

mc_status store_online_by_dossier(mc_store *s, int64_t dossier_id,
                                  store_online_row *r, bool *found,
                                  mc_error *err)
{
    STMT_OR_FAIL(st, STMT_ONLINE_BY_DOSSIER);
    sqlite3_bind_int64(st, 1, dossier_id);
    return get_one(s, st, r, found, err);
}

static void bind_ts(sqlite3_stmt *st, int i, mc_ts t)
{
    if (t)
        sqlite3_bind_int64(st, i, t);
    else
        sqlite3_bind_null(st, i);
}

mc_status store_online_insert(mc_store *s, const store_online_row *r,
                              mc_error *err)
{
    STMT_OR_FAIL(st, STMT_ONLINE_INSERT);
    store_bind_text(st, 1, r->portal_ref);
    sqlite3_bind_int64(st, 2, r->rev);
    store_bind_text(st, 3, r->submitted_at);
    store_bind_text(st, 4, r->state);
    store_bind_text(st, 5, r->centre_state);
    store_bind_text(st, 6, r->procedure_code);
    store_bind_text(st, 7, r->applicant_name);
    store_bind_text(st, 8, r->dossier);
    sqlite3_bind_int64(st, 9, r->pulled_at);
    store_bind_text(st, 10, r->decided_by);
    bind_ts(st, 11, r->decided_at);
    return store_step_done(s, st, err, "online_inbox");
}

mc_status store_online_update_centre(mc_store *s, const store_online_row *r,
                                     mc_error *err)
{
    STMT_OR_FAIL(st, STMT_ONLINE_UPDATE_CENTRE);
    store_bind_text(st, 1, r->portal_ref);
    sqlite3_bind_int64(st, 2, r->rev);
    store_bind_text(st, 3, r->centre_state);
    store_bind_text(st, 4, r->state);
    store_bind_text(st, 5, r->decided_by);
    bind_ts(st, 6, r->decided_at);
    store_bind_text(st, 7, r->code);
    sqlite3_bind_int64(st, 8, r->pulled_at);
    return store_step_done(s, st, err, "online_inbox");
}

mc_status store_online_decide(mc_store *s, const store_online_row *r,
                              bool *changed, mc_error *err)
{
    *changed = false;
    STMT_OR_FAIL(st, STMT_ONLINE_DECIDE);
    store_bind_text(st, 1, r->portal_ref);
    store_bind_text(st, 2, r->state);
    store_bind_text(st, 3, r->decided_by);
    sqlite3_bind_int64(st, 4, r->decided_at);
    if (r->dossier_id)
        sqlite3_bind_int64(st, 5, r->dossier_id);
    else
        sqlite3_bind_null(st, 5);
    store_bind_text(st, 6, r->code);
    store_bind_text(st, 7, r->reasons);
    store_bind_text(st, 8, r->missing);
    mc_status rc = store_step_done(s, st, err, "online_inbox");
    if (!rc)
        *changed = sqlite3_changes(sqlite3_db_handle(st)) == 1;
    return rc;
}

mc_status store_online_each(mc_store *s, const char *state, int limit,
                            store_online_fn fn, void *ud, mc_error *err)
{
    sqlite3_stmt *st =
        store_stmt(s, state ? STMT_ONLINE_EACH_STATE : STMT_ONLINE_EACH, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int(st, 1, limit > 0 ? limit : -1);
    if (state)
        store_bind_text(st, 2, state);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_online_row r;
        read_row(st, &r);
        bool more = fn(&r, ud);
        store_online_row_free(&r);
        if (!more) {
            rc = SQLITE_DONE;
            break;
        }
    }
    mc_status out = rc == SQLITE_DONE ? MC_OK : store_err(s, err, "online_inbox");
    sqlite3_reset(st);
    return out;
}

mc_status store_online_count(mc_store *s, const char *state, int64_t *n,
                             mc_error *err)
{
    *n = 0;
    STMT_OR_FAIL(st, STMT_ONLINE_COUNT);
    store_bind_text(st, 1, state);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    mc_status out = rc == SQLITE_ROW ? MC_OK : store_err(s, err, "online_inbox");
    sqlite3_reset(st);
    return out;
}

mc_status store_online_file_put(mc_store *s, const store_online_file *f,
                                mc_error *err)
{
    STMT_OR_FAIL(st, STMT_ONLINE_FILE_PUT);
    store_bind_text(st, 1, f->portal_ref);
    sqlite3_bind_int(st, 2, f->ord);
    if (f->paper > 0)
        sqlite3_bind_int(st, 3, f->paper);
    else
        sqlite3_bind_null(st, 3);
    store_bind_text(st, 4, f->name);
    store_bind_text(st, 5, f->mime);
    sqlite3_bind_int64(st, 6, f->size);
    store_bind_text(st, 7, f->sha256);
    return store_step_done(s, st, err, "online_files");
}

static mc_status each_file(mc_store *s, sqlite3_stmt *st, int off,
                           const char *ref, store_online_file_fn fn, void *ud,
                           mc_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_online_file f = {
            .portal_ref = off ? (const char *)sqlite3_column_text(st, 0) : ref,
            .ord = sqlite3_column_int(st, off + 0),
            .paper = sqlite3_column_int(st, off + 1),
            .name = (const char *)sqlite3_column_text(st, off + 2),
            .mime = (const char *)sqlite3_column_text(st, off + 3),
            .size = sqlite3_column_int64(st, off + 4),
            .sha256 = (const char *)sqlite3_column_text(st, off + 5),
            .fetched_at = sqlite3_column_int64(st, off + 6),
        };
        if (!fn(&f, ud)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    mc_status out = rc == SQLITE_DONE ? MC_OK : store_err(s, err, "online_files");
    sqlite3_reset(st);
    return out;
}

mc_status store_online_files(mc_store *s, const char *portal_ref,
                             store_online_file_fn fn, void *ud, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_ONLINE_FILES);
    store_bind_text(st, 1, portal_ref);
    return each_file(s, st, 0, portal_ref, fn, ud, err);
}

mc_status store_online_files_waiting(mc_store *s, int limit,
                                     store_online_file_fn fn, void *ud,
                                     mc_error *err)
{
    STMT_OR_FAIL(st, STMT_ONLINE_FILES_WAITING);
    sqlite3_bind_int(st, 1, limit > 0 ? limit : -1);
    return each_file(s, st, 1, NULL, fn, ud, err);
}

mc_status store_online_file_fetched(mc_store *s, const char *portal_ref,
                                    const char *sha256, mc_ts at,
                                    mc_error *err)
{
    STMT_OR_FAIL(st, STMT_ONLINE_FILE_FETCHED);
    store_bind_text(st, 1, portal_ref);
    store_bind_text(st, 2, sha256);
    sqlite3_bind_int64(st, 3, at);
    return store_step_done(s, st, err, "online_files");
}
