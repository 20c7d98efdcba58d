/* SPDX-License-Identifier: GPL-3.0-or-later */
/* status.h - the regulated lifecycle of a dossier (DOMAIN.md section 2).
 *
 * Data model: a dossier has exactly one current status.  The statuses and
 * every allowed transition are declared once below, as X-macro lists; the
 * enum, the name tables, the role checks, the help text and the tests all
 * expand from them, so they cannot drift apart.
 *
 * A transition names the roles that may perform it and what it requires:
 *   REQ_REASON   - a non-empty reason (withdrawal, stop);
 *   REQ_MISSING  - the list of missing papers (pauses the clock);
 *   REQ_RECEIVER - the receiver's name and identity number.
 * "refused" is not reached by a transition: it is an intake outcome.
 * Overdue is derived (status_is_open + due time passed), never stored.
 */
#ifndef MOTCUA_STATUS_H
#define MOTCUA_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include "mc_error.h" /* N_() in the status list */

/* X(enum, name used in CLI and JSON, portal code, final?, Vietnamese label) */
#define MC_DOSSIER_STATUS_LIST(X)                                              \
    X(ST_RECEIVED, "received", 2, false, N_("Đã tiếp nhận"))                       \
    X(ST_REFUSED, "refused", 3, true, N_("Từ chối tiếp nhận"))                     \
    X(ST_PROCESSING, "processing", 4, false, N_("Đang giải quyết"))                \
    X(ST_SUPPLEMENT_REQUESTED, "supplement_requested", 5, false,               \
      N_("Chờ bổ sung hồ sơ"))                                                     \
    X(ST_WITHDRAWN, "withdrawn", 7, true, N_("Đã rút hồ sơ"))                      \
    X(ST_STOPPED, "stopped", 8, true, N_("Dừng giải quyết"))                       \
    X(ST_DONE, "done", 9, false, N_("Đã có kết quả"))                              \
    X(ST_RETURNED, "returned", 10, true, N_("Đã trả kết quả"))

typedef enum mc_dossier_status {
#define X(e, n, p, f, l) e,
    MC_DOSSIER_STATUS_LIST(X)
#undef X
        ST__COUNT
} mc_dossier_status;

/* Roles are bits so a transition can name several. */
enum {
    ROLE_CLERK = 1 << 0,
    ROLE_SUPERVISOR = 1 << 1,
    ROLE_ADMIN = 1 << 2,
    ROLE_CENTRAL = 1 << 3, /* the back office, arriving through sync */
};
#define ROLE_DESK (ROLE_CLERK | ROLE_SUPERVISOR | ROLE_ADMIN)
#define ROLE_LEAD (ROLE_SUPERVISOR | ROLE_ADMIN)

enum {
    REQ_NONE = 0,
    REQ_REASON = 1 << 0,
    REQ_MISSING = 1 << 1,
    REQ_RECEIVER = 1 << 2,
};

/* X(from, to, roles allowed, requirements) */
#define MC_TRANSITION_LIST(X)                                                  \
    X(ST_RECEIVED, ST_PROCESSING, ROLE_DESK | ROLE_CENTRAL, REQ_NONE)          \
    X(ST_RECEIVED, ST_SUPPLEMENT_REQUESTED, ROLE_DESK | ROLE_CENTRAL,          \
      REQ_MISSING)                                                             \
    X(ST_RECEIVED, ST_WITHDRAWN, ROLE_DESK, REQ_REASON)                        \
    X(ST_PROCESSING, ST_SUPPLEMENT_REQUESTED, ROLE_DESK | ROLE_CENTRAL,        \
      REQ_MISSING)                                                             \
    X(ST_PROCESSING, ST_DONE, ROLE_LEAD | ROLE_CENTRAL, REQ_NONE)              \
    X(ST_PROCESSING, ST_STOPPED, ROLE_LEAD | ROLE_CENTRAL, REQ_REASON)         \
    X(ST_PROCESSING, ST_WITHDRAWN, ROLE_DESK, REQ_REASON)                      \
    X(ST_SUPPLEMENT_REQUESTED, ST_PROCESSING, ROLE_DESK | ROLE_CENTRAL,        \
      REQ_NONE)                                                                \
    X(ST_SUPPLEMENT_REQUESTED, ST_WITHDRAWN, ROLE_DESK, REQ_REASON)            \
    X(ST_SUPPLEMENT_REQUESTED, ST_STOPPED, ROLE_LEAD | ROLE_CENTRAL,           \
      REQ_REASON)                                                              \
    X(ST_DONE, ST_RETURNED, ROLE_DESK, REQ_RECEIVER)

const char *status_name(mc_dossier_status s);     /* "received" */
const char *status_label(mc_dossier_status s);    /* translated label */
/* The Vietnamese label whatever the UI language: printed legal forms and
 * what the centre shows citizens are always in Vietnamese. */
const char *status_label_vi(mc_dossier_status s);
int status_portal_code(mc_dossier_status s);      /* DVCQG code */
bool status_is_final(mc_dossier_status s);
/* Open = the due time still matters: received, processing.  While
 * supplement_requested the clock is paused, so it is not open for overdue. */
bool status_counts_for_overdue(mc_dossier_status s);
bool status_parse(const char *name, mc_dossier_status *out);

typedef enum {
    TR_OK = 0,
    TR_NOT_ALLOWED, /* no such edge in the machine */
    TR_ROLE,        /* edge exists, role may not take it */
} mc_transition_check;

/* Whether `role` (one ROLE_* bit or several) may move from -> to; *requires
 * gets the REQ_* bits of that edge when it exists. */
mc_transition_check status_check(mc_dossier_status from, mc_dossier_status to,
                                 unsigned role, unsigned *requires);

/* The statuses reachable from `from` by `role` (any role when role == 0),
 * written to out[]; returns how many. */
size_t status_next(mc_dossier_status from, unsigned role,
                   mc_dossier_status out[static ST__COUNT]);

/* "processing, supplement_requested, withdrawn" or "(none: final)"; writes
 * at most size bytes. */
void status_next_text(mc_dossier_status from, unsigned role, char *buf,
                      size_t size);

const char *role_name(unsigned role_bit);
bool role_parse(const char *name, unsigned *out);

#endif
