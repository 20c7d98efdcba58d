/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_returns.c - the return-of-result columns of a dossier. */
#include "store_returns.h"

#include <string.h>

#include "store_internal.h"

void store_return_cols(sqlite3_stmt *st, int col, mc_dossier *d)
{
    const char *ch = (const char *)sqlite3_column_text(st, col);
    if (!ch || !return_channel_parse(ch, &d->return_channel))
        d->return_channel = RET_DESK;
    const char *via = (const char *)sqlite3_column_text(st, col + 1);
    if (!via || !return_channel_parse(via, &d->returned_via))
        d->returned_via = RET_NONE;
    d->post_tracking = store_col_dup(st, col + 2);
    const char *on = (const char *)sqlite3_column_text(st, col + 3);
    memset(&d->posted_on, 0, sizeof d->posted_on);
    if (on)
        mc_date_parse(on, &d->posted_on);
    d->result_sent_at = sqlite3_column_int64(st, col + 4);
}

mc_status store_return_channel_set(mc_store *s, int64_t dossier_id,
                                   unsigned channel, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_RET_CHANNEL_SET, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, dossier_id);
    store_bind_text(st, 2, return_channel_name(channel));
    return store_step_done(s, st, err, "dossiers");
}

mc_status store_return_update(mc_store *s, const mc_dossier *d, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_RET_UPDATE, err);
    if (!st)
        return MC_EDB;
    char on[11] = "";
    if (d->posted_on.y)
        mc_date_format(d->posted_on, on);
    sqlite3_bind_int64(st, 1, d->id);
    store_bind_text(st, 2, return_channel_name(d->returned_via));
    store_bind_text(st, 3, d->post_tracking);
    store_bind_text(st, 4, d->posted_on.y ? on : NULL);
    sqlite3_bind_int64(st, 5, d->result_sent_at);
    return store_step_done(s, st, err, "dossiers");
}
