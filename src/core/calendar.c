/* calendar.c - working days.  This first version knows the week and the
 * day overrides; the statutory holidays (solar and lunar) arrive with the
 * Vietnamese-rules work behind the same interface. */
#include "calendar.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct override {
    int64_t day;
    bool working;
    char *name;
};

struct mc_calendar {
    struct override *ov;
    size_t n, cap;
};

mc_calendar *cal_new(void)
{
    return mc_xcalloc(1, sizeof(mc_calendar));
}

void cal_free(mc_calendar *cal)
{
    if (!cal)
        return;
    for (size_t i = 0; i < cal->n; i++)
        free(cal->ov[i].name);
    free(cal->ov);
    free(cal);
}

static struct override *find(const mc_calendar *cal, int64_t day)
{
    for (size_t i = 0; i < cal->n; i++)
        if (cal->ov[i].day == day)
            return &cal->ov[i];
    return NULL;
}

void cal_set_day(mc_calendar *cal, mc_date day, bool working, const char *name)
{
    int64_t k = mc_date_to_days(day);
    struct override *o = find(cal, k);
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
    o->name = name ? mc_xstrdup(name) : NULL;
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
        line[strcspn(line, "\r\n")] = '\0';
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
        cal_set_day(cal, d, working, note);
    }
    fclose(f);
    return rc;
}

mc_cal_day_kind cal_day_kind(const mc_calendar *cal, mc_date day,
                             const char **name)
{
    int wd = mc_date_weekday(day);
    bool weekend = wd == 0 || wd == 6;
    const struct override *o = find(cal, mc_date_to_days(day));
    if (name)
        *name = o ? o->name : NULL;
    if (o) {
        if (o->working)
            return weekend ? CAL_DAY_MAKEUP_WORK : CAL_DAY_WORK;
        return weekend ? CAL_DAY_WEEKEND : CAL_DAY_HOLIDAY;
    }
    return weekend ? CAL_DAY_WEEKEND : CAL_DAY_WORK;
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

mc_date cal_add_workdays(const mc_calendar *cal, mc_date start, int n)
{
    mc_date d = start;
    while (n > 0) {
        d = mc_date_add(d, 1);
        if (cal_is_workday(cal, d))
            n--;
    }
    return d;
}

mc_date cal_add_days_excluding_holidays(const mc_calendar *cal, mc_date start,
                                        int n)
{
    mc_date d = start;
    while (n > 0) {
        d = mc_date_add(d, 1);
        if (!cal_is_holiday(cal, d))
            n--;
    }
    return d;
}

mc_date cal_add(const mc_calendar *cal, mc_date start, int n, mc_cal_unit unit)
{
    return unit == CAL_UNIT_DAYS_EXCL_HOLIDAYS
               ? cal_add_days_excluding_holidays(cal, start, n)
               : cal_add_workdays(cal, start, n);
}

int cal_workdays_between(const mc_calendar *cal, mc_date a, mc_date b)
{
    int n = 0;
    for (mc_date d = mc_date_add(a, 1); mc_date_cmp(d, b) <= 0;
         d = mc_date_add(d, 1))
        if (cal_is_workday(cal, d))
            n++;
    return n;
}
