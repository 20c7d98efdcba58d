/* SPDX-License-Identifier: GPL-3.0-or-later */
/* files_detach.c - taking back a scan attached by mistake (desk_files.h,
 * desk_files_detach): the row is marked detached, never deleted; the bytes
 * stay in the blob store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_files.h"
#include "desk_upload.h"
#include "desk_internal.h"
#include "status.h"
#include "store_files.h"

struct one_row {
    bool seen;
    int64_t dossier_id;
    char *role, *sha256, *name;
    int paper, pages;
    int64_t size;
    mc_ts detached_at;
};

static void grab_row(const store_file *f, void *ud)
{
    struct one_row *r = ud;
    r->seen = true;
    r->dossier_id = f->dossier_id;
    r->role = mc_xstrdup(f->role);
    r->sha256 = mc_xstrdup(f->sha256);
    r->name = mc_xstrdup(f->name);
    r->paper = f->paper;
    r->pages = f->pages;
    r->size = f->size;
    r->detached_at = f->detached_at;
}

void desk_detach_result_free(desk_detach_result *r)
{
    if (!r)
        return;
    free(r->name);
    memset(r, 0, sizeof *r);
}

mc_status desk_files_detach(mc_desk *d, const char *code, int64_t file_id,
                            const char *reason, desk_detach_result *res,
                            mc_error *err)
{
    if (res)
        memset(res, 0, sizeof *res);
    mc_status rc =
        desk_require(d, ROLE_DESK, _("gỡ tệp khỏi hồ sơ"), err);
    if (rc)
        return rc;
    if (file_id < 1)
        return mc_fail(err, MC_EINVAL, "file",
                       _("Số tệp phải là số dương (xem \"dossier scans MÃ "
                         "--json\")"));
    char *why = NULL;
    if ((rc = desk_text(reason, "reason", 2000, &why, err)))
        return rc;
    if (!why)
        return mc_fail(err, MC_EINVAL, "reason",
                       _("Gỡ tệp khỏi hồ sơ phải ghi rõ lý do (--reason)"));
    mc_dossier ds = {0};
    struct one_row row = {0};
    mc_ts now = desk_now(d);
    if ((rc = store_begin(d->store, err)))
        goto out;
    if ((rc = store_dossier_get(d->store, code ? code : "", &ds, err)))
        goto rollback;
    rc = store_file_get(d->store, file_id, grab_row, &row, err);
    if (rc == MC_ENOTFOUND || (!rc && row.dossier_id != ds.id)) {
        rc = mc_fail(err, MC_ENOTFOUND, "file",
                     _("Hồ sơ %s không có tệp số %lld"), ds.code,
                     (long long)file_id);
        goto rollback;
    }
    if (rc)
        goto rollback;
    if (strcmp(row.role, DESK_FILE_SCAN) != 0) {
        rc = mc_fail(err, MC_EINVAL, "file",
                     _("Tệp số %lld của hồ sơ %s là tệp kết quả; chỉ gỡ "
                       "được bản quét giấy tờ"),
                     (long long)file_id, ds.code);
        goto rollback;
    }
    if (row.detached_at) {
        char at[26];
        mc_ts_format_vn(row.detached_at, at);
        rc = mc_fail(err, MC_ESTATE, "file",
                     _("Tệp số %lld đã được gỡ khỏi hồ sơ %s lúc %s"),
                     (long long)file_id, ds.code, at);
        goto rollback;
    }
    if (status_is_final(ds.status)) {
        rc = mc_fail(err, MC_ESTATE, "code",
                     _("Hồ sơ %s đã kết thúc (%s); không gỡ được tệp"),
                     ds.code, status_label(ds.status));
        goto rollback;
    }
    bool done = false;
    if ((rc = store_file_detach(d->store, file_id, now, desk_actor(d), why,
                                &done, err)))
        goto rollback;
    if (!done) { /* another desk on this database was quicker */
        rc = mc_fail(err, MC_ESTATE, "file",
                     _("Tệp số %lld đã được gỡ khỏi hồ sơ %s"),
                     (long long)file_id, ds.code);
        goto rollback;
    }
    json_t *det = json_pack("{s:I, s:s, s:i, s:s, s:s, s:s}", "file",
                            (json_int_t)file_id, "role", row.role, "paper",
                            row.paper, "sha256", row.sha256, "name", row.name,
                            "reason", why);
    if ((rc = desk_audit(d, now, "file.detach", ds.code, det, err)))
        goto rollback;
    if ((rc = store_commit(d->store, err)))
        goto out;
    if (res) {
        res->id = file_id;
        res->paper = row.paper;
        res->pages = row.pages;
        res->size = row.size;
        snprintf(res->sha256, sizeof res->sha256, "%s", row.sha256);
        res->name = row.name;
        row.name = NULL;
    }
    goto out;
rollback:
    store_rollback(d->store);
out:
    free(row.role);
    free(row.sha256);
    free(row.name);
    free(why);
    mc_dossier_free(&ds);
    return rc;
}

struct detached_ctx {
    desk_file_fn fn;
    void *ud;
};

static void detached_row(const store_file *f, void *ud)
{
    struct detached_ctx *c = ud;
    desk_file out = {
        .id = f->id, .role = f->role, .paper = f->paper, .sha256 = f->sha256,
        .name = f->name, .source = f->source, .added_by = f->added_by,
        .mime = f->mime, .added_at = f->added_at, .size = f->size,
        .pages = f->pages, .detached_at = f->detached_at,
        .detached_by = f->detached_by, .detach_reason = f->detach_reason,
    };
    c->fn(&out, c->ud);
}

mc_status desk_files_each_detached(mc_desk *d, int64_t dossier_id,
                                   desk_file_fn fn, void *ud, mc_error *err)
{
    mc_status rc = desk_require(d, ROLE_DESK | ROLE_CENTRAL,
                                _("xem tệp của hồ sơ"), err);
    if (rc)
        return rc;
    struct detached_ctx c = {fn, ud};
    return store_file_each_detached(d->store, dossier_id, detached_row, &c,
                                    err);
}

/* --- telling the centre (the sync worker, docs/sync.md "Files") ---------- */

mc_status desk_upload_detach_next(mc_desk *d, int64_t after,
                                  desk_detach_notice *out, bool *found,
                                  mc_error *err)
{
    return store_upload_detach_next(d->store, after, out, found, err);
}

mc_status desk_upload_detach_told(mc_desk *d, int64_t file_id, mc_error *err)
{
    return store_upload_detach_told(d->store, file_id, desk_now(d), err);
}
