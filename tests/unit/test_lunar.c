/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_lunar.c - the Vietnamese lunar calendar against published dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "lunar.h"

struct ymd {
    int y, m, d;
};

/* Tết (1/1 lunar) in Vietnam.  2007, 2030 and 2053 are a day earlier than
 * in China (viet-jo.com 2006-07-06 quoting the government's calendar office;
 * scienceinfo.net "Why is the Vietnamese and Chinese New Year a day
 * different"); 1985 is a month earlier (Hồ Ngọc Đức, calrules); 1968 is the
 * North's Tết after the switch to UTC+7 (Tết Offensive accounts). */
static const struct ymd tet[] = {
    {1968, 1, 29}, {1969, 2, 16}, {1985, 1, 21}, {2000, 2, 5},
    {2001, 1, 24}, {2002, 2, 12}, {2003, 2, 1},  {2004, 1, 22},
    {2005, 2, 9},  {2006, 1, 29}, {2007, 2, 17}, {2008, 2, 7},
    {2009, 1, 26}, {2010, 2, 14}, {2011, 2, 3},  {2012, 1, 23},
    {2013, 2, 10}, {2014, 1, 31}, {2015, 2, 19}, {2016, 2, 8},
    {2017, 1, 28}, {2018, 2, 16}, {2019, 2, 5},  {2020, 1, 25},
    {2021, 2, 12}, {2022, 2, 1},  {2023, 1, 22}, {2024, 2, 10},
    {2025, 1, 29}, {2026, 2, 17}, {2027, 2, 6},  {2028, 1, 26},
    {2029, 2, 13}, {2030, 2, 2},  {2053, 2, 18},
};

/* Giỗ Tổ Hùng Vương (10/3 lunar), as announced for the public holiday. */
static const struct ymd gio_to[] = {
    {2020, 4, 2},  {2021, 4, 21}, {2022, 4, 10}, {2023, 4, 29},
    {2024, 4, 18}, {2025, 4, 7},  {2026, 4, 26},
};

static void test_tet(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof tet / sizeof tet[0]; i++) {
        mc_date d;
        lunar_date l = {1, 1, tet[i].y, false};
        assert_true(lunar_to_solar(l, &d));
        char buf[64];
        snprintf(buf, sizeof buf, "%d: %04d-%02d-%02d", tet[i].y, d.y, d.m,
                 d.d);
        char want[64];
        snprintf(want, sizeof want, "%d: %04d-%02d-%02d", tet[i].y, tet[i].y,
                 tet[i].m, tet[i].d);
        assert_string_equal(buf, want);
        /* and back */
        lunar_date back;
        assert_true(lunar_from_solar(d, &back));
        assert_int_equal(back.day, 1);
        assert_int_equal(back.month, 1);
        assert_int_equal(back.year, tet[i].y);
        assert_false(back.leap);
        /* the day before is the last day of month 12 of the previous year */
        assert_true(lunar_from_solar(mc_date_add(d, -1), &back));
        assert_int_equal(back.month, 12);
        assert_int_equal(back.year, tet[i].y - 1);
        assert_true(back.day == 29 || back.day == 30);
    }
}

static void test_gio_to(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof gio_to / sizeof gio_to[0]; i++) {
        mc_date d;
        assert_true(lunar_to_solar((lunar_date){10, 3, gio_to[i].y, false}, &d));
        assert_int_equal(d.y, gio_to[i].y);
        assert_int_equal(d.m, gio_to[i].m);
        assert_int_equal(d.d, gio_to[i].d);
    }
}

static void test_leap_months(void **state)
{
    (void)state;
    /* 2020: tháng 4 nhuận from 2020-05-23; 2023: tháng 2 nhuận from
     * 2023-03-22; 2025: tháng 6 nhuận; 2033: tháng 11 nhuận (the year
     * Vietnam's calendar keeps a leap 11th month). */
    static const struct {
        int year, leap;
    } t[] = {{2020, 4}, {2023, 2}, {2025, 6}, {2028, 5}, {2033, 11},
             {2024, 0}, {2026, 0}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        assert_int_equal(lunar_leap_month(t[i].year), t[i].leap);

    lunar_date l;
    assert_true(lunar_from_solar((mc_date){2020, 5, 23}, &l));
    assert_int_equal(l.day, 1);
    assert_int_equal(l.month, 4);
    assert_true(l.leap);
    assert_true(lunar_from_solar((mc_date){2023, 3, 22}, &l));
    assert_int_equal(l.month, 2);
    assert_true(l.leap);
    assert_true(lunar_from_solar((mc_date){2023, 3, 21}, &l));
    assert_int_equal(l.month, 2);
    assert_false(l.leap);

    mc_date d;
    assert_true(lunar_to_solar((lunar_date){1, 4, 2020, true}, &d));
    assert_int_equal(mc_date_cmp(d, (mc_date){2020, 5, 23}), 0);
    /* a leap month the year does not have */
    assert_false(lunar_to_solar((lunar_date){1, 5, 2020, true}, &d));
    assert_false(lunar_to_solar((lunar_date){1, 1, 2024, true}, &d));
}

static void test_invalid(void **state)
{
    (void)state;
    mc_date d;
    lunar_date l;
    assert_false(lunar_to_solar((lunar_date){0, 1, 2024, false}, &d));
    assert_false(lunar_to_solar((lunar_date){31, 1, 2024, false}, &d));
    assert_false(lunar_to_solar((lunar_date){1, 13, 2024, false}, &d));
    assert_false(lunar_to_solar((lunar_date){1, 1, 1800, false}, &d));
    assert_false(lunar_from_solar((mc_date){1899, 12, 31}, &l));
    assert_false(lunar_from_solar((mc_date){2101, 1, 1}, &l));
    assert_false(lunar_from_solar((mc_date){2024, 2, 30}, &l));
    /* day 30 exists only in 30-day months */
    for (int m = 1; m <= 12; m++) {
        int n = lunar_month_days(2024, m, false);
        assert_true(n == 29 || n == 30);
        assert_int_equal(lunar_to_solar((lunar_date){30, m, 2024, false}, &d),
                         n == 30);
    }
}

/* Every day 1900..2100 converts to lunar and back to itself, and
 * consecutive days advance the lunar day by one or start a new month. */
static void test_roundtrip_all_days(void **state)
{
    (void)state;
    int64_t a = mc_date_to_days((mc_date){1900, 1, 1});
    int64_t b = mc_date_to_days((mc_date){2100, 12, 31});
    lunar_date prev = {0, 0, 0, false};
    for (int64_t k = a; k <= b; k += 1) {
        mc_date d = mc_date_from_days(k), back;
        lunar_date l;
        assert_true(lunar_from_solar(d, &l));
        assert_true(l.day >= 1 && l.day <= 30);
        assert_true(l.month >= 1 && l.month <= 12);
        if (prev.day)
            assert_true(l.day == prev.day + 1 ||
                        (l.day == 1 && (prev.day == 29 || prev.day == 30)));
        prev = l;
        if (k % 7 == 0 || l.day == 1 || l.day >= 29) {
            assert_true(lunar_to_solar(l, &back));
            assert_int_equal(mc_date_cmp(back, d), 0);
        }
    }
}

static void test_year_name(void **state)
{
    (void)state;
    char buf[32];
    lunar_year_name(2024, buf);
    assert_string_equal(buf, "Giáp Thìn");
    lunar_year_name(2025, buf);
    assert_string_equal(buf, "Ất Tỵ");
    lunar_year_name(2026, buf);
    assert_string_equal(buf, "Bính Ngọ");
    lunar_year_name(1975, buf);
    assert_string_equal(buf, "Ất Mão");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tet),
        cmocka_unit_test(test_gio_to),
        cmocka_unit_test(test_leap_months),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_roundtrip_all_days),
        cmocka_unit_test(test_year_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
