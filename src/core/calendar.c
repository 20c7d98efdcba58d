/* SPDX-License-Identifier: GPL-3.0-or-later */
/* calendar.c - working days (DOMAIN.md section 5).
 *
 * The data model: each year is computed once into a table of 365/366 day
 * kinds and names, built from three layers:
 *   1. the week (Saturday and Sunday off);
 *   2. the statutory holidays of Labour Code 2019 Art. 112 - 1/1, five Tết
 *      days, Giỗ Tổ Hùng Vương (10/3 lunar), 30/4, 1/5, 2/9 and one day next
 *      to it - plus, by Art. 111(3), a compensatory day on the next working
 *      day for each of them that falls on a weekend.  Which five Tết days
 *      and which day next to 2/9 are the Prime Minister's choice each year;
 *      without an announcement we guess the usual pattern: the last day of
 *      the lunar year and mùng 1-4; 3/9 when 2/9 is a Monday or Thursday
 *      (bridging to the weekend), else 1/9;
 *   3. overrides: the announced schedule (cal_load_tsv) and an admin's days
 *      (cal_set_day).  A year with an announced schedule drops layer 2's
 *      weekday guesses entirely, so an announced Tết replaces the guessed
 *      one instead of adding to it.
 * Tables are rebuilt lazily when an override touches their year, so
 * cal_add_workdays costs a table lookup per day.  The cache lives behind a
 * pointer, so lookups work on a const calendar; a calendar must not be
 * shared between threads.
 */
#include "calendar.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lunar.h"

#define CAL_MAX_YEAR 9999

/* X(id, name) - the statutory holidays; the compensatory day for each is
 * named "Nghỉ bù " + name. */
#define CAL_HOLIDAY_LIST(X)                                                    \
    X(H_NEW_YEAR, "Tết Dương lịch")                                            \
    X(H_TET_EVE, "Tết Nguyên đán (ngày cuối năm Âm lịch)")                     \
    X(H_TET_1, "Tết Nguyên đán (mùng 1)")                                      \
    X(H_TET_2, "Tết Nguyên đán (mùng 2)")                                      \
    X(H_TET_3, "Tết Nguyên đán (mùng 3)")                                      \
    X(H_TET_4, "Tết Nguyên đán (mùng 4)")                                      \
    X(H_HUNG_KINGS, "Giỗ Tổ Hùng Vương (10/3 Âm lịch)")                        \
    X(H_REUNIFICATION, "Ngày Chiến thắng (30/4)")                              \
    X(H_LABOUR, "Ngày Quốc tế Lao động (1/5)")                                 \
    X(H_NATIONAL, "Quốc khánh (2/9)")                                          \
    X(H_NATIONAL_ADJ, "Quốc khánh (ngày liền kề 2/9)")

enum holiday_id {
#define X(id, name) id,
    CAL_HOLIDAY_LIST(X)
#undef X
        H_COUNT
};

static const char *const holiday_name[H_COUNT] = {
#define X(id, name) name,
    CAL_HOLIDAY_LIST(X)
#undef X
};

static const char *const comp_name[H_COUNT] = {
#define X(id, name) "Nghỉ bù " name,
    CAL_HOLIDAY_LIST(X)
#undef X
};

struct override {
    int64_t day;
    bool working;
    char *name;
};

struct year_info {
    int64_t first; /* day number of 1 January */
    int ndays;
    uint8_t kind[366];
    const char *name[366];
};

struct mc_calendar {
    struct override *ov;
    size_t n, cap;
    uint8_t announced[(CAL_MAX_YEAR + 8) / 8];
    /* years[y] is the table of year y, built on demand; NULL = not yet */
    struct year_info **years;
};

mc_calendar *cal_new(void)
{
    mc_calendar *cal = mc_xcalloc(1, sizeof(mc_calendar));
    cal->years = mc_xcalloc(CAL_MAX_YEAR + 1, sizeof *cal->years);
    return cal;
}

void cal_free(mc_calendar *cal)
{
    if (!cal)
        return;
    for (size_t i = 0; i < cal->n; i++)
        free(cal->ov[i].name);
    free(cal->ov);
    for (int y = 0; y <= CAL_MAX_YEAR; y++)
        free(cal->years[y]);
    free(cal->years);
    free(cal);
}

static void invalidate(mc_calendar *cal, int year)
{
    if (year >= 0 && year <= CAL_MAX_YEAR) {
        free(cal->years[year]);
        cal->years[year] = NULL;
    }
}

void cal_mark_announced(mc_calendar *cal, int year)
{
    if (year < 1 || year > CAL_MAX_YEAR)
        return;
    cal->announced[year / 8] |= (uint8_t)(1u << (year % 8));
    invalidate(cal, year);
}

bool cal_year_announced(const mc_calendar *cal, int year)
{
    if (year < 1 || year > CAL_MAX_YEAR)
        return false;
    return (cal->announced[year / 8] >> (year % 8)) & 1u;
}

void cal_set_day(mc_calendar *cal, mc_date day, bool working, const char *name)
{
    if (!mc_date_valid(day))
        return;
    int64_t k = mc_date_to_days(day);
    struct override *o = NULL;
    for (size_t i = 0; i < cal->n; i++)
        if (cal->ov[i].day == k)
            o = &cal->ov[i];
    if (!o) {
        if (cal->n == cal->cap) {
            cal->cap = cal->cap ? cal->cap * 2 : 32;
            cal->ov = mc_xrealloc(cal->ov, cal->cap * sizeof *cal->ov);
        }
        o = &cal->ov[cal->n++];
        o->name = NULL;
    }
    o->day = k;
    o->working = working;
    free(o->name);
    o->name = name && *name ? mc_xstrdup(name) : NULL;
    invalidate(cal, day.y);
}

mc_status cal_load_tsv(mc_calendar *cal, const char *path, mc_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return mc_fail(err, MC_EIO, "calendar", _("Không mở được %s: %s"),
                       path, strerror(errno));
    char line[4096];
    int lineno = 0;
    mc_status rc = MC_OK;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strcspn(line, "\r\n");
        if (line[len] == '\0' && !feof(f)) {
            rc = mc_fail(err, MC_ELIMIT, "calendar",
                         _("%s:%d: dòng dài quá %zu byte"), path, lineno,
                         sizeof line - 2);
            break;
        }
        line[len] = '\0';
        if (lineno == 1 || line[0] == '\0' || line[0] == '#')
            continue;
        char *tab1 = strchr(line, '\t');
        if (!tab1) {
            rc = mc_fail(err, MC_EINVAL, "calendar",
                         _("%s:%d: thiếu cột \"kind\""), path, lineno);
            break;
        }
        *tab1 = '\0';
        char *kind = tab1 + 1;
        char *tab2 = strchr(kind, '\t');
        char *note = NULL;
        if (tab2) {
            *tab2 = '\0';
            note = tab2 + 1;
            char *tab3 = strchr(note, '\t');
            if (tab3)
                *tab3 = '\0';
        }
        mc_date d;
        if (!mc_date_parse(line, &d)) {
            rc = mc_fail(err, MC_EINVAL, "calendar",
                         _("%s:%d: ngày \"%s\" không đúng dạng YYYY-MM-DD"),
                         path, lineno, line);
            break;
        }
        bool working;
        if (strcmp(kind, "off") == 0)
            working = false;
        else if (strcmp(kind, "workday") == 0)
            working = true;
        else {
            rc = mc_fail(err, MC_EINVAL, "calendar",
                         _("%s:%d: loại ngày \"%s\" phải là off hoặc workday"),
                         path, lineno, kind);
            break;
        }
        cal_mark_announced(cal, d.y);
        cal_set_day(cal, d, working, note);
    }
    fclose(f);
    return rc;
}

struct holiday {
    int64_t day;
    int id;
};

static int holiday_cmp(const void *a, const void *b)
{
    const struct holiday *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return x->id - y->id;
}

static bool is_weekend_day(int64_t k)
{
    int64_t w = (k + 4) % 7; /* 1970-01-01 was a Thursday */
    if (w < 0)
        w += 7;
    return w == 0 || w == 6;
}

/* The statutory holidays of year y, unsorted; returns the count. */
static size_t statutory(int y, struct holiday out[16])
{
    size_t n = 0;
#define ADD(dd, hid) (out[n++] = (struct holiday){(dd), (hid)})
    ADD(mc_date_to_days((mc_date){y, 1, 1}), H_NEW_YEAR);
    mc_date tet, gio;
    if (lunar_to_solar((lunar_date){1, 1, y, false}, &tet)) {
        int64_t t = mc_date_to_days(tet);
        ADD(t - 1, H_TET_EVE);
        for (int i = 0; i < 4; i++)
            ADD(t + i, H_TET_1 + i);
    }
    if (lunar_to_solar((lunar_date){10, 3, y, false}, &gio))
        ADD(mc_date_to_days(gio), H_HUNG_KINGS);
    ADD(mc_date_to_days((mc_date){y, 4, 30}), H_REUNIFICATION);
    ADD(mc_date_to_days((mc_date){y, 5, 1}), H_LABOUR);
    mc_date nat = {y, 9, 2};
    int64_t k = mc_date_to_days(nat);
    ADD(k, H_NATIONAL);
    int wd = mc_date_weekday(nat);
    ADD(wd == 1 || wd == 4 ? k + 1 : k - 1, H_NATIONAL_ADJ);
#undef ADD
    return n;
}

static void build_year(const mc_calendar *cal, int y, struct year_info *yi)
{
    yi->first = mc_date_to_days((mc_date){y, 1, 1});
    yi->ndays = (int)(mc_date_to_days((mc_date){y + 1, 1, 1}) - yi->first);
    if (y == CAL_MAX_YEAR)
        yi->ndays = 365;
    for (int i = 0; i < yi->ndays; i++) {
        yi->kind[i] = is_weekend_day(yi->first + i) ? CAL_DAY_WEEKEND
                                                    : CAL_DAY_WORK;
        yi->name[i] = NULL;
    }
    bool announced = cal_year_announced(cal, y);
    struct holiday h[16];
    size_t nh = statutory(y, h);
    qsort(h, nh, sizeof h[0], holiday_cmp);
    for (size_t i = 0; i < nh; i++) {
        int64_t idx = h[i].day - yi->first;
        if (idx < 0 || idx >= yi->ndays)
            continue;
        bool weekend = is_weekend_day(h[i].day);
        if (announced && !weekend)
            continue;
        /* an announced Tết may be 1+4 or 2+3 days around the new year; only
         * the last day of the year and mùng 1-3 are in both, so only they
         * (and the fixed-date holidays) still count when on a weekend */
        if (announced && (h[i].id == H_TET_4 || h[i].id == H_NATIONAL_ADJ))
            continue;
        if (yi->kind[idx] == CAL_DAY_HOLIDAY)
            continue; /* two holidays on one day: the first names it */
        yi->kind[idx] = CAL_DAY_HOLIDAY;
        yi->name[idx] = holiday_name[h[i].id];
    }
    if (!announced) {
        /* Art. 111(3): a holiday on the weekly rest day gives the next
         * working day off; several in a row push each other along. */
        for (size_t i = 0; i < nh; i++) {
            if (!is_weekend_day(h[i].day))
                continue;
            int64_t idx = h[i].day - yi->first + 1;
            while (idx < yi->ndays && (yi->kind[idx] == CAL_DAY_WEEKEND ||
                                       yi->kind[idx] == CAL_DAY_HOLIDAY))
                idx++;
            if (idx < 0 || idx >= yi->ndays)
                continue;
            yi->kind[idx] = CAL_DAY_HOLIDAY;
            yi->name[idx] = comp_name[h[i].id];
        }
    }
    for (size_t i = 0; i < cal->n; i++) {
        const struct override *o = &cal->ov[i];
        int64_t idx = o->day - yi->first;
        if (idx < 0 || idx >= yi->ndays)
            continue;
        bool weekend = is_weekend_day(o->day);
        if (o->working) {
            yi->kind[idx] = weekend ? CAL_DAY_MAKEUP_WORK : CAL_DAY_WORK;
            yi->name[idx] = o->name;
        } else if (!weekend) {
            yi->kind[idx] = CAL_DAY_HOLIDAY;
            yi->name[idx] = o->name ? o->name : _("Ngày nghỉ");
        } else if (yi->kind[idx] != CAL_DAY_HOLIDAY) {
            /* a weekend day declared off stays a weekend day */
            yi->kind[idx] = CAL_DAY_WEEKEND;
            yi->name[idx] = o->name;
        }
    }
}

static const struct year_info *year_of(const mc_calendar *cal, int y)
{
    if (y < 1 || y > CAL_MAX_YEAR)
        return NULL;
    if (!cal->years[y]) {
        struct year_info *yi = mc_xmalloc(sizeof *yi);
        build_year(cal, y, yi);
        cal->years[y] = yi;
    }
    return cal->years[y];
}

/* A cursor over consecutive days that keeps its year table at hand. */
struct cursor {
    const mc_calendar *cal;
    const struct year_info *yi;
    int year;
};

static bool cursor_at(struct cursor *c, int64_t k, mc_cal_day_kind *kind,
                      const char **name)
{
    if (!c->yi || k < c->yi->first || k >= c->yi->first + c->yi->ndays) {
        mc_date d = mc_date_from_days(k);
        c->yi = year_of(c->cal, d.y);
        c->year = d.y;
        if (!c->yi)
            return false;
    }
    int64_t idx = k - c->yi->first;
    *kind = (mc_cal_day_kind)c->yi->kind[idx];
    if (name)
        *name = c->yi->name[idx];
    return true;
}

mc_cal_day_kind cal_day_kind(const mc_calendar *cal, mc_date day,
                             const char **name)
{
    struct cursor c = {cal, NULL, 0};
    mc_cal_day_kind kind;
    if (name)
        *name = NULL;
    if (!mc_date_valid(day) ||
        !cursor_at(&c, mc_date_to_days(day), &kind, name))
        return mc_date_weekday(day) % 6 == 0 ? CAL_DAY_WEEKEND : CAL_DAY_WORK;
    return kind;
}

bool cal_is_workday(const mc_calendar *cal, mc_date day)
{
    mc_cal_day_kind k = cal_day_kind(cal, day, NULL);
    return k == CAL_DAY_WORK || k == CAL_DAY_MAKEUP_WORK;
}

bool cal_is_holiday(const mc_calendar *cal, mc_date day)
{
    return cal_day_kind(cal, day, NULL) == CAL_DAY_HOLIDAY;
}

/* Step forward from start, counting days accepted by `want`; stops at the
 * end of year CAL_MAX_YEAR. */
static mc_date step(const mc_calendar *cal, mc_date start, int n,
                    bool (*want)(mc_cal_day_kind))
{
    struct cursor c = {cal, NULL, 0};
    int64_t k = mc_date_to_days(start);
    while (n > 0) {
        mc_cal_day_kind kind;
        if (!cursor_at(&c, k + 1, &kind, NULL))
            break;
        k++;
        if (want(kind))
            n--;
    }
    return mc_date_from_days(k);
}

static bool is_work_kind(mc_cal_day_kind k)
{
    return k == CAL_DAY_WORK || k == CAL_DAY_MAKEUP_WORK;
}

static bool is_not_holiday_kind(mc_cal_day_kind k)
{
    return k != CAL_DAY_HOLIDAY;
}

mc_date cal_add_workdays(const mc_calendar *cal, mc_date start, int n)
{
    return step(cal, start, n, is_work_kind);
}

mc_date cal_add_days_excluding_holidays(const mc_calendar *cal, mc_date start,
                                        int n)
{
    return step(cal, start, n, is_not_holiday_kind);
}

mc_date cal_add(const mc_calendar *cal, mc_date start, int n, mc_cal_unit unit)
{
    return unit == CAL_UNIT_DAYS_EXCL_HOLIDAYS
               ? cal_add_days_excluding_holidays(cal, start, n)
               : cal_add_workdays(cal, start, n);
}

int cal_workdays_between(const mc_calendar *cal, mc_date a, mc_date b)
{
    struct cursor c = {cal, NULL, 0};
    int64_t ka = mc_date_to_days(a), kb = mc_date_to_days(b);
    int n = 0;
    for (int64_t k = ka + 1; k <= kb; k++) {
        mc_cal_day_kind kind;
        if (!cursor_at(&c, k, &kind, NULL))
            break;
        if (is_work_kind(kind))
            n++;
    }
    return n;
}

size_t cal_list_year(const mc_calendar *cal, int year, cal_entry *out,
                     size_t max)
{
    const struct year_info *yi = year_of(cal, year);
    if (!yi)
        return 0;
    size_t n = 0;
    for (int i = 0; i < yi->ndays; i++) {
        int64_t k = yi->first + i;
        bool weekend = is_weekend_day(k);
        mc_cal_day_kind kind = (mc_cal_day_kind)yi->kind[i];
        if ((kind == CAL_DAY_HOLIDAY && !weekend) ||
            kind == CAL_DAY_MAKEUP_WORK) {
            if (n < max)
                out[n] = (cal_entry){mc_date_from_days(k), kind, yi->name[i]};
            n++;
        }
    }
    return n;
}
