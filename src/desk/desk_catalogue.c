/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_catalogue.c - the catalogue as the office database keeps it.
 *
 * Every imported procedure version is stored whole (its canonical JSON);
 * a change makes a new version and dossiers keep the version they were
 * received under, so a later change never alters an old dossier. */
#include "desk_internal.h"

#include <stdlib.h>
#include <string.h>

struct import_ctx {
    mc_desk *d;
    mc_ts now;
    desk_import_report *rep;
};

/* Import one procedure.  Two rules keep an office's own work:
 *  - a file without a processing time never erases a time the database
 *    already has (an admin's `catalogue set-time`, or an older file's);
 *  - versions are compared by content, not by number: a file equal to the
 *    stored version except for its number is "unchanged", and a changed
 *    file always gets a number above the stored one. */
static mc_status import_one(struct import_ctx *c, const cat_procedure *p,
                            mc_error *err)
{
    char *stored = NULL;
    int version = 0;
    mc_status rc = store_procedure_latest(c->d->store, p->code, &stored,
                                          &version, err);
    if (rc && rc != MC_ENOTFOUND)
        return rc;
    bool exists = rc == MC_OK;
    /* a working copy of the incoming entry, to adjust */
    char *fresh = cat_to_json(p);
    cat_procedure q, cur;
    memset(&cur, 0, sizeof cur);
    rc = cat_parse(fresh, p->code, &q, err);
    free(fresh);
    if (rc) {
        free(stored);
        return rc;
    }
    if (exists && cat_parse(stored, p->code, &cur, err) == MC_OK &&
        cat_needs_processing_time(&q) && !cat_needs_processing_time(&cur)) {
        q.processing_days = cur.processing_days;
        q.unit = cur.unit;
    }
    const char *what = NULL;
    char *text = NULL;
    if (!exists) {
        what = "added";
        c->rep->added++;
        text = cat_to_json(&q);
    } else {
        q.version = version;
        text = cat_to_json(&q);
        if (strcmp(stored, text) == 0) {
            c->rep->unchanged++;
        } else {
            /* the content changed: a new version, never an overwrite */
            what = "updated";
            c->rep->updated++;
            q.version = p->version > version ? p->version : version + 1;
            free(text);
            text = cat_to_json(&q);
        }
    }
    rc = MC_OK;
    if (what) {
        rc = store_procedure_put(c->d->store, q.code, q.version, q.name_vi,
                                 q.processing_days, text, c->now, err);
        if (!rc)
            rc = desk_audit(c->d, c->now,
                            strcmp(what, "added") == 0 ? "catalogue.add"
                                                       : "catalogue.update",
                            q.code, json_pack("{s:i}", "version", q.version),
                            err);
    }
    free(text);
    cat_procedure_free(&q);
    cat_procedure_free(&cur);
    free(stored);
    return rc;
}

struct skip_count {
    desk_skip_fn fn;
    void *ud;
    int n;
};

static void count_skip(const char *file, const mc_error *why, void *ud)
{
    struct skip_count *sc = ud;
    sc->n++;
    if (sc->fn)
        sc->fn(file, why, sc->ud);
}

mc_status desk_catalogue_import(mc_desk *d, const char *dir,
                                desk_skip_fn on_skip, void *ud,
                                desk_import_report *rep, mc_error *err)
{
    desk_import_report local = {0};
    if (!rep)
        rep = &local;
    memset(rep, 0, sizeof *rep);
    mc_status rc = desk_require(d, ROLE_ADMIN, _("nhập danh mục thủ tục"), err);
    if (rc)
        return rc;
    cat_list list = {0};
    struct skip_count sc = {on_skip, ud, 0};
    rc = cat_load_dir(dir, &list, count_skip, &sc, err);
    if (rc)
        return rc;
    rep->skipped = sc.n;
    struct import_ctx c = {d, desk_now(d), rep};
    if (!(rc = store_begin(d->store, err))) {
        for (size_t i = 0; i < list.n && !rc; i++)
            rc = import_one(&c, &list.items[i], err);
        if (!rc)
            rc = desk_audit(d, c.now, "catalogue.import", dir,
                            json_pack("{s:i, s:i, s:i}", "added", rep->added,
                                      "updated", rep->updated, "unchanged",
                                      rep->unchanged),
                            err);
        if (!rc)
            rc = store_commit(d->store, err);
        else
            store_rollback(d->store);
    }
    cat_list_free(&list);
    return rc;
}

mc_status desk_catalogue_get(mc_desk *d, const char *code, cat_procedure *out,
                             mc_error *err)
{
    memset(out, 0, sizeof *out);
    char *json = NULL;
    int version = 0;
    mc_status rc = store_procedure_latest(d->store, code ? code : "", &json,
                                          &version, err);
    if (rc)
        return rc;
    rc = cat_parse(json, code, out, err);
    free(json);
    return rc;
}

mc_status desk_procedure_current(mc_desk *d, const char *code,
                                 const cat_procedure **out, mc_error *err)
{
    char *json = NULL;
    int version = 0;
    *out = NULL;
    if (!code)
        code = "";
    /* the latest version's number from the index; the document is read
     * and parsed once per version (catalogue versions are append-only) */
    mc_status rc = store_procedure_latest_version(d->store, code, &version,
                                                  err);
    if (rc)
        return rc;
    struct desk_proc_cache *c = NULL;
    for (size_t i = 0; i < d->n_procs && !c; i++)
        if (strcmp(d->procs[i].proc.code, code) == 0)
            c = &d->procs[i];
    if (c && c->version == version) {
        *out = &c->proc;
        return MC_OK;
    }
    rc = store_procedure_version(d->store, code, version, &json, err);
    if (rc)
        return rc;
    cat_procedure p;
    rc = cat_parse(json, code, &p, err);
    free(json);
    if (rc)
        return rc;
    if (!c) {
        d->procs = mc_xrealloc(d->procs, (d->n_procs + 1) * sizeof *d->procs);
        c = &d->procs[d->n_procs++];
    } else {
        cat_procedure_free(&c->proc);
    }
    c->version = version;
    c->proc = p;
    *out = &c->proc;
    return MC_OK;
}

struct each_ctx {
    desk_procedure_fn fn;
    void *ud;
};

static void each_one(const char *code, int version, const char *json, void *ud)
{
    struct each_ctx *c = ud;
    cat_procedure p;
    mc_error e;
    (void)version;
    if (cat_parse(json, code, &p, &e) == MC_OK) {
        c->fn(&p, c->ud);
        cat_procedure_free(&p);
    }
}

mc_status desk_catalogue_each(mc_desk *d, desk_procedure_fn fn, void *ud,
                              mc_error *err)
{
    struct each_ctx c = {fn, ud};
    return store_procedure_each(d->store, each_one, &c, err);
}

mc_status desk_catalogue_set_time(mc_desk *d, const char *code, int days,
                                  mc_cal_unit unit, mc_error *err)
{
    mc_status rc = desk_require(d, ROLE_ADMIN, _("sửa thời hạn giải quyết"),
                                err);
    if (rc)
        return rc;
    if (days < 1 || days > 365)
        return mc_fail(err, MC_EINVAL, "days",
                       _("Thời hạn giải quyết phải là số nguyên dương từ 1 đến "
                         "365 (đang là %d)"),
                       days);
    if ((rc = store_begin(d->store, err)))
        return rc;
    cat_procedure p;
    rc = desk_catalogue_get(d, code, &p, err);
    if (!rc) {
        int old_days = p.processing_days;
        p.processing_days = days;
        p.unit = unit;
        p.version += 1;
        char *json = cat_to_json(&p);
        mc_ts now = desk_now(d);
        rc = store_procedure_put(d->store, p.code, p.version, p.name_vi, days,
                                 json, now, err);
        if (!rc)
            rc = desk_audit(
                d, now, "catalogue.set_time", p.code,
                json_pack("{s:i, s:i, s:i, s:s}", "version", p.version, "days",
                          days, "previous_days", old_days, "unit",
                          unit == CAL_UNIT_DAYS_EXCL_HOLIDAYS
                              ? "days_excluding_holidays"
                              : "workdays"),
                err);
        free(json);
        cat_procedure_free(&p);
    }
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    return rc;
}
