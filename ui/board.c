/* SPDX-License-Identifier: GPL-3.0-or-later */
/* board.c - `motcua board`: "now serving" on the lobby TV.
 *
 * The newest call fills the screen in block digits (draw_big_scaled, as
 * large as the terminal allows: a TV console is often 160×50 or more),
 * with the counter it goes to; the calls before it are listed beside or
 * below.  Read-only and without sign-in, refreshed every second from the
 * queue's call log (desk_queue_state_get); a new call rings the terminal
 * bell so the lobby looks up.  The top bar names the office and shows the
 * clock (desk_now, so MOTCUA_NOW pins it). */
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "desk_queue.h"

static struct {
    desk_queue_state q;
    bool have;
    char last_label[16];
    mc_ts last_at;
    int last_counter;
} B;

static bool load(ui_app *a)
{
    desk_queue_state next;
    mc_error err = {0};
    if (desk_queue_state_get(a->desk, &next, &err) != MC_OK) {
        ui_msg_err(a, &err);
        return false;
    }
    if (B.have)
        desk_queue_state_free(&B.q);
    B.q = next;
    B.have = true;
    ui_msg_clear(a);
    if (B.q.n_recent) {
        const desk_queue_call *c = &B.q.recent[0];
        bool changed = strcmp(c->label, B.last_label) != 0 ||
                       c->at != B.last_at || c->counter != B.last_counter;
        if (changed && B.last_label[0])
            beep(); /* a new call (or a call again) */
        mc_strlcpy(B.last_label, c->label, sizeof B.last_label);
        B.last_at = c->at;
        B.last_counter = c->counter;
    }
    return true;
}

/* The largest scale at which `text` fits in w columns and h rows. */
static int fit_scale(const char *text, int w, int h)
{
    int s = 1;
    while (draw_big_width(text, s + 1) <= w && 5 * (s + 1) <= h && s < 8)
        s++;
    return s;
}

/* The board's top bar: the office's name on the left, the clock on the
 * right.  The clock is desk_now (MOTCUA_NOW pins it) and is always drawn;
 * a long name is cut rather than the clock dropped. */
static void board_title(ui_app *a)
{
    draw_fill(0, 0, COLS, UA_TITLE);
    char when[24], right[40];
    ui_fmt_ts(desk_now(a->desk), when, sizeof when);
    snprintf(right, sizeof right, " %s ", when);
    int rw = draw_width(right);
    draw_text(0, COLS - rw, rw, right, UA_TITLE);
    const char *office = a->cfg ? cfg_get(a->cfg, "office", "name") : NULL;
    if (!office || !*office)
        office = desk_office_name(a->desk);
    char left[400];
    if (office && *office)
        snprintf(left, sizeof left, " %s · %s", office,
                 _("ĐANG PHỤC VỤ · NOW SERVING"));
    else
        snprintf(left, sizeof left, " %s", _("ĐANG PHỤC VỤ · NOW SERVING"));
    char cut[600];
    draw_text(0, 0, COLS - rw - 1,
              draw_fit(cut, sizeof cut, left, COLS - rw - 1), UA_TITLE);
}

static void draw(ui_app *a)
{
    board_title(a);
    if (COLS < 40 || LINES < 12) {
        draw_text(2, 1, COLS - 2, _("Màn hình quá nhỏ"), UA_WARN);
        return;
    }
    if (!B.have || !B.q.n_recent) {
        draw_text(LINES / 2, 2, COLS - 4,
                  a->msg[0] ? a->msg : _("Chưa gọi số nào hôm nay · Xin mời "
                                         "lấy số thứ tự"),
                  a->msg[0] ? UA_ERROR : UA_KEY);
        return;
    }
    const desk_queue_call *now = &B.q.recent[0];
    /* wide screens: the list on the right; otherwise below */
    bool side = COLS >= 100;
    int list_w = side ? 30 : COLS - 4;
    int big_w = side ? COLS - list_w - 6 : COLS - 4;
    int big_h = side ? LINES - 7 : LINES - 7 - 4;
    int scale = fit_scale(now->label, big_w, big_h);
    int bw = draw_big_width(now->label, scale);
    int x = 2 + (big_w - bw) / 2;
    draw_text(2, 2, big_w, _("Mời số"), UA_KEY);
    draw_big_scaled(3, x < 2 ? 2 : x, now->label, scale, UA_OK);
    int y = 3 + 5 * scale + 1;
    char line[200];
    snprintf(line, sizeof line, _("Số %s · mời đến QUẦY %d"), now->label,
             now->counter);
    int lw = draw_width(line);
    draw_text(y, 2 + (big_w - lw > 0 ? (big_w - lw) / 2 : 0), big_w, line,
              UA_BIG);
    /* the calls before */
    int lx = side ? COLS - list_w - 2 : 2;
    int ly = side ? 2 : y + 2;
    draw_text(ly++, lx, list_w, _("Các số vừa gọi"), UA_KEY);
    for (size_t i = 1; i < B.q.n_recent && ly < LINES - 1; i++) {
        const desk_queue_call *c = &B.q.recent[i];
        char hm[8];
        display_hhmm(c->at, hm);
        snprintf(line, sizeof line, _("%-6s → Quầy %-2d  %s"), c->label,
                 c->counter, hm);
        draw_text(ly++, lx, list_w, line, UA_NORMAL);
    }
    snprintf(line, sizeof line, _("Đang chờ: %d"), B.q.waiting_total);
    draw_text(LINES - 1, 2, COLS - 4, line, UA_DIM);
}

static bool key(ui_app *a, wint_t ch, bool fn)
{
    (void)a;
    if ((fn && ch == KEY_F(10)) || (!fn && (ch == 'q' || ch == 'Q')))
        return false;
    return true;
}

static void done(void)
{
    if (B.have)
        desk_queue_state_free(&B.q);
    B.have = false;
}

const ui_display_ops ui_board_display = {"board", 1.0, load, draw, key,
                                         done};
