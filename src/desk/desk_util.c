/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_util.c - text fields, due dates, the calendar, dossier JSON. */
#include "desk_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vntext.h"

mc_status desk_text(const char *in, const char *field, size_t max_chars,
                    char **out, mc_error *err)
{
    *out = NULL;
    if (!in)
        return MC_OK;
    char *t = NULL;
    mc_status rc = vn_nfc(in, field, &t, err);
    if (rc)
        return rc;
    if (!*t) {
        free(t);
        return MC_OK;
    }
    size_t n = vn_length(t);
    if (n > max_chars) {
        free(t);
        return mc_fail(err, MC_EINVAL, field,
                       _("Trường \"%s\" dài tối đa %zu ký tự (đang có %zu)"),
                       field, max_chars, n);
    }
    *out = t;
    return MC_OK;
}

/* --- calendar -------------------------------------------------------------- */

static mc_status load_shipped(mc_calendar *cal, mc_error *err)
{
    char *path = mc_xasprintf("%s/calendar/holidays_vn_announced.tsv",
                              desk_forms_dir());
    mc_status rc = MC_OK;
    FILE *probe = fopen(path, "r");
    if (probe) {
        fclose(probe);
        rc = cal_load_tsv(cal, path, err);
    }
    free(path);
    return rc;
}

mc_status desk_calendar_shipped(mc_calendar **out, mc_error *err)
{
    mc_calendar *cal = cal_new();
    mc_status rc = load_shipped(cal, err);
    if (rc) {
        cal_free(cal);
        *out = NULL;
        return rc;
    }
    *out = cal;
    return MC_OK;
}

static void apply_override(const char *date, bool working, const char *note,
                           void *ud)
{
    mc_date d;
    if (mc_date_parse(date, &d))
        cal_set_day(ud, d, working, note);
}

mc_status desk_calendar(mc_desk *d, const mc_calendar **out, mc_error *err)
{
    if (!d->cal) {
        mc_calendar *cal = NULL;
        mc_status rc = desk_calendar_shipped(&cal, err);
        if (!rc)
            rc = store_calendar_each(d->store, apply_override, cal, err);
        if (rc) {
            cal_free(cal);
            return rc;
        }
        d->cal = cal;
    }
    *out = d->cal;
    return MC_OK;
}

mc_status desk_calendar_set(mc_desk *d, mc_date day, bool working,
                            const char *note, mc_error *err)
{
    mc_status rc = desk_require(d, ROLE_ADMIN, _("sửa lịch làm việc"), err);
    if (rc)
        return rc;
    char *nt = NULL;
    if ((rc = desk_text(note, "note", 200, &nt, err)))
        return rc;
    if (!nt)
        return mc_fail(err, MC_EINVAL, "note",
                       _("Cần ghi chú lý do thay đổi lịch (--note)"));
    char date[11];
    mc_date_format(day, date);
    mc_ts now = desk_now(d);
    if (!(rc = store_begin(d->store, err))) {
        rc = store_calendar_set(d->store, date, working, nt, desk_actor(d),
                                now, err);
        if (!rc)
            rc = desk_audit(d, now, "calendar.set", date,
                            json_pack("{s:s, s:s}", "kind",
                                      working ? "workday" : "off", "note", nt),
                            err);
        if (!rc)
            rc = store_commit(d->store, err);
        else
            store_rollback(d->store);
    }
    if (!rc && d->cal)
        cal_set_day(d->cal, day, working, nt);
    free(nt);
    return rc;
}

/* --- due dates ---------------------------------------------------------- */

/* When a receipt at `from` counts as received: within working hours,
 * then; before opening on a working day, at the opening; after closing or
 * on a day off, at the next opening (Decree 118/2025: a dossier received
 * outside working hours is counted from the next working time).  True
 * when `from` was outside working hours. */
static bool receipt_start(const mc_desk *d, const mc_calendar *cal,
                          mc_ts from, mc_date *day, int *minute)
{
    *day = mc_ts_vn_date(from);
    *minute = mc_ts_vn_minute(from);
    bool workday = cal_is_workday(cal, *day);
    if (workday && *minute >= d->open_minute && *minute < d->close_minute)
        return false;
    if (!workday || *minute >= d->close_minute) {
        /* the next working day (a year of days off would be a broken
         * calendar: stop looking after 60) */
        for (int i = 0; i < 60; i++) {
            *day = mc_date_add(*day, 1);
            if (cal_is_workday(cal, *day))
                break;
        }
    }
    *minute = d->open_minute;
    return true;
}

static const mc_calendar *due_calendar(mc_desk *d, mc_calendar **tmp)
{
    const mc_calendar *cal = NULL;
    mc_error e;
    *tmp = NULL;
    if (desk_calendar(d, &cal, &e) != MC_OK || !cal) {
        *tmp = cal_new(); /* the week alone is better than nothing */
        cal = *tmp;
    }
    return cal;
}

/* The period starts the day after the receipt (Civil Code Art. 147), the
 * receipt counted as above.  The due time is the clock time of the
 * receipt on the due date, or the opening time when it was outside
 * working hours. */
void desk_due(mc_desk *d, mc_ts from, int days, mc_cal_unit unit,
              mc_date *due_date, mc_ts *due_at)
{
    mc_calendar *tmp;
    const mc_calendar *cal = due_calendar(d, &tmp);
    mc_date day;
    int minute;
    receipt_start(d, cal, from, &day, &minute);
    *due_date = cal_add(cal, day, days, unit);
    *due_at = mc_ts_from_vn(*due_date, minute);
    cal_free(tmp);
}

bool desk_outside_hours(mc_desk *d, mc_ts at, mc_ts *counted_from)
{
    mc_calendar *tmp;
    const mc_calendar *cal = due_calendar(d, &tmp);
    mc_date day;
    int minute;
    bool outside = receipt_start(d, cal, at, &day, &minute);
    if (counted_from)
        *counted_from = outside ? mc_ts_from_vn(day, minute) : at;
    cal_free(tmp);
    return outside;
}

static const char *weekday_vi(mc_date d)
{
    static const char *const names[7] = {
        N_("Chủ nhật"), N_("thứ Hai"), N_("thứ Ba"), N_("thứ Tư"),
        N_("thứ Năm"), N_("thứ Sáu"), N_("thứ Bảy")};
    return _(names[mc_date_weekday(d) % 7]);
}

bool desk_outside_hours_note(mc_desk *d, char *buf, size_t size)
{
    mc_ts now = desk_now(d), from;
    if (!desk_outside_hours(d, now, &from)) {
        if (size)
            buf[0] = '\0';
        return false;
    }
    mc_date nd = mc_ts_vn_date(now), fd = mc_ts_vn_date(from);
    int nm = mc_ts_vn_minute(now), fm = mc_ts_vn_minute(from);
    snprintf(buf, size,
             _("Ngoài giờ làm việc (%s %02d/%02d/%04d %02d:%02d): hồ sơ được "
               "tính là nhận lúc %02d:%02d %s %02d/%02d/%04d, thời hạn giải "
               "quyết tính từ đó"),
             weekday_vi(nd), nd.d, nd.m, nd.y, nm / 60, nm % 60, fm / 60,
             fm % 60, weekday_vi(fd), fd.d, fd.m, fd.y);
    return true;
}

/* --- JSON ---------------------------------------------------------------- */

static void set_str(json_t *o, const char *k, const char *v)
{
    json_object_set_new(o, k, v ? json_string(v) : json_null());
}

static void set_ts(json_t *o, const char *k, mc_ts t)
{
    if (t > 0) {
        char b[26];
        mc_ts_format_vn(t, b);
        json_object_set_new(o, k, json_string(b));
    } else {
        json_object_set_new(o, k, json_null());
    }
}

json_t *desk_dossier_json(const mc_dossier *ds, mc_ts now)
{
    json_t *o = json_object();
    set_str(o, "code", ds->code);
    set_str(o, "status", status_name(ds->status));
    json_object_set_new(o, "status_portal_code",
                        json_integer(status_portal_code(ds->status)));
    set_str(o, "status_label", status_label(ds->status));
    json_object_set_new(o, "overdue",
                        json_boolean(mc_dossier_overdue(ds, now)));
    set_str(o, "procedure_code", ds->procedure_code);
    json_object_set_new(o, "procedure_version",
                        json_integer(ds->procedure_version));
    set_str(o, "procedure_name", ds->procedure_name);
    set_str(o, "procedure_field", ds->procedure_field);
    json_object_set_new(o, "processing_days",
                        json_integer(ds->processing_days));
    set_str(o, "processing_unit",
            ds->processing_unit == CAL_UNIT_DAYS_EXCL_HOLIDAYS
                ? "days_excluding_holidays"
                : "workdays");
    set_str(o, "applicant_kind", applicant_kind_name(ds->applicant_kind));
    set_str(o, "applicant_name", ds->applicant_name);
    set_str(o, "id_number", ds->id_number);
    set_str(o, "bhxh_number", ds->bhxh_number);
    set_str(o, "tax_code", ds->tax_code);
    set_str(o, "phone", ds->phone);
    set_str(o, "email", ds->email);
    set_str(o, "address", ds->address);
    if (ds->rep_name || ds->rep_id_number || ds->rep_phone) {
        json_t *r = json_object();
        set_str(r, "name", ds->rep_name);
        set_str(r, "id_number", ds->rep_id_number);
        set_str(r, "phone", ds->rep_phone);
        json_object_set_new(o, "representative", r);
    } else {
        json_object_set_new(o, "representative", json_null());
    }
    set_str(o, "channel", channel_name(ds->channel));
    set_str(o, "result_delivery", ds->result_delivery);
    set_str(o, "return_channel",
            return_channel_name(ds->return_channel ? ds->return_channel
                                                   : RET_DESK));
    set_str(o, "returned_via", return_channel_name(ds->returned_via));
    set_str(o, "post_tracking", ds->post_tracking);
    if (ds->posted_on.y) {
        char b[11];
        mc_date_format(ds->posted_on, b);
        set_str(o, "posted_on", b);
    } else {
        json_object_set_new(o, "posted_on", json_null());
    }
    set_ts(o, "result_sent_at", ds->result_sent_at);
    json_object_set_new(o, "sets", json_integer(ds->sets));
    set_str(o, "note", ds->note);
    set_str(o, "refusal_reason", ds->refusal_reason);
    json_t *extra = ds->extra_json ? json_loads(ds->extra_json, 0, NULL) : NULL;
    json_object_set_new(o, "extra", extra ? extra : json_null());
    set_ts(o, "received_at", ds->received_at);
    set_str(o, "received_by", ds->received_by);
    if (ds->due_at > 0) {
        char b[11];
        mc_date_format(ds->due_date, b);
        set_str(o, "due_date", b);
    } else {
        json_object_set_new(o, "due_date", json_null());
    }
    set_ts(o, "due_at", ds->due_at);
    json_object_set_new(o, "extended", json_boolean(ds->extended));
    set_ts(o, "original_due_at", ds->original_due_at);
    set_ts(o, "paused_at", ds->paused_at);
    set_str(o, "department", ds->department);
    set_ts(o, "returned_at", ds->returned_at);
    set_str(o, "receiver_name", ds->receiver_name);
    set_str(o, "receiver_id", ds->receiver_id);
    set_str(o, "receiver_relation", ds->receiver_relation);
    set_ts(o, "updated_at", ds->updated_at);
    json_t *papers = json_array();
    for (size_t i = 0; i < ds->n_papers; i++) {
        const mc_dossier_paper *p = &ds->papers[i];
        json_array_append_new(
            papers, json_pack("{s:s, s:s, s:i, s:b}", "name", p->name, "form",
                              paper_form_name(p->form), "count", p->count,
                              "required", p->required));
    }
    json_object_set_new(o, "documents", papers);
    return o;
}
