/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The online inbox's rules at the desk (src/desk/online.c), without a
 * centre: an item of the feed joins the inbox once; a repeat or an older
 * rev changes nothing; a malformed item is skipped but never blocks the
 * cursor; a withdrawal moves a waiting item and then refuses an accept;
 * a decision taken here stands when the centre says otherwise (recorded
 * as centre_state); the cursor never moves back; a decision is taken
 * once - the second names who took it - and writes one online_decision
 * event with the form; the accepted dossier has the intake snapshot with
 * portal_ref and the due date of the procedure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "desk.h"
#include "desk_online.h"
#include "sync_apply.h"

#define ADMIN_PW "admin-pass-1"
static char dir[64], db[128];
static mc_desk *D;

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/motcua-online-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/office.db", dir);
    desk_init_opts o = {.office_code = "000.00.06.H56",
                        .office_name = "BHXH test",
                        .admin_login = "admin",
                        .admin_password = ADMIN_PW};
    mc_error err = {0};
    if (desk_init(db, &o, &err) != MC_OK || desk_open(db, &D, &err) != MC_OK ||
        desk_login(D, "admin", ADMIN_PW, &err) != MC_OK) {
        fprintf(stderr, "setup: %s\n", err.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    desk_close(D);
    const char *suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        char p[160];
        snprintf(p, sizeof p, "%s%s", db, suffix[i]);
        unlink(p);
    }
    return rmdir(dir) == 0 ? 0 : -1;
}

static json_t *item(const char *ref, int rev, const char *state)
{
    return json_pack(
        "{s:s, s:i, s:s, s:s, s:{s:s, s:s, s:s, s:[{s:i, s:s}]}, s:[]}",
        "portal_ref", ref, "rev", rev, "state", state, "submitted_at",
        "2026-02-13T21:40:00+07:00", "dossier", "procedure_code", "1.014166",
        "applicant_name", "Nguyễn Thị Lan", "phone", "0912345678", "papers",
        "no", 1, "name", "Danh sách do người sử dụng lao động lập", "files");
}

static desk_online_outcome apply(json_t *it)
{
    desk_online_outcome out;
    char why[256];
    mc_error err = {0};
    assert_int_equal(desk_online_apply(D, it, &out, why, &err), MC_OK);
    json_decref(it);
    return out;
}

static bool keep_state(const desk_online_item *it, void *ud)
{
    char *buf = ud;
    snprintf(buf, 128, "%s/%s", it->state, it->centre_state);
    return true;
}

static const char *state_of(const char *ref)
{
    static char buf[128];
    mc_error err = {0};
    buf[0] = '\0';
    assert_int_equal(desk_online_show(D, ref, keep_state, buf, &err), MC_OK);
    return buf;
}

static int64_t cursor(void)
{
    int64_t c = 0;
    mc_error err = {0};
    assert_int_equal(desk_online_cursor(D, &c, &err), MC_OK);
    return c;
}

static void test_feed(void **state)
{
    (void)state;
    assert_int_equal(apply(item("R1", 1, "waiting")), DESK_ONLINE_NEW);
    assert_int_equal(apply(item("R1", 1, "waiting")), DESK_ONLINE_SAME);
    assert_string_equal(state_of("R1"), "waiting/waiting");
    int64_t n = 0;
    mc_error err = {0};
    assert_int_equal(desk_online_waiting(D, &n, &err), MC_OK);
    assert_int_equal(n, 1);
    /* malformed: skipped, the cursor moves past it */
    json_t *bad = item("R/2", 2, "waiting");
    assert_int_equal(apply(bad), DESK_ONLINE_BAD);
    assert_int_equal(cursor(), 2);
    bad = item("R3", 3, "sleeping");
    assert_int_equal(apply(bad), DESK_ONLINE_BAD);
    /* withdrawn through the portal: a waiting item follows */
    assert_int_equal(apply(item("R1", 4, "withdrawn")), DESK_ONLINE_CHANGED);
    assert_string_equal(state_of("R1"), "withdrawn/withdrawn");
    assert_int_equal(desk_online_waiting(D, &n, &err), MC_OK);
    assert_int_equal(n, 0);
    /* an older rev changes nothing */
    assert_int_equal(apply(item("R1", 1, "waiting")), DESK_ONLINE_SAME);
    assert_string_equal(state_of("R1"), "withdrawn/withdrawn");
    mc_dossier ds;
    assert_int_equal(desk_online_accept(D, "R1", &ds, &err), MC_ECONFLICT);
    assert_non_null(strstr(err.msg, "rút"));
    /* the cursor never moves back (two desks pulling at once) */
    assert_int_equal(apply(item("R5", 9, "waiting")), DESK_ONLINE_NEW);
    assert_int_equal(apply(item("R6", 7, "waiting")), DESK_ONLINE_NEW);
    assert_int_equal(cursor(), 9);
    assert_int_equal(desk_online_show(D, "nope", keep_state, NULL, &err),
                     MC_ENOTFOUND);
}

static mc_status fake_render(pr_form *f, unsigned char **pdf, size_t *len,
                             void *ud, mc_error *err)
{
    (void)err;
    int *calls = ud;
    (*calls)++;
    assert_int_equal(f->doc, PR_REFUSAL);
    assert_string_equal(f->number, "R6");
    assert_int_equal(f->n_items, 1);
    static const char body[] = "%PDF-1.4\n% fake\n";
    *pdf = malloc(sizeof body - 1);
    memcpy(*pdf, body, sizeof body - 1);
    *len = sizeof body - 1;
    return MC_OK;
}

static bool last_event(const desk_sync_row *r, void *ud)
{
    char **out = ud;
    free(*out);
    *out = strdup(r->payload);
    return true;
}

static void test_decide(void **state)
{
    (void)state;
    mc_error err = {0};
    mc_dossier ds;
    /* accept R5: a code, and the centre's later disagreement is recorded
     * without undoing it */
    assert_int_equal(desk_online_accept(D, "R5", &ds, &err), MC_OK);
    assert_string_equal(ds.code, "000.00.06.H56-260213-0001");
    assert_int_equal(ds.channel, CHANNEL_ONLINE);
    char code[64];
    assert_int_equal(desk_online_code_of(D, "R5", code, &err), MC_OK);
    assert_string_equal(code, ds.code);
    char ref[128];
    assert_int_equal(desk_online_ref_of(D, &ds, ref, &err), MC_OK);
    assert_string_equal(ref, "R5");
    mc_dossier_free(&ds);
    assert_int_equal(apply(item("R5", 10, "refused")), DESK_ONLINE_CHANGED);
    assert_string_equal(state_of("R5"), "accepted/refused");
    /* the portal reference finds the dossier */
    assert_int_equal(desk_dossier_get(D, "R5", &ds, &err), MC_OK);
    assert_string_equal(ds.code, "000.00.06.H56-260213-0001");
    mc_dossier_free(&ds);
    assert_int_equal(desk_online_accept(D, "R5", &ds, &err), MC_ECONFLICT);
    assert_non_null(strstr(err.msg, "admin"));
    assert_non_null(strstr(err.msg, "000.00.06.H56-260213-0001"));

    /* refuse R6: reasons required, the form rendered once, one event */
    int calls = 0;
    const char *reasons[] = {"Không thuộc thẩm quyền"};
    desk_online_decide_in in = {.portal_ref = "R6", .decision = "refuse",
                                .render = fake_render, .render_ud = &calls};
    assert_int_equal(desk_online_decide(D, &in, NULL, NULL, &err), MC_EINVAL);
    assert_string_equal(err.field, "reason");
    in.reasons = reasons;
    in.n_reasons = 1;
    in.decision = "maybe";
    assert_int_equal(desk_online_decide(D, &in, NULL, NULL, &err), MC_EINVAL);
    assert_string_equal(err.field, "decision");
    in.decision = "refuse";
    unsigned char *pdf = NULL;
    size_t len = 0;
    assert_int_equal(desk_online_decide(D, &in, &pdf, &len, &err), MC_OK);
    assert_int_equal(calls, 1);
    assert_true(len > 5 && memcmp(pdf, "%PDF-", 5) == 0);
    free(pdf);
    assert_string_equal(state_of("R6"), "refused/waiting");
    char *payload = NULL;
    assert_int_equal(desk_sync_outbox_after(D, 1, 100, last_event, &payload,
                                            &err),
                     MC_OK);
    assert_non_null(payload);
    json_t *ev = json_loads(payload, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(ev, "kind")),
                        "online_decision");
    json_t *data = json_object_get(ev, "data");
    assert_string_equal(json_string_value(json_object_get(data, "portal_ref")),
                        "R6");
    /* base64 of "%PDF-1.4..." */
    assert_memory_equal(
        json_string_value(json_object_get(data, "form_pdf")), "JVBERi0", 7);
    json_decref(ev);
    free(payload);
    /* the second decision names who took the first; nothing rendered */
    assert_int_equal(desk_online_decide(D, &in, NULL, NULL, &err),
                     MC_ECONFLICT);
    assert_non_null(strstr(err.msg, "admin"));
    assert_int_equal(calls, 1);
}

int main(void)
{
    setenv("MOTCUA_NOW", "2026-02-13T10:00:00+07:00", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_feed),
        cmocka_unit_test(test_decide),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
