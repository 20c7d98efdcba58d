/* SPDX-License-Identifier: GPL-3.0-or-later */
/* modules.h - printing and sync, loaded on first use (docs/tui.md).
 *
 * The counter TUI should not carry cairo, pango, fontconfig, CUPS and
 * libcurl (with everything they pull in) from the moment it starts: most
 * sessions print a few forms and never sync.  So the print path
 * (printers/ + src/desk/print_run.c) and the sync worker (src/sync/) are
 * built as two shared modules, motcua-print.so and motcua-sync.so,
 * installed in ${libdir}/motcua/ (next to the binary in the build tree),
 * and opened with dlopen the first time they are needed.  The `motcua`
 * binary links neither library; it exports its own symbols (the desk,
 * the store, core) so the modules use the very same code and state.
 *
 * Each module exports one table of functions, checked against the
 * binary's ABI number and version.  A module that is missing or does not
 * match is an error the caller shows ("printing module not installed:
 * PATH: why"), never a crash.
 */
#ifndef MOTCUA_MODULES_H
#define MOTCUA_MODULES_H

#include "desk_print_run.h"
#include "mc_error.h"
#include "sync.h"

/* Bumped whenever a table below or a type it passes changes. */
#define MOTCUA_MODULE_ABI 2

typedef struct motcua_print_api {
    int abi;             /* MOTCUA_MODULE_ABI */
    const char *version; /* MOTCUA_VERSION the module was built as */
    mc_status (*run)(mc_desk *d, const struct mc_config *cfg,
                     const desk_print_doc *doc, const desk_print_run_opts *ro,
                     desk_print_result *res, mc_error *err);
    mc_status (*form_run)(mc_desk *d, pr_doc kind, const char *code,
                          const desk_print_opts *po,
                          const desk_print_run_opts *ro,
                          desk_print_result *res, mc_error *err);
    mc_status (*slip_run)(mc_desk *d, const desk_guide_in *in,
                          const char *number, const desk_print_opts *po,
                          const desk_print_run_opts *ro,
                          desk_print_result *res, mc_error *err);
    mc_status (*ticket_run)(const struct mc_config *cfg,
                            const char *fallback_dir, const pr_ticket *t,
                            const desk_print_run_opts *ro,
                            desk_print_result *res, mc_error *err);
    mc_status (*job_state)(int job_id, const char **state, char reason[256],
                           mc_error *err);
    void (*shutdown)(void);
    /* a form to PDF in memory (online decisions: the PDF travels) */
    mc_status (*render_pdf)(const pr_form *f, pr_buf *out, mc_error *err);
} motcua_print_api;

typedef struct motcua_sync_api {
    int abi;
    const char *version;
    sync_err (*once)(mc_desk *d, const sync_opts *o, sync_result *res);
    sync_err (*reconcile)(mc_desk *d, const sync_opts *o, sync_result *res);
    void (*daemon)(mc_desk *d, const sync_opts *o,
                   volatile sig_atomic_t *stop, FILE *log);
    const char *(*err_tag)(sync_err e);
} motcua_sync_api;

/* The symbols each module exports. */
#define MOTCUA_PRINT_SYMBOL "motcua_print_module"
#define MOTCUA_SYNC_SYMBOL "motcua_sync_module"

/* The module's table, loading it on the first call (later calls return
 * the same table).  NULL with err set (MC_EIO, field "module") when the
 * module is missing or does not match this binary. */
const motcua_print_api *motcua_print_load(mc_error *err);
const motcua_sync_api *motcua_sync_load(mc_error *err);

/* The table if it was loaded already, else NULL (loads nothing). */
const motcua_print_api *motcua_print_loaded(void);

/* desk_online_render_fn (desk_online.h) through the print module: ud is a
 * motcua_online_render_ctx; the office header comes from its config. */
typedef struct motcua_online_render_ctx {
    mc_desk *desk;
    const struct mc_config *cfg;
} motcua_online_render_ctx;
mc_status motcua_online_render(pr_form *f, unsigned char **pdf, size_t *len,
                               void *ud, mc_error *err);

#endif
