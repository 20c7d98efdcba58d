/* SPDX-License-Identifier: GPL-3.0-or-later */
/* counter_queue.c - the queue at the counter: call the next ticket, call
 * it again, skip it, finish it (keys ACT_Q_* in keys.h, on every work
 * screen), the ticket shown on the home screen and in the title bar, and
 * the dossier taken in linked to the ticket being served.
 *
 * The counter's number is `desk.counter` in the configuration (0: this
 * desk calls no tickets; the keys then say how to set it).  The ticket is
 * always the one desk_queue_get finds at that counter, so a ticket moved
 * by the CLI (transfer, no-show) is seen at the next refresh.  Opening the
 * intake or return screen while a ticket is called marks it served (the
 * citizen came to the counter); the first dossier saved (taken in,
 * refused, or its result handed over) while it is served is linked to it. */
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "desk_queue.h"

static struct {
    bool have;          /* a ticket is called or served here */
    char label[16];
    char state[16];
    int calls;
    char dossier[64];   /* the linked dossier, or "" */
} Q;

int counter_queue_number(const ui_app *a)
{
    return a->cfg ? (int)cfg_get_int(a->cfg, "desk", "counter", 0) : 0;
}

static void take(const desk_ticket *t)
{
    Q.have = strcmp(t->state, "called") == 0 ||
             strcmp(t->state, "serving") == 0;
    mc_strlcpy(Q.label, t->label, sizeof Q.label);
    mc_strlcpy(Q.state, t->state, sizeof Q.state);
    Q.calls = t->calls;
    mc_strlcpy(Q.dossier, t->dossier_code ? t->dossier_code : "",
               sizeof Q.dossier);
}

void counter_queue_refresh(ui_app *a)
{
    memset(&Q, 0, sizeof Q);
    int counter = counter_queue_number(a);
    if (!counter || !a->logged_in)
        return;
    desk_ticket t;
    mc_error err = {0};
    desk_ticket_ref ref = {NULL, counter};
    if (desk_queue_get(a->desk, &ref, &t, &err) == MC_OK)
        take(&t);
    desk_ticket_free(&t);
}

static bool need_counter(ui_app *a)
{
    if (counter_queue_number(a))
        return true;
    ui_msg(a, MSG_ERROR, "%s",
           _("Máy này chưa có số quầy: đặt desk.counter (ví dụ motcua "
             "config set desk.counter 3) rồi mở lại motcua"));
    return false;
}

static void act(ui_app *a, desk_queue_action qa)
{
    int counter = counter_queue_number(a);
    desk_ticket t;
    mc_error err = {0};
    desk_ticket_ref ref = {NULL, counter};
    mc_status rc = desk_queue_act(a->desk, &ref, qa, &t, &err);
    if (rc == MC_ENOTFOUND) {
        ui_msg(a, MSG_WARN, _("Quầy %d không có số nào đang gọi"), counter);
        desk_ticket_free(&t);
        counter_queue_refresh(a);
        return;
    }
    if (rc != MC_OK) {
        ui_msg_err(a, &err);
        desk_ticket_free(&t);
        counter_queue_refresh(a);
        return;
    }
    switch (qa) {
    case QA_RECALL:
        if (strcmp(t.state, "no_show") == 0)
            ui_msg(a, MSG_WARN,
                   _("Số %s không đến sau %d lần gọi: đã ghi vắng mặt"),
                   t.label, t.calls);
        else
            ui_msg(a, MSG_OK, _("Gọi lại số %s đến quầy %d (lần %d)"),
                   t.label, counter, t.calls);
        break;
    case QA_SKIP:
        ui_msg(a, MSG_INFO, _("Đã bỏ qua số %s: số về cuối hàng chờ"),
               t.label);
        break;
    case QA_FINISH:
        ui_msg(a, MSG_OK, _("Đã phục vụ xong số %s"), t.label);
        break;
    default:
        break;
    }
    desk_ticket_free(&t);
    counter_queue_refresh(a);
}

static void call_next(ui_app *a)
{
    int counter = counter_queue_number(a);
    desk_ticket t;
    mc_error err = {0};
    mc_status rc = desk_queue_next(a->desk, counter, NULL, &t, &err);
    if (rc == MC_OK)
        ui_msg(a, MSG_OK, _("Mời số %s đến quầy %d"), t.label, counter);
    else if (rc == MC_ENOTFOUND)
        ui_msg(a, MSG_INFO, "%s", _("Không còn ai chờ"));
    else
        ui_msg_err(a, &err);
    desk_ticket_free(&t);
    counter_queue_refresh(a);
}

bool counter_queue_key(ui_app *a, const ui_key *k)
{
    switch (k->act) {
    case ACT_Q_CALL:
    case ACT_Q_AGAIN:
    case ACT_Q_SKIP:
    case ACT_Q_FINISH:
        break;
    default:
        return false;
    }
    if (!a->logged_in || !need_counter(a))
        return true;
    switch (k->act) {
    case ACT_Q_CALL:
        call_next(a);
        break;
    case ACT_Q_AGAIN:
        act(a, QA_RECALL);
        break;
    case ACT_Q_SKIP:
        act(a, QA_SKIP);
        break;
    default:
        act(a, QA_FINISH);
        break;
    }
    return true;
}

void counter_queue_serving(ui_app *a)
{
    counter_queue_refresh(a);
    if (!Q.have || strcmp(Q.state, "called") != 0)
        return;
    desk_ticket t;
    mc_error err = {0};
    desk_ticket_ref ref = {NULL, counter_queue_number(a)};
    if (desk_queue_act(a->desk, &ref, QA_START, &t, &err) == MC_OK)
        take(&t);
    desk_ticket_free(&t);
}

void counter_queue_saved(ui_app *a, const char *code)
{
    counter_queue_refresh(a);
    /* one dossier per ticket: the first one saved while it is served */
    if (!Q.have || Q.dossier[0] || !code || !*code)
        return;
    desk_ticket t;
    mc_error err = {0};
    desk_ticket_ref ref = {NULL, counter_queue_number(a)};
    char before[sizeof a->msg];
    mc_strlcpy(before, a->msg, sizeof before);
    if (desk_queue_link(a->desk, &ref, code, &t, &err) == MC_OK) {
        take(&t);
        ui_msg(a, a->msg_kind, _("%s · gắn với số %s"), before, t.label);
    } else {
        ui_msg(a, MSG_WARN, _("%s · chưa gắn được với số %s: %s"), before,
               Q.label, err.msg);
    }
    desk_ticket_free(&t);
}

void counter_queue_badge(const ui_app *a, char *buf, size_t size)
{
    if (!Q.have || !a->logged_in)
        snprintf(buf, size, "%s", "");
    else
        snprintf(buf, size, _("Quầy %d: %s · "), counter_queue_number(a),
                 Q.label);
}

void counter_queue_draw(ui_app *a, int y)
{
    int counter = counter_queue_number(a);
    if (!counter) {
        draw_text(y, 2, COLS - 4,
                  _("Hàng đợi: máy này chưa có số quầy (desk.counter)"),
                  UA_DIM);
        return;
    }
    if (!Q.have) {
        draw_textf(y, 2, COLS - 4, UA_NORMAL,
                   _("Quầy %d: chưa gọi số (F11/c gọi số tiếp theo)"),
                   counter);
        return;
    }
    char line[300];
    if (strcmp(Q.state, "called") == 0)
        snprintf(line, sizeof line,
                 _("Quầy %d: đang gọi số %s (lần %d) · e gọi lại · k bỏ qua "
                   "· F12/d xong"),
                 counter, Q.label, Q.calls);
    else if (Q.dossier[0])
        snprintf(line, sizeof line,
                 _("Quầy %d: đang phục vụ số %s · hồ sơ %s · F12/d xong"),
                 counter, Q.label, Q.dossier);
    else
        snprintf(line, sizeof line,
                 _("Quầy %d: đang phục vụ số %s · F12/d xong"), counter,
                 Q.label);
    draw_text(y, 2, COLS - 4, line, UA_WARN);
}
