/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_sync.c - the sync worker's statements (store_sync.h). */
#include "store_sync.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

#define STMT_OR_FAIL(var, id)                                                  \
    sqlite3_stmt *var = store_stmt(s, id, err);                                \
    if (!var)                                                                  \
    return MC_EDB

mc_status store_sync_push_start(mc_store *s, int64_t *after, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_PUSH_START);
    int r = sqlite3_step(st);
    *after = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r == SQLITE_ROW ? MC_OK : store_err(s, err, "outbox");
}

static mc_status each_row(mc_store *s, sqlite3_stmt *st, store_outbox_fn fn,
                          void *ud, mc_error *err)
{
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        store_outbox_row row = {
            .seq = sqlite3_column_int64(st, 0),
            .kind = (const char *)sqlite3_column_text(st, 1),
            .payload = (const char *)sqlite3_column_text(st, 2),
            .created_at = sqlite3_column_int64(st, 3),
            .attempts = sqlite3_column_int(st, 4),
            .set_aside_reason = (const char *)sqlite3_column_text(st, 5),
        };
        if (!row.payload)
            row.payload = "";
        if (!row.kind)
            row.kind = "";
        if (!fn(&row, ud)) {
            r = SQLITE_DONE;
            break;
        }
    }
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "outbox");
    sqlite3_reset(st);
    return rc;
}

mc_status store_sync_outbox_after(mc_store *s, int64_t after, int limit,
                                  store_outbox_fn fn, void *ud, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_OUTBOX_AFTER);
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int(st, 2, limit);
    return each_row(s, st, fn, ud, err);
}

mc_status store_sync_aside_each(mc_store *s, store_outbox_fn fn, void *ud,
                                mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_ASIDE_EACH);
    return each_row(s, st, fn, ud, err);
}

mc_status store_sync_ack(mc_store *s, int64_t through, mc_ts at,
                         mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_ACK);
    sqlite3_bind_int64(st, 1, through);
    sqlite3_bind_int64(st, 2, at);
    return store_step_done(s, st, err, "outbox");
}

mc_status store_sync_set_aside(mc_store *s, int64_t seq, const char *reason,
                               mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_SET_ASIDE);
    sqlite3_bind_int64(st, 1, seq);
    store_bind_text(st, 2, reason && *reason ? reason : "rejected");
    return store_step_done(s, st, err, "outbox");
}

mc_status store_sync_attempt(mc_store *s, int64_t after, int64_t through,
                             mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_ATTEMPT);
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, through);
    return store_step_done(s, st, err, "outbox");
}

mc_status store_sync_pending(mc_store *s, int64_t *count, mc_ts *oldest,
                             mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_PENDING);
    int r = sqlite3_step(st);
    *count = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    *oldest = r == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
    sqlite3_reset(st);
    return r == SQLITE_ROW ? MC_OK : store_err(s, err, "outbox");
}

mc_status store_sync_state_get(mc_store *s, const char *key, char **out,
                               mc_error *err)
{
    *out = NULL;
    STMT_OR_FAIL(st, STMT_SYNC_STATE_GET);
    store_bind_text(st, 1, key);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *out = store_col_dup(st, 0);
    sqlite3_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE ? MC_OK
                                               : store_err(s, err, "sync_state");
}

mc_status store_sync_state_set(mc_store *s, const char *key,
                               const char *value, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_STATE_SET);
    store_bind_text(st, 1, key);
    store_bind_text(st, 2, value ? value : "");
    return store_step_done(s, st, err, "sync_state");
}

mc_status store_sync_state_prefix(mc_store *s, const char *prefix,
                                  store_state_fn fn, void *ud, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_STATE_RANGE);
    /* [prefix, prefix with its last byte + 1): every key that starts so */
    size_t n = strlen(prefix);
    char *hi = mc_xstrdup(prefix);
    if (n)
        hi[n - 1] = (char)(hi[n - 1] + 1);
    store_bind_text(st, 1, prefix);
    store_bind_text(st, 2, hi);
    free(hi);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(st, 0),
           (const char *)sqlite3_column_text(st, 1), ud);
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "sync_state");
    sqlite3_reset(st);
    return rc;
}

mc_status store_sync_applied(mc_store *s, const char *event_id, bool *yes,
                             mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_APPLIED_GET);
    store_bind_text(st, 1, event_id);
    int r = sqlite3_step(st);
    *yes = r == SQLITE_ROW;
    sqlite3_reset(st);
    return r == SQLITE_ROW || r == SQLITE_DONE
               ? MC_OK
               : store_err(s, err, "applied_remote");
}

mc_status store_sync_applied_put(mc_store *s, const char *event_id, mc_ts at,
                                 mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_APPLIED_PUT);
    store_bind_text(st, 1, event_id);
    sqlite3_bind_int64(st, 2, at);
    return store_step_done(s, st, err, "applied_remote");
}

mc_status store_sync_state_del(mc_store *s, const char *key, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_STATE_DEL);
    store_bind_text(st, 1, key);
    return store_step_done(s, st, err, "sync_state");
}

static mc_status step_row3(mc_store *s, sqlite3_stmt *st, int64_t *a,
                           int64_t *b, int64_t *c, mc_error *err)
{
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *a = sqlite3_column_int64(st, 0);
        if (b)
            *b = sqlite3_column_int64(st, 1);
        if (c)
            *c = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    return r == SQLITE_ROW ? MC_OK : store_err(s, err, "outbox");
}

mc_status store_sync_renumber(mc_store *s, int64_t from, int64_t after,
                              store_renumbered *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    STMT_OR_FAIL(range, STMT_SYNC_RENUM_RANGE);
    sqlite3_bind_int64(range, 1, from);
    mc_status rc = step_row3(s, range, &out->old_first, &out->old_last,
                             &out->count, err);
    if (rc || out->count == 0)
        return rc;
    STMT_OR_FAIL(base, STMT_SYNC_RENUM_BASE);
    sqlite3_bind_int64(base, 1, after);
    sqlite3_bind_int64(base, 2, from);
    int64_t b = 0;
    if ((rc = step_row3(s, base, &b, NULL, NULL, err)))
        return rc;
    /* old seq x becomes x + delta: order (and any hole) kept, every new
     * seq above the centre's last one and above every row that stays */
    int64_t delta = b + 1 - out->old_first;
    out->new_first = out->old_first + delta;
    out->new_last = out->old_last + delta;
    STMT_OR_FAIL(dossiers, STMT_SYNC_RENUM_DOSSIERS);
    sqlite3_bind_int64(dossiers, 1, from);
    sqlite3_bind_int64(dossiers, 2, delta);
    if ((rc = store_step_done(s, dossiers, err, "dossiers")))
        return rc;
    STMT_OR_FAIL(away, STMT_SYNC_RENUM_AWAY);
    sqlite3_bind_int64(away, 1, from);
    if ((rc = store_step_done(s, away, err, "outbox")))
        return rc;
    STMT_OR_FAIL(back, STMT_SYNC_RENUM_BACK);
    sqlite3_bind_int64(back, 1, delta);
    if ((rc = store_step_done(s, back, err, "outbox")))
        return rc;
    STMT_OR_FAIL(sq, STMT_SYNC_RENUM_SEQUENCE);
    return store_step_done(s, sq, err, "sqlite_sequence");
}

mc_status store_sync_code_lost(mc_store *s, const char *agency,
                               const char *day, int64_t seq, const char *code,
                               mc_ts at, bool *inserted, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SYNC_CODE_LOST);
    store_bind_text(st, 1, agency);
    store_bind_text(st, 2, day);
    sqlite3_bind_int64(st, 3, seq);
    store_bind_text(st, 4, code);
    sqlite3_bind_int64(st, 5, at);
    mc_status rc = store_step_done(s, st, err, "issued_codes");
    *inserted = !rc && sqlite3_changes(s->db) > 0;
    return rc;
}
