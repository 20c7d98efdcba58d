/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_print.h - the print_jobs table: every print or reprint of a desk
 * form, with its CUPS job and state (migration 2).  copy_no 0 is the
 * original, n the n-th reprint. */
#ifndef MOTCUA_STORE_PRINT_H
#define MOTCUA_STORE_PRINT_H

#include <stdint.h>

#include "store.h"

typedef struct store_print_job {
    int64_t id;
    int64_t dossier_id;      /* 0 = not about one dossier (book, ticket) */
    const char *document;    /* "receipt", "supplement", ..., "book" */
    int copy_no;
    const char *destination; /* "cups:QUEUE" or "file:PATH" */
    int cups_job_id;         /* 0 = none */
    const char *state;       /* queued | printing | done | failed | file */
    const char *reason;      /* may be NULL */
    const char *actor;
    mc_ts created_at, updated_at;
} store_print_job;

/* Insert a row (created_at = updated_at = j->created_at); sets *id. */
mc_status store_print_insert(mc_store *s, const store_print_job *j,
                             int64_t *id, mc_error *err) MC_MUST_USE;
/* Move a row to a new state.  MC_ENOTFOUND for an unknown id. */
mc_status store_print_update(mc_store *s, int64_t id, const char *state,
                             int cups_job_id, const char *reason, mc_ts at,
                             mc_error *err) MC_MUST_USE;
/* How many prints of `document` for the dossier did not fail (the number
 * the next reprint gets). */
mc_status store_print_count(mc_store *s, int64_t dossier_id,
                            const char *document, int *n,
                            mc_error *err) MC_MUST_USE;
typedef void (*store_print_fn)(const store_print_job *j, void *ud);
/* The jobs of a dossier, oldest first. */
mc_status store_print_each(mc_store *s, int64_t dossier_id, store_print_fn fn,
                           void *ud, mc_error *err) MC_MUST_USE;

#endif
