/* SPDX-License-Identifier: GPL-3.0-or-later */
/* return_result.c - returning a result.  Step 1: scan the QR on the
 * citizen's receipt or type the code.  Step 2: the dossier at the return
 * step, by the channel chosen at intake (the last field changes it: 1 at
 * the desk, 2 by post, 3 electronically):
 *   desk        who collects it (name, identity number, relation when it
 *               is not the applicant);
 *   post        the postal tracking number and the posting date;
 *   electronic  the result PDF (signed when the office has a key; the
 *               dossier then waits for the centre's delivery confirmation)
 * -> desk_return (desk_returns.h). */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_returns.h"
#include "dossier_code.h"
#include "vntext.h"

enum { R_CODE, R_NAME, R_ID, R_REL, R_TRACK, R_POSTED, R_FILE, R_CHAN, N_R };

/* the fields of each channel, in focus order; the channel field last */
static const int desk_fields[] = {R_NAME, R_ID, R_REL, R_CHAN};
static const int post_fields[] = {R_TRACK, R_POSTED, R_CHAN};
static const int elec_fields[] = {R_FILE, R_CHAN};

static struct {
    bool ready;
    int step; /* 0 code, 1 receiver */
    ui_field f[N_R];
    int focus;
    char code[DCODE_MAX];
    char applicant[256], applicant_id[64], procedure[300], received[24];
    char address[400], email[300];
    unsigned chosen;  /* the channel chosen at intake */
    unsigned channel; /* the one this return goes by */
    bool done, sent;  /* sent: electronically, awaiting delivery */
} R;

static void fields_of(const int **v, int *n)
{
    if (R.channel == RET_POST) {
        *v = post_fields;
        *n = (int)(sizeof post_fields / sizeof *post_fields);
    } else if (R.channel == RET_ELECTRONIC) {
        *v = elec_fields;
        *n = (int)(sizeof elec_fields / sizeof *elec_fields);
    } else {
        *v = desk_fields;
        *n = (int)(sizeof desk_fields / sizeof *desk_fields);
    }
}

/* 1/2/3, the first letter or the name of a channel; 0 when none */
static unsigned typed_channel(const ui_field *f)
{
    char t[UI_FIELD_MAX * 4 + 1];
    field_get(f, t, sizeof t);
    char *k = vn_fold(t);
    unsigned ch = 0;
    if (k && (!strcmp(k, "1") || !strcmp(k, "q") || !strcmp(k, "desk")))
        ch = RET_DESK;
    else if (k && (!strcmp(k, "2") || !strcmp(k, "b") || !strcmp(k, "post")))
        ch = RET_POST;
    else if (k &&
             (!strcmp(k, "3") || !strcmp(k, "d") || !strcmp(k, "electronic")))
        ch = RET_ELECTRONIC;
    free(k);
    return ch;
}

static void set_channel(unsigned ch)
{
    R.channel = ch ? ch : RET_DESK;
    char n[2] = {(char)('0' + R.channel), '\0'};
    field_set(&R.f[R_CHAN], n);
    const int *v;
    int k;
    fields_of(&v, &k);
    R.focus = v[0];
}

static void ensure(void)
{
    if (R.ready)
        return;
    field_init(&R.f[R_CODE], N_("Mã hồ sơ"), FK_CODE, 0, true);
    field_init(&R.f[R_NAME], N_("Họ tên người nhận"), FK_NAME, UF_VN, true);
    field_init(&R.f[R_ID], N_("Số CCCD/CMND người nhận"), FK_PERSON, 0, true);
    field_init(&R.f[R_REL], N_("Quan hệ với người nộp"), FK_TEXT, UF_VN, false);
    field_init(&R.f[R_TRACK], N_("Số hiệu bưu gửi"), FK_TEXT, 0, true);
    field_init(&R.f[R_POSTED], N_("Ngày gửi"), FK_DATE, 0, true);
    field_init(&R.f[R_FILE], N_("Tệp kết quả (PDF)"), FK_TEXT, 0, true);
    field_init(&R.f[R_CHAN], N_("Hình thức trả (1, 2, 3)"), FK_TEXT, 0,
               true);
    R.ready = true;
}

/* Load the dossier for the receiver step; false (with a message) when it
 * is not waiting to be returned. */
static bool load(ui_app *a, const char *text)
{
    mc_dossier ds;
    mc_error err = {0};
    if (desk_dossier_get(a->desk, text, &ds, &err) != MC_OK) {
        if (err.code == MC_ENOTFOUND)
            ui_msg(a, MSG_ERROR, _("Không có hồ sơ mã %s"), text);
        else
            ui_msg_err(a, &err);
        return false;
    }
    bool ok = ds.status == ST_DONE && ds.result_sent_at <= 0;
    if (ds.status == ST_DONE && ds.result_sent_at > 0)
        ui_msg(a, MSG_ERROR,
               _("Kết quả hồ sơ %s đã gửi điện tử, đang chờ trung tâm xác "
                 "nhận đã nhận"),
               ds.code);
    else if (!ok)
        ui_msg(a, MSG_ERROR,
               _("Hồ sơ %s đang ở trạng thái \"%s\": chưa thể trả kết quả"),
               ds.code, status_label(ds.status));
    else {
        mc_strlcpy(R.code, ds.code, sizeof R.code);
        mc_strlcpy(R.applicant, ds.applicant_name ? ds.applicant_name : "",
                   sizeof R.applicant);
        mc_strlcpy(R.applicant_id, ds.id_number ? ds.id_number : "",
                   sizeof R.applicant_id);
        mc_strlcpy(R.procedure, ds.procedure_name ? ds.procedure_name : "",
                   sizeof R.procedure);
        ui_fmt_ts(ds.received_at, R.received, sizeof R.received);
        /* most results are collected by the applicant: prefill */
        field_set(&R.f[R_NAME], R.applicant);
        field_set(&R.f[R_ID], R.applicant_id);
        field_clear(&R.f[R_REL]);
        mc_strlcpy(R.address, ds.address ? ds.address : "",
                   sizeof R.address);
        mc_strlcpy(R.email, ds.email ? ds.email : "", sizeof R.email);
        field_clear(&R.f[R_TRACK]);
        char today[11];
        mc_date_format(mc_ts_vn_date(desk_now(a->desk)), today);
        field_set(&R.f[R_POSTED], today);
        field_clear(&R.f[R_FILE]);
        R.chosen = ds.return_channel ? ds.return_channel : RET_DESK;
        R.step = 1;
        R.done = R.sent = false;
        set_channel(R.chosen);
        ui_msg(a, MSG_INFO, "%s",
               R.channel == RET_POST
                   ? _("Trả qua bưu chính: nhập số hiệu bưu gửi rồi nhấn F2")
               : R.channel == RET_ELECTRONIC
                   ? _("Trả điện tử: nhập đường dẫn tệp kết quả PDF rồi "
                       "nhấn F2")
                   : _("Kiểm tra người nhận rồi nhấn F2 để ghi nhận trả kết "
                       "quả"));
    }
    mc_dossier_free(&ds);
    return ok;
}

void return_begin(ui_app *a, const char *code)
{
    ensure();
    R.step = 0;
    R.done = false;
    R.focus = R_CODE;
    field_clear(&R.f[R_CODE]);
    if (code) {
        field_set(&R.f[R_CODE], code);
        load(a, code);
    }
    ui_push(a, SCR_RETURN);
}

static void enter(ui_app *a)
{
    (void)a;
    ensure();
}

void return_forget(void)
{
    memset(&R, 0, sizeof R);
}

static void save(ui_app *a)
{
    mc_error err = {0};
    int year = mc_ts_vn_date(desk_now(a->desk)).y;
    unsigned ch = typed_channel(&R.f[R_CHAN]);
    if (!ch) {
        R.focus = R_CHAN;
        ui_msg(a, MSG_ERROR, "%s",
               _("Hình thức trả: gõ 1 (tại quầy), 2 (bưu chính) hoặc 3 (điện "
                 "tử)"));
        return;
    }
    if (ch != R.channel) { /* typed, then F2 at once: show that form first */
        set_channel(ch);
        return;
    }
    const int *v;
    int n;
    fields_of(&v, &n);
    for (int i = 0; i < n; i++)
        if (field_check(&R.f[v[i]], year, true, &err) != MC_OK) {
            R.focus = v[i];
            ui_msg(a, MSG_ERROR, "%s", err.msg);
            return;
        }
    char name[UI_FIELD_MAX * 4 + 1], id[UI_FIELD_MAX * 4 + 1],
        rel[UI_FIELD_MAX * 4 + 1], track[UI_FIELD_MAX * 4 + 1],
        file[UI_FIELD_MAX * 4 + 1], posted[11] = "";
    field_get(&R.f[R_NAME], name, sizeof name);
    field_get(&R.f[R_ID], id, sizeof id);
    field_get(&R.f[R_REL], rel, sizeof rel);
    field_get(&R.f[R_TRACK], track, sizeof track);
    field_get(&R.f[R_FILE], file, sizeof file);
    mc_date pd;
    if (field_date(&R.f[R_POSTED], &pd))
        mc_date_format(pd, posted);
    desk_return_in in = {.code = R.code,
                         .channel = return_channel_name(R.channel)};
    if (R.channel == RET_POST) {
        in.tracking_number = track;
        in.posted_on = posted[0] ? posted : NULL;
    } else if (R.channel == RET_ELECTRONIC) {
        in.result_file = file;
    } else {
        if (strcmp(name, R.applicant) != 0 && !rel[0]) {
            R.focus = R_REL;
            ui_msg(a, MSG_ERROR, "%s",
                   _("Người nhận không phải người nộp: cần ghi quan hệ (và "
                     "giấy uỷ quyền)"));
            return;
        }
        in.receiver_name = name;
        in.receiver_id = id;
        in.receiver_relation = rel[0] ? rel : NULL;
    }
    mc_dossier out;
    if (desk_return(a->desk, &in, &out, &err) != MC_OK) {
        ui_msg_err(a, &err);
        if (!strcmp(err.field, "tracking-number"))
            R.focus = R_TRACK;
        else if (!strcmp(err.field, "posted-on"))
            R.focus = R_POSTED;
        else if (!strcmp(err.field, "result"))
            R.focus = R_FILE;
        return;
    }
    R.sent = out.status != ST_RETURNED;
    if (out.post_tracking)
        mc_strlcpy(track, out.post_tracking, sizeof track);
    mc_dossier_free(&out);
    R.done = true;
    if (R.channel == RET_POST)
        ui_msg(a, MSG_OK, _("Đã trả kết quả hồ sơ %s qua bưu chính, số hiệu %s"),
               R.code, track);
    else if (R.channel == RET_ELECTRONIC)
        ui_msg(a, MSG_OK,
               _("Đã gửi kết quả hồ sơ %s bản điện tử; chờ trung tâm xác "
                 "nhận đã nhận"),
               R.code);
    else
        ui_msg(a, MSG_OK, _("Đã trả kết quả hồ sơ %s cho %s"), R.code, name);
    counter_queue_saved(a, R.code);
}

static void draw(ui_app *a, int top, int rows)
{
    (void)a;
    (void)rows;
    draw_text(top + 1, 2, COLS - 4,
              _("Quét mã QR trên giấy hẹn hoặc nhập mã hồ sơ, rồi Enter"),
              UA_DIM);
    draw_field_row(top + 3, &R.f[R_CODE], 28, R.step == 0, false);
    if (R.step == 0)
        return;
    int y = top + 5;
    draw_textf(y++, 2, COLS - 4, UA_KEY, "%s", R.procedure);
    draw_textf(y++, 2, COLS - 4, UA_NORMAL, _("Người nộp: %s  %s"),
               R.applicant, R.applicant_id);
    draw_textf(y++, 2, COLS - 4, UA_NORMAL, _("Tiếp nhận lúc: %s"), R.received);
    draw_text(y++, 2, COLS - 4, _("Trạng thái: Đã có kết quả — chờ trả"),
              UA_OK);
    if (R.channel == RET_POST)
        draw_textf(y, 2, COLS - 4, UA_KEY, _("Gửi bưu chính đến: %s"),
                   R.address[0] ? R.address : _("(chưa có địa chỉ)"));
    else if (R.channel == RET_ELECTRONIC)
        draw_textf(y, 2, COLS - 4, UA_KEY, _("Gửi bản điện tử đến: %s"),
                   R.email[0] ? R.email : _("Cổng Dịch vụ công"));
    else if (R.chosen != RET_DESK)
        draw_textf(y, 2, COLS - 4, UA_WARN,
                   _("Khi tiếp nhận đã chọn: %s"),
                   return_channel_label(R.chosen));
    y++;
    int year = mc_ts_vn_date(desk_now(a->desk)).y;
    const int *v;
    int n;
    fields_of(&v, &n);
    for (int j = 0; j < n; j++) {
        int i = v[j];
        mc_error err = {0};
        bool bad = field_check(&R.f[i], year, false, &err) != MC_OK;
        draw_field_row(y++, &R.f[i], 28, !R.done && R.focus == i, bad);
        if (i == R_CHAN)
            draw_text(y, 32, COLS - 34,
                      _("1 tại quầy · 2 bưu chính · 3 điện tử"), UA_DIM);
        y++;
    }
    if (R.done) {
        /* two rows: the code alone is 25 columns, and all of it must show */
        draw_textf(y + 1, 2, COLS - 4, UA_OK,
                   R.sent ? _("ĐÃ GỬI KẾT QUẢ ĐIỆN TỬ hồ sơ %s.")
                          : _("ĐÃ TRẢ KẾT QUẢ hồ sơ %s."),
                   R.code);
        draw_text(y + 2, 2, COLS - 4,
                  _("Enter: trả hồ sơ khác · F10: quay lại"), UA_DIM);
    }
}

static void key(ui_app *a, const ui_key *k)
{
    if (k->act == ACT_BACK || (k->act == ACT_CANCEL && (R.step == 0 || R.done))) {
        ui_pop(a);
        return;
    }
    if (k->act == ACT_CANCEL) {
        R.step = 0;
        R.focus = R_CODE;
        ui_msg_clear(a);
        return;
    }
    if (R.done) {
        if (!k->fn && k->ch == '\n')
            return_begin(a, NULL);
        return;
    }
    if (R.step == 0) {
        if (!k->fn && k->ch == '\n') {
            char text[UI_FIELD_MAX * 4 + 1];
            field_get(&R.f[R_CODE], text, sizeof text);
            if (!field_empty(&R.f[R_CODE]))
                load(a, text);
            return;
        }
        if (!k->alt)
            field_key(&R.f[R_CODE], k->ch, k->fn, IME_OFF);
        return;
    }
    if (k->act == ACT_SAVE) {
        save(a);
        return;
    }
    const int *v;
    int n, at = 0;
    fields_of(&v, &n);
    for (int j = 0; j < n; j++)
        if (v[j] == R.focus)
            at = j;
    if (k->act == ACT_NEXT || (k->fn && k->ch == KEY_DOWN) ||
        (!k->fn && k->ch == '\n')) {
        if (R.focus == R_CHAN) {
            unsigned ch = typed_channel(&R.f[R_CHAN]);
            if (ch && ch != R.channel) {
                set_channel(ch);
                return;
            }
        }
        /* Enter on the last field of the channel's form saves */
        if (!k->fn && k->ch == '\n' && at == n - 2) {
            save(a);
            return;
        }
        R.focus = v[(at + 1) % n];
        return;
    }
    if (k->act == ACT_PREV || (k->fn && k->ch == KEY_UP)) {
        R.focus = v[(at + n - 1) % n];
        return;
    }
    if (!k->alt && field_key(&R.f[R.focus], k->ch, k->fn, a->ime)) {
        mc_error err = {0};
        int year = mc_ts_vn_date(desk_now(a->desk)).y;
        if (field_check(&R.f[R.focus], year, false, &err) != MC_OK)
            ui_msg(a, MSG_WARN, "%s", err.msg);
        else if (a->msg_kind == MSG_WARN)
            ui_msg_clear(a);
    }
}

static ui_field *focus(ui_app *a)
{
    (void)a;
    ensure();
    if (R.done)
        return NULL;
    return R.step == 0 ? &R.f[R_CODE] : &R.f[R.focus];
}

const ui_screen_ops ui_return_screen = {N_("Trả kết quả"), enter, draw, key,
                                        focus, NULL};
