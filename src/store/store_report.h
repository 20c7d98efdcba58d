/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_report.h - the rows behind the periodic dossier report.
 *
 * For a period [p0, p1) the population is every dossier received before
 * p1 that was not finished (done, returned, refused, withdrawn, stopped)
 * at p0: those carried over plus those received in the period.  Each row
 * gives the status at p0 (NULL when received in the period) and at p1,
 * read from the history (the last event before the instant), so the
 * desk can split the population into disjoint end states. */
#ifndef MOTCUA_STORE_REPORT_H
#define MOTCUA_STORE_REPORT_H

#include "store.h"

typedef struct store_report_row {
    const char *procedure_code, *procedure_name, *field; /* field may be NULL */
    unsigned channel;
    mc_ts received_at, due_at;
    const char *status_start; /* NULL: received in the period */
    const char *status_end;
    mc_ts done_at;   /* when it first became done (resolved), before p1 */
    int supplements; /* supplement requests made in the period */
    unsigned returned_via; /* RET_* (return_channel.h); RET_NONE if not */
    mc_ts result_sent_at;  /* electronic result sent; 0 if not */
} store_report_row;
typedef void (*store_report_fn)(const store_report_row *r, void *ud);
mc_status store_report_dossiers(mc_store *s, mc_ts p0, mc_ts p1,
                                store_report_fn fn, void *ud,
                                mc_error *err) MC_MUST_USE;
typedef void (*store_slip_count_fn)(const char *procedure_code, int n,
                                    void *ud);
/* Supplement-request slips given at reception (no dossier yet) in [p0, p1),
 * per procedure. */
mc_status store_report_slips(mc_store *s, mc_ts p0, mc_ts p1,
                             store_slip_count_fn fn, void *ud,
                             mc_error *err) MC_MUST_USE;

#endif
