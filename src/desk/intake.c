/* SPDX-License-Identifier: GPL-3.0-or-later */
/* intake.c - the three outcomes at reception (DOMAIN.md section 1):
 * accept (a code, status received), refuse (a code, status refused, with
 * reasons), incomplete papers (a numbered supplement-request slip, no code).
 *
 * Code issuance: the next number for (agency, day) is read and written
 * inside the same BEGIN IMMEDIATE transaction that writes the dossier, its
 * papers, its first history event, its audit row and its outbox row.  The
 * write lock is held from BEGIN, so two processes never read the same
 * number, and a failed write rolls the number back with everything else:
 * the numbers of a day are 1..N with no gap and no reuse. */
#include "desk_internal.h"

#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "desk_returns.h"
#include "ids.h"
#include "person_name.h"
#include "store_returns.h"
#include "vntext.h"

#define MAX_PAPERS 100

mc_status desk_check_name(const char *name, const char *field,
                                   bool organisation, mc_error *err)
{
    char c = '\0';
    switch (name_check(name, organisation, &c)) {
    case NAME_OK:
        break;
    case NAME_MISSING:
        return mc_fail(err, MC_EINVAL, field,
                       _("Cần nhập tên người nộp hồ sơ (%s)"), field);
    case NAME_TOO_SHORT:
        return mc_fail(err, MC_EINVAL, field,
                       _("Tên \"%s\" quá ngắn (ít nhất 2 ký tự)"), name);
    case NAME_NO_LETTER:
        return mc_fail(err, MC_EINVAL, field,
                       _("Tên \"%s\" phải có chữ cái"), name);
    case NAME_BAD_CHAR:
        return mc_fail(err, MC_EINVAL, field,
                       _("Tên người \"%s\" không được chứa chữ số hay "
                         "ký hiệu '%c'"),
                       name, c);
    }
    return MC_OK;
}

mc_status desk_check_email(const char *e, mc_error *err)
{
    if (!e)
        return MC_OK;
    const char *at = strchr(e, '@');
    size_t n = strlen(e);
    if (n > 254 || !at || at == e || strchr(at + 1, '@') ||
        !strchr(at + 1, '.') || at[1] == '.' || e[n - 1] == '.' ||
        strpbrk(e, " \t,;<>()[]\\\""))
        return mc_fail(err, MC_EINVAL, "email",
                       _("Địa chỉ email \"%s\" không hợp lệ (dạng "
                         "ten@mien.vn)"),
                       e);
    return MC_OK;
}

/* Every field of an intake, validated and normalised (NFC). */
struct intake_fields {
    unsigned kind, channel, return_channel;
    char *name, *address, *email, *note, *reason, *delivery, *rep_name,
        *extra;
    char id_number[ID_MAX], bhxh[ID_MAX], tax[ID_MAX], phone[ID_MAX],
        rep_id[ID_MAX], rep_phone[ID_MAX];
    mc_dossier_paper *papers;
    size_t n_papers;
};

static void fields_free(struct intake_fields *f)
{
    free(f->name);
    free(f->address);
    free(f->email);
    free(f->note);
    free(f->reason);
    free(f->delivery);
    free(f->rep_name);
    free(f->extra);
    for (size_t i = 0; i < f->n_papers; i++)
        free(f->papers[i].name);
    free(f->papers);
}

static char *opt(const char *id)
{
    return id[0] ? mc_xstrdup(id) : NULL;
}

static mc_status validate(mc_desk *d, const desk_intake_in *in,
                          struct intake_fields *f, mc_error *err)
{
    mc_status rc;
    int year = mc_ts_vn_date(desk_now(d)).y;
    f->kind = APPLICANT_PERSON;
    if (in->applicant_kind && !applicant_kind_parse(in->applicant_kind, &f->kind))
        return mc_fail(err, MC_EINVAL, "applicant-kind",
                       _("Loại người nộp \"%s\" không hợp lệ: chọn person hoặc "
                         "organisation"),
                       in->applicant_kind);
    f->channel = CHANNEL_DIRECT;
    if (in->channel && !channel_parse(in->channel, &f->channel))
        return mc_fail(err, MC_EINVAL, "channel",
                       _("Kênh nộp \"%s\" không hợp lệ: chọn direct, postal "
                         "hoặc online"),
                       in->channel);
    bool org = f->kind == APPLICANT_ORGANISATION;
    if ((rc = desk_text(in->applicant_name, "applicant-name", 200, &f->name,
                        err)) ||
        (rc = desk_check_name(f->name, "applicant-name", org, err)))
        return rc;
    if (in->id_number && *in->id_number) {
        if (org) {
            /* an organisation's own identifier: its tax code */
            if ((rc = id_check_taxcode(in->id_number, "id-number", f->id_number,
                                       err)))
                return rc;
        } else if ((rc = id_check_person(in->id_number, year, "id-number",
                                         f->id_number, err)))
            return rc;
    }
    if (in->bhxh_number && *in->bhxh_number &&
        (rc = id_check_bhxh(in->bhxh_number, year, "bhxh-number", f->bhxh,
                            err)))
        return rc;
    if (in->tax_code && *in->tax_code &&
        (rc = id_check_taxcode(in->tax_code, "tax-code", f->tax, err)))
        return rc;
    if (in->phone && *in->phone &&
        (rc = id_check_phone(in->phone, "phone", f->phone, err)))
        return rc;
    if ((rc = desk_text(in->email, "email", 254, &f->email, err)) ||
        (rc = desk_check_email(f->email, err)))
        return rc;
    if ((rc = desk_text(in->address, "address", 300, &f->address, err)) ||
        (rc = desk_text(in->note, "note", 2000, &f->note, err)) ||
        (rc = desk_text(in->result_delivery, "result-delivery", 200,
                        &f->delivery, err)) ||
        (rc = desk_text(in->reason, "reason", 2000, &f->reason, err)))
        return rc;
    if ((rc = desk_return_channel_check(in->return_channel, f->channel,
                                        f->address, f->email,
                                        &f->return_channel, err)))
        return rc;
    if ((rc = desk_text(in->rep_name, "rep-name", 200, &f->rep_name, err)))
        return rc;
    if (f->rep_name &&
        (rc = desk_check_name(f->rep_name, "rep-name", false, err)))
        return rc;
    if (in->rep_id_number && *in->rep_id_number &&
        (rc = id_check_person(in->rep_id_number, year, "rep-id-number",
                              f->rep_id, err)))
        return rc;
    if (in->rep_phone && *in->rep_phone &&
        (rc = id_check_phone(in->rep_phone, "rep-phone", f->rep_phone, err)))
        return rc;
    if ((f->rep_id[0] || f->rep_phone[0]) && !f->rep_name)
        return mc_fail(err, MC_EINVAL, "rep-name",
                       _("Có thông tin người được uỷ quyền nhưng thiếu họ tên "
                         "(--rep-name)"));
    if (in->sets < 0 || in->sets > 99)
        return mc_fail(err, MC_EINVAL, "sets",
                       _("Số bộ hồ sơ phải từ 1 đến 99 (đang là %d)"), in->sets);
    if (in->extra_json && *in->extra_json) {
        json_error_t je;
        json_t *x = json_loads(in->extra_json, 0, &je);
        if (!x || !json_is_object(x)) {
            json_decref(x);
            return mc_fail(err, MC_EINVAL, "extra",
                           _("Thông tin bổ sung phải là một đối tượng JSON"));
        }
        f->extra = wire_dump(x);
        json_decref(x);
    }
    if (in->refuse && !f->reason)
        return mc_fail(err, MC_EINVAL, "reason",
                       _("Từ chối tiếp nhận phải ghi rõ lý do (--reason)"));
    if (!in->refuse && f->reason)
        return mc_fail(err, MC_EINVAL, "reason",
                       _("Lý do chỉ dùng khi từ chối tiếp nhận (--refuse)"));
    if (in->n_papers > MAX_PAPERS)
        return mc_fail(err, MC_ELIMIT, "document",
                       _("Tối đa %d giấy tờ trong một hồ sơ"), MAX_PAPERS);
    f->papers = mc_xcalloc(in->n_papers ? in->n_papers : 1, sizeof *f->papers);
    for (size_t i = 0; i < in->n_papers; i++) {
        const desk_paper_in *p = &in->papers[i];
        mc_dossier_paper *o = &f->papers[f->n_papers];
        if ((rc = desk_text(p->name, "document", 300, &o->name, err)))
            return rc;
        if (!o->name)
            return mc_fail(err, MC_EINVAL, "document",
                           _("Giấy tờ thứ %zu chưa có tên"), i + 1);
        f->n_papers++;
        o->form = PAPER_ORIGINAL;
        if (p->form && *p->form && !paper_form_parse(p->form, &o->form))
            return mc_fail(err, MC_EINVAL, "document",
                           _("Giấy tờ \"%s\": hình thức \"%s\" không hợp lệ "
                             "(original, certified_copy hoặc copy)"),
                           o->name, p->form);
        o->count = p->count ? p->count : 1;
        if (o->count < 1 || o->count > 99)
            return mc_fail(err, MC_EINVAL, "document",
                           _("Giấy tờ \"%s\": số lượng phải từ 1 đến 99 (đang "
                             "là %d)"),
                           o->name, p->count);
    }
    return MC_OK;
}

/* Match the papers handed in against the procedure's checklist: mark the
 * required ones, and refuse when a required paper is missing (unless the
 * dossier is being refused, when papers do not matter). */
static mc_status check_papers(const cat_procedure *proc,
                              struct intake_fields *f, bool refusing,
                              mc_error *err)
{
    char missing[1024];
    missing[0] = '\0';
    size_t used = 0;
    int n_missing = 0;
    /* each paper handed in is folded once, not once per checklist line */
    char **got = mc_xcalloc(f->n_papers ? f->n_papers : 1, sizeof *got);
    for (size_t j = 0; j < f->n_papers; j++)
        got[j] = vn_fold(f->papers[j].name);
    for (size_t i = 0; i < proc->n_papers; i++) {
        const cat_paper *cp = &proc->papers[i];
        char *want = vn_fold(cp->name);
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        bool found = false;
        for (size_t j = 0; j < f->n_papers; j++) {
            if (strcmp(got[j], want) == 0 ||
                strcmp(f->papers[j].name, num) == 0) {
                found = true;
                f->papers[j].required = cp->required;
                if (strcmp(f->papers[j].name, num) == 0) {
                    /* the clerk ticked the checklist by number */
                    free(f->papers[j].name);
                    f->papers[j].name = mc_xstrdup(cp->name);
                    free(got[j]);
                    got[j] = vn_fold(cp->name);
                }
            }
        }
        free(want);
        if (!found && cp->required) {
            n_missing++;
            int w = snprintf(missing + used, sizeof missing - used, "%s%s",
                             used ? "; " : "", cp->name);
            if (w > 0 && (size_t)w < sizeof missing - used)
                used += (size_t)w;
        }
    }
    for (size_t j = 0; j < f->n_papers; j++)
        free(got[j]);
    free(got);
    if (n_missing && !refusing)
        return mc_fail(err, MC_EINVAL, "document",
                       _("Thiếu %d giấy tờ bắt buộc của thủ tục %s: %s. Hãy "
                         "lập phiếu yêu cầu bổ sung (motcua dossier guide) "
                         "thay vì tiếp nhận."),
                       n_missing, proc->code, missing);
    return MC_OK;
}

mc_status desk_intake(mc_desk *d, const desk_intake_in *in, mc_dossier *out,
                      mc_error *err)
{
    return desk_intake_ex(d, in, NULL, out, err);
}

mc_status desk_intake_ex(mc_desk *d, const desk_intake_in *in,
                         const desk_intake_hook *hook, mc_dossier *out,
                         mc_error *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    mc_status rc = desk_require(d, ROLE_DESK, _("tiếp nhận hồ sơ"), err);
    if (rc)
        return rc;
    if (!in->procedure_code || !*in->procedure_code)
        return mc_fail(err, MC_EINVAL, "procedure",
                       _("Cần chọn thủ tục hành chính (--procedure)"));
    struct intake_fields f = {0};
    const cat_procedure *proc = NULL;
    mc_dossier ds = {0};
    if ((rc = validate(d, in, &f, err)))
        goto out;
    if ((rc = desk_procedure_current(d, in->procedure_code, &proc, err))) {
        if (rc == MC_ENOTFOUND)
            mc_strlcpy(err->field, "procedure", sizeof err->field);
        goto out;
    }
    if (!in->refuse && proc->processing_days <= 0) {
        rc = mc_fail(err, MC_EINVAL, "procedure",
                     _("Thủ tục %s chưa có thời hạn giải quyết trong danh mục "
                       "nên chưa thể tiếp nhận. Quản trị viên cần đặt thời "
                       "hạn: motcua catalogue set-time %s SỐ_NGÀY"),
                     proc->code, proc->code);
        goto out;
    }
    if (!(proc->applicant_kinds & f.kind) && proc->applicant_kinds) {
        rc = mc_fail(err, MC_EINVAL, "applicant-kind",
                     _("Thủ tục %s không dành cho người nộp loại %s"),
                     proc->code, applicant_kind_name(f.kind));
        goto out;
    }
    if ((rc = check_papers(proc, &f, in->refuse, err)))
        goto out;

    /* build the dossier */
    mc_ts now = desk_now(d);
    ds.status = in->refuse ? ST_REFUSED : ST_RECEIVED;
    ds.procedure_code = mc_xstrdup(proc->code);
    ds.procedure_version = proc->version;
    ds.procedure_name = mc_xstrdup(proc->name_vi);
    ds.procedure_field = proc->field ? mc_xstrdup(proc->field) : NULL;
    ds.processing_days = proc->processing_days;
    ds.processing_unit = proc->unit;
    ds.applicant_kind = f.kind;
    ds.applicant_name = f.name, f.name = NULL;
    ds.id_number = opt(f.id_number);
    ds.bhxh_number = opt(f.bhxh);
    ds.tax_code = opt(f.tax);
    ds.phone = opt(f.phone);
    ds.email = f.email, f.email = NULL;
    ds.address = f.address, f.address = NULL;
    ds.rep_name = f.rep_name, f.rep_name = NULL;
    ds.rep_id_number = opt(f.rep_id);
    ds.rep_phone = opt(f.rep_phone);
    ds.channel = f.channel;
    /* stored data, printed on the Vietnamese legal form: never translated
     * (a clerk using the English screens must not put English on it) */
    ds.result_delivery = f.delivery ? f.delivery
                         : f.return_channel == RET_DESK
                             ? mc_xstrdup("Tại Bộ phận Tiếp nhận và "
                                          "Trả kết quả")
                             : mc_xstrdup(return_channel_label_vi(
                                   f.return_channel));
    f.delivery = NULL;
    ds.return_channel = f.return_channel;
    ds.sets = in->sets ? in->sets : 1;
    ds.note = f.note, f.note = NULL;
    ds.refusal_reason = f.reason, f.reason = NULL;
    ds.extra_json = f.extra, f.extra = NULL;
    ds.received_at = now;
    ds.received_by = mc_xstrdup(desk_actor(d));
    ds.updated_at = now;
    ds.papers = f.papers, f.papers = NULL;
    ds.n_papers = f.n_papers, f.n_papers = 0;
    if (!in->refuse)
        desk_due(d, now, proc->processing_days, proc->unit, &ds.due_date,
                 &ds.due_at);

    /* one transaction: number, dossier, papers, history, audit, outbox */
    char day[7];
    dcode_day_key(mc_ts_vn_date(now), day);
    if ((rc = store_begin(d->store, err)))
        goto out;
    unsigned long seq = 0;
    rc = store_code_next(d->store, d->office_code, day, &seq, err);
    if (!rc)
        rc = dcode_format(d->office_code, mc_ts_vn_date(now), seq, ds.code,
                          err);
    if (!rc)
        rc = store_code_issue(d->store, d->office_code, day, seq, ds.code,
                              in->refuse ? "refusal" : "dossier", now, err);
    if (!rc)
        rc = store_dossier_insert(d->store, &ds, err);
    if (!rc && ds.return_channel != RET_DESK)
        rc = store_return_channel_set(d->store, ds.id, ds.return_channel, err);
    if (!rc && hook && hook->fn)
        rc = hook->fn(d, &ds, hook->ud, err);
    if (!rc)
        rc = desk_record(d, &ds, now, in->refuse ? "refuse" : "intake", NULL,
                         status_name(ds.status),
                         in->refuse ? ds.refusal_reason : ds.note,
                         hook ? hook->data : NULL, err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    if (!rc && out) {
        *out = ds;
        memset(&ds, 0, sizeof ds);
    }
out:
    mc_dossier_free(&ds);
    fields_free(&f);
    return rc;
}

/* --- the supplement-request slip at reception ---------------------------- */

mc_status desk_slip_number(mc_desk *d, mc_ts now, char number[64],
                           mc_error *err)
{
    char day[7];
    dcode_day_key(mc_ts_vn_date(now), day);
    unsigned long seq = 0;
    mc_status rc = store_slip_next(d->store, day, &seq, err);
    if (!rc)
        snprintf(number, 64, "%s-%s-BS%04lu", d->office_code, day, seq);
    return rc;
}

json_t *desk_missing_json(const char *const *missing, size_t n,
                          mc_status *rc, mc_error *err)
{
    json_t *arr = json_array();
    *rc = MC_OK;
    for (size_t i = 0; i < n; i++) {
        char *t = NULL;
        if ((*rc = desk_text(missing[i], "missing", 300, &t, err))) {
            json_decref(arr);
            return NULL;
        }
        if (t)
            json_array_append_new(arr, json_string(t));
        free(t);
    }
    if (json_array_size(arr) == 0) {
        json_decref(arr);
        *rc = mc_fail(err, MC_EINVAL, "missing",
                      _("Phiếu yêu cầu bổ sung phải liệt kê đủ mọi giấy tờ cần "
                        "bổ sung (--missing), một lần cho tất cả"));
        return NULL;
    }
    return arr;
}

mc_status desk_guide(mc_desk *d, const desk_guide_in *in, char number[64],
                     mc_error *err)
{
    number[0] = '\0';
    mc_status rc = desk_require(d, ROLE_DESK, _("lập phiếu yêu cầu bổ sung"),
                                err);
    if (rc)
        return rc;
    char *name = NULL, *reason = NULL, *addr = NULL, *email = NULL;
    char idn[ID_MAX] = "", phone[ID_MAX] = "";
    json_t *missing = NULL;
    cat_procedure proc = {0};
    int year = mc_ts_vn_date(desk_now(d)).y;
    if (!in->procedure_code || !*in->procedure_code) {
        rc = mc_fail(err, MC_EINVAL, "procedure",
                     _("Cần chọn thủ tục hành chính (--procedure)"));
        goto out;
    }
    if ((rc = desk_text(in->applicant_name, "applicant-name", 200, &name,
                        err)) ||
        (rc = desk_check_name(name, "applicant-name", true, err)) ||
        (rc = desk_text(in->reason, "reason", 2000, &reason, err)) ||
        (rc = desk_text(in->address, "address", 300, &addr, err)) ||
        (rc = desk_text(in->email, "email", 254, &email, err)) ||
        (rc = desk_check_email(email, err)))
        goto out;
    if (in->id_number && *in->id_number &&
        (rc = id_check_person(in->id_number, year, "id-number", idn, err)))
        goto out;
    if (in->phone && *in->phone &&
        (rc = id_check_phone(in->phone, "phone", phone, err)))
        goto out;
    missing = desk_missing_json(in->missing, in->n_missing, &rc, err);
    if (rc)
        goto out;
    if ((rc = desk_catalogue_get(d, in->procedure_code, &proc, err)))
        goto out;
    mc_ts now = desk_now(d);
    if ((rc = store_begin(d->store, err)))
        goto out;
    char day[7];
    dcode_day_key(mc_ts_vn_date(now), day);
    unsigned long seq = 0;
    rc = store_slip_next(d->store, day, &seq, err);
    char num[64];
    snprintf(num, sizeof num, "%s-%s-BS%04lu", d->office_code, day, seq);
    char *mtext = wire_dump(missing);
    if (!rc)
        rc = store_slip_insert(d->store, num, day, seq, 0, proc.code, name,
                               mtext, reason, desk_actor(d), now, err);
    free(mtext);
    if (!rc) {
        json_t *data = json_pack("{s:s, s:s, s:s, s:O, s:s?, s:s?, s:s?}",
                                 "number", num, "procedure_code", proc.code,
                                 "applicant_name", name, "missing", missing,
                                 "reason", reason, "id_number",
                                 idn[0] ? idn : NULL, "phone",
                                 phone[0] ? phone : NULL);
        rc = desk_audit(d, now, "guide", num, json_deep_copy(data), err);
        if (!rc)
            rc = desk_outbox(d, now, "guide", NULL, data, err);
        else
            json_decref(data);
    }
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    if (!rc)
        mc_strlcpy(number, num, 64);
out:
    json_decref(missing);
    cat_procedure_free(&proc);
    free(name);
    free(reason);
    free(addr);
    free(email);
    return rc;
}
