/* SPDX-License-Identifier: GPL-3.0-or-later */
/* display.c - the loop of the full-screen displays (dashboard, board,
 * kiosk): no sign-in screen, no screen stack, one view refreshed from the
 * shared database on a timer.
 *
 * Each refresh is one read snapshot taken by the desk (a deferred BEGIN,
 * no write lock), so any number of displays can watch the same office
 * database while the counters write to it.  The wait for a key is what
 * paces the loop: a key is answered at once, otherwise the view is
 * refreshed every `period` seconds.  A resize is a redraw. */
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int ui_show_run(ui_show which, struct mc_desk *desk, struct mc_config *cfg)
{
    const ui_display_ops *ops = which == UI_SHOW_DASHBOARD ? &ui_dashboard_display
                                : which == UI_SHOW_BOARD   ? &ui_board_display
                                                           : &ui_kiosk_display;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s\n",
                _("motcua: màn hình này cần một terminal; dùng --json trong "
                  "script"));
        return 2;
    }
    ui_app app;
    memset(&app, 0, sizeof app);
    app.desk = desk;
    app.cfg = cfg;
    app.logged_in = desk_user(desk) != NULL;
    if (!ui_term_start(&app))
        return 1;
    double next = 0;
    while (!app.quit && !ui_term_quit_requested()) {
        double now = mono_now();
        if (now >= next) {
            ops->load(&app);
            next = now + ops->period;
        }
        erase();
        ops->draw(&app);
        refresh();
        int wait_ms = (int)((next - mono_now()) * 1000.0);
        timeout(wait_ms < 10 ? 10 : wait_ms > 1000 ? 1000 : wait_ms);
        wint_t ch;
        int r = get_wch(&ch);
        if (r == ERR)
            continue;
        if (r == KEY_CODE_YES && ch == KEY_RESIZE)
            continue;
        if (!ops->key(&app, ch, r == KEY_CODE_YES))
            app.quit = true;
    }
    ui_term_stop();
    ops->done();
    ui_print_shutdown();
    return 0;
}

/* The title bar every display shares: name left, office and time right. */
void display_title(ui_app *a, const char *title)
{
    draw_fill(0, 0, COLS, UA_TITLE);
    char left[300];
    snprintf(left, sizeof left, " %s", title);
    int used = draw_text(0, 0, COLS, left, UA_TITLE);
    char right[300], when[24];
    ui_fmt_ts(desk_now(a->desk), when, sizeof when);
    const char *office = desk_office_name(a->desk);
    snprintf(right, sizeof right, "%s · %s ", office ? office : "", when);
    int rw = draw_width(right);
    if (used + 2 + rw <= COLS)
        draw_text(0, COLS - rw, rw, right, UA_TITLE);
}

/* "12 phút", "1 giờ 05 phút", "40 giây". */
void display_duration(int64_t secs, char *buf, size_t size)
{
    if (secs < 0)
        secs = 0;
    if (secs < 60)
        snprintf(buf, size, _("%lld giây"), (long long)secs);
    else if (secs < 3600)
        snprintf(buf, size, _("%lld phút"), (long long)(secs / 60));
    else
        snprintf(buf, size, _("%lld giờ %02lld phút"), (long long)(secs / 3600),
                 (long long)(secs % 3600 / 60));
}

/* "hh:mm" of an instant (Vietnam time). */
void display_hhmm(mc_ts t, char buf[8])
{
    int m = t ? mc_ts_vn_minute(t) : 0;
    snprintf(buf, 8, "%02d:%02d", (m / 60) % 24, m % 60);
}
