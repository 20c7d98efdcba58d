/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_queue.h - the queue tables (migration 4): service groups, tickets
 * and the log of calls, plus the counts the supervisor's dashboard reads.
 *
 * A ticket belongs to one Vietnam-local day ("YYYY-MM-DD") and is numbered
 * per day within the group that issued it (issued_service); `service` is
 * the queue it waits in now (a transfer changes it).  States:
 *   waiting -> called -> serving -> done
 *   called -> no_show (called too often) | waiting (skipped, transferred)
 *   waiting/called/serving of an earlier day -> not_served (rollover).
 * The caller owns transactions; picking the next ticket must run inside
 * BEGIN IMMEDIATE so that two counters never take the same one. */
#ifndef MOTCUA_STORE_QUEUE_H
#define MOTCUA_STORE_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

typedef struct store_service {
    const char *code, *name;
    bool active;
    int ord;
} store_service;
typedef void (*store_service_fn)(const store_service *sv, void *ud);
mc_status store_queue_service_each(mc_store *s, store_service_fn fn, void *ud,
                                   mc_error *err) MC_MUST_USE;
/* *name (malloc'd) and *active; MC_ENOTFOUND for an unknown code. */
mc_status store_queue_service_get(mc_store *s, const char *code, char **name,
                                  bool *active, mc_error *err) MC_MUST_USE;
/* MC_ECONFLICT when the code exists. */
mc_status store_queue_service_add(mc_store *s, const char *code,
                                  const char *name, mc_ts at,
                                  mc_error *err) MC_MUST_USE;
mc_status store_queue_service_set(mc_store *s, const char *code,
                                  const char *name, bool active, mc_ts at,
                                  mc_error *err) MC_MUST_USE;

typedef struct store_ticket {
    int64_t id;
    char day[11];
    char issued_service[2], service[2];
    int number;
    char label[16];
    bool priority;
    char state[16];
    mc_ts issued_at, queued_at, called_at, started_at, finished_at;
    int calls, skips;
    int counter;        /* 0 = none */
    char *clerk;        /* malloc'd or NULL */
    int target_counter; /* 0 = any counter */
    int transfers;
    char *transferred_from; /* malloc'd or NULL: "service B" / "counter 3" */
    char *dossier_code;     /* malloc'd or NULL */
    char *rating;           /* malloc'd or NULL */
    mc_ts rated_at;
} store_ticket;
void store_ticket_free(store_ticket *t);

/* Close every open ticket of a day before `day` as not_served (at `at`). */
mc_status store_queue_close_before(mc_store *s, const char *day, mc_ts at,
                                   int *closed, mc_error *err) MC_MUST_USE;
mc_status store_queue_next_number(mc_store *s, const char *day,
                                  const char *service, int *number,
                                  mc_error *err) MC_MUST_USE;
/* Insert a waiting ticket from day, issued_service, number, label,
 * priority and issued_at; sets t->id. */
mc_status store_queue_insert(mc_store *s, store_ticket *t,
                             mc_error *err) MC_MUST_USE;
/* The ticket `counter` should call next: waiting today, meant for any
 * counter or this one, in one of `services` (a string of letters, NULL =
 * all), priority first, then by queue time.  MC_ENOTFOUND when none. */
mc_status store_queue_pick(mc_store *s, const char *day, int counter,
                           const char *services, store_ticket *out,
                           mc_error *err) MC_MUST_USE;
mc_status store_queue_by_label(mc_store *s, const char *day, const char *label,
                               store_ticket *out, mc_error *err) MC_MUST_USE;
mc_status store_queue_by_id(mc_store *s, int64_t id, store_ticket *out,
                            mc_error *err) MC_MUST_USE;
/* The ticket called or being served at `counter` today; MC_ENOTFOUND. */
mc_status store_queue_current(mc_store *s, const char *day, int counter,
                              store_ticket *out, mc_error *err) MC_MUST_USE;
/* Write every mutable field of t (by id). */
mc_status store_queue_update(mc_store *s, const store_ticket *t,
                             mc_error *err) MC_MUST_USE;
mc_status store_queue_log_call(mc_store *s, const store_ticket *t, mc_ts at,
                               mc_error *err) MC_MUST_USE;
typedef void (*store_call_fn)(const char *label, int counter, mc_ts at,
                              void *ud);
/* The latest calls since `since`, newest first. */
mc_status store_queue_recent_calls(mc_store *s, mc_ts since, int limit,
                                   store_call_fn fn, void *ud,
                                   mc_error *err) MC_MUST_USE;
typedef void (*store_ticket_fn)(const store_ticket *t, void *ud);
/* Every ticket of the days from..to (inclusive), by id. */
mc_status store_queue_each(mc_store *s, const char *from, const char *to,
                           store_ticket_fn fn, void *ud,
                           mc_error *err) MC_MUST_USE;
typedef void (*store_waiting_fn)(const char *service, int waiting,
                                 mc_ts oldest, int priority, void *ud);
/* Waiting tickets of a day per service: how many, the oldest queue time,
 * how many are priority. */
mc_status store_queue_waiting(mc_store *s, const char *day,
                              store_waiting_fn fn, void *ud,
                              mc_error *err) MC_MUST_USE;
typedef void (*store_counter_fn)(int counter, const char *clerk, int served,
                                 int64_t current_id, void *ud);
/* Every counter that called a ticket that day: served count and the id of
 * its current ticket (0 = idle). */
mc_status store_queue_counters(mc_store *s, const char *day,
                               store_counter_fn fn, void *ud,
                               mc_error *err) MC_MUST_USE;
mc_status store_queue_dossier_exists(mc_store *s, const char *code,
                                     bool *exists, mc_error *err) MC_MUST_USE;

/* A read snapshot (deferred BEGIN: takes no write lock). End it with
 * store_rollback. */
mc_status store_read_begin(mc_store *s, mc_error *err) MC_MUST_USE;

/* --- the dashboard's dossier counts ---------------------------------- */
typedef struct store_dash_counts {
    int64_t received_today, due_today, overdue;
    int64_t resolved_month, resolved_month_on_time;
    int64_t outbox_pending;
    mc_ts outbox_oldest; /* 0 = nothing pending */
    int64_t prints_failed_today;
} store_dash_counts;
/* day_start..day_end: today's instants; today "YYYY-MM-DD"; month_start:
 * the first instant of the month. */
mc_status store_dash_counts_get(mc_store *s, mc_ts day_start, mc_ts day_end,
                                const char *today, mc_ts now,
                                mc_ts month_start, store_dash_counts *out,
                                mc_error *err) MC_MUST_USE;

#endif
