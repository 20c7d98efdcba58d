/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The canonical content of an audit row: exact bytes, and no two distinct
 * rows serialise alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "audit.h"
#include "mc_error.h"

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

/* the canonical text is written without printf since issue 15: the same
 * bytes printf would write, for any id, and NULL fields as empty */
static void same_bytes_as_printf(void **state)
{
    (void)state;
    static const int64_t ids[] = {0, 1, 9, 10, 99, 100, 123456789,
                                  INT64_MAX, -1, -10, INT64_MIN};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        char *c = audit_canonical(ids[i], "2026-02-13T09:00:00+07:00", NULL,
                                  "intake", "X-1", "{}", "ab");
        char idbuf[32], want[256];
        snprintf(idbuf, sizeof idbuf, "%" PRId64, ids[i]);
        snprintf(want, sizeof want,
                 "motcua-audit/1\n%zu:%s\n25:2026-02-13T09:00:00+07:00\n0:\n"
                 "6:intake\n3:X-1\n2:{}\n2:ab\n",
                 strlen(idbuf), idbuf);
        assert_string_equal(c, want);
        free(c);
        char u[21];
        assert_int_equal(mc_i64_text(ids[i], u), strlen(idbuf));
        assert_string_equal(u, idbuf);
    }
    char u[21];
    assert_int_equal(mc_u64_text(UINT64_MAX, u), 20);
    assert_string_equal(u, "18446744073709551615");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_bytes),
        cmocka_unit_test(field_boundaries_are_unambiguous),
        cmocka_unit_test(utf8_lengths_are_bytes),
        cmocka_unit_test(same_bytes_as_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
