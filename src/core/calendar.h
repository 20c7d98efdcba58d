/* SPDX-License-Identifier: GPL-3.0-or-later */
/* calendar.h - the working-day calendar (DOMAIN.md section 5).
 *
 * A calendar answers "is this a working day?" from three layers, the later
 * overriding the earlier:
 *   1. the week: Monday..Friday work, Saturday and Sunday are off;
 *   2. the statutory public holidays of the Labour Code (computed, lunar
 *      ones through lunar.h), with compensatory days;
 *   3. day overrides: the government's announced schedule for a year and an
 *      admin's changes (a day off, or a make-up working Saturday).
 *
 * Due dates: the N-th working day after the day of receipt (Civil Code Art.
 * 147: a period starts the day after the event).
 */
#ifndef MOTCUA_CALENDAR_H
#define MOTCUA_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "mc_error.h"

typedef struct mc_calendar mc_calendar;

typedef enum {
    CAL_UNIT_WORKDAYS = 0,           /* working days */
    CAL_UNIT_DAYS_EXCL_HOLIDAYS = 1, /* calendar days, public holidays skipped */
} mc_cal_unit;

typedef enum {
    CAL_DAY_WORK = 0,    /* ordinary working day */
    CAL_DAY_WEEKEND,     /* Saturday or Sunday */
    CAL_DAY_HOLIDAY,     /* public holiday (statutory, compensatory or announced) */
    CAL_DAY_MAKEUP_WORK, /* a Saturday/Sunday declared a working day */
} mc_cal_day_kind;

/* A calendar with the week and the statutory holidays, no overrides. */
mc_calendar *cal_new(void);
void cal_free(mc_calendar *cal);

/* Override one day: working (true) or off (false), with a name shown in
 * lists ("Nghỉ bù", "Làm bù cho thứ Sáu 03/01"...).  A later call for the
 * same day replaces the earlier one. */
void cal_set_day(mc_calendar *cal, mc_date day, bool working,
                 const char *name);

/* Load a government-announced schedule from a TSV file with a header line
 * and columns date, kind (off|workday), note[, source].  Errors name
 * file:line.  Every year that has a row becomes an "announced" year (see
 * cal_mark_announced).  Lines starting with '#' and blank lines are
 * skipped. */
mc_status cal_load_tsv(mc_calendar *cal, const char *path,
                       mc_error *err) MC_MUST_USE;

/* Declare that `year` has an announced schedule: the statutory guesses
 * for that year (which five Tết days, which day next to 2/9, compensatory
 * days) are dropped and only the announced days (cal_load_tsv or
 * cal_set_day) make weekdays off.  Statutory holidays that fall on a
 * weekend still count as holidays (for CAL_UNIT_DAYS_EXCL_HOLIDAYS).
 * Admin overrides through cal_set_day alone do not make a year announced:
 * adding one new day off keeps the statutory holidays of that year. */
void cal_mark_announced(mc_calendar *cal, int year);
bool cal_year_announced(const mc_calendar *cal, int year);

/* Classify a day; *name (may be NULL) gets the holiday's or override's
 * name, or NULL. */
mc_cal_day_kind cal_day_kind(const mc_calendar *cal, mc_date day,
                             const char **name);
bool cal_is_workday(const mc_calendar *cal, mc_date day);
/* A public holiday (not merely a weekend). */
bool cal_is_holiday(const mc_calendar *cal, mc_date day);

/* The n-th working day after `start` (n >= 0; n == 0 gives start itself). */
mc_date cal_add_workdays(const mc_calendar *cal, mc_date start, int n);
/* The n-th calendar day after `start`, skipping public holidays. */
mc_date cal_add_days_excluding_holidays(const mc_calendar *cal, mc_date start,
                                        int n);
/* Dispatch on the unit. */
mc_date cal_add(const mc_calendar *cal, mc_date start, int n, mc_cal_unit unit);
/* Working days strictly after a and up to and including b (0 if b <= a). */
int cal_workdays_between(const mc_calendar *cal, mc_date a, mc_date b);

/* One line of a year's list (cal_list_year). */
typedef struct cal_entry {
    mc_date day;
    mc_cal_day_kind kind; /* CAL_DAY_HOLIDAY or CAL_DAY_MAKEUP_WORK */
    const char *name;     /* owned by the calendar; valid until it changes */
} cal_entry;

/* The days of `year` that differ from the plain week: every weekday that
 * is off (kind CAL_DAY_HOLIDAY) and every weekend day that is worked
 * (CAL_DAY_MAKEUP_WORK), in date order.  Writes at most `max` entries and
 * returns how many there are (at most 366). */
size_t cal_list_year(const mc_calendar *cal, int year, cal_entry *out,
                     size_t max);

#endif
