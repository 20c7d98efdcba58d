/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_sync.h - the sync worker's rows: the outbox queue (push cursor,
 * acknowledgements, set-aside events), the worker's key/value state and
 * the central events already applied.  Migration 3 made the tables.
 *
 * An outbox row is pending while acked_at and set_aside_reason are both
 * NULL; acked once the centre confirmed it; set aside when the centre
 * rejected it (the reason is kept for the supervisor). */
#ifndef MOTCUA_STORE_SYNC_H
#define MOTCUA_STORE_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "mc_error.h"
#include "store.h"

typedef struct store_outbox_row {
    int64_t seq;
    const char *kind;
    const char *payload;
    mc_ts created_at;
    int attempts;
    const char *set_aside_reason; /* NULL unless set aside */
} store_outbox_row;
/* fn returns false to stop. */
typedef bool (*store_outbox_fn)(const store_outbox_row *r, void *ud);

/* The seq of the row just before the first pending one (0 when none):
 * where a push starts. */
mc_status store_sync_push_start(mc_store *s, int64_t *after,
                                mc_error *err) MC_MUST_USE;
/* Up to `limit` rows with seq > after, in order (whatever their state). */
mc_status store_sync_outbox_after(mc_store *s, int64_t after, int limit,
                                  store_outbox_fn fn, void *ud,
                                  mc_error *err) MC_MUST_USE;
/* Mark every pending row up to `through` acknowledged at `at`. */
mc_status store_sync_ack(mc_store *s, int64_t through, mc_ts at,
                         mc_error *err) MC_MUST_USE;
mc_status store_sync_set_aside(mc_store *s, int64_t seq, const char *reason,
                               mc_error *err) MC_MUST_USE;
/* Count one more attempt for the unacknowledged rows in (after, through]. */
mc_status store_sync_attempt(mc_store *s, int64_t after, int64_t through,
                             mc_error *err) MC_MUST_USE;
/* Pending rows and the creation time of the oldest (0 when none). */
mc_status store_sync_pending(mc_store *s, int64_t *count, mc_ts *oldest,
                             mc_error *err) MC_MUST_USE;
mc_status store_sync_aside_each(mc_store *s, store_outbox_fn fn, void *ud,
                                mc_error *err) MC_MUST_USE;

/* sync_state: *out malloc'd or NULL when absent. */
mc_status store_sync_state_get(mc_store *s, const char *key, char **out,
                               mc_error *err) MC_MUST_USE;
mc_status store_sync_state_set(mc_store *s, const char *key,
                               const char *value, mc_error *err) MC_MUST_USE;
/* Every key starting with `prefix` (ASCII), in key order. */
typedef void (*store_state_fn)(const char *key, const char *value, void *ud);
mc_status store_sync_state_prefix(mc_store *s, const char *prefix,
                                  store_state_fn fn, void *ud,
                                  mc_error *err) MC_MUST_USE;

/* applied_remote: whether a central event was applied; record one. */
mc_status store_sync_applied(mc_store *s, const char *event_id, bool *yes,
                             mc_error *err) MC_MUST_USE;
mc_status store_sync_applied_put(mc_store *s, const char *event_id, mc_ts at,
                                 mc_error *err) MC_MUST_USE;

mc_status store_sync_state_del(mc_store *s, const char *key,
                               mc_error *err) MC_MUST_USE;

/* Renumber after a rewind (the database was restored from a backup): the
 * pending rows with seq >= from move, in their order, above max(after,
 * every row that stays); sqlite_sequence follows.  Inside the caller's
 * transaction. */
typedef struct store_renumbered {
    int64_t count, old_first, old_last, new_first, new_last;
} store_renumbered;
mc_status store_sync_renumber(mc_store *s, int64_t from, int64_t after,
                              store_renumbered *out,
                              mc_error *err) MC_MUST_USE;

/* Record a dossier number issued by a lost copy of this database (kind
 * 'lost'); *inserted false when the number is already recorded. */
mc_status store_sync_code_lost(mc_store *s, const char *agency,
                               const char *day, int64_t seq, const char *code,
                               mc_ts at, bool *inserted,
                               mc_error *err) MC_MUST_USE;

#endif
