/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_session.c - sign-in sessions. */
#include "store_session.h"

#include <string.h>

#include "store_internal.h"

mc_status store_session_insert(mc_store *s, const char *token_hash,
                               int64_t user_id, mc_ts at, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_SESSION_INSERT, err);
    if (!st)
        return MC_EDB;
    store_bind_text(st, 1, token_hash);
    sqlite3_bind_int64(st, 2, user_id);
    sqlite3_bind_int64(st, 3, at);
    return store_step_done(s, st, err, "sessions");
}

mc_status store_session_get(mc_store *s, const char *token_hash,
                            store_session *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_stmt(s, STMT_SESSION_GET, err);
    if (!st)
        return MC_EDB;
    store_bind_text(st, 1, token_hash);
    int r = sqlite3_step(st);
    mc_status rc = MC_OK;
    if (r == SQLITE_ROW) {
        out->user_id = sqlite3_column_int64(st, 0);
        out->created_at = sqlite3_column_int64(st, 1);
        out->used_at = sqlite3_column_int64(st, 2);
        out->ended_at = sqlite3_column_int64(st, 3);
    } else if (r == SQLITE_DONE) {
        rc = mc_fail(err, MC_ENOTFOUND, "session",
                     _("Phiên đăng nhập không tồn tại"));
    } else {
        rc = store_err(s, err, "sessions");
    }
    sqlite3_reset(st);
    return rc;
}

mc_status store_session_touch(mc_store *s, const char *token_hash, mc_ts at,
                              mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_SESSION_TOUCH, err);
    if (!st)
        return MC_EDB;
    store_bind_text(st, 1, token_hash);
    sqlite3_bind_int64(st, 2, at);
    return store_step_done(s, st, err, "sessions");
}

mc_status store_session_end(mc_store *s, const char *token_hash, mc_ts at,
                            bool *ended, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_SESSION_END, err);
    if (!st)
        return MC_EDB;
    store_bind_text(st, 1, token_hash);
    sqlite3_bind_int64(st, 2, at);
    mc_status rc = store_step_done(s, st, err, "sessions");
    if (ended)
        *ended = !rc && sqlite3_changes(s->db) > 0;
    return rc;
}

mc_status store_session_end_user(mc_store *s, int64_t user_id, mc_ts at,
                                 mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_SESSION_END_USER, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, at);
    return store_step_done(s, st, err, "sessions");
}
