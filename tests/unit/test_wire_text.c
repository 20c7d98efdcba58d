/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_wire_text.c - the JSON written straight to text (wire_text.h) is
 * byte for byte what wire_dump() prints for the same jansson object: the
 * intake's outbox event and audit detail are written that way, and the
 * centre, the audit chain and every reader must see the same bytes as
 * before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "desk.h"
#include "event.h"
#include "mc_error.h"
#include "wire_text.h"

#define OFFICE "000.00.06.H56"
#define CODE OFFICE "-260213-0001"

static void same(char *text, json_t *obj)
{
    char *want = wire_dump(obj);
    if (strcmp(text, want) != 0)
        fail_msg("text   %s\njansson %s", text, want);
    free(want);
    free(text);
    json_decref(obj);
}

/* every byte value in a string, a key that needs escaping, keys out of
 * order, integers at both ends, booleans and null, a nested object */
static void strings_and_scalars(void **state)
{
    (void)state;
    char all[256];
    for (int i = 1; i < 128; i++)
        all[i - 1] = (char)i;
    all[127] = '\0';
    static const char *const samples[] = {
        "", "Nguyễn Thị Hường", "a\"b\\c/d", "tab\there\nnew\rline\b\f",
        "\x01\x1f\x7f", "Hà Nội — 東京 🙂", "bad\xff utf-8", "\xc3", NULL,
    };
    for (size_t i = 0; i < sizeof samples / sizeof *samples + 1; i++) {
        const char *v = i < sizeof samples / sizeof *samples ? samples[i] : all;
        wire_obj o;
        wire_obj_init(&o);
        json_t *j = json_object();
        wire_obj_str(&o, "zeta", v);
        json_object_set_new(j, "zeta", v ? json_string(v) : json_null());
        wire_obj_str(&o, "a\"key\n", "x");
        json_object_set_new(j, "a\"key\n", json_string("x"));
        wire_obj_int(&o, "min", INT64_MIN);
        json_object_set_new(j, "min", json_integer(INT64_MIN));
        wire_obj_int(&o, "max", INT64_MAX);
        json_object_set_new(j, "max", json_integer(INT64_MAX));
        wire_obj_bool(&o, "Yes", true);
        json_object_set_new(j, "Yes", json_true());
        wire_obj_bool(&o, "no", false);
        json_object_set_new(j, "no", json_false());
        wire_obj_null(&o, "_");
        json_object_set_new(j, "_", json_null());
        wire_obj inner;
        wire_obj_init(&inner);
        wire_obj_str(&inner, "b", v);
        wire_obj_int(&inner, "a", 0);
        char *it = wire_obj_finish(&inner);
        wire_obj_raw(&o, "inner", it);
        free(it);
        json_t *ji = json_object();
        json_object_set_new(ji, "b", v ? json_string(v) : json_null());
        json_object_set_new(ji, "a", json_integer(0));
        json_object_set_new(j, "inner", ji);
        same(wire_obj_finish(&o), j);
    }
    wire_obj e;
    wire_obj_init(&e);
    same(wire_obj_finish(&e), json_object());
}

static void event_envelope(void **state)
{
    (void)state;
    json_t *data = json_pack("{s:s, s:s, s:s}", "from", "received", "to",
                             "processing", "note", "gửi \"phòng\" 2");
    char *dt = wire_dump(data);
    same(wire_event_text("advance", OFFICE, "2026-02-13T10:00:00+07:00",
                         "lan", CODE, dt),
         wire_event_new("advance", OFFICE, "2026-02-13T10:00:00+07:00", "lan",
                        CODE, data));
    free(dt);
    same(wire_event_text("guide", OFFICE, "2026-02-13T10:00:00+07:00", "lan",
                         NULL, NULL),
         wire_event_new("guide", OFFICE, "2026-02-13T10:00:00+07:00", "lan",
                        NULL, NULL));
}

static char *dup(const char *s)
{
    return s ? mc_xstrdup(s) : NULL;
}

/* a dossier with every field set (or none), a representative, extra
 * fields, papers with quotes and control characters */
static void dossier_snapshot(void **state)
{
    (void)state;
    mc_dossier_paper papers[] = {
        {.name = "Tờ khai \"TK1-TS\"", .form = PAPER_ORIGINAL, .count = 2,
         .required = true},
        {.name = "Bản sao\tCCCD", .form = PAPER_COPY, .count = 1},
        {.name = "bad\xff", .form = PAPER_CERTIFIED_COPY, .count = 1},
    };
    for (int variant = 0; variant < 4; variant++) {
        mc_dossier ds = {0};
        bool full = variant & 1, rep = variant & 2;
        mc_strlcpy(ds.code, CODE, sizeof ds.code);
        ds.status = full ? ST_PROCESSING : ST_RECEIVED;
        ds.procedure_code = dup("1.014166");
        ds.procedure_version = 3;
        ds.procedure_name = dup("Giải quyết hưởng chế độ \"thai sản\"");
        ds.procedure_field = dup(full ? "Chính sách" : NULL);
        ds.processing_days = 6;
        ds.processing_unit = full ? CAL_UNIT_DAYS_EXCL_HOLIDAYS : 0;
        ds.applicant_kind = full ? APPLICANT_ORGANISATION : APPLICANT_PERSON;
        ds.applicant_name = dup("Nguyễn Thị Hường");
        ds.id_number = dup("001190012345");
        ds.bhxh_number = dup(full ? "0123456789" : NULL);
        ds.tax_code = dup(full ? "0101234567" : NULL);
        ds.phone = dup("0912345678");
        ds.email = dup(full ? "huong@example.vn" : NULL);
        ds.address = dup(full ? "Số 1, ngõ 2\\3, Hà Nội\n" : NULL);
        ds.rep_name = dup(rep ? "Trần Văn Ba" : NULL);
        ds.rep_phone = dup(rep && full ? "0987654321" : NULL);
        ds.channel = CHANNEL_DIRECT;
        ds.result_delivery = dup("Tại Bộ phận Tiếp nhận và Trả kết quả");
        ds.sets = 2;
        ds.note = dup(full ? "ghi chú \x01" : NULL);
        ds.refusal_reason = dup(NULL);
        ds.extra_json = dup(variant == 1   ? "{\"z\":1,\"a\":[true,null,0.5]}"
                            : variant == 3 ? "not json"
                                           : NULL);
        ds.received_at = 1770951600;
        ds.received_by = dup("lan");
        if (variant != 2) {
            ds.due_date = (mc_date){2026, 2, 24};
            ds.due_at = 1771920000;
        }
        ds.extended = full;
        ds.original_due_at = full ? 1771000000 : 0;
        ds.department = dup(full ? "Phòng Chế độ" : NULL);
        ds.updated_at = 1770951601;
        ds.n_papers = variant == 2 ? 0 : sizeof papers / sizeof *papers;
        ds.papers = mc_xcalloc(3, sizeof *ds.papers);
        for (size_t i = 0; i < ds.n_papers; i++) {
            ds.papers[i] = papers[i];
            ds.papers[i].name = dup(papers[i].name);
        }
        same(desk_dossier_text(&ds, 1771990000),
             desk_dossier_json(&ds, 1771990000));
        mc_dossier_free(&ds);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strings_and_scalars),
        cmocka_unit_test(event_envelope),
        cmocka_unit_test(dossier_snapshot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
