/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_tui.c - the counter TUI as a clerk feels it, through a real
 * pseudo-terminal (80x24, C.UTF-8):
 *   - start-up: exec of `motcua` to the login screen on the wire
 *     (median and p90 over MOTCUA_BENCH_STARTS runs, default 20);
 *   - login to the home screen (the day's figures are computed there);
 *   - search as you type on the bench_search database (1,000,000 dossiers
 *     by default, MOTCUA_BENCH_N): for each key, the time from writing the
 *     key to the first byte of the redrawn screen (the search runs before
 *     the redraw), p50/p99 over every key of the query list;
 *   - resident memory of the TUI after the searches (VmRSS, VmHWM).
 * The database is the one bench_search caches ($MOTCUA_BENCH_DIR or /tmp,
 * motcua-bench-search-<N>.db); when it is missing, bench_search (next to
 * this program) is run first to make it.  Only reads it: the cache stays
 * valid.  MOTCUA names the binary (default: ../../motcua from here).
 * Prints "bench: NAME VALUE UNIT" lines.  Measure a build without
 * sanitizers: they multiply start-up and memory. */
#define _GNU_SOURCE 1 /* posix_openpt, ptsname, memmem */
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "bench_common.h"

#define ADMIN "bench.admin"
#define PASSWORD "bench-password-2026"

typedef struct tui {
    pid_t pid;
    int fd;
    char buf[1 << 16]; /* the tail of the output, for matching */
    size_t n;
} tui;

static char motcua[PATH_MAX + 32], db[PATH_MAX], forms[PATH_MAX];

static void tui_spawn(tui *t)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) || unlockpt(m)) {
        perror("bench_tui: pty");
        exit(1);
    }
    char *slave = ptsname(m);
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    t->n = 0;
    t->fd = m;
    t->pid = fork();
    if (t->pid == 0) {
        setsid();
        int s = open(slave, O_RDWR);
        ioctl(s, TIOCSCTTY, 0);
        ioctl(s, TIOCSWINSZ, &ws);
        dup2(s, 0);
        dup2(s, 1);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        close(m);
        char e_db[PATH_MAX + 16], e_forms[PATH_MAX + 32];
        snprintf(e_db, sizeof e_db, "MOTCUA_DB=%s", db);
        snprintf(e_forms, sizeof e_forms, "MOTCUA_FORMS_DIR=%s", forms);
        char *envp[] = {"LC_ALL=C.UTF-8", "TERM=xterm-256color", "HOME=/tmp",
                        "XDG_CONFIG_HOME=/nonexistent", e_db, e_forms,
                        "PATH=/usr/bin:/bin", NULL};
        char *argv[] = {motcua, NULL};
        execve(motcua, argv, envp);
        _exit(127);
    }
}

/* Read what is there within ms milliseconds; returns bytes read. */
static ssize_t tui_read(tui *t, int ms)
{
    struct pollfd p = {t->fd, POLLIN, 0};
    if (poll(&p, 1, ms) <= 0)
        return 0;
    char tmp[8192];
    ssize_t r = read(t->fd, tmp, sizeof tmp);
    if (r <= 0)
        return 0;
    if (t->n + (size_t)r > sizeof t->buf) {
        /* keep the newest half */
        size_t keep = sizeof t->buf / 2;
        memmove(t->buf, t->buf + t->n - keep, keep);
        t->n = keep;
    }
    memcpy(t->buf + t->n, tmp, (size_t)r);
    t->n += (size_t)r;
    return r;
}

static bool seen(const tui *t, const char *s)
{
    return memmem(t->buf, t->n, s, strlen(s)) != NULL;
}

/* Wait until s shows in the output (timeout in seconds). */
static bool tui_wait(tui *t, const char *s, double timeout)
{
    double end = bench_now_s() + timeout;
    while (!seen(t, s)) {
        if (bench_now_s() > end)
            return false;
        tui_read(t, 50);
    }
    return true;
}

/* Read until the output has been quiet for ms milliseconds. */
static void tui_drain(tui *t, int ms)
{
    while (tui_read(t, ms) > 0)
        ;
}

static void tui_send(tui *t, const char *s)
{
    ssize_t w = write(t->fd, s, strlen(s));
    (void)w;
}

static void tui_kill(tui *t)
{
    kill(t->pid, SIGTERM);
    double end = bench_now_s() + 5;
    int st;
    while (waitpid(t->pid, &st, WNOHANG) == 0) {
        tui_read(t, 10);
        if (bench_now_s() > end) {
            kill(t->pid, SIGKILL);
            waitpid(t->pid, &st, 0);
            break;
        }
    }
    close(t->fd);
}

static long proc_kb(pid_t pid, const char *key)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long v = -1;
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, strlen(key)) == 0)
            v = strtol(line + strlen(key) + 1, NULL, 10);
    fclose(f);
    return v;
}

static void self_dir(char *out, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", out, size - 1);
    if (n < 0)
        n = 0;
    out[n] = '\0';
    char *slash = strrchr(out, '/');
    if (slash)
        *slash = '\0';
}

static int ensure_db(const char *dir, long n)
{
    struct stat st;
    if (stat(db, &st) == 0)
        return 0;
    fprintf(stderr, "bench_tui: %s missing; running bench_search to make it\n",
            db);
    char prog[PATH_MAX + 16];
    snprintf(prog, sizeof prog, "%s/bench_search", dir);
    pid_t p = fork();
    if (p == 0) {
        char nv[32];
        snprintf(nv, sizeof nv, "%ld", n);
        setenv("MOTCUA_BENCH_N", nv, 1);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        execl(prog, prog, (char *)NULL);
        _exit(127);
    }
    int stt;
    waitpid(p, &stt, 0);
    return stat(db, &st) == 0 ? 0 : 1;
}

int main(void)
{
    char here[PATH_MAX];
    self_dir(here, sizeof here);
    const char *m = getenv("MOTCUA");
    if (m && *m)
        snprintf(motcua, sizeof motcua, "%s", m);
    else
        snprintf(motcua, sizeof motcua, "%s/../../motcua", here);
    const char *fd = getenv("MOTCUA_FORMS_DIR");
    snprintf(forms, sizeof forms, "%s", fd && *fd ? fd : MOTCUA_FORMS_DIR);
    long n = bench_env_long("MOTCUA_BENCH_N", 1000000);
    const char *dir = getenv("MOTCUA_BENCH_DIR");
    snprintf(db, sizeof db, "%s/motcua-bench-search-%ld.db",
             dir && *dir ? dir : "/tmp", n);
    if (ensure_db(here, n)) {
        fprintf(stderr, "bench_tui: no database %s\n", db);
        return 1;
    }
    printf("bench: tui_db_dossiers %ld count\n", n);

    /* start-up to the login screen */
    long starts = bench_env_long("MOTCUA_BENCH_STARTS", 20);
    double *st = calloc((size_t)starts, sizeof *st);
    for (long i = 0; i < starts; i++) {
        tui t;
        double t0 = bench_now_s();
        tui_spawn(&t);
        if (!tui_wait(&t, "Đăng nhập", 10)) {
            fprintf(stderr, "bench_tui: no login screen\n");
            tui_kill(&t);
            return 1;
        }
        st[i] = (bench_now_s() - t0) * 1000;
        tui_kill(&t);
    }
    printf("bench: tui_startup_p50 %.1f ms\n", bench_percentile(st, (size_t)starts, 0.50));
    printf("bench: tui_startup_p90 %.1f ms\n", bench_percentile(st, (size_t)starts, 0.90));
    free(st);

    /* log in, then search as you type */
    tui t;
    tui_spawn(&t);
    tui_wait(&t, "Đăng nhập", 10);
    tui_drain(&t, 50);
    tui_send(&t, ADMIN "\r");
    tui_drain(&t, 50);
    t.n = 0;
    double t0 = bench_now_s();
    tui_send(&t, PASSWORD "\r");
    if (!tui_wait(&t, "Hôm nay", 120)) {
        fprintf(stderr, "bench_tui: login failed\n");
        tui_kill(&t);
        return 1;
    }
    printf("bench: tui_login_to_home %.1f ms\n", (bench_now_s() - t0) * 1000);
    /* the day's figures are computed after the screen is up (idle work):
     * a key sent now is served once they are done */
    tui_drain(&t, 20);
    tui_send(&t, "\033OR"); /* F3 */
    tui_wait(&t, "Tìm hồ sơ", 120);
    printf("bench: tui_login_to_usable %.1f ms\n", (bench_now_s() - t0) * 1000);
    tui_drain(&t, 50);
    static const char *const queries[] = {
        "nguyen thi huong", "tran van hung",  "le thi lan",
        "pham minh duc",    "hoang van nam",  "vu thi thu trang",
        "dang quoc viet",   "bui thi hoa",    "do van long",
        "ngo thi mai",      "038196001234",   "001090012345",
    };
    size_t nq = sizeof queries / sizeof *queries;
    /* per key: echo = first byte of output (the typed key on screen);
     * update = the last byte before 10 ms of quiet (the results drawn) */
    double echo[4096], upd[4096];
    size_t nl = 0;
    double worst = 0;
    for (size_t q = 0; q < nq; q++) {
        for (const char *p = queries[q]; *p && nl < 4096; p++) {
            char key[2] = {*p, 0};
            t.n = 0;
            double k0 = bench_now_s();
            tui_send(&t, key);
            if (tui_read(&t, 20000) <= 0) {
                fprintf(stderr, "bench_tui: no redraw after a key\n");
                break;
            }
            double e = (bench_now_s() - k0) * 1000, last = e;
            while (tui_read(&t, 10) > 0)
                last = (bench_now_s() - k0) * 1000;
            echo[nl] = e;
            upd[nl++] = last;
            if (last > worst)
                worst = last;
            if (getenv("MOTCUA_BENCH_VERBOSE") && last > 30)
                fprintf(stderr, "bench_tui: slow key: \"%.*s\" %.1f ms\n",
                        (int)(p - queries[q] + 1), queries[q], last);
            usleep(20000);
        }
        tui_send(&t, "\025"); /* ^U: clear the box */
        tui_drain(&t, 30);
    }
    long rss = proc_kb(t.pid, "VmRSS:"), hwm = proc_kb(t.pid, "VmHWM:");
    printf("bench: tui_search_keys %zu count\n", nl);
    printf("bench: tui_key_echo_p99 %.2f ms\n", bench_percentile(echo, nl, 0.99));
    printf("bench: tui_search_update_p50 %.2f ms\n", bench_percentile(upd, nl, 0.50));
    printf("bench: tui_search_update_p99 %.2f ms\n", bench_percentile(upd, nl, 0.99));
    printf("bench: tui_search_update_max %.2f ms\n", worst);
    printf("bench: tui_rss %.1f MB\n", (double)rss / 1024.0);
    printf("bench: tui_rss_peak %.1f MB\n", (double)hwm / 1024.0);
    tui_kill(&t);
    return 0;
}
