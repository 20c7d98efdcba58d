/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_rows.c - the statements of each entity. */
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

#define STMT_OR_FAIL(var, id)                                                  \
    sqlite3_stmt *var = store_stmt(s, id, err);                                \
    if (!var)                                                                  \
        return MC_EDB;

/* --- meta ------------------------------------------------------------ */

mc_status store_meta_get(mc_store *s, const char *key, char **out,
                         mc_error *err)
{
    *out = NULL;
    STMT_OR_FAIL(st, STMT_META_GET);
    store_bind_text(st, 1, key);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *out = store_col_dup(st, 0);
    else if (r != SQLITE_DONE)
        return store_err(s, err, "meta");
    sqlite3_reset(st);
    return MC_OK;
}

mc_status store_meta_set(mc_store *s, const char *key, const char *value,
                         mc_error *err)
{
    STMT_OR_FAIL(st, STMT_META_SET);
    store_bind_text(st, 1, key);
    store_bind_text(st, 2, value);
    return store_step_done(s, st, err, "meta");
}

/* --- users ------------------------------------------------------------ */

void store_user_free(store_user *u)
{
    if (!u)
        return;
    free(u->login);
    free(u->name);
    free(u->role);
    free(u->pw_hash);
    memset(u, 0, sizeof *u);
}

mc_status store_user_insert(mc_store *s, const char *login, const char *name,
                            const char *role, const char *pw_hash, mc_ts at,
                            int64_t *id, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_USER_INSERT);
    store_bind_text(st, 1, login);
    store_bind_text(st, 2, name);
    store_bind_text(st, 3, role);
    store_bind_text(st, 4, pw_hash);
    sqlite3_bind_int64(st, 5, at);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r != SQLITE_DONE) {
        if ((sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_CONSTRAINT)
            return mc_fail(err, MC_ECONFLICT, "login",
                           _("Tên đăng nhập \"%s\" đã có"), login);
        return store_err(s, err, "users");
    }
    if (id)
        *id = sqlite3_last_insert_rowid(s->db);
    return MC_OK;
}

static void read_user(sqlite3_stmt *st, store_user *u)
{
    u->id = sqlite3_column_int64(st, 0);
    u->login = store_col_dup(st, 1);
    u->name = store_col_dup(st, 2);
    u->role = store_col_dup(st, 3);
    u->pw_hash = store_col_dup(st, 4);
    u->active = sqlite3_column_int(st, 5) != 0;
    u->failed_logins = sqlite3_column_int(st, 6);
    u->locked_until = sqlite3_column_int64(st, 7);
}

mc_status store_user_get(mc_store *s, const char *login, store_user *out,
                         mc_error *err)
{
    memset(out, 0, sizeof *out);
    STMT_OR_FAIL(st, STMT_USER_GET);
    store_bind_text(st, 1, login);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        read_user(st, out);
        sqlite3_reset(st);
        return MC_OK;
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return store_err(s, err, "users");
    return mc_fail(err, MC_ENOTFOUND, "login",
                   _("Không có người dùng \"%s\""), login);
}

mc_status store_user_set_login_state(mc_store *s, int64_t id, int failed,
                                     mc_ts locked_until, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_USER_LOGIN_STATE);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, failed);
    sqlite3_bind_int64(st, 3, locked_until);
    return store_step_done(s, st, err, "users");
}

mc_status store_user_each(mc_store *s, store_user_fn fn, void *ud,
                          mc_error *err)
{
    STMT_OR_FAIL(st, STMT_USER_EACH);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        store_user u = {0};
        read_user(st, &u);
        fn(&u, ud);
        store_user_free(&u);
    }
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MC_OK : store_err(s, err, "users");
}

/* --- procedures ---------------------------------------------------------- */

mc_status store_procedure_put(mc_store *s, const char *code, int version,
                              const char *name, int processing_days,
                              const char *json, mc_ts at, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_PROC_PUT);
    store_bind_text(st, 1, code);
    sqlite3_bind_int(st, 2, version);
    store_bind_text(st, 3, name);
    if (processing_days > 0)
        sqlite3_bind_int(st, 4, processing_days);
    else
        sqlite3_bind_null(st, 4);
    store_bind_text(st, 5, json);
    sqlite3_bind_int64(st, 6, at);
    return store_step_done(s, st, err, "procedures");
}

mc_status store_procedure_latest(mc_store *s, const char *code, char **json,
                                 int *version, mc_error *err)
{
    *json = NULL;
    STMT_OR_FAIL(st, STMT_PROC_LATEST);
    store_bind_text(st, 1, code);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *json = store_col_dup(st, 0);
        if (version)
            *version = sqlite3_column_int(st, 1);
        sqlite3_reset(st);
        return MC_OK;
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return store_err(s, err, "procedures");
    return mc_fail(err, MC_ENOTFOUND, "procedure",
                   _("Thủ tục \"%s\" không có trong danh mục đã công bố"),
                   code);
}

mc_status store_procedure_latest_version(mc_store *s, const char *code,
                                         int *version, mc_error *err)
{
    *version = 0;
    STMT_OR_FAIL(st, STMT_PROC_LATEST_VERSION);
    store_bind_text(st, 1, code);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *version = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (r == SQLITE_ROW)
        return MC_OK;
    if (r != SQLITE_DONE)
        return store_err(s, err, "procedures");
    return mc_fail(err, MC_ENOTFOUND, "procedure",
                   _("Thủ tục \"%s\" không có trong danh mục đã công bố"),
                   code);
}

mc_status store_procedure_version(mc_store *s, const char *code, int version,
                                  char **json, mc_error *err)
{
    *json = NULL;
    STMT_OR_FAIL(st, STMT_PROC_VERSION);
    store_bind_text(st, 1, code);
    sqlite3_bind_int(st, 2, version);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *json = store_col_dup(st, 0);
    sqlite3_reset(st);
    if (r == SQLITE_ROW)
        return MC_OK;
    if (r != SQLITE_DONE)
        return store_err(s, err, "procedures");
    return mc_fail(err, MC_ENOTFOUND, "procedure",
                   _("Không có phiên bản %d của thủ tục \"%s\""), version,
                   code);
}

mc_status store_procedure_each(mc_store *s, store_procedure_fn fn, void *ud,
                               mc_error *err)
{
    STMT_OR_FAIL(st, STMT_PROC_EACH);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
           (const char *)sqlite3_column_text(st, 2), ud);
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MC_OK : store_err(s, err, "procedures");
}

/* --- codes --------------------------------------------------------------- */

mc_status store_code_next(mc_store *s, const char *agency, const char *day,
                          unsigned long *seq, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_CODE_NEXT);
    store_bind_text(st, 1, agency);
    store_bind_text(st, 2, day);
    int r = sqlite3_step(st);
    if (r != SQLITE_ROW) {
        sqlite3_reset(st);
        return store_err(s, err, "issued_codes");
    }
    *seq = (unsigned long)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return MC_OK;
}

mc_status store_code_issue(mc_store *s, const char *agency, const char *day,
                           unsigned long seq, const char *code,
                           const char *kind, mc_ts at, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_CODE_ISSUE);
    store_bind_text_static(st, 1, agency);
    store_bind_text_static(st, 2, day);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)seq);
    store_bind_text_static(st, 4, code);
    store_bind_text_static(st, 5, kind);
    sqlite3_bind_int64(st, 6, at);
    return store_step_done(s, st, err, "issued_codes");
}

mc_status store_code_each(mc_store *s, const char *agency, const char *day,
                          store_seq_fn fn, void *ud, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_CODE_EACH);
    store_bind_text(st, 1, agency);
    store_bind_text(st, 2, day);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        fn((unsigned long)sqlite3_column_int64(st, 0),
           (const char *)sqlite3_column_text(st, 1), ud);
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MC_OK : store_err(s, err, "issued_codes");
}

/* --- history ---------------------------------------------------------------- */

mc_status store_history_append(mc_store *s, const store_event *e,
                               mc_error *err)
{
    STMT_OR_FAIL(st, STMT_HISTORY_APPEND);
    sqlite3_bind_int64(st, 1, e->dossier_id);
    sqlite3_bind_int64(st, 2, e->at);
    store_bind_text_static(st, 3, e->actor);
    store_bind_text_static(st, 4, e->action);
    store_bind_text_static(st, 5, e->from_status);
    store_bind_text_static(st, 6, e->to_status);
    store_bind_text_static(st, 7, e->note);
    store_bind_text_static(st, 8, e->data);
    return store_step_done(s, st, err, "history");
}

mc_status store_history_each(mc_store *s, int64_t dossier_id,
                             store_event_fn fn, void *ud, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_HISTORY_EACH);
    sqlite3_bind_int64(st, 1, dossier_id);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        store_event e = {
            .id = sqlite3_column_int64(st, 0),
            .dossier_id = sqlite3_column_int64(st, 1),
            .at = sqlite3_column_int64(st, 2),
            .actor = (const char *)sqlite3_column_text(st, 3),
            .action = (const char *)sqlite3_column_text(st, 4),
            .from_status = (const char *)sqlite3_column_text(st, 5),
            .to_status = (const char *)sqlite3_column_text(st, 6),
            .note = (const char *)sqlite3_column_text(st, 7),
            .data = (const char *)sqlite3_column_text(st, 8),
        };
        fn(&e, ud);
    }
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MC_OK : store_err(s, err, "history");
}

/* --- audit ---------------------------------------------------------------- */

mc_status store_audit_tail(mc_store *s, int64_t *id, char hash[65],
                           mc_error *err)
{
    *id = 0;
    hash[0] = '\0';
    STMT_OR_FAIL(st, STMT_AUDIT_TAIL);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        const char *h = (const char *)sqlite3_column_text(st, 1);
        mc_strlcpy(hash, h ? h : "", 65);
    }
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return store_err(s, err, "audit");
    return MC_OK;
}

mc_status store_audit_append(mc_store *s, const store_audit_row *a,
                             mc_error *err)
{
    STMT_OR_FAIL(st, STMT_AUDIT_APPEND);
    sqlite3_bind_int64(st, 1, a->id);
    store_bind_text_static(st, 2, a->at);
    store_bind_text_static(st, 3, a->actor);
    store_bind_text_static(st, 4, a->action);
    store_bind_text_static(st, 5, a->object);
    store_bind_text_static(st, 6, a->detail);
    store_bind_text_static(st, 7, a->prev_hash);
    store_bind_text_static(st, 8, a->hash);
    return store_step_done(s, st, err, "audit");
}

mc_status store_audit_each(mc_store *s, store_audit_fn fn, void *ud,
                           mc_error *err)
{
    STMT_OR_FAIL(st, STMT_AUDIT_EACH);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        store_audit_row a = {
            .id = sqlite3_column_int64(st, 0),
            .at = (const char *)sqlite3_column_text(st, 1),
            .actor = (const char *)sqlite3_column_text(st, 2),
            .action = (const char *)sqlite3_column_text(st, 3),
            .object = (const char *)sqlite3_column_text(st, 4),
            .detail = (const char *)sqlite3_column_text(st, 5),
            .prev_hash = (const char *)sqlite3_column_text(st, 6),
            .hash = (const char *)sqlite3_column_text(st, 7),
        };
        if (!fn(&a, ud)) {
            r = SQLITE_DONE;
            break;
        }
    }
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MC_OK : store_err(s, err, "audit");
}

/* --- outbox --------------------------------------------------------------- */

mc_status store_outbox_append(mc_store *s, const char *kind,
                              const char *payload, const char *dossier,
                              mc_ts at, int64_t *seq, mc_error *err)
{
    /* An intake or refusal event takes the seq its dossier's row reserved
     * when it was inserted, earlier in this transaction (dossiers.intake_seq,
     * migration 12): the upload worker follows it.  If that seq was taken
     * meanwhile the insert fails rather than naming another event. */
    int64_t reserved = 0;
    if (dossier &&
        (strcmp(kind, "intake") == 0 || strcmp(kind, "refuse") == 0)) {
        STMT_OR_FAIL(r, STMT_OUTBOX_RESERVED);
        store_bind_text_static(r, 1, dossier);
        int step = sqlite3_step(r);
        if (step == SQLITE_ROW)
            reserved = sqlite3_column_int64(r, 0);
        sqlite3_reset(r);
        sqlite3_clear_bindings(r);
        if (step != SQLITE_ROW && step != SQLITE_DONE)
            return store_err(s, err, "dossiers");
        if (reserved <= 0)
            return mc_fail(err, MC_EDB, "outbox",
                           _("Lỗi cơ sở dữ liệu: sự kiện tiếp nhận của hồ sơ "
                             "%s được ghi trước hồ sơ"),
                           dossier);
    }
    STMT_OR_FAIL(st, reserved ? STMT_OUTBOX_APPEND_AT : STMT_OUTBOX_APPEND);
    store_bind_text_static(st, 1, kind);
    store_bind_text_static(st, 2, payload);
    sqlite3_bind_int64(st, 3, at);
    if (reserved) {
        sqlite3_bind_int64(st, 4, reserved);
        store_bind_text_static(st, 5, dossier);
    }
    mc_status rc = store_step_done(s, st, err, "outbox");
    if (!rc && seq)
        *seq = sqlite3_last_insert_rowid(s->db);
    return rc;
}

mc_status store_outbox_pending(mc_store *s, int64_t *n, mc_error *err)
{
    STMT_OR_FAIL(st, STMT_OUTBOX_PENDING);
    int r = sqlite3_step(st);
    *n = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r == SQLITE_ROW ? MC_OK : store_err(s, err, "outbox");
}

/* --- slips ---------------------------------------------------------------- */

mc_status store_slip_next(mc_store *s, const char *day, unsigned long *seq,
                          mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SLIP_NEXT);
    store_bind_text(st, 1, day);
    int r = sqlite3_step(st);
    *seq = r == SQLITE_ROW ? (unsigned long)sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r == SQLITE_ROW ? MC_OK : store_err(s, err, "slips");
}

mc_status store_slip_insert(mc_store *s, const char *number, const char *day,
                            unsigned long seq, int64_t dossier_id,
                            const char *procedure_code,
                            const char *applicant_name, const char *missing,
                            const char *reason, const char *actor, mc_ts at,
                            mc_error *err)
{
    STMT_OR_FAIL(st, STMT_SLIP_INSERT);
    store_bind_text(st, 1, number);
    store_bind_text(st, 2, day);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)seq);
    if (dossier_id > 0)
        sqlite3_bind_int64(st, 4, dossier_id);
    else
        sqlite3_bind_null(st, 4);
    store_bind_text(st, 5, procedure_code);
    store_bind_text(st, 6, applicant_name);
    store_bind_text(st, 7, missing);
    store_bind_text(st, 8, reason);
    store_bind_text(st, 9, actor);
    sqlite3_bind_int64(st, 10, at);
    return store_step_done(s, st, err, "slips");
}

/* --- calendar ------------------------------------------------------------- */

mc_status store_calendar_set(mc_store *s, const char *date, bool working,
                             const char *note, const char *actor, mc_ts at,
                             mc_error *err)
{
    STMT_OR_FAIL(st, STMT_CAL_SET);
    store_bind_text(st, 1, date);
    sqlite3_bind_int(st, 2, working ? 1 : 0);
    store_bind_text(st, 3, note ? note : "");
    store_bind_text(st, 4, actor);
    sqlite3_bind_int64(st, 5, at);
    return store_step_done(s, st, err, "calendar_overrides");
}

mc_status store_calendar_each(mc_store *s, store_calendar_fn fn, void *ud,
                              mc_error *err)
{
    STMT_OR_FAIL(st, STMT_CAL_EACH);
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(st, 0),
           sqlite3_column_int(st, 1) != 0,
           (const char *)sqlite3_column_text(st, 2), ud);
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MC_OK : store_err(s, err, "calendar_overrides");
}
