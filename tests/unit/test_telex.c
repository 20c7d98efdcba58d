/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_telex.c - Telex and VNI, table-driven.  Cases marked "bamboo" come
 * from bamboo-core's bamboo_test.go (Telex 2 / VNI, standard flags). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "telex.h"

struct tcase {
    const char *keys;
    const char *want;
};

static void run_table(const struct tcase *t, size_t n, telex_method m,
                      bool new_style)
{
    for (size_t i = 0; i < n; i++) {
        char *got = telex_convert(t[i].keys, m, new_style);
        if (strcmp(got, t[i].want) != 0)
            fail_msg("%s: \"%s\" gave \"%s\", want \"%s\"",
                     m == TELEX_METHOD_VNI ? "VNI" : "Telex", t[i].keys, got,
                     t[i].want);
        free(got);
    }
}

static const struct tcase telex_cases[] = {
    /* the rules */
    {"aa", "â"}, {"aw", "ă"}, {"ee", "ê"}, {"oo", "ô"}, {"ow", "ơ"},
    {"uw", "ư"}, {"dd", "đ"}, {"w", "ư"}, {"tw", "tư"}, {"as", "á"},
    {"af", "à"}, {"ar", "ả"}, {"ax", "ã"}, {"aj", "ạ"}, {"asz", "a"},
    {"ass", "as"}, {"asss", "ass"}, {"aaa", "aa"}, {"ddd", "dd"},
    {"Nguyeenx", "Nguyễn"}, {"huwowngf", "hường"}, {"hoaf", "hòa"},
    {"thuyr", "thủy"}, {"khoer", "khỏe"},
    /* tone typed early moves as the word grows */
    {"hofa", "hòa"}, {"tieesng", "tiếng"}, {"tiengse", "tiếng"}, {"toasn", "toán"},
    {"nguowif", "người"}, {"nguoiwf", "người"}, {"truwowngf", "trường"},
    {"truongwf", "trường"}, {"quys", "quý"}, {"quoocs", "quốc"},
    {"gias", "giá"}, {"gif", "gì"}, {"giuwx", "giữ"}, {"khuyeens", "khuyến"},
    {"khoais", "khoái"}, {"xoays", "xoáy"}, {"khuyru", "khuỷu"},
    {"dduwowcj", "được"}, {"Vieetj Nam", "Việt Nam"},
    {"Thành phoos Hoof Chis Minh", "Thành phố Hồ Chí Minh"},
    {"BAOR HIEERM XAX HOOJI", "BẢO HIỂM XÃ HỘI"},
    {"DDaij", "Đại"}, {"muwa", "mưa"}, {"huwu", "hưu"}, {"guwir", "gửi"},
    {"thuowr", "thuở"}, {"xoawn", "xoăn"}, {"Ddawkj Lawkj", "Đặk Lặk"},
    {"so 12, ngox 3", "so 12, ngõ 3"}, {"", ""},
    {"ddi ddaau ddos?", "đi đâu đó?"},
    /* bamboo-core */
    {"chuaarn", "chuẩn"}, {"giamaf", "giầm"}, {"ddafi", "đài"},
    {"mootj", "một"}, {"Thuow", "Thuơ"}, {"loanj", "loạn"},
    {"VIEETJ", "VIỆT"}, {"wowfi", "ười"}, {"catr", "catr"},
    {"toowi", "tơi"}, {"aloo", "alô"}, {"tooss", "tôs"}, {"tosos", "tôs"},
    {"ww", "w"}, {"wiw", "uiw"}, {"duwoi", "dươi"}, {"oddp", "ođp"},
    {"gisa", "giá"}, {"toorr", "tôr"}, {"tnoss", "tnos"},
    {"ddawks", "đắk"}, {"tooi oo HIEEUR", "tôi ô HIỂU"},
    {"NGUOIW", "NGƯƠI"}, {"bieecs", "biếc"}, {"uese", "uế"},
    {"reff", "ref"},
    /* u o w (Unikey and bamboo agree): uơ at the end, ươ once the word
     * goes on; a second w horns the u as well, a third undoes both */
    {"uow", "uơ"}, {"uoww", "ươ"}, {"uowww", "uow"}, {"uowwww", "uoww"},
    {"UOWW", "ƯƠ"}, {"huow", "huơ"}, {"huowf", "huờ"}, {"huoww", "hươ"},
    {"huowwf", "hườ"},
    {"truowng", "trương"}, {"truowngf", "trường"}, {"truowwng", "trương"},
    {"nguoww", "ngươ"}, {"nguowwif", "người"}, {"dduowwcj", "được"},
    {"uwow", "ươ"} /* bamboo */,
};

static const struct tcase telex_new_style[] = {
    {"hoaf", "hoà"}, {"thuyr", "thuỷ"}, {"khoer", "khoẻ"},
    {"choas", "choá"}, /* bamboo, new style */
    {"toans", "toán"}, {"muaf", "mùa"}, {"quys", "quý"},
};

static const struct tcase vni_cases[] = {
    {"Nguye6n4", "Nguyễn"}, {"tie61ng", "tiếng"}, {"d9i", "đi"},
    {"a6", "â"}, {"a8", "ă"}, {"o7", "ơ"}, {"u7", "ư"}, {"u7o7", "ươ"},
    {"thuo73", "thuở"}, {"duo7ng", "dương"},
    {"hu7o7ng2", "hường"}, {"huong72", "hường"}, {"Vie65t", "Việt"},
    {"hoa2", "hòa"}, {"a11", "a1"}, {"o55", "o5"}, /* bamboo */
    {"a10", "a"}, {"so61 12", "số 12"}, {"d99", "d9"},
    {"Ba3o hie63m xa4 ho65i", "Bảo hiểm xã hội"}, {"w", "w"},
    /* 7 after u o: the same steps as Telex's w */
    {"uo7", "uơ"}, {"uo77", "ươ"}, {"uo777", "uo7"}, {"tru7o7ng", "trương"},
    {"truo77ng2", "trường"},
};

static void test_telex_table(void **state)
{
    (void)state;
    run_table(telex_cases, sizeof telex_cases / sizeof telex_cases[0],
              TELEX_METHOD_TELEX, false);
}

static void test_telex_new_style(void **state)
{
    (void)state;
    run_table(telex_new_style, sizeof telex_new_style / sizeof telex_new_style[0],
              TELEX_METHOD_TELEX, true);
}

static void test_vni_table(void **state)
{
    (void)state;
    run_table(vni_cases, sizeof vni_cases / sizeof vni_cases[0],
              TELEX_METHOD_VNI, false);
}

/* The incremental interface a TUI uses: one key at a time, the current
 * word after each, backspace, and TELEX_BREAK for separators. */
static void test_incremental(void **state)
{
    (void)state;
    static const char *const steps[] = {"h", "hu", "hư", "hưo", "hươ",
                                        "hươn", "hương", "hường"};
    telex t;
    telex_init(&t, TELEX_METHOD_TELEX, false);
    const char *keys = "huwowngf";
    char buf[64];
    for (size_t i = 0; keys[i]; i++) {
        assert_int_equal(telex_feed(&t, (unsigned char)keys[i]), TELEX_WORD);
        telex_word(&t, buf, sizeof buf);
        assert_string_equal(buf, steps[i]);
    }
    assert_int_equal(telex_feed(&t, ' '), TELEX_BREAK);
    assert_int_equal(telex_feed(&t, '1'), TELEX_BREAK);
    assert_int_equal(telex_feed(&t, 0x1EA1), TELEX_BREAK);
    /* backspace keeps the tone on what is left (bamboo: loanj -> lọa) */
    telex_reset(&t);
    for (const char *p = "loanj"; *p; p++)
        telex_feed(&t, (unsigned char)*p);
    assert_true(telex_backspace(&t));
    telex_word(&t, buf, sizeof buf);
    assert_string_equal(buf, "lọa");
    while (telex_backspace(&t))
        ;
    assert_int_equal(telex_word(&t, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    assert_false(telex_backspace(&t));
    /* a small buffer is truncated but the needed length is reported */
    for (const char *p = "nguowif"; *p; p++)
        telex_feed(&t, (unsigned char)*p);
    char small[4];
    assert_int_equal(telex_word(&t, small, sizeof small), strlen("người"));
    assert_int_equal(strlen(small), 3);
}

static void test_long_and_odd_input(void **state)
{
    (void)state;
    char keys[200];
    memset(keys, 'b', sizeof keys - 1);
    keys[sizeof keys - 1] = '\0';
    char *got = telex_convert(keys, TELEX_METHOD_TELEX, false);
    assert_string_equal(got, keys); /* split into words, nothing lost */
    free(got);
    got = telex_convert("a\xff" "as\xc3", TELEX_METHOD_TELEX, false);
    assert_string_equal(got, "ấ"); /* invalid bytes dropped, unseen */
    free(got);
    got = telex_convert("Hà Nội aa", TELEX_METHOD_TELEX, false);
    assert_string_equal(got, "Hà Nội â");
    free(got);
    got = telex_convert(NULL, TELEX_METHOD_VNI, false);
    assert_string_equal(got, "");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_telex_table),
        cmocka_unit_test(test_telex_new_style),
        cmocka_unit_test(test_vni_table),
        cmocka_unit_test(test_incremental),
        cmocka_unit_test(test_long_and_odd_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
