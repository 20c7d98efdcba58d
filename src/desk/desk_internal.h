/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_internal.h - shared by the desk's files only. */
#ifndef MOTCUA_DESK_INTERNAL_H
#define MOTCUA_DESK_INTERNAL_H

#include <jansson.h>

#include "desk.h"
#include "store.h"

struct mc_desk {
    mc_store *store;
    char *db_path;
    char *office_code;
    char *office_name;
    mc_user user; /* who acts; login NULL until desk_login */
    mc_calendar *cal;
    int open_minute, close_minute; /* working hours, minutes of the day */
    bool supplement_extend;        /* clock policy: extend instead of restart */
    bool clock_pin_allowed;        /* admin allows MOTCUA_NOW (clock.h) */
    const struct mc_config *cfg;   /* borrowed; NULL = defaults */
    /* parsed procedures, each with the catalogue version it came from:
     * versions are append-only, so a new one (imported by this or another
     * process) is the only change there can be */
    struct desk_proc_cache {
        int version;
        cat_procedure proc;
    } *procs;
    size_t n_procs;
};

/* The newest version of a procedure, parsed once per stored text and
 * owned by the desk (valid until the next call or desk_close). */
mc_status desk_procedure_current(mc_desk *d, const char *code,
                                 const cat_procedure **out,
                                 mc_error *err) MC_MUST_USE;

/* Make `u` the acting user (after a password or a session was checked). */
void desk_set_user(mc_desk *d, const store_user *u);

/* MC_EAUTH naming the reason when the account may not sign in now
 * (deactivated, or locked after wrong passwords until a time); the one
 * check behind a password sign-in and a session's resumption. */
mc_status desk_user_usable(const store_user *u, mc_ts now, mc_error *err);

/* Fails with MC_EAUTH when nobody is logged in, MC_EFORBIDDEN when the
 * acting user's role is not in `roles`. */
mc_status desk_require(mc_desk *d, unsigned roles, const char *what,
                       mc_error *err);

/* Append the audit row (hash-chained) for an action; inside a transaction.
 * `detail` is stolen. */
mc_status desk_audit(mc_desk *d, mc_ts at, const char *action,
                     const char *object, json_t *detail, mc_error *err);
/* the same with the detail already as compact key-sorted JSON text */
mc_status desk_audit_text(mc_desk *d, mc_ts at, const char *action,
                          const char *object, const char *detail,
                          mc_error *err) MC_MUST_USE;

/* Append the outbox event; `data` is stolen. */
mc_status desk_outbox(mc_desk *d, mc_ts at, const char *kind,
                      const char *dossier_code, json_t *data, mc_error *err);

/* history + audit + outbox for one dossier action, inside a transaction.
 * `data` (may be NULL) is borrowed. */
mc_status desk_record(mc_desk *d, const mc_dossier *ds, mc_ts at,
                      const char *action, const char *from, const char *to,
                      const char *note, json_t *data, mc_error *err);

/* NFC-normalise an optional text field with a length limit (in characters);
 * empty input gives NULL. */
mc_status desk_text(const char *in, const char *field, size_t max_chars,
                    char **out, mc_error *err);


/* Due date and time for a period starting at `from`. */
void desk_due(mc_desk *d, mc_ts from, int days, mc_cal_unit unit,
              mc_date *due_date, mc_ts *due_at);

const char *desk_actor(const mc_desk *d);

/* desk_advance inside a transaction the caller owns (BEGIN IMMEDIATE
 * already taken); on failure the caller rolls back.  For sync, which
 * records the applied central event in the same transaction. */
mc_status desk_advance_locked(mc_desk *d, const desk_advance_in *in,
                              mc_dossier *out, mc_error *err);

/* desk_intake with a step of the caller's inside its transaction: fn runs
 * after the dossier row is written (ds->id set), before its history, audit
 * and outbox rows; its failure rolls everything back (no number used).
 * data (borrowed, may be NULL) is recorded with the intake (history, audit,
 * event data); its "portal_ref" also goes into the event's snapshot. */
typedef struct desk_intake_hook {
    mc_status (*fn)(mc_desk *d, const mc_dossier *ds, void *ud,
                    mc_error *err);
    void *ud;
    json_t *data;
} desk_intake_hook;
mc_status desk_intake_ex(mc_desk *d, const desk_intake_in *in,
                         const desk_intake_hook *hook, mc_dossier *out,
                         mc_error *err);

/* Field checks shared by intake and corrections. */
mc_status desk_check_name(const char *name, const char *field,
                          bool organisation, mc_error *err);
mc_status desk_check_email(const char *e, mc_error *err);

/* The next supplement-request slip number of the day (inside a
 * transaction): "<agency>-<YYMMDD>-BS<nnnn>". */
mc_status desk_slip_number(mc_desk *d, mc_ts now, char number[64],
                           mc_error *err);
/* The list of missing papers as a JSON array of NFC strings; refuses an
 * empty list. */
json_t *desk_missing_json(const char *const *missing, size_t n, mc_status *rc,
                          mc_error *err);

#endif
