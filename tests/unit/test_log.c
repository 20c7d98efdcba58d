/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The log: identity numbers are masked (0011******45), messages stay one
 * line, and MOTCUA_LOG=stderr shows them with their level. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "log.h"

static void masks_identity_numbers(void **state)
{
    (void)state;
    char buf[MC_LOG_MASK_MAX];
    assert_string_equal(mc_log_mask_id("001190012345", buf), "0011******45");
    assert_string_equal(mc_log_mask_id("0123456789", buf), "0123****89");
    assert_string_equal(mc_log_mask_id("12345678", buf), "12****78");
    assert_string_equal(mc_log_mask_id("123456", buf), "******");
    assert_string_equal(mc_log_mask_id("", buf), "");
    assert_string_equal(mc_log_mask_id(NULL, buf), "");
    /* never a byte of a non-ASCII value */
    assert_string_equal(mc_log_mask_id("Nguyễn Văn", buf), "*************");
    /* a very long value is cut, still masked */
    char longid[200];
    memset(longid, '7', sizeof longid - 1);
    longid[sizeof longid - 1] = '\0';
    mc_log_mask_id(longid, buf);
    assert_int_equal(strlen(buf), MC_LOG_MASK_MAX - 1);
    assert_memory_equal(buf, "7777**", 6);
}

static void levels_and_one_line(void **state)
{
    (void)state;
    assert_int_equal(mc_log_level_parse("debug"), MC_LOG_DEBUG);
    assert_int_equal(mc_log_level_parse("warning"), MC_LOG_WARNING);
    assert_int_equal(mc_log_level_parse("loud"), -1);
    char path[] = "/tmp/motcua-log-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    setenv("MOTCUA_LOG", "stderr", 1);
    setenv("MOTCUA_LOG_LEVEL", "notice", 1);
    mc_log_init("motcua-test", 0);
    char buf[MC_LOG_MASK_MAX];
    mc_log(MC_LOG_NOTICE, "intake by %s for %s\nforged line", "canbo1",
           mc_log_mask_id("001190012345", buf));
    mc_log(MC_LOG_DEBUG, "not shown");
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    char text[512] = {0};
    ssize_t n = pread(fd, text, sizeof text - 1, 0);
    close(fd);
    unlink(path);
    assert_true(n > 0);
    assert_string_equal(text, "motcua-test: notice: intake by canbo1 for "
                              "0011******45?forged line\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(masks_identity_numbers),
        cmocka_unit_test(levels_and_one_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
