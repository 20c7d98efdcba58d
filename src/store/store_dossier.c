/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_dossier.c - dossier rows, their papers, lists and lookups. */
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "vntext.h"

static void bind_ts(sqlite3_stmt *st, int i, mc_ts t)
{
    sqlite3_bind_int64(st, i, t);
}

mc_status store_dossier_insert(mc_store *s, mc_dossier *d, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_DOSSIER_INSERT, err);
    if (!st)
        return MC_EDB;
    char *key = vn_fold(d->applicant_name);
    char due[11] = "";
    if (d->due_at > 0)
        mc_date_format(d->due_date, due);
    store_bind_text_static(st, 1, d->code);
    store_bind_text_static(st, 2, status_name(d->status));
    store_bind_text_static(st, 3, d->procedure_code);
    sqlite3_bind_int(st, 4, d->procedure_version);
    store_bind_text_static(st, 5, d->procedure_name);
    store_bind_text_static(st, 6, d->procedure_field);
    sqlite3_bind_int(st, 7, d->processing_days);
    sqlite3_bind_int(st, 8, (int)d->processing_unit);
    sqlite3_bind_int(st, 9, (int)d->applicant_kind);
    store_bind_text_static(st, 10, d->applicant_name);
    store_bind_text_static(st, 11, key);
    store_bind_text_static(st, 12, d->id_number);
    store_bind_text_static(st, 13, d->bhxh_number);
    store_bind_text_static(st, 14, d->tax_code);
    store_bind_text_static(st, 15, d->phone);
    store_bind_text_static(st, 16, d->email);
    store_bind_text_static(st, 17, d->address);
    store_bind_text_static(st, 18, d->rep_name);
    store_bind_text_static(st, 19, d->rep_id_number);
    store_bind_text_static(st, 20, d->rep_phone);
    sqlite3_bind_int(st, 21, (int)d->channel);
    store_bind_text_static(st, 22, d->result_delivery);
    sqlite3_bind_int(st, 23, d->sets);
    store_bind_text_static(st, 24, d->note);
    store_bind_text_static(st, 25, d->refusal_reason);
    store_bind_text_static(st, 26, d->extra_json);
    bind_ts(st, 27, d->received_at);
    store_bind_text_static(st, 28, d->received_by);
    store_bind_text_static(st, 29, d->due_at > 0 ? due : NULL);
    bind_ts(st, 30, d->due_at);
    bind_ts(st, 31, d->updated_at);
    mc_status rc = store_step_done(s, st, err, "dossiers");
    free(key);
    if (rc)
        return rc;
    d->id = sqlite3_last_insert_rowid(s->db);
    rc = store_names_after_insert(s, d->id, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < d->n_papers; i++) {
        sqlite3_stmt *p = store_stmt(s, STMT_PAPER_INSERT, err);
        if (!p)
            return MC_EDB;
        sqlite3_bind_int64(p, 1, d->id);
        sqlite3_bind_int(p, 2, (int)i + 1);
        store_bind_text_static(p, 3, d->papers[i].name);
        sqlite3_bind_int(p, 4, (int)d->papers[i].form);
        sqlite3_bind_int(p, 5, d->papers[i].count);
        sqlite3_bind_int(p, 6, d->papers[i].required ? 1 : 0);
        rc = store_step_done(s, p, err, "dossier_papers");
        if (rc)
            return rc;
    }
    return MC_OK;
}

mc_status store_dossier_update_state(mc_store *s, const mc_dossier *d,
                                     mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_DOSSIER_UPDATE, err);
    if (!st)
        return MC_EDB;
    char due[11] = "";
    if (d->due_at > 0)
        mc_date_format(d->due_date, due);
    sqlite3_bind_int64(st, 1, d->id);
    store_bind_text(st, 2, status_name(d->status));
    store_bind_text(st, 3, d->due_at > 0 ? due : NULL);
    bind_ts(st, 4, d->due_at);
    bind_ts(st, 5, d->original_due_at);
    sqlite3_bind_int(st, 6, d->extended ? 1 : 0);
    bind_ts(st, 7, d->paused_at);
    store_bind_text(st, 8, d->department);
    bind_ts(st, 9, d->returned_at);
    store_bind_text(st, 10, d->receiver_name);
    store_bind_text(st, 11, d->receiver_id);
    store_bind_text(st, 12, d->receiver_relation);
    bind_ts(st, 13, d->updated_at);
    mc_status rc = store_step_done(s, st, err, "dossiers");
    if (!rc && sqlite3_changes(s->db) != 1)
        return mc_fail(err, MC_ENOTFOUND, "code",
                       _("Không có hồ sơ %s"), d->code);
    return rc;
}

mc_status store_dossier_correct(mc_store *s, int64_t id, mc_correctable f,
                                const char *value, mc_ts at, mc_error *err)
{
    static const enum store_stmt_id ids[CF__COUNT] = {
#define X(cid, name, col) [cid] = STMT_##cid,
        MC_CORRECTABLE_LIST(X)
#undef X
    };
    if ((unsigned)f >= CF__COUNT)
        return mc_fail(err, MC_EINVAL, "field", "bad field");
    bool name = f == CF_APPLICANT_NAME;
    sqlite3_stmt *st = store_stmt(s, name ? STMT_CORRECT_NAME : ids[f], err);
    if (!st)
        return MC_EDB;
    char *key = name ? vn_fold(value) : NULL;
    sqlite3_bind_int64(st, 1, id);
    store_bind_text(st, 2, value);
    sqlite3_bind_int64(st, 3, at);
    if (name)
        store_bind_text(st, 4, key);
    mc_status rc = store_step_done(s, st, err, "dossiers");
    free(key);
    return rc;
}

/* Fill d from a row of D_COLS. */
static void read_row(sqlite3_stmt *st, mc_dossier *d)
{
    memset(d, 0, sizeof *d);
    d->id = sqlite3_column_int64(st, 0);
    const char *code = (const char *)sqlite3_column_text(st, 1);
    mc_strlcpy(d->code, code ? code : "", sizeof d->code);
    const char *stname = (const char *)sqlite3_column_text(st, 2);
    if (!status_parse(stname, &d->status))
        d->status = ST_RECEIVED;
    d->procedure_code = store_col_dup(st, 3);
    d->procedure_version = sqlite3_column_int(st, 4);
    d->procedure_name = store_col_dup(st, 5);
    d->procedure_field = store_col_dup(st, 6);
    d->processing_days = sqlite3_column_int(st, 7);
    d->processing_unit = (mc_cal_unit)sqlite3_column_int(st, 8);
    d->applicant_kind = (unsigned)sqlite3_column_int(st, 9);
    d->applicant_name = store_col_dup(st, 10);
    d->id_number = store_col_dup(st, 11);
    d->bhxh_number = store_col_dup(st, 12);
    d->tax_code = store_col_dup(st, 13);
    d->phone = store_col_dup(st, 14);
    d->email = store_col_dup(st, 15);
    d->address = store_col_dup(st, 16);
    d->rep_name = store_col_dup(st, 17);
    d->rep_id_number = store_col_dup(st, 18);
    d->rep_phone = store_col_dup(st, 19);
    d->channel = (unsigned)sqlite3_column_int(st, 20);
    d->result_delivery = store_col_dup(st, 21);
    d->sets = sqlite3_column_int(st, 22);
    d->note = store_col_dup(st, 23);
    d->refusal_reason = store_col_dup(st, 24);
    d->extra_json = store_col_dup(st, 25);
    d->received_at = sqlite3_column_int64(st, 26);
    d->received_by = store_col_dup(st, 27);
    const char *due = (const char *)sqlite3_column_text(st, 28);
    if (due)
        mc_date_parse(due, &d->due_date);
    d->due_at = sqlite3_column_int64(st, 29);
    d->original_due_at = sqlite3_column_int64(st, 30);
    d->extended = sqlite3_column_int(st, 31) != 0;
    d->paused_at = sqlite3_column_int64(st, 32);
    d->department = store_col_dup(st, 33);
    d->returned_at = sqlite3_column_int64(st, 34);
    d->receiver_name = store_col_dup(st, 35);
    d->receiver_id = store_col_dup(st, 36);
    d->receiver_relation = store_col_dup(st, 37);
    d->updated_at = sqlite3_column_int64(st, 38);
    store_return_cols(st, 39, d);
}

mc_status store_dossier_get(mc_store *s, const char *code, mc_dossier *out,
                            mc_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_stmt(s, STMT_DOSSIER_GET, err);
    if (!st)
        return MC_EDB;
    store_bind_text(st, 1, code);
    int r = sqlite3_step(st);
    if (r != SQLITE_ROW) {
        sqlite3_reset(st);
        if (r != SQLITE_DONE)
            return store_err(s, err, "dossiers");
        return mc_fail(err, MC_ENOTFOUND, "code", _("Không có hồ sơ %s"),
                       code);
    }
    read_row(st, out);
    sqlite3_reset(st);
    sqlite3_stmt *p = store_stmt(s, STMT_PAPERS_GET, err);
    if (!p) {
        mc_dossier_free(out);
        return MC_EDB;
    }
    sqlite3_bind_int64(p, 1, out->id);
    size_t cap = 0;
    while ((r = sqlite3_step(p)) == SQLITE_ROW) {
        if (out->n_papers == cap) {
            cap = cap ? cap * 2 : 8;
            out->papers = mc_xrealloc(out->papers, cap * sizeof *out->papers);
        }
        mc_dossier_paper *pp = &out->papers[out->n_papers++];
        pp->name = store_col_dup(p, 0);
        pp->form = (mc_paper_form)sqlite3_column_int(p, 1);
        pp->count = sqlite3_column_int(p, 2);
        pp->required = sqlite3_column_int(p, 3) != 0;
    }
    sqlite3_reset(p);
    if (r != SQLITE_DONE) {
        mc_dossier_free(out);
        return store_err(s, err, "dossier_papers");
    }
    return MC_OK;
}

mc_status store_dossier_count(mc_store *s, int64_t *n, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_DOSSIER_COUNT, err);
    if (!st)
        return MC_EDB;
    int r = sqlite3_step(st);
    *n = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r == SQLITE_ROW ? MC_OK : store_err(s, err, "dossiers");
}

mc_status store_day_stats(mc_store *s, mc_ts from, mc_ts to, mc_ts now,
                          const char *login, store_day_counts *out,
                          mc_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_stmt(s, STMT_DAY_STATS, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    store_bind_text(st, 3, login ? login : "");
    sqlite3_bind_int64(st, 4, now);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        out->received = sqlite3_column_int64(st, 0);
        out->refused = sqlite3_column_int64(st, 1);
        out->returned = sqlite3_column_int64(st, 2);
        out->due_today = sqlite3_column_int64(st, 3);
        out->overdue = sqlite3_column_int64(st, 4);
        out->ready = sqlite3_column_int64(st, 5);
    }
    sqlite3_reset(st);
    return r == SQLITE_ROW ? MC_OK : store_err(s, err, "dossiers");
}

static mc_status each_row(mc_store *s, sqlite3_stmt *st, store_dossier_fn fn,
                          void *ud, mc_error *err)
{
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        mc_dossier d;
        read_row(st, &d);
        bool more = fn(&d, ud);
        mc_dossier_free(&d);
        if (!more) {
            r = SQLITE_DONE;
            break;
        }
    }
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "dossiers");
    sqlite3_reset(st);
    return rc;
}

mc_status store_dossier_list(mc_store *s, const store_dossier_filter *f,
                             store_dossier_fn fn, void *ud, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_DOSSIER_LIST, err);
    if (!st)
        return MC_EDB;
    store_bind_text(st, 1, f->status);
    store_bind_text(st, 2, f->due_on);
    sqlite3_bind_int(st, 3, f->overdue_only ? 1 : 0);
    sqlite3_bind_int64(st, 4, f->now);
    mc_date day;
    if (f->received_on && mc_date_parse(f->received_on, &day)) {
        mc_ts from = mc_ts_from_vn(day, 0);
        sqlite3_bind_int64(st, 5, from);
        sqlite3_bind_int64(st, 6, from + 86400);
    }
    sqlite3_bind_int(st, 7, f->limit > 0 ? f->limit : -1);
    return each_row(s, st, fn, ud, err);
}

mc_status store_dossier_by_idnum(mc_store *s, const char *number, int limit,
                                 store_dossier_fn fn, void *ud, mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_DOSSIER_BY_ID, err);
    if (!st)
        return MC_EDB;
    store_bind_text(st, 1, number);
    sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
    return each_row(s, st, fn, ud, err);
}

/* The newest `limit` matches, exact names first: the dossiers waiting for
 * the name index (all newer than every indexed one) then the index's; each
 * part comes newest first, so they merge without a sort: exact waiting,
 * exact indexed, other waiting, other indexed. */
mc_status store_dossier_by_name(mc_store *s, const char *fts_query,
                                const char *exact, int limit,
                                store_dossier_fn fn, void *ud, mc_error *err)
{
    if (limit <= 0)
        limit = 50;
    sqlite3_stmt *w = store_stmt(s, STMT_DOSSIER_BY_NAME_WAITING, err);
    if (!w)
        return MC_EDB;
    store_bind_text(w, 1, fts_query);
    sqlite3_bind_int(w, 2, limit);
    store_bind_text(w, 3, exact ? exact : "");
    mc_dossier *held = NULL;
    bool *held_exact = NULL;
    size_t n = 0;
    int r;
    while ((r = sqlite3_step(w)) == SQLITE_ROW) {
        held = mc_xrealloc(held, (n + 1) * sizeof *held);
        held_exact = mc_xrealloc(held_exact, (n + 1) * sizeof *held_exact);
        read_row(w, &held[n]);
        held_exact[n] = sqlite3_column_int(w, sqlite3_column_count(w) - 1);
        n++;
    }
    mc_status rc = r == SQLITE_DONE ? MC_OK : store_err(s, err, "dossiers");
    sqlite3_reset(w);
    bool more = true, others_out = false;
    for (size_t i = 0; !rc && more && i < n; i++)
        if (held_exact[i])
            more = fn(&held[i], ud);
    if (!rc && more && (size_t)limit > n) {
        sqlite3_stmt *st = store_stmt(s, STMT_DOSSIER_BY_NAME, err);
        if (!st)
            rc = MC_EDB;
        if (st) {
            store_bind_text(st, 1, fts_query);
            sqlite3_bind_int(st, 2, limit - (int)n);
            store_bind_text(st, 3, exact ? exact : "");
            while (more && (r = sqlite3_step(st)) == SQLITE_ROW) {
                if (!others_out &&
                    !sqlite3_column_int(st, sqlite3_column_count(st) - 1)) {
                    for (size_t i = 0; more && i < n; i++)
                        if (!held_exact[i])
                            more = fn(&held[i], ud);
                    others_out = true;
                    if (!more)
                        break;
                }
                mc_dossier d;
                read_row(st, &d);
                more = fn(&d, ud);
                mc_dossier_free(&d);
            }
            if (more && r != SQLITE_DONE && r != SQLITE_ROW)
                rc = store_err(s, err, "dossiers");
            sqlite3_reset(st);
        }
    }
    for (size_t i = 0; !rc && more && !others_out && i < n; i++)
        if (!held_exact[i])
            more = fn(&held[i], ud);
    for (size_t i = 0; i < n; i++)
        mc_dossier_free(&held[i]);
    free(held);
    free(held_exact);
    return rc;
}
