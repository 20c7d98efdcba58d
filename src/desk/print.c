/* SPDX-License-Identifier: GPL-3.0-or-later */
/* print.c - the desk's side of printing: fill the printers' snapshot from
 * committed data, and record each print (print_jobs + audit) atomically.
 *
 * A snapshot owns every string it points to (a small pool freed with the
 * document), so the renderer may run after the dossier was freed and the
 * database closed.  Copy numbers: a form's n-th successful print after the
 * first is copy n; failed attempts do not count, so a receipt whose first
 * print failed is still printed as the original.
 */
#include "desk_print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "desk_internal.h"
#include "store_print.h"
#include "vntext.h"

struct desk_print_doc {
    pr_form form;
    int64_t dossier_id; /* 0 for the book */
    char code[DCODE_MAX];
    char *file_name;
    char **pool;
    size_t n_pool, cap_pool;
    pr_paper_item *papers;
    pr_handover *handovers;
    size_t cap_handovers;
    const char **items;
    size_t cap_items;
    pr_dossier *rows;
    size_t cap_rows;
};

/* Keep a copy of s for the document's lifetime; NULL stays NULL. */
static const char *keep(desk_print_doc *p, const char *s)
{
    if (!s)
        return NULL;
    if (p->n_pool == p->cap_pool) {
        p->cap_pool = p->cap_pool ? p->cap_pool * 2 : 64;
        p->pool = mc_xrealloc(p->pool, p->cap_pool * sizeof *p->pool);
    }
    return p->pool[p->n_pool++] = mc_xstrdup(s);
}

static const char *keep_own(desk_print_doc *p, char *s)
{
    const char *k = keep(p, s);
    free(s);
    return k;
}

void desk_print_doc_free(desk_print_doc *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_pool; i++)
        free(p->pool[i]);
    free(p->pool);
    free(p->papers);
    free(p->handovers);
    free(p->items);
    free(p->rows);
    free(p->file_name);
    free(p);
}

const pr_form *desk_print_form(const desk_print_doc *p)
{
    return &p->form;
}

const char *desk_print_file_name(const desk_print_doc *p)
{
    return p->file_name;
}

static const char *cfg_str(const struct mc_config *cfg, const char *section,
                           const char *key)
{
    const char *v = cfg ? cfg_get(cfg, section, key) : NULL;
    return v && *v ? v : NULL;
}

char *desk_print_receipts_dir(mc_desk *d, const struct mc_config *cfg)
{
    const char *dir = cfg_str(cfg, "print", "receipts_dir");
    if (dir)
        return mc_xstrdup(dir);
    const char *db = d->db_path;
    const char *slash = strrchr(db, '/');
    if (!slash)
        return mc_xstrdup("receipts");
    return mc_xasprintf("%.*s/receipts", (int)(slash - db), db);
}

void desk_print_office(mc_desk *d, const struct mc_config *cfg, pr_form *f)
{
    const char *paper = cfg_str(cfg, "print", "paper");
    f->paper = paper && strcmp(paper, "A5") == 0 ? PR_PAPER_A5 : PR_PAPER_A4;
    const char *parent = cfg_str(cfg, "office", "parent_agency");
    f->office.parent_agency = parent ? parent : desk_office_name(d);
    const char *name = cfg_str(cfg, "office", "name");
    f->office.name = name ? name : "Bộ phận Tiếp nhận và Trả kết quả";
    f->office.code = desk_office_code(d);
    f->office.address = cfg_str(cfg, "office", "address");
    f->office.phone = cfg_str(cfg, "office", "phone");
    f->office.place = cfg_str(cfg, "office", "place");
    f->printed_at = desk_now(d);
    f->officer = d->user.name ? d->user.name : d->user.login;
}

static desk_print_doc *doc_new(mc_desk *d, pr_doc kind,
                               const desk_print_opts *o)
{
    desk_print_doc *p = mc_xcalloc(1, sizeof *p);
    pr_form *f = &p->form;
    f->doc = kind;
    desk_print_office(d, o ? o->cfg : NULL, f);
    /* the document outlives the configuration it was filled from */
    f->office.parent_agency = keep(p, f->office.parent_agency);
    f->office.name = keep(p, f->office.name);
    f->office.code = keep(p, f->office.code);
    f->office.address = keep(p, f->office.address);
    f->office.phone = keep(p, f->office.phone);
    f->office.place = keep(p, f->office.place);
    f->officer = keep(p, f->officer);
    f->copies = o && o->copies > 0 ? o->copies : 2;
    return p;
}

/* The receiving officer's name for a login (the login when unknown). */
static const char *user_name(desk_print_doc *p, mc_desk *d, const char *login)
{
    if (!login)
        return NULL;
    store_user u = {0};
    mc_error e;
    const char *out = login;
    if (store_user_get(d->store, login, &u, &e) == MC_OK && u.name && *u.name)
        out = u.name;
    out = keep(p, out);
    store_user_free(&u);
    return out;
}

static void fill_dossier(desk_print_doc *p, mc_desk *d, const mc_dossier *ds,
                         pr_dossier *out, bool with_papers)
{
    memset(out, 0, sizeof *out);
    out->code = keep(p, ds->code);
    out->book_number = (long)ds->id;
    out->book_volume = keep_own(p, mc_xasprintf("%d",
                                                mc_ts_vn_date(ds->received_at).y));
    out->procedure_name = keep(p, ds->procedure_name);
    out->procedure_field = keep(p, ds->procedure_field);
    out->organisation = ds->applicant_kind == APPLICANT_ORGANISATION;
    out->applicant_name = keep(p, ds->applicant_name);
    out->id_number = keep(p, ds->id_number  ? ds->id_number
                             : ds->tax_code ? ds->tax_code
                                            : ds->bhxh_number);
    out->address = keep(p, ds->address);
    out->phone = keep(p, ds->phone);
    out->email = keep(p, ds->email);
    out->rep_name = keep(p, ds->rep_name);
    out->rep_id_number = keep(p, ds->rep_id_number);
    out->rep_phone = keep(p, ds->rep_phone);
    out->sets = ds->sets;
    out->processing_days = ds->processing_days;
    out->processing_unit = ds->processing_unit == CAL_UNIT_WORKDAYS
                               ? "ngày làm việc"
                               : "ngày (không kể ngày nghỉ lễ)";
    out->received_at = ds->received_at;
    out->due_at = ds->due_at;
    out->original_due_at = ds->original_due_at;
    out->returned_at = ds->returned_at;
    out->received_by = user_name(p, d, ds->received_by);
    out->result_delivery = keep(p, ds->result_delivery);
    out->department = keep(p, ds->department);
    out->status = keep(p, status_label_vi(ds->status));
    out->receiver_name = keep(p, ds->receiver_name);
    out->return_channel = ds->return_channel;
    out->returned_via = ds->returned_via;
    out->post_tracking = keep(p, ds->post_tracking);
    out->posted_on = ds->posted_on;
    if (with_papers && ds->n_papers) {
        p->papers = mc_xcalloc(ds->n_papers, sizeof *p->papers);
        for (size_t i = 0; i < ds->n_papers; i++) {
            p->papers[i].name = keep(p, ds->papers[i].name);
            p->papers[i].form = keep(p, paper_form_label(ds->papers[i].form));
            p->papers[i].count = ds->papers[i].count;
        }
        out->papers = p->papers;
        out->n_papers = ds->n_papers;
    }
}

static void add_item(desk_print_doc *p, const char *s)
{
    if (p->form.n_items == p->cap_items) {
        p->cap_items = p->cap_items ? p->cap_items * 2 : 8;
        p->items = mc_xrealloc(p->items, p->cap_items * sizeof *p->items);
    }
    p->items[p->form.n_items++] = keep(p, s);
    p->form.items = p->items;
}

/* Reasons typed as several lines (or "; "-separated) become items. */
static void add_items_split(desk_print_doc *p, const char *text)
{
    if (!text)
        return;
    char *copy = mc_xstrdup(text);
    char *save = NULL;
    for (char *t = strtok_r(copy, "\n;", &save); t;
         t = strtok_r(NULL, "\n;", &save)) {
        while (*t == ' ')
            t++;
        if (*t)
            add_item(p, t);
    }
    free(copy);
}

/* --- the history, for the control slip and the other forms ------------- */

struct hist {
    desk_print_doc *p;
    mc_desk *d;
    const mc_dossier *ds;
    /* the latest of each kind of event */
    json_t *supplement; /* data of the last move to supplement_requested */
    const char *supplement_note;
    const char *extend_note;
    const char *stop_note;
};

static void add_handover(desk_print_doc *p, mc_ts at, const char *giver,
                         const char *receiver, const char *result,
                         const char *note)
{
    if (p->form.n_handovers == p->cap_handovers) {
        p->cap_handovers = p->cap_handovers ? p->cap_handovers * 2 : 8;
        p->handovers = mc_xrealloc(p->handovers,
                                   p->cap_handovers * sizeof *p->handovers);
    }
    p->handovers[p->form.n_handovers++] = (pr_handover){
        at, keep(p, giver), keep(p, receiver), keep(p, result), keep(p, note)};
    p->form.handovers = p->handovers;
}

/* Early / on time / late against the due date (on the due day: on time). */
static const char *timeliness(const mc_dossier *ds, mc_ts at)
{
    if (ds->due_at <= 0)
        return NULL;
    int c = mc_date_cmp(mc_ts_vn_date(at), ds->due_date);
    return c < 0 ? "Trước hạn" : c == 0 ? "Đúng hạn" : "Quá hạn";
}

static void hist_event(const desk_event *e, void *ud)
{
    struct hist *h = ud;
    desk_print_doc *p = h->p;
    const mc_dossier *ds = h->ds;
    const char *office = p->form.office.name;
    const char *dept = ds->department ? ds->department : "Phòng chuyên môn";
    json_t *data = e->data ? json_loads(e->data, 0, NULL) : NULL;
    const char *edept = json_string_value(json_object_get(data, "department"));
    if (edept)
        dept = edept;
    const char *to = e->to_status ? e->to_status : "";
    const char *from = e->from_status ? e->from_status : "";
    char *note = NULL;
    const char *result = timeliness(ds, e->at);

    if (strcmp(e->action, "intake") == 0 || strcmp(e->action, "refuse") == 0) {
        note = mc_xstrdup(strcmp(e->action, "intake") == 0
                              ? "Tiếp nhận hồ sơ"
                              : "Từ chối tiếp nhận");
        add_handover(p, e->at, ds->applicant_name, office, NULL, note);
    } else if (strcmp(e->action, "return") == 0) {
        note = mc_xstrdup("Trả kết quả");
        add_handover(p, e->at, office, ds->receiver_name, result, note);
    } else if (strcmp(e->action, "extend") == 0) {
        const char *nd = json_string_value(json_object_get(data,
                                                           "new_due_date"));
        note = mc_xasprintf("Gia hạn đến %s%s%s", nd ? nd : "?",
                            e->note ? ": " : "", e->note ? e->note : "");
        add_handover(p, e->at, dept, office, result, note);
        h->extend_note = keep(p, e->note);
    } else if (strcmp(to, "processing") == 0) {
        bool back = strcmp(from, "supplement_requested") == 0;
        note = mc_xstrdup(back ? "Đã bổ sung đủ giấy tờ" : "Chuyển xử lý");
        add_handover(p, e->at, back ? ds->applicant_name : office, dept, NULL,
                     note);
    } else if (strcmp(to, "supplement_requested") == 0) {
        note = mc_xasprintf("Yêu cầu bổ sung hồ sơ%s%s", e->note ? ": " : "",
                            e->note ? e->note : "");
        add_handover(p, e->at, strcmp(from, "processing") == 0 ? dept : office,
                     ds->applicant_name, NULL, note);
        json_decref(h->supplement);
        h->supplement = json_incref(data);
        h->supplement_note = keep(p, e->note);
    } else if (strcmp(to, "done") == 0) {
        note = mc_xstrdup("Có kết quả giải quyết");
        add_handover(p, e->at, dept, office, result, note);
    } else if (strcmp(to, "stopped") == 0 || strcmp(to, "withdrawn") == 0) {
        note = mc_xasprintf("%s%s%s", status_label_vi(strcmp(to, "stopped") == 0
                                                       ? ST_STOPPED
                                                       : ST_WITHDRAWN),
                            e->note ? ": " : "", e->note ? e->note : "");
        add_handover(p, e->at, office, ds->applicant_name, NULL, note);
        h->stop_note = keep(p, e->note);
    }
    free(note);
    json_decref(data);
}

mc_status desk_print_prepare(mc_desk *d, pr_doc kind, const char *code,
                             const desk_print_opts *o, desk_print_doc **out,
                             mc_error *err)
{
    *out = NULL;
    mc_status rc = desk_require(d, ROLE_DESK, _("in phiếu"), err);
    if (rc)
        return rc;
    if (kind == PR_BOOK || (unsigned)kind >= PR__DOC_COUNT)
        return mc_fail(err, MC_EINVAL, "document", _("Không có mẫu phiếu này"));
    mc_dossier ds = {0};
    if ((rc = desk_dossier_get(d, code, &ds, err)))
        return rc;
    desk_print_doc *p = doc_new(d, kind, o);
    pr_form *f = &p->form;
    p->dossier_id = ds.id;
    mc_strlcpy(p->code, ds.code, sizeof p->code);
    fill_dossier(p, d, &ds, &f->dossier, kind == PR_RECEIPT);

    struct hist h = {.p = p, .d = d, .ds = &ds};
    if ((rc = desk_history_each(d, &ds, hist_event, &h, err)))
        goto fail;

    switch (kind) {
    case PR_RECEIPT: {
        if (ds.status == ST_REFUSED) {
            rc = mc_fail(err, MC_ESTATE, "document",
                         _("Hồ sơ %s đã bị từ chối tiếp nhận: hãy in phiếu từ "
                           "chối (print form refusal)"),
                         ds.code);
            goto fail;
        }
        const char *base = o ? cfg_str(o->cfg, "lookup", "url_base") : NULL;
        f->lookup_url = keep_own(p, mc_xasprintf("%s%s", base ? base : "",
                                                 ds.code));
        break;
    }
    case PR_REFUSAL:
        if (ds.status != ST_REFUSED && !(o && (o->reason || o->n_items))) {
            rc = mc_fail(err, MC_ESTATE, "document",
                         _("Hồ sơ %s không bị từ chối tiếp nhận"), ds.code);
            goto fail;
        }
        add_items_split(p, o && o->reason ? o->reason : ds.refusal_reason);
        break;
    case PR_SUPPLEMENT: {
        json_t *missing = json_object_get(h.supplement, "missing");
        size_t i;
        json_t *m;
        json_array_foreach(missing, i, m) add_item(p, json_string_value(m));
        const char *slip = json_string_value(json_object_get(h.supplement,
                                                             "slip"));
        f->number = keep(p, slip);
        f->reason = h.supplement_note;
        if (!h.supplement && !(o && o->n_items)) {
            rc = mc_fail(err, MC_ESTATE, "document",
                         _("Hồ sơ %s chưa có yêu cầu bổ sung nào"), ds.code);
            goto fail;
        }
        break;
    }
    case PR_APOLOGY:
        if (!ds.extended) {
            rc = mc_fail(err, MC_ESTATE, "document",
                         _("Hồ sơ %s chưa được gia hạn (dossier extend)"),
                         ds.code);
            goto fail;
        }
        f->reason = h.extend_note;
        f->new_due_at = ds.due_at;
        break;
    case PR_STOP:
        if (ds.status != ST_STOPPED && ds.status != ST_WITHDRAWN) {
            rc = mc_fail(err, MC_ESTATE, "document",
                         _("Hồ sơ %s không ở trạng thái dừng giải quyết "
                           "(đang: %s)"),
                         ds.code, status_label(ds.status));
            goto fail;
        }
        f->reason = h.stop_note;
        break;
    case PR_CONTROL:
    default:
        break;
    }
    if (o && o->n_items) {
        f->n_items = 0;
        for (size_t i = 0; i < o->n_items; i++)
            add_item(p, o->items[i]);
    }
    if (o && o->reason && kind != PR_REFUSAL)
        f->reason = keep(p, o->reason);
    if (o && o->contact)
        f->contact = keep(p, o->contact);

    int n = 0;
    if ((rc = store_print_count(d->store, ds.id, pr_doc_name(kind), &n, err)))
        goto fail;
    f->copy_no = n > 0 ? n : o && o->force_copy ? 1 : 0;
    if (f->copy_no > 0)
        p->file_name = mc_xasprintf("%s-%s-copy%d.pdf", pr_doc_name(kind),
                                    ds.code, f->copy_no);
    else
        p->file_name = mc_xasprintf("%s-%s.pdf", pr_doc_name(kind), ds.code);
    json_decref(h.supplement);
    mc_dossier_free(&ds);
    *out = p;
    return MC_OK;
fail:
    json_decref(h.supplement);
    mc_dossier_free(&ds);
    desk_print_doc_free(p);
    return rc;
}

/* --- the tracking book ---------------------------------------------------- */

struct book {
    desk_print_doc *p;
    mc_desk *d;
};

static bool book_row(const mc_dossier *ds, void *ud)
{
    struct book *b = ud;
    desk_print_doc *p = b->p;
    if (p->form.n_rows == p->cap_rows) {
        p->cap_rows = p->cap_rows ? p->cap_rows * 2 : 64;
        p->rows = mc_xrealloc(p->rows, p->cap_rows * sizeof *p->rows);
    }
    fill_dossier(p, b->d, ds, &p->rows[p->form.n_rows++], false);
    return true;
}

mc_status desk_print_book(mc_desk *d, mc_date from, mc_date to,
                          const desk_print_opts *o, desk_print_doc **out,
                          mc_error *err)
{
    *out = NULL;
    mc_status rc = desk_require(d, ROLE_DESK, _("in sổ theo dõi hồ sơ"), err);
    if (rc)
        return rc;
    int64_t span = mc_date_to_days(to) - mc_date_to_days(from);
    if (span < 0)
        return mc_fail(err, MC_EINVAL, "to",
                       _("Ngày kết thúc (--to) phải sau ngày bắt đầu (--from)"));
    if (span > 366)
        return mc_fail(err, MC_EINVAL, "to",
                       _("Sổ theo dõi in tối đa 366 ngày một lần (đang có "
                         "%lld)"),
                       (long long)span + 1);
    desk_print_doc *p = doc_new(d, PR_BOOK, o);
    p->form.from = from;
    p->form.to = to;
    struct book b = {p, d};
    for (mc_date day = from; mc_date_cmp(day, to) <= 0;
         day = mc_date_add(day, 1)) {
        char iso[11];
        mc_date_format(day, iso);
        desk_list_filter lf = {.received_on = iso};
        if ((rc = desk_list(d, &lf, book_row, &b, err))) {
            desk_print_doc_free(p);
            return rc;
        }
    }
    p->form.rows = p->rows;
    p->form.copy_no = o && o->force_copy ? 1 : 0;
    char a[11], z[11];
    mc_date_format(from, a);
    mc_date_format(to, z);
    p->file_name = mc_xasprintf("book-%s-%s.pdf", a, z);
    *out = p;
    return MC_OK;
}

/* --- recording ------------------------------------------------------------ */

/* A copy of text for the print log and the audit detail: a file name or a
 * CUPS message need not be valid UTF-8 (a Linux path is any bytes), but the
 * audit row is JSON, which must be.  Bytes that are not UTF-8 become '?'
 * (the record still says where the document went); NULL stays NULL. */
static char *print_log_text(const char *s)
{
    if (!s)
        return NULL;
    char *c = mc_xstrdup(s);
    if (vn_utf8_valid(c))
        return c;
    for (unsigned char *q = (unsigned char *)c; *q; q++)
        if (*q >= 0x80)
            *q = '?';
    return c;
}

mc_status desk_print_record(mc_desk *d, const desk_print_doc *p,
                            const desk_print_outcome *o, int64_t *job_row,
                            mc_error *err)
{
    mc_status rc = desk_require(d, ROLE_DESK, _("in phiếu"), err);
    if (rc)
        return rc;
    mc_ts now = desk_now(d);
    const char *doc = pr_doc_name(p->form.doc);
    char *dest = print_log_text(o->destination);
    char *reason = print_log_text(o->reason);
    store_print_job j = {
        .dossier_id = p->dossier_id, .document = doc,
        .copy_no = p->form.copy_no, .destination = dest,
        .cups_job_id = o->cups_job_id, .state = o->state, .reason = reason,
        .actor = desk_actor(d), .created_at = now,
    };
    int64_t id = 0;
    if ((rc = store_begin(d->store, err))) {
        free(dest);
        free(reason);
        return rc;
    }
    rc = store_print_insert(d->store, &j, &id, err);
    json_t *detail = NULL;
    if (!rc) {
        detail = json_pack("{s:s, s:i, s:s, s:s, s:I}", "document", doc,
                           "copy_no", p->form.copy_no, "destination",
                           dest ? dest : "", "state", o->state, "print_job",
                           (json_int_t)id);
        if (!detail) /* never an audit row that silently lost its detail */
            rc = mc_fail(err, MC_ENOMEM, "print", "%s",
                         _("không ghi được nhật ký in"));
    }
    if (!rc) {
        if (o->cups_job_id)
            json_object_set_new(detail, "cups_job_id",
                                json_integer(o->cups_job_id));
        if (reason)
            json_object_set_new(detail, "reason", json_string(reason));
        char *object = p->dossier_id
                           ? mc_xstrdup(p->code)
                           : mc_xasprintf("book:%04d-%02d-%02d..%04d-%02d-%02d",
                                          p->form.from.y, p->form.from.m,
                                          p->form.from.d, p->form.to.y,
                                          p->form.to.m, p->form.to.d);
        bool failed = strcmp(o->state, "failed") == 0;
        rc = desk_audit(d, now,
                        failed                 ? "print.failed"
                        : p->form.copy_no > 0 ? "print.copy"
                                              : "print",
                        object, detail, err);
        free(object);
    }
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    free(dest);
    free(reason);
    if (!rc && job_row)
        *job_row = id;
    return rc;
}

mc_status desk_print_update(mc_desk *d, int64_t job_row, const char *state,
                            int cups_job_id, const char *reason, mc_error *err)
{
    return store_print_update(d->store, job_row, state, cups_job_id, reason,
                              desk_now(d), err);
}

struct jobs_ctx {
    desk_print_job_fn fn;
    void *ud;
};

static void job_one(const store_print_job *j, void *ud)
{
    struct jobs_ctx *c = ud;
    desk_print_job dj = {j->id, j->document, j->copy_no, j->destination,
                         j->cups_job_id, j->state, j->reason, j->actor,
                         j->created_at, j->updated_at};
    c->fn(&dj, c->ud);
}

mc_status desk_print_jobs(mc_desk *d, const char *code, desk_print_job_fn fn,
                          void *ud, mc_error *err)
{
    mc_dossier ds = {0};
    mc_status rc = desk_dossier_get(d, code, &ds, err);
    if (rc)
        return rc;
    struct jobs_ctx c = {fn, ud};
    rc = store_print_each(d->store, ds.id, job_one, &c, err);
    mc_dossier_free(&ds);
    return rc;
}
