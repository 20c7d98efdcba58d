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

/* The fast paths (a table per code point for Latin text) give what the
 * libunistring path gives.  A CJK letter (kept by the fold, outside the
 * table) sends a text down the slow path, so for every code point c of the
 * table and a few neighbours, fold("x" c "y" tail) must equal
 * fold("x" c "y") + " " + tail, and NFC likewise. */
static size_t put_cp(char *b, unsigned c)
{
    if (c < 0x80) {
        b[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    b[0] = (char)(0xE0 | (c >> 12));
    b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    b[2] = (char)(0x80 | (c & 0x3F));
    return 3;
}

static void check_fast_slow(const char *fast)
{
    static const char tail[] = " \xe4\xb8\x80"; /* U+4E00 */
    char slow_in[64];
    snprintf(slow_in, sizeof slow_in, "%s%s", fast, tail);
    char *a = vn_fold(fast), *b = vn_fold(slow_in);
    char want[80];
    snprintf(want, sizeof want, "%s%s%s", a, *a ? " " : "", tail + 1);
    if (strcmp(b, want) != 0)
        fail_msg("fold(\"%s\") = \"%s\", slow path \"%s\"", fast, a, b);
    free(a);
    free(b);
    char *na = NULL, *nb = NULL;
    mc_error err;
    mc_status ra = vn_nfc(fast, "f", &na, &err);
    mc_status rb = vn_nfc(slow_in, "f", &nb, &err);
    assert_int_equal(ra, rb);
    if (ra == MC_OK) {
        snprintf(want, sizeof want, "%s%s", na, tail);
        if (strcmp(nb, want) != 0 && *na)
            fail_msg("nfc(\"%s\") = \"%s\", slow path \"%s\"", fast, na,
                     nb);
    }
    free(na);
    free(nb);
}

static void test_fast_paths(void **state)
{
    (void)state;
    static const unsigned ranges[][2] = {{0x20, 0x7F},     {0xA0, 0x400},
                                         {0x1DF0, 0x1F10}, {0x2C60, 0x2C70}};
    for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++)
        for (unsigned c = ranges[r][0]; c < ranges[r][1]; c++) {
            char in[16];
            size_t n = 0;
            in[n++] = 'x';
            n += put_cp(in + n, c);
            in[n++] = 'y';
            in[n] = '\0';
            check_fast_slow(in);
            /* the code point after a letter and before a mark */
            n = 0;
            in[n++] = 'A';
            n += put_cp(in + n, c);
            n += put_cp(in + n, 0x301);
            in[n] = '\0';
            check_fast_slow(in);
        }
    check_fast_slow("Nguye\xcc\x82\xcc\x83n Th\xe1\xbb\x8b H\xc6\xb0\xe1\xbb\x9dng");
    check_fast_slow("\xe1\xba\x9e\xc8\xba"); /* U+1E9E U+023A: longer lower case */
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
        cmocka_unit_test(test_fast_paths),
        cmocka_unit_test(test_name_order),
        cmocka_unit_test(test_collation_pairs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
