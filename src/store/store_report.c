/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_report.c - the rows behind the periodic reports. */
#include "store_report.h"

#include "store_internal.h"

mc_status store_report_dossiers(mc_store *s, mc_ts p0, mc_ts p1,
                                store_report_fn fn, void *ud, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_R_DOSSIERS, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, p0);
    sqlite3_bind_int64(st, 2, p1);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        store_report_row row = {
            .procedure_code = (const char *)sqlite3_column_text(st, 0),
            .procedure_name = (const char *)sqlite3_column_text(st, 1),
            .field = (const char *)sqlite3_column_text(st, 2),
            .channel = (unsigned)sqlite3_column_int(st, 3),
            .received_at = sqlite3_column_int64(st, 4),
            .due_at = sqlite3_column_int64(st, 5),
            .status_start = (const char *)sqlite3_column_text(st, 6),
            .status_end = (const char *)sqlite3_column_text(st, 7),
            .done_at = sqlite3_column_int64(st, 8),
            .supplements = sqlite3_column_int(st, 9),
            .returned_via = RET_DESK,
            .result_sent_at = sqlite3_column_int64(st, 11),
        };
        const char *via = (const char *)sqlite3_column_text(st, 10);
        if (!via || !return_channel_parse(via, &row.returned_via))
            row.returned_via = RET_DESK; /* returned before channels */
        fn(&row, ud);
    }
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "report");
    sqlite3_reset(st);
    return rc;
}

mc_status store_report_slips(mc_store *s, mc_ts p0, mc_ts p1,
                             store_slip_count_fn fn, void *ud, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_R_SLIPS, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, p0);
    sqlite3_bind_int64(st, 2, p1);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
           ud);
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "slips");
    sqlite3_reset(st);
    return rc;
}
