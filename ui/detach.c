/* SPDX-License-Identifier: GPL-3.0-or-later */
/* detach.c - the "detach a scan" box of the dossier screen (x): the
 * dossier's scans (↑↓ picks one), the reason (required), then Enter asks
 * once more before desk_files_detach marks the file detached (never
 * deleted; the clerk sees it leave the paper's count). */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_files.h"

#define DETACH_MAX 64 /* scans listed */
#define DETACH_ROWS 6 /* shown at once */

typedef struct detach_row {
    int64_t id;
    int paper, pages;
    char name[256];
} detach_row;

static struct {
    bool open, confirming;
    char code[DCODE_MAX];
    detach_row rows[DETACH_MAX];
    int n, sel, top;
    ui_field reason;
} X;

static void collect(const desk_file *f, void *ud)
{
    (void)ud;
    if (strcmp(f->role, DESK_FILE_SCAN) != 0 || X.n >= DETACH_MAX)
        return;
    detach_row *r = &X.rows[X.n++];
    r->id = f->id;
    r->paper = f->paper;
    r->pages = f->pages;
    mc_strlcpy(r->name, f->name, sizeof r->name);
}

bool detach_open(ui_app *a, const mc_dossier *ds)
{
    memset(&X, 0, sizeof X);
    if (status_is_final(ds->status)) {
        ui_msg(a, MSG_WARN, _("Hồ sơ %s đã kết thúc (%s); không gỡ được tệp"),
               ds->code, status_label(ds->status));
        return false;
    }
    mc_error err = {0};
    if (desk_files_each(a->desk, ds->code, collect, NULL, &err) != MC_OK) {
        ui_msg_err(a, &err);
        return false;
    }
    if (X.n == 0) {
        ui_msg(a, MSG_WARN, _("Hồ sơ %s không có bản quét nào để gỡ"),
               ds->code);
        return false;
    }
    mc_strlcpy(X.code, ds->code, sizeof X.code);
    field_init(&X.reason, N_("Lý do gỡ"), FK_TEXT, UF_VN, true);
    X.open = true;
    return true;
}

bool detach_is_open(void)
{
    return X.open;
}

void detach_close(void)
{
    memset(&X, 0, sizeof X);
}

void detach_draw(ui_app *a, int top)
{
    (void)a;
    int rows = X.n < DETACH_ROWS ? X.n : DETACH_ROWS;
    int wd = COLS - 8 < 72 ? COLS - 8 : 72, bh = rows + 8;
    int y = top + 2, x = (COLS - wd) / 2;
    for (int r = 0; r < bh; r++)
        draw_fill(y + r, x, wd, UA_NORMAL);
    draw_box(y, x, bh, wd, UA_WARN);
    draw_textf(y + 1, x + 2, wd - 4, UA_WARN,
               _("GỠ BẢN QUÉT GẮN NHẦM KHỎI HỒ SƠ %s"), X.code);
    if (X.sel < X.top)
        X.top = X.sel;
    if (X.sel >= X.top + rows)
        X.top = X.sel - rows + 1;
    for (int i = 0; i < rows; i++) {
        const detach_row *r = &X.rows[X.top + i];
        bool sel = X.top + i == X.sel;
        char l[400];
        snprintf(l, sizeof l, _(" #%lld · giấy tờ %d · %d tr · %s"),
                 (long long)r->id, r->paper, r->pages, r->name);
        if (sel)
            draw_fill(y + 2 + i, x + 1, wd - 2, UA_SELECT);
        draw_text(y + 2 + i, x + 2, wd - 4, l, sel ? UA_SELECT : UA_NORMAL);
    }
    draw_text(y + rows + 3, x + 2, wd - 4, _("Lý do gỡ (bắt buộc):"),
              UA_LABEL);
    field_draw(&X.reason, y + rows + 4, x + 2, wd - 4, !X.confirming);
    if (X.confirming) {
        const detach_row *r = &X.rows[X.sel];
        draw_textf(y + rows + 6, x + 2, wd - 4, UA_WARN,
                   _("Gỡ %s khỏi giấy tờ %d? Enter: xác nhận · Esc: quay "
                     "lại"),
                   r->name, r->paper);
    } else {
        draw_text(y + rows + 6, x + 2, wd - 4,
                  _("↑↓: chọn tệp · Enter: gỡ · Esc: huỷ"), UA_DIM);
    }
}

static int do_detach(ui_app *a)
{
    char reason[UI_FIELD_MAX * 4 + 1];
    field_get(&X.reason, reason, sizeof reason);
    const detach_row *r = &X.rows[X.sel];
    desk_detach_result res = {0};
    mc_error err = {0};
    if (desk_files_detach(a->desk, X.code, r->id, reason, &res, &err) !=
        MC_OK) {
        X.confirming = false;
        ui_msg_err(a, &err);
        return 0;
    }
    ui_msg(a, MSG_OK, _("Đã gỡ %s khỏi giấy tờ số %d của hồ sơ %s"),
           res.name, res.paper, X.code);
    desk_detach_result_free(&res);
    detach_close();
    return 1;
}

int detach_key(ui_app *a, const ui_key *k)
{
    if (k->act == ACT_CANCEL || k->act == ACT_BACK) {
        if (X.confirming) {
            X.confirming = false;
            return 0;
        }
        detach_close();
        ui_msg(a, MSG_INFO, "%s", _("Đã huỷ, không gỡ tệp nào"));
        return -1;
    }
    if (!k->fn && k->ch == '\n') {
        if (X.confirming)
            return do_detach(a);
        if (field_empty(&X.reason)) {
            ui_msg(a, MSG_ERROR, "%s",
                   _("Phải ghi lý do gỡ tệp khỏi hồ sơ"));
            return 0;
        }
        X.confirming = true; /* a detach is never one key */
        ui_msg_clear(a);
        return 0;
    }
    if (X.confirming)
        return 0;
    if (k->fn && k->ch == KEY_DOWN) {
        X.sel = (X.sel + 1) % X.n;
        return 0;
    }
    if (k->fn && k->ch == KEY_UP) {
        X.sel = (X.sel + X.n - 1) % X.n;
        return 0;
    }
    if (!k->alt)
        field_key(&X.reason, k->ch, k->fn, a->ime);
    return 0;
}

ui_field *detach_focus(void)
{
    return X.open && !X.confirming ? &X.reason : NULL;
}
