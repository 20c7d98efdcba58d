/* SPDX-License-Identifier: GPL-3.0-or-later */
/* home.c - the clerk's home: today's figures and the actions, each with
 * its key (from the key table). */
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "desk_online.h"
#include "desk_stats.h"

static struct {
    desk_day_stats st;
    int64_t online; /* online dossiers waiting for reception */
    bool have;
    int sel;
    bool quit_armed; /* F10 once: asked to confirm */
} H;

static const ui_action menu[] = {ACT_INTAKE, ACT_ONLINE, ACT_SEARCH,
                                 ACT_RETURN, ACT_LOCK,   ACT_BACK};
#define N_MENU (sizeof menu / sizeof *menu)

void home_refresh(ui_app *a)
{
    mc_error err = {0};
    H.have = desk_day_stats_get(a->desk, &H.st, &err) == MC_OK &&
             desk_online_waiting(a->desk, &H.online, &err) == MC_OK;
    if (!H.have)
        ui_msg_err(a, &err);
}

void home_forget(void)
{
    memset(&H, 0, sizeof H);
}

/* The figures are computed after the screen is up (idle), so the clerk
 * sees the home screen at once even on a very large database. */
static bool stale = true;

static void enter(ui_app *a)
{
    (void)a;
    stale = true;
    H.quit_armed = false;
}

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double online_at;

static bool idle(ui_app *a)
{
    if (!stale) {
        /* online dossiers arrive with the sync worker at any time: their
         * count is read again every few seconds (one indexed COUNT) */
        if (mono_s() - online_at < 5)
            return false;
        online_at = mono_s();
        int64_t n = H.online;
        mc_error err = {0};
        if (desk_online_waiting(a->desk, &n, &err) != MC_OK || n == H.online)
            return false;
        H.online = n;
        return true;
    }
    stale = false;
    home_refresh(a);
    counter_queue_refresh(a);
    online_at = mono_s();
    return true;
}

static const ui_binding *binding_of(ui_action act)
{
    for (size_t i = 0; i < keys_count(); i++)
        if (keys_at(i)->act == act && (keys_at(i)->screens & S_HOME))
            return keys_at(i);
    return NULL;
}

static void draw(ui_app *a, int top, int rows)
{
    (void)rows;
    const mc_user *u = desk_user(a->desk);
    char when[24];
    ui_fmt_ts(desk_now(a->desk), when, sizeof when);
    draw_textf(top + 1, 2, COLS - 4, UA_KEY, _("Xin chào %s — %s"),
               u && u->name ? u->name : "", desk_office_name(a->desk));
    counter_queue_draw(a, top + 2);
    draw_text(top + 3, 2, COLS - 4, _("Hôm nay của bạn"), UA_KEY);
    struct {
        const char *label;
        int64_t v;
        ui_attr_role r;
    } figs[] = {
        {N_("Đã tiếp nhận"), H.st.received, UA_NORMAL},
        {N_("Đã trả kết quả"), H.st.returned, UA_NORMAL},
        {N_("Từ chối tiếp nhận"), H.st.refused, UA_NORMAL},
        {N_("Đến hạn hôm nay (cả bộ phận)"), H.st.due_today,
         H.st.due_today ? UA_WARN : UA_NORMAL},
        {N_("Quá hạn (cả bộ phận)"), H.st.overdue,
         H.st.overdue ? UA_ERROR : UA_NORMAL},
        {N_("Kết quả chờ trả"), H.st.ready, UA_NORMAL},
        {N_("Trực tuyến chờ tiếp nhận (F7)"), H.online,
         H.online ? UA_WARN : UA_NORMAL},
    };
    for (size_t i = 0; i < sizeof figs / sizeof *figs; i++) {
        int y = top + 4 + (int)i;
        draw_text(y, 4, 34, _(figs[i].label), UA_LABEL);
        if (H.have)
            draw_textf(y, 40, 10, figs[i].r, "%6lld", (long long)figs[i].v);
        else
            draw_text(y, 40, 10, "     ?", UA_DIM);
    }
    int y = top + 12;
    draw_text(y++, 2, COLS - 4, _("Việc cần làm"), UA_KEY);
    for (size_t i = 0; i < N_MENU; i++, y++) {
        const ui_binding *b = binding_of(menu[i]);
        if (!b)
            continue;
        char name[16];
        keys_name(b, name, sizeof name);
        char line[256];
        snprintf(line, sizeof line, " %-4s %c   %s", name, b->letter,
                 _(b->help));
        bool sel = (int)i == H.sel;
        if (sel)
            draw_fill(y, 3, COLS - 6, UA_SELECT);
        draw_text(y, 3, COLS - 6, line, sel ? UA_SELECT : UA_NORMAL);
    }
    if (intake_has_draft()) {
        char who[200];
        intake_draft_summary(who, sizeof who);
        draw_textf(y + 1, 2, COLS - 4, UA_WARN,
                   _("Bản nháp tiếp nhận: %s (F5 để tiếp tục)"), who);
    }
}

static void run(ui_app *a, ui_action act)
{
    if (act != ACT_BACK)
        H.quit_armed = false;
    switch (act) {
    case ACT_INTAKE:
        ui_msg_clear(a);
        counter_queue_serving(a);
        ui_push(a, SCR_INTAKE);
        break;
    case ACT_SEARCH:
        ui_push(a, SCR_SEARCH);
        break;
    case ACT_ONLINE:
        ui_msg_clear(a);
        ui_push(a, SCR_ONLINE);
        break;
    case ACT_RETURN:
        ui_msg_clear(a);
        counter_queue_serving(a);
        return_begin(a, NULL);
        break;
    case ACT_LOCK:
        ui_lock(a, false);
        break;
    case ACT_BACK:
        /* quitting closes the counter for everyone waiting: confirm */
        if (H.quit_armed) {
            a->quit = true;
        } else {
            H.quit_armed = true;
            ui_msg(a, MSG_WARN, "%s",
                   _("Thoát motcua? Nhấn F10 lần nữa để thoát, phím khác để "
                     "ở lại"));
        }
        return;
    default:
        break;
    }
}

static void key(ui_app *a, const ui_key *k)
{
    if (H.quit_armed && k->act != ACT_BACK &&
        !(!k->fn && k->ch == '\n' && menu[H.sel] == ACT_BACK)) {
        H.quit_armed = false;
        ui_msg_clear(a);
        if (k->act == ACT_CANCEL)
            return;
    }
    if (k->act != ACT_NONE && k->act != ACT_NEXT && k->act != ACT_PREV &&
        k->act != ACT_CANCEL) {
        run(a, k->act);
        return;
    }
    if ((k->fn && k->ch == KEY_DOWN) || k->act == ACT_NEXT)
        H.sel = (H.sel + 1) % (int)N_MENU;
    else if ((k->fn && k->ch == KEY_UP) || k->act == ACT_PREV)
        H.sel = (H.sel + (int)N_MENU - 1) % (int)N_MENU;
    else if (!k->fn && k->ch == '\n')
        run(a, menu[H.sel]);
}

const ui_screen_ops ui_home_screen = {N_("Màn hình chính"), enter, draw, key,
                                      NULL, idle};
