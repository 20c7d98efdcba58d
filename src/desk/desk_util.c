/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_util.c - text fields, due dates, the calendar, dossier JSON. */
#include "desk_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "vntext.h"
#include "wire_text.h"

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

/* --- JSON ----------------------------------------------------------------
 * A dossier's snapshot is written two ways from one list of fields
 * (dossier_fields): as a jansson object (desk_dossier_json, for --json and
 * anything that edits it) and straight to text (desk_dossier_text, for the
 * intake's outbox event), the text being byte for byte wire_dump() of the
 * object (test_dossier_text checks it). */
struct dsink {
    json_t *o;   /* a jansson object, or */
    wire_obj *w; /* text */
};

static void ds_null(struct dsink *s, const char *k)
{
    if (s->o)
        json_object_set_new(s->o, k, json_null());
    else
        wire_obj_null(s->w, k);
}

static void ds_str(struct dsink *s, const char *k, const char *v)
{
    if (s->o)
        json_object_set_new(s->o, k, v ? json_string(v) : json_null());
    else
        wire_obj_str(s->w, k, v);
}

static void ds_int(struct dsink *s, const char *k, long long v)
{
    if (s->o)
        json_object_set_new(s->o, k, json_integer(v));
    else
        wire_obj_int(s->w, k, v);
}

static void ds_bool(struct dsink *s, const char *k, bool v)
{
    if (s->o)
        json_object_set_new(s->o, k, json_boolean(v));
    else
        wire_obj_bool(s->w, k, v);
}

static void ds_ts(struct dsink *s, const char *k, mc_ts t)
{
    if (t > 0) {
        char b[26];
        mc_ts_format_vn(t, b);
        ds_str(s, k, b);
    } else {
        ds_null(s, k);
    }
}

/* a JSON text parsed and set as is (NULL or unparsable: null) */
static void ds_json(struct dsink *s, const char *k, const char *text)
{
    json_t *x = text ? json_loads(text, 0, NULL) : NULL;
    if (s->o) {
        json_object_set_new(s->o, k, x ? x : json_null());
        return;
    }
    if (!x) {
        wire_obj_null(s->w, k);
        return;
    }
    char *t = wire_dump(x);
    json_decref(x);
    wire_obj_raw(s->w, k, t);
    free(t);
}

/* a child object: begin gives a sink of the same kind, end sets it */
static void ds_child_begin(const struct dsink *s, struct dsink *c,
                           wire_obj *cw)
{
    c->o = s->o ? json_object() : NULL;
    c->w = s->o ? NULL : cw;
    if (c->w)
        wire_obj_init(c->w);
}

static void ds_child_end(struct dsink *s, const char *k, struct dsink *c)
{
    if (s->o) {
        json_object_set_new(s->o, k, c->o);
        return;
    }
    char *t = wire_obj_finish(c->w);
    wire_obj_raw(s->w, k, t);
    free(t);
}

/* the checklist of papers: an array of {name, form, count, required} */
static void ds_papers(struct dsink *s, const char *k, const mc_dossier *ds)
{
    if (s->o) {
        json_t *papers = json_array();
        for (size_t i = 0; i < ds->n_papers; i++) {
            const mc_dossier_paper *p = &ds->papers[i];
            json_array_append_new(
                papers,
                json_pack("{s:s, s:s, s:i, s:b}", "name", p->name, "form",
                          paper_form_name(p->form), "count", p->count,
                          "required", p->required));
        }
        json_object_set_new(s->o, k, papers);
        return;
    }
    size_t cap = 64, len = 1;
    char *arr = mc_xmalloc(cap);
    arr[0] = '[';
    for (size_t i = 0; i < ds->n_papers; i++) {
        const mc_dossier_paper *p = &ds->papers[i];
        if (!p->name || !vn_utf8_valid(p->name))
            continue; /* json_pack fails: jansson appends nothing */
        wire_obj e;
        wire_obj_init(&e);
        wire_obj_int(&e, "count", p->count); /* in key order */
        wire_obj_str(&e, "form", paper_form_name(p->form));
        wire_obj_str(&e, "name", p->name);
        wire_obj_bool(&e, "required", p->required);
        char *t = wire_obj_finish(&e);
        size_t n = strlen(t);
        if (len + n + 3 > cap) {
            cap = (len + n + 3) * 2;
            arr = mc_xrealloc(arr, cap);
        }
        if (len > 1)
            arr[len++] = ',';
        memcpy(arr + len, t, n);
        len += n;
        free(t);
    }
    arr[len++] = ']';
    arr[len] = '\0';
    wire_obj_raw(s->w, k, arr);
    free(arr);
}

/* The snapshot's fields in byte order of their keys, the order both
 * jansson (JSON_SORT_KEYS) and wire_obj_finish print: the text writer then
 * finds them sorted and does not sort (any order stays correct). */
static void dossier_fields(struct dsink *s, const mc_dossier *ds, mc_ts now)
{
    ds_str(s, "address", ds->address);
    ds_str(s, "applicant_kind", applicant_kind_name(ds->applicant_kind));
    ds_str(s, "applicant_name", ds->applicant_name);
    ds_str(s, "bhxh_number", ds->bhxh_number);
    ds_str(s, "channel", channel_name(ds->channel));
    ds_str(s, "code", ds->code);
    ds_str(s, "department", ds->department);
    ds_papers(s, "documents", ds);
    ds_ts(s, "due_at", ds->due_at);
    if (ds->due_at > 0) {
        char b[11];
        mc_date_format(ds->due_date, b);
        ds_str(s, "due_date", b);
    } else {
        ds_null(s, "due_date");
    }
    ds_str(s, "email", ds->email);
    ds_bool(s, "extended", ds->extended);
    ds_json(s, "extra", ds->extra_json);
    ds_str(s, "id_number", ds->id_number);
    ds_str(s, "note", ds->note);
    ds_ts(s, "original_due_at", ds->original_due_at);
    ds_bool(s, "overdue", mc_dossier_overdue(ds, now));
    ds_ts(s, "paused_at", ds->paused_at);
    ds_str(s, "phone", ds->phone);
    ds_str(s, "post_tracking", ds->post_tracking);
    if (ds->posted_on.y) {
        char b[11];
        mc_date_format(ds->posted_on, b);
        ds_str(s, "posted_on", b);
    } else {
        ds_null(s, "posted_on");
    }
    ds_str(s, "procedure_code", ds->procedure_code);
    ds_str(s, "procedure_field", ds->procedure_field);
    ds_str(s, "procedure_name", ds->procedure_name);
    ds_int(s, "procedure_version", ds->procedure_version);
    ds_int(s, "processing_days", ds->processing_days);
    ds_str(s, "processing_unit",
           ds->processing_unit == CAL_UNIT_DAYS_EXCL_HOLIDAYS
               ? "days_excluding_holidays"
               : "workdays");
    ds_ts(s, "received_at", ds->received_at);
    ds_str(s, "received_by", ds->received_by);
    ds_str(s, "receiver_id", ds->receiver_id);
    ds_str(s, "receiver_name", ds->receiver_name);
    ds_str(s, "receiver_relation", ds->receiver_relation);
    ds_str(s, "refusal_reason", ds->refusal_reason);
    if (ds->rep_name || ds->rep_id_number || ds->rep_phone) {
        struct dsink r;
        wire_obj rw;
        ds_child_begin(s, &r, &rw);
        ds_str(&r, "id_number", ds->rep_id_number);
        ds_str(&r, "name", ds->rep_name);
        ds_str(&r, "phone", ds->rep_phone);
        ds_child_end(s, "representative", &r);
    } else {
        ds_null(s, "representative");
    }
    ds_str(s, "result_delivery", ds->result_delivery);
    ds_ts(s, "result_sent_at", ds->result_sent_at);
    ds_str(s, "return_channel",
           return_channel_name(ds->return_channel ? ds->return_channel
                                                  : RET_DESK));
    ds_ts(s, "returned_at", ds->returned_at);
    ds_str(s, "returned_via", return_channel_name(ds->returned_via));
    ds_int(s, "sets", ds->sets);
    ds_str(s, "status", status_name(ds->status));
    ds_str(s, "status_label", status_label(ds->status));
    ds_int(s, "status_portal_code", status_portal_code(ds->status));
    ds_str(s, "tax_code", ds->tax_code);
    ds_ts(s, "updated_at", ds->updated_at);
}

json_t *desk_dossier_json(const mc_dossier *ds, mc_ts now)
{
    struct dsink s = {.o = json_object()};
    dossier_fields(&s, ds, now);
    return s.o;
}

char *desk_dossier_text(const mc_dossier *ds, mc_ts now)
{
    wire_obj w;
    wire_obj_init(&w);
    struct dsink s = {.w = &w};
    dossier_fields(&s, ds, now);
    return wire_obj_finish(&w);
}
