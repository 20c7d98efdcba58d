/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_print.h - the desk's side of printing.
 *
 * The desk copies a committed dossier (and, for some forms, its history)
 * into the printers' snapshot (printers/form.h), and afterwards records
 * what happened to the print: one print_jobs row and one audit row in one
 * transaction.  It never renders and never talks to CUPS: the caller
 * (CLI, TUI) runs printers/ between desk_print_prepare and
 * desk_print_record.  A failed print changes nothing about the dossier and
 * its code; printing again is always allowed, and every print after a
 * successful one is a reprint ("BẢN SAO / COPY", copy number n, audited as
 * "print.copy").
 */
#ifndef MOTCUA_DESK_PRINT_H
#define MOTCUA_DESK_PRINT_H

#include "form.h"
#include "desk.h"

struct mc_config;

typedef struct desk_print_doc desk_print_doc;

typedef struct desk_print_opts {
    const struct mc_config *cfg; /* office header, paper, lookup URL; NULL =
                                    defaults */
    bool force_copy;             /* mark as a copy even if first (--copy) */
    int copies;                  /* receipt parts (liên); 0 = 2 */
    /* overrides for what the history says (supplement, refusal, stop,
     * apology) */
    const char *reason;
    const char *const *items;
    size_t n_items;
    const char *contact;
} desk_print_opts;

/* The snapshot for a dossier's form.  The receipt is refused for a refused
 * dossier (its form is the refusal), the refusal for one that was not
 * refused, the supplement request when the dossier never waited for
 * papers (unless items are given), the apology when it was never
 * extended, the stop notice unless it was stopped or withdrawn. */
mc_status desk_print_prepare(mc_desk *d, pr_doc doc, const char *code,
                             const desk_print_opts *o, desk_print_doc **out,
                             mc_error *err) MC_MUST_USE;
/* The tracking book: every dossier received from `from` to `to`
 * (inclusive, at most 366 days), by receipt time. */
mc_status desk_print_book(mc_desk *d, mc_date from, mc_date to,
                          const desk_print_opts *o, desk_print_doc **out,
                          mc_error *err) MC_MUST_USE;
const pr_form *desk_print_form(const desk_print_doc *p);
/* Fill the office header, paper size, print time and officer of a form
 * from the configuration and the desk (borrowed pointers: they live as
 * long as cfg and d). */
void desk_print_office(mc_desk *d, const struct mc_config *cfg, pr_form *f);
/* A file name for the document ("receipt-CODE.pdf", "receipt-CODE-copy2.pdf"). */
const char *desk_print_file_name(const desk_print_doc *p);
void desk_print_doc_free(desk_print_doc *p);

/* Where PDFs go when there is no printer: print.receipts_dir, else the
 * "receipts" folder next to the database (malloc'd). */
char *desk_print_receipts_dir(mc_desk *d, const struct mc_config *cfg);

typedef struct desk_print_outcome {
    const char *destination; /* "cups:QUEUE" or "file:PATH" */
    int cups_job_id;         /* 0 = none */
    const char *state;       /* queued | printing | done | failed | file */
    const char *reason;      /* why it failed / why a file; may be NULL */
} desk_print_outcome;
/* Record a print (or a failed attempt): print_jobs + audit, atomically. */
mc_status desk_print_record(mc_desk *d, const desk_print_doc *p,
                            const desk_print_outcome *o, int64_t *job_row,
                            mc_error *err) MC_MUST_USE;
/* Move a recorded job to its CUPS state (done, failed...). */
mc_status desk_print_update(mc_desk *d, int64_t job_row, const char *state,
                            int cups_job_id, const char *reason,
                            mc_error *err) MC_MUST_USE;

typedef struct desk_print_job {
    int64_t id;
    const char *document;
    int copy_no;
    const char *destination;
    int cups_job_id;
    const char *state, *reason, *actor;
    mc_ts created_at, updated_at;
} desk_print_job;
typedef void (*desk_print_job_fn)(const desk_print_job *j, void *ud);
/* The print jobs of a dossier, oldest first. */
mc_status desk_print_jobs(mc_desk *d, const char *code, desk_print_job_fn fn,
                          void *ud, mc_error *err) MC_MUST_USE;

#endif
