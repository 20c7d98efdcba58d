/* SPDX-License-Identifier: GPL-3.0-or-later */
/* printers.h - render desk forms and queue tickets, and send them.
 *
 * The pipeline (docs/print.md): the desk fills a pr_form snapshot ->
 * pr_render_pdf makes the PDF in memory (cairo + pango, fonts embedded) ->
 * pr_send submits it to a CUPS queue after reading the printer's state, or
 * writes it to a file when no printer is configured or CUPS cannot be
 * reached -> the desk records the outcome (print_jobs + audit).
 * Nothing here opens the database.
 */
#ifndef MOTCUA_PRINTERS_H
#define MOTCUA_PRINTERS_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"
#include "mc_error.h"

/* A growable byte buffer with a ceiling (PR_BUF_MAX). */
typedef struct pr_buf {
    unsigned char *data;
    size_t len, cap;
    bool overflow;
} pr_buf;
#define PR_BUF_MAX ((size_t)64 * 1024 * 1024)
void pr_buf_free(pr_buf *b);
void pr_buf_add(pr_buf *b, const void *p, size_t n);

/* Release the font caches (pango, cairo) before the process exits, so
 * leak checkers see a clean exit.  Rendering may start again afterwards. */
void pr_shutdown(void);

/* Render a form to PDF (into *out, which starts empty). */
mc_status pr_render_pdf(const pr_form *f, pr_buf *out,
                        mc_error *err) MC_MUST_USE;
/* --- queue tickets (ESC/POS) ------------------------------------------- */
typedef struct pr_ticket {
    const char *number;  /* "A015" */
    const char *office;  /* printed above; may be NULL */
    const char *counter; /* "Quầy 2" or a procedure field; may be NULL */
    const char *qr;      /* text of an optional QR; NULL = none */
    mc_ts at;            /* printed date and time */
    int width_mm;        /* 58 or 80 */
} pr_ticket;
/* ESC/POS bytes: ESC @, the text and QR as one raster image (GS v 0, in
 * bands of at most 256 rows), feed, cut (GS V). */
mc_status pr_render_ticket(const pr_ticket *t, pr_buf *out,
                           mc_error *err) MC_MUST_USE;
/* The raster alone (1 bit per dot, MSB first, rows of `*stride` bytes), for
 * tests and previews; *out is malloc'd. */
mc_status pr_ticket_raster(const pr_ticket *t, unsigned char **out,
                           int *stride, int *rows, mc_error *err) MC_MUST_USE;

/* --- sending ------------------------------------------------------------ */
typedef enum pr_outcome {
    PR_SENT_CUPS = 0, /* accepted by CUPS: job_id set */
    PR_SENT_FILE,     /* written to a file (asked for, or the fallback) */
} pr_outcome;

typedef struct pr_send_opts {
    const char *queue;     /* CUPS queue; NULL/"" = the CUPS default */
    const char *file;      /* write here instead of printing (--pdf/--out) */
    const char *fallback_dir; /* where to write when there is no printer */
    const char *file_name;    /* file name inside fallback_dir */
    const char *title;        /* the CUPS job title */
    bool raw;                 /* ESC/POS: application/vnd.cups-raw */
    const char *media;        /* CUPS "media" ("A5"); NULL = the PDF's own
                                 page size when it is A4 or A5 */
    int connect_timeout_ms;   /* 0 = 3000 */
} pr_send_opts;

typedef struct pr_send_result {
    pr_outcome outcome;
    char destination[1024]; /* "cups:QUEUE" or "file:PATH" */
    char path[1024];        /* the file written (PR_SENT_FILE) */
    char queue[256];        /* the queue used (PR_SENT_CUPS or refused) */
    int job_id;
    bool fallback;          /* written to a file because there was no printer */
    char why_fallback[256]; /* translated: why no printer was used */
} pr_send_result;

/* Send `data`.  With opts->file: write it there.  Otherwise find the queue
 * (opts->queue, else the CUPS default); when there is none or CUPS cannot
 * be reached, write opts->fallback_dir/opts->file_name instead (fallback).
 * A queue that is stopped, not accepting jobs, offline, out of paper, jammed
 * or missing fails with MC_ESTATE and a message for the clerk; nothing is
 * written then.  res->queue names the queue even on failure. */
mc_status pr_send(const pr_send_opts *opts, const unsigned char *data,
                  size_t len, pr_send_result *res, mc_error *err) MC_MUST_USE;

/* The state of a CUPS job: "queued", "printing", "done" or "failed" (with a
 * translated reason).  MC_EIO when CUPS cannot be reached. */
mc_status pr_job_state(int job_id, const char **state, char reason[256],
                       mc_error *err) MC_MUST_USE;

/* Write a file atomically (temporary file, fsync, rename; mode 0644),
 * creating its folder (0755) when needed. */
mc_status pr_write_file(const char *path, const unsigned char *data,
                        size_t len, mc_error *err) MC_MUST_USE;

#endif
