/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_print_run.h - one print, start to finish, for every front end.
 *
 * A desk form is printed in four steps (docs/print.md): the desk's
 * snapshot (desk_print_prepare) -> render (pr_render_pdf) -> send to CUPS
 * or, when there is no printer, to a file (pr_send) -> record
 * (desk_print_record).  The CLI (`motcua print`) and the TUI (save an
 * intake, print again, the kiosk's ticket) must behave the same, so the
 * sequence lives here once and both call it.
 *
 * Promises: a print never changes the dossier, its history or its code.
 * A printer that cannot print (stopped, offline, out of paper, jammed...)
 * returns MC_ESTATE/MC_EIO with the printer's reason in err->msg, and the
 * failed attempt is recorded (print_jobs state "failed", audit
 * "print.failed"); printing again is always possible.  No printer at all
 * (no queue, CUPS unreachable) is not an error: the document is written to
 * the receipts folder, res->send.fallback is set and res->send.path says
 * where, so the caller can tell the clerk.
 *
 * This file sits in the desk room but links the printers room: print_run.c
 * is built into motcua_deskprint (tests, benches) and into motcua-print.so,
 * which the motcua binary opens on first use (src/modules/modules.h).
 */
#ifndef MOTCUA_DESK_PRINT_RUN_H
#define MOTCUA_DESK_PRINT_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "desk.h"
#include "desk_print.h"
#include "printers.h"

struct mc_config;

typedef struct desk_print_run_opts {
    const char *printer;   /* CUPS queue (--printer); NULL: from config */
    const char *file;      /* write exactly here instead (--pdf, --out) */
    const char *queue_key; /* [print] key naming the queue; NULL:
                              "receipt_queue" */
    double wait;           /* seconds to follow the CUPS job; 0: don't */
} desk_print_run_opts;

typedef struct desk_print_result {
    pr_send_result send;   /* destination, path, queue, job id, fallback */
    const char *state;     /* queued | printing | done | file; "failed"
                              when the printer refused (recorded); "" when
                              nothing was sent (render or snapshot error) */
    char reason[256];      /* CUPS's reason when the job failed */
    int64_t job_row;       /* the print_jobs row (0: not recorded) */
    int copy_no;           /* 0 original, n: the n-th reprint */
    double submit_to_state_ms; /* with wait > 0; else -1 */
    size_t bytes;          /* the size of what was sent */
} desk_print_result;

/* Render, send and record a prepared document (a dossier form or the
 * book).  cfg gives the queue and receipts folder (may be NULL). */
mc_status desk_print_run(mc_desk *d, const struct mc_config *cfg,
                         const desk_print_doc *doc,
                         const desk_print_run_opts *ro, desk_print_result *res,
                         mc_error *err) MC_MUST_USE;

/* Prepare + run for a dossier's form (receipt, supplement, refusal,
 * apology, stop, control).  po->cfg is the configuration. */
mc_status desk_print_form_run(mc_desk *d, pr_doc kind, const char *code,
                              const desk_print_opts *po,
                              const desk_print_run_opts *ro,
                              desk_print_result *res,
                              mc_error *err) MC_MUST_USE;

/* The supplement request given at reception without a dossier (Mẫu 02,
 * numbered by desk_guide): the snapshot is taken from what the clerk
 * entered (`in`) and the slip `number`; recorded without a dossier
 * (audit object "slip:NUMBER"). */
mc_status desk_print_slip_run(mc_desk *d, const desk_guide_in *in,
                              const char *number, const desk_print_opts *po,
                              const desk_print_run_opts *ro,
                              desk_print_result *res,
                              mc_error *err) MC_MUST_USE;

/* A queue ticket (ESC/POS, raw) to [print] ticket_queue, or written to
 * fallback_dir/ticket-NUMBER.escpos when there is no ticket printer.
 * Tickets are not recorded in print_jobs (no dossier, no sign-in). */
mc_status desk_print_ticket_run(const struct mc_config *cfg,
                                const char *fallback_dir, const pr_ticket *t,
                                const desk_print_run_opts *ro,
                                desk_print_result *res,
                                mc_error *err) MC_MUST_USE;

#endif
