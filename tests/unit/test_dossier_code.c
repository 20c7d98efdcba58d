/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier code format (DOMAIN.md section 3). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dossier_code.h"

static void format_pads_to_four_and_grows(void **state)
{
    (void)state;
    char buf[DCODE_MAX];
    mc_error e;
    mc_date d = {2023, 10, 27};
    assert_int_equal(dcode_format("000.00.06.H56", d, 361, buf, &e), MC_OK);
    assert_string_equal(buf, "000.00.06.H56-231027-0361");
    assert_int_equal(dcode_format("H56.14", d, 1, buf, &e), MC_OK);
    assert_string_equal(buf, "H56.14-231027-0001");
    assert_int_equal(dcode_format("H56.14", d, 12345, buf, &e), MC_OK);
    assert_string_equal(buf, "H56.14-231027-12345");
    assert_int_equal(dcode_format("H56.14", (mc_date){2100, 1, 2}, 9999, buf,
                                  &e), MC_OK);
    assert_string_equal(buf, "H56.14-000102-9999");
}

static void agency_rules(void **state)
{
    (void)state;
    mc_error e;
    char buf[DCODE_MAX];
    mc_date d = {2026, 2, 13};
    assert_int_equal(dcode_check_agency("000.00.06.H56", &e), MC_OK);
    assert_int_equal(dcode_check_agency("", &e), MC_EINVAL);
    assert_int_equal(dcode_check_agency("h56.14", &e), MC_EINVAL);
    assert_non_null(strstr(e.msg, "'h'"));
    assert_int_equal(dcode_check_agency("H56-14", &e), MC_EINVAL);
    assert_int_equal(dcode_check_agency("123456789012345678901234567890123456",
                                        &e), MC_EINVAL); /* 36 > 35 */
    assert_int_equal(dcode_check_agency("12345678901234567890123456789012345",
                                        &e), MC_OK);
    assert_int_equal(dcode_format("H56", d, 0, buf, &e), MC_EINVAL);
}

static void parse_round_trip(void **state)
{
    (void)state;
    dcode_parts p;
    assert_true(dcode_parse("000.00.06.H56-231027-0361", &p));
    assert_string_equal(p.agency, "000.00.06.H56");
    assert_int_equal(p.yy, 23);
    assert_int_equal(p.mm, 10);
    assert_int_equal(p.dd, 27);
    assert_int_equal(p.seq, 361);
    assert_true(dcode_parse("H56.14-260213-12345", &p));
    assert_int_equal(p.seq, 12345);
    static const char *bad[] = {
        "", "H56", "H56-231027", "H56-231027-361", "H56-231327-0001",
        "H56-230230-0001", "H56-231027-0000", "H56-231027-00361",
        "h56-231027-0001", "-231027-0001", "H56-23102-0001", "H56-231027-00a1",
        "H56--231027-0001",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (dcode_parse(bad[i], NULL))
            fail_msg("accepted \"%s\"", bad[i]);
}

static void scans(void **state)
{
    (void)state;
    char out[DCODE_MAX];
    assert_true(dcode_from_scan("000.00.06.H56-231027-0361\r\n", out));
    assert_string_equal(out, "000.00.06.H56-231027-0361");
    assert_true(dcode_from_scan(
        "https://dichvucong.baohiemxahoi.gov.vn/tra-cuu/H56.14-260213-0007",
        out));
    assert_string_equal(out, "H56.14-260213-0007");
    assert_true(dcode_from_scan("https://x.vn/lookup?code=H56.14-260213-0007&l=vi",
                                out));
    assert_string_equal(out, "H56.14-260213-0007");
    assert_false(dcode_from_scan("nguyen thi huong", out));
    assert_false(dcode_from_scan("https://x.vn/lookup/", out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_pads_to_four_and_grows),
        cmocka_unit_test(agency_rules),
        cmocka_unit_test(parse_round_trip),
        cmocka_unit_test(scans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
