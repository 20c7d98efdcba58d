/* SPDX-License-Identifier: GPL-3.0-or-later */
/* catalogue.h - the procedure catalogue (one JSON file per procedure in forms/procedures).
 *
 * One JSON file per administrative procedure, validated against
 * forms/procedure.schema.json.  The desk accepts dossiers only for published
 * procedures (Decision 352 Art. 20.3) and takes the paper checklist and the
 * processing time from here.  A procedure whose processing time is unknown
 * (processing_days == 0; cat_needs_processing_time() says so) is listed but
 * cannot be used for intake until an admin sets the time (set-time).  A
 * shipped file without a time says why in processing_time_note.
 *
 * The parser is the one definition of the format: the store keeps the JSON
 * text of every imported version and the desk re-parses it with cat_parse.
 */
#ifndef MOTCUA_CATALOGUE_H
#define MOTCUA_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>

#include "calendar.h"
#include "mc_error.h"

typedef enum {
    PAPER_ORIGINAL = 0,   /* "original"        bản chính */
    PAPER_CERTIFIED_COPY, /* "certified_copy"  bản sao chứng thực */
    PAPER_COPY,           /* "copy"            bản sao */
} mc_paper_form;

const char *paper_form_name(mc_paper_form f);  /* "original" */
const char *paper_form_label(mc_paper_form f); /* translated "Bản chính" */
bool paper_form_parse(const char *name, mc_paper_form *out);

enum { APPLICANT_PERSON = 1 << 0, APPLICANT_ORGANISATION = 1 << 1 };
enum { CHANNEL_DIRECT = 1 << 0, CHANNEL_POSTAL = 1 << 1, CHANNEL_ONLINE = 1 << 2 };

typedef struct cat_paper {
    char *name;
    bool required;
    mc_paper_form form;
    int count; /* >= 1 */
} cat_paper;

/* An extra field the intake form must ask for (employer tax code...). */
typedef struct cat_field {
    char *key;   /* [a-z_]+ */
    char *label; /* Vietnamese label */
    char *type;  /* text | taxcode | bhxh | cccd | phone | date | month */
    bool required;
} cat_field;

typedef struct cat_procedure {
    char *code;        /* national code "1.014166" or a local code */
    bool local_code;   /* true when no national code is published */
    char *name_vi;
    char *name_en;     /* may be NULL */
    char *field;       /* lĩnh vực */
    int processing_days;     /* 0 = unknown: not usable for intake */
    mc_cal_unit unit;
    long fee;                /* VND; 0 = none */
    unsigned applicant_kinds; /* APPLICANT_* bits */
    unsigned channels;        /* CHANNEL_* bits */
    cat_paper *papers;
    size_t n_papers;
    cat_field *fields;
    size_t n_fields;
    char *department;  /* may be NULL */
    int version;       /* >= 1 */
    char *source;      /* where the facts come from; may be NULL */
    char *time_note;   /* "processing_time_note": why the time is missing or
                        * what it depends on; may be NULL */
} cat_procedure;

/* Parse one procedure from JSON text.  `filename` is used in messages,
 * which have the form "file:line:column: field \"x\" must be ...".
 * Unknown keys are errors.  On failure *out is left zeroed. */
mc_status cat_parse(const char *json_text, const char *filename,
                    cat_procedure *out, mc_error *err) MC_MUST_USE;
void cat_procedure_free(cat_procedure *p);

/* The canonical JSON text of a procedure (malloc'd; keys sorted). */
char *cat_to_json(const cat_procedure *p);

typedef struct cat_list {
    cat_procedure *items;
    size_t n;
} cat_list;

/* Called for each file that was skipped, with the reason. */
typedef void (*cat_skip_fn)(const char *file, const mc_error *why, void *ud);

/* Load every *.json directly in `dir` (sorted by file name).  A broken file
 * is reported through on_skip and never stops the others.  Fails only when
 * the folder itself cannot be read or two files carry the same code. */
mc_status cat_load_dir(const char *dir, cat_list *out, cat_skip_fn on_skip,
                       void *ud, mc_error *err) MC_MUST_USE;
void cat_list_free(cat_list *l);

/* --- added with the loader ------------------------------------------- */

/* No catalogue file may be larger than this (bytes). */
#define CAT_MAX_FILE_BYTES (1024 * 1024)

/* Read and parse one file (bounded by CAT_MAX_FILE_BYTES); messages name
 * `path`.  On failure *out is left zeroed. */
mc_status cat_load_file(const char *path, cat_procedure *out,
                        mc_error *err) MC_MUST_USE;

/* "workdays" | "days_excluding_holidays" and back. */
const char *cat_unit_name(mc_cal_unit u);
bool cat_unit_parse(const char *name, mc_cal_unit *out);
/* True when the procedure has no processing time yet (processing_days is
 * 0): it is listed and may be picked, but intake refuses it until an admin
 * runs `motcua catalogue set-time CODE DAYS`.  Pickers show such entries as
 * "needs a processing time" before the clerk confirms.  NULL counts as
 * needing one. */
bool cat_needs_processing_time(const cat_procedure *p);
/* Find a procedure by code in a loaded list (NULL when absent). */
const cat_procedure *cat_list_find(const cat_list *l, const char *code);

#endif
