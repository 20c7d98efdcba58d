/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sync_apply.c - the desk's side of sync (sync_apply.h): the outbox queue
 * for the worker, and central changes applied exactly once. */
#include "sync_apply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_internal.h"
#include "desk_returns.h"
#include "dossier_code.h"
#include "event.h"
#include "log.h"
#include "store_sync.h"

#define REMOTE_REJECTED_PREFIX "remote_rejected:"

struct row_adapter {
    desk_sync_row_fn fn;
    void *ud;
};

static bool adapt_row(const store_outbox_row *r, void *ud)
{
    struct row_adapter *a = ud;
    desk_sync_row row = {
        .seq = r->seq, .kind = r->kind, .payload = r->payload,
        .created_at = r->created_at, .attempts = r->attempts,
        .set_aside_reason = r->set_aside_reason,
    };
    return a->fn(&row, a->ud);
}

mc_status desk_sync_push_start(mc_desk *d, int64_t *after, mc_error *err)
{
    return store_sync_push_start(d->store, after, err);
}

mc_status desk_sync_outbox_after(mc_desk *d, int64_t after, int limit,
                                 desk_sync_row_fn fn, void *ud, mc_error *err)
{
    struct row_adapter a = {fn, ud};
    return store_sync_outbox_after(d->store, after, limit, adapt_row, &a, err);
}

mc_status desk_sync_aside_each(mc_desk *d, desk_sync_row_fn fn, void *ud,
                               mc_error *err)
{
    struct row_adapter a = {fn, ud};
    return store_sync_aside_each(d->store, adapt_row, &a, err);
}

mc_status desk_sync_record_ack(mc_desk *d, int64_t through,
                               const wire_rejected *rejected, size_t n,
                               mc_error *err)
{
    mc_status rc = store_begin(d->store, err);
    if (rc)
        return rc;
    for (size_t i = 0; !rc && i < n; i++)
        if (rejected[i].seq <= through)
            rc = store_sync_set_aside(d->store, rejected[i].seq,
                                      rejected[i].reason, err);
    if (!rc)
        rc = store_sync_ack(d->store, through, desk_now(d), err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    return rc;
}

mc_status desk_sync_record_attempt(mc_desk *d, int64_t after, int64_t through,
                                   mc_error *err)
{
    return store_sync_attempt(d->store, after, through, err);
}

mc_status desk_sync_state_get(mc_desk *d, const char *key, char **out,
                              mc_error *err)
{
    return store_sync_state_get(d->store, key, out, err);
}

mc_status desk_sync_state_set(mc_desk *d, const char *key, const char *value,
                              mc_error *err)
{
    return store_sync_state_set(d->store, key, value, err);
}

mc_status desk_sync_pending(mc_desk *d, desk_sync_status *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    return store_sync_pending(d->store, &out->pending, &out->oldest_pending,
                              err);
}

struct prefix_adapter {
    desk_sync_remote_fn fn;
    void *ud;
};

static void adapt_state(const char *key, const char *value, void *ud)
{
    struct prefix_adapter *a = ud;
    a->fn(key + strlen(REMOTE_REJECTED_PREFIX), value, a->ud);
}

mc_status desk_sync_remote_rejected_each(mc_desk *d, desk_sync_remote_fn fn,
                                         void *ud, mc_error *err)
{
    struct prefix_adapter a = {fn, ud};
    return store_sync_state_prefix(d->store, REMOTE_REJECTED_PREFIX,
                                   adapt_state, &a, err);
}

static mc_status set_cursor(mc_desk *d, long long id, mc_error *err)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", id);
    return store_sync_state_set(d->store, "pull_cursor", buf, err);
}

/* A failure that is about the change itself, not the database: the change
 * is recorded as rejected instead of being retried for ever. */
static bool change_problem(mc_status rc)
{
    return rc == MC_EINVAL || rc == MC_ESTATE || rc == MC_ENOTFOUND ||
           rc == MC_EFORBIDDEN || rc == MC_ECONFLICT;
}

static mc_status apply_locked(mc_desk *d, const wire_change *c, mc_error *err)
{
    /* the back office never returns a result: a change to "returned" is
     * the centre confirming an electronic delivery (desk_returns.h) */
    if (c->to && strcmp(c->to, "returned") == 0)
        return desk_return_delivered_locked(d, c->dossier, c->at, c->actor,
                                            c->note, err);
    size_t n = json_array_size(c->missing);
    const char **missing = n ? mc_xcalloc(n, sizeof *missing) : NULL;
    for (size_t i = 0; i < n; i++)
        missing[i] = json_string_value(json_array_get(c->missing, i));
    desk_advance_in in = {
        .code = c->dossier, .to = c->to, .note = c->note,
        .department = c->department, .missing = missing, .n_missing = n,
    };
    mc_dossier out;
    mc_status rc = desk_advance_locked(d, &in, &out, err);
    if (!rc)
        mc_dossier_free(&out);
    free(missing);
    return rc;
}

static mc_status record_rejected(mc_desk *d, const wire_change *c,
                                 const char *reason, mc_error *err)
{
    mc_status rc = store_begin(d->store, err);
    if (rc)
        return rc;
    char key[96];
    snprintf(key, sizeof key, "%s%s", REMOTE_REJECTED_PREFIX, c->event_id);
    char at[26];
    mc_ts_format_vn(desk_now(d), at);
    json_t *v = json_pack("{s:s, s:s, s:s, s:s}", "dossier", c->dossier, "to",
                          c->to, "reason", reason, "at", at);
    char *text = wire_dump(v);
    json_decref(v);
    if (!(rc = store_sync_applied_put(d->store, c->event_id, desk_now(d), err)) &&
        !(rc = store_sync_state_set(d->store, key, text, err)) &&
        !(rc = set_cursor(d, c->id, err)))
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    free(text);
    return rc;
}

mc_status desk_sync_apply_change(mc_desk *d, const wire_change *c,
                                 desk_sync_outcome *outcome, char why[256],
                                 mc_error *err)
{
    why[0] = '\0';
    *outcome = DESK_SYNC_APPLIED;
    /* act as the back office for this change only */
    mc_user saved = d->user;
    d->user.login = d->user.name = NULL;
    desk_act_as_central(d);

    mc_status rc = store_begin(d->store, err);
    if (rc)
        goto out;
    bool done = false;
    if ((rc = store_sync_applied(d->store, c->event_id, &done, err)))
        goto rollback;
    if (done) {
        *outcome = DESK_SYNC_ALREADY;
    } else {
        mc_error why_err = {0};
        rc = apply_locked(d, c, &why_err);
        if (rc) {
            store_rollback(d->store);
            if (!change_problem(rc)) {
                *err = why_err;
                goto out;
            }
            *outcome = DESK_SYNC_REJECTED;
            mc_strlcpy(why, why_err.msg, 256);
            rc = record_rejected(d, c, why_err.msg, err);
            goto out;
        }
        if ((rc = store_sync_applied_put(d->store, c->event_id, desk_now(d),
                                         err)))
            goto rollback;
    }
    if ((rc = set_cursor(d, c->id, err)))
        goto rollback;
    rc = store_commit(d->store, err);
    goto out;
rollback:
    store_rollback(d->store);
out:
    free(d->user.login);
    free(d->user.name);
    d->user = saved;
    return rc;
}

/* --- after a restore ---------------------------------------------------- */

mc_status desk_sync_restored(mc_desk *d, bool *yes, mc_error *err)
{
    char *v = NULL;
    mc_status rc = store_sync_state_get(d->store, DESK_SYNC_RESTORED_KEY, &v,
                                        err);
    *yes = !rc && v != NULL;
    free(v);
    return rc;
}

/* The sync worker runs without a signed-in user: its audit rows are by
 * "sync".  Returns whether the actor was borrowed (give it back). */
static bool borrow_actor(mc_desk *d)
{
    if (d->user.login)
        return false;
    d->user.login = mc_xstrdup("sync");
    d->user.name = mc_xstrdup("sync");
    return true;
}

static void return_actor(mc_desk *d, bool borrowed)
{
    if (!borrowed)
        return;
    free(d->user.login);
    free(d->user.name);
    d->user.login = d->user.name = NULL;
}

mc_status desk_sync_renumber(mc_desk *d, int64_t from, int64_t centre_last,
                             desk_sync_renumbered *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    mc_status rc = store_begin(d->store, err);
    if (rc)
        return rc;
    store_renumbered r;
    bool borrowed = borrow_actor(d);
    rc = store_sync_renumber(d->store, from, centre_last, &r, err);
    if (!rc && r.count)
        rc = desk_audit(
            d, desk_now(d), "sync.renumber", d->office_code,
            json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:s}", "count",
                      (json_int_t)r.count, "old_first",
                      (json_int_t)r.old_first, "old_last",
                      (json_int_t)r.old_last, "new_first",
                      (json_int_t)r.new_first, "new_last",
                      (json_int_t)r.new_last, "centre_last_seq",
                      (json_int_t)centre_last, "reason", "seq_conflict"),
            err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    return_actor(d, borrowed);
    if (!rc && r.count) {
        out->count = r.count;
        out->old_first = r.old_first;
        out->old_last = r.old_last;
        out->new_first = r.new_first;
        out->new_last = r.new_last;
        mc_log(MC_LOG_WARNING,
               "sync: the centre already has other events up to seq %lld "
               "(database restored from a backup?): %lld pending events "
               "renumbered %lld..%lld -> %lld..%lld",
               (long long)centre_last, (long long)r.count,
               (long long)r.old_first, (long long)r.old_last,
               (long long)r.new_first, (long long)r.new_last);
    }
    return rc;
}

static mc_status fill_day(mc_desk *d, const desk_sync_day *day, mc_ts now,
                          int64_t *lost, mc_error *err)
{
    *lost = 0;
    int yy, mm, dd;
    if (strlen(day->day) != 6 ||
        sscanf(day->day, "%2d%2d%2d", &yy, &mm, &dd) != 3 || day->max_seq < 0 ||
        day->max_seq > 999999)
        return mc_fail(err, MC_EINVAL, "codes",
                       _("Máy chủ trung tâm trả về ngày hoặc số hồ sơ không "
                         "hợp lệ: %s/%lld"),
                       day->day, (long long)day->max_seq);
    mc_date date = {2000 + yy, mm, dd};
    for (int64_t n = 1; n <= day->max_seq; n++) {
        char code[DCODE_MAX];
        bool added = false;
        mc_status rc = dcode_format(d->office_code, date, (unsigned long)n,
                                    code, err);
        if (!rc)
            rc = store_sync_code_lost(d->store, d->office_code, day->day, n,
                                      code, now, &added, err);
        if (rc)
            return rc;
        *lost += added;
    }
    return MC_OK;
}

mc_status desk_sync_reconcile(mc_desk *d, int64_t centre_last,
                              const desk_sync_day *days, size_t n,
                              bool as_admin, int64_t *lost, mc_error *err)
{
    *lost = 0;
    mc_status rc = MC_OK;
    if (as_admin &&
        (rc = desk_require(d, ROLE_ADMIN, _("đối chiếu với trung tâm"), err)))
        return rc;
    if ((rc = store_begin(d->store, err)))
        return rc;
    bool borrowed = borrow_actor(d);
    mc_ts now = desk_now(d);
    json_t *det_days = json_array();
    for (size_t i = 0; !rc && i < n; i++) {
        int64_t k = 0;
        rc = fill_day(d, &days[i], now, &k, err);
        if (!rc && k) {
            *lost += k;
            json_array_append_new(
                det_days, json_pack("{s:s, s:I, s:I}", "day", days[i].day,
                                    "max_seq", (json_int_t)days[i].max_seq,
                                    "lost", (json_int_t)k));
        }
    }
    if (!rc)
        rc = desk_audit(d, now, "sync.reconcile", d->office_code,
                        json_pack("{s:I, s:I, s:o}", "centre_last_seq",
                                  (json_int_t)centre_last, "lost_codes",
                                  (json_int_t)*lost, "days", det_days),
                        err);
    else
        json_decref(det_days);
    if (!rc)
        rc = store_sync_state_del(d->store, DESK_SYNC_RESTORED_KEY, err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    return_actor(d, borrowed);
    if (!rc)
        mc_log(MC_LOG_NOTICE,
               "sync reconcile: centre has events up to seq %lld; %lld "
               "dossier numbers issued by the lost database recorded as lost",
               (long long)centre_last, (long long)*lost);
    else
        *lost = 0;
    return rc;
}
