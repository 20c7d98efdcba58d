/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The daemon's retry delay: exponential with full jitter in [cap/2, cap],
 * capped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sync.h"

static void backoff(void **state)
{
    (void)state;
    assert_int_equal(sync_backoff_seconds(0, 2, 300, 0), 0);
    for (uint32_t r = 0; r < 1000; r += 7) {
        unsigned caps[] = {2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300};
        for (unsigned f = 1; f <= 11; f++) {
            unsigned s = sync_backoff_seconds(f, 2, 300, r);
            unsigned cap = caps[f - 1];
            if (s < cap / 2 || s > cap)
                fail_msg("failure %u rnd %u: %u not in [%u, %u]", f, r, s,
                         cap / 2, cap);
        }
    }
    /* the jitter really spreads */
    assert_int_not_equal(sync_backoff_seconds(6, 2, 300, 0),
                         sync_backoff_seconds(6, 2, 300, 31));
    assert_int_equal(sync_backoff_seconds(40, 2, 300, 0), 150);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(backoff)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
