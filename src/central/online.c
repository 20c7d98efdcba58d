/* SPDX-License-Identifier: GPL-3.0-or-later */
/* online.c - online dossiers at the centre (docs/sync.md, "Online
 * dossiers").
 *
 * The national portal's connector (its own client certificate) files a
 * dossier for an office: POST /v1/online/dossiers, every key checked,
 * the files' bytes hashed, idempotent on the portal reference (the same
 * body again: 200; another body: 409).  It is `waiting` (portal status
 * code 1) until a desk of the office decides: an `intake` event whose
 * snapshot carries the portal_ref accepts it (the code is linked), an
 * `online_decision` event asks for a supplement or refuses it
 * (central_online_apply, called by the push in its transaction).  The
 * office's desks pull the office's online dossiers in rev order and fetch
 * their files; the connector reads the outcome and the Mẫu 02/03 PDF.
 *
 * Every change of an online dossier takes the office's next rev
 * (offices.online_rev, incremented under the office row's lock, which a
 * push holds for its whole transaction): revs of an office commit in
 * order, so a desk whose cursor passed N never misses a change below N.
 */
#include "central.h"

#include <gnutls/crypto.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "b64.h"
#include "date.h"
#include "event.h"
#include "ids.h"
#include "mc_error.h"
#include "person_name.h"
#include "protocol.h"
#include "status.h"

#define ONLINE_MAX_PAPERS 100
#define ONLINE_MAX_FILES 100
#define ONLINE_MAX_FILE (20u << 20) /* bytes of one attached file */
#define ONLINE_FEED_DEFAULT 100
#define ONLINE_FEED_MAX 500

static const char *str_of(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static bool bad(central_resp *r, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool bad(central_resp *r, const char *field, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    central_error(r, 400, "bad_request", field, "%s", msg);
    return false;
}

static bool is_sha256_hex(const char *s)
{
    if (!s || strlen(s) != 64)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

/* "2026-02-13T21:40:00+07:00" of a valid time, or false. */
static bool vn_time(const char *s, char out[26])
{
    mc_ts t;
    if (!s || !mc_ts_parse(s, &t))
        return false;
    mc_ts_format_vn(t, out);
    return true;
}

/* --- who may call --------------------------------------------------------- */

static bool connector_allowed(const central_req *q, central_resp *r)
{
    if (q->connector_identity)
        return true;
    if (q->office_identity) {
        central_error(r, 403, "not_the_connector", NULL,
                      "the certificate of office \"%s\" cannot file or read "
                      "online dossiers: only the portal connector's "
                      "certificate can",
                      q->office_identity);
        return false;
    }
    const char *p = q->identity_problem ? q->identity_problem
                                        : "client_certificate_required";
    central_error(r, strcmp(p, "client_certificate_required") ? 403 : 401, p,
                  NULL, "%s",
                  q->identity_detail ? q->identity_detail
                                     : "the portal connector's client "
                                       "certificate is required");
    return false;
}

/* --- the connector files a dossier ---------------------------------------- */

enum check {
    C_TEXT,  /* a text of 1..max bytes without control characters */
    C_LINES, /* the same, line breaks allowed */
    C_PERSON_ID,
    C_BHXH,
    C_TAX,
    C_PHONE,
    C_EMAIL,
    C_ENUM,
};

static const char *const kinds[] = {"person", "organisation", NULL};
static const char *const channels[] = {"desk", "post", "electronic", NULL};

static const struct dkey {
    const char *key;
    bool required;
    enum check check;
    size_t max;
    const char *const *values;
} dkeys[] = {
    {"procedure_code", true, C_TEXT, 64, NULL},
    {"procedure_name", false, C_TEXT, 1000, NULL},
    {"applicant_kind", false, C_ENUM, 0, kinds},
    {"applicant_name", true, C_TEXT, 200, NULL},
    {"id_number", false, C_PERSON_ID, 0, NULL},
    {"bhxh_number", false, C_BHXH, 0, NULL},
    {"tax_code", false, C_TAX, 0, NULL},
    {"phone", false, C_PHONE, 0, NULL},
    {"email", false, C_EMAIL, 254, NULL},
    {"address", false, C_LINES, 500, NULL},
    {"rep_name", false, C_TEXT, 200, NULL},
    {"rep_id_number", false, C_PERSON_ID, 0, NULL},
    {"rep_phone", false, C_PHONE, 0, NULL},
    {"note", false, C_LINES, 2000, NULL},
    {"return_channel", false, C_ENUM, 0, channels},
};
#define N_DKEYS (sizeof dkeys / sizeof *dkeys)

static bool text_ok(const char *s, size_t max, bool lines)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && !(lines && (*p == '\n' || *p == '\r'))) ||
            *p == 0x7f)
            return false;
    return true;
}

static bool check_dossier_key(const struct dkey *k, const char *v,
                              central_resp *r)
{
    char field[64], out[ID_MAX];
    snprintf(field, sizeof field, "dossier.%s", k->key);
    mc_error err = {0};
    mc_status rc = MC_OK;
    int year = 1970 + (int)(time(NULL) / 31556952);
    switch (k->check) {
    case C_TEXT:
    case C_LINES:
        if (!text_ok(v, k->max, k->check == C_LINES))
            return bad(r, field, "%s: must be a text of 1..%zu bytes without "
                       "control characters", field, k->max);
        return true;
    case C_EMAIL:
        if (!text_ok(v, k->max, false) || !strchr(v, '@') || strchr(v, ' '))
            return bad(r, field, "%s: \"%.60s\" is not an e-mail address",
                       field, v);
        return true;
    case C_ENUM:
        for (const char *const *e = k->values; *e; e++)
            if (strcmp(*e, v) == 0)
                return true;
        return bad(r, field, "%s: \"%.40s\" is not one of %s%s%s", field, v,
                   k->values[0], k->values[1] ? ", " : "",
                   k->values[1] ? k->values[1] : "");
    case C_PERSON_ID: rc = id_check_person(v, year, field, out, &err); break;
    case C_BHXH: rc = id_check_bhxh(v, year, field, out, &err); break;
    case C_TAX: rc = id_check_taxcode(v, field, out, &err); break;
    case C_PHONE: rc = id_check_phone(v, field, out, &err); break;
    }
    if (rc != MC_OK)
        return bad(r, field, "%s: %s", field, err.msg);
    return true;
}

/* A name the desk would take (src/desk/intake.c desk_check_name). */
static bool name_ok(central_resp *r, const char *field, const char *name,
                    bool organisation)
{
    char c = '\0';
    switch (name_check(name, organisation, &c)) {
    case NAME_OK:
        return true;
    case NAME_MISSING:
        return bad(r, field, "%s: missing (required)", field);
    case NAME_TOO_SHORT:
        return bad(r, field, "%s: \"%s\" is too short (at least 2 "
                   "characters)", field, name);
    case NAME_NO_LETTER:
        return bad(r, field, "%s: \"%s\" has no letter", field, name);
    case NAME_BAD_CHAR:
        return bad(r, field, "%s: \"%s\" has the digit or symbol '%c' "
                   "(a person's name may not; the desk would refuse it)",
                   field, name, c);
    }
    return true;
}

/* The dossier object; fills the set of paper numbers (papers[no] true). */
static bool check_dossier(json_t *d, bool papers[ONLINE_MAX_PAPERS + 1],
                          central_resp *r)
{
    if (!json_is_object(d))
        return bad(r, "dossier", "dossier: missing or not an object");
    const char *key;
    json_t *v;
    json_object_foreach(d, key, v)
    {
        if (strcmp(key, "papers") == 0)
            continue;
        size_t i = 0;
        while (i < N_DKEYS && strcmp(dkeys[i].key, key) != 0)
            i++;
        if (i == N_DKEYS) {
            char field[64];
            snprintf(field, sizeof field, "dossier.%.50s", key);
            return bad(r, field, "%s: unknown key (known: procedure_code, "
                       "procedure_name, applicant_kind, applicant_name, "
                       "id_number, bhxh_number, tax_code, phone, email, "
                       "address, rep_name, rep_id_number, rep_phone, note, "
                       "return_channel, papers)",
                       field);
        }
    }
    for (size_t i = 0; i < N_DKEYS; i++) {
        json_t *x = json_object_get(d, dkeys[i].key);
        char field[64];
        snprintf(field, sizeof field, "dossier.%s", dkeys[i].key);
        if (!x || json_is_null(x)) {
            if (dkeys[i].required)
                return bad(r, field, "%s: missing (required)", field);
            continue;
        }
        if (!json_is_string(x))
            return bad(r, field, "%s: not a string", field);
        if (!check_dossier_key(&dkeys[i], json_string_value(x), r))
            return false;
    }
    /* the names as the desk checks them, or the dossier could never be
     * accepted there (person_name.h) */
    const char *kind = str_of(d, "applicant_kind");
    if (!name_ok(r, "dossier.applicant_name", str_of(d, "applicant_name"),
                 kind && strcmp(kind, "organisation") == 0) ||
        (str_of(d, "rep_name") &&
         !name_ok(r, "dossier.rep_name", str_of(d, "rep_name"), false)))
        return false;
    json_t *ps = json_object_get(d, "papers");
    if (!json_is_array(ps))
        return bad(r, "dossier.papers", "dossier.papers: missing or not an "
                   "array of {\"no\", \"name\"}");
    if (json_array_size(ps) > ONLINE_MAX_PAPERS)
        return bad(r, "dossier.papers", "dossier.papers: more than %d papers",
                   ONLINE_MAX_PAPERS);
    size_t i;
    json_array_foreach(ps, i, v)
    {
        char field[64];
        snprintf(field, sizeof field, "dossier.papers[%zu]", i);
        if (!json_is_object(v))
            return bad(r, field, "%s: not an object", field);
        json_t *pv;
        json_object_foreach(v, key, pv)
        {
            if (strcmp(key, "no") && strcmp(key, "name"))
                return bad(r, field, "%s.%.40s: unknown key (known: no, "
                           "name)", field, key);
        }
        json_t *no = json_object_get(v, "no");
        if (!json_is_integer(no) || json_integer_value(no) < 1 ||
            json_integer_value(no) > ONLINE_MAX_PAPERS)
            return bad(r, field, "%s.no: missing or not a number 1..%d",
                       field, ONLINE_MAX_PAPERS);
        int n = (int)json_integer_value(no);
        if (papers[n])
            return bad(r, field, "%s.no: paper %d is listed twice", field,
                       n);
        papers[n] = true;
        const char *name = str_of(v, "name");
        if (!name || !text_ok(name, 500, false))
            return bad(r, field, "%s.name: missing or not a text of 1..500 "
                       "bytes", field);
    }
    return true;
}

static const char *const mimes[] = {"application/pdf", "image/png",
                                    "image/jpeg"};

static bool magic_ok(const char *mime, const unsigned char *b, size_t n)
{
    if (strcmp(mime, "application/pdf") == 0)
        return n >= 5 && memcmp(b, "%PDF-", 5) == 0;
    if (strcmp(mime, "image/png") == 0)
        return n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0;
    return n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff;
}

static void hex(const unsigned char *d, size_t n, char *out)
{
    static const char h[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = h[d[i] >> 4];
        out[2 * i + 1] = h[d[i] & 15];
    }
    out[2 * n] = '\0';
}

/* One attached file: checked, hashed; its row appended to rows. */
static bool check_file(json_t *f, size_t i,
                       const bool papers[ONLINE_MAX_PAPERS + 1], json_t *rows,
                       central_resp *r)
{
    char field[64];
    snprintf(field, sizeof field, "files[%zu]", i);
    if (!json_is_object(f))
        return bad(r, field, "%s: not an object", field);
    const char *key;
    json_t *v;
    json_object_foreach(f, key, v)
    {
        if (strcmp(key, "paper") && strcmp(key, "name") &&
            strcmp(key, "mime") && strcmp(key, "sha256") &&
            strcmp(key, "data"))
            return bad(r, field, "%s.%.40s: unknown key (known: paper, name, "
                       "mime, sha256, data)", field, key);
    }
#define FIELD(k) (snprintf(field, sizeof field, "files[%zu]." k, i), field)
    json_t *pj = json_object_get(f, "paper");
    if (!json_is_integer(pj) || json_integer_value(pj) < 1 ||
        json_integer_value(pj) > ONLINE_MAX_PAPERS ||
        !papers[json_integer_value(pj)])
        return bad(r, FIELD("paper"), "%s: missing or not the number of a "
                   "paper listed in dossier.papers", field);
    const char *name = str_of(f, "name");
    if (!name || !text_ok(name, 255, false) || strchr(name, '/') ||
        strchr(name, '\\'))
        return bad(r, FIELD("name"), "%s: missing, or not a file name of "
                   "1..255 bytes without / or \\", field);
    const char *mime = str_of(f, "mime");
    size_t m = 0;
    while (m < 3 && (!mime || strcmp(mime, mimes[m]) != 0))
        m++;
    if (m == 3)
        return bad(r, FIELD("mime"), "%s: must be application/pdf, image/png "
                   "or image/jpeg", field);
    const char *sha = str_of(f, "sha256");
    if (!is_sha256_hex(sha))
        return bad(r, FIELD("sha256"), "%s: missing or not 64 lower-case hex "
                   "digits", field);
    json_t *dj = json_object_get(f, "data");
    const char *data = json_string_value(dj);
    if (!data)
        return bad(r, FIELD("data"), "%s: missing or not a base64 text",
                   field);
    size_t len = json_string_length(dj);
    if (wire_b64_decoded_size(data, len) > ONLINE_MAX_FILE)
        return bad(r, FIELD("data"), "%s: the file is larger than %u bytes",
                   field, ONLINE_MAX_FILE);
    unsigned char *bytes;
    size_t n, at;
    if (!wire_b64_decode(data, len, &bytes, &n, &at))
        return bad(r, FIELD("data"), "%s: not base64 (at byte %zu)", field,
                   at);
    bool ok = true;
    unsigned char dg[32];
    char got[65];
    if (n == 0) {
        ok = bad(r, FIELD("data"), "%s: the file is empty", field);
    } else if (!magic_ok(mime, bytes, n)) {
        ok = bad(r, FIELD("data"), "%s: the bytes are not a %s file (their "
                 "first bytes do not match)", field, mime);
    } else if (gnutls_hash_fast(GNUTLS_DIG_SHA256, bytes, n, dg) < 0) {
        ok = bad(r, FIELD("data"), "%s: cannot hash the file", field);
    } else {
        hex(dg, 32, got);
        if (strcmp(got, sha) != 0)
            ok = bad(r, FIELD("sha256"), "%s: the bytes hash to %s, not to "
                     "the given sha256", field, got);
    }
#undef FIELD
    free(bytes);
    if (ok)
        json_array_append_new(
            rows, json_pack("{s:I, s:I, s:s, s:s, s:s, s:I}", "ord",
                            (json_int_t)i, "paper", json_integer_value(pj),
                            "name", name, "mime", mimes[m], "sha256", sha,
                            "size", (json_int_t)n));
    return ok;
}

typedef struct filing {
    const char *ref, *office;
    char submitted_at[26];
    json_t *canon; /* the request without the files' bytes */
    json_t *files; /* rows for CS_ONLINE_FILES_PUT (+ size) */
} filing;

static bool check_filing(json_t *root, filing *f, central_resp *r)
{
    if (!json_is_object(root))
        return bad(r, "body", "body: must be a JSON object");
    static const char *const top[] = {"v", "portal_ref", "office",
                                      "submitted_at", "dossier", "files"};
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        size_t i = 0;
        while (i < 6 && strcmp(top[i], key) != 0)
            i++;
        if (i == 6) {
            char field[48];
            snprintf(field, sizeof field, "%.40s", key);
            return bad(r, field, "%s: unknown key (known: v, portal_ref, "
                       "office, submitted_at, dossier, files)", field);
        }
    }
    v = json_object_get(root, "v");
    if (!json_is_integer(v) || json_integer_value(v) != WIRE_PROTOCOL_VERSION)
        return bad(r, "v", "v: missing or not %d", WIRE_PROTOCOL_VERSION);
    char why[128];
    f->ref = str_of(root, "portal_ref");
    if (!wire_portal_ref_valid(f->ref, why, sizeof why))
        return bad(r, "portal_ref", "portal_ref: %s", why);
    f->office = str_of(root, "office");
    size_t ol = f->office ? strlen(f->office) : 0;
    bool office_ok = ol > 0 && ol <= 35;
    for (size_t i = 0; office_ok && i < ol; i++) {
        char c = f->office[i];
        office_ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                    c == '.';
    }
    if (!office_ok)
        return bad(r, "office", "office: missing or not an office code (1..35 "
                   "characters of 0-9 A-Z .)");
    if (!vn_time(str_of(root, "submitted_at"), f->submitted_at))
        return bad(r, "submitted_at", "submitted_at: missing or not an ISO "
                   "8601 time");
    bool papers[ONLINE_MAX_PAPERS + 1] = {false};
    if (!check_dossier(json_object_get(root, "dossier"), papers, r))
        return false;
    json_t *files = json_object_get(root, "files");
    if (files && !json_is_null(files) && !json_is_array(files))
        return bad(r, "files", "files: not an array");
    if (json_array_size(files) > ONLINE_MAX_FILES)
        return bad(r, "files", "files: more than %d files", ONLINE_MAX_FILES);
    f->files = json_array();
    size_t i;
    json_array_foreach(files, i, v)
    {
        if (!check_file(v, i, papers, f->files, r))
            return false;
    }
    /* shallow copies: only the files' objects lose their bytes */
    f->canon = json_copy(root);
    if (json_is_array(files)) {
        json_t *fc = json_array();
        json_array_foreach(files, i, v)
        {
            json_t *c = json_copy(v);
            json_object_del(c, "data");
            json_array_append_new(fc, c);
        }
        json_object_set_new(f->canon, "files", fc);
    }
    return true;
}

static json_t *filed_answer(const char *ref, const char *office,
                            const char *state, long long rev)
{
    return json_pack("{s:i, s:s, s:s, s:s, s:I}", "v", WIRE_PROTOCOL_VERSION,
                     "portal_ref", ref, "office", office, "state", state,
                     "rev", (json_int_t)rev);
}

enum existing {
    EX_NONE,       /* a new reference */
    EX_ANSWERED,   /* the answer is set (a repeat, a conflict, an error) */
    EX_SUPPLEMENT, /* the citizen's supplement to a supplement request */
};

/* The reference is already at the centre: 200 when it is the same
 * request, the supplement when the office asked for one, 409 otherwise. */
static enum existing answer_existing(PGconn *c, const filing *f,
                                     const char *canon, central_resp *r)
{
    const char *p[2] = {f->ref, canon};
    PGresult *res = central_exec(c, CS_ONLINE_SAME, 2, p);
    enum existing ex = EX_ANSWERED;
    if (!central_ok_or_500(res, r)) {
        /* answered */
    } else if (PQntuples(res) != 1) {
        ex = EX_NONE;
    } else if (strcmp(PQgetvalue(res, 0, 2), "t") == 0) {
        central_json(r, 200,
                     filed_answer(f->ref, f->office, PQgetvalue(res, 0, 1),
                                  strtoll(PQgetvalue(res, 0, 3), NULL, 10)));
    } else if (strcmp(PQgetvalue(res, 0, 1), "supplement_requested") == 0 &&
               strcmp(PQgetvalue(res, 0, 0), f->office) == 0) {
        ex = EX_SUPPLEMENT;
    } else {
        central_error(r, 409, "portal_ref_conflict", "portal_ref",
                      "the centre already holds online dossier \"%s\" "
                      "(office %s, %s) filed with a different body; a "
                      "portal reference is filed once (again only after a "
                      "supplement request, for the same office)",
                      f->ref, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1));
    }
    PQclear(res);
    return ex;
}

static long long next_rev(PGconn *c, const char *office, char *why, size_t n)
{
    const char *p[1] = {office};
    PGresult *res = central_exec(c, CS_ONLINE_NEXT_REV, 1, p);
    long long rev = -1;
    if (central_ok(res) && PQntuples(res) == 1)
        rev = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    else
        snprintf(why, n, "%s", PQresultErrorMessage(res));
    PQclear(res);
    return rev;
}

/* The files' bytes (once per hash) and rows. */
static bool store_files(PGconn *c, const filing *f, json_t *root, char *why,
                        size_t wn)
{
    size_t i;
    json_t *row;
    json_array_foreach(f->files, i, row)
    {
        json_t *src = json_array_get(json_object_get(root, "files"), i);
        char size_s[32];
        snprintf(size_s, sizeof size_s, "%lld",
                 (long long)json_integer_value(json_object_get(row, "size")));
        const char *pb[3] = {str_of(row, "sha256"), size_s,
                             str_of(src, "data")};
        if (!central_run(c, CS_ONLINE_BLOB_PUT, 3, pb, why, wn))
            return false;
    }
    if (!json_array_size(f->files))
        return true;
    char *rows = json_dumps(f->files, JSON_COMPACT);
    const char *pf[2] = {f->ref, rows};
    bool ok = central_run(c, CS_ONLINE_FILES_PUT, 2, pf, why, wn);
    free(rows);
    return ok;
}

static void online_file(const central_req *q, central_resp *r)
{
    if (!connector_allowed(q, r))
        return;
    if (q->body_len == 0) {
        bad(r, "body", "the request has no body (expected the online "
            "dossier as JSON)");
        return;
    }
    json_error_t je;
    json_t *root = json_loadb(q->body, q->body_len, JSON_REJECT_DUPLICATES,
                              &je);
    if (!root) {
        bad(r, "body", "not JSON: %s (line %d, column %d)", je.text, je.line,
            je.column);
        return;
    }
    filing f = {0};
    char why[768] = "", *canon = NULL;
    PGconn *c = NULL;
    PGresult *res = NULL;
    if (!check_filing(root, &f, r))
        goto out;
    canon = json_dumps(f.canon, JSON_COMPACT);
    if (!(c = central_db_or_503(r, why, sizeof why)))
        goto out;
    enum existing ex = answer_existing(c, &f, canon, r);
    if (ex == EX_ANSWERED)
        goto out;
    if (!central_begin(c)) {
        snprintf(why, sizeof why, "BEGIN: %s", PQerrorMessage(c));
        goto dberr;
    }
    long long rev = next_rev(c, f.office, why, sizeof why);
    if (rev < 0)
        goto dberr;
    char rev_s[32];
    snprintf(rev_s, sizeof rev_s, "%lld", rev);
    const char *pi[5] = {f.ref, f.office, rev_s, f.submitted_at, canon};
    res = central_exec(c, ex == EX_NONE ? CS_ONLINE_INSERT
                                        : CS_ONLINE_SUPPLEMENTED,
                       5, pi);
    if (!central_ok(res)) {
        snprintf(why, sizeof why, "%s", PQresultErrorMessage(res));
        goto dberr;
    }
    if (PQntuples(res) == 0) {
        /* filed (or decided) meanwhile by another request: answer from
         * what is there now */
        central_rollback(c);
        if (answer_existing(c, &f, canon, r) != EX_ANSWERED)
            central_error(r, 409, "portal_ref_conflict", "portal_ref",
                          "online dossier \"%s\" changed while it was "
                          "being filed: file it again",
                          f.ref);
        goto out;
    }
    if (!store_files(c, &f, root, why, sizeof why))
        goto dberr;
    if (!central_commit(c)) {
        snprintf(why, sizeof why, "COMMIT: %s", PQerrorMessage(c));
        goto dberr;
    }
    json_t *ans = filed_answer(f.ref, f.office, "waiting", rev);
    if (ex == EX_SUPPLEMENT)
        json_object_set_new(ans, "supplemented", json_true());
    central_json(r, ex == EX_NONE ? 201 : 200, ans);
    goto out;
dberr:
    central_rollback(c);
    central_error(r, 500, "database_error", NULL,
                  "the online dossier was not stored (nothing was written): "
                  "%s",
                  why);
out:
    PQclear(res);
    free(canon);
    json_decref(f.canon);
    json_decref(f.files);
    json_decref(root);
}

/* The connector's request about online dossier ref: its row by statement
 * id (the connection in *c), or NULL with the answer set (not the
 * connector, 503, 500, 404). */
static PGresult *connector_row(const central_req *q, const char *ref,
                               enum central_stmt id, PGconn **c,
                               central_resp *r)
{
    if (!connector_allowed(q, r))
        return NULL;
    char why[512];
    if (!(*c = central_db_or_503(r, why, sizeof why)))
        return NULL;
    const char *p[1] = {ref};
    PGresult *res = central_exec_or_500(*c, id, 1, p, r);
    if (res && PQntuples(res) != 1) {
        central_error(r, 404, "not_found", "portal_ref",
                      "the centre has no online dossier \"%s\"", ref);
        PQclear(res);
        res = NULL;
    }
    return res;
}

/* --- the connector withdraws a waiting dossier (the citizen's request) ---- */

static void online_withdraw(const central_req *q, const char *ref,
                            central_resp *r)
{
    PGconn *c;
    PGresult *res = connector_row(q, ref, CS_ONLINE_LOOKUP, &c, r);
    if (!res)
        return;
    char office[64], why[512] = "";
    mc_strlcpy(office, PQgetvalue(res, 0, 0), sizeof office);
    PQclear(res);
    /* the office row first, then the dossier's: the order a push takes */
    const char *p1[1] = {ref};
    long long rev;
    if (!central_begin(c) || (rev = next_rev(c, office, why, sizeof why)) < 0)
        goto dberr;
    res = central_exec(c, CS_ONLINE_LOCK, 1, p1);
    if (!central_ok(res) || PQntuples(res) != 1) {
        snprintf(why, sizeof why, "%s", PQresultErrorMessage(res));
        PQclear(res);
        goto dberr;
    }
    char state[32];
    mc_strlcpy(state, PQgetvalue(res, 0, 1), sizeof state);
    PQclear(res);
    if (strcmp(state, "withdrawn") == 0) {
        central_rollback(c);
        central_json(r, 200, filed_answer(ref, office, state, 0));
        return;
    }
    if (strcmp(state, "waiting") != 0) {
        central_rollback_error(c, r, 409, "already_decided", "portal_ref",
                               "online dossier \"%s\" is already %s: it can "
                               "no longer be withdrawn through the portal",
                               ref, state);
        return;
    }
    char rev_s[32];
    snprintf(rev_s, sizeof rev_s, "%lld", rev);
    const char *pw[2] = {ref, rev_s};
    if (!central_run(c, CS_ONLINE_WITHDRAW, 2, pw, why, sizeof why) ||
        !central_commit(c))
        goto dberr;
    central_json(r, 200, filed_answer(ref, office, "withdrawn", rev));
    return;
dberr:
    if (!why[0]) /* BEGIN or COMMIT failed: the connection says why */
        snprintf(why, sizeof why, "%s", PQerrorMessage(c));
    central_rollback(c);
    central_error(r, 500, "database_error", NULL, "nothing was changed: %s",
                  why);
}

/* --- the office's desks pull --------------------------------------------- */

static json_t *json_col(PGresult *res, int row, int col)
{
    if (PQgetisnull(res, row, col))
        return json_null();
    json_t *v = json_loads(PQgetvalue(res, row, col), 0, NULL);
    return v ? v : json_null();
}

static json_t *str_col(PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col)
               ? json_null()
               : json_string(PQgetvalue(res, row, col));
}

/* The outcome's columns col.. (code, by, at, decision, reasons, missing)
 * of a feed item or the connector's read. */
static void set_outcome(json_t *o, PGresult *res, int row, int col)
{
    json_object_set_new(o, "code", str_col(res, row, col));
    json_object_set_new(o, "by", str_col(res, row, col + 1));
    json_object_set_new(o, "at", str_col(res, row, col + 2));
    json_object_set_new(o, "decision", str_col(res, row, col + 3));
    json_object_set_new(o, "reasons", json_col(res, row, col + 4));
    json_object_set_new(o, "missing", json_col(res, row, col + 5));
}

static json_t *feed_item(PGresult *res, int i, long long rev)
{
    json_t *it = json_object();
    json_object_set_new(it, "rev", json_integer(rev));
    json_object_set_new(it, "portal_ref", str_col(res, i, 1));
    json_object_set_new(it, "submitted_at", str_col(res, i, 2));
    json_object_set_new(it, "state", str_col(res, i, 3));
    json_object_set_new(it, "dossier", json_col(res, i, 4));
    json_object_set_new(it, "files", json_col(res, i, 5));
    set_outcome(it, res, i, 6);
    json_object_set_new(
        it, "supplements",
        json_integer(strtoll(PQgetvalue(res, i, 12), NULL, 10)));
    return it;
}

static void online_feed(const central_req *q, const char *office,
                        central_resp *r)
{
    static const central_page feed = {
        .stmt = CS_ONLINE_FEED,
        .default_limit = ONLINE_FEED_DEFAULT,
        .max_limit = ONLINE_FEED_MAX,
        .after_quote_max = 40,
        .key = "items",
        .item = feed_item,
    };
    central_paged(q, office, &feed, r);
}

/* Answer raw bytes (column col of a binary-format result). */
static void bytes_answer(central_resp *r, PGresult *res, int col,
                         const char *mime)
{
    size_t n = (size_t)PQgetlength(res, 0, col);
    r->status = 200;
    r->body = mc_xmalloc(n + 1);
    memcpy(r->body, PQgetvalue(res, 0, col), n);
    r->body[n] = '\0';
    r->body_len = n;
    r->content_type = mime;
    if (n == 0) { /* body_len 0 would mean "a text": never for a file */
        free(r->body);
        r->body = NULL;
        central_error(r, 500, "internal", NULL, "an empty file");
    }
}

/* The one row of statement id with binary results, or NULL with the
 * answer set (503, 500) or, when there is no row, *none set instead. */
static PGresult *bin_row(enum central_stmt id, int n, const char *const *p,
                         bool *none, central_resp *r)
{
    *none = false;
    char why[512];
    PGconn *c = central_db_or_503(r, why, sizeof why);
    if (!c)
        return NULL;
    PGresult *res = central_exec_bin(c, id, n, p, NULL, NULL, 1);
    if (central_ok_or_500(res, r) && PQntuples(res) == 1)
        return res;
    *none = central_ok(res);
    PQclear(res);
    return NULL;
}

static void online_file_get(const central_req *q, const char *office,
                            const char *ref, const char *sha,
                            central_resp *r)
{
    (void)q;
    if (!is_sha256_hex(sha)) {
        bad(r, "sha256", "sha256: \"%.70s\" is not 64 lower-case hex digits",
            sha);
        return;
    }
    const char *p[3] = {ref, office, sha};
    bool none;
    PGresult *res = bin_row(CS_ONLINE_FILE_GET, 3, p, &none, r);
    if (!res) {
        if (none)
            central_error(r, 404, "not_found", "sha256",
                          "office %s has no online dossier \"%s\" with a "
                          "file %s",
                          office, ref, sha);
        return;
    }
    const char *mime = mimes[0];
    for (size_t m = 0; m < 3; m++)
        if (strcmp(PQgetvalue(res, 0, 0), mimes[m]) == 0)
            mime = mimes[m];
    bytes_answer(r, res, 1, mime);
    PQclear(res);
}

/* --- the connector reads the outcome ------------------------------------- */

/* The portal's status code and label of an online dossier not accepted. */
static void online_state_status(const char *state, int *code,
                                const char **label)
{
    mc_dossier_status st = ST__COUNT;
    if (strcmp(state, "supplement_requested") == 0)
        st = ST_SUPPLEMENT_REQUESTED;
    else if (strcmp(state, "refused") == 0)
        st = ST_REFUSED;
    else if (strcmp(state, "withdrawn") == 0)
        st = ST_WITHDRAWN;
    if (st == ST__COUNT) { /* waiting */
        *code = 1;
        *label = "Chờ tiếp nhận";
    } else {
        *code = status_portal_code(st);
        *label = status_label_vi(st);
    }
}

static void online_read(const central_req *q, const char *ref,
                        central_resp *r)
{
    PGconn *c;
    PGresult *res = connector_row(q, ref, CS_ONLINE_READ, &c, r);
    if (!res)
        return;
    const char *state = PQgetvalue(res, 0, 1);
    json_t *o = json_object();
    json_object_set_new(o, "v", json_integer(WIRE_PROTOCOL_VERSION));
    json_object_set_new(o, "portal_ref", json_string(ref));
    json_object_set_new(o, "office", str_col(res, 0, 0));
    json_object_set_new(o, "state", json_string(state));
    json_object_set_new(o, "submitted_at", str_col(res, 0, 2));
    json_object_set_new(o, "rev",
                        json_integer(strtoll(PQgetvalue(res, 0, 3), NULL, 10)));
    set_outcome(o, res, 0, 4);
    json_object_set_new(
        o, "supplements",
        json_integer(strtoll(PQgetvalue(res, 0, 12), NULL, 10)));
    if (strcmp(PQgetvalue(res, 0, 10), "t") == 0) {
        char *path = mc_xasprintf("/v1/online/dossiers/%s/form.pdf", ref);
        json_object_set_new(o, "form_pdf", json_string(path));
        free(path);
    } else {
        json_object_set_new(o, "form_pdf", json_null());
    }
    mc_dossier_status st;
    if (!PQgetisnull(res, 0, 11) && status_parse(PQgetvalue(res, 0, 11), &st)) {
        json_object_set_new(o, "status", json_string(status_name(st)));
        json_object_set_new(o, "status_label",
                            json_string(status_label_vi(st)));
        json_object_set_new(o, "status_portal_code",
                            json_integer(status_portal_code(st)));
    } else {
        int code;
        const char *label;
        online_state_status(state, &code, &label);
        json_object_set_new(o, "status", json_string(state));
        json_object_set_new(o, "status_label", json_string(label));
        json_object_set_new(o, "status_portal_code", json_integer(code));
    }
    PQclear(res);
    central_json(r, 200, o);
}

static void online_form(const central_req *q, const char *ref,
                        central_resp *r)
{
    if (!connector_allowed(q, r))
        return;
    const char *p[1] = {ref};
    bool none;
    PGresult *res = bin_row(CS_ONLINE_FORM_GET, 1, p, &none, r);
    if (!res) {
        if (none)
            central_error(r, 404, "not_found", "portal_ref",
                          "online dossier \"%s\" has no decision form "
                          "(unknown, waiting or accepted)",
                          ref);
        return;
    }
    bytes_answer(r, res, 0, "application/pdf");
    PQclear(res);
}

/* --- desk events: accept (intake with portal_ref), online_decision ------- */

bool central_online_apply(PGconn *c, const char *office, long long seq,
                          const json_t *ev, bool *rejected, char *reason,
                          size_t rn, char *why, size_t wn)
{
    *rejected = false;
    const char *kind = str_of(ev, "kind");
    json_t *data = json_object_get(ev, "data");
    bool decision = kind && strcmp(kind, "online_decision") == 0;
    if (!decision && (!kind || strcmp(kind, "intake") != 0))
        return true;
    const char *ref = decision
                          ? str_of(data, "portal_ref")
                          : str_of(json_object_get(data, "dossier"),
                                   "portal_ref");
    if (!ref)
        return true; /* a counter intake */
    const char *code = str_of(ev, "dossier");
    const char *p1[1] = {ref};
    PGresult *res = central_exec(c, CS_ONLINE_LOCK, 1, p1);
    if (!central_ok(res)) {
        snprintf(why, wn, "%s", PQresultErrorMessage(res));
        PQclear(res);
        return false;
    }
    bool ok = true;
    if (PQntuples(res) != 1) {
        *rejected = true;
        snprintf(reason, rn, "portal_ref: the centre has no online dossier "
                 "\"%s\"", ref);
        goto out;
    }
    if (strcmp(PQgetvalue(res, 0, 0), office) != 0) {
        *rejected = true;
        snprintf(reason, rn, "portal_ref: online dossier \"%s\" belongs to "
                 "another office", ref);
        goto out;
    }
    const char *state = PQgetvalue(res, 0, 1);
    const char *held = PQgetisnull(res, 0, 2) ? NULL : PQgetvalue(res, 0, 2);
    if (!decision && strcmp(state, "accepted") == 0 && held &&
        strcmp(held, code) == 0)
        goto out; /* linked to this very dossier already */
    if (strcmp(state, "waiting") != 0) {
        *rejected = true;
        snprintf(reason, rn, "portal_ref: online dossier \"%s\" is already "
                 "%s%s%s%s%s%s%s", ref, state,
                 held ? " as " : "", held ? held : "",
                 PQgetisnull(res, 0, 3) ? "" : " by ",
                 PQgetisnull(res, 0, 3) ? "" : PQgetvalue(res, 0, 3),
                 PQgetisnull(res, 0, 4) ? "" : " at ",
                 PQgetisnull(res, 0, 4) ? "" : PQgetvalue(res, 0, 4));
        goto out;
    }
    long long rev = next_rev(c, office, why, wn);
    if (rev < 0) {
        ok = false;
        goto out;
    }
    char rev_s[32], seq_s[32], at[26];
    snprintf(rev_s, sizeof rev_s, "%lld", rev);
    snprintf(seq_s, sizeof seq_s, "%lld", seq);
    if (!vn_time(str_of(ev, "at"), at))
        mc_strlcpy(at, "now", sizeof at);
    const char *actor = str_of(ev, "actor");
    if (decision) {
        bool supplement = strcmp(str_of(data, "decision"), "supplement") == 0;
        json_t *m = json_object_get(data, "missing");
        char *reasons = json_dumps(json_object_get(data, "reasons"),
                                   JSON_COMPACT);
        char *missing = json_is_array(m) ? json_dumps(m, JSON_COMPACT) : NULL;
        const char *pd[10] = {ref, supplement ? "supplement_requested"
                                              : "refused",
                              str_of(data, "decision"), reasons, missing,
                              str_of(data, "form_pdf"), actor, at, seq_s,
                              rev_s};
        ok = central_run(c, CS_ONLINE_DECIDE, 10, pd, why, wn);
        free(reasons);
        free(missing);
    } else {
        const char *pa[6] = {ref, code, actor, at, seq_s, rev_s};
        ok = central_run(c, CS_ONLINE_ACCEPT, 6, pa, why, wn);
    }
out:
    PQclear(res);
    return ok;
}

/* --- the public lookup by portal reference -------------------------------- */

json_t *central_online_lookup(PGconn *c, const char *ref, central_resp *r)
{
    const char *p[1] = {ref};
    PGresult *res = central_exec_or_500(c, CS_ONLINE_LOOKUP, 1, p, r);
    if (!res)
        return NULL;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return NULL;
    }
    json_t *o = NULL;
    if (!PQgetisnull(res, 0, 2)) { /* accepted: the dossier itself */
        const char *pc[1] = {PQgetvalue(res, 0, 2)};
        PGresult *d = central_exec(c, CS_DOSSIER_LOOKUP, 1, pc);
        if (central_ok(d) && PQntuples(d) == 1) {
#define COL(i) (PQgetisnull(d, 0, i) ? NULL : PQgetvalue(d, 0, i))
            o = wire_lookup_new(COL(0), COL(1), COL(2), COL(3), COL(4),
                                COL(5));
#undef COL
        }
        PQclear(d);
    }
    if (!o) {
        int code;
        const char *label;
        const char *state = PQgetvalue(res, 0, 1);
        online_state_status(state, &code, &label);
        o = wire_lookup_new(NULL, PQgetvalue(res, 0, 0), NULL, NULL, NULL,
                            NULL);
        json_object_set_new(o, "status", json_string(state));
        json_object_set_new(o, "status_label", json_string(label));
        json_object_set_new(o, "status_portal_code", json_integer(code));
    }
    json_object_set_new(o, "portal_ref", json_string(ref));
    PQclear(res);
    return o;
}

/* --- routes --------------------------------------------------------------- */

static void method_not_allowed(const central_req *q, central_resp *r)
{
    central_error(r, 405, "method_not_allowed", NULL,
                  "%s is not allowed on %s", q->method, q->path);
}

/* Copy the path segment at s (up to '/' or the end) into out; the rest in
 * *rest.  False when empty or too long. */
static bool segment(const char *s, char *out, size_t n, const char **rest)
{
    size_t l = strcspn(s, "/");
    *rest = s + l;
    if (l == 0 || l >= n)
        return false;
    memcpy(out, s, l);
    out[l] = '\0';
    return true;
}

static bool ref_ok(const char *ref, central_resp *r)
{
    char why[128];
    if (wire_portal_ref_valid(ref, why, sizeof why))
        return true;
    return bad(r, "portal_ref", "portal_ref: %s", why);
}

bool central_online_route(const central_req *q, central_resp *r)
{
    const char *u = q->path, *rest;
    bool get = strcmp(q->method, "GET") == 0;
    bool post = strcmp(q->method, "POST") == 0;
    char ref[WIRE_PORTAL_REF_MAX + 2], office[64], sha[72];
    static const char dossiers[] = "/v1/online/dossiers";
    if (strcmp(u, dossiers) == 0) {
        if (post)
            online_file(q, r);
        else
            method_not_allowed(q, r);
        return true;
    }
    if (strncmp(u, dossiers, sizeof dossiers - 1) == 0 &&
        u[sizeof dossiers - 1] == '/') {
        const char *s = u + sizeof dossiers;
        if (!segment(s, ref, sizeof ref, &rest)) {
            bad(r, "portal_ref", "portal_ref: empty or longer than %d bytes",
                WIRE_PORTAL_REF_MAX);
            return true;
        }
        bool read = *rest == '\0', form = strcmp(rest, "/form.pdf") == 0,
             withdraw = strcmp(rest, "/withdraw") == 0;
        if (!read && !form && !withdraw)
            central_error(r, 404, "not_found", NULL, "no endpoint %s %s",
                          q->method, u);
        else if (withdraw ? !post : !get)
            method_not_allowed(q, r);
        else if (ref_ok(ref, r))
            (read ? online_read : form ? online_form : online_withdraw)(q, ref,
                                                                         r);
        return true;
    }
    static const char offices[] = "/v1/offices/";
    if (strncmp(u, offices, sizeof offices - 1) != 0 ||
        !segment(u + sizeof offices - 1, office, sizeof office, &rest) ||
        strncmp(rest, "/online", 7) != 0 || (rest[7] && rest[7] != '/'))
        return false;
    rest += 7;
    if (*rest == '\0') {
        if (!get)
            method_not_allowed(q, r);
        else if (central_office_allowed(q, office, false, r))
            online_feed(q, office, r);
        return true;
    }
    /* /REF/files/SHA256 */
    if (!segment(rest + 1, ref, sizeof ref, &rest) ||
        strncmp(rest, "/files/", 7) != 0 ||
        !segment(rest + 7, sha, sizeof sha, &rest) || *rest) {
        central_error(r, 404, "not_found", NULL, "no endpoint %s %s",
                      q->method, u);
        return true;
    }
    if (!get)
        method_not_allowed(q, r);
    else if (central_office_allowed(q, office, false, r) && ref_ok(ref, r))
        online_file_get(q, office, ref, sha, r);
    return true;
}
