/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_ids.c - identity numbers: every rejection says why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "ids.h"

#define YEAR 2025

enum kind { CCCD, CMND, PERSON, BHXH, PHONE, TAX };

struct id_case {
    enum kind kind;
    const char *input;
    const char *want; /* canonical form, or NULL when invalid */
    const char *msg;  /* a part of the message when invalid */
};

static mc_status check(enum kind k, const char *s, char out[ID_MAX],
                       mc_error *err)
{
    switch (k) {
    case CCCD:
        return id_check_cccd(s, YEAR, "so_cccd", out, err);
    case CMND:
        return id_check_cmnd(s, "so_cmnd", out, err);
    case PERSON:
        return id_check_person(s, YEAR, "so_giay_to", out, err);
    case BHXH:
        return id_check_bhxh(s, YEAR, "ma_bhxh", out, err);
    case PHONE:
        return id_check_phone(s, "dien_thoai", out, err);
    case TAX:
        return id_check_taxcode(s, "mst", out, err);
    }
    return MC_EINVAL;
}

static const struct id_case cases[] = {
    /* CCCD: province, century/gender digit, birth year */
    {CCCD, "001090123456", "001090123456", NULL},
    {CCCD, " 079 203 001234 ", "079203001234", NULL},
    {CCCD, "096325000001", "096325000001", NULL}, /* female, 2025 */
    {CCCD, "00109012345", NULL, "Số CCCD phải có 12 chữ số (đang có 11)"},
    {CCCD, "0010901234567", NULL, "phải có 12 chữ số (đang có 13)"},
    {CCCD, "", NULL, "Chưa nhập Số CCCD"},
    {CCCD, "00109O123456", NULL, "ký tự thứ 6 là \"O\""},
    {CCCD, "00109đ123456", NULL, "ký tự thứ 6 là \"đ\""},
    {CCCD, "003090123456", NULL, "mã tỉnh nơi đăng ký khai sinh \"003\""},
    {CCCD, "097090123456", NULL, "\"097\""},
    {CCCD, "001226123456", NULL, "năm sinh 2026"},
    {CCCD, "001490123456", NULL, "năm sinh 2190"},
    {CCCD, "001890123456", NULL, "thế kỷ 19"},
    /* CMND and the person field taking either */
    {CMND, "123456789", "123456789", NULL},
    {CMND, "12345678", NULL, "Số CMND phải có 9 chữ số (đang có 8)"},
    {PERSON, "123 456 789", "123456789", NULL},
    {PERSON, "001090123456", "001090123456", NULL},
    {PERSON, "1234567890", NULL, "(đang có 10)"},
    /* BHXH: 10 digits, or the CCCD in its place */
    {BHXH, "0123456789", "0123456789", NULL},
    {BHXH, "001090123456", "001090123456", NULL},
    {BHXH, "003090123456", NULL, "mã tỉnh"},
    {BHXH, "012345678", NULL, "Mã số BHXH phải có 10 chữ số"},
    {BHXH, "01234567a9", NULL, "ký tự thứ 9 là \"a\""},
    /* phones: canonical 0-form */
    {PHONE, "0912345678", "0912345678", NULL},
    {PHONE, "+84 912 345 678", "0912345678", NULL},
    {PHONE, "84912345678", "0912345678", NULL},
    {PHONE, "0084 912.345.678", "0912345678", NULL},
    {PHONE, "0328-123-456", "0328123456", NULL},
    {PHONE, "(024) 3825 1234", "02438251234", NULL},
    {PHONE, "+84 24 3825 1234", "02438251234", NULL},
    {PHONE, "0203 123 4567", "02031234567", NULL},
    {PHONE, "0312345678", NULL, "đầu số 031"},
    {PHONE, "0112345678", NULL, "đầu số 011"},
    {PHONE, "091234567", NULL, "di động phải có 10 chữ số (đang có 9)"},
    {PHONE, "09123456789", NULL, "(đang có 11)"},
    {PHONE, "0243825123", NULL, "cố định (02x) phải có 11 chữ số"},
    {PHONE, "+1 202 555 0100", NULL, "+84"},
    {PHONE, "+84 0912 345 678", NULL, "sau +84"},
    {PHONE, "912345678", NULL, "bắt đầu bằng 0"},
    {PHONE, "09x2345678", NULL, "ký tự thứ 3 là \"x\""},
    {PHONE, "", NULL, "Chưa nhập Số điện thoại"},
    /* tax codes (valid ones from python-stdnum's test list) */
    {TAX, "0100233488", "0100233488", NULL},
    {TAX, "01.00.112.437", "0100112437", NULL},
    {TAX, "0314409058-002", "0314409058-002", NULL},
    {TAX, "0312 68 78 78 - 001", "0312687878-001", NULL},
    {TAX, "0100112437011", "0100112437-011", NULL},
    {TAX, "8037630690", "8037630690", NULL},
    {TAX, "1000000040", "1000000040", NULL}, /* remainder 10 -> check 0 */
    {TAX, "0100233480", NULL, "chữ số kiểm tra (thứ 10) phải là 8"},
    {TAX, "1000000080", NULL, "không có chữ số kiểm tra hợp lệ"},
    {TAX, "0100000008", NULL, "không thể đều là 0"},
    {TAX, "0314409058-000", NULL, "không thể là 000"},
    {TAX, "12345", NULL, "(đang có 5)"},
    {TAX, "VV34567890", NULL, "có \"V\""},
    {TAX, "031440905-8002", NULL, "NNNNNNNNNN-NNN"},
    {TAX, "0314409058-00-2", NULL, "NNNNNNNNNN-NNN"},
    {TAX, "", NULL, "Chưa nhập Mã số thuế"},
};

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct id_case *c = &cases[i];
        char out[ID_MAX] = "";
        mc_error err;
        mc_error_clear(&err);
        mc_status rc = check(c->kind, c->input, out, &err);
        if (c->want) {
            if (rc != MC_OK)
                fail_msg("case %zu \"%s\": %s", i, c->input, err.msg);
            assert_string_equal(out, c->want);
        } else {
            if (rc != MC_EINVAL)
                fail_msg("case %zu \"%s\" accepted as %s", i, c->input, out);
            if (!strstr(err.msg, c->msg))
                fail_msg("case %zu \"%s\": \"%s\" lacks \"%s\"", i, c->input,
                         err.msg, c->msg);
            assert_true(err.field[0] != '\0');
        }
    }
}

/* the valid numbers python-stdnum collected online all pass */
static void test_taxcodes_found_online(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "0101245486",     "0102182292",     "0102641429-066", "0102721191-001",
        "0105022466",     "0107959889",     "0200747399",     "0300533351",
        "0305000124",     "0311 916 028",   "0401 443 048",   "1300440846-008",
        "2000102580-005", "3100104093-009", "3603718156",     "5900705097",
        "8463763902",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        mc_error err;
        if (id_check_taxcode(ok[i], "mst", NULL, &err) != MC_OK)
            fail_msg("%s: %s", ok[i], err.msg);
    }
    /* changing any one digit of a valid code is caught */
    char buf[11] = "0100233488";
    for (int i = 0; i < 10; i++) {
        char save = buf[i];
        buf[i] = (char)('0' + (save - '0' + 1) % 10);
        mc_error err;
        assert_int_equal(id_check_taxcode(buf, "mst", NULL, &err), MC_EINVAL);
        buf[i] = save;
    }
}

static void test_provinces(void **state)
{
    (void)state;
    assert_string_equal(id_province_name("001"), "Hà Nội");
    assert_string_equal(id_province_name("079"), "Hồ Chí Minh");
    assert_string_equal(id_province_name("096"), "Cà Mau");
    assert_null(id_province_name("003"));
    assert_null(id_province_name("0011"));
    assert_null(id_province_name(NULL));
    assert_int_equal(id_province_count(), 63);
    const char *prev = "000";
    for (size_t i = 0; i < id_province_count(); i++) {
        const char *name = NULL;
        const char *code = id_province_at(i, &name);
        assert_true(strcmp(prev, code) < 0); /* sorted for bsearch */
        assert_string_equal(id_province_name(code), name);
        prev = code;
    }
    assert_null(id_province_at(63, NULL));
}

static void test_null_and_long(void **state)
{
    (void)state;
    mc_error err;
    char out[ID_MAX];
    assert_int_equal(id_check_cccd(NULL, YEAR, "f", out, &err), MC_EINVAL);
    assert_int_equal(id_check_phone(NULL, "f", out, &err), MC_EINVAL);
    char big[200];
    memset(big, '1', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(id_check_taxcode(big, "f", out, &err), MC_EINVAL);
    assert_non_null(strstr(err.msg, "quá dài"));
    assert_int_equal(id_check_bhxh(big, YEAR, "f", NULL, NULL), MC_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_taxcodes_found_online),
        cmocka_unit_test(test_provinces),
        cmocka_unit_test(test_null_and_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
