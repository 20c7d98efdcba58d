/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_vntext.c - NFC, the folded search key, Vietnamese name order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vntext.h"

struct pair {
    const char *in, *want;
};

static void test_fold(void **state)
{
    (void)state;
    static const struct pair t[] = {
        {"Nguyễn Văn An", "nguyen van an"},
        {"ĐẶNG THỊ ĐÀO", "dang thi dao"},
        {"hòa", "hoa"},
        {"hoà", "hoa"},
        {"ho\xcc\x80" "a", "hoa"},    /* combining grave */
        {"thủy", "thuy"},
        {"thuỷ", "thuy"},
        {"  Trần   Hưng\tĐạo  ", "tran hung dao"},
        {"Quận 1, TP. Hồ Chí Minh", "quan 1, tp. ho chi minh"},
        {"bad\xff" "byte", "badbyte"},
        {"", ""},
        {"ưƯơƠăĂâÂêÊôÔ", "uuooaaaaeeoo"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char *got = vn_fold(t[i].in);
        if (strcmp(got, t[i].want) != 0)
            fail_msg("fold(\"%s\") = \"%s\", want \"%s\"", t[i].in, got,
                     t[i].want);
        free(got);
    }
    char *n = vn_fold(NULL);
    assert_string_equal(n, "");
    free(n);
}

static void test_nfc(void **state)
{
    (void)state;
    char *out = NULL;
    mc_error err;
    /* decomposed ệ (e + circumflex + dot below) becomes one code point */
    assert_int_equal(vn_nfc("  Vie\xcc\x82\xcc\xa3t  ", "ho_ten", &out, &err),
                     MC_OK);
    assert_string_equal(out, "Việt");
    assert_int_equal(vn_length(out), 4);
    free(out);
    assert_int_equal(vn_nfc("a\x01" "b", "ho_ten", &out, &err), MC_EINVAL);
    assert_null(out);
    assert_string_equal(err.field, "ho_ten");
    assert_non_null(strstr(err.msg, "U+0001"));
    assert_int_equal(vn_nfc("a\xc3", "dia_chi", &out, &err), MC_EINVAL);
    assert_non_null(strstr(err.msg, "UTF-8"));
    assert_true(vn_utf8_valid("Hà Nội"));
    assert_false(vn_utf8_valid("H\xe0"));
    assert_false(vn_utf8_valid(NULL));
}

static int cmp_names(const void *a, const void *b)
{
    return vn_name_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* Names sort by given name, then family and middle names; letters in the
 * Vietnamese alphabet, tones after letters in CLDR "vi" order. */
static void test_name_order(void **state)
{
    (void)state;
    static const char *const want[] = {
        "Nguyễn Văn An",  "Trần Thị Ánh",   "Lê Văn Ân",   "Phạm Bình",
        "Đỗ Văn Cường",   "Nguyễn Thị Dung", "Trần Hưng Đạo", "Hoàng Đức",
        "Lê Thị Em",      "Vũ Giang",
        "Nguyễn Văn Hoà", "Nguyễn Văn Hòa", /* equal keys: byte order */
        "Ngô Huy",        "Mai Hương",      "Lý Ơn",
        "Trương Ưng",     "Bùi Ý",
    };
    size_t n = sizeof want / sizeof want[0];
    const char *shuffled[sizeof want / sizeof want[0]];
    for (size_t i = 0; i < n; i++)
        shuffled[i] = want[(i * 7 + 3) % n];
    qsort(shuffled, n, sizeof shuffled[0], cmp_names);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(shuffled[i], want[i]);
}

struct order {
    const char *a, *b; /* a sorts strictly before b */
};

static void test_collation_pairs(void **state)
{
    (void)state;
    static const struct order t[] = {
        {"a", "ă"},     {"ă", "â"},     {"â", "b"},    {"d", "đ"},
        {"đ", "e"},     {"e", "ê"},     {"o", "ô"},    {"ô", "ơ"},
        {"ơ", "p"},     {"u", "ư"},     {"ư", "v"},    {"y", "z"},
        {"9", "a"},     {"a", "à"},     {"à", "ả"},    {"ả", "ã"},
        {"ã", "á"},     {"á", "ạ"},     {"ạ", "ă"},    /* tone < letter */
        {"an", "án"},   {"án", "ang"},  {"ma", "Ma"},  {"Ma", "mà"},
        {"An", "An Bình"},
        {"Hoà", "Hòa"}, /* equal keys, names tie-broken byte-wise */
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char *ka = vn_collate_key(t[i].a), *kb = vn_collate_key(t[i].b);
        if (strcmp(t[i].a, "Hoà") == 0 ? strcmp(ka, kb) != 0
                                        : !(strcmp(ka, kb) < 0))
            fail_msg("\"%s\" should sort before \"%s\"", t[i].a, t[i].b);
        free(ka);
        free(kb);
        if (vn_name_cmp(t[i].a, t[i].b) >= 0 && strchr(t[i].a, ' ') == NULL &&
            strchr(t[i].b, ' ') == NULL)
            fail_msg("name \"%s\" should sort before \"%s\"", t[i].a, t[i].b);
    }
    /* NFC and NFD spellings give the same key */
    char *k1 = vn_collate_key("Việt"), *k2 = vn_collate_key("Vie\xcc\x82\xcc\xa3t");
    assert_string_equal(k1, k2);
    free(k1);
    free(k2);
    assert_int_equal(vn_name_cmp("An", "An"), 0);
    assert_true(vn_name_cmp(NULL, "An") < 0);
    char *k = vn_name_key("bad\xff");
    assert_non_null(k);
    free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_name_order),
        cmocka_unit_test(test_collation_pairs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
