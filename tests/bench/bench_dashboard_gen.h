/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_dashboard_gen.h - the large office database of bench_dashboard.c
 * and bench_report.c: N dossiers with their history, generated through
 * the store API and cached between runs (see bench_dashboard.c).  Define
 * BENCH_PROG (the program's name for messages) before including. */
#ifndef MOTCUA_BENCH_DASHBOARD_GEN_H
#define MOTCUA_BENCH_DASHBOARD_GEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"
#include "desk.h"
#include "store.h"
#include "store_print.h"

#define OFFICE "000.00.06.H56"
#define ADMIN "bench.admin"
#define PASSWORD "bench-password-2026"
#define TXN_ROWS 10000
#define META_DONE "bench.dashboard_n"
#define META_SECS "bench.dashboard_seconds"
#define NOW "2026-02-13T10:30:00+07:00"

static int fail(const char *what, const mc_error *e)
{
    fprintf(stderr, BENCH_PROG ": %s: [%s] %s\n", what,
            mc_status_tag(e->code), e->msg);
    return 1;
}

typedef struct gen_proc {
    char *code, *name, *field;
    int version, days;
    mc_cal_unit unit;
} gen_proc;
typedef struct gen_procs {
    gen_proc *v;
    size_t n, cap;
} gen_procs;

static void collect_proc(const cat_procedure *p, void *ud)
{
    gen_procs *g = ud;
    if (p->processing_days <= 0)
        return;
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 32;
        g->v = mc_xrealloc(g->v, g->cap * sizeof *g->v);
    }
    gen_proc *o = &g->v[g->n++];
    o->code = mc_xstrdup(p->code);
    o->name = mc_xstrdup(p->name_vi);
    o->field = p->field ? mc_xstrdup(p->field) : NULL;
    o->version = p->version;
    o->days = p->processing_days;
    o->unit = p->unit;
}

static void procs_free(gen_procs *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->v[i].code);
        free(g->v[i].name);
        free(g->v[i].field);
    }
    free(g->v);
}

typedef struct gen {
    mc_store *s;
    mc_error err;
    long in_txn;
} gen;

static int txn_tick(gen *g, bool force)
{
    if (g->in_txn && (force || g->in_txn >= TXN_ROWS)) {
        if (store_commit(g->s, &g->err))
            return fail("commit", &g->err);
        g->in_txn = 0;
    }
    if (!force && !g->in_txn) {
        if (store_begin(g->s, &g->err))
            return fail("begin", &g->err);
    }
    if (!force)
        g->in_txn++;
    return 0;
}

static int event(gen *g, int64_t id, mc_ts at, const char *action,
                 const char *from, const char *to)
{
    store_event e = {.dossier_id = id, .at = at, .actor = ADMIN,
                     .action = action, .from_status = from, .to_status = to};
    return store_history_append(g->s, &e, &g->err) ? fail("history", &g->err)
                                                   : 0;
}

/* One dossier received at `at`, ending in `st`, with its history. */
static int one_dossier(gen *g, bench_rng *rng, const gen_proc *gp, mc_date day,
                       mc_ts at, mc_dossier_status st)
{
    char key[7];
    dcode_day_key(day, key);
    mc_dossier ds = {0};
    unsigned long seq = 0;
    bool refused = st == ST_REFUSED;
    if (store_code_next(g->s, OFFICE, key, &seq, &g->err) ||
        dcode_format(OFFICE, day, seq, ds.code, &g->err) ||
        store_code_issue(g->s, OFFICE, key, seq, ds.code,
                         refused ? "refusal" : "dossier", at, &g->err))
        return fail("code", &g->err);
    bench_person p;
    bench_person_make(rng, &p);
    static char by[] = ADMIN;
    ds.status = st;
    ds.procedure_code = gp->code;
    ds.procedure_version = gp->version;
    ds.procedure_name = gp->name;
    ds.procedure_field = gp->field;
    ds.processing_days = gp->days;
    ds.processing_unit = gp->unit;
    ds.applicant_kind = APPLICANT_PERSON;
    ds.applicant_name = p.name;
    ds.id_number = p.cccd;
    ds.phone = p.phone;
    ds.channel = bench_below(rng, 10) < 8 ? CHANNEL_DIRECT : CHANNEL_ONLINE;
    ds.sets = 1;
    ds.received_at = at;
    ds.received_by = by;
    ds.updated_at = at;
    mc_ts done_at = 0;
    if (!refused) {
        ds.due_date = mc_date_add(day, gp->days * 7 / 5 + 1);
        ds.due_at = mc_ts_from_vn(ds.due_date, mc_ts_vn_minute(at));
        /* 9 in 10 are done before the due time */
        int64_t span = ds.due_at - at;
        done_at = bench_below(rng, 10) < 9
                      ? at + (mc_ts)(bench_below(rng, 1000) * (uint64_t)span / 1000)
                      : ds.due_at + 3600 * (mc_ts)(1 + bench_below(rng, 200));
        /* never before the hand-over an hour after intake: history in time
         * order, as the desk writes it */
        if (done_at <= at + 3600)
            done_at = at + 3600 + 60;
    }
    if (st == ST_RETURNED)
        ds.returned_at = done_at + 86400;
    if (store_dossier_insert(g->s, &ds, &g->err))
        return fail("dossier", &g->err);
    if (refused)
        return event(g, ds.id, at, "refuse", NULL, "refused");
    int rc = event(g, ds.id, at, "intake", NULL, "received");
    if (rc || st == ST_RECEIVED)
        return rc;
    if ((rc = event(g, ds.id, at + 3600, "advance", "received", "processing")))
        return rc;
    switch (st) {
    case ST_DONE:
    case ST_RETURNED:
        rc = event(g, ds.id, done_at, "advance", "processing", "done");
        if (!rc && st == ST_RETURNED)
            rc = event(g, ds.id, ds.returned_at, "return", "done", "returned");
        return rc;
    case ST_SUPPLEMENT_REQUESTED:
    case ST_WITHDRAWN:
    case ST_STOPPED:
        return event(g, ds.id, at + 2 * 86400, "advance", "processing",
                     status_name(st));
    default:
        return 0;
    }
}

static int generate(const char *path, long n, double *secs)
{
    double t0 = bench_now_s();
    mc_error err = {0};
    mc_desk *d = NULL;
    gen_procs procs = {0};
    gen g = {0};
    int status = 1;
    desk_init_opts io = {.office_code = OFFICE,
                         .office_name = "Bảo hiểm xã hội cơ sở (benchmark)",
                         .admin_login = ADMIN, .admin_password = PASSWORD};
    if (desk_init(path, &io, &err) || desk_open(path, &d, &err) ||
        desk_catalogue_each(d, collect_proc, &procs, &err)) {
        status = fail("creating the database", &err);
        goto out;
    }
    desk_close(d);
    d = NULL;
    if (!procs.n || store_open(path, false, &g.s, &g.err)) {
        fprintf(stderr, "bench_dashboard: no procedure or no store\n");
        goto out;
    }
    bench_rng rng = {0x6461736862ULL};
    long days = n / 1300 < 30 ? 30 : n / 1300;
    long per_day = n / days, extra = n % days, done = 0;
    mc_date newest = {2026, 2, 12}, day = newest;
    mc_date *dates = mc_xcalloc((size_t)days, sizeof *dates);
    for (long i = days - 1; i >= 0; i--) {
        while (mc_date_weekday(day) == 0 || mc_date_weekday(day) == 6)
            day = mc_date_add(day, -1);
        dates[i] = day;
        day = mc_date_add(day, -1);
    }
    for (long i = 0; i < days; i++) {
        long k = per_day + (i < extra ? 1 : 0);
        long age = mc_date_to_days(newest) - mc_date_to_days(dates[i]);
        for (long j = 0; j < k; j++) {
            if (txn_tick(&g, false))
                goto out_dates;
            const gen_proc *gp = &procs.v[bench_below(&rng, (uint32_t)procs.n)];
            mc_ts at = mc_ts_from_vn(dates[i], 450 + (int)(j * 570 / k));
            uint32_t roll = bench_below(&rng, 1000);
            mc_dossier_status st =
                roll < 15    ? ST_REFUSED
                : age > 30   ? (roll < 930   ? ST_RETURNED
                                : roll < 960 ? ST_DONE
                                : roll < 985 ? ST_WITHDRAWN
                                             : ST_STOPPED)
                : age > 7    ? (roll < 500   ? ST_RETURNED
                                : roll < 800 ? ST_DONE
                                : roll < 950 ? ST_PROCESSING
                                             : ST_SUPPLEMENT_REQUESTED)
                             : (roll < 600 ? ST_RECEIVED : ST_PROCESSING);
            if (one_dossier(&g, &rng, gp, dates[i], at, st))
                goto out_dates;
            if (++done % 100000 == 0)
                fprintf(stderr, "bench_dashboard: %ld/%ld dossiers (%.0f s)\n",
                        done, n, bench_now_s() - t0);
        }
    }
    /* today: fresh dossiers, queue tickets, unsent events, prints */
    mc_date today = {2026, 2, 13};
    for (int j = 0; j < 600; j++) {
        if (txn_tick(&g, false) ||
            one_dossier(&g, &rng, &procs.v[bench_below(&rng, (uint32_t)procs.n)],
                        today, mc_ts_from_vn(today, 450 + j / 5), ST_RECEIVED))
            goto out_dates;
    }
    if (txn_tick(&g, true))
        goto out_dates;
    desk_close(d);
    d = NULL;
    status = 0;
out_dates:
    free(dates);
    if (g.in_txn)
        store_rollback(g.s);
    if (!status) {
        for (int i = 0; i < 5000 && !status; i++) {
            if (i % 1000 == 0 && store_begin(g.s, &g.err))
                status = fail("begin", &g.err);
            if (!status && store_outbox_append(g.s, "intake", "{\"bench\":true}",
                                               NULL,
                                               mc_ts_from_vn(today, 450) + i,
                                               NULL, &g.err))
                status = fail("outbox", &g.err);
            if (!status && i % 1000 == 999 && store_commit(g.s, &g.err))
                status = fail("commit", &g.err);
        }
        if (!status && !store_begin(g.s, &g.err)) {
            for (int i = 0; i < 2000 && !status; i++) {
                store_print_job j = {.document = "receipt", .destination = "cups:desk",
                                     .state = i % 50 == 0 ? "failed" : "done",
                                     .actor = ADMIN,
                                     .created_at = mc_ts_from_vn(today, 300 + i / 4)};
                if (store_print_insert(g.s, &j, NULL, &g.err))
                    status = fail("print", &g.err);
            }
            if (!status && store_commit(g.s, &g.err))
                status = fail("commit", &g.err);
        }
    }
    store_close(g.s);
    g.s = NULL;
    if (!status) {
        /* the queue through the desk itself: 400 tickets, 8 counters */
        if (desk_open(path, &d, &err) || desk_login(d, ADMIN, PASSWORD, &err)) {
            status = fail("desk", &err);
            goto out;
        }
        static const char *const svc[] = {"A", "B", "C", "D"};
        for (int i = 0; i < 400 && !status; i++) {
            char now[32];
            snprintf(now, sizeof now, "2026-02-13T%02d:%02d:00+07:00",
                     7 + i / 60 % 3, i % 60);
            setenv("MOTCUA_NOW", now, 1);
            desk_ticket t;
            if (desk_queue_ticket(d, svc[i % 4], i % 9 == 0, &t, &err))
                status = fail("ticket", &err);
            desk_ticket_free(&t);
        }
        setenv("MOTCUA_NOW", "2026-02-13T10:00:00+07:00", 1);
        for (int i = 0; i < 300 && !status; i++) {
            desk_ticket t;
            int counter = 1 + i % 8;
            if (desk_queue_next(d, counter, NULL, &t, &err))
                status = fail("next", &err);
            desk_ticket_free(&t);
            desk_ticket_ref ref = {NULL, counter};
            if (!status && i < 292 &&
                desk_queue_act(d, &ref, QA_FINISH, NULL, &err))
                status = fail("finish", &err);
        }
        setenv("MOTCUA_NOW", NOW, 1);
    }
    *secs = bench_now_s() - t0;
    if (!status) {
        mc_store *s = NULL;
        char buf[64];
        if (store_open(path, false, &s, &err) || store_begin(s, &err))
            status = fail("meta", &err);
        snprintf(buf, sizeof buf, "%.1f", *secs);
        if (!status && store_meta_set(s, META_SECS, buf, &err))
            status = fail("meta", &err);
        snprintf(buf, sizeof buf, "%ld", n);
        if (!status && (store_meta_set(s, META_DONE, buf, &err) ||
                        store_commit(s, &err)))
            status = fail("meta", &err);
        store_close(s);
    }
out:
    store_close(g.s);
    desk_close(d);
    procs_free(&procs);
    return status;
}

static bool cache_ok(const char *path, long n, double *secs)
{
    return bench_cache_ok(path, n, META_DONE, META_SECS, secs);
}

static void remove_db(const char *path)
{
    bench_remove_db(path);
}

/* The database of n dossiers at `path` (dir/motcua-bench-dashboard-N.db),
 * generated unless a complete one is cached; 0 on success. */
static int bench_dashboard_db(const char *dir, long n, char *path,
                              size_t pathsz, double *gen_secs, bool *cached)
{
    char tmp[4200];
    snprintf(path, pathsz, "%s/motcua-bench-dashboard-%ld.db", dir, n);
    snprintf(tmp, sizeof tmp, "%s.partial", path);
    *cached = cache_ok(path, n, gen_secs);
    if (*cached)
        return 0;
    remove_db(path);
    remove_db(tmp);
    fprintf(stderr, BENCH_PROG ": generating %ld dossiers into %s\n", n,
            path);
    if (generate(tmp, n, gen_secs)) {
        remove_db(tmp);
        return 1;
    }
    if (rename(tmp, path) != 0) {
        perror(BENCH_PROG ": rename");
        return 1;
    }
    setenv("MOTCUA_NOW", NOW, 1);
    return 0;
}

#endif
