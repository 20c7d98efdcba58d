/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_search.c - name search and code lookup on a large office database.
 *
 * Generates N dossiers (default 1,000,000; MOTCUA_BENCH_N) with realistic
 * Vietnamese names and CCCD numbers over many working days.  One fsync per
 * dossier through desk_intake would take far too long, so the rows go
 * through the store API directly (store_code_next/store_code_issue +
 * store_dossier_insert, the same statements and triggers desk_intake uses)
 * in transactions of 10,000.  The file is kept as a cache
 * ($MOTCUA_BENCH_DIR or /tmp, "motcua-bench-search-<N>.db") and reused when
 * it holds a finished generation of the same N.
 *
 * Then, through the real desk_search() and desk_dossier_get():
 *   - name search, limit 50 (the CLI's): full folded names ("nguyen thi
 *     huong"), prefixes ("tran van h"), names with diacritics ("Hoàng Minh
 *     Đức"); p50/p99 over MOTCUA_BENCH_QUERIES (default 1,500) queries;
 *   - separately, what a clerk types first: one common word or a family
 *     name and an initial ("nguyen", "le t"): reported, not in the goal;
 *   - code lookup p50/p99 over MOTCUA_BENCH_LOOKUPS (default 20,000).
 * Prints "bench: NAME VALUE UNIT" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_common.h"
#include "desk.h"
#include "store.h"
#include "vntext.h"

#define OFFICE "000.00.06.H56"
#define ADMIN "bench.admin"
#define PASSWORD "bench-password-2026"
#define TXN_ROWS 10000
#define SEARCH_LIMIT 50
#define META_DONE "bench.generated_n"
#define META_SECS "bench.generated_seconds"

static int fail(const char *what, const mc_error *e)
{
    fprintf(stderr, "bench_search: %s: [%s] %s%s%s\n", what,
            mc_status_tag(e->code), e->field[0] ? e->field : "",
            e->field[0] ? ": " : "", e->msg);
    return 1;
}

/* --- the day schedule: a pure function of N, so lookups can name codes
 * of a cached database without reading them first ------------------------ */
typedef struct schedule {
    long n, days, per_day, extra; /* the first `extra` days get one more */
    mc_date *date;                /* date[i]: the i-th working day back */
} schedule;

static void schedule_make(schedule *s, long n)
{
    s->n = n;
    s->days = n / 1300; /* ~1,300 a day: a busy provincial office */
    if (s->days < 30)
        s->days = 30;
    if (s->days > n)
        s->days = n;
    s->per_day = n / s->days;
    s->extra = n % s->days;
    s->date = mc_xcalloc((size_t)s->days, sizeof *s->date);
    mc_date d = {2026, 2, 12};
    for (long i = s->days - 1; i >= 0; i--) {
        while (mc_date_weekday(d) == 0 || mc_date_weekday(d) == 6)
            d = mc_date_add(d, -1);
        s->date[i] = d; /* date[days-1] is the newest */
        d = mc_date_add(d, -1);
    }
}

static long schedule_count(const schedule *s, long day)
{
    return s->per_day + (day < s->extra ? 1 : 0);
}

/* --- generation ---------------------------------------------------------- */
typedef struct gen_proc {
    char *code, *name, *field, *paper;
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
    if (p->processing_days <= 0 || !(p->applicant_kinds & APPLICANT_PERSON))
        return;
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 32;
        g->v = mc_xrealloc(g->v, g->cap * sizeof *g->v);
    }
    gen_proc *o = &g->v[g->n++];
    o->code = mc_xstrdup(p->code);
    o->name = mc_xstrdup(p->name_vi);
    o->field = p->field ? mc_xstrdup(p->field) : NULL;
    o->paper = NULL;
    for (size_t i = 0; i < p->n_papers && !o->paper; i++)
        if (p->papers[i].required)
            o->paper = mc_xstrdup(p->papers[i].name);
    if (!o->paper)
        o->paper = mc_xstrdup(p->n_papers ? p->papers[0].name : "Tờ khai");
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
        free(g->v[i].paper);
    }
    free(g->v);
}

static const char *const streets[] = {
    "Đường Trần Hưng Đạo", "Phố Huế", "Đường Lê Lợi", "Đường Nguyễn Trãi",
    "Đường Hai Bà Trưng", "Phố Hàng Bông", "Đường Lý Thường Kiệt",
    "Đường Điện Biên Phủ", "Đường Cách Mạng Tháng Tám", "Đường Võ Văn Kiệt",
};
static const char *const wards[] = {
    "Phường Hoàn Kiếm", "Phường Cửa Nam", "Phường Ba Đình", "Phường Đống Đa",
    "Phường Hai Bà Trưng", "Xã Thanh Trì", "Phường Cầu Giấy", "Xã Gia Lâm",
};

static int generate(const char *path, long n, const schedule *sch,
                    double *secs)
{
    mc_error err = {0};
    mc_desk *d = NULL;
    mc_store *s = NULL;
    gen_procs procs = {0};
    int status = 1;
    bool in_txn = false;
    double t0 = bench_now_s();

    desk_init_opts io = {
        .office_code = OFFICE,
        .office_name = "Bảo hiểm xã hội cơ sở (benchmark)",
        .admin_login = ADMIN,
        .admin_name = "Quản trị benchmark",
        .admin_password = PASSWORD,
    };
    if (desk_init(path, &io, &err) || desk_open(path, &d, &err) ||
        desk_catalogue_each(d, collect_proc, &procs, &err)) {
        status = fail("creating the database", &err);
        goto out;
    }
    desk_close(d);
    d = NULL;
    if (!procs.n) {
        fprintf(stderr, "bench_search: no usable procedure in the catalogue\n");
        goto out;
    }
    if (store_open(path, false, &s, &err)) {
        status = fail("store_open", &err);
        goto out;
    }

    bench_rng rng = {0x4e677579656eULL}; /* "Nguyen" */
    static char received_by[] = ADMIN;
    static char delivery[] = "Tại Bộ phận Tiếp nhận và Trả kết quả";
    static char refusal[] = "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan";
    long done = 0;
    mc_date newest = sch->date[sch->days - 1];
    for (long day = 0; day < sch->days; day++) {
        mc_date date = sch->date[day];
        long k = schedule_count(sch, day);
        long age = mc_date_to_days(newest) - mc_date_to_days(date);
        char key[7];
        dcode_day_key(date, key);
        for (long j = 0; j < k; j++) {
            if (!in_txn) {
                if (store_begin(s, &err)) {
                    status = fail("store_begin", &err);
                    goto out;
                }
                in_txn = true;
            }
            const gen_proc *gp = &procs.v[bench_below(&rng, (uint32_t)procs.n)];
            bench_person p;
            bench_person_make(&rng, &p);
            char address[200], bhxh[16];
            snprintf(address, sizeof address, "Số %u, %s, %s, Hà Nội",
                     1 + bench_below(&rng, 300),
                     streets[bench_below(&rng, BENCH_COUNT(streets))],
                     wards[bench_below(&rng, BENCH_COUNT(wards))]);
            snprintf(bhxh, sizeof bhxh, "%02u%08u", 1 + bench_below(&rng, 98),
                     (unsigned)bench_below(&rng, 100000000));
            /* 07:30 .. 16:59, in order through the day */
            int minute = 450 + (int)(j * 570 / (k > 0 ? k : 1));
            mc_ts at = mc_ts_from_vn(date, minute) + (mc_ts)bench_below(&rng, 60);

            mc_dossier ds = {0};
            uint32_t roll = bench_below(&rng, 1000);
            bool refused = roll < 15;
            if (refused)
                ds.status = ST_REFUSED;
            else if (age > 30)
                ds.status = roll < 930 ? ST_RETURNED
                            : roll < 960 ? ST_DONE
                            : roll < 985 ? ST_WITHDRAWN
                                         : ST_STOPPED;
            else if (age > 7)
                ds.status = roll < 500 ? ST_RETURNED
                            : roll < 800 ? ST_DONE
                            : roll < 950 ? ST_PROCESSING
                                         : ST_SUPPLEMENT_REQUESTED;
            else
                ds.status = roll < 600 ? ST_RECEIVED : ST_PROCESSING;

            unsigned long seq = 0;
            if (store_code_next(s, OFFICE, key, &seq, &err) ||
                dcode_format(OFFICE, date, seq, ds.code, &err) ||
                store_code_issue(s, OFFICE, key, seq, ds.code,
                                 refused ? "refusal" : "dossier", at, &err)) {
                status = fail("issuing a code", &err);
                goto out;
            }
            mc_dossier_paper paper = {
                .name = gp->paper, .form = PAPER_ORIGINAL, .count = 1,
                .required = true,
            };
            ds.procedure_code = gp->code;
            ds.procedure_version = gp->version;
            ds.procedure_name = gp->name;
            ds.procedure_field = gp->field;
            ds.processing_days = gp->days;
            ds.processing_unit = gp->unit;
            ds.applicant_kind = APPLICANT_PERSON;
            ds.applicant_name = p.name;
            ds.id_number = p.cccd;
            ds.bhxh_number = bench_below(&rng, 100) < 60 ? bhxh : NULL;
            ds.phone = p.phone;
            ds.address = address;
            ds.channel = CHANNEL_DIRECT;
            ds.result_delivery = delivery;
            ds.sets = 1;
            ds.refusal_reason = refused ? refusal : NULL;
            ds.received_at = at;
            ds.received_by = received_by;
            ds.updated_at = at;
            if (!refused) {
                /* near enough for a benchmark: workdays as 7/5 days */
                ds.due_date = mc_date_add(date, gp->days * 7 / 5 + 1);
                ds.due_at = mc_ts_from_vn(ds.due_date, 17 * 60);
            }
            ds.papers = &paper;
            ds.n_papers = 1;
            if (store_dossier_insert(s, &ds, &err)) {
                status = fail("store_dossier_insert", &err);
                goto out;
            }
            done++;
            if (done % TXN_ROWS == 0 || done == n) {
                if (store_commit(s, &err)) {
                    status = fail("store_commit", &err);
                    goto out;
                }
                in_txn = false;
                if (done % 100000 == 0)
                    fprintf(stderr, "bench_search: %ld/%ld dossiers (%.0f s)\n",
                            done, n, bench_now_s() - t0);
            }
        }
    }
    if (in_txn) {
        if (store_commit(s, &err)) {
            status = fail("store_commit", &err);
            goto out;
        }
        in_txn = false;
    }
    *secs = bench_now_s() - t0;
    char buf[64];
    snprintf(buf, sizeof buf, "%.1f", *secs);
    if (store_begin(s, &err) || store_meta_set(s, META_SECS, buf, &err)) {
        status = fail("store_meta_set", &err);
        goto out;
    }
    snprintf(buf, sizeof buf, "%ld", n);
    if (store_meta_set(s, META_DONE, buf, &err) || store_commit(s, &err)) {
        status = fail("store_meta_set", &err);
        goto out;
    }
    status = 0;
out:
    if (in_txn)
        store_rollback(s);
    store_close(s);
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

/* --- queries --------------------------------------------------------------- */
static bool count_row(const mc_dossier *ds, void *ud)
{
    long *n = ud;
    (*n) += ds->id > 0;
    return true;
}

enum qkind { Q_FULL, Q_PREFIX, Q_DIACRITICS, Q_SHORT, Q__COUNT };
static const char *const qkind_name[Q__COUNT] = {"full", "prefix",
                                                 "diacritics", "short"};

/* One query of kind k, from a fresh person of the same distribution. */
static void make_query(bench_rng *r, enum qkind k, char *out, size_t cap)
{
    bench_person p;
    bench_person_make(r, &p);
    char *fam = vn_fold(p.family), *mid = vn_fold(p.middle),
         *giv = vn_fold(p.given);
    switch (k) {
    case Q_FULL: /* "nguyen thi huong" */
        snprintf(out, cap, "%s %s %s", fam, mid, giv);
        break;
    case Q_PREFIX: { /* "tran van h", "le thi hu" */
        int keep = 1 + (int)bench_below(r, 2);
        snprintf(out, cap, "%s %s %.*s", fam, mid, keep, giv);
        break;
    }
    case Q_DIACRITICS: /* "Hoàng Minh Đức" as written on the CCCD */
        snprintf(out, cap, "%s %s %s", p.family, p.middle, p.given);
        break;
    default: /* the first keystrokes: "nguyen", "le t", "hương" */
        switch (bench_below(r, 3)) {
        case 0:
            snprintf(out, cap, "%s", fam);
            break;
        case 1:
            snprintf(out, cap, "%s %c", fam, mid[0]);
            break;
        default:
            snprintf(out, cap, "%s", p.given);
            break;
        }
        break;
    }
    free(fam);
    free(mid);
    free(giv);
}

int main(void)
{
    long n = bench_env_long("MOTCUA_BENCH_N", 1000000);
    long nq = bench_env_long("MOTCUA_BENCH_QUERIES", 1500);
    long nl = bench_env_long("MOTCUA_BENCH_LOOKUPS", 20000);
    if (nq < 4)
        nq = 4;
    const char *dir = getenv("MOTCUA_BENCH_DIR");
    if (!dir || !*dir)
        dir = "/tmp";
    if (!getenv("MOTCUA_NOW"))
        setenv("MOTCUA_NOW", "2026-02-13T09:00:00+07:00", 0);
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/motcua-bench-search-%ld.db", dir, n);
    snprintf(tmp, sizeof tmp, "%s.partial", path);

    int status = 1;
    mc_desk *d = NULL;
    mc_error err = {0};
    double *lat = NULL, *by_kind[Q__COUNT] = {0};
    size_t n_kind[Q__COUNT] = {0};
    schedule sch;
    schedule_make(&sch, n);

    double gen_secs = 0.0;
    bool cached = cache_ok(path, n, &gen_secs);
    if (!cached) {
        remove_db(path);
        remove_db(tmp);
        fprintf(stderr, "bench_search: generating %ld dossiers into %s\n", n,
                path);
        if (generate(tmp, n, &sch, &gen_secs)) {
            remove_db(tmp);
            goto out;
        }
        if (rename(tmp, path) != 0) {
            perror("bench_search: rename");
            goto out;
        }
    }
    struct stat stt;
    double mib = stat(path, &stt) == 0 ? (double)stt.st_size / 1048576.0 : 0;
    printf("bench: search_n %ld dossiers\n", n);
    printf("bench: search_gen_time %.1f s\n", gen_secs);
    printf("bench: search_gen_cached %d bool\n", cached ? 1 : 0);
    printf("bench: search_db_size %.1f MiB\n", mib);
    printf("bench: search_db_per_dossier %.0f bytes\n",
           mib * 1048576.0 / (double)n);
    fflush(stdout);

    if (desk_open(path, &d, &err)) {
        status = fail("desk_open", &err);
        goto out;
    }
    if (desk_login(d, ADMIN, PASSWORD, &err)) {
        status = fail("desk_login", &err);
        goto out;
    }

    /* --- name search ---------------------------------------------------- */
    bench_rng rng = {0x4875f56e67ULL}; /* not the generator's seed */
    char q[256];
    long rows = 0;
    for (int i = 0; i < 100; i++) { /* warm-up: page cache, statements */
        make_query(&rng, (enum qkind)(i % Q_SHORT), q, sizeof q);
        if (desk_search(d, q, SEARCH_LIMIT, count_row, &rows, &err)) {
            status = fail("desk_search", &err);
            goto out;
        }
    }
    for (int k = 0; k < Q__COUNT; k++)
        by_kind[k] = mc_xcalloc((size_t)nq, sizeof(double));
    lat = mc_xcalloc((size_t)nq, sizeof(double));
    size_t n_lat = 0;
    long n_short = nq / 3 > 0 ? nq / 3 : 1;
    double worst = 0.0;
    char worst_q[256] = "";
    for (long i = 0; i < nq + n_short; i++) {
        enum qkind k = i < nq ? (enum qkind)(i % Q_SHORT) : Q_SHORT;
        make_query(&rng, k, q, sizeof q);
        long got = 0;
        double t0 = bench_now_s();
        mc_status rc = desk_search(d, q, SEARCH_LIMIT, count_row, &got, &err);
        double ms = (bench_now_s() - t0) * 1e3;
        if (rc) {
            status = fail("desk_search", &err);
            goto out;
        }
        rows += got;
        by_kind[k][n_kind[k]++] = ms;
        if (k != Q_SHORT) {
            lat[n_lat++] = ms;
            if (ms > worst) {
                worst = ms;
                mc_strlcpy(worst_q, q, sizeof worst_q);
            }
        }
    }
    printf("bench: name_search_queries %zu queries\n", n_lat);
    printf("bench: name_search_rows_mean %.1f rows\n",
           (double)rows / (double)(nq + n_short));
    printf("bench: name_search_p50 %.3f ms\n", bench_percentile(lat, n_lat, 0.50));
    printf("bench: name_search_p99 %.3f ms\n", bench_percentile(lat, n_lat, 0.99));
    printf("bench: name_search_max %.3f ms\n", lat[n_lat - 1]);
    fprintf(stderr, "bench_search: slowest name query: \"%s\" %.1f ms\n",
            worst_q, worst);
    for (int k = 0; k < Q__COUNT; k++) {
        printf("bench: name_search_%s_p50 %.3f ms\n", qkind_name[k],
               bench_percentile(by_kind[k], n_kind[k], 0.50));
        printf("bench: name_search_%s_p99 %.3f ms\n", qkind_name[k],
               bench_percentile(by_kind[k], n_kind[k], 0.99));
    }
    fflush(stdout);

    /* --- code lookup ---------------------------------------------------- */
    free(lat);
    lat = mc_xcalloc((size_t)nl, sizeof(double));
    for (long i = 0; i < nl + 200; i++) {
        long day = (long)bench_below(&rng, (uint32_t)sch.days);
        unsigned long seq =
            1 + bench_below(&rng, (uint32_t)schedule_count(&sch, day));
        char code[DCODE_MAX];
        if (dcode_format(OFFICE, sch.date[day], seq, code, &err)) {
            status = fail("dcode_format", &err);
            goto out;
        }
        mc_dossier ds;
        double t0 = bench_now_s();
        mc_status rc = desk_dossier_get(d, code, &ds, &err);
        double ms = (bench_now_s() - t0) * 1e3;
        if (rc) {
            status = fail("desk_dossier_get", &err);
            goto out;
        }
        mc_dossier_free(&ds);
        if (i >= 200) /* the first 200 warm up */
            lat[i - 200] = ms;
    }
    printf("bench: code_lookup_n %ld lookups\n", nl);
    printf("bench: code_lookup_p50 %.3f ms\n", bench_percentile(lat, (size_t)nl, 0.50));
    printf("bench: code_lookup_p99 %.3f ms\n", bench_percentile(lat, (size_t)nl, 0.99));
    status = 0;
out:
    desk_close(d);
    free(lat);
    for (int k = 0; k < Q__COUNT; k++)
        free(by_kind[k]);
    free(sch.date);
    return status;
}
