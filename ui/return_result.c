/* SPDX-License-Identifier: GPL-3.0-or-later */
/* return_result.c - handing a result over at the desk.  Step 1: scan the
 * QR on the citizen's receipt or type the code.  Step 2: the dossier at
 * the return step: who collects it (name, identity number, relation when
 * it is not the applicant) -> desk_advance(returned). */
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

#include "dossier_code.h"

enum { R_CODE, R_NAME, R_ID, R_REL, N_R };

static struct {
    bool ready;
    int step; /* 0 code, 1 receiver */
    ui_field f[N_R];
    int focus;
    char code[DCODE_MAX];
    char applicant[256], applicant_id[64], procedure[300], received[24];
    bool done;
} R;

static void ensure(void)
{
    if (R.ready)
        return;
    field_init(&R.f[R_CODE], N_("Mã hồ sơ"), FK_CODE, 0, true);
    field_init(&R.f[R_NAME], N_("Họ tên người nhận"), FK_NAME, UF_VN, true);
    field_init(&R.f[R_ID], N_("Số CCCD/CMND người nhận"), FK_PERSON, 0, true);
    field_init(&R.f[R_REL], N_("Quan hệ với người nộp"), FK_TEXT, UF_VN, false);
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
    bool ok = ds.status == ST_DONE;
    if (!ok)
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
        R.step = 1;
        R.focus = R_NAME;
        R.done = false;
        ui_msg(a, MSG_INFO, "%s",
               _("Kiểm tra người nhận rồi nhấn F2 để ghi nhận trả kết quả"));
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
    for (int i = R_NAME; i < N_R; i++)
        if (field_check(&R.f[i], year, true, &err) != MC_OK) {
            R.focus = i;
            ui_msg(a, MSG_ERROR, "%s", err.msg);
            return;
        }
    char name[UI_FIELD_MAX * 4 + 1], id[UI_FIELD_MAX * 4 + 1],
        rel[UI_FIELD_MAX * 4 + 1];
    field_get(&R.f[R_NAME], name, sizeof name);
    field_get(&R.f[R_ID], id, sizeof id);
    field_get(&R.f[R_REL], rel, sizeof rel);
    if (strcmp(name, R.applicant) != 0 && !rel[0]) {
        R.focus = R_REL;
        ui_msg(a, MSG_ERROR, "%s",
               _("Người nhận không phải người nộp: cần ghi quan hệ (và giấy "
                 "uỷ quyền)"));
        return;
    }
    desk_advance_in in = {
        .code = R.code,
        .to = "returned",
        .receiver_name = name,
        .receiver_id = id,
        .receiver_relation = rel[0] ? rel : NULL,
    };
    mc_dossier out;
    if (desk_advance(a->desk, &in, &out, &err) != MC_OK) {
        ui_msg_err(a, &err);
        return;
    }
    mc_dossier_free(&out);
    R.done = true;
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
    y++;
    int year = mc_ts_vn_date(desk_now(a->desk)).y;
    for (int i = R_NAME; i < N_R; i++) {
        mc_error err = {0};
        bool bad = field_check(&R.f[i], year, false, &err) != MC_OK;
        draw_field_row(y++, &R.f[i], 28, !R.done && R.focus == i, bad);
        y++;
    }
    if (R.done) {
        /* two rows: the code alone is 25 columns, and all of it must show */
        draw_textf(y + 1, 2, COLS - 4, UA_OK, _("ĐÃ TRẢ KẾT QUẢ hồ sơ %s."),
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
    if (k->act == ACT_NEXT || (k->fn && k->ch == KEY_DOWN) ||
        (!k->fn && k->ch == '\n')) {
        if (!k->fn && k->ch == '\n' && R.focus == R_REL) {
            save(a);
            return;
        }
        R.focus = R.focus == R_REL ? R_NAME : R.focus + 1;
        return;
    }
    if (k->act == ACT_PREV || (k->fn && k->ch == KEY_UP)) {
        R.focus = R.focus == R_NAME ? R_REL : R.focus - 1;
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
