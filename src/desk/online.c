/* SPDX-License-Identifier: GPL-3.0-or-later */
/* online.c - online dossiers at the desk (desk_online.h). */
#include "desk_online.h"

#include <sodium.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "desk_files.h"
#include "desk_internal.h"
#include "log.h"
#include "event.h"
#include "store_online.h"
#include "store_sync.h"

#define ONLINE_CURSOR_KEY "online_cursor"
#define MAX_FILES 200

static const char *const states[] = {"waiting", "withdrawn", "accepted",
                                     "supplement_requested", "refused"};

static bool state_ok(const char *s)
{
    for (size_t i = 0; s && i < sizeof states / sizeof *states; i++)
        if (strcmp(s, states[i]) == 0)
            return true;
    return false;
}

static void item_of(const store_online_row *r, desk_online_item *it)
{
    *it = (desk_online_item){
        .portal_ref = r->portal_ref, .submitted_at = r->submitted_at,
        .state = r->state, .centre_state = r->centre_state, .rev = r->rev,
        .procedure_code = r->procedure_code,
        .applicant_name = r->applicant_name, .dossier = r->dossier,
        .pulled_at = r->pulled_at, .decided_by = r->decided_by,
        .decided_at = r->decided_at, .decided_here = r->decided_here,
        .code = r->code, .reasons = r->reasons, .missing = r->missing,
    };
}

struct list_ctx {
    desk_online_fn fn;
    void *ud;
};

static bool list_one(const store_online_row *r, void *ud)
{
    struct list_ctx *c = ud;
    desk_online_item it;
    item_of(r, &it);
    return c->fn(&it, c->ud);
}

mc_status desk_online_list(mc_desk *d, const char *state, int limit,
                           desk_online_fn fn, void *ud, mc_error *err)
{
    if (state && *state && !state_ok(state))
        return mc_fail(err, MC_EINVAL, "state",
                       _("Trạng thái \"%s\" không hợp lệ (waiting, withdrawn, "
                         "accepted, supplement_requested hoặc refused)"),
                       state);
    struct list_ctx c = {fn, ud};
    return store_online_each(d->store, state && *state ? state : NULL, limit,
                             list_one, &c, err);
}

static mc_status get_row(mc_desk *d, const char *ref, store_online_row *r,
                         mc_error *err)
{
    bool found = false;
    mc_status rc = store_online_get(d->store, ref ? ref : "", r, &found, err);
    if (!rc && !found)
        rc = mc_fail(err, MC_ENOTFOUND, "portal-ref",
                     _("Không có hồ sơ trực tuyến số %s trong hộp thư"),
                     ref ? ref : "");
    return rc;
}

mc_status desk_online_show(mc_desk *d, const char *portal_ref,
                           desk_online_fn fn, void *ud, mc_error *err)
{
    store_online_row r;
    mc_status rc = get_row(d, portal_ref, &r, err);
    if (!rc) {
        desk_online_item it;
        item_of(&r, &it);
        fn(&it, ud);
    }
    store_online_row_free(&r);
    return rc;
}

mc_status desk_online_waiting(mc_desk *d, int64_t *n, mc_error *err)
{
    return store_online_count(d->store, "waiting", n, err);
}

mc_status desk_online_code_of(mc_desk *d, const char *portal_ref,
                              char code[64], mc_error *err)
{
    code[0] = '\0';
    store_online_row r;
    bool found = false;
    mc_status rc = store_online_get(d->store, portal_ref ? portal_ref : "", &r,
                                    &found, err);
    if (!rc && found && r.code)
        mc_strlcpy(code, r.code, 64);
    store_online_row_free(&r);
    return rc;
}

mc_status desk_online_ref_of(mc_desk *d, const mc_dossier *ds, char ref[128],
                             mc_error *err)
{
    ref[0] = '\0';
    store_online_row r;
    bool found = false;
    mc_status rc = store_online_by_dossier(d->store, ds->id, &r, &found, err);
    if (!rc && found)
        mc_strlcpy(ref, r.portal_ref, 128);
    store_online_row_free(&r);
    return rc;
}

static json_t *parsed_or_null(const char *text)
{
    json_t *v = text ? json_loads(text, 0, NULL) : NULL;
    return v ? v : json_null();
}

json_t *desk_online_json(const desk_online_item *it)
{
    json_t *o = json_object();
    json_object_set_new(o, "portal_ref", json_string(it->portal_ref));
    json_object_set_new(o, "submitted_at", json_string(it->submitted_at));
    json_object_set_new(o, "state", json_string(it->state));
    json_object_set_new(o, "centre_state", json_string(it->centre_state));
    json_object_set_new(o, "rev", json_integer(it->rev));
    json_object_set_new(o, "procedure_code",
                        it->procedure_code ? json_string(it->procedure_code)
                                           : json_null());
    json_object_set_new(o, "applicant_name",
                        it->applicant_name ? json_string(it->applicant_name)
                                           : json_null());
    json_object_set_new(o, "decided_by",
                        it->decided_by ? json_string(it->decided_by)
                                       : json_null());
    if (it->decided_at > 0) {
        char at[26];
        mc_ts_format_vn(it->decided_at, at);
        json_object_set_new(o, "decided_at", json_string(at));
    } else {
        json_object_set_new(o, "decided_at", json_null());
    }
    json_object_set_new(o, "decided_here", json_boolean(it->decided_here));
    json_object_set_new(o, "code",
                        it->code ? json_string(it->code) : json_null());
    json_object_set_new(o, "reasons", parsed_or_null(it->reasons));
    json_object_set_new(o, "missing", parsed_or_null(it->missing));
    json_object_set_new(o, "dossier", parsed_or_null(it->dossier));
    return o;
}

struct file_ctx {
    desk_online_file_fn fn;
    void *ud;
};

static bool file_one(const store_online_file *f, void *ud)
{
    struct file_ctx *c = ud;
    desk_online_file o = {
        .ord = f->ord, .paper = f->paper, .name = f->name, .mime = f->mime,
        .sha256 = f->sha256, .size = f->size, .fetched_at = f->fetched_at,
    };
    return c->fn(&o, c->ud);
}

mc_status desk_online_files(mc_desk *d, const char *portal_ref,
                            desk_online_file_fn fn, void *ud, mc_error *err)
{
    struct file_ctx c = {fn, ud};
    return store_online_files(d->store, portal_ref, file_one, &c, err);
}

struct fetch_ctx {
    desk_online_fetch_fn fn;
    void *ud;
};

static bool fetch_one(const store_online_file *f, void *ud)
{
    struct fetch_ctx *c = ud;
    desk_online_fetch o = {
        .portal_ref = f->portal_ref, .sha256 = f->sha256, .name = f->name,
        .mime = f->mime, .paper = f->paper, .size = f->size,
    };
    return c->fn(&o, c->ud);
}

mc_status desk_online_files_waiting(mc_desk *d, int limit,
                                    desk_online_fetch_fn fn, void *ud,
                                    mc_error *err)
{
    struct fetch_ctx c = {fn, ud};
    return store_online_files_waiting(d->store, limit, fetch_one, &c, err);
}

/* --- who decided: the message the second clerk sees ----------------------- */

static mc_status taken(const store_online_row *r, mc_error *err)
{
    char at[26] = "?";
    if (r->decided_at > 0) {
        mc_date day = mc_ts_vn_date(r->decided_at);
        int m = mc_ts_vn_minute(r->decided_at);
        snprintf(at, sizeof at, "%02d:%02d %02d/%02d/%04d", m / 60, m % 60,
                 day.d, day.m, day.y);
    }
    const char *who = r->decided_by ? r->decided_by : _("trung tâm");
    if (strcmp(r->state, "accepted") == 0)
        return mc_fail(err, MC_ECONFLICT, "portal-ref",
                       _("Hồ sơ trực tuyến %s đã được %s tiếp nhận lúc %s "
                         "(mã hồ sơ %s)"),
                       r->portal_ref, who, at, r->code ? r->code : "?");
    if (strcmp(r->state, "supplement_requested") == 0)
        return mc_fail(err, MC_ECONFLICT, "portal-ref",
                       _("Hồ sơ trực tuyến %s đã được %s yêu cầu bổ sung lúc "
                         "%s"),
                       r->portal_ref, who, at);
    if (strcmp(r->state, "refused") == 0)
        return mc_fail(err, MC_ECONFLICT, "portal-ref",
                       _("Hồ sơ trực tuyến %s đã bị %s từ chối lúc %s"),
                       r->portal_ref, who, at);
    return mc_fail(err, MC_ECONFLICT, "portal-ref",
                   _("Công dân đã rút hồ sơ trực tuyến %s"), r->portal_ref);
}

/* --- accept ---------------------------------------------------------------- */

static const char *jstr(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}

/* The sync worker runs without a signed-in clerk: its rows are by "sync"
 * acting for the centre (as sync_apply.c does). */
static bool borrow_actor(mc_desk *d)
{
    if (d->user.login)
        return false;
    d->user.login = mc_xstrdup("sync");
    d->user.name = mc_xstrdup("sync");
    d->user.role = ROLE_CENTRAL;
    return true;
}

static void return_actor(mc_desk *d, bool borrowed)
{
    if (!borrowed)
        return;
    free(d->user.login);
    free(d->user.name);
    d->user.login = d->user.name = NULL;
    d->user.role = 0;
}

/* --- the portal's files --------------------------------------------------- */

/* Where a fetched portal file waits for its dossier (malloc'd):
 * <files dir>/online/<sha256>. */
static char *kept_path(const mc_desk *d, const char *sha256)
{
    char *dir = desk_files_dir(d);
    char *p = mc_xasprintf("%s/online/%s", dir, sha256);
    free(dir);
    return p;
}

/* The dossier paper (1-based ord) a portal file belongs to: the paper the
 * portal numbered `no`, by its place in the dossier's list. */
static int paper_ord(const json_t *dossier, int no)
{
    const json_t *papers = json_object_get(dossier, "papers");
    size_t n = json_array_size(papers);
    for (size_t i = 0; i < n; i++) {
        json_t *p = json_object_get(json_array_get(papers, i), "no");
        if (json_is_integer(p) && json_integer_value(p) == no)
            return (int)i + 1;
    }
    if (no >= 1 && (size_t)no <= n)
        return no;
    return n ? 1 : 0;
}

typedef struct staged_file {
    desk_file_staged f;
    int paper;
    char sha[65];
} staged_file;

typedef struct staged_set {
    staged_file *v;
    size_t n, cap;
    mc_desk *d;
    const json_t *dossier;
    const char *only_sha; /* NULL: every fetched file */
} staged_set;

static bool stage_one(const store_online_file *f, void *ud)
{
    staged_set *S = ud;
    if (!f->fetched_at || (S->only_sha && strcmp(S->only_sha, f->sha256)))
        return true;
    char *path = kept_path(S->d, f->sha256);
    desk_file_staged st;
    mc_error e = {0};
    memset(&st, 0, sizeof st);
    if (desk_files_stage(S->d, path, f->name, &st, &e) == MC_OK) {
        if (S->n == S->cap) {
            S->cap = S->cap ? S->cap * 2 : 8;
            S->v = mc_xrealloc(S->v, S->cap * sizeof *S->v);
        }
        staged_file *o = &S->v[S->n++];
        o->f = st;
        o->paper = paper_ord(S->dossier, f->paper);
        mc_strlcpy(o->sha, f->sha256, sizeof o->sha);
    } else {
        mc_log(MC_LOG_WARNING, "online dossier %s: portal file %s not kept "
               "as a scan: %s", f->portal_ref, f->name, e.msg);
    }
    free(path);
    return true;
}

static void staged_free(staged_set *S)
{
    for (size_t i = 0; i < S->n; i++)
        desk_files_discard(&S->v[i].f);
    free(S->v);
    memset(S, 0, sizeof *S);
}

/* Inside the transaction: every staged file becomes a scan of its paper. */
static mc_status record_staged(mc_desk *d, staged_set *S, int64_t dossier_id,
                               const char *code, mc_error *err)
{
    mc_status rc = MC_OK;
    for (size_t i = 0; !rc && i < S->n; i++) {
        if (S->v[i].paper < 1)
            continue;
        desk_files_record_in ri = {
            .dossier_id = dossier_id, .code = code, .role = DESK_FILE_SCAN,
            .paper = S->v[i].paper, .source = DESK_SRC_PORTAL,
            .files = &S->v[i].f, .n_files = 1,
        };
        int added = 0, skipped = 0;
        rc = desk_files_record_locked(d, &ri, &added, &skipped, err);
    }
    return rc;
}

static mc_status write_kept(const char *path, const void *bytes, size_t len,
                            mc_error *err)
{
    char *tmp = mc_xasprintf("%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    bool ok = fd >= 0;
    const unsigned char *p = bytes;
    size_t left = len;
    while (ok && left) {
        ssize_t w = write(fd, p, left);
        if (w <= 0)
            ok = false;
        else {
            p += w;
            left -= (size_t)w;
        }
    }
    if (ok && fsync(fd) != 0)
        ok = false;
    if (fd >= 0 && close(fd) != 0)
        ok = false;
    if (ok && rename(tmp, path) != 0)
        ok = false;
    mc_status rc = MC_OK;
    if (!ok) {
        rc = mc_fail(err, MC_EIO, "files",
                     _("Không ghi được tệp của hồ sơ trực tuyến vào %s: %s"),
                     path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return rc;
}

mc_status desk_online_file_keep(mc_desk *d, const char *portal_ref,
                                const char *sha256, const void *bytes,
                                size_t len, mc_error *err)
{
    unsigned char h[32];
    char hex[65];
    crypto_hash_sha256(h, bytes, len);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    if (strcmp(hex, sha256) != 0)
        return mc_fail(err, MC_EINVAL, "sha256",
                       "online dossier %s: the file fetched hashes to %s, "
                       "not %s",
                       portal_ref, hex, sha256);
    char *dir = desk_files_dir(d);
    char *sub = mc_xasprintf("%s/online", dir);
    mkdir(dir, 0700);
    mkdir(sub, 0700);
    free(dir);
    free(sub);
    char *path = kept_path(d, sha256);
    mc_status rc = write_kept(path, bytes, len, err);
    free(path);
    if (rc)
        return rc;
    /* accepted already (the file came after the acceptance): it becomes a
     * scan of the dossier now, in the transaction that marks it fetched */
    store_online_row r;
    bool found = false;
    if ((rc = store_online_get(d->store, portal_ref, &r, &found, err)))
        return rc;
    json_t *ds = found ? json_loads(r.dossier, 0, NULL) : NULL;
    staged_set S = {.d = d, .dossier = ds, .only_sha = sha256};
    bool attach = found && r.dossier_id > 0 && r.code;
    rc = store_begin(d->store, err);
    if (!rc) {
        rc = store_online_file_fetched(d->store, portal_ref, sha256,
                                       desk_now(d), err);
        if (!rc)
            rc = store_commit(d->store, err);
        else
            store_rollback(d->store);
    }
    if (!rc && attach) {
        bool borrowed = borrow_actor(d);
        if (!(rc = store_online_files(d->store, portal_ref, stage_one, &S,
                                      err)) &&
            S.n && !(rc = store_begin(d->store, err))) {
            rc = record_staged(d, &S, r.dossier_id, r.code, err);
            if (!rc)
                rc = store_commit(d->store, err);
            else
                store_rollback(d->store);
        }
        return_actor(d, borrowed);
    }
    staged_free(&S);
    json_decref(ds);
    store_online_row_free(&r);
    return rc;
}

struct accept_ctx {
    const char *ref;
    bool lost;               /* another desk decided first */
    store_online_row winner; /* who, when lost */
    staged_set *files;
};

static mc_status accept_hook(mc_desk *d, const mc_dossier *ds, void *ud,
                             mc_error *err)
{
    struct accept_ctx *a = ud;
    store_online_row r = {
        .portal_ref = (char *)a->ref, .state = "accepted",
        .decided_by = (char *)desk_actor(d), .decided_at = ds->received_at,
        .dossier_id = ds->id, .code = (char *)ds->code,
    };
    bool changed = false;
    mc_status rc = store_online_decide(d->store, &r, &changed, err);
    if (!rc && changed) /* the portal's files become the dossier's scans */
        return record_staged(d, a->files, ds->id, ds->code, err);
    if (rc)
        return rc;
    /* inside the write transaction: the row is as the winner left it */
    bool found = false;
    a->lost = true;
    rc = store_online_get(d->store, a->ref, &a->winner, &found, err);
    if (!rc)
        rc = found ? taken(&a->winner, err)
                   : mc_fail(err, MC_ENOTFOUND, "portal-ref",
                             _("Không có hồ sơ trực tuyến số %s trong hộp "
                               "thư"),
                             a->ref);
    return rc;
}

mc_status desk_online_accept(mc_desk *d, const char *portal_ref,
                             mc_dossier *out, mc_error *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    mc_status rc = desk_require(d, ROLE_DESK, _("tiếp nhận hồ sơ trực tuyến"),
                                err);
    if (rc)
        return rc;
    store_online_row r;
    if ((rc = get_row(d, portal_ref, &r, err))) {
        store_online_row_free(&r);
        return rc;
    }
    if (strcmp(r.state, "waiting") != 0) {
        rc = taken(&r, err);
        store_online_row_free(&r);
        return rc;
    }
    json_t *ds = json_loads(r.dossier, 0, NULL);
    json_t *papers = json_object_get(ds, "papers");
    size_t np = json_array_size(papers);
    desk_paper_in *pin = mc_xcalloc(np ? np : 1, sizeof *pin);
    char (*nums)[16] = mc_xcalloc(np ? np : 1, sizeof *nums);
    for (size_t i = 0; i < np; i++) {
        json_t *p = json_array_get(papers, i);
        pin[i].name = jstr(p, "name");
        if (!pin[i].name && json_is_integer(json_object_get(p, "no"))) {
            /* a paper named by its number on the procedure's checklist */
            snprintf(nums[i], sizeof nums[i], "%lld",
                     (long long)json_integer_value(json_object_get(p, "no")));
            pin[i].name = nums[i];
        }
        pin[i].form = jstr(p, "form");
        json_t *cnt = json_object_get(p, "count");
        pin[i].count = json_is_integer(cnt) ? (int)json_integer_value(cnt) : 0;
    }
    json_t *extra = json_object_get(ds, "extra");
    char *extra_text = json_is_object(extra) ? wire_dump(extra) : NULL;
    json_t *sets = json_object_get(ds, "sets");
    desk_intake_in in = {
        .procedure_code = jstr(ds, "procedure_code"),
        .applicant_kind = jstr(ds, "applicant_kind"),
        .applicant_name = jstr(ds, "applicant_name"),
        .id_number = jstr(ds, "id_number"),
        .bhxh_number = jstr(ds, "bhxh_number"),
        .tax_code = jstr(ds, "tax_code"),
        .phone = jstr(ds, "phone"),
        .email = jstr(ds, "email"),
        .address = jstr(ds, "address"),
        .rep_name = jstr(ds, "rep_name"),
        .rep_id_number = jstr(ds, "rep_id_number"),
        .rep_phone = jstr(ds, "rep_phone"),
        .channel = "online",
        .result_delivery = jstr(ds, "result_delivery"),
        .return_channel = jstr(ds, "return_channel"),
        .sets = json_is_integer(sets) ? (int)json_integer_value(sets) : 0,
        .note = jstr(ds, "note"),
        .extra_json = extra_text,
        .papers = pin,
        .n_papers = np,
    };
    /* the files are copied and checked before the transaction */
    staged_set S = {.d = d, .dossier = ds};
    struct accept_ctx a = {.ref = r.portal_ref, .files = &S};
    json_t *data = json_pack("{s:s, s:s}", "portal_ref", r.portal_ref,
                             "submitted_at", r.submitted_at);
    rc = store_online_files(d->store, r.portal_ref, stage_one, &S, err);
    desk_intake_hook hook = {accept_hook, &a, data};
    if (!rc)
        rc = desk_intake_ex(d, &in, &hook, out, err);
    if (rc == MC_EINVAL && err && strcmp(err->field, "document") == 0) {
        /* papers missing: for an online dossier the way out is a
         * supplement request through the centre, not a slip at the desk */
        char was[sizeof err->msg];
        mc_strlcpy(was, err->msg, sizeof was);
        mc_fail(err, MC_EINVAL, "document",
                _("%s — Với hồ sơ trực tuyến: motcua online supplement %s "
                  "(F7 ở hộp thư trực tuyến)"),
                was, r.portal_ref);
    }
    staged_free(&S);
    json_decref(data);
    store_online_row_free(&a.winner);
    free(extra_text);
    free(nums);
    free(pin);
    json_decref(ds);
    store_online_row_free(&r);
    return rc;
}

/* --- supplement / refuse ---------------------------------------------------- */

static json_t *text_list(const char *const *v, size_t n, const char *field,
                         mc_status *rc, mc_error *err)
{
    json_t *arr = json_array();
    *rc = MC_OK;
    if (n > WIRE_DECISION_MAX_ITEMS) {
        json_decref(arr);
        *rc = mc_fail(err, MC_ELIMIT, field, _("Tối đa %d mục --%s"),
                      WIRE_DECISION_MAX_ITEMS, field);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        char *t = NULL;
        if ((*rc = desk_text(v[i], field, 1000, &t, err))) {
            json_decref(arr);
            return NULL;
        }
        if (t && strlen(t) > 1000) {
            *rc = mc_fail(err, MC_ELIMIT, field,
                          _("--%s quá dài (tối đa 1000 byte): \"%.40s...\""),
                          field, t);
            free(t);
            json_decref(arr);
            return NULL;
        }
        if (t)
            json_array_append_new(arr, json_string(t));
        free(t);
    }
    return arr;
}

static const char **strings_of(const json_t *arr)
{
    size_t n = json_array_size(arr);
    const char **v = mc_xcalloc(n ? n : 1, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = json_string_value(json_array_get(arr, i));
    return v;
}

mc_status desk_online_decide(mc_desk *d, const desk_online_decide_in *in,
                             unsigned char **pdf_out, size_t *len_out,
                             mc_error *err)
{
    if (pdf_out)
        *pdf_out = NULL;
    if (len_out)
        *len_out = 0;
    bool refuse = in->decision && strcmp(in->decision, "refuse") == 0;
    if (!in->decision ||
        (!refuse && strcmp(in->decision, "supplement") != 0))
        return mc_fail(err, MC_EINVAL, "decision",
                       _("Quyết định \"%s\" không hợp lệ (supplement hoặc "
                         "refuse)"),
                       in->decision ? in->decision : "");
    mc_status rc = desk_require(
        d, ROLE_DESK,
        refuse ? _("từ chối hồ sơ trực tuyến")
               : _("yêu cầu bổ sung hồ sơ trực tuyến"),
        err);
    if (rc)
        return rc;
    json_t *reasons = NULL, *missing = NULL, *ds = NULL, *data = NULL;
    const char **rv = NULL, **mv = NULL;
    unsigned char *pdf = NULL;
    size_t pdf_len = 0;
    char *reason_line = NULL, *b64 = NULL;
    cat_procedure proc = {0};
    store_online_row r;
    if ((rc = get_row(d, in->portal_ref, &r, err)))
        goto out;
    if (strcmp(r.state, "waiting") != 0) {
        rc = taken(&r, err);
        goto out;
    }
    reasons = text_list(in->reasons, in->n_reasons, "reason", &rc, err);
    if (rc)
        goto out;
    if (json_array_size(reasons) == 0) {
        rc = mc_fail(err, MC_EINVAL, "reason", "%s",
                     refuse ? _("Từ chối tiếp nhận phải ghi rõ lý do "
                                "(--reason)")
                            : _("Yêu cầu bổ sung phải ghi rõ lý do "
                                "(--reason)"));
        goto out;
    }
    if (refuse) {
        missing = text_list(in->missing, in->n_missing, "missing", &rc, err);
    } else {
        missing = desk_missing_json(in->missing, in->n_missing, &rc, err);
        if (!rc && json_array_size(missing) > WIRE_DECISION_MAX_ITEMS) {
            json_decref(missing);
            missing = NULL;
            rc = mc_fail(err, MC_ELIMIT, "missing", _("Tối đa %d mục --%s"),
                         WIRE_DECISION_MAX_ITEMS, "missing");
        }
    }
    if (rc)
        goto out;

    /* the form, rendered before the write transaction (rendering takes
     * a while; the lock is not held for it) */
    ds = json_loads(r.dossier, 0, NULL);
    bool have_proc = r.procedure_code &&
                     desk_catalogue_get(d, r.procedure_code, &proc, NULL) ==
                         MC_OK;
    rv = strings_of(reasons);
    mv = strings_of(missing);
    size_t nr = json_array_size(reasons);
    if (!refuse && nr) {
        size_t len = 1;
        for (size_t i = 0; i < nr; i++)
            len += strlen(rv[i]) + 2;
        reason_line = mc_xcalloc(len, 1);
        size_t used = 0;
        for (size_t i = 0; i < nr; i++) {
            int w = snprintf(reason_line + used, len - used, "%s%s",
                             i ? "; " : "", rv[i]);
            if (w > 0)
                used += (size_t)w;
        }
    }
    pr_form f;
    memset(&f, 0, sizeof f);
    f.doc = refuse ? PR_REFUSAL : PR_SUPPLEMENT;
    f.number = r.portal_ref;
    f.copies = 1;
    f.dossier.procedure_name = have_proc ? proc.name_vi : r.procedure_code;
    f.dossier.procedure_field = have_proc ? proc.field : NULL;
    f.dossier.applicant_name = jstr(ds, "applicant_name");
    f.dossier.organisation = jstr(ds, "applicant_kind") &&
                             strcmp(jstr(ds, "applicant_kind"),
                                    "organisation") == 0;
    f.dossier.id_number = jstr(ds, "id_number");
    f.dossier.phone = jstr(ds, "phone");
    f.dossier.email = jstr(ds, "email");
    f.dossier.address = jstr(ds, "address");
    f.dossier.rep_name = jstr(ds, "rep_name");
    f.dossier.sets = 1;
    f.items = refuse ? rv : mv;
    f.n_items = refuse ? nr : json_array_size(missing);
    f.reason = reason_line;
    if (!in->render) {
        rc = mc_fail(err, MC_EIO, "module",
                     _("Không tạo được phiếu: chưa có mô-đun in"));
        goto out;
    }
    if ((rc = in->render(&f, &pdf, &pdf_len, in->render_ud, err)))
        goto out;
    size_t b64_len = sodium_base64_encoded_len(pdf_len,
                                               sodium_base64_VARIANT_ORIGINAL);
    b64 = mc_xcalloc(b64_len, 1);
    sodium_bin2base64(b64, b64_len, pdf, pdf_len,
                      sodium_base64_VARIANT_ORIGINAL);
    unsigned char hash[32];
    char hex[65];
    crypto_hash_sha256(hash, pdf, pdf_len);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);

    /* one transaction: the row (only if still waiting), audit, outbox */
    mc_ts now = desk_now(d);
    char *rtext = wire_dump(reasons), *mtext = wire_dump(missing);
    store_online_row w = {
        .portal_ref = r.portal_ref,
        .state = refuse ? "refused" : "supplement_requested",
        .decided_by = (char *)desk_actor(d), .decided_at = now,
        .reasons = rtext, .missing = mtext,
    };
    if ((rc = store_begin(d->store, err))) {
        free(rtext);
        free(mtext);
        goto out;
    }
    bool changed = false;
    rc = store_online_decide(d->store, &w, &changed, err);
    free(rtext);
    free(mtext);
    if (!rc && !changed) {
        store_online_row_free(&r);
        bool found = false;
        rc = store_online_get(d->store, in->portal_ref, &r, &found, err);
        if (!rc)
            rc = found ? taken(&r, err) : get_row(d, in->portal_ref, &r, err);
    }
    if (!rc)
        rc = desk_audit(d, now, refuse ? "online.refuse" : "online.supplement",
                        r.portal_ref,
                        json_pack("{s:O, s:O, s:s, s:I}", "reasons", reasons,
                                  "missing", missing, "form_sha256", hex,
                                  "form_bytes", (json_int_t)pdf_len),
                        err);
    if (!rc) {
        data = json_pack("{s:s, s:s, s:O, s:O, s:s}", "portal_ref",
                         r.portal_ref, "decision", in->decision, "reasons",
                         reasons, "missing", missing, "form_pdf", b64);
        rc = desk_outbox(d, now, "online_decision", NULL, data, err);
        data = NULL; /* stolen */
    }
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    if (!rc && pdf_out) {
        *pdf_out = pdf;
        pdf = NULL;
        if (len_out)
            *len_out = pdf_len;
    }
out:
    json_decref(data);
    json_decref(reasons);
    json_decref(missing);
    json_decref(ds);
    cat_procedure_free(&proc);
    free(rv);
    free(mv);
    free(pdf);
    free(b64);
    free(reason_line);
    store_online_row_free(&r);
    return rc;
}

/* --- the feed ---------------------------------------------------------------- */

mc_status desk_online_cursor(mc_desk *d, int64_t *rev, mc_error *err)
{
    char *cur = NULL;
    mc_status rc = store_sync_state_get(d->store, ONLINE_CURSOR_KEY, &cur, err);
    *rev = cur ? strtoll(cur, NULL, 10) : 0;
    free(cur);
    return rc;
}

static bool hex64(const char *s)
{
    if (!s || strlen(s) != 64)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

static bool bad(char why[256], const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static bool bad(char why[256], const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, 256, fmt, ap);
    va_end(ap);
    return false;
}

/* The item's shape (English reasons: they go to the log and sync status). */
static bool item_ok(const json_t *it, char why[256])
{
    const char *ref = jstr(it, "portal_ref");
    char rwhy[128];
    if (!wire_portal_ref_valid(ref, rwhy, sizeof rwhy))
        return bad(why, "item: portal_ref: %s", rwhy);
    if (!json_is_integer(json_object_get(it, "rev")) ||
        json_integer_value(json_object_get(it, "rev")) <= 0)
        return bad(why, "item %s: rev must be a positive integer", ref);
    if (!state_ok(jstr(it, "state")))
        return bad(why, "item %s: unknown state", ref);
    if (!jstr(it, "submitted_at"))
        return bad(why, "item %s: submitted_at missing", ref);
    if (!json_is_object(json_object_get(it, "dossier")))
        return bad(why, "item %s: dossier must be an object", ref);
    json_t *files = json_object_get(it, "files");
    if (files && !json_is_array(files))
        return bad(why, "item %s: files must be an array", ref);
    if (json_array_size(files) > MAX_FILES)
        return bad(why, "item %s: too many files", ref);
    size_t i;
    json_t *f;
    json_array_foreach(files, i, f)
    {
        if (!jstr(f, "name") || !jstr(f, "mime") ||
            !hex64(jstr(f, "sha256")) ||
            !json_is_integer(json_object_get(f, "size")))
            return bad(why,
                       "item %s: each file needs name, mime, size and a "
                       "lowercase hex sha256",
                       ref);
    }
    return true;
}

/* The cursor only moves forward: two desks of the office may pull at
 * once, and the slower one must not take it back. */
static mc_status set_cursor(mc_desk *d, int64_t rev, mc_error *err)
{
    int64_t cur = 0;
    mc_status rc = desk_online_cursor(d, &cur, err);
    if (rc || cur >= rev)
        return rc;
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)rev);
    return store_sync_state_set(d->store, ONLINE_CURSOR_KEY, buf, err);
}

static mc_ts decided_at_of(const json_t *it)
{
    const char *at = jstr(it, "at");
    mc_ts t = 0;
    if (at && mc_ts_parse(at, &t))
        return t;
    return 0;
}

mc_status desk_online_apply(mc_desk *d, const json_t *item,
                            desk_online_outcome *outcome, char why[256],
                            mc_error *err)
{
    why[0] = '\0';
    *outcome = DESK_ONLINE_SAME;
    bool ok = item_ok(item, why);
    int64_t rev = json_is_integer(json_object_get(item, "rev"))
                      ? (int64_t)json_integer_value(json_object_get(item, "rev"))
                      : 0;
    mc_status rc = store_begin(d->store, err);
    if (rc)
        return rc;
    bool borrowed = borrow_actor(d);
    if (!ok) {
        *outcome = DESK_ONLINE_BAD;
        if (rev > 0)
            rc = set_cursor(d, rev, err);
        goto done;
    }
    const char *ref = jstr(item, "portal_ref");
    const char *cstate = jstr(item, "state");
    const json_t *dj = json_object_get(item, "dossier");
    mc_ts now = desk_now(d);
    store_online_row cur;
    bool found = false;
    if ((rc = store_online_get(d->store, ref, &cur, &found, err)))
        goto done;
    if (!found) {
        char *dtext = wire_dump(dj);
        store_online_row n = {
            .portal_ref = (char *)ref, .rev = rev,
            .submitted_at = (char *)jstr(item, "submitted_at"),
            .state = (char *)cstate, .centre_state = (char *)cstate,
            .procedure_code = (char *)jstr(dj, "procedure_code"),
            .applicant_name = (char *)jstr(dj, "applicant_name"),
            .dossier = dtext, .pulled_at = now,
            .decided_by = strcmp(cstate, "waiting") == 0
                              ? NULL
                              : (char *)jstr(item, "by"),
            .decided_at = strcmp(cstate, "waiting") == 0 ? 0
                                                         : decided_at_of(item),
        };
        rc = store_online_insert(d->store, &n, err);
        free(dtext);
        json_t *files = json_object_get(item, "files");
        size_t i;
        json_t *f;
        json_array_foreach(files, i, f)
        {
            if (rc)
                break;
            json_t *paper = json_object_get(f, "paper");
            store_online_file sf = {
                .portal_ref = ref, .ord = (int)i + 1,
                .paper = json_is_integer(paper) ? (int)json_integer_value(paper)
                                                : 0,
                .name = jstr(f, "name"), .mime = jstr(f, "mime"),
                .sha256 = jstr(f, "sha256"),
                .size = (int64_t)json_integer_value(json_object_get(f, "size")),
            };
            rc = store_online_file_put(d->store, &sf, err);
        }
        if (!rc)
            rc = desk_audit(d, now, "online.received", ref,
                            json_pack("{s:s, s:I, s:s}", "state", cstate,
                                      "rev", (json_int_t)rev, "submitted_at",
                                      jstr(item, "submitted_at")),
                            err);
        *outcome = DESK_ONLINE_NEW;
    } else if (rev > cur.rev) {
        /* decided here: the desk's state stands, the centre's is recorded;
         * still waiting here: the centre's word (withdrawn, decided by
         * another office's channel) moves it */
        bool here = strcmp(cur.state, "waiting") != 0;
        store_online_row u = {
            .portal_ref = cur.portal_ref, .rev = rev,
            .centre_state = (char *)cstate,
            .state = here ? cur.state : (char *)cstate,
            .decided_by = here ? NULL : (char *)jstr(item, "by"),
            .decided_at = here ? 0 : decided_at_of(item),
            .code = here ? NULL : (char *)jstr(item, "code"),
            .pulled_at = now,
        };
        bool moved = !here && strcmp(cstate, cur.state) != 0;
        rc = store_online_update_centre(d->store, &u, err);
        if (!rc && moved)
            rc = desk_audit(d, now, "online.state", ref,
                            json_pack("{s:s, s:s, s:I}", "from", cur.state,
                                      "to", cstate, "rev", (json_int_t)rev),
                            err);
        *outcome = moved || strcmp(cstate, cur.centre_state) != 0
                       ? DESK_ONLINE_CHANGED
                       : DESK_ONLINE_SAME;
    }
    store_online_row_free(&cur);
    if (!rc)
        rc = set_cursor(d, rev, err);
done:
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    return_actor(d, borrowed);
    return rc;
}
