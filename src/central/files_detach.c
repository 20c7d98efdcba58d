/* SPDX-License-Identifier: GPL-3.0-or-later */
/* files_detach.c - a desk took back a scan attached by mistake (motcua
 * dossier detach; docs/sync.md "Files"):
 *
 *   POST /v1/offices/OFFICE/files/SHA256/detach   (the office certificate)
 *   {"v":1, "dossier", "role":"scan", "paper", "reason", "by"}
 *
 * marks the office's row of that scan detached (when, by whom, why), once:
 * the same call again changes nothing and gets the same answer,
 * {"v":1, "sha256", "dossier", "paper", "known", "detached"}; "known" is
 * false when the centre never had the file (detached before it was sent).
 * Nothing is deleted: the bytes stay (another dossier may share them). */
#include "central.h"

#include <stdio.h>
#include <string.h>

#include "dossier_code.h"
#include "protocol.h"

/* 1..max bytes, no control character but tab */
static bool text_ok(const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > max)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
            return false;
    return true;
}

#define fail_db central_file_db_error

void central_files_detach(const central_req *q, const char *office,
                          const char *sha, central_resp *r)
{
    json_t *root = central_file_body(q, r);
    if (!root)
        return;
    json_t *v = json_object_get(root, "v");
    const char *dossier = json_string_value(json_object_get(root, "dossier"));
    const char *role = json_string_value(json_object_get(root, "role"));
    json_t *paper = json_object_get(root, "paper");
    const char *reason = json_string_value(json_object_get(root, "reason"));
    const char *by = json_string_value(json_object_get(root, "by"));
    dcode_parts parts;
    if (!json_is_integer(v) || json_integer_value(v) != 1)
        central_error(r, 400, "bad_request", "v",
                      "v: protocol version 1 expected");
    else if (!dossier || !dcode_parse(dossier, &parts))
        central_error(r, 400, "bad_request", "dossier",
                      "dossier: a dossier code expected");
    else if (!role || strcmp(role, "scan") != 0)
        central_error(r, 400, "bad_request", "role",
                      "role: only a \"scan\" can be detached");
    else if (!json_is_integer(paper) || json_integer_value(paper) < 1 ||
             json_integer_value(paper) > 1000)
        central_error(r, 400, "bad_request", "paper",
                      "paper: the scan's paper number (1..1000) expected");
    else if (!text_ok(reason, 8000))
        central_error(r, 400, "bad_request", "reason",
                      "reason: 1..8000 bytes of text expected");
    else if (!text_ok(by, 200))
        central_error(r, 400, "bad_request", "by",
                      "by: the desk user's login (1..200 bytes) expected");
    if (r->body) {
        json_decref(root);
        return;
    }
    char paper_s[16];
    snprintf(paper_s, sizeof paper_s, "%lld",
             (long long)json_integer_value(paper));
    char why[512];
    PGconn *c = central_db(why, sizeof why);
    if (!c) {
        central_error(r, 503, "database_unavailable", NULL, "%s", why);
        json_decref(root);
        return;
    }
    if (!central_begin(c)) {
        fail_db(c, NULL, r);
        json_decref(root);
        return;
    }
    if (!central_file_dossier_ok(c, office, dossier, r))
        goto out;
    const char *p6[6] = {office, dossier, paper_s, sha, by, reason};
    PGresult *res = central_exec(c, CS_FILE_DETACH, 6, p6);
    if (!central_ok(res)) {
        fail_db(c, res, r);
        goto out;
    }
    bool known = PQntuples(res) > 0;
    PQclear(res);
    if (!known) { /* detached already, or never sent */
        res = central_exec(c, CS_FILE_DETACHED_STATE, 4, p6);
        if (!central_ok(res)) {
            fail_db(c, res, r);
            goto out;
        }
        known = PQntuples(res) > 0;
        PQclear(res);
    }
    if (!central_commit(c)) {
        fail_db(c, NULL, r);
        goto out;
    }
    central_json(r, 200,
                 json_pack("{s:i, s:s, s:s, s:I, s:b, s:b}", "v", 1, "sha256",
                           sha, "dossier", dossier, "paper",
                           (json_int_t)json_integer_value(paper), "known",
                           known, "detached", known));
out:
    json_decref(root);
}
