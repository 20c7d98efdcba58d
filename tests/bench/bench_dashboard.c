/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_dashboard.c - the supervisor dashboard's refresh on a large office
 * database (goal: < 50 ms per refresh, it runs every second on several
 * screens at once), and the monthly dossier report for scale.
 *
 * Generates N dossiers (default 1,000,000; MOTCUA_BENCH_N) the way
 * bench_search.c does - through the store API (code issue, dossier row,
 * the same triggers desk_intake fires) in transactions of 10,000, about
 * 1,300 a working day back from 12 Feb 2026 - and, unlike bench_search,
 * each dossier's history (intake, hand-over, done, return), because the
 * dashboard's on-time rate reads when dossiers became done.  Today
 * (13 Feb 2026, the clock is pinned at 10:30) gets 600 fresh dossiers, 400
 * queue tickets over four groups and eight counters, 5,000 unsent outbox
 * events and some failed prints.  The file is cached ($MOTCUA_BENCH_DIR or
 * /tmp, "motcua-bench-dashboard-<N>.db") and reused when complete.
 *
 * Then times desk_dashboard_get() (MOTCUA_BENCH_REFRESHES, default 300)
 * and desk_report_dossiers_make() for January 2026, and prints
 * "bench: NAME VALUE UNIT" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_common.h"
#include "desk.h"
#include "desk_report.h"
#include "store.h"
#include "store_print.h"

#define BENCH_PROG "bench_dashboard"
#include "bench_dashboard_gen.h"

int main(void)
{
    long n = bench_env_long("MOTCUA_BENCH_N", 1000000);
    long nr = bench_env_long("MOTCUA_BENCH_REFRESHES", 300);
    const char *dir = getenv("MOTCUA_BENCH_DIR");
    if (!dir || !*dir)
        dir = "/tmp";
    setenv("MOTCUA_NOW", NOW, 1);
    char path[4096];
    int status = 1;
    double gen_secs = 0.0, *lat = NULL;
    mc_desk *d = NULL;
    mc_error err = {0};
    bool cached = false;
    if (bench_dashboard_db(dir, n, path, sizeof path, &gen_secs, &cached))
        return 1;
    struct stat stt;
    printf("bench: dashboard_n %ld dossiers\n", n);
    printf("bench: dashboard_gen_time %.1f s\n", gen_secs);
    printf("bench: dashboard_gen_cached %d bool\n", cached ? 1 : 0);
    printf("bench: dashboard_db_size %.1f MiB\n",
           stat(path, &stt) == 0 ? (double)stt.st_size / 1048576.0 : 0.0);
    fflush(stdout);

    /* a supervisor's screen: read-only, no sign-in */
    if (desk_open(path, &d, &err)) {
        status = fail("desk_open", &err);
        goto out;
    }
    desk_dashboard db;
    for (int i = 0; i < 10; i++) { /* warm-up */
        if (desk_dashboard_get(d, &db, &err)) {
            status = fail("desk_dashboard_get", &err);
            goto out;
        }
        desk_dashboard_free(&db);
    }
    lat = mc_xcalloc((size_t)nr, sizeof *lat);
    for (long i = 0; i < nr; i++) {
        double t0 = bench_now_s();
        mc_status rc = desk_dashboard_get(d, &db, &err);
        lat[i] = (bench_now_s() - t0) * 1e3;
        if (rc) {
            status = fail("desk_dashboard_get", &err);
            goto out;
        }
        if (i == 0)
            fprintf(stderr,
                    "bench_dashboard: today %lld received, %lld due, %lld "
                    "overdue, month %lld/%lld on time, %lld unsent, %lld "
                    "failed prints, %d waiting, %zu counters\n",
                    (long long)db.received_today, (long long)db.due_today,
                    (long long)db.overdue, (long long)db.resolved_month_on_time,
                    (long long)db.resolved_month, (long long)db.outbox_pending,
                    (long long)db.prints_failed_today, db.queue.waiting_total,
                    db.queue.n_counters);
        desk_dashboard_free(&db);
    }
    printf("bench: dashboard_refreshes %ld refreshes\n", nr);
    printf("bench: dashboard_refresh_p50 %.3f ms\n",
           bench_percentile(lat, (size_t)nr, 0.50));
    printf("bench: dashboard_refresh_p99 %.3f ms\n",
           bench_percentile(lat, (size_t)nr, 0.99));
    printf("bench: dashboard_refresh_max %.3f ms\n", lat[nr - 1]);
    printf("bench: dashboard_goal_met %d bool\n",
           bench_percentile(lat, (size_t)nr, 0.99) < 50.0 ? 1 : 0);
    fflush(stdout);

    /* the monthly report (a supervisor's occasional request) */
    if (desk_login(d, ADMIN, PASSWORD, &err)) {
        status = fail("desk_login", &err);
        goto out;
    }
    desk_report_dossiers rep;
    double t0 = bench_now_s();
    if (desk_report_dossiers_make(d, (mc_date){2026, 1, 1},
                                  (mc_date){2026, 1, 31}, &rep, &err)) {
        status = fail("desk_report_dossiers_make", &err);
        goto out;
    }
    printf("bench: report_dossiers_month %.3f s\n", bench_now_s() - t0);
    printf("bench: report_dossiers_month_population %lld dossiers\n",
           (long long)(rep.total.carried + rep.total.received));
    desk_report_dossiers_free(&rep);
    status = 0;
out:
    free(lat);
    desk_close(d);
    return status;
}
