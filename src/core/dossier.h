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

    mc_dossier_paper *papers;
    size_t n_papers;
} mc_dossier;

void mc_dossier_free(mc_dossier *d);
/* Overdue is derived: the clock runs (received/processing) and now is past
 * the due time. */
bool mc_dossier_overdue(const mc_dossier *d, mc_ts now);

const char *channel_name(unsigned channel_bit); /* "direct" */
bool channel_parse(const char *name, unsigned *out);
const char *applicant_kind_name(unsigned kind_bit); /* "person" */
bool applicant_kind_parse(const char *name, unsigned *out);

#endif
