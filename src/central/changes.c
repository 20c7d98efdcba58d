/* SPDX-License-Identifier: GPL-3.0-or-later */
/* changes.c - the back office's status updates and the desks' pull.
 *
 * POST /v1/dossiers/CODE/status (bearer token): checked against the one
 * status machine (core/status.h) as role "central" with its requirements
 * (missing papers for a supplement request, a reason to stop), then the
 * dossier row and a `changes` row are written in one transaction.
 * GET /v1/offices/OFFICE/changes?after=ID: the office's changes with a
 * larger id, oldest first, at most WIRE_MAX_CHANGES; the desk applies each
 * once (keyed by event_id) and moves its cursor to the last id.
 */
#include "central.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier_code.h"
#include "mc_error.h"
#include "protocol.h"
#include "status.h"

/* Digits only (no sign, no blanks), and no overflow: "99999999999999999999"
 * is refused rather than clamped to the largest cursor. */
static bool parse_nonneg(const char *s, long long *out)
{
    if (!s || *s < '0' || *s > '9')
        return false;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || errno == ERANGE || v < 0)
        return false;
    *out = v;
    return true;
}

void central_changes(const central_req *q, const char *office,
                     central_resp *r)
{
    long long after = 0, limit = WIRE_MAX_CHANGES;
    const char *a = central_arg(q, "after");
    if (a && !parse_nonneg(a, &after)) {
        central_error(r, 400, "bad_request", "after",
                      "after: \"%s\" is not a non-negative integer", a);
        return;
    }
    const char *l = central_arg(q, "limit");
    if (l && (!parse_nonneg(l, &limit) || limit < 1 ||
              limit > WIRE_MAX_CHANGES)) {
        central_error(r, 400, "bad_request", "limit",
                      "limit: must be 1..%d", WIRE_MAX_CHANGES);
        return;
    }
    char why[512];
    PGconn *c = central_db(why, sizeof why);
    if (!c) {
        central_error(r, 503, "database_unavailable", NULL, "%s", why);
        return;
    }
    char after_s[32], lim_s[32];
    snprintf(after_s, sizeof after_s, "%lld", after);
    snprintf(lim_s, sizeof lim_s, "%lld", limit + 1);
    const char *p[3] = {office, after_s, lim_s};
    PGresult *res = central_exec(c, CS_CHANGES_AFTER, 3, p);
    if (!central_ok(res)) {
        central_error(r, 500, "database_error", NULL, "%s",
                      PQresultErrorMessage(res));
        PQclear(res);
        return;
    }
    int n = PQntuples(res);
    bool more = n > limit;
    if (more)
        n = (int)limit;
    json_t *arr = json_array();
    long long next = after;
#define COL(i) (PQgetisnull(res, row, i) ? NULL : PQgetvalue(res, row, i))
    for (int row = 0; row < n; row++) {
        long long id = strtoll(PQgetvalue(res, row, 0), NULL, 10);
        json_t *missing = COL(6) ? json_loads(COL(6), 0, NULL) : NULL;
        json_array_append_new(arr, wire_change_new(id, COL(1), COL(2), COL(3),
                                                   COL(4), COL(5), missing,
                                                   COL(8), COL(7)));
        next = id;
    }
#undef COL
    PQclear(res);
    central_json(r, 200,
                 json_pack("{s:i, s:o, s:I, s:b}", "v", WIRE_PROTOCOL_VERSION,
                           "changes", arr, "next_after", (json_int_t)next,
                           "more", more));
}

void central_status_update(const central_req *q, const char *code,
                           central_resp *r)
{
    dcode_parts parts;
    if (!dcode_parse(code, &parts)) {
        central_error(r, 400, "bad_request", "code",
                      "\"%s\" is not a dossier code", code);
        return;
    }
    wire_status_req in;
    char field[32] = "", why[768] = "";
    if (!wire_status_req_decode(q->body, q->body_len, &in, field, why,
                                sizeof why)) {
        central_error(r, 400, "bad_request", field, "%s", why);
        return;
    }
    PGresult *res = NULL;
    char *missing_text = NULL;
    PGconn *c = central_db(why, sizeof why);
    if (!c) {
        central_error(r, 503, "database_unavailable", NULL, "%s", why);
        goto out;
    }
    const char *p1[1] = {code};
    if (!central_begin(c))
        goto dberr;
    res = central_exec(c, CS_DOSSIER_LOCK, 1, p1);
    if (!central_ok(res))
        goto dberr;
    if (PQntuples(res) != 1) {
        central_rollback(c);
        central_error(r, 404, "not_found", "code",
                      "the centre has no dossier %s", code);
        goto out;
    }
    char office[64], from_s[32];
    mc_strlcpy(office, PQgetvalue(res, 0, 0), sizeof office);
    mc_strlcpy(from_s, PQgetvalue(res, 0, 1), sizeof from_s);
    PQclear(res);
    res = NULL;
    mc_dossier_status from = ST_RECEIVED, to = ST_RECEIVED;
    status_parse(from_s, &from);
    status_parse(in.status, &to);
    unsigned req = 0;
    mc_transition_check chk = status_check(from, to, ROLE_CENTRAL, &req);
    if (chk != TR_OK) {
        char next[256];
        status_next_text(from, ROLE_CENTRAL, next, sizeof next);
        central_rollback(c);
        central_error(r, chk == TR_ROLE ? 403 : 409,
                      chk == TR_ROLE ? "transition_not_for_central"
                                     : "transition_not_allowed",
                      "status",
                      "dossier %s cannot go from \"%s\" to \"%s\" by the "
                      "back office; allowed: %s",
                      code, from_s, in.status, next);
        goto out;
    }
    if ((req & REQ_MISSING) && !json_array_size(in.missing)) {
        central_rollback(c);
        central_error(r, 400, "bad_request", "missing",
                      "a supplement request must list the missing papers "
                      "(\"missing\": [...])");
        goto out;
    }
    if (!(req & REQ_MISSING) && json_array_size(in.missing)) {
        central_rollback(c);
        central_error(r, 400, "bad_request", "missing",
                      "\"missing\" is only for a supplement request");
        goto out;
    }
    if ((req & REQ_REASON) && (!in.note || !*in.note)) {
        central_rollback(c);
        central_error(r, 400, "bad_request", "note",
                      "moving to \"%s\" needs the reason in \"note\"",
                      in.status);
        goto out;
    }
    missing_text = in.missing ? json_dumps(in.missing, JSON_COMPACT) : NULL;
    const char *actor = in.actor && *in.actor ? in.actor : "central";
    const char *p3[3] = {code, in.status, in.department};
    const char *p8[8] = {office,  code,         from_s, in.status,
                         in.department, in.note, missing_text, actor};
    res = central_exec(c, CS_DOSSIER_SET_STATUS, 3, p3);
    if (!central_ok(res))
        goto dberr;
    PQclear(res);
    res = central_exec(c, CS_CHANGE_INSERT, 8, p8);
    if (!central_ok(res) || PQntuples(res) != 1)
        goto dberr;
    long long id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    char at[40];
    mc_strlcpy(at, PQgetvalue(res, 0, 1), sizeof at);
    PQclear(res);
    res = NULL;
    if (!central_commit(c))
        goto dberr;
    json_t *ch = wire_change_new(id, code, from_s, in.status, in.department,
                                 in.note,
                                 in.missing ? json_incref(in.missing) : NULL,
                                 at, actor);
    central_json(r, 200, json_pack("{s:o}", "change", ch));
    goto out;
dberr:
    snprintf(why, sizeof why, "%s", PQerrorMessage(c));
    central_rollback(c);
    central_error(r, 500, "database_error", NULL, "nothing was changed: %s",
                  why);
out:
    PQclear(res);
    free(missing_text);
    wire_status_req_free(&in);
}
