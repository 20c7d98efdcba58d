/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lunar.c - the Vietnamese lunar calendar.
 *
 * A lunar month runs from the day (at UTC+7) of one astronomical new moon
 * to the day before the next.  Month 11 is the month containing the winter
 * solstice.  A lunar year between two months 11 that holds 13 months has a
 * leap month: the first month after month 11 that contains no major solar
 * term (the sun's longitude does not cross a multiple of 30 degrees).
 * This is the method published by Hồ Ngọc Đức ("Âm lịch Việt Nam"), with
 * the new-moon and sun-longitude series of Meeus, "Astronomical
 * Algorithms" (1998).  Julian day numbers are used internally.
 */
#include "lunar.h"

#include <stdio.h>

#define VN_TZ 7.0
#define SYNODIC 29.530588853
#define JD_EPOCH_NM 2415021.076998695 /* new moon of 1900-01-01 */

static const double PI = 3.14159265358979323846;

/* lfloor and lsin stand in for libm (the core links no math library): for
 * |x| < 2^62, sin by reduction to [-pi/2, pi/2] and its Taylor series,
 * accurate to ~1e-15 for the arguments used here (< 1e5 radians). */
static double lfloor(double x)
{
    double t = (double)(long long)x;
    return t > x ? t - 1 : t;
}

static double lsin(double x)
{
    double n = lfloor(x / (2 * PI) + 0.5);
    x -= n * 2 * PI; /* now in [-pi, pi] */
    if (x > PI / 2)
        x = PI - x;
    else if (x < -PI / 2)
        x = -PI - x;
    double x2 = x * x, term = x, sum = x;
    for (int i = 1; i <= 11; i++) {
        term *= -x2 / ((2 * i) * (2 * i + 1));
        sum += term;
    }
    return sum;
}

static long jd_from_date(mc_date d)
{
    return (long)(mc_date_to_days(d) + 2440588);
}

static mc_date date_from_jd(long jd)
{
    return mc_date_from_days((int64_t)jd - 2440588);
}

/* Day number (at UTC+7) of the k-th new moon after 1900-01-01. */
static long new_moon_day(long k)
{
    double T = (double)k / 1236.85;
    double T2 = T * T, T3 = T2 * T;
    double dr = PI / 180;
    double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 -
                 0.000000155 * T3;
    jd1 += 0.00033 * lsin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
    double M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
    double Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 +
                 0.00001236 * T3;
    double F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
    /* one term per line, signs as in Meeus / Hồ Ngọc Đức */
    double C1 = (0.1734 - 0.000393 * T) * lsin(M * dr);
    C1 += 0.0021 * lsin(2 * dr * M);
    C1 -= 0.4068 * lsin(Mpr * dr);
    C1 += 0.0161 * lsin(dr * 2 * Mpr);
    C1 -= 0.0004 * lsin(dr * 3 * Mpr);
    C1 += 0.0104 * lsin(dr * 2 * F);
    C1 -= 0.0051 * lsin(dr * (M + Mpr));
    C1 -= 0.0074 * lsin(dr * (M - Mpr));
    C1 += 0.0004 * lsin(dr * (2 * F + M));
    C1 -= 0.0004 * lsin(dr * (2 * F - M));
    C1 -= 0.0006 * lsin(dr * (2 * F + Mpr));
    C1 += 0.0010 * lsin(dr * (2 * F - Mpr));
    C1 += 0.0005 * lsin(dr * (2 * Mpr + M));
    double deltat;
    if (T < -11)
        deltat = 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 -
                 0.000000081 * T * T3;
    else
        deltat = -0.000278 + 0.000265 * T + 0.000262 * T2;
    double jd_new = jd1 + C1 - deltat;
    return (long)lfloor(jd_new + 0.5 + VN_TZ / 24);
}

/* The sun's longitude at the start of day `jdn` (UTC+7), as the index
 * 0..11 of the 30-degree sector it is in. */
static int sun_longitude_sector(long jdn)
{
    double T = ((double)jdn - 2451545.5 - VN_TZ / 24) / 36525;
    double T2 = T * T;
    double dr = PI / 180;
    double M = 357.52910 + 35999.05030 * T - 0.0001559 * T2 -
               0.00000048 * T * T2;
    double L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
    double DL = (1.914600 - 0.004817 * T - 0.000014 * T2) * lsin(dr * M);
    DL += (0.019993 - 0.000101 * T) * lsin(dr * 2 * M) + 0.000290 * lsin(dr * 3 * M);
    double L = (L0 + DL) * dr;
    L -= PI * 2 * lfloor(L / (PI * 2));
    return (int)lfloor(L / PI * 6);
}

/* Day number of the start of lunar month 11 of solar year yy (the month
 * holding the winter solstice). */
static long lunar_month11(int yy)
{
    double off = (double)jd_from_date((mc_date){yy, 12, 31}) - 2415021;
    long k = (long)lfloor(off / SYNODIC);
    long nm = new_moon_day(k);
    if (sun_longitude_sector(nm) >= 9) /* solstice not yet reached */
        nm = new_moon_day(k - 1);
    return nm;
}

/* Offset (in months after month 11 starting at a11) of the leap month. */
static int leap_month_offset(long a11)
{
    long k = (long)lfloor(((double)a11 - JD_EPOCH_NM) / SYNODIC + 0.5);
    int last, i = 1;
    int arc = sun_longitude_sector(new_moon_day(k + i));
    do {
        last = arc;
        i++;
        arc = sun_longitude_sector(new_moon_day(k + i));
    } while (arc != last && i < 14);
    return i - 1;
}

bool lunar_from_solar(mc_date d, lunar_date *out)
{
    if (!mc_date_valid(d) || d.y < LUNAR_MIN_YEAR || d.y > LUNAR_MAX_YEAR)
        return false;
    long day = jd_from_date(d);
    long k = (long)lfloor(((double)day - JD_EPOCH_NM) / SYNODIC);
    long month_start = new_moon_day(k + 1);
    /* the mean-motion estimate of k can be one month off near a new moon
     * that falls just before midnight: step back until the month starts on
     * or before `day` */
    while (month_start > day)
        month_start = new_moon_day(k--);
    long a11 = lunar_month11(d.y), b11;
    int year;
    if (a11 >= month_start) {
        year = d.y;
        b11 = a11;
        a11 = lunar_month11(d.y - 1);
    } else {
        year = d.y + 1;
        b11 = lunar_month11(d.y + 1);
    }
    int lday = (int)(day - month_start + 1);
    int diff = (int)((month_start - a11) / 29);
    bool leap = false;
    int month = diff + 11;
    if (b11 - a11 > 365) {
        int leap_diff = leap_month_offset(a11);
        if (diff >= leap_diff) {
            month = diff + 10;
            leap = diff == leap_diff;
        }
    }
    if (month > 12)
        month -= 12;
    if (month >= 11 && diff < 4)
        year -= 1;
    *out = (lunar_date){lday, month, year, leap};
    return true;
}

/* Start day number of a lunar month, or -1 when it does not exist. */
static long month_start_jd(int year, int month, bool leap)
{
    if (month < 1 || month > 12 || year < LUNAR_MIN_YEAR - 1 ||
        year > LUNAR_MAX_YEAR)
        return -1;
    long a11, b11;
    if (month < 11) {
        a11 = lunar_month11(year - 1);
        b11 = lunar_month11(year);
    } else {
        a11 = lunar_month11(year);
        b11 = lunar_month11(year + 1);
    }
    long k = (long)lfloor(0.5 + ((double)a11 - JD_EPOCH_NM) / SYNODIC);
    int off = month - 11;
    if (off < 0)
        off += 12;
    if (b11 - a11 > 365) {
        int leap_off = leap_month_offset(a11);
        int leap_month = leap_off - 2;
        if (leap_month <= 0)
            leap_month += 12;
        if (leap && month != leap_month)
            return -1;
        if (leap || off >= leap_off)
            off += 1;
    } else if (leap) {
        return -1;
    }
    return new_moon_day(k + off);
}

int lunar_month_days(int year, int month, bool leap)
{
    long start = month_start_jd(year, month, leap);
    if (start < 0)
        return 0;
    lunar_date l;
    /* the day 29 days later is either day 30 of this month or day 1 of
     * the next */
    if (!lunar_from_solar(date_from_jd(start + 29), &l))
        return 0;
    return l.day == 30 ? 30 : 29;
}

bool lunar_to_solar(lunar_date l, mc_date *out)
{
    if (l.day < 1 || l.day > 30)
        return false;
    long start = month_start_jd(l.year, l.month, l.leap);
    if (start < 0)
        return false;
    if (l.day == 30 && lunar_month_days(l.year, l.month, l.leap) != 30)
        return false;
    mc_date d = date_from_jd(start + l.day - 1);
    if (d.y < LUNAR_MIN_YEAR || d.y > LUNAR_MAX_YEAR)
        return false;
    *out = d;
    return true;
}

int lunar_leap_month(int year)
{
    if (year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR)
        return 0;
    long a11 = lunar_month11(year - 1), b11 = lunar_month11(year);
    int m = 0;
    /* the leap month of the span from month 11 of year-1 to month 11 of
     * year belongs to `year` unless it is month 11 or 12 of year-1 */
    if (b11 - a11 > 365) {
        int off = leap_month_offset(a11);
        m = off - 2;
        if (m <= 0)
            return 0; /* leap 11 or 12 belongs to year-1 */
        return m;
    }
    /* a leap 11 or 12 at the end of `year` */
    long c11 = lunar_month11(year + 1);
    if (c11 - b11 > 365) {
        int off = leap_month_offset(b11);
        m = off - 2;
        if (m <= 0)
            return m + 12;
    }
    return 0;
}

void lunar_year_name(int year, char buf[32])
{
    static const char *const can[] = {"Canh", "Tân", "Nhâm", "Quý", "Giáp",
                                      "Ất",   "Bính", "Đinh", "Mậu", "Kỷ"};
    static const char *const chi[] = {"Thân", "Dậu", "Tuất", "Hợi",
                                      "Tý",   "Sửu", "Dần",  "Mão",
                                      "Thìn", "Tỵ",  "Ngọ",  "Mùi"};
    int c = ((year % 10) + 10) % 10, h = ((year % 12) + 12) % 12;
    snprintf(buf, 32, "%s %s", can[c], chi[h]);
}
