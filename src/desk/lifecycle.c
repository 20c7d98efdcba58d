/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lifecycle.c - moving a dossier through the status machine (status.h),
 * extensions, and returning the result.  Every change is checked against
 * the machine first; a refused change writes nothing. */
#include "desk_internal.h"

#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "ids.h"
#include "store_returns.h"

static mc_status transition_error(mc_desk *d, const mc_dossier *ds,
                                  mc_dossier_status to, mc_transition_check c,
                                  mc_error *err)
{
    char next[256];
    if (c == TR_ROLE) {
        status_next_text(ds->status, d->user.role, next, sizeof next);
        return mc_fail(err, MC_EFORBIDDEN, "to",
                       _("Vai trò %s không được chuyển hồ sơ %s từ \"%s\" "
                         "sang \"%s\". Vai trò này được chuyển sang: %s"),
                       role_name(d->user.role), ds->code,
                       status_name(ds->status), status_name(to), next);
    }
    status_next_text(ds->status, 0, next, sizeof next);
    return mc_fail(err, MC_ESTATE, "to",
                   _("Không thể chuyển hồ sơ %s từ trạng thái \"%s\" sang "
                     "\"%s\". Trạng thái tiếp theo được phép: %s"),
                   ds->code, status_name(ds->status), status_name(to), next);
}

/* The body of desk_advance, inside a transaction the caller owns: on
 * failure the caller rolls back. */
mc_status desk_advance_locked(mc_desk *d, const desk_advance_in *in,
                              mc_dossier *out, mc_error *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    mc_status rc = desk_require(d, ROLE_DESK | ROLE_CENTRAL,
                                _("chuyển trạng thái hồ sơ"), err);
    if (rc)
        return rc;
    mc_dossier_status to;
    if (!in->to || !status_parse(in->to, &to))
        return mc_fail(err, MC_EINVAL, "to",
                       _("Trạng thái \"%s\" không có. Các trạng thái: "
                         "received, refused, processing, supplement_requested, "
                         "withdrawn, stopped, done, returned"),
                       in->to ? in->to : "");
    char *note = NULL, *dept = NULL, *rname = NULL, *rrel = NULL;
    char rid[ID_MAX] = "";
    json_t *missing = NULL, *data = NULL;
    mc_dossier ds = {0};
    if ((rc = desk_text(in->note, "note", 2000, &note, err)) ||
        (rc = desk_text(in->department, "department", 200, &dept, err)) ||
        (rc = desk_text(in->receiver_name, "receiver-name", 200, &rname,
                        err)) ||
        (rc = desk_text(in->receiver_relation, "receiver-relation", 100,
                        &rrel, err)))
        goto out;
    mc_ts now = desk_now(d);
    if ((rc = store_dossier_get(d->store, in->code ? in->code : "", &ds, err)))
        goto rollback;
    unsigned requires = 0;
    mc_transition_check c = status_check(ds.status, to, d->user.role, &requires);
    if (c != TR_OK) {
        rc = transition_error(d, &ds, to, c, err);
        goto rollback;
    }
    data = json_object();
    if ((requires & REQ_REASON) && !note) {
        rc = mc_fail(err, MC_EINVAL, "note",
                     _("Chuyển sang \"%s\" phải ghi rõ lý do (--note)"),
                     status_name(to));
        goto rollback;
    }
    if (requires & REQ_MISSING) {
        missing = desk_missing_json(in->missing, in->n_missing, &rc, err);
        if (rc)
            goto rollback;
    } else if (in->n_missing) {
        rc = mc_fail(err, MC_EINVAL, "missing",
                     _("Danh sách giấy tờ thiếu (--missing) chỉ dùng khi yêu "
                       "cầu bổ sung"));
        goto rollback;
    }
    if (requires & REQ_RECEIVER) {
        if (!rname) {
            rc = mc_fail(err, MC_EINVAL, "receiver-name",
                         _("Trả kết quả phải ghi họ tên người nhận "
                           "(--receiver-name)"));
            goto rollback;
        }
        if (!in->receiver_id || !*in->receiver_id) {
            rc = mc_fail(err, MC_EINVAL, "receiver-id",
                         _("Trả kết quả phải ghi số định danh của người nhận "
                           "(--receiver-id)"));
            goto rollback;
        }
        if ((rc = id_check_person(in->receiver_id, mc_ts_vn_date(now).y,
                                  "receiver-id", rid, err)))
            goto rollback;
    }
    mc_dossier_status from = ds.status;
    if (dept) {
        free(ds.department);
        ds.department = mc_xstrdup(dept);
        json_object_set_new(data, "department", json_string(dept));
    }
    if (to == ST_SUPPLEMENT_REQUESTED) {
        char number[64];
        if ((rc = desk_slip_number(d, now, number, err)))
            goto rollback;
        char day[7];
        dcode_day_key(mc_ts_vn_date(now), day);
        char *mtext = wire_dump(missing);
        unsigned long seq = strtoul(strrchr(number, 'S') + 1, NULL, 10);
        rc = store_slip_insert(d->store, number, day, seq, ds.id,
                               ds.procedure_code, ds.applicant_name, mtext,
                               note, desk_actor(d), now, err);
        free(mtext);
        if (rc)
            goto rollback;
        ds.paused_at = now;
        json_object_set_new(data, "slip", json_string(number));
        json_object_set(data, "missing", missing);
    }
    if (from == ST_SUPPLEMENT_REQUESTED && to == ST_PROCESSING) {
        /* the papers are complete again: the clock restarts from zero, or
         * (office setting) the due date moves by the days spent waiting */
        if (d->supplement_extend && ds.paused_at > 0) {
            const mc_calendar *cal;
            if ((rc = desk_calendar(d, &cal, err)))
                goto rollback;
            int waited = cal_workdays_between(cal, mc_ts_vn_date(ds.paused_at),
                                              mc_ts_vn_date(now));
            ds.due_date = cal_add_workdays(cal, ds.due_date, waited);
            ds.due_at = mc_ts_from_vn(ds.due_date, mc_ts_vn_minute(ds.due_at));
            json_object_set_new(data, "waited_workdays", json_integer(waited));
        } else {
            desk_due(d, now, ds.processing_days, ds.processing_unit,
                     &ds.due_date, &ds.due_at);
        }
        ds.paused_at = 0;
        char due[11];
        mc_date_format(ds.due_date, due);
        json_object_set_new(data, "due_date", json_string(due));
    }
    if (to == ST_RETURNED) {
        ds.returned_at = now;
        ds.receiver_name = rname, rname = NULL;
        ds.receiver_id = mc_xstrdup(rid);
        ds.receiver_relation = rrel, rrel = NULL;
        json_object_set_new(data, "receiver_name",
                            json_string(ds.receiver_name));
        json_object_set_new(data, "receiver_id", json_string(ds.receiver_id));
        if (ds.receiver_relation)
            json_object_set_new(data, "receiver_relation",
                                json_string(ds.receiver_relation));
        ds.returned_via = RET_DESK; /* handed over at the desk */
        json_object_set_new(data, "channel", json_string("desk"));
    }
    ds.status = to;
    ds.updated_at = now;
    if ((rc = store_dossier_update_state(d->store, &ds, err)))
        goto rollback;
    if (to == ST_RETURNED && (rc = store_return_update(d->store, &ds, err)))
        goto rollback;
    rc = desk_record(d, &ds, now, to == ST_RETURNED ? "return" : "advance",
                     status_name(from), status_name(to), note,
                     json_object_size(data) ? data : NULL, err);
    if (!rc && out) {
        *out = ds;
        memset(&ds, 0, sizeof ds);
    }
rollback: /* the caller rolls back on failure */
out:
    json_decref(missing);
    json_decref(data);
    mc_dossier_free(&ds);
    free(note);
    free(dept);
    free(rname);
    free(rrel);
    return rc;
}

mc_status desk_advance(mc_desk *d, const desk_advance_in *in, mc_dossier *out,
                       mc_error *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    mc_status rc = store_begin(d->store, err);
    if (rc)
        return rc;
    rc = desk_advance_locked(d, in, out, err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    if (rc && out)
        mc_dossier_free(out);
    return rc;
}

mc_status desk_extend(mc_desk *d, const char *code, const char *new_due,
                      const char *reason, mc_dossier *out, mc_error *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    mc_status rc = desk_require(d, ROLE_LEAD | ROLE_CENTRAL,
                                _("gia hạn thời gian giải quyết"), err);
    if (rc)
        return rc;
    mc_date nd;
    if (!new_due || !mc_date_parse(new_due, &nd))
        return mc_fail(err, MC_EINVAL, "new-due",
                       _("Ngày hẹn mới \"%s\" không đúng dạng YYYY-MM-DD"),
                       new_due ? new_due : "");
    char *why = NULL;
    if ((rc = desk_text(reason, "reason", 2000, &why, err)))
        return rc;
    if (!why)
        return mc_fail(err, MC_EINVAL, "reason",
                       _("Gia hạn phải ghi rõ lý do chậm (--reason)"));
    mc_dossier ds = {0};
    mc_ts now = desk_now(d);
    if ((rc = store_begin(d->store, err)))
        goto out;
    if ((rc = store_dossier_get(d->store, code ? code : "", &ds, err)))
        goto rollback;
    if (ds.status != ST_RECEIVED && ds.status != ST_PROCESSING) {
        rc = mc_fail(err, MC_ESTATE, "code",
                     _("Chỉ gia hạn được hồ sơ đang giải quyết; hồ sơ %s đang "
                       "ở trạng thái \"%s\""),
                     ds.code, status_name(ds.status));
        goto rollback;
    }
    if (ds.extended) {
        rc = mc_fail(err, MC_ESTATE, "code",
                     _("Hồ sơ %s đã được gia hạn một lần; chỉ được hẹn lại "
                       "một lần"),
                     ds.code);
        goto rollback;
    }
    if (mc_date_cmp(nd, ds.due_date) <= 0) {
        char cur[11];
        mc_date_format(ds.due_date, cur);
        rc = mc_fail(err, MC_EINVAL, "new-due",
                     _("Ngày hẹn mới %s phải sau ngày hẹn hiện tại %s"),
                     new_due, cur);
        goto rollback;
    }
    const mc_calendar *cal;
    if ((rc = desk_calendar(d, &cal, err)))
        goto rollback;
    if (!cal_is_workday(cal, nd)) {
        rc = mc_fail(err, MC_EINVAL, "new-due",
                     _("Ngày hẹn mới %s không phải ngày làm việc"), new_due);
        goto rollback;
    }
    char old[26];
    mc_ts_format_vn(ds.due_at, old);
    /* the apology should reach the citizen at least a day before the
     * deadline; a late one is still recorded, and marked */
    bool late = mc_date_cmp(mc_ts_vn_date(now), ds.due_date) >= 0;
    ds.original_due_at = ds.due_at;
    ds.extended = true;
    ds.due_date = nd;
    ds.due_at = mc_ts_from_vn(nd, mc_ts_vn_minute(ds.original_due_at));
    ds.updated_at = now;
    if ((rc = store_dossier_update_state(d->store, &ds, err)))
        goto rollback;
    json_t *data = json_pack("{s:s, s:s, s:b}", "original_due_at", old,
                             "new_due_date", new_due, "late_request", late);
    rc = desk_record(d, &ds, now, "extend", status_name(ds.status),
                     status_name(ds.status), why, data, err);
    json_decref(data);
    if (rc)
        goto rollback;
    rc = store_commit(d->store, err);
    if (!rc && out) {
        *out = ds;
        memset(&ds, 0, sizeof ds);
    }
    goto out;
rollback:
    store_rollback(d->store);
out:
    mc_dossier_free(&ds);
    free(why);
    return rc;
}
