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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier_code.h"
#include "mc_error.h"
#include "protocol.h"
#include "status.h"

static json_t *change_item(PGresult *res, int row, long long id)
{
#define COL(i) (PQgetisnull(res, row, i) ? NULL : PQgetvalue(res, row, i))
    json_t *missing = COL(6) ? json_loads(COL(6), 0, NULL) : NULL;
    return wire_change_new(id, COL(1), COL(2), COL(3), COL(4), COL(5),
                           missing, COL(8), COL(7));
#undef COL
}

void central_changes(const central_req *q, const char *office,
                     central_resp *r)
{
    static const central_page changes = {
        .stmt = CS_CHANGES_AFTER,
        .default_limit = WIRE_MAX_CHANGES,
        .max_limit = WIRE_MAX_CHANGES,
        .after_quote_max = -1,
        .key = "changes",
        .item = change_item,
    };
    central_paged(q, office, &changes, r);
}

bool central_dossier_code_ok(const char *code, central_resp *r)
{
    dcode_parts parts;
    if (dcode_parse(code, &parts))
        return true;
    central_error(r, 400, "bad_request", "code",
                  "\"%s\" is not a dossier code", code);
    return false;
}

PGresult *central_dossier_lock(PGconn *c, const char *code, central_resp *r)
{
    const char *p[1] = {code};
    PGresult *res = NULL;
    if (!central_begin(c) ||
        !central_ok(res = central_exec(c, CS_DOSSIER_LOCK, 1, p))) {
        central_rollback_500(c, r);
        PQclear(res);
        return NULL;
    }
    if (PQntuples(res) != 1) {
        PQclear(res);
        central_rollback_error(c, r, 404, "not_found", "code",
                               "the centre has no dossier %s", code);
        return NULL;
    }
    return res;
}

void central_status_update(const central_req *q, const char *code,
                           central_resp *r)
{
    if (!central_dossier_code_ok(code, r))
        return;
    wire_status_req in;
    char field[32] = "", why[768] = "";
    if (!wire_status_req_decode(q->body, q->body_len, &in, field, why,
                                sizeof why)) {
        central_error(r, 400, "bad_request", field, "%s", why);
        return;
    }
    PGresult *res = NULL;
    char *missing_text = NULL;
    PGconn *c = central_db_or_503(r, why, sizeof why);
    if (!c || !(res = central_dossier_lock(c, code, r)))
        goto out;
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
        central_rollback_error(c, r, chk == TR_ROLE ? 403 : 409,
                               chk == TR_ROLE ? "transition_not_for_central"
                                              : "transition_not_allowed",
                               "status",
                               "dossier %s cannot go from \"%s\" to \"%s\" "
                               "by the back office; allowed: %s",
                               code, from_s, in.status, next);
        goto out;
    }
    if ((req & REQ_MISSING) && !json_array_size(in.missing)) {
        central_rollback_error(c, r, 400, "bad_request", "missing",
                               "a supplement request must list the missing "
                               "papers (\"missing\": [...])");
        goto out;
    }
    if (!(req & REQ_MISSING) && json_array_size(in.missing)) {
        central_rollback_error(c, r, 400, "bad_request", "missing",
                               "\"missing\" is only for a supplement "
                               "request");
        goto out;
    }
    if ((req & REQ_REASON) && (!in.note || !*in.note)) {
        central_rollback_error(c, r, 400, "bad_request", "note",
                               "moving to \"%s\" needs the reason in "
                               "\"note\"",
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
    central_rollback_500(c, r);
out:
    PQclear(res);
    free(missing_text);
    wire_status_req_free(&in);
}
