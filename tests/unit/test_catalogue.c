/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_catalogue.c - the procedure catalogue loader (src/core/catalogue.c).
 *
 * Every shipped file parses and is in canonical form; one broken file per
 * kind of error, each asserting the exact file:line:column and field; a
 * folder with a broken file keeps the others; duplicate codes name both
 * files; round trip through cat_to_json. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue.h"

/* ---- helpers ---------------------------------------------------------- */

static const char *forms_dir(void)
{
    const char *d = getenv("MOTCUA_FORMS_DIR");
    return d && *d ? d : MOTCUA_FORMS_DIR;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (cap - len < 4096) {
            cap = cap ? cap * 2 : 8192;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        size_t k = fread(buf + len, 1, cap - len - 1, f);
        len += k;
        if (k == 0)
            break;
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

static char *make_tmpdir(void)
{
    char tmpl[] = "/tmp/motcua-cat-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    char *copy = strdup(d);
    assert_non_null(copy);
    return copy;
}

static void remove_tree(char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
    free(dir);
}

/* Field-by-field equality of two procedures. */
static void assert_same_procedure(const cat_procedure *a, const cat_procedure *b)
{
#define SAME_STR(x)                                                            \
    do {                                                                       \
        if (a->x || b->x) {                                                    \
            assert_non_null(a->x);                                             \
            assert_non_null(b->x);                                             \
            assert_string_equal(a->x, b->x);                                   \
        }                                                                      \
    } while (0)
    SAME_STR(code);
    SAME_STR(name_vi);
    SAME_STR(name_en);
    SAME_STR(field);
    SAME_STR(department);
    SAME_STR(source);
    SAME_STR(time_note);
    assert_int_equal(a->local_code, b->local_code);
    assert_int_equal(a->processing_days, b->processing_days);
    assert_int_equal(a->unit, b->unit);
    assert_int_equal(a->fee, b->fee);
    assert_int_equal(a->applicant_kinds, b->applicant_kinds);
    assert_int_equal(a->channels, b->channels);
    assert_int_equal(a->version, b->version);
    assert_int_equal(a->n_papers, b->n_papers);
    for (size_t i = 0; i < a->n_papers; i++) {
        SAME_STR(papers[i].name);
        assert_int_equal(a->papers[i].required, b->papers[i].required);
        assert_int_equal(a->papers[i].form, b->papers[i].form);
        assert_int_equal(a->papers[i].count, b->papers[i].count);
    }
    assert_int_equal(a->n_fields, b->n_fields);
    for (size_t i = 0; i < a->n_fields; i++) {
        SAME_STR(fields[i].key);
        SAME_STR(fields[i].label);
        SAME_STR(fields[i].type);
        assert_int_equal(a->fields[i].required, b->fields[i].required);
    }
#undef SAME_STR
}

/* ---- the shipped catalogue ------------------------------------------- */

static void on_skip_fail(const char *file, const mc_error *why, void *ud)
{
    (void)ud;
    fail_msg("shipped file %s skipped: %s", file, why->msg);
}

static void test_shipped_files_load(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/procedures", forms_dir());
    cat_list l;
    mc_error err;
    assert_int_equal(cat_load_dir(dir, &l, on_skip_fail, NULL, &err), MC_OK);
    assert_true(l.n >= 20);
    for (size_t i = 0; i < l.n; i++) {
        const cat_procedure *p = &l.items[i];
        assert_non_null(p->code);
        assert_non_null(p->name_vi);
        assert_non_null(p->field);
        assert_non_null(p->source);
        assert_true(p->version >= 1);
        assert_true(p->applicant_kinds != 0);
        assert_true(p->channels != 0);
        /* every file either has a time and names the article it comes
         * from, or says that no text gives one and how the office sets it */
        if (!cat_needs_processing_time(p)) {
            if (!strstr(p->source, "Art. ") && !strstr(p->source, "Điều ") &&
                !strstr(p->source, "Mục "))
                fail_msg("%s: processing time without an article in source",
                         p->code);
        } else if (!p->time_note ||
                   !strstr(p->time_note, "catalogue set-time")) {
            fail_msg("%s: no processing time and no processing_time_note "
                     "saying how the office sets it",
                     p->code);
        }
        /* the file is named after its code */
        char path[600];
        snprintf(path, sizeof path, "%s/%s.json", dir, p->code);
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
    }
    /* facts from procedures.csv that the desk relies on */
    const cat_procedure *pension = cat_list_find(&l, "bhxh.luong-huu-bat-buoc");
    assert_non_null(pension);
    assert_int_equal(pension->processing_days, 20);
    assert_int_equal(pension->unit, CAL_UNIT_DAYS_EXCL_HOLIDAYS);
    /* Law 41/2024/QH15 Art. 91(3): 10 working days */
    const cat_procedure *funeral = cat_list_find(&l, "1.014177");
    assert_non_null(funeral);
    assert_int_equal(funeral->processing_days, 10);
    assert_int_equal(funeral->unit, CAL_UNIT_WORKDAYS);
    assert_false(cat_needs_processing_time(funeral));
    assert_non_null(strstr(funeral->source, "Art. 91(3)"));
    /* no text gives a time: left out (never invented), and the file says so */
    const cat_procedure *auth = cat_list_find(&l, "bhxh.uy-quyen-linh-thay");
    assert_non_null(auth);
    assert_int_equal(auth->processing_days, 0);
    assert_true(cat_needs_processing_time(auth));
    assert_non_null(auth->time_note);
    assert_true(cat_needs_processing_time(NULL));
    const cat_procedure *p600 = cat_list_find(&l, "600");
    assert_non_null(p600);
    assert_true(p600->local_code);
    const cat_procedure *mat = cat_list_find(&l, "1.014166");
    assert_non_null(mat);
    assert_false(mat->local_code);
    assert_int_equal(mat->processing_days, 7);
    assert_int_equal(mat->unit, CAL_UNIT_WORKDAYS);
    assert_int_equal(mat->papers[0].form, PAPER_COPY);
    cat_list_free(&l);
}

/* Each shipped file is canonical text, and parse(to_json(p)) == p. */
static void test_round_trip(void **state)
{
    (void)state;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/procedures", forms_dir());
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    int n = 0;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        char path[800];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        char *text = read_all(path);
        cat_procedure a, b;
        mc_error err;
        assert_int_equal(cat_parse(text, path, &a, &err), MC_OK);
        char *canon = cat_to_json(&a);
        if (strcmp(canon, text) != 0)
            fail_msg("%s is not canonical; expected:\n%s", path, canon);
        assert_int_equal(cat_parse(canon, "canon", &b, &err), MC_OK);
        assert_same_procedure(&a, &b);
        char *again = cat_to_json(&b);
        assert_string_equal(canon, again);
        free(again);
        free(canon);
        cat_procedure_free(&a);
        cat_procedure_free(&b);
        free(text);
        n++;
    }
    closedir(d);
    assert_true(n >= 20);
}

/* ---- one broken file per kind of error -------------------------------- */

typedef struct bad_case {
    const char *name;
    const char *text;
    mc_status code;
    int line, col;     /* 0: the message has no position ("file: ...") */
    const char *field; /* expected err.field and the quoted field */
} bad_case;

#define VALID_TAIL                                                             \
    "  \"applicant_kinds\": [\"person\"],\n"                                   \
    "  \"channels\": [\"direct\"],\n"                                          \
    "  \"field\": \"Chế độ BHXH - ốm đau\",\n"                                 \
    "  \"version\": 1\n"

static const bad_case bad_cases[] = {
    {"syntax: trailing comma",
     "{\n  \"code\": \"1.0\",\n  \"version\": 1,\n}\n", MC_EINVAL, 4, 1, ""},
    {"syntax: duplicate key",
     "{\n  \"code\": \"a\",\n  \"code\": \"b\"\n}\n", MC_EINVAL, 3, 8, ""},
    {"unknown key",
     "{\n  \"code\": \"x1\",\n  \"name_vi\": \"Hưởng trợ cấp\",\n"
     "  \"nmae_en\": \"Sickness\",\n" VALID_TAIL "}\n",
     MC_EINVAL, 4, 3, "nmae_en"},
    {"unknown key inside a document",
     "{\n  \"code\": \"x1\",\n  \"name_vi\": \"Hưởng\",\n  \"documents\": [\n"
     "    {\"name\": \"Sổ BHXH\", \"required\": true, \"form\": \"copy\","
     " \"count\": 1, \"note\": \"x\"}\n  ],\n" VALID_TAIL "}\n",
     MC_EINVAL, 5, 71, "documents[0].note"},
    {"wrong type: version is a string",
     "{\n  \"code\": \"x1\",\n  \"name_vi\": \"Hưởng\",\n"
     "  \"applicant_kinds\": [\"person\"],\n  \"channels\": [\"direct\"],\n"
     "  \"field\": \"Thu\",\n  \"version\": \"1\"\n}\n",
     MC_EINVAL, 7, 3, "version"},
    {"wrong type: local_code is a number",
     "{\"code\": \"x1\", \"local_code\": 1}\n", MC_EINVAL, 1, 16, "local_code"},
    {"processing_days zero",
     "{\n  \"code\": \"x1\",\n  \"name_vi\": \"Hưởng\",\n"
     "  \"processing_days\": 0,\n  \"processing_unit\": \"workdays\",\n"
     VALID_TAIL "}\n",
     MC_EINVAL, 4, 3, "processing_days"},
    {"processing_days negative, after multi-byte text on the same line",
     "{\"name_vi\": \"Hưởng lương hưu\", \"processing_days\": -3}\n",
     MC_EINVAL, 1, 32, "processing_days"},
    {"processing_days not an integer",
     "{\"processing_days\": 7.5}\n", MC_EINVAL, 1, 2, "processing_days"},
    {"processing_days without its unit",
     "{\n  \"code\": \"x1\",\n  \"name_vi\": \"Hưởng\",\n"
     "  \"processing_days\": 7,\n" VALID_TAIL "}\n",
     MC_EINVAL, 4, 3, "processing_days"},
    {"processing_time_note with surrounding white space",
     "{\n  \"processing_time_note\": \" không có văn bản\"\n}\n", MC_EINVAL,
     2, 3, "processing_time_note"},
    {"bad processing_unit",
     "{\n  \"processing_unit\": \"weeks\"\n}\n", MC_EINVAL, 2, 3,
     "processing_unit"},
    {"bad form enum",
     "{\n  \"code\": \"x1\",\n  \"documents\": [\n"
     "    {\"name\": \"A\", \"required\": true, \"form\": \"copy\", \"count\": 1},\n"
     "    {\n      \"name\": \"Giấy ra viện\",\n      \"required\": true,\n"
     "      \"form\": \"photocopy\",\n      \"count\": 1\n    }\n  ]\n}\n",
     MC_EINVAL, 8, 7, "documents[1].form"},
    {"bad channel enum",
     "{\"channels\": [\"direct\", \"fax\"]}\n", MC_EINVAL, 1, 25, "channels[1]"},
    {"repeated applicant kind",
     "{\"applicant_kinds\": [\"person\",\n  \"person\"]}\n", MC_EINVAL, 2, 3,
     "applicant_kinds[1]"},
    {"count zero",
     "{\"documents\": [{\"count\": 0}]}\n", MC_EINVAL, 1, 17, "documents[0].count"},
    {"missing required key at top level",
     "{\n  \"code\": \"x1\",\n  \"name_vi\": \"Hưởng\",\n"
     "  \"applicant_kinds\": [\"person\"],\n  \"channels\": [\"direct\"],\n"
     "  \"version\": 1\n}\n",
     MC_EINVAL, 1, 1, "field"},
    {"missing required key in a document",
     "{\n  \"code\": \"x1\",\n  \"documents\": [\n"
     "    {\"name\": \"A\", \"required\": true, \"form\": \"copy\"}\n  ]\n}\n",
     MC_EINVAL, 4, 5, "documents[0].count"},
    {"bad field type",
     "{\"fields\": [{\"key\": \"so_bhxh\", \"label\": \"Mã số BHXH\","
     " \"type\": \"number\", \"required\": true}]}\n",
     MC_EINVAL, 1, 55, "fields[0].type"},
    {"empty name",
     "{\"code\": \"x1\", \"name_vi\": \"\"}\n", MC_EINVAL, 1, 16, "name_vi"},
    {"name not in NFC (combining marks)",
     "{\"name_vi\": \"Ho\\u0300a\"}\n", MC_EINVAL, 1, 2, "name_vi"},
    {"bad code",
     "{\"code\": \"1 014\"}\n", MC_EINVAL, 1, 2, "code"},
    {"root is not an object", "[1, 2]\n", MC_EINVAL, 1, 1, ""},
};

static void test_bad_file(void **state)
{
    const bad_case *c = *state;
    char *dir = make_tmpdir();
    write_file(dir, "x.json", c->text);
    char path[512];
    snprintf(path, sizeof path, "%s/x.json", dir);
    cat_procedure p;
    mc_error err;
    mc_error_clear(&err);
    mc_status rc = cat_load_file(path, &p, &err);
    print_message("%s -> %s\n", c->name, err.msg);
    assert_int_equal(rc, c->code);
    assert_string_equal(err.field, c->field);
    char want[800];
    if (c->field[0])
        snprintf(want, sizeof want, "%s:%d:%d: field \"%s\" ", path, c->line,
                 c->col, c->field);
    else
        snprintf(want, sizeof want, "%s:%d:%d: ", path, c->line, c->col);
    if (strncmp(err.msg, want, strlen(want)) != 0)
        fail_msg("%s: message\n  %s\ndoes not start with\n  %s", c->name,
                 err.msg, want);
    assert_null(p.code); /* left zeroed */
    assert_int_equal(p.n_papers, 0);
    remove_tree(dir);
}

static void test_oversize(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    size_t n = CAT_MAX_FILE_BYTES + 10;
    char *big = malloc(n + 1);
    assert_non_null(big);
    memset(big, ' ', n);
    big[0] = '{';
    big[n - 2] = '}';
    big[n - 1] = '\n';
    big[n] = '\0';
    write_file(dir, "big.json", big);
    char path[512];
    snprintf(path, sizeof path, "%s/big.json", dir);
    cat_procedure p;
    mc_error err;
    assert_int_equal(cat_load_file(path, &p, &err), MC_ELIMIT);
    char want[600];
    snprintf(want, sizeof want, "%s: ", path);
    assert_memory_equal(err.msg, want, strlen(want));
    assert_non_null(strstr(err.msg, "1048576"));
    /* the same bound holds for text handed over directly */
    assert_int_equal(cat_parse(big, "mem", &p, &err), MC_ELIMIT);
    assert_memory_equal(err.msg, "mem: ", 5);
    free(big);
    remove_tree(dir);
}

/* ---- folders ---------------------------------------------------------- */

#define PROC(code)                                                             \
    "{\n  \"code\": \"" code "\",\n  \"name_vi\": \"Thủ tục " code "\",\n"     \
    VALID_TAIL "}\n"

typedef struct skips {
    int n;
    char file[512];
    char msg[768];
} skips;

static void on_skip_record(const char *file, const mc_error *why, void *ud)
{
    skips *s = ud;
    s->n++;
    snprintf(s->file, sizeof s->file, "%s", file);
    snprintf(s->msg, sizeof s->msg, "%s", why->msg);
}

static void test_load_dir_skips_broken(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    write_file(dir, "c.json", PROC("c1"));
    write_file(dir, "a.json", PROC("a1"));
    write_file(dir, "b.json", "{\n  \"code\": \"b1\",\n  \"version\": 0\n}\n");
    write_file(dir, "notes.txt", "not a catalogue file");
    write_file(dir, ".hidden.json", "{");
    skips s = {0};
    cat_list l;
    mc_error err;
    assert_int_equal(cat_load_dir(dir, &l, on_skip_record, &s, &err), MC_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.items[0].code, "a1"); /* sorted by file name */
    assert_string_equal(l.items[1].code, "c1");
    assert_int_equal(s.n, 1);
    char want[600];
    snprintf(want, sizeof want, "%s/b.json", dir);
    assert_string_equal(s.file, want);
    snprintf(want, sizeof want, "%s/b.json:3:3: field \"version\" ", dir);
    assert_memory_equal(s.msg, want, strlen(want));
    assert_non_null(cat_list_find(&l, "c1"));
    assert_null(cat_list_find(&l, "b1"));
    cat_list_free(&l);
    remove_tree(dir);
}

static void test_load_dir_duplicate_code(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    write_file(dir, "a.json", PROC("same"));
    write_file(dir, "b.json", PROC("other"));
    write_file(dir, "c.json", PROC("same"));
    cat_list l;
    mc_error err;
    assert_int_equal(cat_load_dir(dir, &l, NULL, NULL, &err), MC_ECONFLICT);
    assert_string_equal(err.field, "code");
    char a[600], c[600];
    snprintf(a, sizeof a, "%s/a.json", dir);
    snprintf(c, sizeof c, "%s/c.json", dir);
    assert_memory_equal(err.msg, c, strlen(c)); /* the later file first */
    assert_non_null(strstr(err.msg, a));        /* and the earlier one */
    assert_non_null(strstr(err.msg, "\"same\""));
    assert_int_equal(l.n, 0);
    assert_null(l.items);
    remove_tree(dir);
}

static void test_load_dir_missing(void **state)
{
    (void)state;
    cat_list l;
    mc_error err;
    assert_int_equal(cat_load_dir("/nonexistent/motcua", &l, NULL, NULL, &err),
                     MC_EIO);
    assert_int_equal(l.n, 0);
    assert_non_null(strstr(err.msg, "/nonexistent/motcua"));
}

/* A procedure built in memory prints and parses back identically, with
 * every optional member present or absent. */
static void test_round_trip_memory(void **state)
{
    (void)state;
    cat_paper papers[] = {
        {.name = "Sổ bảo hiểm xã hội", .required = true,
         .form = PAPER_ORIGINAL, .count = 1},
        {.name = "Bản dịch \"công chứng\" / chứng thực", .required = false,
         .form = PAPER_CERTIFIED_COPY, .count = 2},
    };
    cat_field fields[] = {
        {.key = "from_month", .label = "Từ tháng", .type = "month",
         .required = true},
    };
    cat_procedure p = {
        .code = "L-1.x_2", .local_code = true, .name_vi = "Thủ tục thử",
        .name_en = "Test", .field = "Thu", .processing_days = 20,
        .unit = CAL_UNIT_DAYS_EXCL_HOLIDAYS, .fee = 15000,
        .applicant_kinds = APPLICANT_PERSON | APPLICANT_ORGANISATION,
        .channels = CHANNEL_DIRECT | CHANNEL_ONLINE, .papers = papers,
        .n_papers = 2, .fields = fields, .n_fields = 1,
        .department = "Phòng Chế độ", .version = 3, .source = "test",
        .time_note = "07 ngày khi người sử dụng lao động nộp"};
    char *t = cat_to_json(&p);
    cat_procedure q;
    mc_error err;
    assert_int_equal(cat_parse(t, "mem", &q, &err), MC_OK);
    assert_same_procedure(&p, &q);
    char *t2 = cat_to_json(&q);
    assert_string_equal(t, t2);
    free(t);
    free(t2);
    cat_procedure_free(&q);

    cat_procedure bare = {.code = "x", .name_vi = "X", .field = "F",
                          .applicant_kinds = APPLICANT_PERSON,
                          .channels = CHANNEL_POSTAL, .version = 1};
    t = cat_to_json(&bare);
    assert_null(strstr(t, "processing_days"));
    assert_null(strstr(t, "documents"));
    assert_int_equal(cat_parse(t, "mem", &q, &err), MC_OK);
    assert_same_procedure(&bare, &q);
    free(t);
    cat_procedure_free(&q);
}

static void test_vocabularies(void **state)
{
    (void)state;
    mc_paper_form f;
    assert_true(paper_form_parse("certified_copy", &f));
    assert_int_equal(f, PAPER_CERTIFIED_COPY);
    assert_false(paper_form_parse("Copy", &f));
    assert_false(paper_form_parse(NULL, &f));
    mc_cal_unit u;
    assert_true(cat_unit_parse("days_excluding_holidays", &u));
    assert_int_equal(u, CAL_UNIT_DAYS_EXCL_HOLIDAYS);
    assert_string_equal(cat_unit_name(u), "days_excluding_holidays");
    assert_false(cat_unit_parse("days", &u));
}

int main(void)
{
    enum { N_BAD = sizeof bad_cases / sizeof *bad_cases };
    struct CMUnitTest tests[N_BAD + 8];
    size_t n = 0;
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_shipped_files_load);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_round_trip);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_round_trip_memory);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_vocabularies);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_oversize);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_load_dir_skips_broken);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_load_dir_duplicate_code);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_load_dir_missing);
    for (size_t i = 0; i < N_BAD; i++)
        tests[n++] = (struct CMUnitTest){
            .name = bad_cases[i].name,
            .test_func = test_bad_file,
            .initial_state = (void *)&bad_cases[i],
        };
    return _cmocka_run_group_tests("catalogue", tests, n, NULL, NULL);
}
