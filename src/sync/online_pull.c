/* SPDX-License-Identifier: GPL-3.0-or-later */
/* online_pull.c - the online inbox's pull (docs/sync.md, "Online
 * dossiers"; Contract C of issue 12).
 *
 * GET /v1/offices/OFFICE/online?after=REV answers {"items":[...],
 * "more":bool}, items in rev order; an item comes again with a higher rev
 * whenever its state changes.  Each item is applied in one SQLite
 * transaction with the cursor (desk_online_apply), like the changes feed:
 * pulling twice changes nothing, a crash between two items resumes after
 * the last one applied.  A malformed item is logged and skipped (the
 * cursor moves past it) so it never blocks the ones behind it.  A centre
 * that does not know the endpoint (404: no online dossiers there) is not a
 * failure of the run.  Then the files listed and not fetched yet are
 * fetched (GET .../online/REF/files/SHA256), checked against their
 * SHA-256 and kept (desk_online_file_keep). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_online.h"
#include "log.h"
#include "sync_internal.h"

/* --- the files: fetched after the items, verified by their SHA-256 ------- */

typedef struct want {
    char *ref, *sha;
} want;

struct want_list {
    want *v;
    size_t n;
};

static bool want_one(const desk_online_fetch *f, void *ud)
{
    struct want_list *w = ud;
    w->v = mc_xrealloc(w->v, (w->n + 1) * sizeof *w->v);
    w->v[w->n].ref = mc_xstrdup(f->portal_ref);
    w->v[w->n].sha = mc_xstrdup(f->sha256);
    w->n++;
    return true;
}

/* A file the centre no longer has (404) or that does not hash right is
 * logged and tried again next run; it never fails the run. */
static sync_err fetch_files(mc_desk *d, struct link *L, const sync_opts *o,
                            sync_result *res)
{
    mc_error err = {0};
    struct want_list w = {0};
    if (desk_online_files_waiting(d, 50, want_one, &w, &err))
        return sync_fail(res, SYNC_E_DB, "%s", err.msg);
    sync_err rc = SYNC_OK;
    for (size_t i = 0; i < w.n && !rc; i++) {
        char path[512];
        snprintf(path, sizeof path, "/v1/offices/%s/online/%s/files/%s",
                 desk_office_code(d), w.v[i].ref, w.v[i].sha);
        long status = 0;
        const char *body = NULL;
        size_t len = 0;
        if ((rc = sync_link_get(L, o, path, &status, &body, &len, res)))
            break;
        if (status == 404) {
            mc_log(MC_LOG_WARNING, "online dossier %s: the centre has no file "
                   "%s", w.v[i].ref, w.v[i].sha);
            continue;
        }
        if (status != 200) {
            rc = sync_link_status_error(L, res);
            break;
        }
        mc_error fe = {0};
        mc_status ks = desk_online_file_keep(d, w.v[i].ref, w.v[i].sha, body,
                                             len, &fe);
        if (ks == MC_OK)
            res->online_files++;
        else if (ks == MC_EINVAL)
            mc_log(MC_LOG_WARNING, "%s", fe.msg);
        else
            rc = sync_fail(res, SYNC_E_DB, "%s", fe.msg);
    }
    for (size_t i = 0; i < w.n; i++) {
        free(w.v[i].ref);
        free(w.v[i].sha);
    }
    free(w.v);
    return rc;
}

sync_err sync_online_pull(mc_desk *d, struct link *L, const sync_opts *o,
                          sync_result *res)
{
    mc_error err = {0};
    int64_t cursor = 0;
    if (desk_online_cursor(d, &cursor, &err))
        return sync_fail(res, SYNC_E_DB, "%s", err.msg);
    sync_err rc = SYNC_OK;
    for (int round = 0; round < 1000 && !rc; round++) {
        char path[256];
        snprintf(path, sizeof path, "/v1/offices/%s/online?after=%lld",
                 desk_office_code(d), (long long)cursor);
        long status = 0;
        const char *body = NULL;
        size_t len = 0;
        if ((rc = sync_link_get(L, o, path, &status, &body, &len, res)))
            break;
        if (status == 404 && round == 0)
            return SYNC_OK; /* a centre without online dossiers */
        if (status != 200)
            return sync_link_status_error(L, res);
        json_error_t je;
        json_t *root = json_loadb(body, len, 0, &je);
        json_t *items = json_object_get(root, "items");
        json_t *more = json_object_get(root, "more");
        if (!json_is_array(items) || (more && !json_is_boolean(more))) {
            json_decref(root);
            return sync_fail(res, SYNC_E_PROTOCOL,
                             "online: expected {\"items\":[...], "
                             "\"more\":bool}");
        }
        size_t i;
        json_t *it;
        json_array_foreach(items, i, it)
        {
            json_t *rv = json_object_get(it, "rev");
            if (!json_is_integer(rv) ||
                (int64_t)json_integer_value(rv) <= cursor)
                continue; /* already applied (or no rev at all) */
            desk_online_outcome out;
            char why[256];
            if (desk_online_apply(d, it, &out, why, &err)) {
                rc = sync_fail(res, SYNC_E_DB, "%s", err.msg);
                break;
            }
            cursor = (int64_t)json_integer_value(rv);
            if (out == DESK_ONLINE_NEW)
                res->online_new++;
            else if (out == DESK_ONLINE_CHANGED)
                res->online_changed++;
            else if (out == DESK_ONLINE_BAD)
                mc_log(MC_LOG_WARNING, "online dossier skipped: %s", why);
        }
        bool again = json_is_true(more) && json_array_size(items) > 0;
        json_decref(root);
        if (!again)
            break;
    }
    if (!rc)
        rc = fetch_files(d, L, o, res);
    return rc;
}
