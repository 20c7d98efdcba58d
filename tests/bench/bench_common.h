/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_common.h - shared by the benchmarks (header-only: every bench_*.c
 * is its own executable).  A seeded RNG, realistic Vietnamese names and
 * identity numbers, monotonic timing and percentiles. */
#ifndef MOTCUA_BENCH_COMMON_H
#define MOTCUA_BENCH_COMMON_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <stdbool.h>

#include "ids.h"
#include "store.h"

/* --- timing ------------------------------------------------------------ */
static inline double bench_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of the process (user + system), for diagnostics only */
static inline double bench_cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of v[0..n) (sorts v in place). */
static inline double bench_percentile(double *v, size_t n, double p)
{
    if (!n)
        return 0.0;
    qsort(v, n, sizeof *v, bench_cmp_double);
    size_t rank = (size_t)(p * (double)n + 0.999999);
    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return v[rank - 1];
}

/* A positive integer from the environment, or dflt. */
static inline long bench_env_long(const char *name, long dflt)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return dflt;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v <= 0) {
        fprintf(stderr, "bench: ignoring %s=%s (not a positive integer)\n",
                name, s);
        return dflt;
    }
    return v;
}

/* --- RNG (splitmix64: deterministic across runs) ----------------------- */
typedef struct bench_rng {
    uint64_t s;
} bench_rng;

static inline uint64_t bench_rand(bench_rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* uniform in [0, n) */
static inline uint32_t bench_below(bench_rng *r, uint32_t n)
{
    return (uint32_t)((bench_rand(r) >> 32) * (uint64_t)n >> 32);
}

/* --- names ----------------------------------------------------------------
 * Family names with their approximate share of the population (per mille):
 * Nguyễn ~38%, Trần 11%, Lê 9.5%, Phạm 7%, Hoàng/Huỳnh 5%, Phan 4.5%,
 * Vũ/Võ 3.9%, Đặng 2.1%, Bùi 2%, Đỗ 1.4%, Hồ 1.3%, Ngô 1.3%, Dương 1%,
 * Lý 0.5%, the rest spread over less common names. */
typedef struct bench_weighted {
    const char *s;
    unsigned w;
} bench_weighted;

static const bench_weighted bench_family[] = {
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95},    {"Phạm", 70},
    {"Hoàng", 30},   {"Huỳnh", 20}, {"Phan", 45},  {"Vũ", 20},
    {"Võ", 19},      {"Đặng", 21},  {"Bùi", 20},   {"Đỗ", 14},
    {"Hồ", 13},      {"Ngô", 13},   {"Dương", 10}, {"Lý", 5},
    {"Đinh", 8},     {"Trương", 8}, {"Lâm", 5},    {"Mai", 5},
    {"Đào", 5},      {"Cao", 5},    {"Lương", 5},  {"Trịnh", 5},
    {"Đoàn", 5},     {"Tạ", 3},     {"Hà", 4},     {"Châu", 3},
    {"Thái", 3},     {"Tô", 3},     {"Lưu", 3},    {"Quách", 2},
    {"Kiều", 2},     {"La", 2},     {"Triệu", 2},  {"Văn", 2},
    {"Tăng", 2},     {"Khổng", 1},  {"Lại", 2},    {"Từ", 2},
    {"Vương", 2},    {"Chu", 2},    {"Khúc", 1},   {"Mạc", 1},
};

static const bench_weighted bench_middle_m[] = {
    {"Văn", 300}, {"Đức", 80},  {"Minh", 80},  {"Hữu", 60},  {"Quang", 50},
    {"Thanh", 40}, {"Công", 40}, {"Xuân", 30}, {"Quốc", 40}, {"Ngọc", 25},
    {"Anh", 20},  {"Tuấn", 20}, {"Đình", 40},  {"Trọng", 25}, {"Bá", 15},
    {"Gia", 20},  {"Hoàng", 20}, {"Mạnh", 15}, {"Thế", 20},  {"Tiến", 15},
};

static const bench_weighted bench_middle_f[] = {
    {"Thị", 450}, {"Ngọc", 60}, {"Thanh", 40}, {"Thu", 40},   {"Minh", 30},
    {"Kim", 30},  {"Mai", 20},  {"Thùy", 25},  {"Bích", 15},  {"Hồng", 20},
    {"Phương", 20}, {"Thảo", 10}, {"Diệu", 10}, {"Khánh", 15}, {"Ánh", 10},
    {"Hoài", 10}, {"Quỳnh", 10}, {"Hải", 10},  {"Bảo", 10},   {"Lan", 10},
};

static const bench_weighted bench_given_m[] = {
    {"Anh", 60},   {"Dũng", 45},  {"Hùng", 45},  {"Tuấn", 45}, {"Minh", 40},
    {"Nam", 35},   {"Hải", 35},   {"Hiếu", 25},  {"Hoàng", 25}, {"Huy", 30},
    {"Khoa", 15},  {"Long", 30},  {"Phong", 20}, {"Phúc", 20}, {"Quân", 20},
    {"Sơn", 30},   {"Thắng", 25}, {"Thành", 30}, {"Trung", 30}, {"Tùng", 25},
    {"Việt", 20},  {"Vinh", 20},  {"Bảo", 15},   {"Cường", 25}, {"Đạt", 25},
    {"Đức", 30},   {"Duy", 20},   {"Hiển", 10},  {"Khải", 10}, {"Kiên", 15},
    {"Lâm", 10},   {"Lộc", 15},   {"Nghĩa", 15}, {"Phát", 10}, {"Quang", 20},
    {"Tài", 15},   {"Tâm", 15},   {"Thịnh", 15}, {"Toàn", 15}, {"Trí", 10},
    {"Tú", 10},    {"Hưng", 25},  {"Hà", 5},     {"Chiến", 10}, {"Bình", 20},
};

static const bench_weighted bench_given_f[] = {
    {"Hường", 30}, {"Hương", 50}, {"Anh", 50},   {"Linh", 50}, {"Hà", 40},
    {"Lan", 40},   {"Phương", 35}, {"Trang", 45}, {"Thảo", 40}, {"Ngọc", 30},
    {"Hạnh", 30},  {"Huyền", 35}, {"Hằng", 35},  {"Mai", 35},  {"Nga", 30},
    {"Nhung", 25}, {"Oanh", 20},  {"Quỳnh", 25}, {"Thủy", 30}, {"Thúy", 25},
    {"Trinh", 15}, {"Uyên", 15},  {"Vân", 25},   {"Yến", 25},  {"Giang", 20},
    {"Hoa", 30},   {"Hiền", 25},  {"Dung", 25},  {"Chi", 20},  {"Diệp", 10},
    {"Hồng", 25},  {"Loan", 20},  {"Ly", 15},    {"My", 15},   {"Nhàn", 10},
    {"Nhi", 15},   {"Tâm", 15},   {"Thu", 20},   {"Tuyết", 15}, {"Xuân", 15},
    {"Bích", 10},  {"Châu", 10},  {"Đào", 10},   {"Hải", 10},  {"Liên", 20},
};

#define BENCH_COUNT(a) (sizeof(a) / sizeof(a)[0])

static inline const char *bench_pick(bench_rng *r, const bench_weighted *t,
                                     size_t n)
{
    unsigned total = 0;
    for (size_t i = 0; i < n; i++)
        total += t[i].w;
    uint32_t x = bench_below(r, total);
    for (size_t i = 0; i < n; i++) {
        if (x < t[i].w)
            return t[i].s;
        x -= t[i].w;
    }
    return t[n - 1].s;
}

typedef struct bench_person {
    char name[128]; /* "Nguyễn Thị Thu Hương" */
    char family[32], middle[32], given[32];
    char cccd[16];  /* 12 digits */
    char phone[16];
    int female;
    int birth_year;
} bench_person;

static inline void bench_copy(char *dst, size_t n, const char *src)
{
    size_t l = strlen(src);
    if (l >= n)
        l = n - 1;
    memcpy(dst, src, l);
    dst[l] = '\0';
}

/* A person: family + one middle name (two for ~15%) + given name; a valid
 * CCCD (province code from the official list, century/gender digit, birth
 * year) and a mobile number. */
static inline void bench_person_make(bench_rng *r, bench_person *p)
{
    p->female = bench_below(r, 2) == 1;
    const char *fam = bench_pick(r, bench_family, BENCH_COUNT(bench_family));
    const char *mid = p->female
                          ? bench_pick(r, bench_middle_f,
                                       BENCH_COUNT(bench_middle_f))
                          : bench_pick(r, bench_middle_m,
                                       BENCH_COUNT(bench_middle_m));
    const char *giv = p->female
                          ? bench_pick(r, bench_given_f,
                                       BENCH_COUNT(bench_given_f))
                          : bench_pick(r, bench_given_m,
                                       BENCH_COUNT(bench_given_m));
    bench_copy(p->family, sizeof p->family, fam);
    bench_copy(p->middle, sizeof p->middle, mid);
    bench_copy(p->given, sizeof p->given, giv);
    if (bench_below(r, 100) < 15) {
        const char *mid2 = p->female
                               ? bench_pick(r, bench_middle_f,
                                            BENCH_COUNT(bench_middle_f))
                               : bench_pick(r, bench_middle_m,
                                            BENCH_COUNT(bench_middle_m));
        if (strcmp(mid2, mid) != 0 && strcmp(mid2, giv) != 0)
            snprintf(p->name, sizeof p->name, "%s %s %s %s", fam, mid, mid2,
                     giv);
        else
            snprintf(p->name, sizeof p->name, "%s %s %s", fam, mid, giv);
    } else {
        snprintf(p->name, sizeof p->name, "%s %s %s", fam, mid, giv);
    }
    p->birth_year = 1950 + (int)bench_below(r, 57); /* 1950..2006 */
    size_t np = id_province_count();
    const char *prov = id_province_at(bench_below(r, (uint32_t)np), NULL);
    if (!prov)
        prov = "001";
    int century = p->birth_year >= 2000 ? 2 : 0;
    snprintf(p->cccd, sizeof p->cccd, "%.3s%d%02d%06u", prov,
             century + p->female, p->birth_year % 100,
             (unsigned)bench_below(r, 1000000));
    static const char *const pfx[] = {"090", "091", "093", "094", "096",
                                      "097", "098", "086", "088", "032"};
    snprintf(p->phone, sizeof p->phone, "%s%07u",
             pfx[bench_below(r, (uint32_t)BENCH_COUNT(pfx))],
             (unsigned)bench_below(r, 10000000));
}

/* Remove a file if it exists; complain about anything but "missing". */
static inline void bench_unlink(const char *path)
{
    if (remove(path) != 0 && errno != ENOENT)
        fprintf(stderr, "bench: cannot remove %s: %s\n", path,
                strerror(errno));
}

/* A database file and its WAL, shared-memory and journal companions. */
static inline void bench_remove_db(const char *path)
{
    const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char f[4300];
    for (size_t i = 0; i < 4; i++) {
        snprintf(f, sizeof f, "%s%s", path, suffix[i]);
        bench_unlink(f);
    }
}

/* A cached generated database is good when its meta says it finished
 * generating exactly n dossiers; *secs gets the generation time. */
static inline bool bench_cache_ok(const char *path, long n,
                                  const char *done_key, const char *secs_key,
                                  double *secs)
{
    if (access(path, F_OK) != 0)
        return false;
    mc_store *s = NULL;
    mc_error err = {0};
    char *v = NULL, *t = NULL;
    bool ok = false;
    if (store_open(path, false, &s, &err) == MC_OK &&
        store_meta_get(s, done_key, &v, &err) == MC_OK && v &&
        store_meta_get(s, secs_key, &t, &err) == MC_OK) {
        char *end;
        long got = strtol(v, &end, 10);
        ok = *end == '\0' && got == n;
        *secs = t ? strtod(t, NULL) : 0.0;
    }
    free(v);
    free(t);
    store_close(s);
    return ok;
}

#endif
