/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sync protocol's messages (src/wire): every check a reader makes on
 * an event, the batch envelope, the answer, the pull page and the
 * back-office request, each naming the key that is wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "b64.h"
#include "event.h"
#include "protocol.h"

#define OFFICE "000.00.06.H56"
#define CODE OFFICE "-260213-0001"

static json_t *good_advance(void)
{
    return wire_event_new("advance", OFFICE, "2026-02-13T10:00:00+07:00",
                          "lan", CODE,
                          json_pack("{s:s, s:s}", "from", "received", "to",
                                    "processing"));
}

/* validate a JSON text; returns the reason ("" when valid) */
static const char *check(const char *text)
{
    static char why[512];
    json_t *ev = json_loads(text, 0, NULL);
    why[0] = '\0';
    bool ok = wire_event_validate(ev ? ev : json_null(), OFFICE, why,
                                  sizeof why);
    json_decref(ev);
    if (ok)
        why[0] = '\0';
    return why;
}

static void event_valid(void **state)
{
    (void)state;
    json_t *ev = good_advance();
    char why[256];
    assert_true(wire_event_validate(ev, OFFICE, why, sizeof why));
    assert_string_equal(wire_event_target_status(ev), "processing");
    char *text = wire_dump(ev);
    assert_string_equal(check(text), "");
    free(text);
    json_decref(ev);
    /* a guide event has no dossier */
    assert_string_equal(check("{\"v\":1,\"kind\":\"guide\",\"office\":\"" OFFICE
                              "\",\"at\":\"2026-02-13T10:00:00+07:00\","
                              "\"actor\":\"lan\",\"dossier\":null,\"data\":{}}"),
                        "");
}

static void event_invalid(void **state)
{
    (void)state;
    struct {
        const char *text, *reason;
    } cases[] = {
        {"[]", "event: must be a JSON object"},
        {"{\"kind\":\"advance\"}", "v: missing"},
        {"{\"v\":2}", "v: version 2 is not supported"},
        {"{\"v\":1,\"kind\":7}", "kind: missing or not a string"},
        {"{\"v\":1,\"kind\":\"bogus\"}", "kind: unknown event kind \"bogus\""},
        {"{\"v\":1,\"kind\":\"guide\",\"office\":\"X\"}",
         "office: event of office \"X\""},
        {"{\"v\":1,\"kind\":\"guide\",\"office\":\"" OFFICE "\",\"at\":\"soon\"}",
         "at: \"soon\" is not an ISO 8601 time"},
        {"{\"v\":1,\"kind\":\"guide\",\"office\":\"" OFFICE
         "\",\"at\":\"2026-02-13T10:00:00+07:00\",\"actor\":\"\"}",
         "actor: missing"},
        {"{\"v\":1,\"kind\":\"advance\",\"office\":\"" OFFICE
         "\",\"at\":\"2026-02-13T10:00:00+07:00\",\"actor\":\"a\"}",
         "dossier: a \"advance\" event needs a dossier code"},
        {"{\"v\":1,\"kind\":\"advance\",\"office\":\"" OFFICE
         "\",\"at\":\"2026-02-13T10:00:00+07:00\",\"actor\":\"a\","
         "\"dossier\":\"nope\"}",
         "dossier: \"nope\" is not a dossier code"},
        {"{\"v\":1,\"kind\":\"advance\",\"office\":\"" OFFICE
         "\",\"at\":\"2026-02-13T10:00:00+07:00\",\"actor\":\"a\","
         "\"dossier\":\"" CODE "\",\"data\":[]}",
         "data: missing or not an object"},
        {"{\"v\":1,\"kind\":\"advance\",\"office\":\"" OFFICE
         "\",\"at\":\"2026-02-13T10:00:00+07:00\",\"actor\":\"a\","
         "\"dossier\":\"" CODE "\",\"data\":{\"to\":\"finished\"}}",
         "data.to: missing or not a status name"},
        {"{\"v\":1,\"kind\":\"intake\",\"office\":\"" OFFICE
         "\",\"at\":\"2026-02-13T10:00:00+07:00\",\"actor\":\"a\","
         "\"dossier\":\"" CODE "\",\"data\":{\"to\":\"received\"}}",
         "data.dossier: an intake event carries the dossier snapshot"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *why = check(cases[i].text);
        if (strncmp(why, cases[i].reason, strlen(cases[i].reason)) != 0)
            fail_msg("case %zu: got \"%s\", want \"%s...\"", i, why,
                     cases[i].reason);
    }
}

/* An online_decision event around `data` (a JSON object text). */
static const char *decision(const char *data)
{
    static char text[2048];
    snprintf(text, sizeof text,
             "{\"v\":1,\"kind\":\"online_decision\",\"office\":\"" OFFICE
             "\",\"at\":\"2026-02-13T10:00:00+07:00\",\"actor\":\"lan\","
             "\"dossier\":null,\"data\":%s}",
             data);
    return check(text);
}

#define PDF_B64 "JVBERi0xLjQK" /* "%PDF-1.4\n" */

static void online_decision_events(void **state)
{
    (void)state;
    /* base64 both ways */
    char *e = wire_b64_encode("%PDF-1.4\n", 9);
    assert_string_equal(e, PDF_B64);
    free(e);
    unsigned char *d;
    size_t nd, bad;
    assert_true(wire_b64_decode("YWI=", 4, &d, &nd, &bad));
    assert_int_equal(nd, 2);
    assert_memory_equal(d, "ab", 2);
    free(d);
    assert_false(wire_b64_decode("YW I=", 5, &d, &nd, &bad));
    assert_false(wire_b64_decode("YW*=", 4, &d, &nd, &bad));
    assert_int_equal(bad, 2);
    assert_false(wire_b64_decode("Y=WI", 4, &d, &nd, &bad));

    assert_true(wire_kind_known("online_decision"));
    assert_non_null(strstr(wire_kind_names(), ", guide, online_decision"));
    assert_int_equal(strncmp(wire_kind_names(), "intake, refuse", 14), 0);
    assert_string_equal(
        decision("{\"portal_ref\":\"G22.99-260213-000123\",\"decision\":"
                 "\"supplement\",\"reasons\":[\"Thiếu giấy ra viện\"],"
                 "\"missing\":[\"Giấy ra viện\"],\"form_pdf\":\"" PDF_B64
                 "\"}"),
        "");
    assert_string_equal(
        decision("{\"portal_ref\":\"A1\",\"decision\":\"refuse\","
                 "\"reasons\":[\"Không thuộc thẩm quyền\"],\"form_pdf\":\"" PDF_B64
                 "\"}"),
        "");
    struct {
        const char *data, *reason;
    } cases[] = {
        {"{}", "data.portal_ref: missing"},
        {"{\"portal_ref\":\"a/b\"}", "data.portal_ref: character 2"},
        {"{\"portal_ref\":\"..\"}", "data.portal_ref: must start with"},
        {"{\"portal_ref\":\"A1\"}", "data.decision: missing"},
        {"{\"portal_ref\":\"A1\",\"decision\":\"accept\"}",
         "data.decision: \"accept\" is not"},
        {"{\"portal_ref\":\"A1\",\"decision\":\"refuse\"}",
         "data.reasons: missing"},
        {"{\"portal_ref\":\"A1\",\"decision\":\"refuse\",\"reasons\":[]}",
         "data.reasons: empty"},
        {"{\"portal_ref\":\"A1\",\"decision\":\"refuse\",\"reasons\":[\"\"]}",
         "data.reasons[0]: not a text"},
        {"{\"portal_ref\":\"A1\",\"decision\":\"supplement\",\"reasons\":"
         "[\"x\"]}",
         "data.missing: missing"},
        {"{\"portal_ref\":\"A1\",\"decision\":\"refuse\",\"reasons\":[\"x\"],"
         "\"missing\":\"y\"}",
         "data.missing: not an array"},
        {"{\"portal_ref\":\"A1\",\"decision\":\"refuse\",\"reasons\":[\"x\"]}",
         "data.form_pdf: missing"},
        {"{\"portal_ref\":\"A1\",\"decision\":\"refuse\",\"reasons\":[\"x\"],"
         "\"form_pdf\":\"JVBER i0x\"}",
         "data.form_pdf: not base64"},
        {"{\"portal_ref\":\"A1\",\"decision\":\"refuse\",\"reasons\":[\"x\"],"
         "\"form_pdf\":\"aGVsbG8=\"}",
         "data.form_pdf: not a PDF"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *why = decision(cases[i].data);
        if (strncmp(why, cases[i].reason, strlen(cases[i].reason)) != 0)
            fail_msg("case %zu: got \"%s\", want \"%s...\"", i, why,
                     cases[i].reason);
    }
    /* a decision names no dossier */
    const char *why = check(
        "{\"v\":1,\"kind\":\"online_decision\",\"office\":\"" OFFICE
        "\",\"at\":\"2026-02-13T10:00:00+07:00\",\"actor\":\"lan\","
        "\"dossier\":\"" CODE "\",\"data\":{}}");
    assert_non_null(strstr(why, "dossier: an online_decision event has no"));
    /* an intake may carry a portal_ref, with channel online */
#define INTAKE(channel, ref)                                                   \
    "{\"v\":1,\"kind\":\"intake\",\"office\":\"" OFFICE                         \
    "\",\"at\":\"2026-02-13T10:00:00+07:00\",\"actor\":\"a\","                 \
    "\"dossier\":\"" CODE "\",\"data\":{\"to\":\"received\",\"dossier\":"       \
    "{\"code\":\"" CODE "\",\"status\":\"received\",\"channel\":\"" channel    \
    "\",\"portal_ref\":" ref "}}}"
    assert_string_equal(check(INTAKE("online", "\"G22.99-1\"")), "");
    assert_string_equal(check(INTAKE("direct", "null")), "");
    assert_non_null(strstr(check(INTAKE("direct", "\"G22.99-1\"")),
                           "data.dossier.channel: an intake with"));
    assert_non_null(strstr(check(INTAKE("online", "42")),
                           "data.dossier.portal_ref: missing"));
#undef INTAKE
}

static void push_roundtrip(void **state)
{
    (void)state;
    json_t *b = wire_push_new(OFFICE, 41);
    wire_push_add(b, 42, good_advance());
    wire_push_add(b, 44, json_string("not an event")); /* holes are fine */
    char *text = json_dumps(b, JSON_COMPACT);
    json_decref(b);
    wire_push p;
    char field[32], why[256];
    assert_true(wire_push_decode(text, strlen(text), &p, field, why, sizeof why));
    assert_string_equal(p.office, OFFICE);
    assert_int_equal(p.after, 41);
    assert_int_equal(p.n, 2);
    assert_int_equal(p.items[1].seq, 44);
    assert_true(json_is_string(p.items[1].event));
    wire_push_free(&p);
    free(text);
}

static void push_bad(void **state)
{
    (void)state;
    struct {
        const char *text, *field, *reason;
    } cases[] = {
        {"{", "body", "not JSON"},
        {"[]", "body", "body: must be a JSON object"},
        {"{\"v\":3}", "v", "v: protocol version 3"},
        {"{\"v\":1}", "office", "office: missing"},
        {"{\"v\":1,\"office\":\"X\",\"after\":-1}", "after", "after:"},
        {"{\"v\":1,\"office\":\"X\",\"after\":0,\"events\":{}}", "events",
         "events: missing or not an array"},
        {"{\"v\":1,\"office\":\"X\",\"after\":5,\"events\":[{\"seq\":5,"
         "\"event\":{}}]}",
         "events", "events[0].seq: 5 does not follow 5"},
        {"{\"v\":1,\"office\":\"X\",\"after\":0,\"events\":[{\"seq\":1}]}",
         "events", "events[0].event: missing"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        wire_push p;
        char field[32] = "", why[256] = "";
        assert_false(wire_push_decode(cases[i].text, strlen(cases[i].text),
                                      &p, field, why, sizeof why));
        assert_string_equal(field, cases[i].field);
        if (strncmp(why, cases[i].reason, strlen(cases[i].reason)) != 0)
            fail_msg("case %zu: got \"%s\"", i, why);
    }
    /* the batch limit */
    json_t *b = wire_push_new(OFFICE, 0);
    for (int i = 1; i <= WIRE_MAX_BATCH + 1; i++)
        wire_push_add(b, i, json_object());
    char *text = json_dumps(b, JSON_COMPACT);
    json_decref(b);
    wire_push p;
    char field[32], why[256];
    assert_false(wire_push_decode(text, strlen(text), &p, field, why, sizeof why));
    assert_non_null(strstr(why, "the limit is 1000"));
    free(text);
}

static void ack_and_error(void **state)
{
    (void)state;
    json_t *a = wire_ack_new(50);
    wire_ack_reject(a, 44, "kind: unknown");
    char *text = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    wire_ack ack;
    char why[256];
    /* a refusal names its reason, also for a JSON value of the wrong
     * type (found by fuzz_wire: "[]" was refused with an empty reason) */
    why[0] = '\0';
    assert_false(wire_ack_decode("[]", 2, &ack, why, sizeof why));
    assert_string_equal(why, "body: must be a JSON object");
    wire_changes ch;
    why[0] = '\0';
    assert_false(wire_changes_decode("[1]", 3, &ch, why, sizeof why));
    assert_string_equal(why, "body: must be a JSON object");
    assert_true(wire_ack_decode(text, strlen(text), &ack, why, sizeof why));
    assert_int_equal(ack.acked_through, 50);
    assert_int_equal(ack.n_rejected, 1);
    assert_int_equal(ack.rejected[0].seq, 44);
    assert_string_equal(ack.rejected[0].reason, "kind: unknown");
    wire_ack_free(&ack);
    free(text);
    assert_false(wire_ack_decode("{\"v\":1}", 7, &ack, why, sizeof why));
    assert_non_null(strstr(why, "acked_through"));

    json_t *e = wire_error_new("gap", "after", "resend from %d", 7);
    json_object_set_new(json_object_get(e, "error"), "expected_after",
                        json_integer(7));
    text = json_dumps(e, JSON_COMPACT);
    json_decref(e);
    wire_error we;
    assert_true(wire_error_decode(text, strlen(text), &we));
    assert_string_equal(we.code, "gap");
    assert_string_equal(we.field, "after");
    assert_string_equal(we.message, "resend from 7");
    assert_int_equal(we.expected_after, 7);
    free(text);
    assert_false(wire_error_decode("<html>", 6, &we));
}

static void changes_roundtrip(void **state)
{
    (void)state;
    json_t *arr = json_array();
    json_array_append_new(arr, wire_change_new(7, CODE, "processing",
                                               "supplement_requested", NULL,
                                               "Thiếu", json_pack("[s]", "Giấy ra viện"),
                                               "2026-02-13T10:00:00+07:00",
                                               NULL));
    json_t *page = json_pack("{s:i, s:o, s:i, s:b}", "v", 1, "changes", arr,
                             "next_after", 7, "more", 0);
    char *text = json_dumps(page, JSON_COMPACT);
    json_decref(page);
    wire_changes ch;
    char why[256];
    assert_true(wire_changes_decode(text, strlen(text), &ch, why, sizeof why));
    assert_int_equal(ch.n, 1);
    assert_string_equal(ch.items[0].event_id, "central:7");
    assert_string_equal(ch.items[0].to, "supplement_requested");
    assert_string_equal(ch.items[0].actor, "central");
    assert_null(ch.items[0].department);
    assert_int_equal(json_array_size(ch.items[0].missing), 1);
    wire_changes_free(&ch);
    free(text);
    const char *bad = "{\"v\":1,\"next_after\":1,\"changes\":[{\"id\":1,"
                      "\"event_id\":\"central:1\",\"dossier\":\"" CODE
                      "\",\"to\":\"finished\",\"at\":\"x\"}]}";
    assert_false(wire_changes_decode(bad, strlen(bad), &ch, why, sizeof why));
    assert_non_null(strstr(why, "changes[0]"));
}

static void status_request(void **state)
{
    (void)state;
    wire_status_req r;
    char field[32], why[256];
    const char *ok = "{\"status\":\"supplement_requested\",\"missing\":[\"A\"],"
                     "\"department\":\"Phòng Thu\"}";
    assert_true(wire_status_req_decode(ok, strlen(ok), &r, field, why, sizeof why));
    assert_string_equal(r.status, "supplement_requested");
    assert_string_equal(r.department, "Phòng Thu");
    assert_int_equal(json_array_size(r.missing), 1);
    wire_status_req_free(&r);
    struct {
        const char *text, *field;
    } cases[] = {
        {"{\"status\":\"nope\"}", "status"},
        {"{\"status\":\"done\",\"note\":5}", "note"},
        {"{\"status\":\"done\",\"missing\":[\"\"]}", "missing"},
        {"[1]", "body"},
        {"", "body"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        field[0] = '\0';
        assert_false(wire_status_req_decode(cases[i].text,
                                            strlen(cases[i].text), &r, field,
                                            why, sizeof why));
        assert_string_equal(field, cases[i].field);
    }
}

static void lookup_has_nothing_personal(void **state)
{
    (void)state;
    json_t *o = wire_lookup_new(CODE, OFFICE, "Phòng Thu",
                                "2026-02-13T10:00:00+07:00", "2026-02-20",
                                "processing");
    assert_string_equal(json_string_value(json_object_get(o, "status_label")),
                        "Đang giải quyết");
    assert_int_equal(json_integer_value(json_object_get(o, "status_portal_code")), 4);
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v)
    {
        assert_null(strstr(key, "name"));
        assert_null(strstr(key, "id_number"));
    }
    json_decref(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(event_valid),   cmocka_unit_test(event_invalid),
        cmocka_unit_test(online_decision_events),
        cmocka_unit_test(push_roundtrip), cmocka_unit_test(push_bad),
        cmocka_unit_test(ack_and_error), cmocka_unit_test(changes_roundtrip),
        cmocka_unit_test(status_request),
        cmocka_unit_test(lookup_has_nothing_personal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
