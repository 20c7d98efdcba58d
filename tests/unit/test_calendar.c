/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_calendar.c - working days, statutory holidays, announced schedules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"

static mc_date D(const char *s)
{
    mc_date d;
    if (!mc_date_parse(s, &d))
        fail_msg("bad date %s", s);
    return d;
}

static void assert_date(mc_date got, const char *want)
{
    char buf[11];
    mc_date_format(got, buf);
    assert_string_equal(buf, want);
}

static mc_calendar *shipped(void)
{
    const char *dir = getenv("MOTCUA_FORMS_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/calendar/holidays_vn_announced.tsv",
             dir ? dir : MOTCUA_FORMS_DIR);
    mc_calendar *cal = cal_new();
    mc_error err;
    assert_int_equal(cal_load_tsv(cal, path, &err), MC_OK);
    return cal;
}

static char *list_year(const mc_calendar *cal, int year)
{
    cal_entry e[400];
    size_t n = cal_list_year(cal, year, e, 400);
    size_t size = (n + 1) * 12, len = 0;
    char *out = mc_xcalloc(1, size);
    for (size_t i = 0; i < n && i < 400; i++) {
        char buf[11];
        mc_date_format(e[i].day, buf);
        len += (size_t)snprintf(out + len, size - len, "%s%s", buf + 5,
                                e[i].kind == CAL_DAY_MAKEUP_WORK ? "W " : " ");
    }
    return out;
}

/* A year without an announcement: the statutory guess. 2027: Tết is Sat
 * 6/2, so 29 Chạp Fri 5/2, mùng 1-4 Sat..Tue, compensatory Wed 10 and
 * Thu 11; 1/5 is a Saturday (compensatory Mon 3/5); 2/9 is a Thursday so
 * the adjacent day is Fri 3/9; Giỗ Tổ 10/3 lunar is Fri 16/4. */
static void test_statutory_2027(void **state)
{
    (void)state;
    mc_calendar *cal = cal_new();
    char *l = list_year(cal, 2027);
    assert_string_equal(l, "01-01 02-05 02-08 02-09 02-10 02-11 04-16 04-30 "
                           "05-03 09-02 09-03 ");
    free(l);
    const char *name = NULL;
    assert_int_equal(cal_day_kind(cal, D("2027-02-06"), &name),
                     CAL_DAY_HOLIDAY);
    assert_string_equal(name, "Tết Nguyên đán (mùng 1)");
    assert_int_equal(cal_day_kind(cal, D("2027-05-03"), &name),
                     CAL_DAY_HOLIDAY);
    assert_string_equal(name, "Nghỉ bù Ngày Quốc tế Lao động (1/5)");
    assert_int_equal(cal_day_kind(cal, D("2027-05-04"), NULL), CAL_DAY_WORK);
    assert_int_equal(cal_day_kind(cal, D("2027-05-08"), NULL),
                     CAL_DAY_WEEKEND);
    cal_free(cal);
}

/* Compensatory days: 1/1/2028 is a Saturday -> Mon 3/1; 2/9/2029 is a
 * Sunday -> the adjacent day 1/9 is Saturday too, so Mon 3/9 and Tue 4/9. */
static void test_compensatory(void **state)
{
    (void)state;
    mc_calendar *cal = cal_new();
    assert_true(cal_is_holiday(cal, D("2028-01-03")));
    assert_true(cal_is_workday(cal, D("2028-01-04")));
    assert_true(cal_is_holiday(cal, D("2029-09-03")));
    assert_true(cal_is_holiday(cal, D("2029-09-04")));
    assert_true(cal_is_workday(cal, D("2029-09-05")));
    cal_free(cal);
}

/* The announced schedules replace the statutory guess for their year. */
static void test_announced_2024(void **state)
{
    (void)state;
    mc_calendar *cal = shipped();
    assert_true(cal_year_announced(cal, 2024));
    assert_false(cal_year_announced(cal, 2027));
    char *l = list_year(cal, 2024);
    assert_string_equal(l, "01-01 02-08 02-09 02-12 02-13 02-14 04-18 04-29 "
                           "04-30 05-01 05-04W 09-02 09-03 ");
    free(l);
    /* the statutory guess would have made Thu 15/2 a compensatory day */
    assert_true(cal_is_workday(cal, D("2024-02-15")));
    /* Tết mùng 1 on a Saturday is still a public holiday */
    assert_true(cal_is_holiday(cal, D("2024-02-10")));
    assert_int_equal(cal_day_kind(cal, D("2024-05-04"), NULL),
                     CAL_DAY_MAKEUP_WORK);
    cal_free(cal);
}

static void test_announced_2025_2026(void **state)
{
    (void)state;
    mc_calendar *cal = shipped();
    char *l = list_year(cal, 2025);
    assert_string_equal(l, "01-01 01-27 01-28 01-29 01-30 01-31 04-07 04-26W "
                           "04-30 05-01 05-02 09-01 09-02 ");
    free(l);
    /* mùng 4 (Sat 1/2/2025) was not one of 2025's announced Tết days */
    assert_false(cal_is_holiday(cal, D("2025-02-01")));
    l = list_year(cal, 2026);
    assert_string_equal(l, "01-01 01-02 01-10W 02-16 02-17 02-18 02-19 02-20 "
                           "04-27 04-30 05-01 08-22W 08-31 09-01 09-02 ");
    free(l);
    /* Giỗ Tổ 2026 is Sunday 26/4: a holiday on a weekend */
    assert_int_equal(cal_day_kind(cal, D("2026-04-26"), NULL),
                     CAL_DAY_HOLIDAY);
    cal_free(cal);
}

struct due_case {
    const char *start;
    int n;
    const char *want;
};

/* Due dates: the N-th working day after receipt (Civil Code Art. 147). */
static void test_add_workdays(void **state)
{
    (void)state;
    static const struct due_case t[] = {
        {"2025-01-24", 0, "2025-01-24"}, /* n == 0: the day itself */
        {"2025-01-24", 1, "2025-02-03"}, /* across Tết Ất Tỵ */
        {"2025-01-24", 3, "2025-02-05"},
        {"2025-01-25", 1, "2025-02-03"}, /* received on a Saturday */
        {"2024-04-26", 2, "2024-05-03"}, /* 27/4 - 1/5 off */
        {"2024-04-26", 3, "2024-05-04"}, /* make-up Saturday counts */
        {"2026-01-09", 1, "2026-01-10"}, /* make-up Saturday 10/1/2026 */
        {"2026-01-01", 1, "2026-01-05"},
        {"2026-08-28", 1, "2026-09-03"},
        {"2026-12-31", 1, "2027-01-04"}, /* into a statutory year */
        {"2025-06-02", 15, "2025-06-23"},
    };
    mc_calendar *cal = shipped();
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        assert_date(cal_add_workdays(cal, D(t[i].start), t[i].n), t[i].want);
    assert_int_equal(cal_workdays_between(cal, D("2025-01-24"),
                                          D("2025-02-05")),
                     3);
    assert_int_equal(cal_workdays_between(cal, D("2025-02-05"),
                                          D("2025-01-24")),
                     0);
    cal_free(cal);
}

/* Calendar days that skip public holidays (pensions: 20 days). */
static void test_add_days_excluding_holidays(void **state)
{
    (void)state;
    static const struct due_case t[] = {
        {"2025-01-24", 5, "2025-02-03"},
        {"2025-01-20", 20, "2025-02-14"},
        {"2025-03-03", 20, "2025-03-23"}, /* no holiday in between */
    };
    mc_calendar *cal = shipped();
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        assert_date(cal_add_days_excluding_holidays(cal, D(t[i].start),
                                                    t[i].n),
                    t[i].want);
        assert_date(cal_add(cal, D(t[i].start), t[i].n,
                            CAL_UNIT_DAYS_EXCL_HOLIDAYS),
                    t[i].want);
    }
    assert_date(cal_add(cal, D("2025-01-24"), 3, CAL_UNIT_WORKDAYS),
                "2025-02-05");
    cal_free(cal);
}

/* An admin's day off (a newly declared holiday) keeps the statutory
 * holidays of a year that has no announced schedule; a later call for the
 * same day replaces the earlier one. */
static void test_admin_override(void **state)
{
    (void)state;
    mc_calendar *cal = shipped();
    cal_set_day(cal, D("2027-11-24"), false, "Ngày Văn hóa Việt Nam");
    const char *name = NULL;
    assert_int_equal(cal_day_kind(cal, D("2027-11-24"), &name),
                     CAL_DAY_HOLIDAY);
    assert_string_equal(name, "Ngày Văn hóa Việt Nam");
    assert_false(cal_year_announced(cal, 2027));
    assert_true(cal_is_holiday(cal, D("2027-02-08"))); /* Tết guess kept */
    cal_set_day(cal, D("2027-11-24"), true, NULL);
    assert_true(cal_is_workday(cal, D("2027-11-24")));
    /* a make-up Saturday, then a weekday turned back into a working day */
    cal_set_day(cal, D("2027-02-20"), true, "Làm bù");
    assert_int_equal(cal_day_kind(cal, D("2027-02-20"), NULL),
                     CAL_DAY_MAKEUP_WORK);
    cal_set_day(cal, D("2027-02-11"), true, "Đi làm");
    assert_true(cal_is_workday(cal, D("2027-02-11")));
    /* changing a cached year is seen at once */
    assert_date(cal_add_workdays(cal, D("2027-02-04"), 1), "2027-02-11");
    cal_free(cal);
}

static char *write_tmp(const char *text)
{
    char *path = mc_xstrdup("/tmp/motcua_cal_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void test_load_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        mc_status rc;
        const char *needle;
    } t[] = {
        {"date\tkind\tnote\n2030-01-02\toff\tx\n", MC_OK, NULL},
        {"date\tkind\tnote\n# comment\n\n2030-01-02\tholiday\tx\n", MC_EINVAL,
         ":4:"},
        {"date\tkind\tnote\n2030-02-30\toff\tx\n", MC_EINVAL, "2030-02-30"},
        {"date\tkind\tnote\n2030-01-02\n", MC_EINVAL, "kind"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char *path = write_tmp(t[i].text);
        mc_calendar *cal = cal_new();
        mc_error err;
        mc_error_clear(&err);
        assert_int_equal(cal_load_tsv(cal, path, &err), t[i].rc);
        if (t[i].needle)
            assert_non_null(strstr(err.msg, t[i].needle));
        else
            assert_true(cal_is_holiday(cal, D("2030-01-02")));
        cal_free(cal);
        unlink(path);
        free(path);
    }
    mc_calendar *cal = cal_new();
    mc_error err;
    assert_int_equal(cal_load_tsv(cal, "/nonexistent/x.tsv", &err), MC_EIO);
    cal_free(cal);
}

/* Every year 1901..2100 has its 11 statutory days off in some form (10
 * when Giỗ Tổ falls on 30/4, as in 1947: the law gives no extra day for
 * two holidays on one weekday), and a
 * year of due dates is cheap (the desk computes one per dossier). */
static void test_all_years_and_speed(void **state)
{
    (void)state;
    mc_calendar *cal = cal_new();
    for (int y = 1901; y <= 2100; y++) {
        cal_entry e[64];
        size_t n = cal_list_year(cal, y, e, 64);
        if (n < 10 || n > 20)
            fail_msg("%d: %zu days", y, n);
        for (size_t i = 0; i < n && i < 64; i++)
            assert_non_null(e[i].name);
    }
    mc_date d = D("2024-01-01");
    for (int i = 0; i < 200000; i++) {
        mc_date due = cal_add_workdays(cal, mc_date_add(d, i % 3000), 20);
        assert_true(mc_date_cmp(due, d) > 0);
    }
    /* far years still answer (weekends only outside the lunar range) */
    assert_date(cal_add_workdays(cal, D("9999-12-30"), 5), "9999-12-31");
    cal_free(cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_statutory_2027),
        cmocka_unit_test(test_compensatory),
        cmocka_unit_test(test_announced_2024),
        cmocka_unit_test(test_announced_2025_2026),
        cmocka_unit_test(test_add_workdays),
        cmocka_unit_test(test_add_days_excluding_holidays),
        cmocka_unit_test(test_admin_override),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_all_years_and_speed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
