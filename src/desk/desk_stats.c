/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_stats.c - the figures of a clerk's day, in one indexed query. */
#include "desk_stats.h"

#include <string.h>

#include "desk_internal.h"

mc_status desk_day_stats_get(mc_desk *d, desk_day_stats *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    mc_status rc = desk_require(d, ROLE_DESK, _("xem số liệu trong ngày"), err);
    if (rc)
        return rc;
    mc_ts now = desk_now(d);
    mc_ts from = mc_ts_from_vn(mc_ts_vn_date(now), 0);
    store_day_counts c;
    rc = store_day_stats(d->store, from, from + 86400, now, desk_actor(d), &c,
                         err);
    if (rc)
        return rc;
    out->received = c.received;
    out->refused = c.refused;
    out->returned = c.returned;
    out->due_today = c.due_today;
    out->overdue = c.overdue;
    out->ready = c.ready;
    return MC_OK;
}
