/* SPDX-License-Identifier: GPL-3.0-or-later */
/* catalogue.c - parse, check and print procedure files (forms/procedures).
 *
 * The format (forms/procedure.schema.json says the same for other tools):
 * one JSON object per procedure with the members of the `cat_top` table
 * below; documents[] and fields[] are arrays of small objects with their own
 * tables.  Unknown keys are errors, so a typo never silently drops a fact.
 *
 * Every error names the file, the line and column of the offending key (or
 * array element) and the field's path, e.g.
 *     forms/procedures/x.json:7:3: field "processing_days" phải là ...
 * jansson gives positions only for syntax errors; for the rest
 * catalogue_pos.c finds the token again in the raw text.  Only the first
 * error of a file is reported: members are checked in file order, then the
 * missing ones.
 *
 * Canonical text (cat_to_json): keys sorted, two-space indentation, UTF-8
 * unescaped, one trailing newline; members that are unknown (processing
 * time, English name, department, source) or empty lists are left out.
 * The shipped files are in canonical form, and cat_parse(cat_to_json(p))
 * gives p back.
 */
#include "catalogue.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue_pos.h"
#include "vntext.h"

enum {
    CAT_MAX_DAYS = 365,      /* no BHXH procedure takes longer */
    CAT_MAX_COUNT = 99,      /* copies of one paper */
    CAT_MAX_VERSION = 1000000,
    CAT_MAX_CODE = 64,       /* bytes */
    CAT_MAX_TEXT = 2000,     /* bytes, any other string */
    CAT_MAX_ITEMS = 200,     /* papers or fields per procedure */
};
#define CAT_MAX_FEE 1000000000000LL /* VND */

/* ---- small vocabularies ----------------------------------------------- */

const char *paper_form_name(mc_paper_form f)
{
    switch (f) {
    case PAPER_ORIGINAL: return "original";
    case PAPER_CERTIFIED_COPY: return "certified_copy";
    case PAPER_COPY: return "copy";
    }
    return "?";
}

const char *paper_form_label(mc_paper_form f)
{
    switch (f) {
    case PAPER_ORIGINAL: return _("Bản chính");
    case PAPER_CERTIFIED_COPY: return _("Bản sao chứng thực");
    case PAPER_COPY: return _("Bản sao");
    }
    return "?";
}

bool paper_form_parse(const char *name, mc_paper_form *out)
{
    for (int f = PAPER_ORIGINAL; f <= PAPER_COPY; f++)
        if (name && strcmp(name, paper_form_name((mc_paper_form)f)) == 0) {
            *out = (mc_paper_form)f;
            return true;
        }
    return false;
}

const char *cat_unit_name(mc_cal_unit u)
{
    return u == CAL_UNIT_DAYS_EXCL_HOLIDAYS ? "days_excluding_holidays"
                                            : "workdays";
}

bool cat_unit_parse(const char *name, mc_cal_unit *out)
{
    if (name && strcmp(name, "workdays") == 0) {
        *out = CAL_UNIT_WORKDAYS;
        return true;
    }
    if (name && strcmp(name, "days_excluding_holidays") == 0) {
        *out = CAL_UNIT_DAYS_EXCL_HOLIDAYS;
        return true;
    }
    return false;
}

static const char *const cat_kind_names[] = {"person", "organisation"};
static const char *const cat_channel_names[] = {"direct", "postal", "online"};
static const char *const cat_field_types[] = {
    "text", "taxcode", "bhxh", "cccd", "phone", "date", "month"};
#define CAT_N(a) (sizeof(a) / sizeof *(a))

/* ---- errors --------------------------------------------------------- */

typedef struct cat_ctx {
    const char *text;
    const char *file;
    mc_error *err;
} cat_ctx;

/* "file:line:col: field "path" reason", pointing at the key of `path`
 * (or at its value when at_value: array elements, containers). */
static mc_status cat_bad(cat_ctx *c, const char *path, bool at_value,
                         const char *reason)
{
    int line, col;
    cat_json_locate(c->text, path, at_value, &line, &col);
    return mc_fail(c->err, MC_EINVAL, path, "%s:%d:%d: field \"%s\" %s",
                   c->file, line, col, path, reason);
}

static mc_status cat_missing(cat_ctx *c, const char *container,
                             const char *key)
{
    char path[160];
    snprintf(path, sizeof path, "%s%s%s", container, *container ? "." : "",
             key);
    int line, col;
    cat_json_locate(c->text, container, true, &line, &col);
    return mc_fail(c->err, MC_EINVAL, path, "%s:%d:%d: field \"%s\" %s",
                   c->file, line, col, path,
                   _("là bắt buộc nhưng không có"));
}

static char *cat_enum_reason(const char *const *names, size_t n)
{
    char list[160] = "";
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        int k = snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "",
                         names[i]);
        if (k < 0 || (size_t)k >= sizeof list - at)
            break;
        at += (size_t)k;
    }
    return mc_xasprintf(_("phải là một trong: %s"), list);
}

static mc_status cat_bad_enum(cat_ctx *c, const char *path, bool at_value,
                              const char *const *names, size_t n)
{
    char *r = cat_enum_reason(names, n);
    mc_status rc = cat_bad(c, path, at_value, r);
    free(r);
    return rc;
}

/* ---- typed readers -------------------------------------------------- */

/* A non-empty string of at most `max` bytes, NFC, without surrounding
 * white space; *out gets a copy. */
static mc_status cat_text(cat_ctx *c, const char *path, bool at_value,
                          json_t *v, size_t max, char **out)
{
    if (!json_is_string(v))
        return cat_bad(c, path, at_value, _("phải là một chuỗi ký tự"));
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    if (len == 0)
        return cat_bad(c, path, at_value, _("không được để trống"));
    if (len > max) {
        char *r = mc_xasprintf(_("dài %zu byte, tối đa %zu"), len, max);
        mc_status rc = cat_bad(c, path, at_value, r);
        free(r);
        return rc;
    }
    char *nfc = NULL;
    mc_error e;
    mc_status nr = vn_nfc(s, path, &nfc, &e);
    if (nr == MC_ENOMEM) /* not the file's fault */
        return mc_fail(c->err, MC_ENOMEM, path, "%s", e.msg);
    if (nr != MC_OK)
        return cat_bad(c, path, at_value,
                       _("chứa ký tự điều khiển không được phép"));
    bool same = strcmp(nfc, s) == 0;
    free(nfc);
    if (!same)
        return cat_bad(c, path, at_value,
                       _("phải ở dạng Unicode NFC và không có khoảng trắng "
                         "ở đầu hoặc cuối"));
    *out = mc_xstrdup(s);
    return MC_OK;
}

static mc_status cat_int(cat_ctx *c, const char *path, json_t *v,
                         long long min, long long max, const char *reason,
                         long long *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < min ||
        json_integer_value(v) > max)
        return cat_bad(c, path, false, reason);
    *out = (long long)json_integer_value(v);
    return MC_OK;
}

static mc_status cat_bool(cat_ctx *c, const char *path, json_t *v, bool *out)
{
    if (!json_is_boolean(v))
        return cat_bad(c, path, false, _("phải là true hoặc false"));
    *out = json_is_true(v);
    return MC_OK;
}

static bool cat_code_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > CAT_MAX_CODE)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        bool alnum = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
                     (ch >= 'A' && ch <= 'Z');
        if (!alnum && (i == 0 || !strchr("._-", ch)))
            return false;
    }
    return true;
}

static bool cat_key_ok(const char *s)
{
    if (!*s || strlen(s) > 63)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
            return false;
    return true;
}

/* A non-empty array of distinct names from `names`, as a bit set. */
static mc_status cat_bits(cat_ctx *c, const char *path, json_t *v,
                          const char *const *names, size_t n, unsigned *out)
{
    if (!json_is_array(v))
        return cat_bad(c, path, false, _("phải là một mảng"));
    if (json_array_size(v) == 0)
        return cat_bad(c, path, false, _("phải có ít nhất một phần tử"));
    unsigned bits = 0;
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) {
        char ipath[96];
        snprintf(ipath, sizeof ipath, "%s[%zu]", path, i);
        const char *s = json_string_value(item);
        size_t k = 0;
        while (s && k < n && strcmp(s, names[k]) != 0)
            k++;
        if (!s || k == n)
            return cat_bad_enum(c, ipath, true, names, n);
        if (bits & (1u << k))
            return cat_bad(c, ipath, true, _("bị lặp lại"));
        bits |= 1u << k;
    }
    *out = bits;
    return MC_OK;
}

/* ---- the members ---------------------------------------------------- */

/* What has been seen, for the missing-member and dependency checks. */
typedef struct cat_seen {
    bool days, unit;
} cat_seen;

typedef mc_status (*cat_member_fn)(cat_ctx *c, const char *path, json_t *v,
                                   cat_procedure *p, cat_seen *seen);

static mc_status m_code(cat_ctx *c, const char *path, json_t *v,
                        cat_procedure *p, cat_seen *seen)
{
    if (!json_is_string(v) || !cat_code_ok(json_string_value(v)))
        return cat_bad(c, path, false,
                       _("phải là mã thủ tục: chữ, số và . _ - (tối đa 64 "
                         "ký tự, bắt đầu bằng chữ hoặc số)"));
    p->code = mc_xstrdup(json_string_value(v));
    return MC_OK;
}

static mc_status m_local_code(cat_ctx *c, const char *path, json_t *v,
                              cat_procedure *p, cat_seen *seen)
{
    return cat_bool(c, path, v, &p->local_code);
}

static mc_status m_name_vi(cat_ctx *c, const char *path, json_t *v,
                           cat_procedure *p, cat_seen *seen)
{
    return cat_text(c, path, false, v, CAT_MAX_TEXT, &p->name_vi);
}

static mc_status m_name_en(cat_ctx *c, const char *path, json_t *v,
                           cat_procedure *p, cat_seen *seen)
{
    return cat_text(c, path, false, v, CAT_MAX_TEXT, &p->name_en);
}

static mc_status m_field(cat_ctx *c, const char *path, json_t *v,
                         cat_procedure *p, cat_seen *seen)
{
    return cat_text(c, path, false, v, CAT_MAX_TEXT, &p->field);
}

static mc_status m_department(cat_ctx *c, const char *path, json_t *v,
                              cat_procedure *p, cat_seen *seen)
{
    return cat_text(c, path, false, v, CAT_MAX_TEXT, &p->department);
}

static mc_status m_source(cat_ctx *c, const char *path, json_t *v,
                          cat_procedure *p, cat_seen *seen)
{
    return cat_text(c, path, false, v, CAT_MAX_TEXT, &p->source);
}

static mc_status m_time_note(cat_ctx *c, const char *path, json_t *v,
                             cat_procedure *p, cat_seen *seen)
{
    return cat_text(c, path, false, v, CAT_MAX_TEXT, &p->time_note);
}

static mc_status m_days(cat_ctx *c, const char *path, json_t *v,
                        cat_procedure *p, cat_seen *seen)
{
    long long n = 0;
    mc_status rc = cat_int(c, path, v, 1, CAT_MAX_DAYS,
                           _("phải là số nguyên dương (1..365); bỏ hẳn "
                             "khóa này khi chưa biết thời hạn"),
                           &n);
    if (rc == MC_OK) {
        p->processing_days = (int)n;
        seen->days = true;
    }
    return rc;
}

static mc_status m_unit(cat_ctx *c, const char *path, json_t *v,
                        cat_procedure *p, cat_seen *seen)
{
    static const char *const units[] = {"workdays", "days_excluding_holidays"};
    if (!cat_unit_parse(json_string_value(v), &p->unit))
        return cat_bad_enum(c, path, false, units, CAT_N(units));
    seen->unit = true;
    return MC_OK;
}

static mc_status m_fee(cat_ctx *c, const char *path, json_t *v,
                       cat_procedure *p, cat_seen *seen)
{
    long long n = 0;
    mc_status rc = cat_int(c, path, v, 0, CAT_MAX_FEE,
                           _("phải là số nguyên không âm (đồng)"), &n);
    if (rc == MC_OK)
        p->fee = (long)n;
    return rc;
}

static mc_status m_version(cat_ctx *c, const char *path, json_t *v,
                           cat_procedure *p, cat_seen *seen)
{
    long long n = 0;
    mc_status rc = cat_int(c, path, v, 1, CAT_MAX_VERSION,
                           _("phải là số nguyên dương"), &n);
    if (rc == MC_OK)
        p->version = (int)n;
    return rc;
}

static mc_status m_kinds(cat_ctx *c, const char *path, json_t *v,
                         cat_procedure *p, cat_seen *seen)
{
    return cat_bits(c, path, v, cat_kind_names, CAT_N(cat_kind_names),
                    &p->applicant_kinds);
}

static mc_status m_channels(cat_ctx *c, const char *path, json_t *v,
                            cat_procedure *p, cat_seen *seen)
{
    return cat_bits(c, path, v, cat_channel_names, CAT_N(cat_channel_names),
                    &p->channels);
}

/* Items of documents[] and fields[]: a table of members per kind. */
typedef mc_status (*cat_item_fn)(cat_ctx *c, const char *path, json_t *v,
                                 void *item);
typedef struct cat_member {
    const char *key;
    bool required;
    cat_item_fn fn;
} cat_member;

static mc_status d_name(cat_ctx *c, const char *path, json_t *v, void *item)
{
    return cat_text(c, path, false, v, CAT_MAX_TEXT, &((cat_paper *)item)->name);
}

static mc_status d_required(cat_ctx *c, const char *path, json_t *v, void *item)
{
    return cat_bool(c, path, v, &((cat_paper *)item)->required);
}

static mc_status d_form(cat_ctx *c, const char *path, json_t *v, void *item)
{
    static const char *const forms[] = {"original", "certified_copy", "copy"};
    if (!paper_form_parse(json_string_value(v), &((cat_paper *)item)->form))
        return cat_bad_enum(c, path, false, forms, CAT_N(forms));
    return MC_OK;
}

static mc_status d_count(cat_ctx *c, const char *path, json_t *v, void *item)
{
    long long n = 0;
    mc_status rc = cat_int(c, path, v, 1, CAT_MAX_COUNT,
                           _("phải là số nguyên dương (1..99)"), &n);
    if (rc == MC_OK)
        ((cat_paper *)item)->count = (int)n;
    return rc;
}

static const cat_member cat_paper_members[] = {
    {"count", true, d_count},
    {"form", true, d_form},
    {"name", true, d_name},
    {"required", true, d_required},
};

static mc_status f_key(cat_ctx *c, const char *path, json_t *v, void *item)
{
    if (!json_is_string(v) || !cat_key_ok(json_string_value(v)))
        return cat_bad(c, path, false,
                       _("phải gồm chữ thường a-z và dấu _ (tối đa 63)"));
    ((cat_field *)item)->key = mc_xstrdup(json_string_value(v));
    return MC_OK;
}

static mc_status f_label(cat_ctx *c, const char *path, json_t *v, void *item)
{
    return cat_text(c, path, false, v, CAT_MAX_TEXT, &((cat_field *)item)->label);
}

static mc_status f_type(cat_ctx *c, const char *path, json_t *v, void *item)
{
    const char *s = json_string_value(v);
    for (size_t k = 0; s && k < CAT_N(cat_field_types); k++)
        if (strcmp(s, cat_field_types[k]) == 0) {
            ((cat_field *)item)->type = mc_xstrdup(s);
            return MC_OK;
        }
    return cat_bad_enum(c, path, false, cat_field_types,
                        CAT_N(cat_field_types));
}

static mc_status f_required(cat_ctx *c, const char *path, json_t *v, void *item)
{
    return cat_bool(c, path, v, &((cat_field *)item)->required);
}

static const cat_member cat_field_members[] = {
    {"key", true, f_key},
    {"label", true, f_label},
    {"required", true, f_required},
    {"type", true, f_type},
};

/* Check one object against a member table: unknown keys first (in file
 * order, with the known ones), then the missing required ones. */
static mc_status cat_object(cat_ctx *c, const char *path, json_t *obj,
                            const cat_member *members, size_t n, void *item)
{
    if (!json_is_object(obj))
        return cat_bad(c, path, true, _("phải là một đối tượng JSON {...}"));
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        char kpath[160];
        snprintf(kpath, sizeof kpath, "%s.%s", path, key);
        size_t k = 0;
        while (k < n && strcmp(key, members[k].key) != 0)
            k++;
        if (k == n)
            return cat_bad(c, kpath, false,
                           _("không có trong lược đồ (khóa lạ)"));
        mc_status rc = members[k].fn(c, kpath, v, item);
        if (rc != MC_OK)
            return rc;
    }
    for (size_t k = 0; k < n; k++)
        if (members[k].required && !json_object_get(obj, members[k].key))
            return cat_missing(c, path, members[k].key);
    return MC_OK;
}

static mc_status cat_items(cat_ctx *c, const char *path, json_t *v,
                           size_t size, size_t *n_out, void **out)
{
    if (!json_is_array(v))
        return cat_bad(c, path, false, _("phải là một mảng"));
    if (json_array_size(v) > CAT_MAX_ITEMS)
        return cat_bad(c, path, false, _("có quá 200 phần tử"));
    *n_out = json_array_size(v);
    *out = *n_out ? mc_xcalloc(*n_out, size) : NULL;
    return MC_OK;
}

static mc_status m_documents(cat_ctx *c, const char *path, json_t *v,
                             cat_procedure *p, cat_seen *seen)
{
    void *items = NULL;
    mc_status rc = cat_items(c, path, v, sizeof(cat_paper), &p->n_papers,
                             &items);
    p->papers = items;
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) {
        if (rc != MC_OK)
            break;
        char ipath[96];
        snprintf(ipath, sizeof ipath, "%s[%zu]", path, i);
        rc = cat_object(c, ipath, item, cat_paper_members,
                        CAT_N(cat_paper_members), &p->papers[i]);
    }
    return rc;
}

static mc_status m_fields(cat_ctx *c, const char *path, json_t *v,
                          cat_procedure *p, cat_seen *seen)
{
    void *items = NULL;
    mc_status rc = cat_items(c, path, v, sizeof(cat_field), &p->n_fields,
                             &items);
    p->fields = items;
    size_t i;
    json_t *item;
    json_array_foreach(v, i, item) {
        if (rc != MC_OK)
            break;
        char ipath[96];
        snprintf(ipath, sizeof ipath, "%s[%zu]", path, i);
        rc = cat_object(c, ipath, item, cat_field_members,
                        CAT_N(cat_field_members), &p->fields[i]);
        for (size_t j = 0; rc == MC_OK && j < i; j++)
            if (strcmp(p->fields[j].key, p->fields[i].key) == 0) {
                char kpath[112];
                snprintf(kpath, sizeof kpath, "%s.key", ipath);
                rc = cat_bad(c, kpath, false,
                             _("trùng với một trường đã khai báo trước"));
            }
    }
    return rc;
}

/* The top-level members, sorted by key: the one list behind the parser,
 * the missing-member check and (by hand, kept in step by the schema test)
 * forms/procedure.schema.json. */
static const struct {
    const char *key;
    bool required;
    cat_member_fn fn;
} cat_top[] = {
    {"applicant_kinds", true, m_kinds},
    {"channels", true, m_channels},
    {"code", true, m_code},
    {"department", false, m_department},
    {"documents", false, m_documents},
    {"fee", false, m_fee},
    {"field", true, m_field},
    {"fields", false, m_fields},
    {"local_code", false, m_local_code},
    {"name_en", false, m_name_en},
    {"name_vi", true, m_name_vi},
    {"processing_days", false, m_days},
    {"processing_time_note", false, m_time_note},
    {"processing_unit", false, m_unit},
    {"source", false, m_source},
    {"version", true, m_version},
};

void cat_procedure_free(cat_procedure *p)
{
    if (!p)
        return;
    free(p->code);
    free(p->name_vi);
    free(p->name_en);
    free(p->field);
    for (size_t i = 0; i < p->n_papers && p->papers; i++)
        free(p->papers[i].name);
    free(p->papers);
    for (size_t i = 0; i < p->n_fields && p->fields; i++) {
        free(p->fields[i].key);
        free(p->fields[i].label);
        free(p->fields[i].type);
    }
    free(p->fields);
    free(p->department);
    free(p->source);
    free(p->time_note);
    memset(p, 0, sizeof *p);
}

static mc_status cat_parse_root(cat_ctx *c, json_t *root, cat_procedure *p)
{
    if (!json_is_object(root)) {
        int line, col;
        cat_json_locate(c->text, "", true, &line, &col);
        return mc_fail(c->err, MC_EINVAL, "", "%s:%d:%d: %s", c->file, line,
                       col, _("tệp phải chứa một đối tượng JSON {...}"));
    }
    cat_seen seen = {0};
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        size_t k = 0;
        while (k < CAT_N(cat_top) && strcmp(key, cat_top[k].key) != 0)
            k++;
        if (k == CAT_N(cat_top))
            return cat_bad(c, key, false,
                           _("không có trong lược đồ (khóa lạ)"));
        mc_status rc = cat_top[k].fn(c, key, v, p, &seen);
        if (rc != MC_OK)
            return rc;
    }
    for (size_t k = 0; k < CAT_N(cat_top); k++)
        if (cat_top[k].required && !json_object_get(root, cat_top[k].key))
            return cat_missing(c, "", cat_top[k].key);
    /* the unit says how to count the days: one never goes without the other */
    if (seen.days && !seen.unit)
        return cat_bad(c, "processing_days", false,
                       _("cần kèm \"processing_unit\" (workdays hoặc "
                         "days_excluding_holidays)"));
    if (seen.unit && !seen.days)
        return cat_bad(c, "processing_unit", false,
                       _("chỉ được có khi có \"processing_days\""));
    return MC_OK;
}

mc_status cat_parse(const char *json_text, const char *filename,
                    cat_procedure *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    const char *file = filename ? filename : "-";
    size_t len = strlen(json_text);
    if (len > CAT_MAX_FILE_BYTES)
        return mc_fail(err, MC_ELIMIT, "",
                       _("%s: tệp dài %zu byte, vượt giới hạn %d byte"), file,
                       len, CAT_MAX_FILE_BYTES);
    json_error_t je;
    json_t *root = json_loadb(json_text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return mc_fail(err, MC_EINVAL, "", _("%s:%d:%d: lỗi cú pháp JSON: %s"),
                       file, je.line, je.column, je.text);
    cat_ctx c = {.text = json_text, .file = file, .err = err};
    cat_procedure p = {.unit = CAL_UNIT_WORKDAYS};
    mc_status rc = cat_parse_root(&c, root, &p);
    json_decref(root);
    if (rc != MC_OK) {
        cat_procedure_free(&p);
        return rc;
    }
    *out = p;
    return MC_OK;
}

/* ---- canonical text ------------------------------------------------- */

static json_t *cat_bits_json(unsigned bits, const char *const *names, size_t n)
{
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++)
        if (bits & (1u << k))
            json_array_append_new(a, json_string(names[k]));
    return a;
}

static void cat_set_str(json_t *o, const char *key, const char *s)
{
    if (s)
        json_object_set_new(o, key, json_string(s));
}

char *cat_to_json(const cat_procedure *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "applicant_kinds",
                        cat_bits_json(p->applicant_kinds, cat_kind_names,
                                      CAT_N(cat_kind_names)));
    json_object_set_new(o, "channels",
                        cat_bits_json(p->channels, cat_channel_names,
                                      CAT_N(cat_channel_names)));
    cat_set_str(o, "code", p->code);
    cat_set_str(o, "department", p->department);
    if (p->n_papers) {
        json_t *a = json_array();
        for (size_t i = 0; i < p->n_papers; i++) {
            const cat_paper *d = &p->papers[i];
            json_t *x = json_object();
            json_object_set_new(x, "count", json_integer(d->count));
            json_object_set_new(x, "form",
                                json_string(paper_form_name(d->form)));
            cat_set_str(x, "name", d->name);
            json_object_set_new(x, "required", json_boolean(d->required));
            json_array_append_new(a, x);
        }
        json_object_set_new(o, "documents", a);
    }
    json_object_set_new(o, "fee", json_integer(p->fee));
    cat_set_str(o, "field", p->field);
    if (p->n_fields) {
        json_t *a = json_array();
        for (size_t i = 0; i < p->n_fields; i++) {
            const cat_field *f = &p->fields[i];
            json_t *x = json_object();
            cat_set_str(x, "key", f->key);
            cat_set_str(x, "label", f->label);
            json_object_set_new(x, "required", json_boolean(f->required));
            cat_set_str(x, "type", f->type);
            json_array_append_new(a, x);
        }
        json_object_set_new(o, "fields", a);
    }
    json_object_set_new(o, "local_code", json_boolean(p->local_code));
    cat_set_str(o, "name_en", p->name_en);
    cat_set_str(o, "name_vi", p->name_vi);
    if (p->processing_days > 0) {
        json_object_set_new(o, "processing_days",
                            json_integer(p->processing_days));
        json_object_set_new(o, "processing_unit",
                            json_string(cat_unit_name(p->unit)));
    }
    cat_set_str(o, "processing_time_note", p->time_note);
    cat_set_str(o, "source", p->source);
    json_object_set_new(o, "version", json_integer(p->version));
    char *s = json_dumps(o, JSON_SORT_KEYS | JSON_INDENT(2));
    json_decref(o);
    if (!s)
        s = mc_xstrdup("{}");
    /* a text file ends with a newline; copy into our allocator's memory */
    char *t = mc_xasprintf("%s\n", s);
    free(s);
    return t;
}

/* ---- files and folders ---------------------------------------------- */

mc_status cat_load_file(const char *path, cat_procedure *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return mc_fail(err, MC_EIO, "", _("%s: không mở được tệp: %s"), path,
                       strerror(errno));
    mc_status rc = MC_OK;
    char *buf = NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = mc_fail(err, MC_EIO, "", _("%s: không phải tệp thường"), path);
        goto out;
    }
    if (st.st_size > CAT_MAX_FILE_BYTES) {
        rc = mc_fail(err, MC_ELIMIT, "",
                     _("%s: tệp dài %lld byte, vượt giới hạn %d byte"), path,
                     (long long)st.st_size, CAT_MAX_FILE_BYTES);
        goto out;
    }
    /* read one byte more than allowed: the file may grow under us */
    buf = mc_xmalloc(CAT_MAX_FILE_BYTES + 2);
    size_t len = 0;
    for (;;) {
        ssize_t k = read(fd, buf + len, CAT_MAX_FILE_BYTES + 1 - len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            rc = mc_fail(err, MC_EIO, "", _("%s: không đọc được tệp: %s"), path,
                         strerror(errno));
            goto out;
        }
        if (k == 0)
            break;
        len += (size_t)k;
        if (len > CAT_MAX_FILE_BYTES) {
            rc = mc_fail(err, MC_ELIMIT, "",
                         _("%s: tệp dài hơn giới hạn %d byte"), path,
                         CAT_MAX_FILE_BYTES);
            goto out;
        }
    }
    buf[len] = '\0';
    if (memchr(buf, '\0', len)) {
        rc = mc_fail(err, MC_EINVAL, "", _("%s: tệp chứa byte NUL"), path);
        goto out;
    }
    rc = cat_parse(buf, path, out, err);
out:
    free(buf);
    close(fd);
    return rc;
}

static int cat_cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool cat_is_json_name(const char *n)
{
    size_t len = strlen(n);
    return n[0] != '.' && len > 5 && strcmp(n + len - 5, ".json") == 0;
}

void cat_list_free(cat_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        cat_procedure_free(&l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

const cat_procedure *cat_list_find(const cat_list *l, const char *code)
{
    for (size_t i = 0; l && code && i < l->n; i++)
        if (strcmp(l->items[i].code, code) == 0)
            return &l->items[i];
    return NULL;
}

mc_status cat_load_dir(const char *dir, cat_list *out, cat_skip_fn on_skip,
                       void *ud, mc_error *err)
{
    out->items = NULL;
    out->n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return mc_fail(err, MC_EIO, "", _("%s: không mở được thư mục: %s"), dir,
                       strerror(errno));
    char **names = NULL;
    size_t n_names = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!cat_is_json_name(de->d_name))
            continue;
        if (n_names == cap) {
            cap = cap ? cap * 2 : 32;
            names = mc_xrealloc(names, cap * sizeof *names);
        }
        names[n_names++] = mc_xstrdup(de->d_name);
    }
    closedir(d);
    if (n_names)
        qsort(names, n_names, sizeof *names, cat_cmp_names);

    mc_status rc = MC_OK;
    char **paths = n_names ? mc_xcalloc(n_names, sizeof *paths) : NULL;
    out->items = n_names ? mc_xcalloc(n_names, sizeof *out->items) : NULL;
    for (size_t i = 0; i < n_names && rc == MC_OK; i++) {
        char *path = mc_xasprintf("%s%s%s", dir,
                                  dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
                                  names[i]);
        cat_procedure p;
        mc_error e;
        mc_error_clear(&e);
        if (cat_load_file(path, &p, &e) != MC_OK) {
            if (on_skip)
                on_skip(path, &e, ud);
            free(path);
            continue;
        }
        for (size_t j = 0; j < out->n; j++)
            if (strcmp(out->items[j].code, p.code) == 0) {
                rc = mc_fail(err, MC_ECONFLICT, "code",
                             _("%s: field \"code\" \"%s\" trùng với mã trong "
                               "%s"),
                             path, p.code, paths[j]);
                break;
            }
        if (rc != MC_OK) {
            cat_procedure_free(&p);
            free(path);
            break;
        }
        paths[out->n] = path;
        out->items[out->n++] = p;
    }
    for (size_t i = 0; i < n_names; i++) {
        free(names[i]);
        if (paths)
            free(paths[i]);
    }
    free(names);
    free(paths);
    if (rc != MC_OK)
        cat_list_free(out);
    return rc;
}

bool cat_needs_processing_time(const cat_procedure *p)
{
    return !p || p->processing_days <= 0;
}
