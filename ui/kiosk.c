/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kiosk.c - `motcua kiosk`: citizens take a queue ticket.
 *
 * The screen shows each active service group as a big key (its number on
 * the keypad, or its letter); "*" (or 0) first asks for a priority ticket
 * (the elderly, people with disabilities, pregnant women, people with
 * small children).  desk_queue_ticket issues the number without sign-in;
 * the thermal ticket is printed through the printing code (ESC/POS to
 * [print] ticket_queue, or the .escpos file in the receipts folder when
 * there is no ticket printer; where it went is logged, never shown to the
 * citizen).  The issued number stays large for a few
 * seconds, then the menu comes back.  There is no quit key: the kiosk is
 * stopped by its operator (Ctrl-C, SIGTERM). */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_queue.h"
#include "log.h"

#define KIOSK_MAX 9
#define SHOW_SECONDS 8

static struct {
    desk_service svc[KIOSK_MAX];
    char code[KIOSK_MAX][2];
    char *name[KIOSK_MAX];
    int n;
    bool priority;
    /* the ticket just issued */
    char label[16];
    int ahead;
    bool issued_priority;
    int show_left; /* refreshes before the menu comes back */
    char print_msg[700];
    bool printed;
} K;

static void services_clear(void)
{
    for (int i = 0; i < K.n; i++)
        free(K.name[i]);
    K.n = 0;
}

static void add_service(const desk_service *sv, void *ud)
{
    (void)ud;
    if (!sv->active || K.n >= KIOSK_MAX)
        return;
    mc_strlcpy(K.code[K.n], sv->code, sizeof K.code[K.n]);
    K.name[K.n] = mc_xstrdup(sv->name ? sv->name : "");
    K.n++;
}

static bool load(ui_app *a)
{
    if (K.show_left > 0) {
        K.show_left--;
        return true;
    }
    services_clear();
    mc_error err = {0};
    if (desk_queue_services(a->desk, add_service, NULL, &err) != MC_OK) {
        ui_msg_err(a, &err);
        return false;
    }
    return true;
}

static void draw_menu(ui_app *a)
{
    draw_text(2, 2, COLS - 4, _("Xin mời chọn dịch vụ để lấy số thứ tự"),
              UA_KEY);
    if (K.priority)
        draw_text(3, 2, COLS - 4,
                  _("★ SỐ ƯU TIÊN: người cao tuổi, người khuyết tật, phụ nữ "
                    "mang thai, người có con nhỏ"),
                  UA_WARN);
    else
        draw_text(3, 2, COLS - 4,
                  _("Ưu tiên (người cao tuổi, khuyết tật, mang thai, có con "
                    "nhỏ): nhấn * trước"),
                  UA_DIM);
    /* one big key per service: a box with its number and name */
    int top = 5, avail = LINES - top - 2;
    int h = K.n ? avail / K.n : avail;
    if (h > 5)
        h = 5;
    if (h < 3)
        h = 3;
    for (int i = 0; i < K.n && top + (i + 1) * h <= LINES - 2; i++) {
        int y = top + i * h;
        draw_box(y, 2, h, COLS - 4, K.priority ? UA_WARN : UA_OK);
        char line[400];
        snprintf(line, sizeof line, "  %d   %s  %s", i + 1, K.code[i],
                 K.name[i]);
        draw_text(y + h / 2, 4, COLS - 8, line, UA_BIG);
    }
    if (!K.n)
        draw_text(top, 2, COLS - 4,
                  a->msg[0] ? a->msg : _("Chưa có dịch vụ nào đang mở"),
                  UA_WARN);
    else if (a->msg[0])
        draw_wrap(LINES - 3, 2, COLS - 4, 2, a->msg, UA_ERROR);
    draw_text(LINES - 1, 2, COLS - 4,
              _("Nhấn số (1, 2, …) hoặc chữ của dịch vụ · * : số ưu tiên"),
              UA_DIM);
}

static void draw_ticket(void)
{
    draw_text(2, 2, COLS - 4, _("Số thứ tự của bạn"), UA_KEY);
    int scale = 1;
    while (draw_big_width(K.label, scale + 1) <= COLS - 4 &&
           5 * (scale + 1) <= LINES - 12 && scale < 6)
        scale++;
    int bw = draw_big_width(K.label, scale);
    draw_big_scaled(4, (COLS - bw) / 2, K.label, scale, UA_OK);
    int y = 4 + 5 * scale + 1;
    char line[300];
    snprintf(line, sizeof line, "%s%s", K.label,
             K.issued_priority ? _(" · ƯU TIÊN") : "");
    draw_text(y++, (COLS - draw_width(line)) / 2, COLS - 4, line, UA_BIG);
    if (K.ahead > 0)
        snprintf(line, sizeof line, _("Có %d người trước bạn. Xin mời ngồi "
                                      "chờ gọi số."),
                 K.ahead);
    else
        snprintf(line, sizeof line, "%s",
                 _("Bạn sẽ được gọi ngay. Xin mời chú ý bảng gọi số."));
    draw_text(++y, 2, COLS - 4, line, UA_NORMAL);
    y += 2;
    draw_wrap(y, 2, COLS - 4, 3, K.print_msg, K.printed ? UA_OK : UA_WARN);
}

static void draw(ui_app *a)
{
    display_title(a, _("motcua · Lấy số thứ tự"));
    if (COLS < 40 || LINES < 16) {
        draw_text(2, 1, COLS - 2, _("Màn hình quá nhỏ"), UA_WARN);
        return;
    }
    if (K.show_left > 0)
        draw_ticket();
    else
        draw_menu(a);
}

static void issue(ui_app *a, int i)
{
    desk_ticket t;
    mc_error err = {0};
    if (desk_queue_ticket(a->desk, K.code[i], K.priority, &t, &err) != MC_OK) {
        ui_msg(a, MSG_ERROR, _("Chưa lấy được số: %s"), err.msg);
        return;
    }
    mc_strlcpy(K.label, t.label, sizeof K.label);
    K.ahead = t.ahead;
    K.issued_priority = t.priority;
    desk_ticket_free(&t);
    char what[300];
    snprintf(what, sizeof what, "%s%s", K.name[i],
             K.issued_priority ? _(" · ƯU TIÊN") : "");
    ui_print_out po;
    mc_error perr = {0};
    bool ok = ui_print_ticket(a, K.label, what, &po, &perr) == MC_OK;
    K.printed = ok && !po.file;
    /* The citizen reads one plain sentence; where the ticket went (a
     * printer queue, a file path) or why the printer failed is for the
     * operator, in the log.  Notice, not warning: a warning would also be
     * written on stderr, which is the kiosk's own screen. */
    if (!ok) {
        mc_log(MC_LOG_NOTICE, "kiosk: ticket %s not printed: %s", K.label,
               perr.msg);
        mc_strlcpy(K.print_msg,
                   _("Máy in số thứ tự đang lỗi: xin ghi nhớ số trên màn hình "
                     "và báo cán bộ."),
                   sizeof K.print_msg);
    } else {
        mc_log(MC_LOG_NOTICE, "kiosk: ticket %s: %s", K.label, po.msg);
        mc_strlcpy(K.print_msg,
                   po.file ? _("Chưa có máy in số thứ tự: xin ghi nhớ số trên "
                               "màn hình.")
                           : _("Xin nhận phiếu số thứ tự ở khe máy in."),
                   sizeof K.print_msg);
    }
    K.priority = false;
    K.show_left = SHOW_SECONDS;
    ui_msg_clear(a);
}

static bool key(ui_app *a, wint_t ch, bool fn)
{
    if (fn)
        return true;
    if (K.show_left > 0) {
        K.show_left = 0; /* any key: back to the menu */
        return true;
    }
    if (ch == '*' || ch == '0') {
        K.priority = !K.priority;
        return true;
    }
    if (ch == UI_ESC) {
        K.priority = false;
        return true;
    }
    int pick = -1;
    if (ch >= '1' && ch <= '9' && (int)(ch - '1') < K.n)
        pick = (int)(ch - '1');
    for (int i = 0; i < K.n && pick < 0; i++)
        if ((ch >= 'A' && ch <= 'Z' && K.code[i][0] == (char)ch) ||
            (ch >= 'a' && ch <= 'z' && K.code[i][0] == (char)(ch - 'a' + 'A')))
            pick = i;
    if (pick >= 0)
        issue(a, pick);
    return true;
}

static void done(void)
{
    services_clear();
    memset(&K, 0, sizeof K);
}

const ui_display_ops ui_kiosk_display = {"kiosk", 1.0, load, draw, key,
                                         done};
