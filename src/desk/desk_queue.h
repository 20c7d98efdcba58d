/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_queue.h - the reception queue: service groups, tickets, counters.
 *
 * Data model.  A ticket belongs to one day (Vietnam time) and one service
 * group, numbered per day and group with the group's letter and at least
 * three digits (A001 ... A999, A1000).  Priority tickets (the elderly,
 * people with disabilities, pregnant women, people with small children) are
 * called before every ordinary ticket; within each class, first come first
 * served by queue time.  A ticket moves
 *     waiting -> called -> serving -> done
 * and from called: recall (announced again; the fourth recall marks it
 * no_show), skip (back to waiting at the end of its queue), transfer (back
 * to waiting in another group, keeping its arrival time, or reserved for
 * one counter).  "next" runs in one BEGIN IMMEDIATE transaction, so two
 * counters pressing it at the same moment never get the same ticket.
 * The first write of a new day closes every open ticket of earlier days as
 * not_served (audited), so numbering restarts at 001 and yesterday's
 * stragglers stay visible in the reports.
 *
 * Times: issued, called (the first call), started (the first start),
 * finished.  Waiting = called - issued; service = finished - started. */
#ifndef MOTCUA_DESK_QUEUE_H
#define MOTCUA_DESK_QUEUE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "desk.h"

#define DESK_QUEUE_MAX_RECALLS 3
#define DESK_QUEUE_MAX_COUNTER 99

typedef struct desk_ticket {
    int64_t id;
    char day[11];
    char label[16];          /* "A001" */
    int number;              /* 1 */
    char service[2];         /* the queue it waits in now */
    char issued_service[2];  /* the group that issued its number */
    bool priority;
    char state[16];          /* waiting|called|serving|done|no_show|not_served */
    mc_ts issued_at, queued_at, called_at, started_at, finished_at;
    int calls, skips;
    int counter, target_counter; /* 0 = none */
    int transfers;
    char *clerk, *transferred_from, *dossier_code, *rating; /* or NULL */
    mc_ts rated_at;
    int ahead; /* desk_queue_ticket: how many are called before it */
} desk_ticket;
void desk_ticket_free(desk_ticket *t);
/* {number: "A001", seq, service, ...}: every field, times in +07:00. */
json_t *desk_ticket_json(const desk_ticket *t);

typedef struct desk_service {
    const char *code, *name;
    bool active;
} desk_service;
typedef void (*desk_service_fn)(const desk_service *sv, void *ud);
mc_status desk_queue_services(mc_desk *d, desk_service_fn fn, void *ud,
                              mc_error *err) MC_MUST_USE;
/* Admin: add a group (one capital letter) or rename / (de)activate one;
 * audited. */
mc_status desk_queue_service_add(mc_desk *d, const char *code,
                                 const char *name, mc_error *err) MC_MUST_USE;
mc_status desk_queue_service_set(mc_desk *d, const char *code,
                                 const char *name, int active,
                                 mc_error *err) MC_MUST_USE;

/* Issue a ticket (a signed-in user, or nobody: the kiosk). */
mc_status desk_queue_ticket(mc_desk *d, const char *service, bool priority,
                            desk_ticket *out, mc_error *err) MC_MUST_USE;

/* Call the next ticket to `counter` (1..99) from `services` (letters, NULL
 * = every group).  MC_ENOTFOUND when nobody waits; MC_ESTATE when the
 * counter still has a called or served ticket. */
mc_status desk_queue_next(mc_desk *d, int counter, const char *services,
                          desk_ticket *out, mc_error *err) MC_MUST_USE;

/* Which ticket an action is about: today's `label`, else the ticket called
 * or served at `counter`. */
typedef struct desk_ticket_ref {
    const char *label;
    int counter;
} desk_ticket_ref;

typedef enum desk_queue_action {
    QA_RECALL, /* announce again; past the limit: no_show */
    QA_SKIP,   /* back to waiting, at the end of its queue */
    QA_START,  /* called -> serving */
    QA_FINISH, /* serving (or called) -> done */
    QA_NO_SHOW,
} desk_queue_action;
mc_status desk_queue_act(mc_desk *d, const desk_ticket_ref *ref,
                         desk_queue_action a, desk_ticket *out,
                         mc_error *err) MC_MUST_USE;
/* Transfer to another group (to_service) and/or reserve for a counter
 * (to_counter > 0). */
mc_status desk_queue_transfer(mc_desk *d, const desk_ticket_ref *ref,
                              const char *to_service, int to_counter,
                              desk_ticket *out, mc_error *err) MC_MUST_USE;
/* Link the ticket to the dossier taken in (the code must exist). */
mc_status desk_queue_link(mc_desk *d, const desk_ticket_ref *ref,
                          const char *dossier_code, desk_ticket *out,
                          mc_error *err) MC_MUST_USE;
/* The citizen's rating of a finished service: satisfied | normal |
 * not_satisfied; once. */
mc_status desk_queue_rate(mc_desk *d, const desk_ticket_ref *ref,
                          const char *rating, desk_ticket *out,
                          mc_error *err) MC_MUST_USE;
mc_status desk_queue_get(mc_desk *d, const desk_ticket_ref *ref,
                         desk_ticket *out, mc_error *err) MC_MUST_USE;

/* --- what the counters, the board and the dashboard show -------------- */
typedef struct desk_queue_service_state {
    char code[2];
    char *name;
    int waiting, priority_waiting;
    int64_t longest_wait; /* seconds, 0 when nobody waits */
} desk_queue_service_state;
typedef struct desk_queue_counter_state {
    int counter;
    char *clerk;
    char label[16]; /* "" = idle */
    char state[16];
    mc_ts since;    /* called or started */
    int served;     /* done today */
} desk_queue_counter_state;
typedef struct desk_queue_call {
    char label[16];
    int counter;
    mc_ts at;
} desk_queue_call;
#define DESK_QUEUE_RECENT 10
typedef struct desk_queue_state {
    char day[11];
    mc_ts now;
    desk_queue_service_state *services;
    size_t n_services;
    desk_queue_counter_state *counters;
    size_t n_counters;
    desk_queue_call recent[DESK_QUEUE_RECENT]; /* newest first */
    size_t n_recent;
    int waiting_total;
} desk_queue_state;
/* A consistent read snapshot (no write lock); no sign-in needed. */
mc_status desk_queue_state_get(mc_desk *d, desk_queue_state *out,
                               mc_error *err) MC_MUST_USE;
void desk_queue_state_free(desk_queue_state *q);
json_t *desk_queue_state_json(const desk_queue_state *q);

/* The Vietnam-local day of an instant, "YYYY-MM-DD". */
void desk_queue_day(mc_ts t, char day[static 11]);

#endif
