/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_stats.h - the figures of a clerk's day (the TUI's home screen).
 *
 * Six indexed counts in one statement (store_day_stats), so the home
 * screen stays instant on a database of millions of dossiers. */
#ifndef MOTCUA_DESK_STATS_H
#define MOTCUA_DESK_STATS_H

#include <stdint.h>

#include "desk.h"

typedef struct desk_day_stats {
    int64_t received;       /* received today by this clerk (accepted) */
    int64_t refused;        /* refused at reception today by this clerk */
    int64_t returned;       /* results handed over today by this clerk */
    int64_t due_today;      /* open dossiers of the office due today */
    int64_t overdue;        /* open dossiers of the office past due */
    int64_t ready;          /* results waiting to be collected (done) */
} desk_day_stats;

/* Today's figures (Vietnam date of desk_now) for the signed-in user. */
mc_status desk_day_stats_get(mc_desk *d, desk_day_stats *out,
                             mc_error *err) MC_MUST_USE;

#endif
