/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk.h - the desk's use cases.  Each user action is one atomic
 * operation: validate with core, then write the dossier, its history, the
 * audit row and the outbox row in ONE transaction of the store.
 * ui/ and src/cli/ call only this (and core); they never see SQL. */
#ifndef MOTCUA_DESK_H
#define MOTCUA_DESK_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "calendar.h"
#include "catalogue.h"
#include "date.h"
#include "dossier.h"
#include "mc_error.h"
#include "status.h"

typedef struct mc_desk mc_desk;

typedef struct mc_user {
    int64_t id;
    char *login;
    char *name;
    unsigned role; /* one ROLE_* bit */
} mc_user;

/* Where motcua finds its shipped data (catalogue, calendar, provinces):
 * $MOTCUA_FORMS_DIR, else the build-time default. */
const char *desk_forms_dir(void);

typedef void (*desk_skip_fn)(const char *file, const mc_error *why, void *ud);
typedef struct desk_import_report {
    int added, updated, unchanged, skipped;
} desk_import_report;

typedef struct desk_init_opts {
    const char *office_code; /* the agency id used in dossier codes */
    const char *office_name;
    const char *admin_login;
    const char *admin_name;  /* defaults to the login */
    const char *admin_password;
    const char *forms_dir;   /* catalogue to import; NULL = desk_forms_dir() */
    desk_skip_fn on_skip;    /* told of each catalogue file skipped */
    void *skip_ud;
    desk_import_report *report; /* may be NULL */
} desk_init_opts;

/* Create a new office database (mode 0600) with its office, first admin
 * and the shipped catalogue.  Refuses an existing initialised database. */
mc_status desk_init(const char *db_path, const desk_init_opts *o,
                    mc_error *err) MC_MUST_USE;

mc_status desk_open(const char *db_path, mc_desk **out,
                    mc_error *err) MC_MUST_USE;
void desk_close(mc_desk *d);
/* Database pages written by this desk's connection so far (benchmarks). */
long long desk_pages_written(mc_desk *d);

struct mc_config;
/* Apply the office configuration: working hours (due times), the
 * supplement clock policy.  The desk keeps the pointer (borrowed: the
 * caller frees it after desk_close). */
void desk_configure(mc_desk *d, const struct mc_config *cfg);
const struct mc_config *desk_config(const mc_desk *d);

/* Authenticate; on success the user acts in every later call. */
mc_status desk_login(mc_desk *d, const char *login, const char *password,
                     mc_error *err) MC_MUST_USE;
/* Sign-in sessions for scripts (motcua login): after desk_login, a
 * session's token (64 hex characters, returned once; only its SHA-256 is
 * stored) lets later processes act as the same user without the argon2id
 * check.  A session ends at logout, after desk.session_idle_minutes
 * unused, 12 hours after it began, and when the account is locked; an
 * inactive or locked account's sessions are refused.  Start and end are
 * audited. */
#define DESK_SESSION_TOKEN_LEN 64
mc_status desk_session_start(mc_desk *d,
                             char token[DESK_SESSION_TOKEN_LEN + 1],
                             mc_error *err) MC_MUST_USE;
/* Act as `login` through a session (instead of desk_login). */
mc_status desk_session_resume(mc_desk *d, const char *login,
                              const char *token, mc_error *err) MC_MUST_USE;
/* End the session (the token proves it; no password needed).  MC_ENOTFOUND
 * when the token names no live session of `login`. */
mc_status desk_session_end(mc_desk *d, const char *login, const char *token,
                           mc_error *err) MC_MUST_USE;
/* Act as the central back office (events applied from sync). */
void desk_act_as_central(mc_desk *d);
const mc_user *desk_user(const mc_desk *d);

/* The office's agency id and name. */
const char *desk_office_code(const mc_desk *d);
const char *desk_office_name(const mc_desk *d);

/* The working-day calendar: statutory rules + the shipped announced
 * schedule + the admin's overrides in the database.  Owned by the desk. */
mc_status desk_calendar(mc_desk *d, const mc_calendar **out,
                        mc_error *err) MC_MUST_USE;
/* Admin: declare a day off or a working day (audited). */
mc_status desk_calendar_set(mc_desk *d, mc_date day, bool working,
                            const char *note, mc_error *err) MC_MUST_USE;
/* A calendar from the shipped data only (no database). */
mc_status desk_calendar_shipped(mc_calendar **out, mc_error *err) MC_MUST_USE;

/* --- users (admin) --------------------------------------------------- */
mc_status desk_user_add(mc_desk *d, const char *login, const char *name,
                        const char *role, const char *password,
                        mc_error *err) MC_MUST_USE;

/* --- catalogue --------------------------------------------------------- */
/* Admin: import (or update) the catalogue from a folder of JSON files.
 * Changed procedures get a new version; old dossiers keep theirs. */
mc_status desk_catalogue_import(mc_desk *d, const char *dir,
                                desk_skip_fn on_skip, void *ud,
                                desk_import_report *rep,
                                mc_error *err) MC_MUST_USE;
/* The newest version of a procedure (caller frees with cat_procedure_free). */
mc_status desk_catalogue_get(mc_desk *d, const char *code, cat_procedure *out,
                             mc_error *err) MC_MUST_USE;
typedef void (*desk_procedure_fn)(const cat_procedure *p, void *ud);
mc_status desk_catalogue_each(mc_desk *d, desk_procedure_fn fn, void *ud,
                              mc_error *err) MC_MUST_USE;
/* Admin: set a procedure's processing time (a new version; audited). */
mc_status desk_catalogue_set_time(mc_desk *d, const char *code, int days,
                                  mc_cal_unit unit, mc_error *err) MC_MUST_USE;

/* --- intake ------------------------------------------------------------ */
typedef struct desk_paper_in {
    const char *name;
    const char *form; /* original | certified_copy | copy; NULL = original */
    int count;        /* 0 = 1 */
} desk_paper_in;

typedef struct desk_intake_in {
    const char *procedure_code;
    const char *applicant_kind; /* person | organisation; NULL = person */
    const char *applicant_name;
    const char *id_number, *bhxh_number, *tax_code, *phone, *email, *address;
    const char *rep_name, *rep_id_number, *rep_phone;
    const char *channel;         /* direct | postal | online; NULL = direct */
    const char *result_delivery; /* NULL = at the desk */
    const char *return_channel;  /* desk | post | electronic; NULL = desk */
    int sets;                    /* 0 = 1 */
    const char *note;
    const char *extra_json;      /* the procedure's extra fields */
    const desk_paper_in *papers;
    size_t n_papers;
    bool refuse;        /* the refusal outcome */
    const char *reason; /* required with refuse */
} desk_intake_in;

/* Accept (status received) or refuse (status refused) a dossier: one
 * transaction issues the code and writes dossier, papers, history, audit
 * and outbox.  On any error nothing is written and no number is used.
 * *out (may be NULL) receives the committed dossier. */
mc_status desk_intake(mc_desk *d, const desk_intake_in *in, mc_dossier *out,
                      mc_error *err) MC_MUST_USE;

/* Outside working hours ([hours] open/close, the calendar's days off) at
 * `at`?  A dossier received then counts as received at the next opening
 * (Decree 118/2025), and its period runs from there: *counted_from (may
 * be NULL) gets that moment, or `at` itself within working hours. */
bool desk_outside_hours(mc_desk *d, mc_ts at, mc_ts *counted_from);
/* Now outside working hours: true and the warning for the clerk in buf
 * (when it is, and from when the dossier counts); false and "" if not. */
bool desk_outside_hours_note(mc_desk *d, char *buf, size_t size);

typedef struct desk_guide_in {
    const char *procedure_code;
    const char *applicant_name;
    const char *id_number, *phone, *email, *address;
    const char *const *missing; /* what must be added or corrected */
    size_t n_missing;
    const char *reason;
} desk_guide_in;
/* The incomplete-papers outcome at reception: a numbered supplement-request
 * slip (Mẫu 02), no dossier code.  number gets the slip number. */
mc_status desk_guide(mc_desk *d, const desk_guide_in *in, char number[64],
                     mc_error *err) MC_MUST_USE;

/* --- lifecycle --------------------------------------------------------- */
typedef struct desk_advance_in {
    const char *code;
    const char *to; /* status name */
    const char *note;
    const char *department;
    const char *const *missing; /* for supplement_requested */
    size_t n_missing;
    const char *receiver_name, *receiver_id, *receiver_relation; /* returned */
} desk_advance_in;
mc_status desk_advance(mc_desk *d, const desk_advance_in *in, mc_dossier *out,
                       mc_error *err) MC_MUST_USE;
/* Apology and extension: a new due date, with a reason, at most once. */
mc_status desk_extend(mc_desk *d, const char *code, const char *new_due,
                      const char *reason, mc_dossier *out,
                      mc_error *err) MC_MUST_USE;

/* Correct one field of a dossier (see MC_CORRECTABLE_LIST): validated like
 * intake, with a reason; the old and new values go into the history. */
mc_status desk_correct(mc_desk *d, const char *code, const char *field,
                       const char *value, const char *reason, mc_dossier *out,
                       mc_error *err) MC_MUST_USE;

/* --- queries ----------------------------------------------------------- */
mc_status desk_dossier_get(mc_desk *d, const char *code, mc_dossier *out,
                           mc_error *err) MC_MUST_USE;
typedef struct desk_event {
    mc_ts at;
    const char *actor, *action, *from_status, *to_status, *note, *data;
} desk_event;
typedef void (*desk_event_fn)(const desk_event *e, void *ud);
mc_status desk_history_each(mc_desk *d, const mc_dossier *ds, desk_event_fn fn,
                            void *ud, mc_error *err) MC_MUST_USE;

typedef struct desk_list_filter {
    const char *status;      /* status name or NULL */
    bool overdue;
    const char *due_on;      /* YYYY-MM-DD or NULL */
    const char *received_on; /* YYYY-MM-DD or NULL */
    int limit;
} desk_list_filter;
/* fn returns false to stop; the dossier is freed after fn returns. */
typedef bool (*desk_dossier_fn)(const mc_dossier *ds, void *ud);
mc_status desk_list(mc_desk *d, const desk_list_filter *f, desk_dossier_fn fn,
                    void *ud, mc_error *err) MC_MUST_USE;
/* By code (or scanned lookup URL), identity number, or applicant name
 * ignoring case and diacritics (đ included; the last word may be the
 * start of a word, as the clerk types): the newest matches, exact full
 * names first. */
mc_status desk_search(mc_desk *d, const char *text, int limit,
                      desk_dossier_fn fn, void *ud, mc_error *err) MC_MUST_USE;
mc_status desk_dossier_count(mc_desk *d, int64_t *n, mc_error *err) MC_MUST_USE;

/* --- audit ------------------------------------------------------------- */
typedef struct desk_audit_result {
    int64_t rows;
    int64_t first_bad; /* 0 when the chain verifies */
    char reason[256];
} desk_audit_result;
mc_status desk_audit_verify(mc_desk *d, desk_audit_result *res,
                            mc_error *err) MC_MUST_USE;

/* The full JSON snapshot of a dossier (the outbox payload and --json):
 * every field, status with its portal code, whether it is overdue at now. */
json_t *desk_dossier_json(const mc_dossier *ds, mc_ts now);
/* The same snapshot as compact, key-sorted text: byte for byte
 * wire_dump(desk_dossier_json(ds, now)), without building the object
 * (malloc'd). */
char *desk_dossier_text(const mc_dossier *ds, mc_ts now);

/* The clock the desk uses (MOTCUA_NOW pins it where src/core/clock.h
 * allows it). */
mc_ts desk_now(const mc_desk *d);

/* An administrator allows (allow=true) or forbids MOTCUA_NOW for this
 * database in a production build (a training office); audited as
 * clock.pin_allowed / clock.pin_forbidden.  Each sign-in under a pinned
 * clock allowed this way is audited as clock.pinned. */
mc_status desk_clock_pin_set(mc_desk *d, bool allow,
                             mc_error *err) MC_MUST_USE;
/* Whether this database's setting allows the pinned clock. */
bool desk_clock_pin_allowed(const mc_desk *d);

#endif
