/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The status machine against DOMAIN.md section 2, written out by hand as
 * an independent matrix: every pair of statuses is checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "status.h"

/* allowed[from][to] as DOMAIN.md states it */
static bool allowed(mc_dossier_status f, mc_dossier_status t)
{
    switch (f) {
    case ST_RECEIVED:
        return t == ST_PROCESSING || t == ST_SUPPLEMENT_REQUESTED ||
               t == ST_WITHDRAWN;
    case ST_PROCESSING:
        return t == ST_SUPPLEMENT_REQUESTED || t == ST_DONE ||
               t == ST_STOPPED || t == ST_WITHDRAWN;
    case ST_SUPPLEMENT_REQUESTED:
        return t == ST_PROCESSING || t == ST_WITHDRAWN || t == ST_STOPPED;
    case ST_DONE:
        return t == ST_RETURNED;
    default:
        return false; /* refused, withdrawn, stopped, returned are final */
    }
}

static void every_pair(void **state)
{
    (void)state;
    int n_allowed = 0;
    for (int f = 0; f < ST__COUNT; f++)
        for (int t = 0; t < ST__COUNT; t++) {
            unsigned req = 99;
            mc_transition_check c =
                status_check((mc_dossier_status)f, (mc_dossier_status)t,
                             ROLE_DESK | ROLE_CENTRAL, &req);
            bool ok = c == TR_OK;
            if (ok != allowed((mc_dossier_status)f, (mc_dossier_status)t))
                fail_msg("%s -> %s: machine says %d", status_name(f),
                         status_name(t), c);
            if (!ok)
                assert_int_equal(c, TR_NOT_ALLOWED);
            n_allowed += ok;
        }
    assert_int_equal(n_allowed, 11);
}

static void finals_have_no_next(void **state)
{
    (void)state;
    mc_dossier_status next[ST__COUNT];
    mc_dossier_status finals[] = {ST_REFUSED, ST_WITHDRAWN, ST_STOPPED,
                                  ST_RETURNED};
    for (size_t i = 0; i < 4; i++) {
        assert_true(status_is_final(finals[i]));
        assert_int_equal(status_next(finals[i], 0, next), 0);
    }
    assert_false(status_is_final(ST_DONE));
    assert_false(status_is_final(ST_RECEIVED));
}

static void requirements(void **state)
{
    (void)state;
    unsigned req;
    assert_int_equal(status_check(ST_RECEIVED, ST_SUPPLEMENT_REQUESTED,
                                  ROLE_CLERK, &req), TR_OK);
    assert_int_equal(req, REQ_MISSING);
    assert_int_equal(status_check(ST_DONE, ST_RETURNED, ROLE_CLERK, &req),
                     TR_OK);
    assert_int_equal(req, REQ_RECEIVER);
    assert_int_equal(status_check(ST_PROCESSING, ST_STOPPED, ROLE_SUPERVISOR,
                                  &req), TR_OK);
    assert_int_equal(req, REQ_REASON);
    assert_int_equal(status_check(ST_RECEIVED, ST_WITHDRAWN, ROLE_CLERK, &req),
                     TR_OK);
    assert_int_equal(req, REQ_REASON);
    assert_int_equal(status_check(ST_RECEIVED, ST_PROCESSING, ROLE_CLERK, &req),
                     TR_OK);
    assert_int_equal(req, REQ_NONE);
}

static void roles(void **state)
{
    (void)state;
    /* a clerk hands over and returns; the result and a stop come from the
     * department (central) or a supervisor */
    assert_int_equal(status_check(ST_PROCESSING, ST_DONE, ROLE_CLERK, NULL),
                     TR_ROLE);
    assert_int_equal(status_check(ST_PROCESSING, ST_DONE, ROLE_CENTRAL, NULL),
                     TR_OK);
    assert_int_equal(status_check(ST_PROCESSING, ST_STOPPED, ROLE_CLERK, NULL),
                     TR_ROLE);
    /* central never hands a result to a citizen or withdraws for them */
    assert_int_equal(status_check(ST_DONE, ST_RETURNED, ROLE_CENTRAL, NULL),
                     TR_ROLE);
    assert_int_equal(status_check(ST_RECEIVED, ST_WITHDRAWN, ROLE_CENTRAL, NULL),
                     TR_ROLE);
    char buf[128];
    status_next_text(ST_RECEIVED, 0, buf, sizeof buf);
    assert_string_equal(buf, "processing, supplement_requested, withdrawn");
    status_next_text(ST_PROCESSING, ROLE_CLERK, buf, sizeof buf);
    assert_string_equal(buf, "supplement_requested, withdrawn");
}

static void names_and_portal_codes(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int portal;
    } want[] = {{"received", 2},  {"refused", 3},  {"processing", 4},
                {"supplement_requested", 5}, {"withdrawn", 7},
                {"stopped", 8}, {"done", 9}, {"returned", 10}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        mc_dossier_status s;
        assert_true(status_parse(want[i].name, &s));
        assert_string_equal(status_name(s), want[i].name);
        assert_int_equal(status_portal_code(s), want[i].portal);
    }
    mc_dossier_status s;
    assert_false(status_parse("overdue", &s)); /* derived, never stored */
    assert_false(status_parse("Received", &s));
    assert_false(status_parse(NULL, &s));
}

static void overdue_counts_only_while_clock_runs(void **state)
{
    (void)state;
    assert_true(status_counts_for_overdue(ST_RECEIVED));
    assert_true(status_counts_for_overdue(ST_PROCESSING));
    assert_false(status_counts_for_overdue(ST_SUPPLEMENT_REQUESTED));
    assert_false(status_counts_for_overdue(ST_DONE));
    assert_false(status_counts_for_overdue(ST_RETURNED));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_pair),
        cmocka_unit_test(finals_have_no_next),
        cmocka_unit_test(requirements),
        cmocka_unit_test(roles),
        cmocka_unit_test(names_and_portal_codes),
        cmocka_unit_test(overdue_counts_only_while_clock_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
