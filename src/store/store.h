/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store.h - the office database (SQLite).  The only code with SQL.
 *
 * One file per office host, shared by every desk of the office: WAL,
 * synchronous=FULL, foreign keys, busy_timeout, file mode 0600.  Schema
 * changes are forward-only migrations numbered by PRAGMA user_version; a
 * database written by a newer motcua is refused.
 *
 * History, audit and issued codes are append-only: triggers refuse UPDATE
 * and DELETE on them, and on dossier rows DELETE.  Every statement is
 * prepared once per connection from a constant text (no SQL is built from
 * strings).
 */
#ifndef MOTCUA_STORE_H
#define MOTCUA_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "dossier.h"
#include "mc_error.h"


typedef struct mc_store mc_store;

/* Open (create=true: create the file with mode 0600 if missing).  Runs the
 * pending migrations.  MC_EVERSION for a database from a newer motcua. */
mc_status store_open(const char *path, bool create, mc_store **out,
                     mc_error *err) MC_MUST_USE;
void store_close(mc_store *s);
int store_user_version(mc_store *s);
/* Pages this connection has written to the WAL since it was opened
 * (SQLITE_DBSTATUS_CACHE_WRITE): what a benchmark divides by its work. */
long long store_pages_written(mc_store *s);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  The write lock is taken at BEGIN,
 * so a transaction that allocates a number never races another process. */
mc_status store_begin(mc_store *s, mc_error *err) MC_MUST_USE;
mc_status store_commit(mc_store *s, mc_error *err) MC_MUST_USE;
void store_rollback(mc_store *s);

/* --- settings (key/value) -------------------------------------------- */
/* *out is malloc'd, or NULL when the key is absent (MC_OK either way). */
mc_status store_meta_get(mc_store *s, const char *key, char **out,
                         mc_error *err) MC_MUST_USE;
mc_status store_meta_set(mc_store *s, const char *key, const char *value,
                         mc_error *err) MC_MUST_USE;

/* --- users ---------------------------------------------------------- */
typedef struct store_user {
    int64_t id;
    char *login, *name, *role, *pw_hash;
    bool active;
    int failed_logins;
    mc_ts locked_until;
} store_user;
void store_user_free(store_user *u);
mc_status store_user_insert(mc_store *s, const char *login, const char *name,
                            const char *role, const char *pw_hash, mc_ts at,
                            int64_t *id, mc_error *err) MC_MUST_USE;
/* MC_ENOTFOUND when there is no such login. */
mc_status store_user_get(mc_store *s, const char *login, store_user *out,
                         mc_error *err) MC_MUST_USE;
mc_status store_user_set_login_state(mc_store *s, int64_t id, int failed,
                                     mc_ts locked_until,
                                     mc_error *err) MC_MUST_USE;
/* The name index is written in batches (store_names.c): how many dossiers
 * wait to be indexed (a search still finds them), -1 on a database error;
 * and indexing them now (in the caller's transaction, or its own). */
int64_t store_names_waiting(mc_store *s);
mc_status store_names_index_all(mc_store *s, mc_error *err) MC_MUST_USE;
typedef void (*store_user_fn)(const store_user *u, void *ud);
mc_status store_user_each(mc_store *s, store_user_fn fn, void *ud,
                          mc_error *err) MC_MUST_USE;

/* --- procedures (catalogue versions) -------------------------------- */
mc_status store_procedure_put(mc_store *s, const char *code, int version,
                              const char *name, int processing_days,
                              const char *json, mc_ts at,
                              mc_error *err) MC_MUST_USE;
/* The newest version's JSON (malloc'd).  MC_ENOTFOUND if unknown. */
mc_status store_procedure_latest(mc_store *s, const char *code, char **json,
                                 int *version, mc_error *err) MC_MUST_USE;
/* The latest version's number alone (the primary key's index): versions
 * are append-only, so a desk keeps what it parsed of each one. */
mc_status store_procedure_latest_version(mc_store *s, const char *code,
                                         int *version,
                                         mc_error *err) MC_MUST_USE;
mc_status store_procedure_version(mc_store *s, const char *code, int version,
                                  char **json, mc_error *err) MC_MUST_USE;
typedef void (*store_procedure_fn)(const char *code, int version,
                                   const char *json, void *ud);
/* The newest version of every procedure, by code. */
mc_status store_procedure_each(mc_store *s, store_procedure_fn fn, void *ud,
                               mc_error *err) MC_MUST_USE;

/* --- codes ---------------------------------------------------------- */
/* The next sequence number for (agency, YYMMDD): one more than the highest
 * issued.  Call inside a transaction, then store_code_issue. */
mc_status store_code_next(mc_store *s, const char *agency, const char *day,
                          unsigned long *seq, mc_error *err) MC_MUST_USE;
mc_status store_code_issue(mc_store *s, const char *agency, const char *day,
                           unsigned long seq, const char *code,
                           const char *kind, mc_ts at,
                           mc_error *err) MC_MUST_USE;
/* Every issued sequence number for a day, ascending (for checks). */
typedef void (*store_seq_fn)(unsigned long seq, const char *code, void *ud);
mc_status store_code_each(mc_store *s, const char *agency, const char *day,
                          store_seq_fn fn, void *ud, mc_error *err) MC_MUST_USE;

/* --- dossiers ------------------------------------------------------- */
/* Insert the dossier and its papers; sets d->id. */
mc_status store_dossier_insert(mc_store *s, mc_dossier *d,
                               mc_error *err) MC_MUST_USE;
/* Write the mutable state: status, due, pause, department, extension,
 * receiver, updated_at. */
mc_status store_dossier_update_state(mc_store *s, const mc_dossier *d,
                                     mc_error *err) MC_MUST_USE;
/* Correct one field (value NULL clears it); the applicant's name also
 * refreshes the search key. */
mc_status store_dossier_correct(mc_store *s, int64_t id, mc_correctable f,
                                const char *value, mc_ts at,
                                mc_error *err) MC_MUST_USE;
/* MC_ENOTFOUND when no dossier has that code.  Loads the papers too. */
mc_status store_dossier_get(mc_store *s, const char *code, mc_dossier *out,
                            mc_error *err) MC_MUST_USE;
mc_status store_dossier_count(mc_store *s, int64_t *n,
                              mc_error *err) MC_MUST_USE;

/* A clerk's day in six indexed counts: received and refused by `login` in
 * [from, to), results returned by `login` in [from, to), open dossiers due
 * in [from, to), open dossiers overdue at `now`, results ready (done). */
typedef struct store_day_counts {
    int64_t received, refused, returned, due_today, overdue, ready;
} store_day_counts;
mc_status store_day_stats(mc_store *s, mc_ts from, mc_ts to, mc_ts now,
                          const char *login, store_day_counts *out,
                          mc_error *err) MC_MUST_USE;

typedef struct store_dossier_filter {
    const char *status;      /* NULL = any */
    const char *due_on;      /* "YYYY-MM-DD" or NULL */
    bool overdue_only;       /* due_at < now and the clock runs */
    mc_ts now;
    const char *received_on; /* "YYYY-MM-DD" or NULL */
    int limit;               /* 0 = no limit */
} store_dossier_filter;
/* Rows come without papers; fn may keep nothing after returning. */
typedef bool (*store_dossier_fn)(const mc_dossier *d, void *ud);
mc_status store_dossier_list(mc_store *s, const store_dossier_filter *f,
                             store_dossier_fn fn, void *ud,
                             mc_error *err) MC_MUST_USE;
/* Exact lookups for search. */
mc_status store_dossier_by_idnum(mc_store *s, const char *number, int limit,
                                 store_dossier_fn fn, void *ud,
                                 mc_error *err) MC_MUST_USE;
/* Full-text match on the folded applicant name (an FTS5 query built from
 * folded words by the caller: each word is bound, never spliced): the
 * newest `limit` matches, those whose whole folded name equals `exact`
 * first. */
mc_status store_dossier_by_name(mc_store *s, const char *fts_query,
                                const char *exact, int limit,
                                store_dossier_fn fn, void *ud,
                                mc_error *err) MC_MUST_USE;

/* --- history (append-only) ----------------------------------------- */
typedef struct store_event {
    int64_t id;
    int64_t dossier_id;
    mc_ts at;
    const char *actor;  /* login, or "central" */
    const char *action; /* "intake", "advance", "extend", "return"... */
    const char *from_status, *to_status; /* may be NULL */
    const char *note;
    const char *data;   /* JSON object text or NULL */
} store_event;
mc_status store_history_append(mc_store *s, const store_event *e,
                               mc_error *err) MC_MUST_USE;
typedef void (*store_event_fn)(const store_event *e, void *ud);
mc_status store_history_each(mc_store *s, int64_t dossier_id,
                             store_event_fn fn, void *ud,
                             mc_error *err) MC_MUST_USE;

/* --- audit (append-only, hash-chained) ------------------------------ */
typedef struct store_audit_row {
    int64_t id;
    const char *at, *actor, *action, *object, *detail;
    const char *prev_hash, *hash;
} store_audit_row;
/* The last row's id and hash ("" and 0 when the chain is empty). */
mc_status store_audit_tail(mc_store *s, int64_t *id, char hash[65],
                           mc_error *err) MC_MUST_USE;
mc_status store_audit_append(mc_store *s, const store_audit_row *r,
                             mc_error *err) MC_MUST_USE;
/* fn returns false to stop. */
typedef bool (*store_audit_fn)(const store_audit_row *r, void *ud);
mc_status store_audit_each(mc_store *s, store_audit_fn fn, void *ud,
                           mc_error *err) MC_MUST_USE;

/* --- outbox --------------------------------------------------------- */
/* dossier: the event's dossier code; an intake or refusal event is named
 * by its dossier's row (dossiers.intake_seq: the upload worker's "does the
 * centre know it"), which must be written first in the same transaction */
mc_status store_outbox_append(mc_store *s, const char *kind,
                              const char *payload, const char *dossier,
                              mc_ts at, int64_t *seq,
                              mc_error *err) MC_MUST_USE;
mc_status store_outbox_pending(mc_store *s, int64_t *n,
                               mc_error *err) MC_MUST_USE;

/* --- supplement-request slips ---------------------------------------- */
mc_status store_slip_next(mc_store *s, const char *day, unsigned long *seq,
                          mc_error *err) MC_MUST_USE;
mc_status store_slip_insert(mc_store *s, const char *number, const char *day,
                            unsigned long seq, int64_t dossier_id,
                            const char *procedure_code,
                            const char *applicant_name, const char *missing,
                            const char *reason, const char *actor, mc_ts at,
                            mc_error *err) MC_MUST_USE;

/* --- calendar overrides ---------------------------------------------- */
mc_status store_calendar_set(mc_store *s, const char *date, bool working,
                             const char *note, const char *actor, mc_ts at,
                             mc_error *err) MC_MUST_USE;
typedef void (*store_calendar_fn)(const char *date, bool working,
                                  const char *note, void *ud);
/* The latest override of every day. */
mc_status store_calendar_each(mc_store *s, store_calendar_fn fn, void *ud,
                              mc_error *err) MC_MUST_USE;

#endif
