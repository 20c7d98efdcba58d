/* SPDX-License-Identifier: GPL-3.0-or-later */
/* returns.c - the centre confirms that an electronic result reached the
 * citizen (issue 12, Contract D).
 *
 * POST /v1/dossiers/CODE/delivered (the back office's or the portal
 * connector's bearer token), body {"delivered_at"?: ISO 8601 (default
 * now), "sha256"?: the result file's hash, "actor"?: who confirms,
 * "note"?}.  The office must have sent the result electronically (a
 * `result_sent` event of the dossier, not rejected), the result file must
 * have reached the centre whole (Contract B, files.c: the portal delivers
 * the centre's copy) and the dossier must be done; the sha256, when
 * given, must be the one sent.  In one
 * transaction, the dossier row locked: a `changes` row done -> returned
 * (the desk pulls it and marks the dossier returned, channel electronic,
 * once: docs/sync.md "Pull"), a `deliveries` row (one per dossier, the
 * primary key) and the projection's status.  Confirming again answers the
 * first confirmation (200, "repeat": true) and writes nothing.
 */
#include "central.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "mc_error.h"
#include "protocol.h"

typedef struct delivered_req {
    json_t *root;
    const char *delivered_at, *sha256, *actor, *note;
} delivered_req;

static bool opt_str(json_t *o, const char *key, size_t max, const char **out,
                    char field[32], char *why, size_t n)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return true;
    if (!json_is_string(v) || json_string_length(v) == 0 ||
        json_string_length(v) > max) {
        mc_strlcpy(field, key, 32);
        snprintf(why, n, "%s: must be a non-empty string of at most %zu bytes",
                 key, max);
        return false;
    }
    *out = json_string_value(v);
    return true;
}

static bool decode(const char *body, size_t len, delivered_req *q,
                   char field[32], char *why, size_t n)
{
    memset(q, 0, sizeof *q);
    if (len == 0) {
        q->root = json_object();
        return true;
    }
    json_error_t je;
    q->root = json_loadb(body, len, 0, &je);
    if (!json_is_object(q->root)) {
        snprintf(why, n, "body: not a JSON object (%s)", je.text);
        return false;
    }
    if (!opt_str(q->root, "delivered_at", 40, &q->delivered_at, field, why,
                 n) ||
        !opt_str(q->root, "sha256", 64, &q->sha256, field, why, n) ||
        !opt_str(q->root, "actor", 100, &q->actor, field, why, n) ||
        !opt_str(q->root, "note", 2000, &q->note, field, why, n))
        return false;
    mc_ts t;
    if (q->delivered_at && !mc_ts_parse(q->delivered_at, &t)) {
        mc_strlcpy(field, "delivered_at", 32);
        snprintf(why, n, "delivered_at: \"%s\" is not an ISO 8601 time",
                 q->delivered_at);
        return false;
    }
    if (q->sha256) {
        bool hex = strlen(q->sha256) == 64;
        for (const char *p = q->sha256; hex && *p; p++)
            hex = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f');
        if (!hex) {
            mc_strlcpy(field, "sha256", 32);
            snprintf(why, n, "sha256: must be 64 lower-case hex digits");
            return false;
        }
    }
    return true;
}

static json_t *answer(long long change_id, const char *code, const char *at,
                      const char *actor, const char *note, const char *sha,
                      bool repeat)
{
    json_t *ch = wire_change_new(change_id, code, "done", "returned", NULL,
                                 note, NULL, at, actor);
    json_t *dv = json_pack("{s:s, s:s, s:s}", "dossier", code, "channel",
                           "electronic", "delivered_at", at);
    json_object_set_new(dv, "sha256", sha ? json_string(sha) : json_null());
    return json_pack("{s:o, s:o, s:b}", "change", ch, "delivery", dv,
                     "repeat", repeat);
}

void central_result_delivered(const central_req *q, const char *code,
                              central_resp *r)
{
    if (!central_dossier_code_ok(code, r))
        return;
    delivered_req in;
    char field[32] = "", why[768] = "";
    PGresult *res = NULL;
    PGconn *c = NULL;
    if (!decode(q->body, q->body_len, &in, field, why, sizeof why)) {
        central_error(r, 400, "bad_request", field[0] ? field : NULL, "%s",
                      why);
        goto out;
    }
    if (!(c = central_db_or_503(r, why, sizeof why)) ||
        !(res = central_dossier_lock(c, code, r)))
        goto out;
    char office[64], status[32];
    mc_strlcpy(office, PQgetvalue(res, 0, 0), sizeof office);
    mc_strlcpy(status, PQgetvalue(res, 0, 1), sizeof status);
    PQclear(res);
    /* confirmed before: the same answer, nothing written */
    const char *p1[1] = {code};
    res = central_exec(c, CS_RET_DELIVERY_GET, 1, p1);
    if (!central_ok(res))
        goto dberr;
    if (PQntuples(res) == 1) {
#define COL(i) (PQgetisnull(res, 0, i) ? NULL : PQgetvalue(res, 0, i))
        const char *sha = COL(1);
        if (in.sha256 && sha && strcmp(in.sha256, sha) != 0) {
            central_rollback_error(c, r, 409, "result_mismatch", "sha256",
                                   "dossier %s was confirmed delivered with "
                                   "the result %s, not %s",
                                   code, sha, in.sha256);
            goto out;
        }
        json_t *a = answer(strtoll(PQgetvalue(res, 0, 0), NULL, 10), code, COL(2), COL(3),
                           COL(4), sha, true);
#undef COL
        central_rollback(c);
        central_json(r, 200, a);
        goto out;
    }
    PQclear(res);
    const char *p2[2] = {office, code};
    res = central_exec(c, CS_RET_SENT, 2, p2);
    if (!central_ok(res))
        goto dberr;
    if (PQntuples(res) != 1) {
        central_rollback_error(c, r, 409, "result_not_sent", "code",
                               "office %s has not sent a result for dossier "
                               "%s electronically (no result_sent event)",
                               office, code);
        goto out;
    }
    char sent[72] = "";
    if (!PQgetisnull(res, 0, 0))
        mc_strlcpy(sent, PQgetvalue(res, 0, 0), sizeof sent);
    PQclear(res);
    res = NULL;
    if (in.sha256 && strcmp(in.sha256, sent) != 0) {
        central_rollback_error(c, r, 409, "result_mismatch", "sha256",
                               "the result sent for dossier %s is %s, not %s",
                               code, sent[0] ? sent : "(no hash)", in.sha256);
        goto out;
    }
    const char *p3f[3] = {office, code, sent};
    res = central_exec(c, CS_RET_FILE_COMPLETE, 3, p3f);
    if (!central_ok(res))
        goto dberr;
    bool have = PQntuples(res) == 1 && !PQgetisnull(res, 0, 0) &&
                PQgetvalue(res, 0, 0)[0] == 't';
    PQclear(res);
    res = NULL;
    if (!have) {
        central_rollback_error(c, r, 409, "result_not_uploaded", "code",
                               "the result file %s of dossier %s has not "
                               "reached the centre whole yet (the office "
                               "uploads it after the dossier's events)",
                               sent[0] ? sent : "(no hash)", code);
        goto out;
    }
    if (strcmp(status, "done") != 0) {
        central_rollback_error(c, r, 409, "transition_not_allowed", "status",
                               "dossier %s is \"%s\": only a dossier whose "
                               "result is done and sent can be confirmed "
                               "delivered",
                               code, status);
        goto out;
    }
    const char *actor = in.actor ? in.actor : "portal";
    const char *note = in.note ? in.note : "delivered electronically";
    const char *p5[5] = {office, code, note, actor, in.delivered_at};
    res = central_exec(c, CS_RET_CHANGE_INSERT, 5, p5);
    if (!central_ok(res) || PQntuples(res) != 1)
        goto dberr;
    char id[32], at[40];
    mc_strlcpy(id, PQgetvalue(res, 0, 0), sizeof id);
    mc_strlcpy(at, PQgetvalue(res, 0, 1), sizeof at);
    PQclear(res);
    const char *p6[6] = {code, office, sent[0] ? sent : NULL, at, actor, id};
    res = central_exec(c, CS_RET_DELIVERY_INSERT, 6, p6);
    if (!central_ok(res))
        goto dberr;
    PQclear(res);
    const char *p3[3] = {code, "returned", NULL};
    res = central_exec(c, CS_DOSSIER_SET_STATUS, 3, p3);
    if (!central_ok(res))
        goto dberr;
    PQclear(res);
    res = NULL;
    if (!central_commit(c))
        goto dberr;
    central_json(r, 200, answer(strtoll(id, NULL, 10), code, at, actor, note,
                                sent[0] ? sent : NULL, false));
    goto out;
dberr:
    central_rollback_500(c, r);
out:
    PQclear(res);
    json_decref(in.root);
}
