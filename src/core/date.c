/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "date.h"

#include <stdio.h>
#include <string.h>

/* Howard Hinnant's days_from_civil / civil_from_days. */
int64_t mc_date_to_days(mc_date d)
{
    int64_t y = d.y - (d.m <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (d.m + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + d.d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

mc_date mc_date_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    return (mc_date){(int)(y + (m <= 2)), (int)m, (int)d};
}

int mc_days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

bool mc_date_valid(mc_date d)
{
    return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
           d.d <= mc_days_in_month(d.y, d.m);
}

int mc_date_weekday(mc_date d)
{
    int64_t z = mc_date_to_days(d);
    /* 1970-01-01 was a Thursday (4) */
    int64_t w = (z + 4) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

mc_date mc_date_add(mc_date d, int days)
{
    return mc_date_from_days(mc_date_to_days(d) + days);
}

int mc_date_cmp(mc_date a, mc_date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool mc_date_parse(const char *s, mc_date *out)
{
    mc_date d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (!digits(s, 4, &d.y) || !digits(s + 5, 2, &d.m) ||
        !digits(s + 8, 2, &d.d))
        return false;
    if (!mc_date_valid(d))
        return false;
    *out = d;
    return true;
}

/* n % 10^w as w decimal digits (snprintf's "%0wu" without the cost of
 * snprintf: these run several times per intake) */
static void put_digits(char *p, unsigned n, int w)
{
    for (int i = w - 1; i >= 0; i--) {
        p[i] = (char)('0' + n % 10u);
        n /= 10u;
    }
}

void mc_date_format(mc_date d, char buf[static 11])
{
    put_digits(buf, (unsigned)d.y % 10000u, 4);
    buf[4] = '-';
    put_digits(buf + 5, (unsigned)d.m % 100u, 2);
    buf[7] = '-';
    put_digits(buf + 8, (unsigned)d.d % 100u, 2);
    buf[10] = '\0';
}

void mc_date_format_vn(mc_date d, char buf[static 11])
{
    snprintf(buf, 11, "%02u/%02u/%04u", (unsigned)d.d % 100u,
             (unsigned)d.m % 100u, (unsigned)d.y % 10000u);
}

bool mc_ts_parse(const char *s, mc_ts *out)
{
    if (!s)
        return false;
    size_t len = strlen(s);
    if (len < 16)
        return false;
    char date[11];
    memcpy(date, s, 10);
    date[10] = '\0';
    mc_date d;
    if (!mc_date_parse(date, &d) || (s[10] != 'T' && s[10] != ' '))
        return false;
    int hh, mm, ss = 0;
    if (!digits(s + 11, 2, &hh) || s[13] != ':' || !digits(s + 14, 2, &mm))
        return false;
    const char *p = s + 16;
    if (*p == ':') {
        if (!digits(p + 1, 2, &ss))
            return false;
        p += 3;
    }
    if (hh > 23 || mm > 59 || ss > 59)
        return false;
    int offset = MC_VN_OFFSET_SECONDS;
    if (*p == 'Z' && p[1] == '\0') {
        offset = 0;
    } else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
        int oh, om;
        if (!digits(p + 1, 2, &oh) || !digits(p + 4, 2, &om) || oh > 14 ||
            om > 59)
            return false;
        offset = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
    } else if (*p != '\0') {
        return false;
    }
    *out = mc_date_to_days(d) * 86400 + hh * 3600 + mm * 60 + ss - offset;
    return true;
}

static int64_t floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

mc_date mc_ts_vn_date(mc_ts t)
{
    return mc_date_from_days(floordiv(t + MC_VN_OFFSET_SECONDS, 86400));
}

int mc_ts_vn_minute(mc_ts t)
{
    int64_t local = t + MC_VN_OFFSET_SECONDS;
    int64_t sec = local - floordiv(local, 86400) * 86400;
    return (int)(sec / 60);
}

mc_ts mc_ts_from_vn(mc_date d, int minute_of_day)
{
    return mc_date_to_days(d) * 86400 + (int64_t)minute_of_day * 60 -
           MC_VN_OFFSET_SECONDS;
}

void mc_ts_format_vn(mc_ts t, char buf[static 26])
{
    int64_t local = t + MC_VN_OFFSET_SECONDS;
    int64_t days = floordiv(local, 86400);
    int64_t sec = local - days * 86400;
    mc_date d = mc_date_from_days(days);
    mc_date_format(d, buf);
    buf[10] = 'T';
    put_digits(buf + 11, (unsigned)(sec / 3600) % 100u, 2);
    buf[13] = ':';
    put_digits(buf + 14, (unsigned)(sec / 60 % 60) % 100u, 2);
    buf[16] = ':';
    put_digits(buf + 17, (unsigned)(sec % 60) % 100u, 2);
    memcpy(buf + 19, "+07:00", 7);
}
