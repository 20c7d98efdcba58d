/* SPDX-License-Identifier: GPL-3.0-or-later */
/* intake.c - taking in a dossier at the counter.
 *
 * Steps: PICK the procedure (type-ahead over code, name and field, folded
 * so diacritics never matter) -> FORM (applicant fields, the procedure's
 * extra fields, the paper checklist with original/copy and count; live
 * validation on the status line) -> one of three outcomes:
 *   F2 save       accept: desk_intake issues the code, shown large, and
 *                 the receipt is printed (or the UI says why not);
 *   F7 supplement papers incomplete: a numbered supplement request listing
 *                 every missing paper (desk_guide), no code;
 *   F8 refuse     reasons required (desk_intake with refuse).
 * The form is the draft: it survives an idle lock (offered back to the
 * same clerk), F10 (back home, kept), a resize; Esc twice discards it. */
#include "ui_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_files.h"
#include "vntext.h"

enum { IS_PICK, IS_FORM, IS_REFUSE, IS_GUIDE, IS_DONE };

enum {
    F_NAME, F_ID, F_BHXH, F_PHONE, F_EMAIL, F_ADDRESS, F_REP, F_REP_ID,
    F_NOTE, N_APP
};

typedef struct pick_item {
    char *code, *name, *folded;
    int days;
} pick_item;

typedef struct staged_scan {
    desk_file_staged f;
    const char *source; /* DESK_SRC_FILE or DESK_SRC_FOLDER */
} staged_scan;

typedef struct paper_state {
    bool got;
    mc_paper_form form;
    int count;
    /* scans checked and copied (F9 / s), attached once the dossier is
     * saved and has its code */
    staged_scan *scans;
    size_t n_scans;
} paper_state;

static struct {
    int step;
    /* picker */
    ui_field filter;
    pick_item *items;
    size_t n_items;
    size_t *match;
    size_t n_match;
    int sel, top;
    /* form */
    cat_procedure proc;
    bool have_proc;
    ui_field app[N_APP];
    ui_field *extra;
    size_t n_extra;
    paper_state *papers;
    int focus, scroll;
    ui_field reason; /* refusal reasons / supplement note */
    bool esc_armed;
    bool org; /* the applicant is an organisation: the id is a tax code */
    bool missing_shown; /* the status line lists the missing papers */
    /* outcome */
    char code[DCODE_MAX];
    char number[64];
    bool refused;
    char print_msg[700];
    bool printed, print_file, print_planned;
    mc_ts due_at; /* the appointment to collect the result */
    ui_attach attach; /* the attach box, over the form */
    bool have_proc_papers;
    size_t n_papers_alloc;
} I;

static const char *const app_fields[N_APP] = {
    "applicant-name", "id-number", "bhxh-number", "phone", "email",
    "address", "rep-name", "rep-id-number", "note"};

/* --- picker ---------------------------------------------------------------- */
static void pick_free(void)
{
    for (size_t i = 0; i < I.n_items; i++) {
        free(I.items[i].code);
        free(I.items[i].name);
        free(I.items[i].folded);
    }
    free(I.items);
    free(I.match);
    I.items = NULL;
    I.match = NULL;
    I.n_items = I.n_match = 0;
}

static void pick_add(const cat_procedure *p, void *ud)
{
    (void)ud;
    I.items = mc_xrealloc(I.items, (I.n_items + 1) * sizeof *I.items);
    pick_item *it = &I.items[I.n_items++];
    it->code = mc_xstrdup(p->code);
    it->name = mc_xstrdup(p->name_vi ? p->name_vi : "");
    char *all = mc_xasprintf("%s %s %s", p->code, it->name,
                             p->field ? p->field : "");
    it->folded = vn_fold(all);
    free(all);
    it->days = p->processing_days;
}

static void pick_filter(void)
{
    char text[UI_FIELD_MAX * 4 + 1];
    field_get(&I.filter, text, sizeof text);
    char *q = vn_fold(text);
    free(I.match);
    I.match = mc_xcalloc(I.n_items ? I.n_items : 1, sizeof *I.match);
    I.n_match = 0;
    for (size_t i = 0; i < I.n_items; i++) {
        /* every word of the query must appear (in any order) */
        bool ok = true;
        char *save = q;
        while (*save && ok) {
            while (*save == ' ')
                save++;
            size_t n = strcspn(save, " ");
            if (!n)
                break;
            char word[128];
            if (n >= sizeof word)
                n = sizeof word - 1;
            memcpy(word, save, n);
            word[n] = '\0';
            if (!strstr(I.items[i].folded, word))
                ok = false;
            save += n;
        }
        if (ok)
            I.match[I.n_match++] = i;
    }
    /* what starts with the query (a code typed in full, the beginning of
     * a name) comes first; the catalogue order otherwise */
    size_t front = 0;
    for (size_t m = 0; m < I.n_match && *q; m++) {
        const pick_item *it = &I.items[I.match[m]];
        char *name = vn_fold(it->name);
        bool starts = strncmp(it->folded, q, strlen(q)) == 0 ||
                      strncmp(name, q, strlen(q)) == 0;
        free(name);
        if (starts) {
            size_t keep = I.match[m];
            memmove(&I.match[front + 1], &I.match[front],
                    (m - front) * sizeof *I.match);
            I.match[front++] = keep;
        }
    }
    free(q);
    if (I.sel >= (int)I.n_match)
        I.sel = I.n_match ? (int)I.n_match - 1 : 0;
}

static void pick_load(ui_app *a)
{
    pick_free();
    mc_error err = {0};
    if (desk_catalogue_each(a->desk, pick_add, NULL, &err) != MC_OK)
        ui_msg_err(a, &err);
    pick_filter();
}

/* --- form -------------------------------------------------------------- */
static void form_free(void)
{
    if (I.have_proc)
        cat_procedure_free(&I.proc);
    I.have_proc = false;
    free(I.extra);
    for (size_t i = 0; I.papers && I.have_proc_papers && i < I.n_papers_alloc;
         i++) {
        for (size_t j = 0; j < I.papers[i].n_scans; j++)
            desk_files_discard(&I.papers[i].scans[j].f);
        free(I.papers[i].scans);
    }
    I.have_proc_papers = false;
    I.n_papers_alloc = 0;
    free(I.papers);
    I.extra = NULL;
    I.papers = NULL;
    I.n_extra = 0;
}

static ui_field_kind kind_of(const char *type)
{
    static const struct {
        const char *t;
        ui_field_kind k;
    } map[] = {{"taxcode", FK_TAX}, {"bhxh", FK_BHXH}, {"cccd", FK_PERSON},
               {"phone", FK_PHONE}, {"date", FK_DATE}, {"month", FK_MONTH}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (type && strcmp(type, map[i].t) == 0)
            return map[i].k;
    return FK_TEXT;
}

/* Person or organisation: the name and id fields change their label and
 * validation (an organisation is identified by its tax code). */
static void apply_kind(void)
{
    ui_field *n = &I.app[F_NAME], *id = &I.app[F_ID];
    if (I.org) {
        n->label = N_("Tên cơ quan, tổ chức");
        n->kind = FK_TEXT;
        id->label = N_("Mã số thuế");
        id->kind = FK_TAX;
    } else {
        n->label = N_("Họ tên người nộp");
        n->kind = FK_NAME;
        id->label = N_("Số CCCD/CMND");
        id->kind = FK_PERSON;
    }
}

static void form_start(ui_app *a, const char *code)
{
    form_free();
    mc_error err = {0};
    if (desk_catalogue_get(a->desk, code, &I.proc, &err) != MC_OK) {
        ui_msg_err(a, &err);
        return;
    }
    I.have_proc = true;
    field_init(&I.app[F_NAME], N_("Họ tên người nộp"), FK_NAME, UF_VN, true);
    field_init(&I.app[F_ID], N_("Số CCCD/CMND"), FK_PERSON, 0, false);
    field_init(&I.app[F_BHXH], N_("Số BHXH"), FK_BHXH, 0, false);
    field_init(&I.app[F_PHONE], N_("Điện thoại"), FK_PHONE, 0, false);
    field_init(&I.app[F_EMAIL], N_("Email"), FK_EMAIL, 0, false);
    field_init(&I.app[F_ADDRESS], N_("Địa chỉ"), FK_TEXT, UF_VN, false);
    field_init(&I.app[F_REP], N_("Người được uỷ quyền"), FK_NAME, UF_VN, false);
    field_init(&I.app[F_REP_ID], N_("CCCD người được uỷ quyền"), FK_PERSON, 0,
               false);
    field_init(&I.app[F_NOTE], N_("Ghi chú"), FK_TEXT, UF_VN, false);
    I.org = false;
    apply_kind();
    I.n_extra = I.proc.n_fields;
    I.extra = mc_xcalloc(I.n_extra ? I.n_extra : 1, sizeof *I.extra);
    for (size_t i = 0; i < I.n_extra; i++) {
        const cat_field *cf = &I.proc.fields[i];
        ui_field_kind k = kind_of(cf->type);
        /* labels come from the catalogue (already Vietnamese data) */
        field_init(&I.extra[i], cf->label, k, k == FK_TEXT ? UF_VN : 0,
                   cf->required);
    }
    I.papers = mc_xcalloc(I.proc.n_papers ? I.proc.n_papers : 1,
                          sizeof *I.papers);
    I.have_proc_papers = true;
    I.n_papers_alloc = I.proc.n_papers;
    for (size_t i = 0; i < I.proc.n_papers; i++) {
        I.papers[i].form = I.proc.papers[i].form;
        I.papers[i].count = I.proc.papers[i].count > 0 ? I.proc.papers[i].count
                                                       : 1;
    }
    field_init(&I.reason, N_("Lý do"), FK_TEXT, UF_VN, true);
    I.focus = I.scroll = 0;
    I.esc_armed = false;
    I.missing_shown = false;
    I.step = IS_FORM;
}

static int n_items(void)
{
    return N_APP + (int)I.n_extra + (int)(I.have_proc ? I.proc.n_papers : 0);
}

static ui_field *item_field(int i)
{
    if (i < N_APP)
        return &I.app[i];
    if (i < N_APP + (int)I.n_extra)
        return &I.extra[i - N_APP];
    return NULL;
}

static int item_paper(int i)
{
    int p = i - N_APP - (int)I.n_extra;
    return p >= 0 && p < (int)I.proc.n_papers ? p : -1;
}

bool intake_has_draft(void)
{
    if (I.step == IS_REFUSE || I.step == IS_GUIDE)
        return true;
    if (I.step != IS_FORM)
        return false;
    for (int i = 0; i < n_items(); i++) {
        ui_field *f = item_field(i);
        if (f ? !field_empty(f) : I.papers[item_paper(i)].got)
            return true;
    }
    return false;
}

void intake_draft_summary(char *buf, size_t size)
{
    char name[256];
    field_get(&I.app[F_NAME], name, sizeof name);
    snprintf(buf, size, "%s%s%s", I.have_proc ? I.proc.code : "",
             name[0] ? " — " : "", name);
}

void intake_discard(void)
{
    form_free();
    pick_free();
    memset(&I, 0, sizeof I);
    I.step = IS_PICK;
}

/* --- validation -------------------------------------------------------- */
static void show_check(ui_app *a, ui_field *f, mc_status rc,
                       const mc_error *err)
{
    if (rc == MC_OK) {
        if (a->msg_kind == MSG_WARN)
            ui_msg_clear(a);
        return;
    }
    const char *label = _(f->label);
    if (strstr(err->msg, label))
        ui_msg(a, MSG_WARN, "%s", err->msg);
    else
        ui_msg(a, MSG_WARN, "%s: %s", label, err->msg);
}

static int year_now(ui_app *a)
{
    return mc_ts_vn_date(desk_now(a->desk)).y;
}

/* The missing required papers as "; "-joined names (buf) and their count. */
static int missing_papers(char *buf, size_t size, bool all_unticked)
{
    int n = 0;
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < I.proc.n_papers; i++) {
        if (I.papers[i].got || (!all_unticked && !I.proc.papers[i].required))
            continue;
        int w = snprintf(buf + used, size - used, "%s%s", n ? "; " : "",
                         I.proc.papers[i].name);
        if (w > 0 && (size_t)w < size - used)
            used += (size_t)w;
        n++;
    }
    return n;
}

static void focus_desk_field(const char *field)
{
    for (int i = 0; i < N_APP; i++)
        if (strcmp(field, app_fields[i]) == 0)
            I.focus = i;
}

static void show_missing(ui_app *a, const char *missing)
{
    ui_msg(a, MSG_ERROR,
           _("Thiếu giấy tờ bắt buộc: %s. Nhấn F7 để lập phiếu yêu cầu "
             "bổ sung."),
           missing);
    I.missing_shown = true;
}

/* A paper was ticked or unticked: the list of missing papers on the
 * status line follows (and goes when nothing is missing). */
static void recheck_missing(ui_app *a)
{
    if (!I.missing_shown)
        return;
    char missing[1500];
    if (missing_papers(missing, sizeof missing, false)) {
        show_missing(a, missing);
        return;
    }
    /* still followed: unticking brings the list back */
    ui_msg(a, MSG_OK, "%s",
           _("Đã đủ giấy tờ bắt buộc: nhấn F2 để tiếp nhận"));
}

/* Print the outcome's form; the result (where the paper went, or why the
 * printer could not print) stays on the done screen. */
static void outcome_print(ui_app *a, const ui_print_req *rq)
{
    mc_error perr = {0};
    ui_print_out po;
    I.printed = ui_print(a, rq, &po, &perr) == MC_OK;
    I.print_file = I.printed && po.file;
    I.print_planned = I.printed && po.planned;
    mc_strlcpy(I.print_msg, I.printed ? po.msg : perr.msg, sizeof I.print_msg);
}

/* --- scans ---------------------------------------------------------------- */

/* With scans.mandatory: the received required papers without a scan as
 * "; "-joined names (buf) and their count. */
static int unscanned_papers(ui_app *a, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!desk_scans_mandatory(a->desk))
        return 0;
    int n = 0;
    size_t used = 0;
    for (size_t i = 0; i < I.proc.n_papers; i++) {
        if (!I.papers[i].got || !I.proc.papers[i].required ||
            I.papers[i].n_scans)
            continue;
        int w = snprintf(buf + used, size - used, "%s%s", n ? "; " : "",
                         I.proc.papers[i].name);
        if (w > 0 && (size_t)w < size - used)
            used += (size_t)w;
        n++;
    }
    return n;
}

/* After the save: each received paper's scans to its place in the dossier
 * (the dossier lists the received papers only, in checklist order). */
static void attach_scans(ui_app *a, char *err_out, size_t size)
{
    int ord = 0;
    for (size_t i = 0; i < I.proc.n_papers; i++) {
        if (!I.papers[i].got)
            continue;
        ord++;
        for (size_t j = 0; j < I.papers[i].n_scans; j++) {
            staged_scan *sc = &I.papers[i].scans[j];
            mc_error err = {0};
            if (desk_files_attach_staged(a->desk, I.code, DESK_FILE_SCAN, ord,
                                         sc->source, &sc->f, 1, NULL,
                                         &err) != MC_OK &&
                !err_out[0])
                mc_strlcpy(err_out, err.msg, size);
        }
    }
}

/* The attach box resolved a file for paper p: check and copy it now (the
 * clerk learns at once when it is refused), attach it at the save. */
static void stage_scan(ui_app *a)
{
    int p = I.attach.paper_out - 1;
    if (p < 0 || p >= (int)I.proc.n_papers)
        return;
    staged_scan sc = {.source = I.attach.source};
    mc_error err = {0};
    bool sane = strcmp(sc.source, DESK_SRC_SANE) == 0;
    if ((sane ? desk_files_scan_stage(a->desk, NULL, &sc.f, &err)
              : desk_files_stage(a->desk, I.attach.path_out,
                                 I.attach.name_out, &sc.f, &err)) != MC_OK) {
        ui_msg_err(a, &err);
        return;
    }
    paper_state *ps = &I.papers[p];
    ps->scans = mc_xrealloc(ps->scans, (ps->n_scans + 1) * sizeof *ps->scans);
    ps->scans[ps->n_scans++] = sc;
    ps->got = true;
    int pages = 0;
    for (size_t j = 0; j < ps->n_scans; j++)
        pages += ps->scans[j].f.pages;
    ui_msg(a, MSG_OK,
           _("Đã nhận bản quét %s (%d trang) cho giấy tờ \"%s\": %zu tệp, %d "
             "trang; đính kèm khi lưu hồ sơ"),
           sc.f.name, sc.f.pages, I.proc.papers[p].name, ps->n_scans, pages);
    recheck_missing(a);
}

/* F2: accept the dossier (or, in the refuse step, refuse it). */
static void save(ui_app *a, bool refuse)
{
    mc_error err = {0};
    int year = year_now(a);
    for (int i = 0; i < N_APP + (int)I.n_extra; i++) {
        ui_field *f = item_field(i);
        if (field_check(f, year, true, &err) != MC_OK) {
            I.focus = i;
            I.step = IS_FORM;
            show_check(a, f, MC_EINVAL, &err);
            a->msg_kind = MSG_ERROR;
            return;
        }
    }
    char missing[1500];
    if (!refuse && missing_papers(missing, sizeof missing, false)) {
        show_missing(a, missing);
        return;
    }
    if (!refuse && unscanned_papers(a, missing, sizeof missing)) {
        ui_msg(a, MSG_ERROR,
               _("Văn phòng yêu cầu bản quét (scans.mandatory): giấy tờ bắt "
                 "buộc chưa có bản quét: %s. Chọn dòng giấy tờ, nhấn F9 "
                 "(hoặc s) để đính kèm."),
               missing);
        return;
    }
    char reason[UI_FIELD_MAX * 4 + 1] = "";
    if (refuse) {
        field_get(&I.reason, reason, sizeof reason);
        if (field_empty(&I.reason)) {
            ui_msg(a, MSG_ERROR, "%s",
                   _("Từ chối tiếp nhận phải ghi rõ lý do"));
            return;
        }
    }
    char v[N_APP][UI_FIELD_MAX * 4 + 1];
    for (int i = 0; i < N_APP; i++)
        field_get(&I.app[i], v[i], sizeof v[i]);
    json_t *extra = json_object();
    for (size_t i = 0; i < I.n_extra; i++) {
        char s[UI_FIELD_MAX * 4 + 1];
        field_get(&I.extra[i], s, sizeof s);
        if (s[0])
            json_object_set_new(extra, I.proc.fields[i].key, json_string(s));
    }
    char *extra_text = json_object_size(extra) ? json_dumps(extra, JSON_SORT_KEYS)
                                               : NULL;
    json_decref(extra);
    desk_paper_in *pin = mc_xcalloc(I.proc.n_papers ? I.proc.n_papers : 1,
                                    sizeof *pin);
    size_t np = 0;
    for (size_t i = 0; i < I.proc.n_papers; i++)
        if (I.papers[i].got)
            pin[np++] = (desk_paper_in){I.proc.papers[i].name,
                                        paper_form_name(I.papers[i].form),
                                        I.papers[i].count};
#define OPT(s) ((s)[0] ? (s) : NULL)
    desk_intake_in in = {
        .procedure_code = I.proc.code,
        .applicant_kind = I.org ? "organisation" : "person",
        .applicant_name = OPT(v[F_NAME]),
        .id_number = OPT(v[F_ID]),
        .tax_code = I.org ? OPT(v[F_ID]) : NULL,
        .bhxh_number = OPT(v[F_BHXH]),
        .phone = OPT(v[F_PHONE]),
        .email = OPT(v[F_EMAIL]),
        .address = OPT(v[F_ADDRESS]),
        .rep_name = OPT(v[F_REP]),
        .rep_id_number = OPT(v[F_REP_ID]),
        .note = OPT(v[F_NOTE]),
        .extra_json = extra_text,
        .papers = pin,
        .n_papers = np,
        .refuse = refuse,
        .reason = refuse ? reason : NULL,
    };
#undef OPT
    mc_dossier ds;
    mc_status rc = desk_intake(a->desk, &in, &ds, &err);
    free(pin);
    free(extra_text);
    if (rc != MC_OK) {
        ui_msg_err(a, &err);
        focus_desk_field(err.field);
        if (!refuse)
            I.step = IS_FORM;
        return;
    }
    mc_strlcpy(I.code, ds.code, sizeof I.code);
    char scan_err[600] = "";
    if (!refuse)
        attach_scans(a, scan_err, sizeof scan_err);
    I.due_at = refuse ? 0 : ds.due_at;
    I.number[0] = '\0';
    I.refused = refuse;
    mc_dossier_free(&ds);
    ui_print_req rq = {.kind = refuse ? UP_REFUSAL : UP_RECEIPT,
                       .code = I.code};
    outcome_print(a, &rq);
    form_free();
    I.step = IS_DONE;
    if (scan_err[0])
        ui_msg(a, MSG_WARN,
               _("Đã lưu hồ sơ %s nhưng chưa đính kèm được bản quét: %s "
                 "(đính kèm lại ở màn hình hồ sơ, F9)"),
               I.code, scan_err);
    else if (!I.printed)
        ui_msg(a, MSG_WARN, _("Đã lưu hồ sơ %s nhưng chưa in được: %s"),
               I.code, I.print_msg);
    else if (refuse)
        ui_msg(a, MSG_WARN, _("Đã từ chối tiếp nhận, mã hồ sơ %s"), I.code);
    else
        ui_msg(a, MSG_OK, _("Đã tiếp nhận hồ sơ %s"), I.code);
    counter_queue_saved(a, I.code);
}

/* F2 in the supplement step: the numbered supplement request. */
static void guide(ui_app *a)
{
    char missing[1500];
    const char *list[64];
    size_t n = 0;
    missing_papers(missing, sizeof missing, false);
    for (size_t i = 0; i < I.proc.n_papers && n < 64; i++)
        if (!I.papers[i].got && I.proc.papers[i].required)
            list[n++] = I.proc.papers[i].name;
    char extra_note[UI_FIELD_MAX * 4 + 1];
    field_get(&I.reason, extra_note, sizeof extra_note);
    if (!n && field_empty(&I.reason)) {
        ui_msg(a, MSG_ERROR, "%s",
               _("Không có giấy tờ bắt buộc nào thiếu: ghi nội dung cần bổ "
                 "sung, hoặc tiếp nhận (F2)"));
        return;
    }
    if (!field_empty(&I.reason) && n < 64)
        list[n++] = extra_note;
    char v[N_APP][UI_FIELD_MAX * 4 + 1];
    for (int i = 0; i < N_APP; i++)
        field_get(&I.app[i], v[i], sizeof v[i]);
    desk_guide_in in = {
        .procedure_code = I.proc.code,
        .applicant_name = v[F_NAME],
        /* the slip's identity number is a person's; an organisation's tax
         * code is not one */
        .id_number = v[F_ID][0] && !I.org ? v[F_ID] : NULL,
        .phone = v[F_PHONE][0] ? v[F_PHONE] : NULL,
        .email = v[F_EMAIL][0] ? v[F_EMAIL] : NULL,
        .address = v[F_ADDRESS][0] ? v[F_ADDRESS] : NULL,
        .missing = list,
        .n_missing = n,
        .reason = _("Hồ sơ chưa đủ giấy tờ theo quy định của thủ tục"),
    };
    mc_error err = {0};
    if (desk_guide(a->desk, &in, I.number, &err) != MC_OK) {
        ui_msg_err(a, &err);
        return;
    }
    I.code[0] = '\0';
    ui_print_req rq = {.kind = UP_SLIP, .slip = &in, .number = I.number};
    outcome_print(a, &rq);
    form_free();
    I.step = IS_DONE;
    if (!I.printed)
        ui_msg(a, MSG_WARN, _("Đã lập phiếu yêu cầu bổ sung số %s nhưng chưa "
                              "in được: %s"),
               I.number, I.print_msg);
    else
        ui_msg(a, MSG_OK, _("Đã lập phiếu yêu cầu bổ sung số %s"), I.number);
}

/* --- drawing ------------------------------------------------------------ */
static const char *weekday_name(mc_date d)
{
    static const char *const names[7] = {
        N_("Chủ nhật"), N_("thứ Hai"), N_("thứ Ba"), N_("thứ Tư"),
        N_("thứ Năm"), N_("thứ Sáu"), N_("thứ Bảy")};
    return names[mc_date_weekday(d) % 7];
}

/* One picker entry: "code  name" wrapped over the row (names of one
 * family differ only at their end: 1.014166 and 1.014168 are "... lao
 * động nữ ..." and "... lao động nam ..."), and the processing time in
 * the right column, or "needs a processing time" (such a procedure cannot
 * be taken in: the clerk sees it before choosing it). */
#define PICK_RIGHT_W 17
#define PICK_MAX_ROWS 3

#define PICK_CODE_W 10 /* the name column starts after this */

static void pick_days(const pick_item *it, char *days, size_t dsize)
{
    if (it->days > 0)
        snprintf(days, dsize, _("%d ngày"), it->days);
    else
        snprintf(days, dsize, "%s", _("cần đặt thời hạn giải quyết"));
}

/* The code's own row when it is longer than the code column. */
static int pick_code_rows(const pick_item *it)
{
    return draw_width(it->code) + 2 > PICK_CODE_W ? 1 : 0;
}

static int pick_name_w(void)
{
    return COLS - 4 - PICK_RIGHT_W - 1 - PICK_CODE_W;
}

static int pick_height(const pick_item *it)
{
    char days[80];
    pick_days(it, days, sizeof days);
    int a = pick_code_rows(it) +
            draw_wrap(-10000, 2, pick_name_w(), PICK_MAX_ROWS, it->name,
                      UA_NORMAL);
    int b = draw_wrap(-10000, 2, PICK_RIGHT_W, 2, days, UA_NORMAL);
    return a > b ? a : (b ? b : 1);
}

static void draw_pick(ui_app *a, int top, int rows)
{
    (void)a;
    /* the filter starts after the label, whatever its length in the
     * screen's language (column 30 at the least, as the form's fields) */
    int lw = draw_text(top + 1, 2, COLS / 2, _("Chọn thủ tục (gõ để lọc):"),
                       UA_KEY);
    int fx = 2 + lw + 1 > 30 ? 2 + lw + 1 : 30;
    field_draw(&I.filter, top + 1, fx, COLS - fx - 2, true);
    int list_top = top + 3, h = rows - 4;
    if (I.sel < I.top)
        I.top = I.sel;
    /* the selected entry must be wholly on screen */
    for (;;) {
        int used = 0;
        for (int i = I.top; i <= I.sel && i < (int)I.n_match; i++)
            used += pick_height(&I.items[I.match[i]]);
        if (used <= h || I.top >= I.sel)
            break;
        I.top++;
    }
    int y = list_top, w = COLS - 4 - PICK_RIGHT_W - 1;
    int i = I.top;
    for (; i < (int)I.n_match; i++) {
        const pick_item *it = &I.items[I.match[i]];
        int eh = pick_height(it);
        if (y + eh > list_top + h)
            break;
        bool sel = i == I.sel;
        char days[80];
        pick_days(it, days, sizeof days);
        if (sel)
            for (int r = 0; r < eh; r++)
                draw_fill(y + r, 1, COLS - 2, UA_SELECT);
        draw_text(y, 2, w, it->code, sel ? UA_SELECT : UA_KEY);
        draw_wrap(y + pick_code_rows(it), 2 + PICK_CODE_W, pick_name_w(),
                  PICK_MAX_ROWS, it->name, sel ? UA_SELECT : UA_NORMAL);
        draw_wrap(y, COLS - 2 - PICK_RIGHT_W, PICK_RIGHT_W, 2, days,
                  sel ? UA_SELECT : (it->days > 0 ? UA_DIM : UA_WARN));
        y += eh;
    }
    int fw = draw_textf(top + rows - 1, 2, COLS - 4, UA_DIM,
                        _("%zu/%zu thủ tục · ↑↓ chọn · Enter: mở biểu mẫu"),
                        I.n_match, I.n_items);
    if (i < (int)I.n_match)
        draw_text(top + rows - 1, 2 + fw, COLS - 4 - fw, _(" · ▼ còn nữa"),
                  UA_WARN);
}

#define LABEL_W 28

static void draw_form(ui_app *a, int top, int rows)
{
    draw_textf(top, 1, COLS - 2, UA_KEY, "%s — %s", I.proc.code, I.proc.name_vi);
    char unit[80];
    snprintf(unit, sizeof unit, _("Thời hạn: %d %s"), I.proc.processing_days,
             I.proc.unit == 0 ? _("ngày làm việc") : _("ngày (trừ ngày lễ)"));
    int uw = draw_text(top + 1, 1, COLS - 2, unit, UA_DIM);
    mc_ts from;
    if (desk_outside_hours(a->desk, desk_now(a->desk), &from)) {
        /* said before the save, on the form itself: the status line may
         * be taken by a field's check */
        mc_date fd = mc_ts_vn_date(from);
        int fm = mc_ts_vn_minute(from);
        draw_textf(top + 1, 1 + uw, COLS - 2 - uw, UA_WARN,
                   _(" · NGOÀI GIỜ LÀM VIỆC: tính từ %02d:%02d %s %02d/%02d"),
                   fm / 60, fm % 60, _(weekday_name(fd)), fd.d, fd.m);
    }
    /* the rows: section headers and items */
    struct row {
        int item; /* -1: header */
        const char *head;
    } rowv[N_APP + 64 + 128 + 4];
    int nr = 0;
    rowv[nr++] = (struct row){
        -1, I.org ? _("Người nộp hồ sơ: cơ quan, tổ chức (F6: cá nhân)")
                  : _("Người nộp hồ sơ: cá nhân (F6: cơ quan, tổ chức)")};
    for (int i = 0; i < N_APP; i++)
        rowv[nr++] = (struct row){i, NULL};
    if (I.n_extra) {
        rowv[nr++] = (struct row){-1, _("Thông tin riêng của thủ tục")};
        for (int i = 0; i < (int)I.n_extra && i < 64; i++)
            rowv[nr++] = (struct row){N_APP + i, NULL};
    }
    rowv[nr++] = (struct row){-1, _("Giấy tờ (Cách: đã nhận · f: hình thức · "
                                    "+/-: số lượng · * bắt buộc)")};
    for (int i = 0; i < (int)I.proc.n_papers && i < 128; i++)
        rowv[nr++] = (struct row){N_APP + (int)I.n_extra + i, NULL};
    int h = rows - 2;
    int frow = 0;
    for (int r = 0; r < nr; r++)
        if (rowv[r].item == I.focus)
            frow = r;
    if (frow - 1 < I.scroll)
        I.scroll = frow > 0 ? frow - 1 : 0;
    if (frow >= I.scroll + h)
        I.scroll = frow - h + 1;
    int year = year_now(a);
    bool mandatory = desk_scans_mandatory(a->desk);
    for (int r = 0; r < h && I.scroll + r < nr; r++) {
        const struct row *rw = &rowv[I.scroll + r];
        int y = top + 2 + r;
        if (rw->item < 0) {
            draw_text(y, 1, COLS - 2, rw->head, UA_KEY);
            continue;
        }
        bool foc = rw->item == I.focus && I.step == IS_FORM;
        ui_field *f = item_field(rw->item);
        if (f) {
            mc_error err = {0};
            bool bad = field_check(f, year, false, &err) != MC_OK;
            draw_field_row(y, f, LABEL_W, foc, bad);
            continue;
        }
        int p = item_paper(rw->item);
        const cat_paper *cp = &I.proc.papers[p];
        char line[700], pad[100];
        snprintf(line, sizeof line, "[%s] %s ×%-2d %s%s",
                 I.papers[p].got ? "x" : " ",
                 draw_pad(pad, sizeof pad, paper_form_label(I.papers[p].form),
                          22),
                 I.papers[p].count,
                 cp->required ? "* " : "", cp->name);
        /* the scans of the paper: files and pages, or the one missing */
        char sfx[64] = "";
        ui_attr_role srole = UA_OK;
        if (I.papers[p].n_scans) {
            int pages = 0;
            for (size_t j = 0; j < I.papers[p].n_scans; j++)
                pages += I.papers[p].scans[j].f.pages;
            snprintf(sfx, sizeof sfx, _("quét: %zu tệp %d tr"),
                     I.papers[p].n_scans, pages);
        } else if (mandatory && cp->required) {
            mc_strlcpy(sfx, _("CHƯA QUÉT"), sizeof sfx);
            srole = UA_WARN;
        }
        int sw = sfx[0] ? draw_width(sfx) + 1 : 0;
        if (foc)
            draw_fill(y, 1, COLS - 2, UA_SELECT);
        draw_text(y, 2, COLS - 4 - sw, line, foc ? UA_SELECT : UA_NORMAL);
        if (sfx[0])
            draw_text(y, COLS - 2 - sw + 1, sw - 1, sfx,
                      foc ? UA_SELECT : srole);
    }
}

static void draw_step_box(ui_app *a, int top, int rows, bool refuse)
{
    (void)a;
    int w = COLS - 8, h = 12;
    int y = top + (rows - h) / 2, x = 4;
    for (int r = 0; r < h; r++)
        draw_fill(y + r, x, w, UA_NORMAL);
    draw_box(y, x, h, w, refuse ? UA_ERROR : UA_WARN);
    if (refuse) {
        draw_text(y + 1, x + 2, w - 4, _("TỪ CHỐI TIẾP NHẬN HỒ SƠ"), UA_ERROR);
        draw_text(y + 3, x + 2, w - 4,
                  _("Ghi rõ lý do từ chối (sẽ in trên phiếu từ chối):"),
                  UA_NORMAL);
    } else {
        draw_text(y + 1, x + 2, w - 4, _("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
                  UA_WARN);
        char missing[1500];
        int n = missing_papers(missing, sizeof missing, false);
        draw_textf(y + 3, x + 2, w - 4, UA_NORMAL, _("Giấy tờ còn thiếu (%d):"),
                   n);
        draw_text(y + 4, x + 4, w - 6, n ? missing : _("(không có)"), UA_KEY);
        draw_text(y + 6, x + 2, w - 4, _("Nội dung khác cần bổ sung, sửa:"),
                  UA_NORMAL);
    }
    field_draw(&I.reason, y + 8, x + 2, w - 4, true);
    draw_text(y + 10, x + 2, w - 4,
              _("F2: lưu và in phiếu · Esc: trở lại biểu mẫu"), UA_DIM);
}

static void draw_done(ui_app *a, int top, int rows)
{
    (void)a;
    (void)rows;
    int y = top + 1;
    if (I.code[0]) {
        draw_text(y, 2, COLS - 4,
                  I.refused ? _("Đã lập phiếu từ chối tiếp nhận. Mã hồ sơ:")
                            : _("Đã tiếp nhận hồ sơ. Mã hồ sơ:"),
                  I.refused ? UA_WARN : UA_OK);
        int w = draw_width(I.code) + 6;
        int x = (COLS - w) / 2;
        draw_box(y + 1, x, 3, w, UA_OK);
        draw_text(y + 2, x + 3, w - 6, I.code, UA_BIG);
        /* the day's sequence, large: what the clerk reads aloud; beside
         * it the appointment, large too: what the citizen came for */
        const char *seq = strrchr(I.code, '-');
        seq = seq ? seq + 1 : I.code;
        int bw = draw_big_width(seq, 1);
        if (I.due_at) {
            mc_date d = mc_ts_vn_date(I.due_at);
            char ddmm[8], when[24];
            snprintf(ddmm, sizeof ddmm, "%02d/%02d", d.d, d.m);
            int dw = draw_big_width(ddmm, 1);
            int sx = 2, dx = COLS - 2 - dw;
            draw_text(y + 5, sx, bw + 4, _("Số thứ tự"), UA_DIM);
            draw_text(y + 5, dx, COLS - dx - 1, _("HẸN TRẢ KẾT QUẢ"), UA_KEY);
            draw_big(y + 6, sx, seq, UA_OK);
            draw_big(y + 6, dx, ddmm, UA_BIG);
            ui_fmt_ts(I.due_at, when, sizeof when);
            draw_textf(y + 11, dx, COLS - dx - 1, UA_BIG, "%s, %s", when,
                       _(weekday_name(d)));
            y += 12;
        } else {
            draw_big(y + 5, (COLS - bw) / 2, seq, UA_OK);
            y += 11;
        }
    } else {
        draw_text(y, 2, COLS - 4, _("Đã lập phiếu yêu cầu bổ sung, hoàn thiện "
                                    "hồ sơ. Số phiếu:"),
                  UA_OK);
        draw_text(y + 2, 6, COLS - 8, I.number, UA_BIG);
        y += 4;
    }
    int used = draw_wrap(y + 1, 2, COLS - 4, 3, I.print_msg,
                         !I.printed                        ? UA_ERROR
                         : I.print_file && !I.print_planned ? UA_WARN
                                                            : UA_OK);
    draw_text(y + 2 + (used ? used : 1), 2, COLS - 4,
              _("Enter: tiếp nhận hồ sơ mới · F10: về màn hình chính"), UA_DIM);
}

static void draw(ui_app *a, int top, int rows)
{
    switch (I.step) {
    case IS_PICK:
        draw_pick(a, top, rows);
        break;
    case IS_FORM:
        draw_form(a, top, rows);
        if (I.attach.open)
            attach_draw(a, &I.attach, top);
        break;
    case IS_REFUSE:
    case IS_GUIDE:
        draw_form(a, top, rows);
        draw_step_box(a, top, rows, I.step == IS_REFUSE);
        break;
    default:
        draw_done(a, top, rows);
        break;
    }
}

/* --- keys --------------------------------------------------------------- */
static void enter(ui_app *a)
{
    if (I.step == IS_DONE)
        I.step = IS_PICK;
    if (I.step == IS_PICK) {
        field_init(&I.filter, N_("Thủ tục"), FK_TEXT, 0, false);
        I.sel = I.top = 0;
        pick_load(a);
    }
}

static void key_pick(ui_app *a, const ui_key *k)
{
    if (k->act == ACT_BACK || k->act == ACT_CANCEL) {
        if (k->act == ACT_CANCEL && !field_empty(&I.filter)) {
            field_clear(&I.filter);
            pick_filter();
            return;
        }
        ui_pop(a);
        return;
    }
    if (k->fn && k->ch == KEY_DOWN) {
        if (I.sel + 1 < (int)I.n_match)
            I.sel++;
        return;
    }
    if (k->fn && k->ch == KEY_UP) {
        if (I.sel > 0)
            I.sel--;
        return;
    }
    if (k->fn && (k->ch == KEY_NPAGE || k->ch == KEY_PPAGE)) {
        I.sel += k->ch == KEY_NPAGE ? 10 : -10;
        if (I.sel >= (int)I.n_match)
            I.sel = (int)I.n_match - 1;
        if (I.sel < 0)
            I.sel = 0;
        return;
    }
    if (!k->fn && k->ch == '\n') {
        if (!I.n_match) {
            ui_msg(a, MSG_WARN, "%s", _("Không có thủ tục nào khớp"));
            return;
        }
        const pick_item *it = &I.items[I.match[I.sel]];
        if (it->days <= 0) {
            ui_msg(a, MSG_ERROR,
                   _("Thủ tục %s chưa có thời hạn giải quyết nên chưa thể "
                     "tiếp nhận (quản trị viên cần đặt thời hạn)"),
                   it->code);
            return;
        }
        ui_msg_clear(a);
        form_start(a, it->code);
        char hours[400];
        if (I.step == IS_FORM &&
            desk_outside_hours_note(a->desk, hours, sizeof hours))
            ui_msg(a, MSG_WARN, "%s", hours);
        return;
    }
    if (!k->alt && field_key(&I.filter, k->ch, k->fn, IME_OFF)) {
        I.sel = 0;
        pick_filter();
    }
}

static void move_focus(int d)
{
    int n = n_items();
    I.focus = (I.focus + d + n) % n;
}

bool intake_typing(void)
{
    return I.step == IS_FORM;
}

/* A printable key on a paper row: the row's own keys (Space, f, +, -);
 * any other printable key does nothing but say where the focus is (the
 * clerk was most likely typing a name into the wrong row). */
static ui_action paper_key(ui_app *a, const ui_key *k)
{
    switch (k->ch) {
    case ' ':
        return ACT_TOGGLE;
    case 'f':
    case 'F':
        return ACT_PAPER_FORM;
    case '+':
        return ACT_MORE;
    case '-':
        return ACT_LESS;
    case 's':
    case 'S':
        return ACT_ATTACH;
    default:
        ui_msg(a, MSG_WARN, "%s",
               _("Đang ở danh sách giấy tờ, không gõ chữ được (Cách: đã "
                 "nhận · f: hình thức · +/-: số lượng · s: bản quét). "
                 "Shift-Tab hoặc ↑ để về ô nhập"));
        return ACT_NONE;
    }
}

static void key_form(ui_app *a, const ui_key *k)
{
    ui_field *f = item_field(I.focus);
    int p = item_paper(I.focus);
    if (k->act != ACT_CANCEL)
        I.esc_armed = false;
    ui_action act = k->act;
    if (p >= 0 && !k->fn && !k->alt && k->ch >= 32 && k->ch != 127) {
        act = paper_key(a, k);
        if (act == ACT_NONE)
            return;
    }
    switch (act) {
    case ACT_SAVE:
        save(a, false);
        return;
    case ACT_GUIDE:
        I.step = IS_GUIDE;
        field_clear(&I.reason);
        return;
    case ACT_REFUSE:
        I.step = IS_REFUSE;
        field_clear(&I.reason);
        return;
    case ACT_ORG:
        I.org = !I.org;
        /* a CCCD is not a tax code (nor the reverse): start the id over */
        field_clear(&I.app[F_ID]);
        apply_kind();
        I.focus = F_NAME;
        ui_msg(a, MSG_INFO, "%s",
               I.org ? _("Người nộp là cơ quan, tổ chức: nhập tên và mã số "
                         "thuế")
                     : _("Người nộp là cá nhân: nhập họ tên và số CCCD/CMND"));
        return;
    case ACT_BACK:
        ui_pop(a); /* the form stays as a draft */
        if (intake_has_draft())
            ui_msg(a, MSG_INFO, "%s",
                   _("Hồ sơ đang nhập được giữ làm bản nháp (F5 để tiếp tục)"));
        return;
    case ACT_CANCEL:
        if (I.esc_armed || !intake_has_draft()) {
            intake_discard();
            enter(a);
            ui_msg(a, MSG_INFO, "%s", _("Đã bỏ hồ sơ đang nhập"));
        } else {
            I.esc_armed = true;
            ui_msg(a, MSG_WARN, "%s",
                   _("Nhấn Esc lần nữa để bỏ hồ sơ đang nhập (F10: giữ làm "
                     "bản nháp)"));
        }
        return;
    case ACT_NEXT:
        move_focus(1);
        return;
    case ACT_PREV:
        move_focus(-1);
        return;
    case ACT_TOGGLE:
        if (p >= 0)
            I.papers[p].got = !I.papers[p].got;
        recheck_missing(a);
        return;
    case ACT_PAPER_FORM:
        if (p >= 0)
            I.papers[p].form = (mc_paper_form)((I.papers[p].form + 1) % 3);
        return;
    case ACT_MORE:
        if (p >= 0 && I.papers[p].count < 99)
            I.papers[p].count++;
        if (p >= 0)
            I.papers[p].got = true;
        recheck_missing(a);
        return;
    case ACT_LESS:
        if (p >= 0 && I.papers[p].count > 1)
            I.papers[p].count--;
        return;
    case ACT_ATTACH:
        if (p < 0) {
            ui_msg(a, MSG_INFO, "%s",
                   _("Chọn dòng giấy tờ (↓) rồi nhấn F9 (hoặc s) để đính kèm "
                     "bản quét"));
            return;
        }
        attach_open(&I.attach, p + 1, (int)I.proc.n_papers,
                    I.proc.papers[p].name);
        ui_msg_clear(a);
        return;
    default:
        break;
    }
    if (k->fn && (k->ch == KEY_DOWN || k->ch == KEY_UP)) {
        move_focus(k->ch == KEY_DOWN ? 1 : -1);
        return;
    }
    if (!k->fn && k->ch == '\n') {
        if (p >= 0) {
            I.papers[p].got = !I.papers[p].got;
            recheck_missing(a);
        } else {
            move_focus(1);
        }
        return;
    }
    if (f && !k->alt && field_key(f, k->ch, k->fn, a->ime)) {
        mc_error err = {0};
        mc_status rc = field_check(f, year_now(a), false, &err);
        show_check(a, f, rc, &err);
    }
}

static void key_step(ui_app *a, const ui_key *k)
{
    bool refuse = I.step == IS_REFUSE;
    if (k->act == ACT_CANCEL || k->act == ACT_BACK) {
        I.step = IS_FORM;
        ui_msg_clear(a);
        return;
    }
    if (k->act == ACT_SAVE || (refuse && k->act == ACT_REFUSE) ||
        (!refuse && k->act == ACT_GUIDE)) {
        if (refuse)
            save(a, true);
        else
            guide(a);
        return;
    }
    if (!k->alt)
        field_key(&I.reason, k->ch, k->fn, a->ime);
}

static void key_done(ui_app *a, const ui_key *k)
{
    if (!k->fn && k->ch == '\n') {
        I.step = IS_PICK;
        enter(a);
        return;
    }
    if (k->act == ACT_BACK || k->act == ACT_CANCEL) {
        I.step = IS_PICK;
        ui_pop(a);
    }
}

static void key(ui_app *a, const ui_key *k)
{
    if (I.step == IS_FORM && I.attach.open) {
        if (attach_key(a, &I.attach, k) == 1)
            stage_scan(a);
        return;
    }
    switch (I.step) {
    case IS_PICK:
        key_pick(a, k);
        break;
    case IS_FORM:
        key_form(a, k);
        break;
    case IS_REFUSE:
    case IS_GUIDE:
        key_step(a, k);
        break;
    default:
        key_done(a, k);
        break;
    }
}

static ui_field *focus(ui_app *a)
{
    (void)a;
    switch (I.step) {
    case IS_PICK:
        return &I.filter;
    case IS_FORM:
        return I.attach.open ? attach_focus(&I.attach) : item_field(I.focus);
    case IS_REFUSE:
    case IS_GUIDE:
        return &I.reason;
    default:
        return NULL;
    }
}

const ui_screen_ops ui_intake_screen = {N_("Tiếp nhận hồ sơ"), enter, draw, key,
                                        focus, NULL};
