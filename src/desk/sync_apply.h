/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sync_apply.h - what the sync worker (src/sync) asks of the desk: the
 * outbox queue, the worker's state, and applying changes made centrally.
 *
 * Applying a central change is one transaction: the status change through
 * the status machine (acting as "central"), its history/audit/outbox rows,
 * the applied_remote row and the pull cursor commit together, so a change
 * is applied exactly once however often it is pulled.  A change the desk
 * cannot take (the dossier moved on meanwhile, unknown dossier) is recorded
 * as applied-with-a-reason so it never blocks the changes behind it; the
 * supervisor sees it in `motcua sync status`. */
#ifndef MOTCUA_SYNC_APPLY_H
#define MOTCUA_SYNC_APPLY_H

#include <stdbool.h>
#include <stdint.h>

#include "desk.h"
#include "protocol.h"

typedef struct desk_sync_row {
    int64_t seq;
    const char *kind, *payload;
    mc_ts created_at;
    int attempts;
    const char *set_aside_reason; /* NULL unless set aside */
} desk_sync_row;
typedef bool (*desk_sync_row_fn)(const desk_sync_row *r, void *ud);

/* The seq just before the first pending outbox row (0 when none). */
mc_status desk_sync_push_start(mc_desk *d, int64_t *after,
                               mc_error *err) MC_MUST_USE;
/* Up to `limit` outbox rows after `after`, in order. */
mc_status desk_sync_outbox_after(mc_desk *d, int64_t after, int limit,
                                 desk_sync_row_fn fn, void *ud,
                                 mc_error *err) MC_MUST_USE;
/* The centre's answer, in one transaction: the rejected rows are set aside
 * with their reason, then every other row up to `through` is acked. */
mc_status desk_sync_record_ack(mc_desk *d, int64_t through,
                               const wire_rejected *rejected, size_t n,
                               mc_error *err) MC_MUST_USE;
/* A failed try for the rows in (after, through]. */
mc_status desk_sync_record_attempt(mc_desk *d, int64_t after,
                                   int64_t through, mc_error *err) MC_MUST_USE;

/* The worker's key/value state (last_success, last_error, pull_cursor...). */
mc_status desk_sync_state_get(mc_desk *d, const char *key, char **out,
                              mc_error *err) MC_MUST_USE;
mc_status desk_sync_state_set(mc_desk *d, const char *key, const char *value,
                              mc_error *err) MC_MUST_USE;

typedef enum {
    DESK_SYNC_APPLIED,  /* the change is now on the desk */
    DESK_SYNC_ALREADY,  /* applied before: nothing done */
    DESK_SYNC_REJECTED, /* recorded with a reason, not applied */
} desk_sync_outcome;

/* Apply one central change and move the pull cursor to c->id.  On
 * DESK_SYNC_REJECTED `why` (256 bytes) says why.  Fails only when the
 * database does (the cursor does not move then). */
mc_status desk_sync_apply_change(mc_desk *d, const wire_change *c,
                                 desk_sync_outcome *outcome, char why[256],
                                 mc_error *err) MC_MUST_USE;

typedef struct desk_sync_status {
    int64_t pending;
    mc_ts oldest_pending; /* 0 when nothing is pending */
} desk_sync_status;
mc_status desk_sync_pending(mc_desk *d, desk_sync_status *out,
                            mc_error *err) MC_MUST_USE;
mc_status desk_sync_aside_each(mc_desk *d, desk_sync_row_fn fn, void *ud,
                               mc_error *err) MC_MUST_USE;
/* The central changes recorded as rejected: value is a JSON object text
 * {"dossier","to","reason","at"}. */
typedef void (*desk_sync_remote_fn)(const char *event_id, const char *json,
                                    void *ud);
mc_status desk_sync_remote_rejected_each(mc_desk *d, desk_sync_remote_fn fn,
                                         void *ud, mc_error *err) MC_MUST_USE;

/* --- after a restore ----------------------------------------------------- */

/* sync_state key set by `motcua restore` (in the restore's transaction)
 * and removed by a successful reconcile. */
#define DESK_SYNC_RESTORED_KEY "restored_unreconciled"

/* Whether the database was restored from a backup and not reconciled
 * with the centre since. */
mc_status desk_sync_restored(mc_desk *d, bool *yes, mc_error *err) MC_MUST_USE;

/* The centre refused a repeat that differs from what it stored (409
 * seq_conflict): this database was rewound.  In one transaction the pending
 * outbox rows with seq >= from move, keeping their order, after the
 * centre's last seq (and after every row that stays), with a sync.renumber
 * audit row; the move is logged.  count 0: nothing to move. */
typedef struct desk_sync_renumbered {
    int64_t count, old_first, old_last, new_first, new_last;
} desk_sync_renumbered;
mc_status desk_sync_renumber(mc_desk *d, int64_t from, int64_t centre_last,
                             desk_sync_renumbered *out,
                             mc_error *err) MC_MUST_USE;

/* The centre's state for this office (GET /v1/offices/OFFICE/state). */
typedef struct desk_sync_day {
    char day[7]; /* YYMMDD */
    int64_t max_seq;
} desk_sync_day;

/* Catch the dossier numbering up with the centre, in one transaction:
 * every number 1..max_seq of each day that issued_codes lacks is recorded
 * as kind 'lost' (issued by the copy of the database that was lost), so
 * the next intake continues after the centre's highest number; a
 * sync.reconcile audit row; the restored flag cleared.  as_admin: the
 * signed-in user must be an admin.  *lost: the numbers recorded. */
mc_status desk_sync_reconcile(mc_desk *d, int64_t centre_last,
                              const desk_sync_day *days, size_t n,
                              bool as_admin, int64_t *lost,
                              mc_error *err) MC_MUST_USE;

#endif
