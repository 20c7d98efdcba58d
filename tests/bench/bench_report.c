/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_report.c - the month's dossier report must cost what the month
 * holds, not what the table holds.
 *
 * Times desk_report_dossiers_make() for January 2026 on two office
 * databases of bench_dashboard.c (the same generator and the same cached
 * files, "motcua-bench-dashboard-<N>.db" in $MOTCUA_BENCH_DIR or /tmp):
 * MOTCUA_BENCH_SMALL dossiers (default 100,000) and MOTCUA_BENCH_LARGE
 * (default 1,000,000).  Both hold about the same January (~1,300 dossiers a
 * working day back from 12 Feb 2026), so the large one's time over the
 * small one's should stay near 1.  Each figure is the best of
 * MOTCUA_BENCH_REPEAT runs (default 3) after one warm-up, measured in this
 * run; the population (carried over + received) is printed beside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"
#include "desk.h"
#include "desk_report.h"
#include "store.h"
#include "store_print.h"

#define BENCH_PROG "bench_report"
#include "bench_dashboard_gen.h"

/* best time of `rep` runs of the January report; < 0 on error */
static double time_report(const char *dir, long n, long rep, long long *pop)
{
    char path[4096];
    double gen_secs = 0.0, best = -1.0;
    bool cached = false;
    if (bench_dashboard_db(dir, n, path, sizeof path, &gen_secs, &cached))
        return -1.0;
    mc_desk *d = NULL;
    mc_error err = {0};
    if (desk_open(path, &d, &err) || desk_login(d, ADMIN, PASSWORD, &err)) {
        fail("desk", &err);
        desk_close(d);
        return -1.0;
    }
    for (long i = 0; i <= rep; i++) { /* run 0 warms the page cache */
        desk_report_dossiers r;
        double t0 = bench_now_s();
        if (desk_report_dossiers_make(d, (mc_date){2026, 1, 1},
                                      (mc_date){2026, 1, 31}, &r, &err)) {
            fail("desk_report_dossiers_make", &err);
            best = -1.0;
            break;
        }
        double t = bench_now_s() - t0;
        *pop = (long long)(r.total.carried + r.total.received);
        desk_report_dossiers_free(&r);
        if (i > 0 && (best < 0 || t < best))
            best = t;
    }
    desk_close(d);
    return best;
}

int main(void)
{
    long small = bench_env_long("MOTCUA_BENCH_SMALL", 100000);
    long large = bench_env_long("MOTCUA_BENCH_LARGE", 1000000);
    long rep = bench_env_long("MOTCUA_BENCH_REPEAT", 3);
    const char *dir = getenv("MOTCUA_BENCH_DIR");
    if (!dir || !*dir)
        dir = "/tmp";
    setenv("MOTCUA_NOW", NOW, 1);
    long long pop_s = 0, pop_l = 0;
    double ts = time_report(dir, small, rep, &pop_s);
    if (ts < 0)
        return 1;
    double tl = time_report(dir, large, rep, &pop_l);
    if (tl < 0)
        return 1;
    printf("bench: report_small_n %ld dossiers\n", small);
    printf("bench: report_small_month %.3f s\n", ts);
    printf("bench: report_small_population %lld dossiers\n", pop_s);
    printf("bench: report_large_n %ld dossiers\n", large);
    printf("bench: report_large_month %.3f s\n", tl);
    printf("bench: report_large_population %lld dossiers\n", pop_l);
    printf("bench: report_large_vs_small_ratio %.2f ratio\n",
           ts > 0 ? tl / ts : 0.0);
    return 0;
}
