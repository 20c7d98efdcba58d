/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Civil dates and Vietnam-time timestamps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "date.h"

static void parse_and_format(void **state)
{
    (void)state;
    mc_ts t;
    char buf[26];
    assert_true(mc_ts_parse("2026-02-13T16:45:00+07:00", &t));
    mc_ts_format_vn(t, buf);
    assert_string_equal(buf, "2026-02-13T16:45:00+07:00");
    assert_true(mc_ts_parse("2026-02-13T09:45:00Z", &t));
    mc_ts_format_vn(t, buf);
    assert_string_equal(buf, "2026-02-13T16:45:00+07:00");
    /* 23:30 UTC is already the next day in Vietnam */
    assert_true(mc_ts_parse("2026-12-31T17:30:00Z", &t));
    mc_date d = mc_ts_vn_date(t);
    assert_int_equal(d.y, 2027);
    assert_int_equal(d.m, 1);
    assert_int_equal(d.d, 1);
    assert_int_equal(mc_ts_vn_minute(t), 30);
    assert_true(mc_ts_parse("2026-02-13 16:45", &t)); /* no offset: VN time */
    mc_ts_format_vn(t, buf);
    assert_string_equal(buf, "2026-02-13T16:45:00+07:00");
    assert_false(mc_ts_parse("2026-02-30T10:00:00+07:00", &t));
    assert_false(mc_ts_parse("2026-02-13T24:00:00+07:00", &t));
    assert_false(mc_ts_parse("2026-02-13T10:00:00+0700", &t));
    assert_false(mc_ts_parse("yesterday", &t));
}

/* the hand-written formatting gives what snprintf gave, over every hour
 * and minute, centuries apart, and years past 9999 (kept to 4 digits) */
static void format_like_snprintf(void **state)
{
    (void)state;
    for (int64_t t = -5000000000LL; t < 300000000000LL; t += 86400LL * 389 + 3677) {
        int64_t local = t + MC_VN_OFFSET_SECONDS;
        int64_t days = local / 86400 - (local % 86400 < 0);
        int64_t sec = local - days * 86400;
        mc_date d = mc_date_from_days(days);
        char want[64], got[26], wd[64], gd[11];
        snprintf(want, sizeof want, "%04u-%02u-%02uT%02u:%02u:%02u+07:00",
                 (unsigned)d.y % 10000u, (unsigned)d.m % 100u,
                 (unsigned)d.d % 100u, (unsigned)(sec / 3600) % 100u,
                 (unsigned)(sec / 60 % 60) % 100u, (unsigned)(sec % 60) % 100u);
        mc_ts_format_vn(t, got);
        assert_string_equal(got, want);
        snprintf(wd, sizeof wd, "%04u-%02u-%02u", (unsigned)d.y % 10000u,
                 (unsigned)d.m % 100u, (unsigned)d.d % 100u);
        mc_date_format(d, gd);
        assert_string_equal(gd, wd);
    }
}

static void dates(void **state)
{
    (void)state;
    mc_date d;
    assert_true(mc_date_parse("2024-02-29", &d));
    assert_false(mc_date_parse("2023-02-29", &d));
    assert_false(mc_date_parse("2023-2-9", &d));
    assert_int_equal(mc_date_weekday((mc_date){2026, 2, 13}), 5); /* Friday */
    assert_int_equal(mc_date_weekday((mc_date){1970, 1, 1}), 4);
    mc_date n = mc_date_add((mc_date){2024, 2, 28}, 2);
    assert_int_equal(n.m, 3);
    assert_int_equal(n.d, 1);
    char buf[11];
    mc_date_format_vn((mc_date){2026, 3, 3}, buf);
    assert_string_equal(buf, "03/03/2026");
    for (int64_t k = -800000; k < 800000; k += 997)
        assert_int_equal(mc_date_to_days(mc_date_from_days(k)), k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_and_format),
        cmocka_unit_test(format_like_snprintf),
        cmocka_unit_test(dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
