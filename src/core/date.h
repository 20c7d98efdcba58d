/* SPDX-License-Identifier: GPL-3.0-or-later */
/* date.h - civil dates and Vietnam-time timestamps.
 *
 * Vietnam keeps UTC+7 all year (no daylight saving), so local time is
 * computed arithmetically: nothing here calls localtime or reads TZ.
 * Timestamps are seconds since the Unix epoch (UTC).
 */
#ifndef MOTCUA_DATE_H
#define MOTCUA_DATE_H

#include <stdbool.h>
#include <stdint.h>

#define MC_VN_OFFSET_SECONDS (7 * 3600)

typedef struct mc_date {
    int y, m, d;
} mc_date;

typedef int64_t mc_ts;

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t mc_date_to_days(mc_date d);
mc_date mc_date_from_days(int64_t days);
bool mc_date_valid(mc_date d);
int mc_days_in_month(int y, int m);
/* 0 = Sunday ... 6 = Saturday */
int mc_date_weekday(mc_date d);
mc_date mc_date_add(mc_date d, int days);
int mc_date_cmp(mc_date a, mc_date b);

/* Strict "YYYY-MM-DD"; false for anything else or an impossible date. */
bool mc_date_parse(const char *s, mc_date *out);
/* "YYYY-MM-DD" into buf (at least 11 bytes). */
void mc_date_format(mc_date d, char buf[static 11]);
/* "dd/mm/yyyy" as printed on Vietnamese forms (buf at least 11 bytes). */
void mc_date_format_vn(mc_date d, char buf[static 11]);

/* ISO 8601 "YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)"; without an offset the
 * time is read as Vietnam time.  A space may replace the 'T'. */
bool mc_ts_parse(const char *s, mc_ts *out);
/* "YYYY-MM-DDTHH:MM:SS+07:00" (buf at least 26 bytes). */
void mc_ts_format_vn(mc_ts t, char buf[static 26]);
mc_date mc_ts_vn_date(mc_ts t);
/* minutes since local (Vietnam) midnight, 0..1439 */
int mc_ts_vn_minute(mc_ts t);
/* the instant of a Vietnam-local date and minute of the day */
mc_ts mc_ts_from_vn(mc_date d, int minute_of_day);

#endif
