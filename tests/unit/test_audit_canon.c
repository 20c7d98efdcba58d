/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The canonical content of an audit row: exact bytes, and no two distinct
 * rows serialise alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "audit.h"

static void exact_bytes(void **state)
{
    (void)state;
    char *c = audit_canonical(7, "2026-02-13T16:45:00+07:00", "canbo1",
                              "intake", "H56-260213-0001", "{\"a\":1}",
                              AUDIT_GENESIS);
    assert_string_equal(c, "motcua-audit/1\n"
                           "1:7\n"
                           "25:2026-02-13T16:45:00+07:00\n"
                           "6:canbo1\n"
                           "6:intake\n"
                           "15:H56-260213-0001\n"
                           "7:{\"a\":1}\n"
                           "64:" AUDIT_GENESIS "\n");
    free(c);
}

static void field_boundaries_are_unambiguous(void **state)
{
    (void)state;
    /* moving text from one field to the next must change the content */
    char *a = audit_canonical(1, "t", "ab", "c", "o", "d", "p");
    char *b = audit_canonical(1, "t", "a", "bc", "o", "d", "p");
    char *c = audit_canonical(1, "t", "a\n1:b", "c", "o", "d", "p");
    assert_string_not_equal(a, b);
    assert_string_not_equal(a, c);
    assert_string_not_equal(b, c);
    free(a);
    free(b);
    free(c);
}

static void utf8_lengths_are_bytes(void **state)
{
    (void)state;
    char *c = audit_canonical(1, "t", "Hường", "a", "o", "{}", "p");
    assert_non_null(strstr(c, "\n8:Hường\n")); /* 8 bytes, 5 characters */
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_bytes),
        cmocka_unit_test(field_boundaries_are_unambiguous),
        cmocka_unit_test(utf8_lengths_are_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
