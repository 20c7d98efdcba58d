/* SPDX-License-Identifier: GPL-3.0-or-later */
/* queue.c - the reception queue (see desk_queue.h for the model).
 *
 * Every write is one BEGIN IMMEDIATE transaction: the day's rollover, the
 * number or the pick, the ticket row and the call log commit together.
 * Ticket moves are not audited one by one (they are not decisions about a
 * dossier); service changes and rollovers are. */
#include "desk_queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_internal.h"
#include "store_queue.h"

void desk_queue_day(mc_ts t, char day[static 11])
{
    mc_date_format(mc_ts_vn_date(t), day);
}

void desk_ticket_free(desk_ticket *t)
{
    if (!t)
        return;
    free(t->clerk);
    free(t->transferred_from);
    free(t->dossier_code);
    free(t->rating);
    memset(t, 0, sizeof *t);
}

/* Move a store row into a desk ticket (the strings change owner). */
static void from_store(store_ticket *s, desk_ticket *t)
{
    memset(t, 0, sizeof *t);
    t->id = s->id;
    memcpy(t->day, s->day, sizeof t->day);
    memcpy(t->label, s->label, sizeof t->label);
    t->number = s->number;
    memcpy(t->service, s->service, sizeof t->service);
    memcpy(t->issued_service, s->issued_service, sizeof t->issued_service);
    t->priority = s->priority;
    memcpy(t->state, s->state, sizeof t->state);
    t->issued_at = s->issued_at;
    t->queued_at = s->queued_at;
    t->called_at = s->called_at;
    t->started_at = s->started_at;
    t->finished_at = s->finished_at;
    t->calls = s->calls;
    t->skips = s->skips;
    t->counter = s->counter;
    t->target_counter = s->target_counter;
    t->transfers = s->transfers;
    t->clerk = s->clerk;
    t->transferred_from = s->transferred_from;
    t->dossier_code = s->dossier_code;
    t->rating = s->rating;
    t->rated_at = s->rated_at;
    s->clerk = s->transferred_from = s->dossier_code = s->rating = NULL;
}

static void put_ts(json_t *o, const char *key, mc_ts t)
{
    if (t > 0) {
        char buf[26];
        mc_ts_format_vn(t, buf);
        json_object_set_new(o, key, json_string(buf));
    } else {
        json_object_set_new(o, key, json_null());
    }
}

static void put_str(json_t *o, const char *key, const char *v)
{
    json_object_set_new(o, key, v ? json_string(v) : json_null());
}

json_t *desk_ticket_json(const desk_ticket *t)
{
    json_t *o = json_object();
    put_str(o, "number", t->label);
    json_object_set_new(o, "seq", json_integer(t->number));
    put_str(o, "day", t->day);
    put_str(o, "service", t->service);
    put_str(o, "issued_service", t->issued_service);
    json_object_set_new(o, "priority", json_boolean(t->priority));
    put_str(o, "state", t->state);
    put_ts(o, "issued_at", t->issued_at);
    put_ts(o, "called_at", t->called_at);
    put_ts(o, "started_at", t->started_at);
    put_ts(o, "finished_at", t->finished_at);
    json_object_set_new(o, "calls", json_integer(t->calls));
    json_object_set_new(o, "skips", json_integer(t->skips));
    json_object_set_new(o, "counter",
                        t->counter ? json_integer(t->counter) : json_null());
    put_str(o, "clerk", t->clerk);
    json_object_set_new(o, "target_counter", t->target_counter
                                                 ? json_integer(t->target_counter)
                                                 : json_null());
    json_object_set_new(o, "transfers", json_integer(t->transfers));
    put_str(o, "transferred_from", t->transferred_from);
    put_str(o, "dossier_code", t->dossier_code);
    put_str(o, "rating", t->rating);
    json_object_set_new(o, "waiting_seconds",
                        t->called_at ? json_integer(t->called_at - t->issued_at)
                                     : json_null());
    json_object_set_new(o, "service_seconds",
                        t->finished_at && t->started_at
                            ? json_integer(t->finished_at - t->started_at)
                            : json_null());
    if (strcmp(t->state, "waiting") == 0)
        json_object_set_new(o, "ahead", json_integer(t->ahead));
    return o;
}

/* --- services ------------------------------------------------------------ */

struct svc_fwd {
    desk_service_fn fn;
    void *ud;
};

static void svc_each(const store_service *sv, void *ud)
{
    struct svc_fwd *f = ud;
    desk_service out = {sv->code, sv->name, sv->active};
    f->fn(&out, f->ud);
}

mc_status desk_queue_services(mc_desk *d, desk_service_fn fn, void *ud,
                              mc_error *err)
{
    struct svc_fwd f = {fn, ud};
    return store_queue_service_each(d->store, svc_each, &f, err);
}

static mc_status check_service_code(const char *code, mc_error *err)
{
    if (!code || strlen(code) != 1 || code[0] < 'A' || code[0] > 'Z')
        return mc_fail(err, MC_EINVAL, "code",
                       _("Mã nhóm dịch vụ phải là một chữ cái in hoa A-Z "
                         "(đang là \"%s\")"),
                       code ? code : "");
    return MC_OK;
}

static mc_status service_name(const char *in, char **out, mc_error *err)
{
    mc_status rc = desk_text(in, "name", 80, out, err);
    if (!rc && !*out)
        rc = mc_fail(err, MC_EINVAL, "name",
                     _("Cần tên nhóm dịch vụ (--name)"));
    return rc;
}

mc_status desk_queue_service_add(mc_desk *d, const char *code,
                                 const char *name, mc_error *err)
{
    mc_status rc = desk_require(d, ROLE_ADMIN, _("thêm nhóm dịch vụ"), err);
    if (rc || (rc = check_service_code(code, err)))
        return rc;
    char *nm = NULL;
    if ((rc = service_name(name, &nm, err)))
        return rc;
    mc_ts now = desk_now(d);
    if (!(rc = store_begin(d->store, err))) {
        rc = store_queue_service_add(d->store, code, nm, now, err);
        if (!rc)
            rc = desk_audit(d, now, "queue.service.add", code,
                            json_pack("{s:s}", "name", nm), err);
        if (!rc)
            rc = store_commit(d->store, err);
        else
            store_rollback(d->store);
    }
    free(nm);
    return rc;
}

mc_status desk_queue_service_set(mc_desk *d, const char *code,
                                 const char *name, int active, mc_error *err)
{
    mc_status rc = desk_require(d, ROLE_ADMIN, _("sửa nhóm dịch vụ"), err);
    if (rc || (rc = check_service_code(code, err)))
        return rc;
    char *nm = NULL, *old = NULL;
    if (name && (rc = service_name(name, &nm, err)))
        return rc;
    mc_ts now = desk_now(d);
    if ((rc = store_begin(d->store, err))) {
        free(nm);
        return rc;
    }
    bool was_active = true;
    rc = store_queue_service_get(d->store, code, &old, &was_active, err);
    bool act = active < 0 ? was_active : active != 0;
    if (!rc)
        rc = store_queue_service_set(d->store, code, nm ? nm : old, act, now,
                                     err);
    if (!rc)
        rc = desk_audit(d, now, "queue.service.set", code,
                        json_pack("{s:s, s:s, s:b}", "old_name", old,
                                  "name", nm ? nm : old, "active", act),
                        err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    free(nm);
    free(old);
    return rc;
}

/* --- the day's rollover ---------------------------------------------------- */

/* Inside a write transaction: close the open tickets of earlier days. */
static mc_status rollover(mc_desk *d, const char *today, mc_ts now,
                          mc_error *err)
{
    int closed = 0;
    mc_status rc = store_queue_close_before(d->store, today, now, &closed, err);
    if (!rc && closed > 0)
        rc = desk_audit(d, now, "queue.rollover", today,
                        json_pack("{s:i}", "not_served", closed), err);
    return rc;
}

/* --- tickets --------------------------------------------------------------- */

struct ahead_ctx {
    const char *service;
    int n;
};

static void count_ahead(const char *service, int waiting, mc_ts oldest,
                        int prio, void *ud)
{
    (void)oldest;
    (void)prio;
    struct ahead_ctx *a = ud;
    if (strcmp(service, a->service) == 0)
        a->n = waiting;
}

mc_status desk_queue_ticket(mc_desk *d, const char *service, bool priority,
                            desk_ticket *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    mc_status rc = check_service_code(service, err);
    if (rc)
        return rc;
    mc_ts now = desk_now(d);
    store_ticket t = {0};
    desk_queue_day(now, t.day);
    if ((rc = store_begin(d->store, err)))
        return rc;
    bool active = false;
    if ((rc = store_queue_service_get(d->store, service, NULL, &active, err)))
        goto rollback;
    if (!active) {
        rc = mc_fail(err, MC_ESTATE, "service",
                     _("Nhóm dịch vụ %s đang tạm ngừng lấy số"), service);
        goto rollback;
    }
    if ((rc = rollover(d, t.day, now, err)))
        goto rollback;
    if ((rc = store_queue_next_number(d->store, t.day, service, &t.number,
                                      err)))
        goto rollback;
    if (t.number > 9999) {
        rc = mc_fail(err, MC_ELIMIT, "service",
                     _("Nhóm %s đã phát hết số trong ngày (9999)"), service);
        goto rollback;
    }
    mc_strlcpy(t.issued_service, service, sizeof t.issued_service);
    snprintf(t.label, sizeof t.label, "%s%03d", service, t.number);
    t.priority = priority;
    t.issued_at = now;
    /* how many are called before it: the waiting in its group, less the
     * ordinary ones a priority ticket overtakes */
    struct ahead_ctx a = {service, 0};
    if ((rc = store_queue_waiting(d->store, t.day, count_ahead, &a, err)))
        goto rollback;
    if ((rc = store_queue_insert(d->store, &t, err)))
        goto rollback;
    if ((rc = store_commit(d->store, err)))
        goto out;
    from_store(&t, out);
    out->ahead = a.n;
    if (priority) {
        /* only the priority tickets already waiting come first */
        desk_queue_state q;
        mc_error e2 = {0};
        if (desk_queue_state_get(d, &q, &e2) == MC_OK) {
            for (size_t i = 0; i < q.n_services; i++)
                if (strcmp(q.services[i].code, service) == 0)
                    out->ahead = q.services[i].priority_waiting - 1;
            desk_queue_state_free(&q);
        }
        if (out->ahead < 0)
            out->ahead = 0;
    }
    goto out;
rollback:
    store_rollback(d->store);
out:
    store_ticket_free(&t);
    return rc;
}

static mc_status check_counter(int counter, mc_error *err)
{
    if (counter < 1 || counter > DESK_QUEUE_MAX_COUNTER)
        return mc_fail(err, MC_EINVAL, "counter",
                       _("Số quầy phải từ 1 đến %d (đang là %d)"),
                       DESK_QUEUE_MAX_COUNTER, counter);
    return MC_OK;
}

static mc_status check_services(const char *services, mc_error *err)
{
    if (!services)
        return MC_OK;
    for (const char *p = services; *p; p++)
        if (*p < 'A' || *p > 'Z')
            return mc_fail(err, MC_EINVAL, "service",
                           _("Danh sách nhóm dịch vụ chỉ gồm chữ in hoa A-Z "
                             "(đang là \"%s\")"),
                           services);
    return MC_OK;
}

mc_status desk_queue_next(mc_desk *d, int counter, const char *services,
                          desk_ticket *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    mc_status rc = desk_require(d, ROLE_DESK, _("gọi số tiếp theo"), err);
    if (rc || (rc = check_counter(counter, err)) ||
        (rc = check_services(services, err)))
        return rc;
    mc_ts now = desk_now(d);
    char day[11];
    desk_queue_day(now, day);
    store_ticket t = {0}, cur = {0};
    if ((rc = store_begin(d->store, err)))
        return rc;
    if ((rc = rollover(d, day, now, err)))
        goto rollback;
    rc = store_queue_current(d->store, day, counter, &cur, err);
    if (rc == MC_OK) {
        rc = mc_fail(err, MC_ESTATE, "counter",
                     _("Quầy %d đang %s số %s: hãy kết thúc, bỏ qua hoặc "
                       "chuyển số này trước khi gọi số mới"),
                     counter,
                     strcmp(cur.state, "serving") == 0 ? _("phục vụ")
                                                       : _("gọi"),
                     cur.label);
        goto rollback;
    }
    if (rc != MC_ENOTFOUND)
        goto rollback;
    mc_error_clear(err);
    if ((rc = store_queue_pick(d->store, day, counter, services, &t, err)))
        goto rollback;
    mc_strlcpy(t.state, "called", sizeof t.state);
    if (!t.called_at)
        t.called_at = now;
    t.calls = 1;
    t.counter = counter;
    t.target_counter = 0;
    free(t.clerk);
    t.clerk = mc_xstrdup(desk_actor(d));
    if ((rc = store_queue_update(d->store, &t, err)) ||
        (rc = store_queue_log_call(d->store, &t, now, err)))
        goto rollback;
    if ((rc = store_commit(d->store, err)))
        goto out;
    from_store(&t, out);
    goto out;
rollback:
    store_rollback(d->store);
out:
    store_ticket_free(&t);
    store_ticket_free(&cur);
    return rc;
}

/* Load the ticket a reference names (inside the transaction). */
static mc_status resolve(mc_desk *d, const desk_ticket_ref *ref,
                         const char *day, store_ticket *t, mc_error *err)
{
    if (ref->label && *ref->label) {
        char label[16];
        size_t n = strlen(ref->label);
        if (n < 4 || n >= sizeof label)
            return mc_fail(err, MC_EINVAL, "ticket",
                           _("Số thứ tự \"%s\" không đúng dạng (ví dụ A001)"),
                           ref->label);
        for (size_t i = 0; i <= n; i++) {
            char c = ref->label[i];
            label[i] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        }
        mc_status rc = store_queue_by_label(d->store, day, label, t, err);
        if (!rc && ref->counter && t->counter != ref->counter)
            return mc_fail(err, MC_ESTATE, "counter",
                           _("Số %s không ở quầy %d"), label, ref->counter);
        return rc;
    }
    if (!ref->counter)
        return mc_fail(err, MC_EINVAL, "ticket",
                       _("Cần số thứ tự (ví dụ A001) hoặc --counter"));
    mc_status rc = check_counter(ref->counter, err);
    return rc ? rc : store_queue_current(d->store, day, ref->counter, t, err);
}

static mc_status state_error(const store_ticket *t, const char *what,
                             mc_error *err)
{
    return mc_fail(err, MC_ESTATE, "ticket",
                   _("Không thể %s số %s: số đang ở trạng thái \"%s\""), what,
                   t->label, t->state);
}

static bool is(const store_ticket *t, const char *state)
{
    return strcmp(t->state, state) == 0;
}

/* One ticket action: resolve, apply, write, commit. */
typedef mc_status (*ticket_op)(mc_desk *d, store_ticket *t, mc_ts now,
                               const void *arg, mc_error *err);

static mc_status with_ticket(mc_desk *d, const desk_ticket_ref *ref,
                             ticket_op op, const void *arg, desk_ticket *out,
                             mc_error *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    mc_status rc = desk_require(d, ROLE_DESK, _("xử lý số thứ tự"), err);
    if (rc)
        return rc;
    mc_ts now = desk_now(d);
    char day[11];
    desk_queue_day(now, day);
    store_ticket t = {0};
    if ((rc = store_begin(d->store, err)))
        return rc;
    if ((rc = rollover(d, day, now, err)) ||
        (rc = resolve(d, ref, day, &t, err)) ||
        (rc = op(d, &t, now, arg, err)) ||
        (rc = store_queue_update(d->store, &t, err))) {
        store_rollback(d->store);
        goto out;
    }
    if ((rc = store_commit(d->store, err)))
        goto out;
    if (out)
        from_store(&t, out);
out:
    store_ticket_free(&t);
    return rc;
}

static mc_status op_act(mc_desk *d, store_ticket *t, mc_ts now,
                        const void *arg, mc_error *err)
{
    desk_queue_action a = *(const desk_queue_action *)arg;
    switch (a) {
    case QA_RECALL:
        if (!is(t, "called"))
            return state_error(t, _("gọi lại"), err);
        if (t->calls > DESK_QUEUE_MAX_RECALLS) {
            mc_strlcpy(t->state, "no_show", sizeof t->state);
            t->finished_at = now;
            return MC_OK;
        }
        t->calls++;
        return store_queue_log_call(d->store, t, now, err);
    case QA_NO_SHOW:
        if (!is(t, "called"))
            return state_error(t, _("đánh dấu vắng mặt"), err);
        mc_strlcpy(t->state, "no_show", sizeof t->state);
        t->finished_at = now;
        return MC_OK;
    case QA_SKIP:
        if (!is(t, "called"))
            return state_error(t, _("bỏ qua"), err);
        mc_strlcpy(t->state, "waiting", sizeof t->state);
        t->queued_at = now; /* the end of its queue */
        t->skips++;
        t->calls = 0;
        t->counter = 0;
        return MC_OK;
    case QA_START:
        if (!is(t, "called"))
            return state_error(t, _("bắt đầu phục vụ"), err);
        mc_strlcpy(t->state, "serving", sizeof t->state);
        if (!t->started_at)
            t->started_at = now;
        return MC_OK;
    case QA_FINISH:
        if (!is(t, "called") && !is(t, "serving"))
            return state_error(t, _("kết thúc phục vụ"), err);
        if (!t->started_at)
            t->started_at = now;
        mc_strlcpy(t->state, "done", sizeof t->state);
        t->finished_at = now;
        free(t->clerk);
        t->clerk = mc_xstrdup(desk_actor(d));
        return MC_OK;
    }
    return mc_fail(err, MC_EINVAL, "action", "unknown queue action");
}

mc_status desk_queue_act(mc_desk *d, const desk_ticket_ref *ref,
                         desk_queue_action a, desk_ticket *out, mc_error *err)
{
    return with_ticket(d, ref, op_act, &a, out, err);
}

struct transfer_arg {
    const char *service;
    int counter;
};

static mc_status op_transfer(mc_desk *d, store_ticket *t, mc_ts now,
                             const void *arg, mc_error *err)
{
    (void)now;
    const struct transfer_arg *a = arg;
    if (!is(t, "called") && !is(t, "serving"))
        return state_error(t, _("chuyển"), err);
    mc_status rc;
    if (a->service) {
        bool active = false;
        if ((rc = check_service_code(a->service, err)) ||
            (rc = store_queue_service_get(d->store, a->service, NULL, &active,
                                          err)))
            return rc;
        if (strcmp(a->service, t->service) == 0 && !a->counter)
            return mc_fail(err, MC_EINVAL, "to-service",
                           _("Số %s đã ở nhóm %s"), t->label, t->service);
    }
    if (a->counter && (rc = check_counter(a->counter, err)))
        return rc;
    char from[64];
    snprintf(from, sizeof from, "%s@%d", t->service, t->counter);
    free(t->transferred_from);
    t->transferred_from = mc_xstrdup(from);
    if (a->service)
        mc_strlcpy(t->service, a->service, sizeof t->service);
    t->target_counter = a->counter;
    t->transfers++;
    /* it keeps its arrival time: the citizen already waited once */
    t->queued_at = t->issued_at;
    mc_strlcpy(t->state, "waiting", sizeof t->state);
    t->calls = 0;
    t->counter = 0;
    return MC_OK;
}

mc_status desk_queue_transfer(mc_desk *d, const desk_ticket_ref *ref,
                              const char *to_service, int to_counter,
                              desk_ticket *out, mc_error *err)
{
    if (!to_service && !to_counter)
        return mc_fail(err, MC_EINVAL, "to-service",
                       _("Cần nhóm dịch vụ (--to-service) hoặc quầy "
                         "(--to-counter) để chuyển đến"));
    struct transfer_arg a = {to_service, to_counter};
    return with_ticket(d, ref, op_transfer, &a, out, err);
}

static mc_status op_link(mc_desk *d, store_ticket *t, mc_ts now,
                         const void *arg, mc_error *err)
{
    (void)now;
    const char *code = arg;
    if (is(t, "waiting") || is(t, "not_served") || is(t, "no_show"))
        return state_error(t, _("gắn hồ sơ cho"), err);
    bool exists = false;
    mc_status rc = store_queue_dossier_exists(d->store, code, &exists, err);
    if (rc)
        return rc;
    if (!exists)
        return mc_fail(err, MC_ENOTFOUND, "dossier",
                       _("Không có hồ sơ mã %s"), code);
    free(t->dossier_code);
    t->dossier_code = mc_xstrdup(code);
    return MC_OK;
}

mc_status desk_queue_link(mc_desk *d, const desk_ticket_ref *ref,
                          const char *dossier_code, desk_ticket *out,
                          mc_error *err)
{
    if (!dossier_code || !*dossier_code)
        return mc_fail(err, MC_EINVAL, "dossier",
                       _("Cần mã hồ sơ để gắn (--dossier)"));
    return with_ticket(d, ref, op_link, dossier_code, out, err);
}

static mc_status op_rate(mc_desk *d, store_ticket *t, mc_ts now,
                         const void *arg, mc_error *err)
{
    (void)d;
    const char *rating = arg;
    if (!is(t, "done"))
        return state_error(t, _("đánh giá"), err);
    if (t->rating)
        return mc_fail(err, MC_ESTATE, "rating",
                       _("Số %s đã được đánh giá (\"%s\")"), t->label,
                       t->rating);
    t->rating = mc_xstrdup(rating);
    t->rated_at = now;
    return MC_OK;
}

mc_status desk_queue_rate(mc_desk *d, const desk_ticket_ref *ref,
                          const char *rating, desk_ticket *out, mc_error *err)
{
    if (!rating || (strcmp(rating, "satisfied") != 0 &&
                    strcmp(rating, "normal") != 0 &&
                    strcmp(rating, "not_satisfied") != 0))
        return mc_fail(err, MC_EINVAL, "rating",
                       _("Đánh giá phải là satisfied (hài lòng), normal "
                         "(bình thường) hoặc not_satisfied (không hài lòng), "
                         "đang là \"%s\""),
                       rating ? rating : "");
    return with_ticket(d, ref, op_rate, rating, out, err);
}

mc_status desk_queue_get(mc_desk *d, const desk_ticket_ref *ref,
                         desk_ticket *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    char day[11];
    desk_queue_day(desk_now(d), day);
    store_ticket t = {0};
    mc_status rc = resolve(d, ref, day, &t, err);
    if (!rc)
        from_store(&t, out);
    store_ticket_free(&t);
    return rc;
}

/* --- the state of the floor ------------------------------------------------ */

static void add_service(const store_service *sv, void *ud)
{
    desk_queue_state *q = ud;
    if (!sv->active)
        return;
    q->services = mc_xrealloc(q->services,
                              (q->n_services + 1) * sizeof *q->services);
    desk_queue_service_state *s = &q->services[q->n_services++];
    memset(s, 0, sizeof *s);
    mc_strlcpy(s->code, sv->code, sizeof s->code);
    s->name = mc_xstrdup(sv->name);
}

static void add_waiting(const char *service, int waiting, mc_ts oldest,
                        int prio, void *ud)
{
    desk_queue_state *q = ud;
    q->waiting_total += waiting;
    for (size_t i = 0; i < q->n_services; i++)
        if (strcmp(q->services[i].code, service) == 0) {
            q->services[i].waiting = waiting;
            q->services[i].priority_waiting = prio;
            q->services[i].longest_wait = oldest && q->now > oldest
                                              ? q->now - oldest
                                              : 0;
        }
}

struct counter_ctx {
    desk_queue_state *q;
    mc_desk *d;
    mc_status rc;
    mc_error *err;
};

static void add_counter(int counter, const char *clerk, int served,
                        int64_t current_id, void *ud)
{
    struct counter_ctx *c = ud;
    desk_queue_state *q = c->q;
    q->counters = mc_xrealloc(q->counters,
                              (q->n_counters + 1) * sizeof *q->counters);
    desk_queue_counter_state *s = &q->counters[q->n_counters++];
    memset(s, 0, sizeof *s);
    s->counter = counter;
    s->served = served;
    s->clerk = clerk ? mc_xstrdup(clerk) : NULL;
    mc_strlcpy(s->state, "idle", sizeof s->state);
    if (current_id > 0 && !c->rc) {
        store_ticket t = {0};
        c->rc = store_queue_by_id(c->d->store, current_id, &t, c->err);
        if (!c->rc) {
            mc_strlcpy(s->label, t.label, sizeof s->label);
            mc_strlcpy(s->state, t.state, sizeof s->state);
            s->since = strcmp(t.state, "serving") == 0 ? t.started_at
                                                       : t.called_at;
            if (t.clerk) {
                free(s->clerk);
                s->clerk = mc_xstrdup(t.clerk);
            }
        }
        store_ticket_free(&t);
    }
}

static void add_call(const char *label, int counter, mc_ts at, void *ud)
{
    desk_queue_state *q = ud;
    if (q->n_recent >= DESK_QUEUE_RECENT)
        return;
    desk_queue_call *c = &q->recent[q->n_recent++];
    mc_strlcpy(c->label, label ? label : "", sizeof c->label);
    c->counter = counter;
    c->at = at;
}

mc_status desk_queue_state_get(mc_desk *d, desk_queue_state *q, mc_error *err)
{
    memset(q, 0, sizeof *q);
    q->now = desk_now(d);
    desk_queue_day(q->now, q->day);
    mc_status rc = store_read_begin(d->store, err);
    if (rc)
        return rc;
    struct counter_ctx cc = {q, d, MC_OK, err};
    mc_ts midnight = mc_ts_from_vn(mc_ts_vn_date(q->now), 0);
    if (!(rc = store_queue_service_each(d->store, add_service, q, err)) &&
        !(rc = store_queue_waiting(d->store, q->day, add_waiting, q, err)) &&
        !(rc = store_queue_counters(d->store, q->day, add_counter, &cc, err)) &&
        !(rc = cc.rc))
        rc = store_queue_recent_calls(d->store, midnight, DESK_QUEUE_RECENT,
                                      add_call, q, err);
    store_rollback(d->store);
    if (rc)
        desk_queue_state_free(q);
    return rc;
}

void desk_queue_state_free(desk_queue_state *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->n_services; i++)
        free(q->services[i].name);
    for (size_t i = 0; i < q->n_counters; i++)
        free(q->counters[i].clerk);
    free(q->services);
    free(q->counters);
    memset(q, 0, sizeof *q);
}

json_t *desk_queue_state_json(const desk_queue_state *q)
{
    json_t *o = json_object();
    put_str(o, "day", q->day);
    put_ts(o, "now", q->now);
    json_object_set_new(o, "waiting_total", json_integer(q->waiting_total));
    json_t *sv = json_array();
    for (size_t i = 0; i < q->n_services; i++) {
        const desk_queue_service_state *s = &q->services[i];
        json_array_append_new(
            sv, json_pack("{s:s, s:s, s:i, s:i, s:I}", "code", s->code, "name",
                          s->name, "waiting", s->waiting, "priority_waiting",
                          s->priority_waiting, "longest_wait_seconds",
                          (json_int_t)s->longest_wait));
    }
    json_object_set_new(o, "services", sv);
    json_t *cs = json_array();
    for (size_t i = 0; i < q->n_counters; i++) {
        const desk_queue_counter_state *c = &q->counters[i];
        json_t *e = json_object();
        json_object_set_new(e, "counter", json_integer(c->counter));
        put_str(e, "clerk", c->clerk);
        put_str(e, "state", c->state);
        put_str(e, "number", c->label[0] ? c->label : NULL);
        put_ts(e, "since", c->since);
        json_object_set_new(e, "served_today", json_integer(c->served));
        json_array_append_new(cs, e);
    }
    json_object_set_new(o, "counters", cs);
    json_t *rc = json_array();
    for (size_t i = 0; i < q->n_recent; i++) {
        json_t *e = json_object();
        put_str(e, "number", q->recent[i].label);
        json_object_set_new(e, "counter", json_integer(q->recent[i].counter));
        put_ts(e, "at", q->recent[i].at);
        json_array_append_new(rc, e);
    }
    json_object_set_new(o, "recent_calls", rc);
    return o;
}
