/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_intake.c - durable intake rate against the raw rate of one-row
 * durable SQLite transactions on the same filesystem, in the same run.
 *
 *   intake: desk_intake(), one dossier per transaction (the store's WAL,
 *           synchronous=FULL), on a fresh database in a temporary folder.
 *   raw:    its own sqlite3 connection to another file in that folder, WAL,
 *           synchronous=FULL: BEGIN IMMEDIATE; INSERT one row; COMMIT.
 *
 *   floor:  the same rows as an intake (code, dossier and papers, history,
 *           audit, outbox event; the same statements, triggers, indexes and
 *           pages) written through the store alone into a third office
 *           database, one transaction each, with none of the desk's work
 *           (validation, folding, the event's text, hashing): what SQLite
 *           and the disk cost for this schema, the best the intake can do.
 *
 * Also prints the pages each transaction writes to the WAL, for all three.
 *
 * The three loops take turns in ten rounds so that a change in the disk's
 * speed during the run hits them alike.  Login (an
 * argon2id verification) happens once, outside the timed loop.
 *
 * Environment: MOTCUA_BENCH_N (default 300), MOTCUA_BENCH_DIR (parent of
 * the temporary folder; default $TMPDIR or /tmp), MOTCUA_FORMS_DIR,
 * MOTCUA_NOW (pinned to a working morning when unset).
 * Prints "bench: NAME VALUE UNIT" lines. */
#include <sqlite3.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_common.h"
#include "date.h"
#include "desk.h"
#include "dossier_code.h"
#include "event.h"

#define OFFICE "000.00.06.H56"
#define ADMIN "bench.admin"
#define PASSWORD "bench-password-2026"

static int fail(const char *what, const mc_error *e)
{
    fprintf(stderr, "bench_intake: %s: [%s] %s%s%s\n", what,
            mc_status_tag(e->code), e->field[0] ? e->field : "",
            e->field[0] ? ": " : "", e->msg);
    return 1;
}

/* The kernel's share of this process's CPU time, in seconds. */
static double sys_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

/* --- the raw loop -------------------------------------------------------- */
typedef struct raw_db {
    sqlite3 *db;
    sqlite3_stmt *begin, *insert, *commit;
    long next;
} raw_db;

static void raw_close(raw_db *r)
{
    sqlite3_finalize(r->begin);
    sqlite3_finalize(r->insert);
    sqlite3_finalize(r->commit);
    sqlite3_close(r->db);
    memset(r, 0, sizeof *r);
}

static int raw_open(raw_db *r, const char *path)
{
    memset(r, 0, sizeof *r);
    if (sqlite3_open_v2(path, &r->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK)
        goto bad;
    if (sqlite3_exec(r->db,
                     "PRAGMA journal_mode=WAL;"
                     "PRAGMA synchronous=FULL;"
                     "CREATE TABLE t(id INTEGER PRIMARY KEY, at INTEGER NOT"
                     " NULL, payload TEXT NOT NULL) STRICT;",
                     NULL, NULL, NULL) != SQLITE_OK)
        goto bad;
    if (sqlite3_prepare_v2(r->db, "BEGIN IMMEDIATE", -1, &r->begin, NULL) ||
        sqlite3_prepare_v2(r->db, "INSERT INTO t(at, payload) VALUES (?1, ?2)",
                           -1, &r->insert, NULL) ||
        sqlite3_prepare_v2(r->db, "COMMIT", -1, &r->commit, NULL))
        goto bad;
    return 0;
bad:
    fprintf(stderr, "bench_intake: raw database %s: %s\n", path,
            r->db ? sqlite3_errmsg(r->db) : "cannot open");
    raw_close(r);
    return 1;
}

static long long raw_pages(raw_db *r)
{
    int cur = 0, hi = 0;
    sqlite3_db_status(r->db, SQLITE_DBSTATUS_CACHE_WRITE, &cur, &hi, 0);
    return cur;
}

/* n one-row transactions; returns the elapsed seconds, < 0 on error. */
static double raw_run(raw_db *r, long n)
{
    static const char payload[] =
        "Nguyễn Thị Hường | 1.014166 | Danh sách do người sử dụng lao động "
        "lập | 000.00.06.H56";
    double t0 = bench_now_s();
    for (long i = 0; i < n; i++) {
        if (sqlite3_step(r->begin) != SQLITE_DONE)
            goto bad;
        sqlite3_reset(r->begin);
        sqlite3_bind_int64(r->insert, 1, r->next++);
        sqlite3_bind_text(r->insert, 2, payload, -1, SQLITE_STATIC);
        if (sqlite3_step(r->insert) != SQLITE_DONE)
            goto bad;
        sqlite3_reset(r->insert);
        if (sqlite3_step(r->commit) != SQLITE_DONE)
            goto bad;
        sqlite3_reset(r->commit);
    }
    return bench_now_s() - t0;
bad:
    fprintf(stderr, "bench_intake: raw transaction: %s\n",
            sqlite3_errmsg(r->db));
    return -1.0;
}

/* --- the intake loop ----------------------------------------------------- */
static const desk_paper_in required_paper = {
    .name = "Danh sách do người sử dụng lao động lập",
    .form = "original",
    .count = 1,
};

/* n intakes, one transaction each; elapsed seconds, < 0 on error. */
static double intake_run(mc_desk *d, bench_rng *rng, long n)
{
    mc_error err = {0};
    double t0 = bench_now_s();
    for (long i = 0; i < n; i++) {
        bench_person p;
        bench_person_make(rng, &p);
        desk_intake_in in = {
            .procedure_code = "1.014166",
            .applicant_name = p.name,
            .id_number = p.cccd,
            .phone = p.phone,
            .papers = &required_paper,
            .n_papers = 1,
        };
        if (desk_intake(d, &in, NULL, &err)) {
            fail("desk_intake", &err);
            return -1.0;
        }
    }
    return bench_now_s() - t0;
}

/* --- the floor loop ------------------------------------------------------ */
typedef struct floor_db {
    mc_store *s;
    mc_dossier ds; /* a dossier an intake made: the row written each time */
    char *payload, *detail;
    int64_t audit_id;
} floor_db;

/* n intakes' rows through the store; elapsed seconds, < 0 on error. */
static double floor_run(floor_db *f, bench_rng *rng, long n)
{
    static const char hash[] =
        "0000000000000000000000000000000000000000000000000000000000000000";
    mc_error err = {0};
    mc_ts now = f->ds.received_at;
    mc_date day = mc_ts_vn_date(now);
    char key[7], at[26];
    dcode_day_key(day, key);
    mc_ts_format_vn(now, at);
    char *template_name = f->ds.applicant_name;
    double t0 = bench_now_s();
    for (long i = 0; i < n; i++) {
        bench_person p;
        bench_person_make(rng, &p);
        f->ds.applicant_name = p.name;
        unsigned long seq = 0;
        mc_status rc = store_begin(f->s, &err);
        if (!rc)
            rc = store_code_next(f->s, OFFICE, key, &seq, &err);
        if (!rc)
            rc = dcode_format(OFFICE, day, seq, f->ds.code, &err);
        if (!rc)
            rc = store_code_issue(f->s, OFFICE, key, seq, f->ds.code,
                                  "dossier", now, &err);
        if (!rc)
            rc = store_dossier_insert(f->s, &f->ds, &err);
        store_event ev = {
            .dossier_id = f->ds.id, .at = now, .actor = ADMIN,
            .action = "intake", .to_status = "received",
        };
        if (!rc)
            rc = store_history_append(f->s, &ev, &err);
        store_audit_row row = {
            .id = ++f->audit_id, .at = at, .actor = ADMIN,
            .action = "intake", .object = f->ds.code, .detail = f->detail,
            .prev_hash = hash, .hash = hash,
        };
        if (!rc)
            rc = store_audit_append(f->s, &row, &err);
        if (!rc)
            rc = store_outbox_append(f->s, "intake", f->payload, f->ds.code,
                                     now, NULL, &err);
        if (!rc)
            rc = store_commit(f->s, &err);
        if (rc) {
            store_rollback(f->s);
            f->ds.applicant_name = template_name;
            fail("floor", &err);
            return -1.0;
        }
    }
    f->ds.applicant_name = template_name;
    return bench_now_s() - t0;
}

/* --- main ---------------------------------------------------------------- */
int main(void)
{
    long n = bench_env_long("MOTCUA_BENCH_N", 300);
    const char *parent = getenv("MOTCUA_BENCH_DIR");
    if (!parent || !*parent)
        parent = getenv("TMPDIR");
    if (!parent || !*parent)
        parent = "/tmp";
    /* a working morning, so due dates and codes do not depend on when the
     * benchmark runs */
    if (!getenv("MOTCUA_NOW"))
        setenv("MOTCUA_NOW", "2026-02-13T09:00:00+07:00", 0);

    char dir[4096];
    snprintf(dir, sizeof dir, "%s/motcua-bench-intake-XXXXXX", parent);
    if (!mkdtemp(dir)) {
        perror("bench_intake: mkdtemp");
        return 1;
    }
    char db_path[4200], raw_path[4200], floor_path[4200];
    snprintf(db_path, sizeof db_path, "%s/office.db", dir);
    snprintf(raw_path, sizeof raw_path, "%s/raw.db", dir);
    snprintf(floor_path, sizeof floor_path, "%s/floor.db", dir);

    int status = 1;
    mc_desk *d = NULL;
    raw_db raw = {0};
    floor_db fl = {0};
    mc_error err = {0};
    desk_init_opts io = {
        .office_code = OFFICE,
        .office_name = "Bảo hiểm xã hội cơ sở (benchmark)",
        .admin_login = ADMIN,
        .admin_name = "Quản trị benchmark",
        .admin_password = PASSWORD,
    };
    if (desk_init(db_path, &io, &err)) {
        status = fail("desk_init", &err);
        goto out;
    }
    if (desk_open(db_path, &d, &err)) {
        status = fail("desk_open", &err);
        goto out;
    }
    /* argon2id verification: once, outside every timed loop */
    if (desk_login(d, ADMIN, PASSWORD, &err)) {
        status = fail("desk_login", &err);
        goto out;
    }
    if (raw_open(&raw, raw_path))
        goto out;
    /* the floor's office: the same schema and catalogue; its row is the
     * dossier of one real intake, its event and audit detail that
     * intake's texts */
    if (desk_init(floor_path, &io, &err)) {
        status = fail("desk_init (floor)", &err);
        goto out;
    }
    if (store_open(floor_path, false, &fl.s, &err)) {
        status = fail("store_open (floor)", &err);
        goto out;
    }
    {
        bench_rng r0 = {1};
        bench_person p;
        bench_person_make(&r0, &p);
        desk_intake_in in = {
            .procedure_code = "1.014166", .applicant_name = p.name,
            .id_number = p.cccd, .phone = p.phone,
            .papers = &required_paper, .n_papers = 1,
        };
        if (desk_intake(d, &in, &fl.ds, &err)) {
            status = fail("desk_intake", &err);
            goto out;
        }
        char at[26];
        mc_ts_format_vn(fl.ds.received_at, at);
        char *snap = desk_dossier_text(&fl.ds, fl.ds.received_at);
        size_t n_data = strlen(snap) + 64;
        char *data = malloc(n_data);
        snprintf(data, n_data, "{\"dossier\":%s,\"to\":\"received\"}", snap);
        fl.payload = wire_event_text("intake", OFFICE, at, ADMIN, fl.ds.code,
                                     data);
        fl.detail = strdup("{\"to\":\"received\"}");
        free(data);
        free(snap);
        char prev[65];
        if (store_audit_tail(fl.s, &fl.audit_id, prev, &err)) {
            status = fail("store_audit_tail (floor)", &err);
            goto out;
        }
    }

    /* warm-up of both paths (statements, catalogue, page cache) */
    bench_rng rng = {0x6d6f74637561ULL};
    long warm = n / 10 < 5 ? 5 : n / 10;
    bench_rng frng = {0x666c6f6f72ULL};
    if (raw_run(&raw, warm) < 0 || intake_run(d, &rng, warm) < 0 ||
        floor_run(&fl, &frng, warm) < 0)
        goto out;

    /* the three loops take turns in ten rounds, so that a change in the
     * disk's speed during the run (this VM's flushes vary from 0.2 to 4 ms
     * over minutes) falls on all three alike */
    const long rounds = n >= 10 ? 10 : 1;
    long long rp0 = raw_pages(&raw), ip0 = desk_pages_written(d);
    long long fp0 = store_pages_written(fl.s);
    double t_raw = 0, t_intake = 0, t_floor = 0;
    double c_raw = 0, c_intake = 0, c_floor = 0;
    double k_raw = 0, k_intake = 0, k_floor = 0;
    for (long r = 0; r < rounds; r++) {
        long k = n / rounds + (r < n % rounds ? 1 : 0);
        double c0 = bench_cpu_s(), k0 = sys_s();
        double t = raw_run(&raw, k);
        if (t < 0)
            goto out;
        t_raw += t;
        double c1 = bench_cpu_s(), k1 = sys_s();
        t = intake_run(d, &rng, k);
        if (t < 0)
            goto out;
        t_intake += t;
        double c2 = bench_cpu_s(), k2 = sys_s();
        t = floor_run(&fl, &frng, k);
        if (t < 0)
            goto out;
        t_floor += t;
        double c3 = bench_cpu_s(), k3 = sys_s();
        k_raw += k1 - k0;
        k_intake += k2 - k1;
        k_floor += k3 - k2;
        c_raw += c1 - c0;
        c_intake += c2 - c1;
        c_floor += c3 - c2;
    }
    long long rp1 = raw_pages(&raw), ip1 = desk_pages_written(d);
    long long fp1 = store_pages_written(fl.s);

    double intake_rate = (double)n / t_intake;
    double raw_rate = (double)n / t_raw;
    printf("bench: intake_n %ld dossiers\n", n);
    printf("bench: intake_rate %.1f dossiers/s\n", intake_rate);
    printf("bench: intake_mean %.3f ms\n", 1e3 * t_intake / (double)n);
    printf("bench: raw_txn_rate %.1f txn/s\n", raw_rate);
    printf("bench: raw_txn_mean %.3f ms\n", 1e3 * t_raw / (double)n);
    /* on-CPU time (user + system) per transaction: what is left of the
     * mean once the disk's flush wait is taken away */
    printf("bench: intake_cpu_mean %.3f ms\n", 1e3 * c_intake / (double)n);
    printf("bench: raw_txn_cpu_mean %.3f ms\n",
           1e3 * c_raw / (double)n);
    /* of which the kernel's (writes, flushes, locks; getrusage, so only
     * to the scheduler tick's precision: read it over many runs) */
    printf("bench: intake_sys_mean %.3f ms\n", 1e3 * k_intake / (double)n);
    printf("bench: raw_txn_sys_mean %.3f ms\n", 1e3 * k_raw / (double)n);
    printf("bench: floor_sys_mean %.3f ms\n", 1e3 * k_floor / (double)n);
    printf("bench: floor_mean %.3f ms\n", 1e3 * t_floor / (double)n);
    printf("bench: floor_cpu_mean %.3f ms\n", 1e3 * c_floor / (double)n);
    /* pages each transaction writes to the WAL (the checkpoint's copies
     * into the database file come on top, for both alike) */
    printf("bench: intake_pages_per_txn %.1f pages\n",
           (double)(ip1 - ip0) / (double)n);
    printf("bench: raw_pages_per_txn %.1f pages\n",
           (double)(rp1 - rp0) / (double)n);
    printf("bench: floor_pages_per_txn %.1f pages\n",
           (double)(fp1 - fp0) / (double)n);
    printf("bench: intake_vs_raw_ratio %.3f ratio\n", intake_rate / raw_rate);
    /* the best intake_vs_raw_ratio this schema allows on this disk */
    printf("bench: floor_vs_raw_ratio %.3f ratio\n",
           ((double)n / t_floor) / raw_rate);
    fflush(stdout);
    status = 0;
out:
    desk_close(d);
    raw_close(&raw);
    store_close(fl.s);
    mc_dossier_free(&fl.ds);
    free(fl.payload);
    free(fl.detail);
    if (!getenv("MOTCUA_BENCH_KEEP")) {
        const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
        char f[4300];
        for (size_t i = 0; i < 4; i++) {
            snprintf(f, sizeof f, "%s%s", db_path, suffix[i]);
            bench_unlink(f);
            snprintf(f, sizeof f, "%s%s", raw_path, suffix[i]);
            bench_unlink(f);
            snprintf(f, sizeof f, "%s%s", floor_path, suffix[i]);
            bench_unlink(f);
        }
        if (rmdir(dir) != 0)
            fprintf(stderr, "bench_intake: cannot remove %s\n", dir);
    } else {
        fprintf(stderr, "bench_intake: kept %s\n", dir);
    }
    return status;
}
