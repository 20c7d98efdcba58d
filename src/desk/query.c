/* SPDX-License-Identifier: GPL-3.0-or-later */
/* query.c - reading dossiers: show, history, lists and search. */
#include "desk_internal.h"
#include "desk_online.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vntext.h"

mc_status desk_dossier_get(mc_desk *d, const char *code, mc_dossier *out,
                           mc_error *err)
{
    char scanned[DCODE_MAX];
    if (code && dcode_from_scan(code, scanned))
        code = scanned;
    mc_status rc = store_dossier_get(d->store, code ? code : "", out, err);
    char byref[64];
    if (rc == MC_ENOTFOUND && code &&
        desk_online_code_of(d, code, byref, NULL) == MC_OK && byref[0])
        rc = store_dossier_get(d->store, byref, out, err); /* a portal ref */
    return rc;
}

struct hist_ctx {
    desk_event_fn fn;
    void *ud;
};

static void hist_one(const store_event *e, void *ud)
{
    struct hist_ctx *c = ud;
    desk_event de = {e->at, e->actor, e->action, e->from_status,
                     e->to_status, e->note, e->data};
    c->fn(&de, c->ud);
}

mc_status desk_history_each(mc_desk *d, const mc_dossier *ds, desk_event_fn fn,
                            void *ud, mc_error *err)
{
    struct hist_ctx c = {fn, ud};
    return store_history_each(d->store, ds->id, hist_one, &c, err);
}

mc_status desk_list(mc_desk *d, const desk_list_filter *f, desk_dossier_fn fn,
                    void *ud, mc_error *err)
{
    mc_dossier_status st;
    if (f->status && !status_parse(f->status, &st))
        return mc_fail(err, MC_EINVAL, "status",
                       _("Trạng thái \"%s\" không có"), f->status);
    mc_date tmp;
    if (f->due_on && !mc_date_parse(f->due_on, &tmp))
        return mc_fail(err, MC_EINVAL, "due-on",
                       _("Ngày \"%s\" không đúng dạng YYYY-MM-DD"), f->due_on);
    if (f->received_on && !mc_date_parse(f->received_on, &tmp))
        return mc_fail(err, MC_EINVAL, "received-on",
                       _("Ngày \"%s\" không đúng dạng YYYY-MM-DD"),
                       f->received_on);
    store_dossier_filter sf = {
        .status = f->status, .due_on = f->due_on,
        .overdue_only = f->overdue, .now = desk_now(d),
        .received_on = f->received_on, .limit = f->limit,
    };
    return store_dossier_list(d->store, &sf, fn, ud, err);
}

mc_status desk_dossier_count(mc_desk *d, int64_t *n, mc_error *err)
{
    return store_dossier_count(d->store, n, err);
}

/* An FTS5 query from folded words: each word quoted, the last one a prefix
 * (search as you type).  Only letters and digits survive, so the user's
 * text can never become FTS syntax. */
static char *fts_query(const char *folded)
{
    size_t n = strlen(folded);
    char *q = mc_xmalloc(n * 2 + 8);
    size_t used = 0;
    const char *p = folded;
    while (*p) {
        while (*p && !isalnum((unsigned char)*p) && !((unsigned char)*p & 0x80))
            p++;
        if (!*p)
            break;
        if (used)
            q[used++] = ' ';
        q[used++] = '"';
        while (*p && (isalnum((unsigned char)*p) || ((unsigned char)*p & 0x80)))
            q[used++] = *p++;
        q[used++] = '"';
    }
    if (used)
        q[used++] = '*';
    q[used] = '\0';
    return q;
}

mc_status desk_search(mc_desk *d, const char *text, int limit,
                      desk_dossier_fn fn, void *ud, mc_error *err)
{
    if (!text)
        text = "";
    if (limit <= 0)
        limit = 50;
    char code[DCODE_MAX];
    char byref[64];
    /* an online dossier's portal reference (it may look like a code) */
    if (desk_online_code_of(d, text, byref, NULL) == MC_OK && byref[0])
        mc_strlcpy(code, byref, sizeof code);
    if (byref[0] || dcode_from_scan(text, code)) {
        mc_dossier ds;
        mc_status rc = store_dossier_get(d->store, code, &ds, err);
        if (rc == MC_ENOTFOUND)
            return MC_OK;
        if (rc)
            return rc;
        fn(&ds, ud);
        mc_dossier_free(&ds);
        return MC_OK;
    }
    /* an identity number: digits (and a dash for branch tax codes) */
    char digits[40];
    size_t nd = 0;
    bool numeric = true;
    for (const char *p = text; *p && numeric; p++) {
        if (*p == ' ')
            continue;
        if ((*p >= '0' && *p <= '9') || *p == '-') {
            if (nd + 1 < sizeof digits)
                digits[nd++] = *p;
        } else {
            numeric = false;
        }
    }
    digits[nd] = '\0';
    if (numeric && nd >= 9)
        return store_dossier_by_idnum(d->store, digits, limit, fn, ud, err);
    char *folded = vn_fold(text);
    char *q = fts_query(folded);
    mc_status rc = MC_OK;
    if (*q)
        rc = store_dossier_by_name(d->store, q, folded, limit, fn, ud, err);
    free(q);
    free(folded);
    return rc;
}
