/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The name rule shared by the desk and the centre (person_name.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "person_name.h"

static void test_accepts(void **state)
{
    (void)state;
    const char *ok[] = {"Nguyễn Văn An", "Lê Thị Hoà", "Ông Đỗ", "Hà", "Mc'Kay-Ly"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        char c = 'x';
        assert_int_equal(name_check(ok[i], false, &c), NAME_OK);
        assert_int_equal(c, '\0');
    }
    /* an organisation's name may hold digits and symbols */
    assert_int_equal(name_check("Cong ty TNHH Minh Anh 2", true, NULL), NAME_OK);
    assert_int_equal(name_check("Công ty A&B", true, NULL), NAME_OK);
}

static void test_refuses(void **state)
{
    (void)state;
    char c = 'x';
    assert_int_equal(name_check(NULL, false, &c), NAME_MISSING);
    assert_int_equal(name_check("A", false, &c), NAME_TOO_SHORT);
    assert_int_equal(name_check("Đ", true, &c), NAME_TOO_SHORT);
    assert_int_equal(name_check("12", true, &c), NAME_NO_LETTER);
    assert_int_equal(name_check("-- --", false, &c), NAME_NO_LETTER);
    assert_int_equal(name_check("Nguyễn Văn An 0", false, &c), NAME_BAD_CHAR);
    assert_int_equal(c, '0');
    assert_int_equal(name_check("Trần Thị #Bình", false, &c), NAME_BAD_CHAR);
    assert_int_equal(c, '#');
    assert_int_equal(name_check("Lê\\Văn", false, NULL), NAME_BAD_CHAR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepts),
        cmocka_unit_test(test_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
