/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lunar.h - the Vietnamese lunar calendar (âm lịch).
 *
 * Computed, not tabulated: astronomical new moons and the sun's longitude
 * (Jean Meeus' formulas as used by Hồ Ngọc Đức's "amlich"), evaluated at
 * UTC+7.  Vietnam's calendar therefore differs from China's (UTC+8) in
 * some years, e.g. Tết 2007 is 2007-02-17 here, 2007-02-18 in China.
 * Correct for solar years 1900..2100.
 */
#ifndef MOTCUA_LUNAR_H
#define MOTCUA_LUNAR_H

#include <stdbool.h>

#include "date.h"

#define LUNAR_MIN_YEAR 1900
#define LUNAR_MAX_YEAR 2100

typedef struct lunar_date {
    int day;   /* 1..30 */
    int month; /* 1..12 */
    int year;  /* the lunar year, numbered like the solar year it mostly overlaps */
    bool leap; /* the intercalary (nhuận) copy of `month` */
} lunar_date;

/* The lunar date of a solar date; false outside LUNAR_MIN_YEAR..MAX. */
bool lunar_from_solar(mc_date d, lunar_date *out);

/* The solar date of a lunar date; false when it does not exist (day 30 of
 * a 29-day month, a leap month the year does not have) or is out of range. */
bool lunar_to_solar(lunar_date l, mc_date *out);

/* The leap month (1..12) of lunar year `year`, 0 when it has none. */
int lunar_leap_month(int year);

/* Days in a lunar month (29 or 30), 0 when it does not exist. */
int lunar_month_days(int year, int month, bool leap);

/* The sexagenary (Can Chi) name of a lunar year into buf: "Giáp Thìn". */
void lunar_year_name(int year, char buf[32]);

#endif
