/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dossier.h - the dossier as the desk records it (DOMAIN.md section 4,
 * form 01).  Strings are NFC UTF-8, malloc'd, NULL when absent. */
#ifndef MOTCUA_DOSSIER_H
#define MOTCUA_DOSSIER_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar.h"
#include "catalogue.h"
#include "date.h"
#include "dossier_code.h"
#include "return_channel.h"
#include "status.h"

typedef struct mc_dossier_paper {
    char *name;
    mc_paper_form form;
    int count;
    bool required; /* from the catalogue's checklist */
} mc_dossier_paper;

typedef struct mc_dossier {
    int64_t id;
    char code[DCODE_MAX];
    mc_dossier_status status;

    /* the procedure as it was when the dossier was received */
    char *procedure_code;
    int procedure_version;
    char *procedure_name;
    char *procedure_field;
    int processing_days;
    mc_cal_unit processing_unit;

    /* applicant */
    unsigned applicant_kind; /* APPLICANT_PERSON or APPLICANT_ORGANISATION */
    char *applicant_name;
    char *id_number;   /* CCCD or CMND (person), or the organisation's id */
    char *bhxh_number;
    char *tax_code;
    char *phone;
    char *email;
    char *address;
    /* authorised representative, when someone else submits */
    char *rep_name;
    char *rep_id_number;
    char *rep_phone;

    unsigned channel;      /* CHANNEL_* bit */
    char *result_delivery; /* where the result will be collected */
    int sets;              /* number of sets of papers, >= 1 */
    char *note;
    char *refusal_reason;
    char *extra_json; /* the procedure's extra fields, a JSON object or NULL */

    mc_ts received_at;
    char *received_by; /* login of the receiving clerk */
    mc_date due_date;
    mc_ts due_at;
    mc_ts original_due_at; /* before an extension; 0 when never extended */
    bool extended;
    mc_ts paused_at;       /* when a supplement request paused the clock */
    char *department;

    mc_ts returned_at;
    char *receiver_name;
    char *receiver_id;
    char *receiver_relation;
    mc_ts updated_at;

    /* the return of the result (return_channel.h) */
    unsigned return_channel; /* chosen at intake: RET_DESK, _POST, _ELECTRONIC */
    unsigned returned_via;   /* the channel it went back by; RET_NONE before */
    char *post_tracking;     /* postal tracking number (post) */
    mc_date posted_on;       /* the posting date (post); y = 0 when none */
    mc_ts result_sent_at;    /* electronic: sent, awaiting delivery; 0 if not */

    mc_dossier_paper *papers;
    size_t n_papers;
} mc_dossier;

/* Fields a clerk may correct after intake (a new "correct" event with a
 * reason; the old value stays in the history).  X(id, CLI/JSON name,
 * column).  The code, the procedure, the dates and the status are never
 * corrected: they have their own events. */
#define MC_CORRECTABLE_LIST(X)                                                 \
    X(CF_APPLICANT_NAME, "applicant-name", "applicant_name")                   \
    X(CF_ID_NUMBER, "id-number", "id_number")                                  \
    X(CF_BHXH_NUMBER, "bhxh-number", "bhxh_number")                            \
    X(CF_TAX_CODE, "tax-code", "tax_code")                                     \
    X(CF_PHONE, "phone", "phone")                                              \
    X(CF_EMAIL, "email", "email")                                              \
    X(CF_ADDRESS, "address", "address")                                        \
    X(CF_REP_NAME, "rep-name", "rep_name")                                     \
    X(CF_REP_ID_NUMBER, "rep-id-number", "rep_id_number")                      \
    X(CF_REP_PHONE, "rep-phone", "rep_phone")                                  \
    X(CF_RESULT_DELIVERY, "result-delivery", "result_delivery")                \
    X(CF_NOTE, "note", "note")

typedef enum mc_correctable {
#define X(id, name, col) id,
    MC_CORRECTABLE_LIST(X)
#undef X
        CF__COUNT
} mc_correctable;

bool correctable_parse(const char *name, mc_correctable *out);
const char *correctable_name(mc_correctable f);
/* The current value of a correctable field (borrowed; may be NULL). */
const char *mc_dossier_field(const mc_dossier *d, mc_correctable f);

void mc_dossier_free(mc_dossier *d);
/* Overdue is derived: the clock runs (received/processing) and now is past
 * the due time. */
bool mc_dossier_overdue(const mc_dossier *d, mc_ts now);

const char *channel_name(unsigned channel_bit); /* "direct" */
bool channel_parse(const char *name, unsigned *out);
const char *applicant_kind_name(unsigned kind_bit); /* "person" */
bool applicant_kind_parse(const char *name, unsigned *out);

#endif
