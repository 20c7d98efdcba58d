/* SPDX-License-Identifier: GPL-3.0-or-later */
/* attach.c - the "attach a scan" box of the intake checklist and the
 * dossier screen (F9, or s on a paper row): the paper (on the dossier
 * screen), then a file path, or nothing for the newest file of the
 * scanner folder (scans.folder).  The screen that opened it does the
 * attaching with what the box resolved (desk_files.h). */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_files.h"

void attach_open(ui_attach *w, int paper, int n_papers, const char *what)
{
    memset(w, 0, sizeof *w);
    w->open = true;
    w->n_papers = n_papers;
    w->ask_paper = paper <= 0;
    field_init(&w->paper, N_("Giấy tờ số"), FK_TEXT, 0, true);
    field_init(&w->path, N_("Tệp"), FK_TEXT, 0, false);
    if (paper > 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", paper);
        field_set(&w->paper, n);
    }
    w->focus = w->ask_paper ? 0 : 1;
    mc_strlcpy(w->what, what ? what : "", sizeof w->what);
}

void attach_draw(ui_app *a, ui_attach *w, int top)
{
    (void)a;
    int wd = COLS - 8 < 72 ? COLS - 8 : 72, bh = 10;
    int y = top + 3, x = (COLS - wd) / 2;
    for (int r = 0; r < bh; r++)
        draw_fill(y + r, x, wd, UA_NORMAL);
    draw_box(y, x, bh, wd, UA_KEY);
    draw_text(y + 1, x + 2, wd - 4, _("ĐÍNH KÈM BẢN QUÉT (PDF, PNG, JPEG)"),
              UA_KEY);
    if (w->what[0])
        draw_text(y + 2, x + 2, wd - 4, w->what, UA_DIM);
    draw_text(y + 3, x + 2, 14, _("Giấy tờ số:"), UA_LABEL);
    field_draw(&w->paper, y + 3, x + 16, 6, w->focus == 0);
    if (w->n_papers > 0)
        draw_textf(y + 3, x + 24, wd - 26, UA_DIM, _("(1–%d)"), w->n_papers);
    draw_text(y + 5, x + 2, wd - 4,
              _("Đường dẫn tệp (để trống: tệp mới nhất của thư mục máy quét):"),
              UA_LABEL);
    field_draw(&w->path, y + 6, x + 2, wd - 4, w->focus == 1);
    draw_text(y + 8, x + 2, wd - 4,
              _("Enter: đính kèm · F9: quét bằng máy quét · Tab: ô khác · "
                "Esc: huỷ"),
              UA_DIM);
}

/* Resolve the box into w->path_out / w->name_out / w->source; sane: the
 * scanner attached to this machine (SANE) instead of a file. */
static bool resolve(ui_app *a, ui_attach *w, bool sane)
{
    char num[32];
    field_get(&w->paper, num, sizeof num);
    char *end = NULL;
    long p = strtol(num, &end, 10);
    if (!num[0] || *end || p < 1 || (w->n_papers > 0 && p > w->n_papers)) {
        ui_msg(a, MSG_ERROR, _("Giấy tờ số phải từ 1 đến %d"), w->n_papers);
        w->focus = 0;
        return false;
    }
    w->paper_out = (int)p;
    if (sane) {
        w->path_out[0] = w->name_out[0] = '\0';
        w->source = DESK_SRC_SANE;
        return true;
    }
    char path[UI_FIELD_MAX * 4 + 1];
    field_get(&w->path, path, sizeof path);
    if (path[0]) {
        mc_strlcpy(w->path_out, path, sizeof w->path_out);
        const char *slash = strrchr(path, '/');
        mc_strlcpy(w->name_out, slash ? slash + 1 : path, sizeof w->name_out);
        w->source = DESK_SRC_FILE;
        return true;
    }
    desk_folder_file *ff = NULL;
    size_t n = 0;
    mc_error err = {0};
    if (desk_scan_folder_list(a->desk, 1, &ff, &n, &err) != MC_OK) {
        ui_msg_err(a, &err);
        return false;
    }
    if (n == 0) {
        ui_msg(a, MSG_ERROR, "%s", _("Thư mục máy quét không có tệp nào"));
        desk_folder_free(ff, n);
        return false;
    }
    mc_strlcpy(w->path_out, ff[0].path, sizeof w->path_out);
    mc_strlcpy(w->name_out, ff[0].name, sizeof w->name_out);
    w->source = DESK_SRC_FOLDER;
    desk_folder_free(ff, n);
    return true;
}

int attach_key(ui_app *a, ui_attach *w, const ui_key *k)
{
    if (k->act == ACT_CANCEL || k->act == ACT_BACK) {
        w->open = false;
        ui_msg(a, MSG_INFO, "%s", _("Đã huỷ, không đính kèm tệp nào"));
        return -1;
    }
    if (!k->fn && k->ch == '\n') {
        if (w->focus == 0 && w->ask_paper) {
            w->focus = 1;
            return 0;
        }
        if (!resolve(a, w, false))
            return 0;
        w->open = false;
        return 1;
    }
    if (k->act == ACT_ATTACH) { /* F9 again: scan (SANE) */
        if (!resolve(a, w, true))
            return 0;
        w->open = false;
        return 1;
    }
    if (k->act == ACT_NEXT || k->act == ACT_PREV) {
        if (w->ask_paper)
            w->focus = !w->focus;
        return 0;
    }
    ui_field *f = w->focus ? &w->path : &w->paper;
    if (!k->alt)
        field_key(f, k->ch, k->fn, IME_OFF);
    return 0;
}

ui_field *attach_focus(ui_attach *w)
{
    return w->focus ? &w->path : &w->paper;
}
