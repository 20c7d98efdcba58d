/* SPDX-License-Identifier: GPL-3.0-or-later */
/* search.c - one box that finds a dossier by code (or scanned lookup
 * URL), identity number, or name, ignoring case and diacritics (đ too),
 * as the clerk types: every change of the box runs desk_search again.
 * Results show status, due date and overdue; Enter opens the dossier. */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

#define SEARCH_LIMIT 50

typedef struct hit {
    char code[DCODE_MAX];
    char *name;
    char *procedure;
    char id[MC_LOG_MASK_MAX]; /* masked: 0011******45 */
    const char *id_kind;      /* msgid: CCCD, MST, BHXH */
    mc_dossier_status status;
    mc_date due;
    bool overdue;
    bool has_due;
} hit;

static struct {
    bool ready;
    ui_field box;
    hit *hits;
    int n, sel, top;
    char last[UI_FIELD_MAX * 4 + 1];
} S;

static void clear_hits(void)
{
    for (int i = 0; i < S.n; i++) {
        free(S.hits[i].name);
        free(S.hits[i].procedure);
    }
    S.n = 0;
}

void search_reset(void)
{
    clear_hits();
    free(S.hits);
    S.hits = NULL;
    S.ready = false;
}

struct collect {
    ui_app *a;
    mc_ts now;
};

static bool collect(const mc_dossier *ds, void *ud)
{
    struct collect *c = ud;
    if (S.n >= SEARCH_LIMIT)
        return false;
    hit *h = &S.hits[S.n++];
    mc_strlcpy(h->code, ds->code, sizeof h->code);
    h->name = mc_xstrdup(ds->applicant_name ? ds->applicant_name : "");
    h->procedure = mc_xstrdup(ds->procedure_name ? ds->procedure_name : "");
    /* two people of one name are told apart by their identity number,
     * masked as in the logs (the list is seen over the counter) */
    const char *id = ds->id_number, *kind = N_("CCCD");
    if (ds->applicant_kind == APPLICANT_ORGANISATION && ds->tax_code)
        id = ds->tax_code, kind = N_("MST");
    else if (!id || !*id)
        id = ds->bhxh_number, kind = N_("Số BHXH");
    mc_log_mask_id(id, h->id);
    h->id_kind = id && *id ? kind : NULL;
    h->status = ds->status;
    h->has_due = ds->due_at != 0;
    h->due = mc_ts_vn_date(ds->due_at);
    h->overdue = mc_dossier_overdue(ds, c->now);
    return true;
}

static void run(ui_app *a)
{
    char text[sizeof S.last];
    field_get(&S.box, text, sizeof text);
    if (strcmp(text, S.last) == 0)
        return;
    mc_strlcpy(S.last, text, sizeof S.last);
    clear_hits();
    S.sel = S.top = 0;
    if (field_empty(&S.box))
        return;
    /* an identity number matches whole: 9 (CMND), 10 (BHXH, tax code),
     * 12 (CCCD) or 14 (branch tax code) characters; partial numbers would
     * only cost a lookup that cannot match */
    size_t digits = 0, other = 0;
    for (const char *p = text; *p; p++) {
        if ((*p >= '0' && *p <= '9') || *p == '-')
            digits++;
        else if (*p != ' ')
            other++;
    }
    if (!other && digits != 9 && digits != 10 && digits != 12 && digits != 14)
        return;
    struct collect c = {a, desk_now(a->desk)};
    mc_error err = {0};
    if (desk_search(a->desk, text, SEARCH_LIMIT, collect, &c, &err) != MC_OK)
        ui_msg_err(a, &err);
    else if (a->msg_kind == MSG_ERROR)
        ui_msg_clear(a);
}

static void enter(ui_app *a)
{
    if (!S.ready) {
        field_init(&S.box, N_("Tìm"), FK_CODE, 0, false);
        S.hits = mc_xcalloc(SEARCH_LIMIT, sizeof *S.hits);
        S.ready = true;
    }
    /* coming back from a dossier: the results may have changed */
    S.last[0] = '\x01';
    S.last[1] = '\0';
    run(a);
}

static void draw(ui_app *a, int top, int rows)
{
    (void)a;
    draw_text(top + 1, 2, 12, _("Tìm hồ sơ:"), UA_KEY);
    field_draw(&S.box, top + 1, 14, COLS - 16, true);
    draw_text(top + 2, 14, COLS - 16,
              _("mã hồ sơ, số CCCD/BHXH, hoặc họ tên (không cần dấu)"), UA_DIM);
    int y0 = top + 4;
    draw_text(y0, 1, 26, _("Mã hồ sơ"), UA_LABEL);
    draw_text(y0, 28, 22, _("Người nộp"), UA_LABEL);
    draw_text(y0, 51, 17, _("Trạng thái"), UA_LABEL);
    draw_text(y0, 70, 10, _("Hẹn trả"), UA_LABEL);
    int h = (rows - 6) / 2; /* two rows a hit: the second tells people apart */
    if (S.sel < S.top)
        S.top = S.sel;
    if (S.sel >= S.top + h)
        S.top = S.sel - h + 1;
    for (int r = 0; r < h && S.top + r < S.n; r++) {
        const hit *it = &S.hits[S.top + r];
        bool sel = S.top + r == S.sel;
        int y = y0 + 1 + 2 * r;
        if (sel) {
            draw_fill(y, 1, COLS - 2, UA_SELECT);
            draw_fill(y + 1, 1, COLS - 2, UA_SELECT);
        }
        char who[300];
        if (it->id_kind)
            snprintf(who, sizeof who, "%s %s · %s", _(it->id_kind), it->id,
                     it->procedure);
        else
            snprintf(who, sizeof who, "%s · %s", _("không có số định danh"),
                     it->procedure);
        draw_text(y + 1, 3, COLS - 4, who, sel ? UA_SELECT : UA_DIM);
        ui_attr_role role = sel ? UA_SELECT : UA_NORMAL;
        draw_text(y, 1, 26, it->code, role);
        draw_text(y, 28, 22, it->name, role);
        draw_text(y, 51, 17, status_label(it->status), role);
        if (it->has_due) {
            char d[11];
            mc_date_format_vn(it->due, d);
            /* overdue: a "!" before the due date, in red */
            draw_text(y, 69, 1, it->overdue ? "!" : " ",
                      sel ? UA_SELECT : UA_ERROR);
            draw_text(y, 70, 10, d,
                      it->overdue && !sel ? UA_ERROR : role);
        }
    }
    if (S.n == 0 && !field_empty(&S.box))
        draw_text(y0 + 1, 2, COLS - 4, _("(không tìm thấy hồ sơ nào)"), UA_DIM);
    else if (S.n)
        draw_textf(top + rows - 1, 2, COLS - 4, UA_DIM,
                   _("%d kết quả · ↑↓ chọn · Enter: mở hồ sơ"), S.n);
}

static void key(ui_app *a, const ui_key *k)
{
    switch (k->act) {
    case ACT_BACK:
        ui_pop(a);
        return;
    case ACT_CANCEL:
        if (field_empty(&S.box))
            ui_pop(a);
        else {
            field_clear(&S.box);
            run(a);
        }
        return;
    default:
        break;
    }
    if (k->fn && k->ch == KEY_DOWN) {
        if (S.sel + 1 < S.n)
            S.sel++;
        return;
    }
    if (k->fn && k->ch == KEY_UP) {
        if (S.sel > 0)
            S.sel--;
        return;
    }
    if (!k->fn && k->ch == '\n') {
        if (S.n)
            ui_open_dossier(a, S.hits[S.sel].code, false);
        else
            ui_msg(a, MSG_WARN, "%s", _("Không có hồ sơ nào để mở"));
        return;
    }
    /* the search itself runs from idle(), once the key is on screen */
    if (!k->alt)
        field_key(&S.box, k->ch, k->fn, IME_OFF);
}

static bool idle(ui_app *a)
{
    char text[sizeof S.last];
    field_get(&S.box, text, sizeof text);
    if (!S.ready || strcmp(text, S.last) == 0)
        return false;
    run(a);
    return true;
}

static ui_field *focus(ui_app *a)
{
    (void)a;
    return S.ready ? &S.box : NULL;
}

const ui_screen_ops ui_search_screen = {N_("Tìm hồ sơ"), enter, draw, key,
                                        focus, idle};
