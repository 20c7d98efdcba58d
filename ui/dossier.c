/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dossier.c - one dossier: every field, the papers, the full history (who,
 * when, what, note), the due date with days left or overdue.  The actions
 * offered are exactly the transitions status_next() allows this clerk's
 * role from the current status; print again marks the copy. */
#include "ui_internal.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_files.h"
#include "desk_online.h"

#define MAX_LINES 400

typedef struct line {
    char *text;
    ui_attr_role role;
} line;

static struct {
    bool loaded;
    mc_dossier ds;
    line lines[MAX_LINES];
    int n, top;
    /* the advance chooser */
    bool choosing;
    mc_dossier_status next[ST__COUNT];
    size_t n_next;
    int choice;
    /* the chosen transition, shown for confirmation (Enter) */
    bool confirming;
    /* the note the chosen transition requires */
    bool asking;
    mc_dossier_status to;
    unsigned requires;
    ui_field note;
    /* the extension (apology): new date and the reason for the delay */
    bool extending;
    ui_field ext_due, ext_reason;
    int ext_focus; /* 0: date, 1: reason */
    ui_attach attach; /* F9: attach a scan to a paper */
} D;

static void lines_free(void)
{
    for (int i = 0; i < D.n; i++)
        free(D.lines[i].text);
    D.n = 0;
}

static void add(ui_attr_role r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void add(ui_attr_role r, const char *fmt, ...)
{
    if (D.n >= MAX_LINES)
        return;
    char buf[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    D.lines[D.n].text = mc_xstrdup(buf);
    D.lines[D.n++].role = r;
}

static void kv(const char *label, const char *value)
{
    if (value && *value)
    {
        char pad[200];
        add(UA_NORMAL, "  %s %s", draw_pad(pad, sizeof pad, label, 26), value);
    }
}

static void add_event(const desk_event *e, void *ud)
{
    (void)ud;
    char when[24];
    ui_fmt_ts(e->at, when, sizeof when);
    mc_dossier_status st;
    const char *to = e->to_status && status_parse(e->to_status, &st)
                         ? status_label(st)
                         : (e->action ? e->action : "");
    add(UA_NORMAL, "  %s  %-12s %s", when, e->actor ? e->actor : "", to);
    if (e->note && *e->note)
        add(UA_DIM, "      %s", e->note);
}

static void build(ui_app *a)
{
    lines_free();
    const mc_dossier *ds = &D.ds;
    char due[120] = "", when[24];
    bool overdue = false;
    ui_fmt_due(a, ds, due, sizeof due, &overdue);
    add(UA_KEY, "%s", ds->procedure_name ? ds->procedure_name : "");
    char pad[200];
    add(overdue ? UA_ERROR : UA_OK, "  %s %s%s%s",
        draw_pad(pad, sizeof pad, _("Trạng thái"), 26),
        status_label(ds->status), due[0] ? " · " : "", due);
    ui_fmt_ts(ds->received_at, when, sizeof when);
    add(UA_NORMAL, "  %s %s (%s)",
        draw_pad(pad, sizeof pad, _("Tiếp nhận lúc"), 26), when,
        ds->received_by ? ds->received_by : "");
    /* a dossier accepted from the online inbox: its reference on the portal */
    char portal_ref[128] = "";
    mc_error rerr = {0};
    if (desk_online_ref_of(a->desk, ds, portal_ref, &rerr) != MC_OK)
        portal_ref[0] = '\0'; /* only a detail of the display */
    kv(_("Số hồ sơ trên Cổng"), portal_ref);
    if (ds->due_at) {
        ui_fmt_ts(ds->due_at, when, sizeof when);
        add(overdue ? UA_ERROR : UA_NORMAL, "  %s %s%s",
            draw_pad(pad, sizeof pad, _("Hẹn trả kết quả"), 26),
            when, ds->extended ? _(" (đã gia hạn)") : "");
    }
    kv(_("Nơi trả kết quả"), ds->result_delivery);
    /* at the desk, "Nơi trả kết quả" already says it */
    if (ds->return_channel && ds->return_channel != RET_DESK)
        kv(_("Hình thức trả kết quả"), return_channel_label(ds->return_channel));
    if (ds->result_sent_at > 0 && ds->status != ST_RETURNED) {
        ui_fmt_ts(ds->result_sent_at, when, sizeof when);
        char sent[96];
        snprintf(sent, sizeof sent, _("%s — chờ xác nhận đã nhận"), when);
        kv(_("Đã gửi kết quả điện tử"), sent);
    }
    kv(_("Phòng giải quyết"), ds->department);
    bool org = ds->applicant_kind == APPLICANT_ORGANISATION;
    add(UA_KEY, "%s", org ? _("Người nộp hồ sơ: cơ quan, tổ chức")
                          : _("Người nộp hồ sơ"));
    kv(org ? _("Tên cơ quan, tổ chức") : _("Họ tên"), ds->applicant_name);
    if (!org)
        kv(_("Số CCCD/CMND"), ds->id_number);
    else if (!ds->tax_code || !ds->id_number ||
             strcmp(ds->tax_code, ds->id_number) != 0)
        kv(_("Mã định danh"), ds->id_number);
    kv(_("Số BHXH"), ds->bhxh_number);
    kv(_("Mã số thuế"), ds->tax_code);
    kv(_("Điện thoại"), ds->phone);
    kv(_("Email"), ds->email);
    kv(_("Địa chỉ"), ds->address);
    kv(_("Người được uỷ quyền"), ds->rep_name);
    kv(_("CCCD người được uỷ quyền"), ds->rep_id_number);
    kv(_("Ghi chú"), ds->note);
    kv(_("Lý do từ chối"), ds->refusal_reason);
    if (ds->extra_json) {
        json_t *x = json_loads(ds->extra_json, 0, NULL);
        cat_procedure proc = {0};
        mc_error err = {0};
        bool have = desk_catalogue_get(a->desk, ds->procedure_code, &proc,
                                       &err) == MC_OK;
        const char *k;
        json_t *v;
        if (json_is_object(x) && json_object_size(x))
            add(UA_KEY, "%s", _("Thông tin riêng của thủ tục"));
        json_object_foreach(x, k, v)
        {
            const char *label = k;
            for (size_t i = 0; have && i < proc.n_fields; i++)
                if (strcmp(proc.fields[i].key, k) == 0)
                    label = proc.fields[i].label;
            kv(label, json_is_string(v) ? json_string_value(v) : "");
        }
        if (have)
            cat_procedure_free(&proc);
        json_decref(x);
    }
    if (ds->returned_at) {
        add(UA_KEY, "%s", _("Trả kết quả"));
        ui_fmt_ts(ds->returned_at, when, sizeof when);
        kv(_("Trả lúc"), when);
        if (ds->returned_via)
            kv(_("Trả qua"), return_channel_label(ds->returned_via));
        if (ds->post_tracking) {
            char post[96], on[11] = "";
            if (ds->posted_on.y)
                mc_date_format_vn(ds->posted_on, on);
            snprintf(post, sizeof post, "%s%s%s", ds->post_tracking,
                     on[0] ? _(", gửi ngày ") : "", on);
            kv(_("Số hiệu bưu gửi"), post);
        }
        kv(_("Người nhận"), ds->receiver_name);
        kv(_("Số định danh người nhận"), ds->receiver_id);
        kv(_("Quan hệ với người nộp"), ds->receiver_relation);
    }
    add(UA_KEY, _("Giấy tờ (%zu) · số bộ: %d · F9: đính kèm bản quét · x: gỡ"),
        ds->n_papers, ds->sets);
    desk_paper_scans *sc = NULL;
    mc_error serr = {0};
    if (desk_files_per_paper(a->desk, ds, &sc, &serr) != MC_OK)
        ui_msg_err(a, &serr);
    bool mandatory = desk_scans_mandatory(a->desk);
    for (size_t i = 0; i < ds->n_papers; i++) {
        char scans[96] = "";
        ui_attr_role r = UA_NORMAL;
        /* before the name, which the screen's width may cut */
        if (sc && sc[i].files)
            snprintf(scans, sizeof scans, _("[quét: %d tệp %d tr] "),
                     sc[i].files, sc[i].pages);
        else if (sc && mandatory && ds->papers[i].required) {
            mc_strlcpy(scans, _("[CHƯA QUÉT, bắt buộc] "), sizeof scans);
            r = UA_WARN;
        }
        add(r, "  %2zu. %s ×%-2d %s%s", i + 1,
            draw_pad(pad, sizeof pad, paper_form_label(ds->papers[i].form),
                     22),
            ds->papers[i].count, scans, ds->papers[i].name);
    }
    free(sc);
    add(UA_KEY, "%s", _("Quá trình xử lý"));
    mc_error err = {0};
    if (desk_history_each(a->desk, ds, add_event, NULL, &err) != MC_OK)
        ui_msg_err(a, &err);
}

static bool load(ui_app *a, const char *code)
{
    mc_dossier ds;
    mc_error err = {0};
    if (desk_dossier_get(a->desk, code, &ds, &err) != MC_OK) {
        if (err.code == MC_ENOTFOUND)
            ui_msg(a, MSG_ERROR, _("Không có hồ sơ mã %s"), code);
        else
            ui_msg_err(a, &err);
        return false;
    }
    if (D.loaded)
        mc_dossier_free(&D.ds);
    D.ds = ds;
    D.loaded = true;
    D.top = 0;
    D.choosing = D.asking = D.extending = D.confirming = false;
    build(a);
    return true;
}

void ui_open_dossier(ui_app *a, const char *code, bool at_return)
{
    mc_dossier ds;
    mc_error err = {0};
    if (desk_dossier_get(a->desk, code, &ds, &err) != MC_OK) {
        if (err.code == MC_ENOTFOUND)
            ui_msg(a, MSG_ERROR, _("Không có hồ sơ mã %s"), code);
        else
            ui_msg_err(a, &err);
        return;
    }
    bool ready = ds.status == ST_DONE;
    char real[DCODE_MAX];
    mc_strlcpy(real, ds.code, sizeof real);
    mc_dossier_free(&ds);
    if (at_return && ready) {
        return_begin(a, real);
        return;
    }
    if (load(a, real)) {
        ui_msg_clear(a);
        ui_push(a, SCR_DOSSIER);
    }
}

static void enter(ui_app *a)
{
    /* back from the return screen: show what changed */
    if (D.loaded) {
        char code[DCODE_MAX];
        mc_strlcpy(code, D.ds.code, sizeof code);
        load(a, code);
    }
}

/* The lines shown of `rows` (the code's row first, and a row for the
 * scroll cue when the lines do not all fit). */
static int view_rows(int rows)
{
    return D.n > rows - 1 ? rows - 2 : rows - 1;
}

static void draw(ui_app *a, int top, int rows)
{
    (void)a;
    if (!D.loaded)
        return;
    draw_textf(top, 1, COLS - 2, UA_BIG, " %s ", D.ds.code);
    int h = view_rows(rows);
    bool scrolls = D.n > rows - 1; /* then the last row says so */
    if (D.top > D.n - h)
        D.top = D.n - h > 0 ? D.n - h : 0;
    for (int r = 0; r < h && D.top + r < D.n; r++)
        draw_text(top + 1 + r, 1, COLS - 2, D.lines[D.top + r].text,
                  D.lines[D.top + r].role);
    if (scrolls) {
        int below = D.n - (D.top + h);
        if (below > 0)
            draw_textf(top + rows - 1, 1, COLS - 2, UA_WARN,
                       _("▼ còn %d dòng nữa (↓, PgDn để xem; dòng %d–%d/%d)"),
                       below, D.top + 1, D.top + h, D.n);
        else
            draw_textf(top + rows - 1, 1, COLS - 2, UA_DIM,
                       _("▲ hết (↑, PgUp để xem lại; dòng %d–%d/%d)"),
                       D.top + 1, D.top + h, D.n);
    }
    if (D.extending) {
        int w = 64, bh = 11;
        int y = top + 3, x = (COLS - w) / 2;
        for (int r = 0; r < bh; r++)
            draw_fill(y + r, x, w, UA_NORMAL);
        draw_box(y, x, bh, w, UA_WARN);
        draw_text(y + 1, x + 2, w - 4,
                  _("GIA HẠN, HẸN LẠI NGÀY TRẢ KẾT QUẢ (một lần)"), UA_WARN);
        char cur[24];
        ui_fmt_ts(D.ds.due_at, cur, sizeof cur);
        draw_textf(y + 2, x + 2, w - 4, UA_DIM, _("Hẹn trả hiện tại: %s"), cur);
        draw_text(y + 4, x + 2, 20, _("Ngày hẹn mới:"), UA_LABEL);
        field_draw(&D.ext_due, y + 4, x + 22, 12, D.ext_focus == 0);
        draw_text(y + 4, x + 36, w - 38, _("dd/mm/yyyy"), UA_DIM);
        draw_text(y + 6, x + 2, w - 4, _("Lý do chậm (in trên phiếu xin lỗi):"),
                  UA_LABEL);
        field_draw(&D.ext_reason, y + 7, x + 2, w - 4, D.ext_focus == 1);
        draw_text(y + 9, x + 2, w - 4,
                  _("Tab: sang ô khác · F2: lưu và in phiếu · Esc: huỷ"),
                  UA_DIM);
    }
    if (D.attach.open)
        attach_draw(a, &D.attach, top);
    if (detach_is_open())
        detach_draw(a, top);
    if (D.confirming) {
        int w = 60, bh = 7;
        int y = top + 3, x = (COLS - w) / 2;
        for (int r = 0; r < bh; r++)
            draw_fill(y + r, x, w, UA_NORMAL);
        draw_box(y, x, bh, w, UA_WARN);
        draw_textf(y + 1, x + 2, w - 4, UA_WARN, _("Chuyển hồ sơ %s"),
                   D.ds.code);
        draw_textf(y + 2, x + 2, w - 4, UA_NORMAL, _("từ: %s"),
                   status_label(D.ds.status));
        draw_textf(y + 3, x + 2, w - 4, UA_KEY, _("sang: %s"),
                   status_label(D.to));
        draw_text(y + 5, x + 2, w - 4, _("Enter: xác nhận · Esc: huỷ"),
                  UA_DIM);
    }
    if (D.choosing || D.asking) {
        int w = 56, bh = D.asking ? 8 : (int)D.n_next + 5;
        int y = top + 3, x = (COLS - w) / 2;
        for (int r = 0; r < bh; r++)
            draw_fill(y + r, x, w, UA_NORMAL);
        draw_box(y, x, bh, w, UA_KEY);
        if (D.choosing) {
            draw_text(y + 1, x + 2, w - 4, _("Chuyển hồ sơ sang:"), UA_KEY);
            for (size_t i = 0; i < D.n_next; i++) {
                bool sel = (int)i == D.choice;
                char l[160];
                snprintf(l, sizeof l, " %zu. %s", i + 1, status_label(D.next[i]));
                if (sel)
                    draw_fill(y + 2 + (int)i, x + 1, w - 2, UA_SELECT);
                draw_text(y + 2 + (int)i, x + 2, w - 4, l,
                          sel ? UA_SELECT : UA_NORMAL);
            }
            draw_text(y + 2 + (int)D.n_next, x + 2, w - 4,
                      _("↑↓ hoặc số: chọn · Enter: tiếp · Esc: huỷ"), UA_DIM);
        } else {
            draw_textf(y + 1, x + 2, w - 4, UA_KEY, _("Chuyển sang: %s"),
                       status_label(D.to));
            draw_text(y + 3, x + 2, w - 4,
                      (D.requires & REQ_MISSING)
                          ? _("Giấy tờ cần bổ sung (cách nhau bằng dấu ;):")
                          : _("Lý do:"),
                      UA_NORMAL);
            field_draw(&D.note, y + 4, x + 2, w - 4, true);
            draw_text(y + 6, x + 2, w - 4, _("Enter: lưu · Esc: huỷ"), UA_DIM);
        }
    }
}

static void do_advance(ui_app *a)
{
    char note[UI_FIELD_MAX * 4 + 1] = "";
    field_get(&D.note, note, sizeof note);
    const char *missing[32];
    size_t nm = 0;
    char *copy = NULL;
    if (D.requires & REQ_MISSING) {
        copy = mc_xstrdup(note);
        char *p = copy;
        while (p && *p && nm < 32) {
            char *semi = strchr(p, ';');
            if (semi)
                *semi = '\0';
            while (*p == ' ')
                p++;
            if (*p)
                missing[nm++] = p;
            p = semi ? semi + 1 : NULL;
        }
    }
    desk_advance_in in = {
        .code = D.ds.code,
        .to = status_name(D.to),
        .note = (D.requires & REQ_MISSING) || !note[0] ? NULL : note,
        .missing = nm ? missing : NULL,
        .n_missing = nm,
    };
    mc_error err = {0};
    mc_dossier out;
    mc_status rc = desk_advance(a->desk, &in, &out, &err);
    free(copy);
    if (rc != MC_OK) {
        ui_msg_err(a, &err);
        return;
    }
    mc_dossier_free(&out);
    D.asking = false;
    char code[DCODE_MAX];
    mc_strlcpy(code, D.ds.code, sizeof code);
    load(a, code);
    ui_msg(a, MSG_OK, _("Hồ sơ %s: %s"), code, status_label(D.to));
}

/* Save the extension, then print the apology with the new date. */
static void do_extend(ui_app *a)
{
    mc_date nd;
    if (!field_date(&D.ext_due, &nd)) {
        D.ext_focus = 0;
        ui_msg(a, MSG_ERROR, "%s",
               _("Ngày hẹn mới phải là ngày dạng dd/mm/yyyy"));
        return;
    }
    char iso[16], reason[UI_FIELD_MAX * 4 + 1];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", nd.y, nd.m, nd.d);
    field_get(&D.ext_reason, reason, sizeof reason);
    mc_error err = {0};
    mc_dossier out;
    if (desk_extend(a->desk, D.ds.code, iso, reason[0] ? reason : NULL, &out,
                    &err) != MC_OK) {
        D.ext_focus = strcmp(err.field, "reason") == 0 ? 1 : 0;
        ui_msg_err(a, &err);
        return;
    }
    mc_dossier_free(&out);
    D.extending = false;
    char code[DCODE_MAX];
    mc_strlcpy(code, D.ds.code, sizeof code);
    load(a, code);
    ui_print_req rq = {.kind = UP_APOLOGY, .code = code};
    ui_print_out po;
    mc_error perr = {0};
    if (ui_print(a, &rq, &po, &perr) == MC_OK)
        ui_msg(a, po.file && !po.planned ? MSG_WARN : MSG_OK,
               _("Đã gia hạn hồ sơ %s đến %02d/%02d/%04d. %s"), code, nd.d,
               nd.m, nd.y, po.msg);
    else
        ui_msg(a, MSG_WARN, _("Đã gia hạn hồ sơ %s đến %02d/%02d/%04d. %s"),
               code, nd.d, nd.m, nd.y, perr.msg);
}

static void key_extend(ui_app *a, const ui_key *k)
{
    if (k->act == ACT_CANCEL || k->act == ACT_BACK) {
        D.extending = false;
        ui_msg_clear(a);
        return;
    }
    if ((k->fn && k->ch == KEY_F(2)) || k->act == ACT_EXTEND ||
        (!k->fn && k->ch == '\n' && D.ext_focus == 1)) {
        do_extend(a);
        return;
    }
    if (k->act == ACT_NEXT || k->act == ACT_PREV ||
        (!k->fn && k->ch == '\n')) {
        D.ext_focus = !D.ext_focus;
        return;
    }
    ui_field *f = D.ext_focus ? &D.ext_reason : &D.ext_due;
    if (!k->alt)
        field_key(f, k->ch, k->fn, a->ime);
}

static void pick(ui_app *a, int i)
{
    if (i < 0 || i >= (int)D.n_next)
        return;
    D.choosing = false;
    D.to = D.next[i];
    const mc_user *u = desk_user(a->desk);
    status_check(D.ds.status, D.to, u ? u->role : 0, &D.requires);
    if (D.requires & REQ_RECEIVER) {
        return_begin(a, D.ds.code);
        return;
    }
    field_init(&D.note, N_("Lý do"), FK_TEXT, UF_VN, false);
    if (D.requires & (REQ_REASON | REQ_MISSING)) {
        D.asking = true; /* the note box is the confirmation */
        return;
    }
    D.confirming = true; /* a status change is never one key */
}

/* The attach box resolved a file: attach it now (one transaction). */
static void do_attach(ui_app *a)
{
    const char *paths[1] = {D.attach.path_out};
    const char *names[1] = {D.attach.name_out};
    desk_attach_in in = {
        .code = D.ds.code, .role = DESK_FILE_SCAN, .paper = D.attach.paper_out,
        .source = D.attach.source, .paths = paths, .names = names,
        .n_paths = 1,
    };
    desk_attach_result res = {0};
    mc_error err = {0};
    bool sane = strcmp(D.attach.source, DESK_SRC_SANE) == 0;
    if ((sane ? desk_files_scan(a->desk, D.ds.code, D.attach.paper_out, NULL,
                                &res, &err)
              : desk_files_attach(a->desk, &in, &res, &err)) != MC_OK) {
        ui_msg_err(a, &err);
        return;
    }
    char code[DCODE_MAX];
    mc_strlcpy(code, D.ds.code, sizeof code);
    int paper = D.attach.paper_out;
    if (res.added)
        ui_msg(a, MSG_OK, _("Đã đính kèm %s (%d trang) vào giấy tờ số %d"),
               res.files[0].name, res.files[0].pages, paper);
    else
        ui_msg(a, MSG_INFO, _("Tệp %s đã có ở giấy tờ số %d"),
               res.files[0].name, paper);
    desk_attach_result_free(&res);
    int top = D.top;
    load(a, code);
    D.top = top;
}

static void key(ui_app *a, const ui_key *k)
{
    if (D.attach.open) {
        if (attach_key(a, &D.attach, k) == 1)
            do_attach(a);
        return;
    }
    if (detach_is_open()) {
        if (detach_key(a, k) == 1) {
            char code[DCODE_MAX];
            mc_strlcpy(code, D.ds.code, sizeof code);
            int top = D.top;
            load(a, code);
            D.top = top;
        }
        return;
    }
    if (D.extending) {
        key_extend(a, k);
        return;
    }
    if (D.asking) {
        if (k->act == ACT_CANCEL || k->act == ACT_BACK)
            D.asking = false;
        else if ((!k->fn && k->ch == '\n') || k->act == ACT_SAVE)
            do_advance(a);
        else if (!k->alt)
            field_key(&D.note, k->ch, k->fn, a->ime);
        return;
    }
    if (D.confirming) {
        if (k->act == ACT_CANCEL || k->act == ACT_BACK) {
            D.confirming = false;
            ui_msg(a, MSG_INFO, "%s", _("Đã huỷ, hồ sơ giữ nguyên trạng thái"));
        } else if ((!k->fn && k->ch == '\n') || k->act == ACT_SAVE) {
            D.confirming = false;
            do_advance(a);
        }
        return;
    }
    if (D.choosing) {
        if (k->act == ACT_CANCEL || k->act == ACT_BACK)
            D.choosing = false;
        else if (k->fn && k->ch == KEY_DOWN)
            D.choice = (D.choice + 1) % (int)D.n_next;
        else if (k->fn && k->ch == KEY_UP)
            D.choice = (D.choice + (int)D.n_next - 1) % (int)D.n_next;
        else if (!k->fn && k->ch == '\n')
            pick(a, D.choice);
        else if (!k->fn && k->ch >= '1' && k->ch <= '9' &&
                 (int)k->ch - '1' < (int)D.n_next)
            pick(a, (int)k->ch - '1'); /* asks to confirm */
        return;
    }
    switch (k->act) {
    case ACT_BACK:
    case ACT_CANCEL:
        ui_pop(a);
        return;
    case ACT_ADVANCE: {
        const mc_user *u = desk_user(a->desk);
        D.n_next = status_next(D.ds.status, u ? u->role : 0, D.next);
        if (!D.n_next) {
            ui_msg(a, MSG_WARN, _("Hồ sơ ở trạng thái \"%s\": bạn không có "
                                  "thao tác chuyển nào"),
                   status_label(D.ds.status));
            return;
        }
        D.choosing = true;
        D.choice = 0;
        return;
    }
    case ACT_EXTEND: {
        const mc_user *u = desk_user(a->desk);
        if (!u || !(u->role & ROLE_LEAD)) {
            ui_msg(a, MSG_WARN, "%s",
                   _("Chỉ lãnh đạo (giám sát, quản trị) được gia hạn hồ sơ"));
            return;
        }
        if (D.ds.extended) {
            ui_msg(a, MSG_WARN, _("Hồ sơ %s đã được gia hạn một lần"),
                   D.ds.code);
            return;
        }
        if (D.ds.status != ST_RECEIVED && D.ds.status != ST_PROCESSING) {
            ui_msg(a, MSG_WARN,
                   _("Chỉ gia hạn được hồ sơ đang giải quyết (đang: %s)"),
                   status_label(D.ds.status));
            return;
        }
        field_init(&D.ext_due, N_("Ngày hẹn mới"), FK_DATE, 0, true);
        field_init(&D.ext_reason, N_("Lý do"), FK_TEXT, UF_VN, true);
        D.ext_focus = 0;
        D.extending = true;
        ui_msg_clear(a);
        return;
    }
    case ACT_ATTACH:
        if (!D.ds.n_papers) {
            ui_msg(a, MSG_WARN, "%s",
                   _("Hồ sơ không có giấy tờ nào để đính kèm bản quét"));
            return;
        }
        attach_open(&D.attach, D.ds.n_papers == 1 ? 1 : 0,
                    (int)D.ds.n_papers, D.ds.code);
        ui_msg_clear(a);
        return;
    case ACT_DETACH:
        detach_open(a, &D.ds);
        return;
    case ACT_RETURN:
        if (D.ds.status != ST_DONE) {
            ui_msg(a, MSG_WARN, _("Hồ sơ đang ở trạng thái \"%s\": chưa có "
                                  "kết quả để trả"),
                   status_label(D.ds.status));
            return;
        }
        return_begin(a, D.ds.code);
        return;
    case ACT_PRINT: {
        /* print again: always a copy, stamped BẢN SAO */
        mc_error err = {0};
        ui_print_req rq = {
            .kind = D.ds.status == ST_REFUSED ? UP_REFUSAL : UP_RECEIPT,
            .code = D.ds.code, .copy = true};
        ui_print_out po;
        if (ui_print(a, &rq, &po, &err) == MC_OK)
            ui_msg(a, po.file && !po.planned ? MSG_WARN : MSG_OK, "%s", po.msg);
        else
            ui_msg(a, MSG_ERROR, "%s", err.msg);
        return;
    }
    default:
        break;
    }
    int h = view_rows(LINES - 3);
    if (k->fn && k->ch == KEY_DOWN && D.top + h < D.n)
        D.top++;
    else if (k->fn && k->ch == KEY_UP && D.top > 0)
        D.top--;
    else if (k->fn && k->ch == KEY_NPAGE)
        D.top += h;
    else if (k->fn && k->ch == KEY_PPAGE)
        D.top = D.top > h ? D.top - h : 0;
}

static ui_field *focus(ui_app *a)
{
    (void)a;
    if (D.attach.open)
        return attach_focus(&D.attach);
    if (detach_is_open())
        return detach_focus();
    if (D.extending)
        return D.ext_focus ? &D.ext_reason : &D.ext_due;
    return D.asking ? &D.note : NULL;
}

void dossier_forget(void)
{
    detach_close();
    lines_free();
    if (D.loaded)
        mc_dossier_free(&D.ds);
    memset(&D, 0, sizeof D);
}

const ui_screen_ops ui_dossier_screen = {N_("Hồ sơ"), enter, draw, key, focus, NULL};
