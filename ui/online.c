/* SPDX-License-Identifier: GPL-3.0-or-later */
/* online.c - the online inbox (issue 12): dossiers filed on the national
 * portal for this office, pulled by sync.  The list of those waiting for
 * reception; Enter shows one (its fields, papers and attached files);
 * F2 accepts it (a code as at the counter, the receipt printed), F7 asks
 * for a supplement, F8 refuses, both with reasons (Mẫu 02 / Mẫu 03 as a
 * PDF that goes back through the centre and is kept in the receipts
 * folder).  Another desk may have decided meanwhile: the desk refuses the
 * second decision and the message names who took it. */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "desk_online.h"
#include "modules.h"

#define ONLINE_MAX 500

typedef struct row {
    char ref[72];
    char *name, *procedure;
    char submitted[24];
} row;

typedef enum { OM_LIST, OM_VIEW, OM_CONFIRM, OM_SUPPLEMENT, OM_REFUSE } mode;

static struct {
    row *rows;
    int n, sel, top;
    mode m;
    json_t *detail; /* the selected item, with its files, in OM_VIEW */
    ui_field missing, reason;
    int focus; /* 0 missing, 1 reason */
    bool stale;
} O;

static void clear_rows(void)
{
    for (int i = 0; i < O.n; i++) {
        free(O.rows[i].name);
        free(O.rows[i].procedure);
    }
    O.n = 0;
}

void online_forget(void)
{
    clear_rows();
    free(O.rows);
    json_decref(O.detail);
    memset(&O, 0, sizeof O);
}

static bool collect(const desk_online_item *it, void *ud)
{
    (void)ud;
    if (O.n >= ONLINE_MAX)
        return false;
    row *r = &O.rows[O.n++];
    mc_strlcpy(r->ref, it->portal_ref, sizeof r->ref);
    r->name = mc_xstrdup(it->applicant_name ? it->applicant_name : "");
    r->procedure = mc_xstrdup(it->procedure_code ? it->procedure_code : "");
    mc_ts t = 0;
    if (it->submitted_at && mc_ts_parse(it->submitted_at, &t))
        ui_fmt_ts(t, r->submitted, sizeof r->submitted);
    else
        mc_strlcpy(r->submitted, it->submitted_at ? it->submitted_at : "",
                   sizeof r->submitted);
    return true;
}

static void load(ui_app *a)
{
    char keep[72] = "";
    if (O.sel < O.n)
        mc_strlcpy(keep, O.rows[O.sel].ref, sizeof keep);
    clear_rows();
    if (!O.rows)
        O.rows = mc_xcalloc(ONLINE_MAX, sizeof *O.rows);
    mc_error err = {0};
    if (desk_online_list(a->desk, "waiting", ONLINE_MAX, collect, NULL, &err))
        ui_msg_err(a, &err);
    O.sel = 0;
    for (int i = 0; i < O.n; i++)
        if (strcmp(O.rows[i].ref, keep) == 0)
            O.sel = i;
    O.stale = false;
}

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double loaded_at;

static void enter(ui_app *a)
{
    (void)a;
    O.m = OM_LIST;
    O.stale = true;
}

/* The list is read again every few seconds while it is shown: the sync
 * worker brings new dossiers, the other desks take some. */
static bool idle(ui_app *a)
{
    if (!O.stale && !(O.m == OM_LIST && mono_s() - loaded_at >= 5))
        return false;
    load(a);
    loaded_at = mono_s();
    return true;
}

static bool file_one(const desk_online_file *f, void *ud)
{
    json_t *arr = ud;
    json_array_append_new(arr, json_pack("{s:i, s:s, s:s, s:I, s:b}", "paper",
                                         f->paper, "name", f->name, "mime",
                                         f->mime, "size", (json_int_t)f->size,
                                         "fetched", f->fetched_at > 0));
    return true;
}

static bool show_one(const desk_online_item *it, void *ud)
{
    json_t **out = ud;
    *out = desk_online_json(it);
    return true;
}

static bool open_detail(ui_app *a)
{
    if (!O.n)
        return false;
    json_decref(O.detail);
    O.detail = NULL;
    json_t *files = json_array();
    mc_error err = {0};
    const char *ref = O.rows[O.sel].ref;
    if (desk_online_show(a->desk, ref, show_one, &O.detail, &err) ||
        desk_online_files(a->desk, ref, file_one, files, &err)) {
        json_decref(files);
        ui_msg_err(a, &err);
        return false;
    }
    json_object_set_new(O.detail, "files", files);
    return true;
}

static const char *dstr(const char *key)
{
    const char *s = json_string_value(
        json_object_get(json_object_get(O.detail, "dossier"), key));
    return s && *s ? s : NULL;
}

static void draw_detail(int top, int rows)
{
    int y = top + 1, lw = 16, w = COLS - 4 - lw - 1;
    int last = top + rows - 2;
    draw_textf(y++, 2, COLS - 4, UA_KEY, _("Hồ sơ trực tuyến %s"),
               json_string_value(json_object_get(O.detail, "portal_ref")));
    struct {
        const char *label, *key;
    } f[] = {
        {N_("Thủ tục:"), "procedure_code"}, {N_("Người nộp:"), "applicant_name"},
        {N_("Số định danh:"), "id_number"}, {N_("Số BHXH:"), "bhxh_number"},
        {N_("Điện thoại:"), "phone"},       {N_("Địa chỉ:"), "address"},
        {N_("Ghi chú:"), "note"},
    };
    for (size_t i = 0; i < sizeof f / sizeof *f && y < last; i++) {
        const char *v = dstr(f[i].key);
        if (!v)
            continue;
        draw_text(y, 2, lw, _(f[i].label), UA_LABEL);
        draw_text(y++, 2 + lw + 1, w, v, UA_NORMAL);
    }
    if (y < last)
        draw_text(y++, 2, COLS - 4, _("Giấy tờ:"), UA_LABEL);
    size_t i;
    json_t *p;
    json_array_foreach(
        json_object_get(json_object_get(O.detail, "dossier"), "papers"), i, p)
    {
        if (y >= last)
            break;
        const char *name = json_string_value(json_object_get(p, "name"));
        draw_textf(y++, 4, COLS - 6, UA_NORMAL, "%zu. %s", i + 1,
                   name ? name : "?");
    }
    json_t *files = json_object_get(O.detail, "files");
    if (y < last)
        draw_textf(y++, 2, COLS - 4, UA_LABEL, _("Tệp đính kèm: %zu"),
                   json_array_size(files));
    json_array_foreach(files, i, p)
    {
        if (y >= last)
            break;
        bool got = json_is_true(json_object_get(p, "fetched"));
        draw_textf(y++, 4, COLS - 6, got ? UA_NORMAL : UA_DIM,
                   _("[giấy %lld] %s (%s, %lld byte)%s"),
                   (long long)json_integer_value(json_object_get(p, "paper")),
                   json_string_value(json_object_get(p, "name")),
                   json_string_value(json_object_get(p, "mime")),
                   (long long)json_integer_value(json_object_get(p, "size")),
                   got ? "" : _(" — chưa tải về"));
    }
}

static void draw_dialog(ui_app *a, int top)
{
    (void)a;
    bool sup = O.m == OM_SUPPLEMENT;
    int w = 72, bh = sup ? 11 : 8;
    int y = top + 3, x = (COLS - w) / 2;
    for (int r = 0; r < bh; r++)
        draw_fill(y + r, x, w, UA_NORMAL);
    draw_box(y, x, bh, w, UA_WARN);
    draw_textf(y + 1, x + 2, w - 4, UA_WARN,
               sup ? _("YÊU CẦU BỔ SUNG HỒ SƠ TRỰC TUYẾN %s (Mẫu 02)")
                   : _("TỪ CHỐI HỒ SƠ TRỰC TUYẾN %s (Mẫu 03)"),
               O.rows[O.sel].ref);
    int r = y + 3;
    if (sup) {
        draw_text(r++, x + 2, w - 4,
                  _("Giấy tờ cần bổ sung (cách nhau bởi dấu ;):"), UA_LABEL);
        field_draw(&O.missing, r, x + 2, w - 4, O.focus == 0);
        r += 2;
    }
    draw_text(r++, x + 2, w - 4, _("Lý do (cách nhau bởi dấu ;):"), UA_LABEL);
    field_draw(&O.reason, r, x + 2, w - 4, O.focus == 1);
    draw_text(y + bh - 2, x + 2, w - 4,
              sup ? _("Tab: sang ô khác · F2: gửi · Esc: huỷ")
                  : _("F2 hoặc Enter: gửi · Esc: huỷ"),
              UA_DIM);
}

static void draw(ui_app *a, int top, int rows)
{
    if (O.m != OM_LIST && O.detail && O.m == OM_VIEW) {
        draw_detail(top, rows);
        return;
    }
    draw_textf(top + 1, 2, COLS - 4, UA_KEY,
               _("Hồ sơ nộp trực tuyến chờ tiếp nhận: %d"), O.n);
    int y0 = top + 3;
    draw_text(y0, 1, 24, _("Số hồ sơ trên Cổng"), UA_LABEL);
    draw_text(y0, 26, 16, _("Nộp lúc"), UA_LABEL);
    draw_text(y0, 43, 10, _("Thủ tục"), UA_LABEL);
    draw_text(y0, 54, COLS - 55, _("Người nộp"), UA_LABEL);
    int h = rows - 6;
    if (O.sel < O.top)
        O.top = O.sel;
    if (O.sel >= O.top + h)
        O.top = O.sel - h + 1;
    for (int r = 0; r < h && O.top + r < O.n; r++) {
        const row *it = &O.rows[O.top + r];
        bool sel = O.top + r == O.sel;
        int y = y0 + 1 + r;
        ui_attr_role role = sel ? UA_SELECT : UA_NORMAL;
        if (sel)
            draw_fill(y, 1, COLS - 2, UA_SELECT);
        draw_text(y, 1, 24, it->ref, role);
        draw_text(y, 26, 16, it->submitted, role);
        draw_text(y, 43, 10, it->procedure, role);
        draw_text(y, 54, COLS - 55, it->name, role);
    }
    if (!O.n)
        draw_text(y0 + 1, 2, COLS - 4,
                  _("(không có hồ sơ trực tuyến nào chờ tiếp nhận)"), UA_DIM);
    else
        draw_text(top + rows - 1, 2, COLS - 4,
                  _("↑↓ chọn · Enter: xem giấy tờ · F2 tiếp nhận · F7 bổ "
                    "sung · F8 từ chối"),
                  UA_DIM);
    if (O.m == OM_CONFIRM) {
        int w = COLS - 4 < 76 ? COLS - 4 : 76, bh = 7;
        int y = top + 4, x = (COLS - w) / 2;
        for (int r = 0; r < bh; r++)
            draw_fill(y + r, x, w, UA_NORMAL);
        draw_box(y, x, bh, w, UA_WARN);
        char q[300];
        snprintf(q, sizeof q,
                 _("Tiếp nhận hồ sơ trực tuyến %s và cấp mã hồ sơ?"),
                 O.rows[O.sel].ref);
        draw_wrap(y + 1, x + 2, w - 4, 2, q, UA_WARN);
        draw_text(y + 3, x + 2, w - 4, O.rows[O.sel].name, UA_NORMAL);
        draw_text(y + 5, x + 2, w - 4, _("Enter: tiếp nhận · Esc: huỷ"),
                  UA_DIM);
    }
    if (O.m == OM_SUPPLEMENT || O.m == OM_REFUSE)
        draw_dialog(a, top);
}

/* "a; b ;c" -> ["a","b","c"] (trimmed, empty parts dropped). */
static size_t split(char *text, const char **out, size_t max)
{
    size_t n = 0;
    char *p = text;
    while (p && n < max) {
        char *semi = strchr(p, ';');
        if (semi)
            *semi = '\0';
        char *tok = p;
        while (*tok == ' ')
            tok++;
        size_t l = strlen(tok);
        while (l && tok[l - 1] == ' ')
            tok[--l] = '\0';
        if (*tok)
            out[n++] = tok;
        p = semi ? semi + 1 : NULL;
    }
    return n;
}

static void do_accept(ui_app *a)
{
    char ref[72];
    mc_strlcpy(ref, O.rows[O.sel].ref, sizeof ref);
    mc_dossier ds;
    mc_error err = {0};
    O.m = OM_LIST;
    if (desk_online_accept(a->desk, ref, &ds, &err)) {
        ui_msg_err(a, &err);
        O.stale = true;
        return;
    }
    char code[DCODE_MAX];
    mc_strlcpy(code, ds.code, sizeof code);
    mc_dossier_free(&ds);
    ui_print_req rq = {.kind = UP_RECEIPT, .code = code};
    ui_print_out po;
    mc_error perr = {0};
    if (ui_print(a, &rq, &po, &perr) == MC_OK)
        ui_msg(a, MSG_OK, _("Đã tiếp nhận hồ sơ trực tuyến %s: mã %s. %s"),
               ref, code, po.msg);
    else
        ui_msg(a, MSG_WARN, _("Đã tiếp nhận hồ sơ trực tuyến %s: mã %s. %s"),
               ref, code, perr.msg);
    O.stale = true;
}

static void do_decide(ui_app *a)
{
    bool refuse = O.m == OM_REFUSE;
    char ref[72];
    mc_strlcpy(ref, O.rows[O.sel].ref, sizeof ref);
    char mtext[UI_FIELD_MAX * 4 + 1] = "", rtext[UI_FIELD_MAX * 4 + 1];
    if (!refuse)
        field_get(&O.missing, mtext, sizeof mtext);
    field_get(&O.reason, rtext, sizeof rtext);
    const char *missing[50], *reasons[50];
    size_t nm = split(mtext, missing, 50), nr = split(rtext, reasons, 50);
    motcua_online_render_ctx rc = {a->desk, a->cfg};
    desk_online_decide_in in = {
        .portal_ref = ref, .decision = refuse ? "refuse" : "supplement",
        .reasons = reasons, .n_reasons = nr, .missing = missing,
        .n_missing = nm, .render = motcua_online_render, .render_ud = &rc,
    };
    unsigned char *pdf = NULL;
    size_t len = 0;
    mc_error err = {0};
    if (desk_online_decide(a->desk, &in, &pdf, &len, &err)) {
        if (err.code == MC_ECONFLICT || err.code == MC_ENOTFOUND) {
            O.m = OM_LIST; /* decided elsewhere: nothing left to type */
            O.stale = true;
        } else {
            O.focus = strcmp(err.field, "missing") == 0 ? 0 : 1;
        }
        ui_msg_err(a, &err);
        return;
    }
    char *where = NULL;
    mc_error serr = {0};
    bool saved = desk_online_save_pdf(a->desk, a->cfg, NULL, in.decision, ref,
                                      pdf, len, &where, &serr) == MC_OK;
    free(pdf);
    if (saved)
        ui_msg(a, MSG_OK,
               refuse ? _("Đã từ chối hồ sơ trực tuyến %s; Mẫu 03 gửi qua "
                          "trung tâm, bản lưu: %s")
                      : _("Đã yêu cầu bổ sung hồ sơ trực tuyến %s; Mẫu 02 gửi "
                          "qua trung tâm, bản lưu: %s"),
               ref, where);
    else
        ui_msg(a, MSG_WARN, "%s", serr.msg);
    free(where);
    O.m = OM_LIST;
    O.stale = true;
}

static void start_dialog(ui_app *a, mode m)
{
    field_init(&O.missing, N_("Giấy tờ cần bổ sung"), FK_TEXT, UF_VN, true);
    field_init(&O.reason, N_("Lý do"), FK_TEXT, UF_VN, true);
    O.focus = m == OM_SUPPLEMENT ? 0 : 1;
    O.m = m;
    ui_msg_clear(a);
}

static void key_dialog(ui_app *a, const ui_key *k)
{
    if (k->act == ACT_CANCEL || k->act == ACT_BACK) {
        O.m = OM_LIST;
        ui_msg_clear(a);
        return;
    }
    bool last = O.focus == 1;
    if ((k->fn && k->ch == KEY_F(2)) || (!k->fn && k->ch == '\n' && last)) {
        do_decide(a);
        return;
    }
    if (O.m == OM_SUPPLEMENT &&
        (k->act == ACT_NEXT || k->act == ACT_PREV ||
         (!k->fn && k->ch == '\n'))) {
        O.focus = !O.focus;
        return;
    }
    if (!k->alt)
        field_key(O.focus ? &O.reason : &O.missing, k->ch, k->fn, a->ime);
}

static void key(ui_app *a, const ui_key *k)
{
    if (O.m == OM_SUPPLEMENT || O.m == OM_REFUSE) {
        key_dialog(a, k);
        return;
    }
    if (O.m == OM_CONFIRM) {
        if (k->act == ACT_CANCEL || k->act == ACT_BACK) {
            O.m = OM_LIST;
            ui_msg(a, MSG_INFO, "%s", _("Đã huỷ, chưa tiếp nhận"));
        } else if ((!k->fn && k->ch == '\n') || k->act == ACT_ONLINE_ACCEPT) {
            do_accept(a);
        }
        return;
    }
    switch (k->act) {
    case ACT_BACK:
    case ACT_CANCEL:
        if (O.m == OM_VIEW)
            O.m = OM_LIST;
        else
            ui_pop(a);
        return;
    case ACT_ONLINE_ACCEPT:
    case ACT_ONLINE_SUPPLEMENT:
    case ACT_ONLINE_REFUSE:
        if (!O.n) {
            ui_msg(a, MSG_WARN, "%s",
                   _("Không có hồ sơ trực tuyến nào chờ tiếp nhận"));
            return;
        }
        O.m = k->act == ACT_ONLINE_ACCEPT ? OM_CONFIRM : OM_LIST;
        if (k->act == ACT_ONLINE_SUPPLEMENT)
            start_dialog(a, OM_SUPPLEMENT);
        else if (k->act == ACT_ONLINE_REFUSE)
            start_dialog(a, OM_REFUSE);
        return;
    default:
        break;
    }
    if (k->fn && k->ch == KEY_DOWN && O.m == OM_LIST) {
        if (O.sel + 1 < O.n)
            O.sel++;
        return;
    }
    if (k->fn && k->ch == KEY_UP && O.m == OM_LIST) {
        if (O.sel > 0)
            O.sel--;
        return;
    }
    if (!k->fn && k->ch == '\n') {
        if (O.m == OM_VIEW)
            O.m = OM_LIST;
        else if (open_detail(a))
            O.m = OM_VIEW;
        return;
    }
}

static ui_field *focus(ui_app *a)
{
    (void)a;
    if (O.m == OM_SUPPLEMENT || O.m == OM_REFUSE)
        return O.focus ? &O.reason : &O.missing;
    return NULL;
}

const ui_screen_ops ui_online_screen = {N_("Hồ sơ trực tuyến"), enter, draw,
                                        key, focus, idle};
