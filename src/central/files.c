/* SPDX-License-Identifier: GPL-3.0-or-later */
/* files.c - the dossier files the desks send (scans, results): declared,
 * then sent in chunks that resume where the centre says it is, stored once
 * per SHA-256 in a PostgreSQL large object, complete only after the whole
 * SHA-256 was checked.  docs/sync.md "Files" has the protocol:
 *
 *   POST /v1/offices/OFFICE/files            declare (JSON) -> progress
 *   GET|HEAD /v1/offices/OFFICE/files/SHA256 progress
 *   PUT /v1/offices/OFFICE/files/SHA256      one chunk:
 *       Content-Range: bytes FIRST-LAST/SIZE
 *       X-Content-SHA256: the chunk's own SHA-256 (hex)
 *
 * progress = {"v":1, "sha256", "size", "received", "complete"}.  Every
 * chunk is one transaction (row lock on the blob, lo_put, the new
 * `received`), so a dropped connection or a killed desk loses at most the
 * chunk on its way, and two desks sending the same bytes take turns.  The
 * lookup page never reads these tables. */
#include "central.h"

#include <gnutls/crypto.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier_code.h"
#include "mc_error.h"
#include "protocol.h"

#define FILE_MAX_SIZE (256LL * 1024 * 1024) /* one file, bytes */
#define VERIFY_SLICE (4 * 1024 * 1024)      /* read back to hash, bytes */

bool central_files_path(const char *url, char *office, size_t n,
                        const char **rest)
{
    static const char prefix[] = "/v1/offices/";
    if (strncmp(url, prefix, sizeof prefix - 1) != 0)
        return false;
    const char *seg = url + sizeof prefix - 1;
    const char *end = strchr(seg, '/');
    if (!end || end == seg || (size_t)(end - seg) >= n)
        return false;
    if (strncmp(end, "/files", 6) != 0 || (end[6] && end[6] != '/'))
        return false;
    memcpy(office, seg, (size_t)(end - seg));
    office[end - seg] = '\0';
    *rest = end[6] ? end + 7 : end + 6;
    return true;
}

static bool is_sha256(const char *s)
{
    if (!s || strlen(s) != 64)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
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

static void progress(central_resp *r, unsigned status, const char *sha,
                     long long size, long long received, bool complete)
{
    central_json(r, status,
                 json_pack("{s:i, s:s, s:I, s:I, s:b}", "v", 1, "sha256", sha,
                           "size", (json_int_t)size, "received",
                           (json_int_t)received, "complete", complete));
}

static PGconn *db(central_resp *r)
{
    char why[512];
    PGconn *c = central_db(why, sizeof why);
    if (!c)
        central_error(r, 503, "database_unavailable", NULL, "%s", why);
    return c;
}

/* A failed statement: roll back, 500. */
void central_file_db_error(PGconn *c, PGresult *res, central_resp *r)
{
    central_error(r, 500, "database_error", NULL, "%s",
                  res ? PQresultErrorMessage(res) : PQerrorMessage(c));
    PQclear(res);
    central_rollback(c);
}
#define db_error central_file_db_error

bool central_file_dossier_ok(PGconn *c, const char *office,
                             const char *dossier, central_resp *r)
{
    const char *p1[1] = {dossier};
    PGresult *res = central_exec(c, CS_FILE_DOSSIER_OFFICE, 1, p1);
    if (!central_ok(res)) {
        db_error(c, res, r);
        return false;
    }
    if (PQntuples(res) == 0 || strcmp(PQgetvalue(res, 0, 0), office) != 0) {
        bool other = PQntuples(res) > 0;
        PQclear(res);
        central_rollback(c);
        if (other)
            central_error(r, 403, "dossier_of_another_office", "dossier",
                          "dossier %s belongs to another office", dossier);
        else
            central_error(r, 409, "dossier_unknown", "dossier",
                          "the centre has no dossier %s yet (its intake "
                          "event must be pushed first)",
                          dossier);
        return false;
    }
    PQclear(res);
    return true;
}

/* A printable name: 1..1000 bytes, no control character, no slash. */
static bool name_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 1000)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
            return false;
    return true;
}

/* type/subtype, ASCII token characters */
static bool mime_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 3 || n > 127)
        return false;
    int slashes = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '/')
            slashes++;
        else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   (*p >= '0' && *p <= '9') || strchr("+-.", *p)))
            return false;
    }
    return slashes == 1 && s[0] != '/' && s[n - 1] != '/';
}

/* The request's JSON object (the caller frees it), or NULL after a 400
 * saying what the body is instead. */
json_t *central_file_body(const central_req *q, central_resp *r)
{
    json_error_t je;
    json_t *root = json_loadb(q->body, q->body_len, JSON_REJECT_DUPLICATES,
                              &je);
    if (json_is_object(root))
        return root;
    if (root) /* JSON, but not an object */
        central_error(r, 400, "bad_request", "body",
                      "the body must be a JSON object, not %s",
                      json_is_array(root) ? "an array" : "a single value");
    else
        central_error(r, 400, "bad_request", "body",
                      "the body must be a JSON object (%s)", je.text);
    json_decref(root);
    return NULL;
}

/* POST /v1/offices/OFFICE/files */
static void declare(const central_req *q, const char *office,
                    central_resp *r)
{
    json_t *root = central_file_body(q, r);
    if (!root)
        return;
    json_t *v = json_object_get(root, "v");
    const char *dossier = json_string_value(json_object_get(root, "dossier"));
    const char *role = json_string_value(json_object_get(root, "role"));
    json_t *paper = json_object_get(root, "paper");
    const char *sha = json_string_value(json_object_get(root, "sha256"));
    json_t *size = json_object_get(root, "size");
    const char *mime = json_string_value(json_object_get(root, "mime"));
    const char *name = json_string_value(json_object_get(root, "name"));
    dcode_parts parts;
    if (!json_is_integer(v) || json_integer_value(v) != 1)
        central_error(r, 400, "bad_request", "v",
                      "v: protocol version 1 expected");
    else if (!dossier || !dcode_parse(dossier, &parts))
        central_error(r, 400, "bad_request", "dossier",
                      "dossier: a dossier code expected");
    else if (!role || (strcmp(role, "scan") && strcmp(role, "result")))
        central_error(r, 400, "bad_request", "role",
                      "role: \"scan\" or \"result\" expected");
    else if (strcmp(role, "scan") == 0 &&
             (!json_is_integer(paper) || json_integer_value(paper) < 1 ||
              json_integer_value(paper) > 1000))
        central_error(r, 400, "bad_request", "paper",
                      "paper: a scan needs its paper number (1..1000)");
    else if (strcmp(role, "result") == 0 && paper && !json_is_null(paper))
        central_error(r, 400, "bad_request", "paper",
                      "paper: a result belongs to no paper (null)");
    else if (!is_sha256(sha))
        central_error(r, 400, "bad_request", "sha256",
                      "sha256: 64 lowercase hexadecimal digits expected");
    else if (!json_is_integer(size) || json_integer_value(size) < 1 ||
             json_integer_value(size) > FILE_MAX_SIZE)
        central_error(r, 400, "bad_request", "size",
                      "size: 1..%lld bytes expected", FILE_MAX_SIZE);
    else if (!mime_ok(mime))
        central_error(r, 400, "bad_request", "mime",
                      "mime: a media type (type/subtype) expected");
    else if (!name_ok(name))
        central_error(r, 400, "bad_request", "name",
                      "name: 1..1000 bytes without control characters or "
                      "slashes expected");
    if (r->body) {
        json_decref(root);
        return;
    }
    char size_s[24], paper_s[16];
    snprintf(size_s, sizeof size_s, "%lld",
             (long long)json_integer_value(size));
    snprintf(paper_s, sizeof paper_s, "%lld",
             (long long)json_integer_value(paper));
    PGconn *c = db(r);
    if (!c || !central_begin(c)) {
        if (c)
            db_error(c, NULL, r);
        json_decref(root);
        return;
    }
    if (!central_file_dossier_ok(c, office, dossier, r))
        goto out;
    const char *p2[2] = {sha, size_s};
    PGresult *res = central_exec(c, CS_FILE_BLOB_DECLARE, 2, p2);
    if (!central_ok(res) || PQntuples(res) != 1) {
        db_error(c, res, r);
        goto out;
    }
    long long have = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    long long received = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
    bool complete = PQgetvalue(res, 0, 2)[0] == 't';
    PQclear(res);
    if (have != (long long)json_integer_value(size)) {
        central_rollback(c);
        central_error(r, 409, "size_conflict", "size",
                      "the centre knows %s as %lld bytes, not %s", sha, have,
                      size_s);
        goto out;
    }
    const char *p3[7] = {office, dossier, role,
                         strcmp(role, "scan") == 0 ? paper_s : NULL,
                         sha, mime, name};
    res = central_exec(c, CS_FILE_RECORD, 7, p3);
    if (!central_ok(res)) {
        db_error(c, res, r);
        goto out;
    }
    bool created = PQntuples(res) == 1;
    PQclear(res);
    if (!central_commit(c)) {
        db_error(c, NULL, r);
        goto out;
    }
    progress(r, created ? 201 : 200, sha, have, received, complete);
out:
    json_decref(root);
}

/* GET|HEAD /v1/offices/OFFICE/files/SHA256 */
static void state(const char *office, const char *sha, central_resp *r)
{
    PGconn *c = db(r);
    if (!c)
        return;
    const char *p[2] = {sha, office};
    PGresult *res = central_exec(c, CS_FILE_BLOB_STATE, 2, p);
    if (!central_ok(res)) {
        db_error(c, res, r);
        return;
    }
    if (PQntuples(res) == 0)
        central_error(r, 404, "not_declared", "sha256",
                      "office %s declared no file %s", office, sha);
    else
        progress(r, 200, sha, strtoll(PQgetvalue(res, 0, 0), NULL, 10),
                 strtoll(PQgetvalue(res, 0, 1), NULL, 10),
                 PQgetvalue(res, 0, 2)[0] == 't');
    PQclear(res);
}

static const char *header(const central_req *q, const char *name)
{
    return MHD_lookup_connection_value((struct MHD_Connection *)q->conn,
                                       MHD_HEADER_KIND, name);
}

/* A decimal number of 1..18 digits (no sign, no overflow) at *s. */
static bool number(const char **s, long long *out)
{
    const char *p = *s;
    long long v = 0;
    int n = 0;
    while (*p >= '0' && *p <= '9' && n < 18) {
        v = v * 10 + (*p - '0');
        p++;
        n++;
    }
    if (n == 0 || (*p >= '0' && *p <= '9'))
        return false;
    *out = v;
    *s = p;
    return true;
}

/* "bytes FIRST-LAST/SIZE", SIZE at most FILE_MAX_SIZE */
static bool parse_range(const char *s, long long *first, long long *last,
                        long long *size)
{
    if (!s || strncmp(s, "bytes ", 6) != 0)
        return false;
    s += 6;
    if (!number(&s, first) || *s++ != '-' || !number(&s, last) ||
        *s++ != '/' || !number(&s, size) || *s)
        return false;
    return *last >= *first && *size > *last && *size <= FILE_MAX_SIZE;
}

/* The whole large object hashed, read back in slices. */
static bool lo_sha256(PGconn *c, const char *lo, long long size,
                      char out[65], PGresult **bad)
{
    gnutls_hash_hd_t h;
    if (gnutls_hash_init(&h, GNUTLS_DIG_SHA256) < 0)
        return false;
    for (long long off = 0; off < size; off += VERIFY_SLICE) {
        char off_s[24], len_s[16];
        snprintf(off_s, sizeof off_s, "%lld", off);
        snprintf(len_s, sizeof len_s, "%d", VERIFY_SLICE);
        const char *p[3] = {lo, off_s, len_s};
        PGresult *res = central_exec_bin(c, CS_FILE_LO_GET, 3, p, NULL, NULL,
                                         1);
        if (!central_ok(res) || PQntuples(res) != 1) {
            gnutls_hash_deinit(h, NULL);
            *bad = res;
            return false;
        }
        gnutls_hash(h, PQgetvalue(res, 0, 0),
                    (size_t)PQgetlength(res, 0, 0));
        PQclear(res);
    }
    unsigned char d[32];
    gnutls_hash_deinit(h, d);
    hex(d, sizeof d, out);
    return true;
}

/* PUT /v1/offices/OFFICE/files/SHA256: one chunk */
static void chunk(const central_req *q, const char *office, const char *sha,
                  central_resp *r)
{
    long long first, last, total;
    const char *range = header(q, "Content-Range");
    const char *digest = header(q, "X-Content-SHA256");
    if (!parse_range(range, &first, &last, &total)) {
        central_error(r, 400, "bad_request", "Content-Range",
                      "Content-Range: \"bytes FIRST-LAST/SIZE\" expected");
        return;
    }
    if ((long long)q->body_len != last - first + 1) {
        central_error(r, 400, "bad_request", "Content-Range",
                      "Content-Range names %lld bytes, the body has %zu",
                      last - first + 1, q->body_len);
        return;
    }
    if (!is_sha256(digest)) {
        central_error(r, 400, "bad_request", "X-Content-SHA256",
                      "X-Content-SHA256: the chunk's SHA-256 (64 lowercase "
                      "hexadecimal digits) expected");
        return;
    }
    unsigned char d[32];
    char got[65];
    if (gnutls_hash_fast(GNUTLS_DIG_SHA256, q->body, q->body_len, d) < 0) {
        central_error(r, 500, "internal", NULL, "SHA-256 unavailable");
        return;
    }
    hex(d, sizeof d, got);
    if (strcmp(got, digest) != 0) {
        /* damaged on the way: nothing is written, the desk sends it again */
        central_error(r, 400, "chunk_digest_mismatch", "X-Content-SHA256",
                      "the chunk's bytes %lld-%lld hash to %s, not %s", first,
                      last, got, digest);
        return;
    }
    PGconn *c = db(r);
    if (!c)
        return;
    if (!central_begin(c)) {
        db_error(c, NULL, r);
        return;
    }
    const char *p[2] = {sha, office};
    PGresult *res = central_exec(c, CS_FILE_BLOB_LOCK, 2, p);
    if (!central_ok(res)) {
        db_error(c, res, r);
        return;
    }
    if (PQntuples(res) == 0) {
        PQclear(res);
        central_rollback(c);
        central_error(r, 404, "not_declared", "sha256",
                      "office %s declared no file %s (POST .../files first)",
                      office, sha);
        return;
    }
    long long size = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    long long received = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
    bool complete = PQgetvalue(res, 0, 2)[0] == 't';
    char lo[24] = "";
    if (!PQgetisnull(res, 0, 3))
        mc_strlcpy(lo, PQgetvalue(res, 0, 3), sizeof lo);
    PQclear(res);
    if (total != size) {
        central_rollback(c);
        central_error(r, 409, "size_mismatch", "Content-Range",
                      "file %s has %lld bytes, not %lld", sha, size, total);
        return;
    }
    if (complete) { /* a repeat after the answer was lost: nothing to do */
        central_rollback(c);
        progress(r, 200, sha, size, size, true);
        return;
    }
    if (first != received) {
        central_rollback(c);
        json_t *e = wire_error_new("offset_mismatch", "Content-Range",
                                   "the centre has %lld bytes of %s; send "
                                   "from there",
                                   received, sha);
        json_object_set_new(json_object_get(e, "error"), "received",
                            json_integer(received));
        central_json(r, 409, e);
        return;
    }
    int len = (int)q->body_len, bin = 1;
    if (!lo[0]) {
        const char *pv[1] = {q->body};
        res = central_exec_bin(c, CS_FILE_LO_NEW, 1, pv, &len, &bin, 0);
        if (!central_ok(res) || PQntuples(res) != 1) {
            db_error(c, res, r);
            return;
        }
        mc_strlcpy(lo, PQgetvalue(res, 0, 0), sizeof lo);
        /* lo_from_bytea writes at 0: only right when the first chunk is */
    } else {
        char off_s[24];
        snprintf(off_s, sizeof off_s, "%lld", first);
        const char *pv[3] = {lo, off_s, q->body};
        int lens[3] = {0, 0, len}, fmts[3] = {0, 0, 1};
        res = central_exec_bin(c, CS_FILE_LO_PUT, 3, pv, lens, fmts, 0);
        if (!central_ok(res)) {
            db_error(c, res, r);
            return;
        }
    }
    PQclear(res);
    received = last + 1;
    char rec_s[24];
    snprintf(rec_s, sizeof rec_s, "%lld", received);
    const char *pp[3] = {sha, lo, rec_s};
    res = central_exec(c, CS_FILE_BLOB_PROGRESS, 3, pp);
    if (!central_ok(res)) {
        db_error(c, res, r);
        return;
    }
    PQclear(res);
    if (received == size) {
        char whole[65];
        PGresult *bad = NULL;
        if (!lo_sha256(c, lo, size, whole, &bad)) {
            db_error(c, bad, r);
            return;
        }
        bool match = strcmp(whole, sha) == 0;
        if (match) {
            res = central_exec(c, CS_FILE_BLOB_COMPLETE, 1, p);
        } else { /* not these bytes: forget them, start again from 0 */
            const char *pl[1] = {lo};
            res = central_exec(c, CS_FILE_LO_UNLINK, 1, pl);
            if (central_ok(res)) {
                PQclear(res);
                res = central_exec(c, CS_FILE_BLOB_RESET, 1, p);
            }
        }
        if (!central_ok(res)) {
            db_error(c, res, r);
            return;
        }
        PQclear(res);
        if (!central_commit(c)) {
            db_error(c, NULL, r);
            return;
        }
        if (!match) {
            central_error(r, 422, "hash_mismatch", "sha256",
                          "the %lld bytes received hash to %s, not %s: "
                          "nothing kept, send the file again from byte 0",
                          size, whole, sha);
            return;
        }
        complete = true;
    } else if (!central_commit(c)) {
        db_error(c, NULL, r);
        return;
    }
    progress(r, 200, sha, size, received, complete);
}

void central_files(const central_req *q, const char *office,
                   const char *rest, central_resp *r)
{
    const char *m = q->method;
    if (!*rest) {
        if (strcmp(m, "POST") == 0)
            declare(q, office, r);
        else
            central_error(r, 405, "method_not_allowed", NULL,
                          "%s is not allowed on %s (POST declares a file)", m,
                          q->path);
        return;
    }
    if (strlen(rest) == 64 + 7 && strcmp(rest + 64, "/detach") == 0) {
        char sha[65];
        memcpy(sha, rest, 64);
        sha[64] = '\0';
        if (!is_sha256(sha))
            central_error(r, 404, "not_found", "sha256",
                          "%s: a file is named by its SHA-256 (64 lowercase "
                          "hexadecimal digits)",
                          q->path);
        else if (strcmp(m, "POST") != 0)
            central_error(r, 405, "method_not_allowed", NULL,
                          "%s is not allowed on %s (POST detaches a scan)", m,
                          q->path);
        else
            central_files_detach(q, office, sha, r);
        return;
    }
    if (!is_sha256(rest)) {
        central_error(r, 404, "not_found", "sha256",
                      "%s: a file is named by its SHA-256 (64 lowercase "
                      "hexadecimal digits)",
                      q->path);
        return;
    }
    if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
        state(office, rest, r);
    else if (strcmp(m, "PUT") == 0)
        chunk(q, office, rest, r);
    else
        central_error(r, 405, "method_not_allowed", NULL,
                      "%s is not allowed on %s (GET, HEAD or PUT)", m,
                      q->path);
}
