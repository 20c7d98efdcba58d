/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_queue.c - the queue rows (migration 4) and the dashboard counts. */
#include "store_queue.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

#define STMT_OR_FAIL(var, id)                                                  \
    sqlite3_stmt *var = store_stmt(s, id, err);                                \
    if (!var)                                                                  \
        return MC_EDB;

static void bind_opt_int(sqlite3_stmt *st, int i, int64_t v)
{
    if (v > 0)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

static void col_copy(sqlite3_stmt *st, int i, char *dst, size_t n)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    mc_strlcpy(dst, t ? (const char *)t : "", n);
}

/* --- services ---------------------------------------------------------- */

mc_status store_queue_service_each(mc_store *s, store_service_fn fn, void *ud,
                                   mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_SERVICE_EACH);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        store_service sv = {
            .code = (const char *)sqlite3_column_text(st, 0),
            .name = (const char *)sqlite3_column_text(st, 1),
            .active = sqlite3_column_int(st, 2) != 0,
            .ord = sqlite3_column_int(st, 3),
        };
        fn(&sv, ud);
    }
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "queue_services");
    sqlite3_reset(st);
    return rc;
}

mc_status store_queue_service_get(mc_store *s, const char *code, char **name,
                                  bool *active, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_SERVICE_GET);
    store_bind_text(st, 1, code);
    int r = sqlite3_step(st);
    mc_status rc = MC_OK;
    if (r == SQLITE_ROW) {
        if (name)
            *name = store_col_dup(st, 1);
        if (active)
            *active = sqlite3_column_int(st, 2) != 0;
    } else if (r == SQLITE_DONE) {
        rc = mc_fail(err, MC_ENOTFOUND, "service",
                     _("Không có nhóm dịch vụ \"%s\""), code);
    } else {
        rc = store_err(s, err, "queue_services");
    }
    sqlite3_reset(st);
    return rc;
}

mc_status store_queue_service_add(mc_store *s, const char *code,
                                  const char *name, mc_ts at, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_SERVICE_ADD);
    store_bind_text(st, 1, code);
    store_bind_text(st, 2, name);
    sqlite3_bind_int64(st, 3, at);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r == SQLITE_DONE)
        return MC_OK;
    if ((sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_CONSTRAINT)
        return mc_fail(err, MC_ECONFLICT, "code",
                       _("Nhóm dịch vụ \"%s\" đã có"), code);
    return store_err(s, err, "queue_services");
}

mc_status store_queue_service_set(mc_store *s, const char *code,
                                  const char *name, bool active, mc_ts at,
                                  mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_SERVICE_SET);
    store_bind_text(st, 1, code);
    store_bind_text(st, 2, name);
    sqlite3_bind_int(st, 3, active ? 1 : 0);
    sqlite3_bind_int64(st, 4, at);
    mc_status rc = store_step_done(s, st, err, "queue_services");
    if (!rc && sqlite3_changes(s->db) != 1)
        return mc_fail(err, MC_ENOTFOUND, "service",
                       _("Không có nhóm dịch vụ \"%s\""), code);
    return rc;
}

/* --- tickets ----------------------------------------------------------- */

void store_ticket_free(store_ticket *t)
{
    if (!t)
        return;
    free(t->clerk);
    free(t->transferred_from);
    free(t->dossier_code);
    free(t->rating);
    memset(t, 0, sizeof *t);
}

static void read_ticket(sqlite3_stmt *st, store_ticket *t)
{
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(st, 0);
    col_copy(st, 1, t->day, sizeof t->day);
    col_copy(st, 2, t->issued_service, sizeof t->issued_service);
    t->number = sqlite3_column_int(st, 3);
    col_copy(st, 4, t->label, sizeof t->label);
    col_copy(st, 5, t->service, sizeof t->service);
    t->priority = sqlite3_column_int(st, 6) != 0;
    col_copy(st, 7, t->state, sizeof t->state);
    t->issued_at = sqlite3_column_int64(st, 8);
    t->queued_at = sqlite3_column_int64(st, 9);
    t->called_at = sqlite3_column_int64(st, 10);
    t->started_at = sqlite3_column_int64(st, 11);
    t->finished_at = sqlite3_column_int64(st, 12);
    t->calls = sqlite3_column_int(st, 13);
    t->skips = sqlite3_column_int(st, 14);
    t->counter = sqlite3_column_int(st, 15);
    t->clerk = store_col_dup(st, 16);
    t->target_counter = sqlite3_column_int(st, 17);
    t->transfers = sqlite3_column_int(st, 18);
    t->transferred_from = store_col_dup(st, 19);
    t->dossier_code = store_col_dup(st, 20);
    t->rating = store_col_dup(st, 21);
    t->rated_at = sqlite3_column_int64(st, 22);
}

/* Step a statement expected to give at most one ticket. */
static mc_status one_ticket(mc_store *s, sqlite3_stmt *st, store_ticket *out,
                            mc_error *err, const char *missing_field,
                            const char *missing_what)
{
    int r = sqlite3_step(st);
    mc_status rc = MC_OK;
    if (r == SQLITE_ROW)
        read_ticket(st, out);
    else if (r == SQLITE_DONE)
        rc = mc_fail(err, MC_ENOTFOUND, missing_field, "%s", missing_what);
    else
        rc = store_err(s, err, "queue_tickets");
    sqlite3_reset(st);
    return rc;
}

mc_status store_queue_close_before(mc_store *s, const char *day, mc_ts at,
                                   int *closed, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_CLOSE_BEFORE);
    store_bind_text(st, 1, day);
    sqlite3_bind_int64(st, 2, at);
    mc_status rc = store_step_done(s, st, err, "queue_tickets");
    if (closed)
        *closed = rc ? 0 : sqlite3_changes(s->db);
    return rc;
}

mc_status store_queue_next_number(mc_store *s, const char *day,
                                  const char *service, int *number,
                                  mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_NEXT_NUMBER);
    store_bind_text(st, 1, day);
    store_bind_text(st, 2, service);
    if (sqlite3_step(st) != SQLITE_ROW) {
        mc_status rc = store_err(s, err, "queue_tickets");
        sqlite3_reset(st);
        return rc;
    }
    *number = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return MC_OK;
}

mc_status store_queue_insert(mc_store *s, store_ticket *t, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_INSERT);
    store_bind_text(st, 1, t->day);
    store_bind_text(st, 2, t->issued_service);
    sqlite3_bind_int(st, 3, t->number);
    store_bind_text(st, 4, t->label);
    sqlite3_bind_int(st, 5, t->priority ? 1 : 0);
    sqlite3_bind_int64(st, 6, t->issued_at);
    mc_status rc = store_step_done(s, st, err, "queue_tickets");
    if (!rc) {
        t->id = sqlite3_last_insert_rowid(s->db);
        mc_strlcpy(t->service, t->issued_service, sizeof t->service);
        mc_strlcpy(t->state, "waiting", sizeof t->state);
        t->queued_at = t->issued_at;
    }
    return rc;
}

mc_status store_queue_pick(mc_store *s, const char *day, int counter,
                           const char *services, store_ticket *out,
                           mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_PICK);
    store_bind_text(st, 1, day);
    sqlite3_bind_int(st, 2, counter);
    store_bind_text(st, 3, services && *services ? services : NULL);
    return one_ticket(s, st, out, err, "queue",
                      _("Không còn ai đang chờ"));
}

mc_status store_queue_by_label(mc_store *s, const char *day, const char *label,
                               store_ticket *out, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_BY_LABEL);
    store_bind_text(st, 1, day);
    store_bind_text(st, 2, label);
    int r = sqlite3_step(st);
    mc_status rc = MC_OK;
    if (r == SQLITE_ROW)
        read_ticket(st, out);
    else if (r == SQLITE_DONE)
        rc = mc_fail(err, MC_ENOTFOUND, "ticket",
                     _("Không có số thứ tự %s trong ngày %s"), label, day);
    else
        rc = store_err(s, err, "queue_tickets");
    sqlite3_reset(st);
    return rc;
}

mc_status store_queue_by_id(mc_store *s, int64_t id, store_ticket *out,
                            mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_BY_ID);
    sqlite3_bind_int64(st, 1, id);
    return one_ticket(s, st, out, err, "ticket", _("Không có số thứ tự này"));
}

mc_status store_queue_current(mc_store *s, const char *day, int counter,
                              store_ticket *out, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_CURRENT);
    sqlite3_bind_int(st, 1, counter);
    store_bind_text(st, 2, day);
    int r = sqlite3_step(st);
    mc_status rc = MC_OK;
    if (r == SQLITE_ROW)
        read_ticket(st, out);
    else if (r == SQLITE_DONE)
        rc = mc_fail(err, MC_ENOTFOUND, "counter",
                     _("Quầy %d không có số nào đang gọi hoặc đang phục vụ"),
                     counter);
    else
        rc = store_err(s, err, "queue_tickets");
    sqlite3_reset(st);
    return rc;
}

mc_status store_queue_update(mc_store *s, const store_ticket *t, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_UPDATE);
    sqlite3_bind_int64(st, 1, t->id);
    store_bind_text(st, 2, t->service);
    store_bind_text(st, 3, t->state);
    sqlite3_bind_int64(st, 4, t->queued_at);
    bind_opt_int(st, 5, t->called_at);
    bind_opt_int(st, 6, t->started_at);
    bind_opt_int(st, 7, t->finished_at);
    sqlite3_bind_int(st, 8, t->calls);
    sqlite3_bind_int(st, 9, t->skips);
    bind_opt_int(st, 10, t->counter);
    store_bind_text(st, 11, t->clerk);
    bind_opt_int(st, 12, t->target_counter);
    sqlite3_bind_int(st, 13, t->transfers);
    store_bind_text(st, 14, t->transferred_from);
    store_bind_text(st, 15, t->dossier_code);
    store_bind_text(st, 16, t->rating);
    bind_opt_int(st, 17, t->rated_at);
    mc_status rc = store_step_done(s, st, err, "queue_tickets");
    if (!rc && sqlite3_changes(s->db) != 1)
        return mc_fail(err, MC_ENOTFOUND, "ticket",
                       _("Không có số thứ tự %s"), t->label);
    return rc;
}

mc_status store_queue_log_call(mc_store *s, const store_ticket *t, mc_ts at,
                               mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_CALL_LOG);
    sqlite3_bind_int64(st, 1, t->id);
    sqlite3_bind_int64(st, 2, at);
    sqlite3_bind_int(st, 3, t->counter);
    store_bind_text(st, 4, t->label);
    return store_step_done(s, st, err, "queue_calls");
}

mc_status store_queue_recent_calls(mc_store *s, mc_ts since, int limit,
                                   store_call_fn fn, void *ud, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_RECENT_CALLS);
    sqlite3_bind_int64(st, 1, since);
    sqlite3_bind_int(st, 2, limit);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
           sqlite3_column_int64(st, 2), ud);
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "queue_calls");
    sqlite3_reset(st);
    return rc;
}

mc_status store_queue_each(mc_store *s, const char *from, const char *to,
                           store_ticket_fn fn, void *ud, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_EACH_DAYS);
    store_bind_text(st, 1, from);
    store_bind_text(st, 2, to);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        store_ticket t;
        read_ticket(st, &t);
        fn(&t, ud);
        store_ticket_free(&t);
    }
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "queue_tickets");
    sqlite3_reset(st);
    return rc;
}

mc_status store_queue_waiting(mc_store *s, const char *day,
                              store_waiting_fn fn, void *ud, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_WAITING);
    store_bind_text(st, 1, day);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
           sqlite3_column_int64(st, 2), sqlite3_column_int(st, 3), ud);
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "queue_tickets");
    sqlite3_reset(st);
    return rc;
}

mc_status store_queue_counters(mc_store *s, const char *day,
                               store_counter_fn fn, void *ud, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_COUNTERS);
    store_bind_text(st, 1, day);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        fn(sqlite3_column_int(st, 0), (const char *)sqlite3_column_text(st, 1),
           sqlite3_column_int(st, 2), sqlite3_column_int64(st, 3), ud);
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "queue_tickets");
    sqlite3_reset(st);
    return rc;
}

mc_status store_queue_dossier_exists(mc_store *s, const char *code,
                                     bool *exists, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_DOSSIER_EXISTS);
    store_bind_text(st, 1, code);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return store_err(s, err, "dossiers");
    *exists = r == SQLITE_ROW;
    return MC_OK;
}

mc_status store_read_begin(mc_store *s, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_Q_READ_BEGIN);
    return store_step_done(s, st, err, "BEGIN");
}

/* --- dashboard counts ---------------------------------------------------- */

static mc_status count1(mc_store *s, sqlite3_stmt *st, int64_t *a, int64_t *b,
                        mc_error *err, const char *what)
{
    int r = sqlite3_step(st);
    mc_status rc = MC_OK;
    if (r == SQLITE_ROW) {
        *a = sqlite3_column_int64(st, 0);
        if (b)
            *b = sqlite3_column_int64(st, 1);
    } else {
        rc = store_err(s, err, what);
    }
    sqlite3_reset(st);
    return rc;
}

mc_status store_dash_counts_get(mc_store *s, mc_ts day_start, mc_ts day_end,
                                const char *today, mc_ts now,
                                mc_ts month_start, store_dash_counts *out,
                                mc_error *err)
{
    memset(out, 0, sizeof *out);
    mc_status rc;
    {
        STMT_OR_FAIL(st, STMT_D_RECEIVED);
        sqlite3_bind_int64(st, 1, day_start);
        sqlite3_bind_int64(st, 2, day_end);
        if ((rc = count1(s, st, &out->received_today, NULL, err, "dossiers")))
            return rc;
    }
    {
        STMT_OR_FAIL(st, STMT_D_DUE_ON);
        store_bind_text(st, 1, today);
        sqlite3_bind_int64(st, 2, day_start);
        sqlite3_bind_int64(st, 3, day_end);
        if ((rc = count1(s, st, &out->due_today, NULL, err, "dossiers")))
            return rc;
    }
    {
        STMT_OR_FAIL(st, STMT_D_OVERDUE);
        sqlite3_bind_int64(st, 1, now);
        if ((rc = count1(s, st, &out->overdue, NULL, err, "dossiers")))
            return rc;
    }
    {
        STMT_OR_FAIL(st, STMT_D_RESOLVED);
        sqlite3_bind_int64(st, 1, month_start);
        sqlite3_bind_int64(st, 2, now + 1);
        if ((rc = count1(s, st, &out->resolved_month,
                         &out->resolved_month_on_time, err, "history")))
            return rc;
    }
    {
        STMT_OR_FAIL(st, STMT_D_OUTBOX);
        int64_t oldest = 0;
        if ((rc = count1(s, st, &out->outbox_pending, &oldest, err, "outbox")))
            return rc;
        out->outbox_oldest = oldest;
    }
    {
        STMT_OR_FAIL(st, STMT_D_PRINTS_FAILED);
        sqlite3_bind_int64(st, 1, day_start);
        if ((rc = count1(s, st, &out->prints_failed_today, NULL, err,
                         "print_jobs")))
            return rc;
    }
    return MC_OK;
}
