/* SPDX-License-Identifier: GPL-3.0-or-later */
/* login.c - the login screen: user name and password.  desk_login counts
 * failures, locks the account after five and audits it; its message is
 * shown as is.  After an idle lock the intake draft of the same clerk is
 * offered back on the home screen; another clerk never sees it. */
#include "ui_internal.h"

#include <string.h>

static struct {
    ui_field user, pass;
    int focus; /* 0 user, 1 password */
    bool ready;
    char prefill[64];
} L;

static void ensure(void)
{
    if (L.ready)
        return;
    field_init(&L.user, N_("Tên đăng nhập"), FK_TEXT, 0, true);
    field_init(&L.pass, N_("Mật khẩu"), FK_TEXT, UF_SECRET, true);
    L.ready = true;
}

void login_prefill(const char *login)
{
    ensure();
    mc_strlcpy(L.prefill, login ? login : "", sizeof L.prefill);
}

static void enter(ui_app *a)
{
    (void)a;
    ensure();
    field_set(&L.user, L.prefill);
    field_clear(&L.pass);
    L.focus = L.prefill[0] ? 1 : 0;
}

static void draw(ui_app *a, int top, int rows)
{
    int w = 60, h = 11;
    int y = top + (rows - h) / 2, x = (COLS - w) / 2;
    draw_box(y, x, h, w, UA_NORMAL);
    const char *office = desk_office_name(a->desk);
    draw_text(y + 1, x + 2, w - 4, _("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"), UA_KEY);
    draw_text(y + 2, x + 2, w - 4, office ? office : "", UA_NORMAL);
    draw_text(y + 4, x + 2, 18, _(L.user.label), L.focus == 0 ? UA_KEY : UA_LABEL);
    field_draw(&L.user, y + 4, x + 20, w - 23, L.focus == 0);
    draw_text(y + 6, x + 2, 18, _(L.pass.label), L.focus == 1 ? UA_KEY : UA_LABEL);
    field_draw(&L.pass, y + 6, x + 20, w - 23, L.focus == 1);
    draw_text(y + 8, x + 2, w - 4,
              _("Enter: đăng nhập · Tab: chuyển ô · F10: thoát"), UA_DIM);
}

static void attempt(ui_app *a)
{
    char user[256], pass[512];
    field_get(&L.user, user, sizeof user);
    field_get(&L.pass, pass, sizeof pass);
    if (!user[0]) {
        L.focus = 0;
        ui_msg(a, MSG_WARN, "%s", _("Chưa nhập tên đăng nhập"));
        return;
    }
    mc_error err = {0};
    mc_status rc = desk_login(a->desk, user, pass, &err);
    memset(pass, 0, sizeof pass);
    field_clear(&L.pass);
    if (rc != MC_OK) {
        L.focus = 1;
        ui_msg_err(a, &err);
        return;
    }
    a->logged_in = true;
    if (intake_has_draft() && strcmp(a->draft_owner, user) != 0)
        intake_discard(); /* another clerk's half-typed form */
    a->draft_owner[0] = '\0';
    mc_strlcpy(L.prefill, user, sizeof L.prefill);
    ui_reset(a, SCR_HOME);
    if (intake_has_draft()) {
        char who[200];
        intake_draft_summary(who, sizeof who);
        ui_msg(a, MSG_WARN, _("Có hồ sơ đang nhập dở (%s): nhấn F5 để tiếp "
                              "tục"),
               who);
    } else {
        ui_msg_clear(a);
    }
}

static void key(ui_app *a, const ui_key *k)
{
    ui_field *f = L.focus ? &L.pass : &L.user;
    switch (k->act) {
    case ACT_BACK:
        a->quit = true;
        return;
    case ACT_LOGIN:
        attempt(a);
        return;
    case ACT_NEXT:
    case ACT_PREV:
        L.focus = !L.focus;
        return;
    case ACT_CANCEL:
        field_clear(f);
        return;
    default:
        break;
    }
    if (!k->fn && k->ch == '\n') {
        if (L.focus == 0)
            L.focus = 1;
        else
            attempt(a);
        return;
    }
    if (k->fn && (k->ch == KEY_UP || k->ch == KEY_DOWN)) {
        L.focus = !L.focus;
        return;
    }
    if (!k->alt)
        field_key(f, k->ch, k->fn, IME_OFF);
}

static ui_field *focus(ui_app *a)
{
    (void)a;
    ensure();
    return L.focus ? &L.pass : &L.user;
}

const ui_screen_ops ui_login_screen = {N_("Đăng nhập"), enter, draw, key,
                                       focus, NULL};
