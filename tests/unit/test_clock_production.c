/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The clock of a production build (CMake MOTCUA_TEST_CLOCK=OFF, the Debian
 * package): MOTCUA_NOW cannot backdate anything or shorten a sign-in
 * lockout; it is refused with a warning and the real clock is used, unless
 * an administrator allows it for the database, which is audited.
 *
 * The test builds src/core/clock.c itself without MOTCUA_TEST_CLOCK (the
 * static core library's copy is then not linked), so the production
 * behaviour is tested in the ordinary test build. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#undef MOTCUA_TEST_CLOCK
#include "../../src/core/clock.c"

#include "desk.h"

#define PINNED "2020-01-02T09:00:00+07:00"
#define ADMIN_PW "admin-pass-1"
#define CLERK_PW "clerk-pass-1"

static char dir[64];
static char db[128];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/motcua-clock-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/office.db", dir);
    unsetenv("MOTCUA_NOW");
    desk_init_opts o = {.office_code = "000.00.06.H56",
                        .office_name = "BHXH test",
                        .admin_login = "admin",
                        .admin_password = ADMIN_PW};
    mc_error err = {0};
    if (desk_init(db, &o, &err) != MC_OK) {
        fprintf(stderr, "init: %s\n", err.msg);
        return -1;
    }
    mc_desk *d;
    if (desk_open(db, &d, &err) != MC_OK ||
        desk_login(d, "admin", ADMIN_PW, &err) != MC_OK ||
        desk_user_add(d, "canbo1", "Cán bộ", "clerk", CLERK_PW, &err) !=
            MC_OK) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    desk_close(d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    const char *suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        char p[160];
        snprintf(p, sizeof p, "%s%s", db, suffix[i]);
        unlink(p);
    }
    return rmdir(dir);
}

static int64_t audit_rows(mc_desk *d)
{
    desk_audit_result res;
    mc_error err = {0};
    assert_int_equal(desk_audit_verify(d, &res, &err), MC_OK);
    assert_int_equal(res.first_bad, 0);
    return res.rows;
}

static void refused_in_a_production_build(void **state)
{
    (void)state;
    assert_false(mc_clock_pin_built_in());
    setenv("MOTCUA_NOW", PINNED, 1);
    mc_desk *d;
    mc_error err = {0};
    assert_int_equal(desk_open(db, &d, &err), MC_OK);
    assert_false(desk_clock_pin_allowed(d));
    assert_false(mc_clock_pinned(NULL));
    assert_true(mc_clock_pin_refused());
    time_t before = time(NULL);
    mc_ts now = desk_now(d);
    assert_true(now >= before && now <= time(NULL) + 1);
    /* the desk's own clock is not the pinned year */
    assert_int_not_equal(mc_ts_vn_date(now).y, 2020);
    desk_close(d);
    unsetenv("MOTCUA_NOW");
}

static void a_lockout_cannot_be_shortened(void **state)
{
    (void)state;
    mc_desk *d;
    mc_error err = {0};
    assert_int_equal(desk_open(db, &d, &err), MC_OK);
    for (int i = 0; i < 5; i++)
        assert_int_equal(desk_login(d, "canbo1", "wrong-pass-9", &err),
                         MC_EAUTH);
    assert_int_equal(desk_login(d, "canbo1", CLERK_PW, &err), MC_EAUTH);
    /* a clock pinned a day ahead would end the 15-minute lock */
    char later[26];
    mc_ts_format_vn((mc_ts)time(NULL) + 86400, later);
    setenv("MOTCUA_NOW", later, 1);
    assert_int_equal(desk_login(d, "canbo1", CLERK_PW, &err), MC_EAUTH);
    assert_non_null(strstr(err.msg, "canbo1"));
    unsetenv("MOTCUA_NOW");
    desk_close(d);
}

static void only_an_admin_allows_it_and_it_is_audited(void **state)
{
    (void)state;
    mc_desk *d;
    mc_error err = {0};
    assert_int_equal(desk_open(db, &d, &err), MC_OK);
    /* a clerk may not (canbo1 is locked by the test above: use a fresh
     * clerk) */
    assert_int_equal(desk_login(d, "admin", ADMIN_PW, &err), MC_OK);
    assert_int_equal(
        desk_user_add(d, "canbo2", "Cán bộ 2", "clerk", CLERK_PW, &err), MC_OK);
    desk_close(d);
    assert_int_equal(desk_open(db, &d, &err), MC_OK);
    assert_int_equal(desk_login(d, "canbo2", CLERK_PW, &err), MC_OK);
    assert_int_equal(desk_clock_pin_set(d, true, &err), MC_EFORBIDDEN);
    assert_false(desk_clock_pin_allowed(d));
    desk_close(d);

    /* the administrator allows it: one audit row */
    assert_int_equal(desk_open(db, &d, &err), MC_OK);
    assert_int_equal(desk_login(d, "admin", ADMIN_PW, &err), MC_OK);
    int64_t rows = audit_rows(d);
    assert_int_equal(desk_clock_pin_set(d, true, &err), MC_OK);
    assert_int_equal(audit_rows(d), rows + 1);
    desk_close(d);

    /* the setting is kept in the database; each sign-in under the pinned
     * clock is one more audit row */
    setenv("MOTCUA_NOW", PINNED, 1);
    assert_int_equal(desk_open(db, &d, &err), MC_OK);
    assert_true(desk_clock_pin_allowed(d));
    mc_ts at;
    assert_true(mc_clock_pinned(&at));
    assert_int_equal(mc_ts_vn_date(desk_now(d)).y, 2020);
    assert_int_equal(desk_login(d, "canbo2", CLERK_PW, &err), MC_OK);
    assert_int_equal(audit_rows(d), rows + 2);
    desk_close(d);

    /* forbidden again: the real clock, audited */
    unsetenv("MOTCUA_NOW");
    assert_int_equal(desk_open(db, &d, &err), MC_OK);
    assert_int_equal(desk_login(d, "admin", ADMIN_PW, &err), MC_OK);
    assert_int_equal(desk_clock_pin_set(d, false, &err), MC_OK);
    assert_int_equal(audit_rows(d), rows + 3);
    desk_close(d);
    setenv("MOTCUA_NOW", PINNED, 1);
    assert_int_equal(desk_open(db, &d, &err), MC_OK);
    assert_false(desk_clock_pin_allowed(d));
    assert_int_not_equal(mc_ts_vn_date(desk_now(d)).y, 2020);
    desk_close(d);
    unsetenv("MOTCUA_NOW");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refused_in_a_production_build),
        cmocka_unit_test(a_lockout_cannot_be_shortened),
        cmocka_unit_test(only_an_admin_allows_it_and_it_is_audited),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
