/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_online.h - online dossiers at the desk (issue 12): the online inbox
 * the sync worker fills from the centre (docs/sync.md, "Online dossiers"),
 * and the clerk's three outcomes for each of them.
 *
 * accept: the dossier code is issued exactly as at the counter
 *   (desk_intake's one transaction: number, dossier, papers, history,
 *   audit, outbox `intake` event whose snapshot carries "portal_ref", and
 *   the inbox row marked accepted by whom and when).  The processing time
 *   runs from the acceptance; outside working hours from the next opening
 *   (Decree 118/2025, desk_due).
 * supplement / refuse: the Mẫu 02 / Mẫu 03 rendered as PDF (by the caller's
 *   renderer: the print module), then one transaction marks the row, writes
 *   the audit row and the outbox event `online_decision` with the PDF.
 * Every decision changes the row only WHERE state = 'waiting' in its write
 * transaction, so of two desks sharing the office database exactly one
 * succeeds; the other gets MC_ECONFLICT naming who decided and when. */
#ifndef MOTCUA_DESK_ONLINE_H
#define MOTCUA_DESK_ONLINE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "desk.h"
#include "form.h"

struct mc_config;

typedef struct desk_online_item {
    const char *portal_ref, *submitted_at;
    const char *state;        /* waiting | withdrawn | accepted |
                                 supplement_requested | refused */
    const char *centre_state; /* the centre's last word */
    int64_t rev;
    const char *procedure_code, *applicant_name;
    const char *dossier;      /* JSON object text, as filed */
    mc_ts pulled_at;
    const char *decided_by;   /* NULL while waiting */
    mc_ts decided_at;
    bool decided_here;        /* at one of this office's desks */
    const char *code;         /* the dossier code once accepted */
    const char *reasons, *missing; /* JSON arrays or NULL */
} desk_online_item;
typedef bool (*desk_online_fn)(const desk_online_item *it, void *ud);

/* The inbox in submission order; state NULL: every state. */
mc_status desk_online_list(mc_desk *d, const char *state, int limit,
                           desk_online_fn fn, void *ud,
                           mc_error *err) MC_MUST_USE;
/* One item (fn called once); MC_ENOTFOUND naming the reference. */
mc_status desk_online_show(mc_desk *d, const char *portal_ref,
                           desk_online_fn fn, void *ud,
                           mc_error *err) MC_MUST_USE;
/* The online dossiers waiting for reception. */
mc_status desk_online_waiting(mc_desk *d, int64_t *n,
                              mc_error *err) MC_MUST_USE;
/* The item as JSON (--json): every field, dossier/reasons/missing parsed. */
json_t *desk_online_json(const desk_online_item *it);
/* The dossier code accepted for a portal reference ("" when none). */
mc_status desk_online_code_of(mc_desk *d, const char *portal_ref,
                              char code[64], mc_error *err) MC_MUST_USE;
/* The portal reference of an accepted dossier ("" when none). */
mc_status desk_online_ref_of(mc_desk *d, const mc_dossier *ds, char ref[128],
                             mc_error *err) MC_MUST_USE;

typedef struct desk_online_file {
    int ord, paper; /* paper 0: for no paper in particular */
    const char *name, *mime, *sha256;
    int64_t size;
    mc_ts fetched_at; /* 0 while only the metadata is here */
} desk_online_file;
typedef bool (*desk_online_file_fn)(const desk_online_file *f, void *ud);
mc_status desk_online_files(mc_desk *d, const char *portal_ref,
                            desk_online_file_fn fn, void *ud,
                            mc_error *err) MC_MUST_USE;

/* Accept: see above.  *out (may be NULL) receives the dossier. */
mc_status desk_online_accept(mc_desk *d, const char *portal_ref,
                             mc_dossier *out, mc_error *err) MC_MUST_USE;

/* Renders a form to PDF: fills the office header (desk_print_office with
 * the caller's configuration), then *pdf malloc'd (the print module's
 * pr_render_pdf behind it; src/desk never links the printers). */
typedef mc_status (*desk_online_render_fn)(pr_form *f,
                                           unsigned char **pdf, size_t *len,
                                           void *ud, mc_error *err);
typedef struct desk_online_decide_in {
    const char *portal_ref;
    const char *decision;          /* "supplement" | "refuse" */
    const char *const *reasons;    /* refuse: at least one */
    size_t n_reasons;
    const char *const *missing;    /* supplement: every missing paper */
    size_t n_missing;
    desk_online_render_fn render;
    void *render_ud;
} desk_online_decide_in;
/* Supplement or refuse: see above.  *pdf and *len (may be NULL) receive the
 * form sent (malloc'd), for the clerk to keep or print. */
mc_status desk_online_decide(mc_desk *d, const desk_online_decide_in *in,
                             unsigned char **pdf, size_t *len,
                             mc_error *err) MC_MUST_USE;

/* Keep the form of a decision: at `file`, else in the receipts folder as
 * online-DECISION-REF.pdf (0600); *where gets the path (malloc'd). */
mc_status desk_online_save_pdf(mc_desk *d, const struct mc_config *cfg,
                               const char *file, const char *decision,
                               const char *portal_ref,
                               const unsigned char *pdf, size_t len,
                               char **where, mc_error *err) MC_MUST_USE;

/* --- for the sync worker ------------------------------------------------ */

/* The rev after which to pull (sync_state online_cursor). */
mc_status desk_online_cursor(mc_desk *d, int64_t *rev,
                             mc_error *err) MC_MUST_USE;
typedef enum {
    DESK_ONLINE_NEW,     /* a new item in the inbox */
    DESK_ONLINE_CHANGED, /* its state changed */
    DESK_ONLINE_SAME,    /* nothing new */
    DESK_ONLINE_BAD,     /* malformed: skipped, reason in why */
} desk_online_outcome;
/* One item of the feed, in one transaction with the cursor (= its rev):
 * new items join the inbox; an item withdrawn or decided elsewhere moves
 * a waiting row to that state; a row decided here keeps its state and
 * records the centre's.  Fails only when the database does. */
mc_status desk_online_apply(mc_desk *d, const json_t *item,
                            desk_online_outcome *out, char why[256],
                            mc_error *err) MC_MUST_USE;
typedef struct desk_online_fetch {
    const char *portal_ref, *sha256, *name, *mime;
    int paper;
    int64_t size;
} desk_online_fetch;
typedef bool (*desk_online_fetch_fn)(const desk_online_fetch *f, void *ud);
/* A file fetched from the centre: its SHA-256 checked (MC_EINVAL when the
 * bytes are not the ones listed), kept under <files dir>/online/ (0600,
 * temp + fsync + rename) and marked fetched; when the dossier was accepted
 * already, the file becomes its scan (Contract A) at once.  At acceptance
 * every fetched file becomes a scan of its paper (source "portal"). */
mc_status desk_online_file_keep(mc_desk *d, const char *portal_ref,
                                const char *sha256, const void *bytes,
                                size_t len, mc_error *err) MC_MUST_USE;
/* Files listed but not fetched yet (at most limit). */
mc_status desk_online_files_waiting(mc_desk *d, int limit,
                                    desk_online_fetch_fn fn, void *ud,
                                    mc_error *err) MC_MUST_USE;

#endif
