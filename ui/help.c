/* SPDX-License-Identifier: GPL-3.0-or-later */
/* help.c - the help screen, generated from the key table (keys.h): the
 * same rows that route the keys, so it cannot drift from the bindings.
 * The bindings of the screen the clerk came from are marked with ». */
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

static struct {
    ui_screen_id from;
    int top;
} P;

void help_set_from(ui_screen_id s)
{
    P.from = s;
    P.top = 0;
}

/* The help lines: one per binding, then the notes. */
static int lines(char out[][400], int max)
{
    int n = 0;
    for (size_t i = 0; i < keys_count() && n < max; i++) {
        const ui_binding *b = keys_at(i);
        char name[16] = "", letter[8] = "";
        keys_name(b, name, sizeof name);
        if (b->letter)
            snprintf(letter, sizeof letter, "%c", b->letter);
        bool here = (b->screens & (1u << P.from)) != 0;
        char pad[32];
        snprintf(out[n++], 400, "%s %s %-2s %s", here ? "»" : " ",
                 draw_pad(pad, sizeof pad, name, 6), letter, _(b->help));
    }
    const char *notes[] = {
        "",
        N_("Trong ô nhập và cả biểu mẫu tiếp nhận, phím chữ không làm thao "
           "tác: dùng phím F hoặc Alt+chữ (ví dụ Alt-b)."),
        N_("Quét mã QR ở bất kỳ màn hình nào sẽ mở hồ sơ đó."),
        N_("Telex: aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, dd đ; s f r x j dấu."),
    };
    for (size_t i = 0; i < sizeof notes / sizeof *notes && n < max; i++)
        snprintf(out[n++], 400, "%s", notes[i][0] ? _(notes[i]) : "");
    return n;
}

static void draw(ui_app *a, int top, int rows)
{
    (void)a;
    static char text[64][400];
    int n = lines(text, 64);
    draw_text(top, 1, COLS - 2, _("Phím     Chữ Việc"), UA_LABEL);
    int h = rows - 1;
    bool scrolls = n > h;
    if (scrolls)
        h--; /* the last row says whether there is more */
    if (P.top > n - h)
        P.top = n - h > 0 ? n - h : 0;
    for (int r = 0; r < h && P.top + r < n; r++) {
        const char *t = text[P.top + r];
        draw_text(top + 1 + r, 1, COLS - 2, t,
                  strncmp(t, "»", strlen("»")) == 0 ? UA_KEY : UA_NORMAL);
    }
    if (scrolls) {
        int pages = (n + h - 1) / h, page = (P.top + h - 1) / h + 1;
        if (P.top + h >= n)
            page = pages;
        if (P.top + h < n)
            draw_textf(top + rows - 1, 1, COLS - 2, UA_WARN,
                       _("▼ Trang %d/%d · còn nữa: ↓ hoặc PgDn"), page, pages);
        else
            draw_textf(top + rows - 1, 1, COLS - 2, UA_DIM,
                       _("▲ Trang %d/%d · hết · ↑ hoặc PgUp để xem lại"), page,
                       pages);
    }
}

static void key(ui_app *a, const ui_key *k)
{
    if (k->act == ACT_CLOSE_HELP || k->act == ACT_CANCEL ||
        (!k->fn && (k->ch == 'q' || k->ch == '\n')) ||
        (k->fn && k->ch == KEY_F(10))) {
        ui_pop(a);
        return;
    }
    if (k->fn && k->ch == KEY_DOWN)
        P.top++;
    else if (k->fn && k->ch == KEY_UP && P.top > 0)
        P.top--;
    else if (k->fn && k->ch == KEY_NPAGE)
        P.top += LINES - 6;
    else if (k->fn && k->ch == KEY_PPAGE)
        P.top = P.top > LINES - 6 ? P.top - (LINES - 6) : 0;
}

const ui_screen_ops ui_help_screen = {N_("Trợ giúp — phím tắt"), NULL, draw,
                                      key, NULL, NULL};
