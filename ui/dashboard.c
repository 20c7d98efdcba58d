/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dashboard.c - `motcua dashboard`: the supervisor's live view of the
 * office, refreshed every second from the shared database.
 *
 * One desk_dashboard_get() per refresh (a read snapshot, no write lock):
 * waiting per service group and the longest wait, each counter (serving
 * whom, since when, served today), the day's dossiers (received, due,
 * overdue), the on-time rate of the month, the sync backlog and its oldest
 * unsent event, failed prints.  Warnings are coloured; every warning also
 * carries a "!" mark so it reads the same in monochrome and with NO_COLOR.
 * Thresholds: a wait over 15 minutes, any overdue dossier, an on-time
 * rate under 90 %, an unsent event older than 10 minutes, any failed
 * print today. */
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

#include "desk_report.h"

#define WARN_WAIT_S (15 * 60)
#define WARN_SYNC_S (10 * 60)
#define WARN_ON_TIME_PCT 90

static struct {
    desk_dashboard db;
    bool have;
    char updated[8];
    bool stale; /* the last refresh failed: what is shown is older */
} B;

static bool load(ui_app *a)
{
    desk_dashboard next;
    mc_error err = {0};
    if (desk_dashboard_get(a->desk, &next, &err) != MC_OK) {
        ui_msg_err(a, &err);
        B.stale = true;
        return false;
    }
    if (B.have)
        desk_dashboard_free(&B.db);
    B.db = next;
    B.have = true;
    B.stale = false;
    ui_msg_clear(a);
    display_hhmm(desk_now(a->desk), B.updated);
    return true;
}

static const char *counter_state(const char *st)
{
    if (!st || !*st)
        return _("rảnh");
    if (strcmp(st, "called") == 0)
        return _("đang gọi");
    if (strcmp(st, "serving") == 0)
        return _("đang phục vụ");
    return st;
}

/* A figure, warned when `warn`: coloured, and marked "!" for monochrome. */
static int figure(int y, int x, int w, const char *label, const char *value,
                  bool warn)
{
    char pad[200], line[300];
    snprintf(line, sizeof line, "%s %s%s", draw_pad(pad, sizeof pad, label, 20),
             value, warn ? " !" : "");
    return draw_text(y, x, w, line, warn ? UA_ERROR : UA_NORMAL);
}

static void draw(ui_app *a)
{
    display_title(a, _("motcua · Bảng điều hành"));
    if (COLS < 80 || LINES < 24) {
        draw_textf(2, 1, COLS - 2, UA_WARN,
                   _("Cửa sổ quá nhỏ: cần ít nhất 80×24 (đang là %d×%d)"), COLS,
                   LINES);
        return;
    }
    if (!B.have) {
        draw_text(2, 1, COLS - 2, a->msg[0] ? a->msg : _("Đang đọc số liệu…"),
                  a->msg[0] ? UA_ERROR : UA_DIM);
        return;
    }
    const desk_queue_state *q = &B.db.queue;
    int y = 2;
    char pad[200], pad2[100], pad3[64], line[400], dur[48];
    draw_textf(y++, 1, COLS - 2, UA_KEY, _("Xếp hàng hôm nay: %d người đang chờ"),
               q->waiting_total);
    /* the number columns are right-aligned: so are their headings */
    const char *h_wait = _("Chờ"), *h_prio = _("Ưu tiên");
    int gw = 6 - draw_width(h_wait), gp = 8 - draw_width(h_prio);
    snprintf(line, sizeof line, "  %s %s %*s%s %*s%s  %s",
             draw_fit(pad3, sizeof pad3, _("Nhóm"), 5),
             draw_fit(pad, sizeof pad, _("Dịch vụ"), 38), gw > 0 ? gw : 0, "",
             h_wait, gp > 0 ? gp : 0, "", h_prio, _("Chờ lâu nhất"));
    draw_text(y++, 1, COLS - 2, line, UA_LABEL);
    int svc_rows = (int)q->n_services;
    if (svc_rows > 6)
        svc_rows = 6;
    for (int i = 0; i < svc_rows; i++) {
        const desk_queue_service_state *s = &q->services[i];
        bool warn = s->longest_wait > WARN_WAIT_S;
        if (s->waiting)
            display_duration(s->longest_wait, dur, sizeof dur);
        else
            snprintf(dur, sizeof dur, "%s", "–");
        snprintf(line, sizeof line, "  %-5s %s %6d %8d  %s%s", s->code,
                 draw_fit(pad, sizeof pad, s->name ? s->name : "", 38),
                 s->waiting, s->priority_waiting, dur, warn ? " !" : "");
        draw_text(y++, 1, COLS - 2, line, warn ? UA_ERROR : UA_NORMAL);
    }
    y++;
    draw_text(y++, 1, COLS - 2, _("Quầy"), UA_KEY);
    char pad4[64], pad5[64];
    snprintf(line, sizeof line, "  %s %s %s %s %s %s",
             draw_fit(pad3, sizeof pad3, _("Quầy"), 5),
             draw_fit(pad, sizeof pad, _("Cán bộ"), 18),
             draw_fit(pad4, sizeof pad4, _("Số"), 6),
             draw_fit(pad2, sizeof pad2, _("Trạng thái"), 14),
             draw_fit(pad5, sizeof pad5, _("Từ"), 6), _("Đã phục vụ"));
    draw_text(y++, 1, COLS - 2, line, UA_LABEL);
    int room = LINES - 2 - 8 - y; /* leave the dossier and sync rows */
    if (!q->n_counters)
        draw_text(y++, 3, COLS - 4, _("(chưa có quầy nào gọi số hôm nay)"),
                  UA_DIM);
    for (size_t i = 0; i < q->n_counters && (int)i < room; i++) {
        const desk_queue_counter_state *c = &q->counters[i];
        char since[8] = "";
        if (c->label[0])
            display_hhmm(c->since, since);
        char st[100];
        snprintf(line, sizeof line, "  %-5d %s %-6s %s %-6s %d", c->counter,
                 draw_fit(pad, sizeof pad, c->clerk ? c->clerk : "", 18),
                 c->label[0] ? c->label : "–",
                 draw_pad(st, sizeof st, counter_state(c->label[0] ? c->state
                                                                   : NULL),
                          14),
                 since[0] ? since : "–", c->served);
        draw_text(y++, 1, COLS - 2, line, c->label[0] ? UA_NORMAL : UA_DIM);
    }
    y = LINES - 8;
    draw_text(y++, 1, COLS - 2, _("Hồ sơ"), UA_KEY);
    char v[80];
    snprintf(v, sizeof v, "%lld", (long long)B.db.received_today);
    figure(y, 3, 36, _("Tiếp nhận hôm nay"), v, false);
    snprintf(v, sizeof v, "%lld", (long long)B.db.due_today);
    figure(y++, 40, COLS - 41, _("Đến hạn hôm nay"), v, false);
    snprintf(v, sizeof v, "%lld", (long long)B.db.overdue);
    figure(y, 3, 36, _("Quá hạn"), v, B.db.overdue > 0);
    bool rate_warn = false;
    if (B.db.resolved_month) {
        int pct = (int)(B.db.resolved_month_on_time * 100 / B.db.resolved_month);
        rate_warn = pct < WARN_ON_TIME_PCT;
        snprintf(v, sizeof v, "%d%% (%lld/%lld)", pct,
                 (long long)B.db.resolved_month_on_time,
                 (long long)B.db.resolved_month);
    } else {
        snprintf(v, sizeof v, "%s", "–");
    }
    figure(y++, 40, COLS - 41, _("Đúng hạn tháng này"), v, rate_warn);
    y++;
    mc_ts now = desk_now(a->desk);
    bool sync_warn = B.db.outbox_pending && B.db.outbox_oldest &&
                     now - B.db.outbox_oldest > WARN_SYNC_S;
    if (B.db.outbox_pending) {
        char when[24];
        ui_fmt_ts(B.db.outbox_oldest, when, sizeof when);
        snprintf(v, sizeof v, _("%lld sự kiện, cũ nhất %s"),
                 (long long)B.db.outbox_pending, when);
    } else {
        snprintf(v, sizeof v, "%s", _("đã gửi hết"));
    }
    figure(y++, 3, COLS - 4, _("Chưa đồng bộ"), v, sync_warn);
    snprintf(v, sizeof v, "%lld", (long long)B.db.prints_failed_today);
    figure(y, 3, 36, _("In lỗi hôm nay"), v, B.db.prints_failed_today > 0);
    snprintf(v, sizeof v, "%lld", (long long)B.db.online_waiting);
    figure(y++, 40, COLS - 41, _("Trực tuyến chờ nhận"), v,
           B.db.online_waiting > 0);
    /* status line: freshness, or why the last refresh failed */
    if (a->msg[0])
        draw_text(LINES - 2, 1, COLS - 2, a->msg, UA_ERROR);
    else
        draw_textf(LINES - 2, 1, COLS - 2, UA_DIM,
                   _("Cập nhật mỗi giây · lần cuối %s%s"), B.updated,
                   B.stale ? _(" (số liệu cũ)") : "");
    draw_fill(LINES - 1, 0, COLS, UA_NORMAL);
    int x = draw_text(LINES - 1, 0, 4, "F10", UA_KEY);
    draw_text(LINES - 1, x, COLS - x, _("Thoát (q)"), UA_KEYLABEL);
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
        desk_dashboard_free(&B.db);
    B.have = false;
}

const ui_display_ops ui_dashboard_display = {"dashboard", 1.0, load, draw,
                                             key, done};
