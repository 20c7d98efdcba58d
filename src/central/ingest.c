/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ingest.c - POST /v1/offices/OFFICE/events: store a desk's batch exactly
 * once.
 *
 * One transaction per batch.  The office row is locked (FOR UPDATE), so
 * two instances or two retries of the same desk never interleave.  Its
 * last_seq is the highest seq stored (or rejected) for the office:
 *   - batch.after > last_seq: a gap (the centre misses events): nothing is
 *     written, 409 with expected_after = last_seq and the desk resends;
 *   - events with seq <= last_seq: repeats, acknowledged and skipped -
 *     but only true repeats: each is compared with the stored event (jsonb
 *     equality); one that differs (or was never stored) means the desk was
 *     rewound (restored from a backup), and the batch is refused with 409
 *     seq_conflict naming the seq, expected_after = last_seq, nothing
 *     written (the desk renumbers its pending events after last_seq);
 *   - an intake/refuse whose dossier code the centre already holds for
 *     another dossier (another snapshot or office), and the later events
 *     of such a dossier, are stored as rejected ("code already used") -
 *     never silently dropped;
 *   - the rest are validated one by one (wire_event_validate): a bad event
 *     is stored as rejected with its reason, the others are stored and
 *     projected onto the dossiers table; last_seq moves to the batch's end.
 * The answer acknowledges through the batch's last seq and lists every
 * rejected event in the batch's range (also the ones rejected earlier, so
 * a retried batch gives the same answer).
 */
#include "central.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "event.h"
#include "mc_error.h"
#include "protocol.h"

static const char *str_of(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* A timestamp normalised to Vietnam time text, or NULL. */
static json_t *ts_or_null(const char *s)
{
    mc_ts t;
    if (!s || !mc_ts_parse(s, &t))
        return json_null();
    char b[26];
    mc_ts_format_vn(t, b);
    return json_string(b);
}

static json_t *date_or_null(const char *s)
{
    mc_date d;
    return s && mc_date_parse(s, &d) ? json_string(s) : json_null();
}

static json_t *short_str(const char *s, size_t max)
{
    return s && strlen(s) <= max ? json_string(s) : json_null();
}

/* The rows for a valid event (see central_sql.h): its events row, and a
 * projection row in `new` or `upd`. */
static void good_rows(size_t i, long long seq, json_t *ev, json_t *events,
                      json_t *news, json_t *upds)
{
    const char *kind = str_of(ev, "kind");
    const char *dossier = str_of(ev, "dossier");
    json_t *data = json_object_get(ev, "data");
    json_t *inner = json_object_get(data, "data");
    json_t *row = json_object();
    json_object_set_new(row, "i", json_integer((json_int_t)i));
    json_object_set_new(row, "seq", json_integer(seq));
    json_object_set_new(row, "kind", json_string(kind));
    json_object_set_new(row, "dossier", short_str(dossier, 64));
    json_object_set_new(row, "at", ts_or_null(str_of(ev, "at")));
    json_object_set_new(row, "actor", json_string(str_of(ev, "actor")));
    json_array_append_new(events, row);
    if (strcmp(kind, "intake") == 0 || strcmp(kind, "refuse") == 0) {
        json_t *snap = json_object_get(data, "dossier");
        const char *st = str_of(snap, "status");
        json_t *n = json_object();
        json_object_set_new(n, "i", json_integer((json_int_t)i));
        json_object_set_new(n, "seq", json_integer(seq));
        json_object_set_new(n, "dossier", json_string(dossier));
        json_object_set_new(n, "status",
                            json_string(st ? st : str_of(data, "to")));
        json_object_set_new(n, "procedure_code",
                            short_str(str_of(snap, "procedure_code"), 64));
        json_object_set_new(n, "procedure_name",
                            short_str(str_of(snap, "procedure_name"), 1000));
        json_object_set_new(n, "department",
                            short_str(str_of(snap, "department"), 1000));
        const char *rat = str_of(snap, "received_at");
        json_object_set_new(n, "received_at",
                            ts_or_null(rat ? rat : str_of(ev, "at")));
        json_object_set_new(n, "due_date",
                            date_or_null(str_of(snap, "due_date")));
        json_array_append_new(news, n);
    } else if (strcmp(kind, "advance") == 0 || strcmp(kind, "return") == 0 ||
               strcmp(kind, "extend") == 0) {
        json_t *u = json_object();
        json_object_set_new(u, "seq", json_integer(seq));
        json_object_set_new(u, "dossier", json_string(dossier));
        /* a change the back office made comes back from the desk as an
         * event by "central": the centre already has that status, and a
         * later back-office change must not be undone by the echo */
        const char *to = wire_event_target_status(ev);
        if (to && strcmp(str_of(ev, "actor"), "central") != 0)
            json_object_set_new(u, "to_status", json_string(to));
        json_object_set_new(u, "department",
                            short_str(str_of(inner, "department"), 1000));
        const char *due = str_of(inner, "due_date");
        if (!due)
            due = str_of(inner, "new_due_date");
        json_object_set_new(u, "due_date", date_or_null(due));
        json_array_append_new(upds, u);
    }
}

static json_t *bad_row(size_t i, long long seq, json_t *ev,
                       const char *reason)
{
    const char *kind = json_is_object(ev) ? str_of(ev, "kind") : NULL;
    json_t *row = json_object();
    json_object_set_new(row, "i", json_integer((json_int_t)i));
    json_object_set_new(row, "seq", json_integer(seq));
    json_object_set_new(row, "kind",
                        kind && strlen(kind) <= 32 ? json_string(kind)
                                                   : json_string("?"));
    json_object_set_new(row, "dossier",
                        json_is_object(ev)
                            ? short_str(str_of(ev, "dossier"), 64)
                            : json_null());
    json_object_set_new(row, "reason", json_string(reason));
    return row;
}

static bool seq_in(const long long *v, size_t n, long long seq)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == seq)
            return true;
    return false;
}

/* Keep only the projection rows whose seq is not in v. */
static json_t *without_seqs(json_t *arr, const long long *v, size_t n)
{
    json_t *out = json_array();
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x)
    {
        if (!seq_in(v, n, json_integer_value(json_object_get(x, "seq"))))
            json_array_append(out, x);
    }
    json_decref(arr);
    return out;
}

/* An intake/refuse whose code the centre holds for another dossier, and
 * the events behind it: rejected with "code already used".  Returns false
 * on a database error (why set). */
/* Append `code` to a PostgreSQL text[] literal being built in *buf
 * ({"a","b"}); codes are [0-9A-Z.-] but are quoted and escaped anyway. */
static void array_add(char **buf, size_t *len, size_t *cap, const char *code)
{
    size_t need = *len + 2 * strlen(code) + 4;
    if (need > *cap) {
        *cap = need * 2;
        *buf = mc_xrealloc(*buf, *cap);
    }
    char *o = *buf + *len;
    if (*len > 1)
        *o++ = ',';
    *o++ = '"';
    for (const char *p = code; *p; p++) {
        if (*p == '"' || *p == '\\')
            *o++ = '\\';
        *o++ = *p;
    }
    *o++ = '"';
    *len = (size_t)(o - *buf);
}

/* The cheap question first: does any intake of the batch name a code the
 * centre already holds, or any later event a dossier whose intake was
 * refused as "code already used"?  Almost always no, and then the full
 * comparison (which parses the whole batch again) is skipped. */
static bool codes_maybe_taken(PGconn *c, const char *office, json_t *rows,
                              bool *maybe, char *why, size_t wn)
{
    char *first = mc_xstrdup("{"), *later = mc_xstrdup("{");
    size_t fl = 1, fc = 2, ll = 1, lc = 2;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        const char *kind = str_of(row, "kind");
        const char *dossier = str_of(row, "dossier");
        if (!dossier || !kind || json_object_get(row, "reason"))
            continue;
        if (strcmp(kind, "intake") == 0 || strcmp(kind, "refuse") == 0)
            array_add(&first, &fl, &fc, dossier);
        else
            array_add(&later, &ll, &lc, dossier);
    }
    first = mc_xrealloc(first, fl + 2);
    first[fl++] = '}';
    first[fl] = '\0';
    later = mc_xrealloc(later, ll + 2);
    later[ll++] = '}';
    later[ll] = '\0';
    const char *p[3] = {office, first, later};
    PGresult *res = central_exec(c, CS_CODES_MAYBE_TAKEN, 3, p);
    free(first);
    free(later);
    bool ok = central_ok(res) && PQntuples(res) == 1;
    if (!ok)
        snprintf(why, wn, "%s", PQresultErrorMessage(res));
    else
        *maybe = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return ok;
}

static bool reject_taken_codes(PGconn *c, const char *office,
                               const char *body, json_t *rows, json_t **news,
                               json_t **upds, char *why, size_t wn)
{
    if (!json_array_size(rows))
        return true;
    bool maybe = true;
    if (!codes_maybe_taken(c, office, rows, &maybe, why, wn))
        return false;
    if (!maybe)
        return true;
    char *t = json_dumps(rows, JSON_COMPACT);
    const char *p[3] = {office, body, t};
    PGresult *res = central_exec(c, CS_CODES_TAKEN, 3, p);
    free(t);
    if (!central_ok(res)) {
        snprintf(why, wn, "%s", PQresultErrorMessage(res));
        PQclear(res);
        return false;
    }
    size_t nt = (size_t)PQntuples(res);
    long long *taken = mc_xcalloc(nt + json_array_size(rows) + 1,
                                  sizeof *taken);
    size_t n = 0;
    for (size_t i = 0; i < nt; i++)
        taken[n++] = strtoll(PQgetvalue(res, (int)i, 0), NULL, 10);
    PQclear(res);
    if (n) {
        /* codes whose intake is rejected here: their later events too */
        json_t *codes = json_object();
        size_t i;
        json_t *row;
        json_array_foreach(rows, i, row)
        {
            long long seq = json_integer_value(json_object_get(row, "seq"));
            const char *kind = str_of(row, "kind");
            const char *dossier = str_of(row, "dossier");
            if (!dossier || json_object_get(row, "reason"))
                continue;
            bool first = strcmp(kind, "intake") == 0 ||
                         strcmp(kind, "refuse") == 0;
            bool hit = seq_in(taken, n, seq);
            if (!hit && !first && json_object_get(codes, dossier)) {
                taken[n++] = seq;
                hit = true;
            }
            if (!hit)
                continue;
            char reason[256];
            if (first) {
                json_object_set_new(codes, dossier, json_true());
                snprintf(reason, sizeof reason,
                         "code already used: the centre already holds "
                         "dossier code %s for another dossier",
                         dossier);
            } else {
                snprintf(reason, sizeof reason,
                         "code already used: the intake of dossier %s was "
                         "rejected (its code belongs to another dossier)",
                         dossier);
            }
            json_object_set_new(row, "reason", json_string(reason));
        }
        json_decref(codes);
        *news = without_seqs(*news, taken, n);
        *upds = without_seqs(*upds, taken, n);
    }
    free(taken);
    return true;
}

/* Online dossiers (online.c): an intake carrying a portal_ref accepts
 * one, an online_decision decides one; an event the centre refuses there
 * (unknown reference, another office's, no longer waiting) is rejected
 * with that reason and projects nothing. */
static bool apply_online(PGconn *c, const char *office, const wire_push *p,
                         json_t *rows, json_t **news, json_t **upds,
                         char *why, size_t wn)
{
    long long *gone = mc_xcalloc(json_array_size(rows) + 1, sizeof *gone);
    size_t n = 0, i;
    json_t *row;
    bool ok = true;
    json_array_foreach(rows, i, row)
    {
        const char *kind = str_of(row, "kind");
        if (json_object_get(row, "reason") ||
            (strcmp(kind, "intake") != 0 &&
             strcmp(kind, "online_decision") != 0))
            continue;
        size_t at = (size_t)json_integer_value(json_object_get(row, "i"));
        long long seq = json_integer_value(json_object_get(row, "seq"));
        bool rejected = false;
        char reason[512];
        if (!(ok = central_online_apply(c, office, seq, p->items[at].event,
                                        &rejected, reason, sizeof reason,
                                        why, wn)))
            break;
        if (rejected) {
            json_object_set_new(row, "reason", json_string(reason));
            gone[n++] = seq;
        }
    }
    if (ok && n) {
        *news = without_seqs(*news, gone, n);
        *upds = without_seqs(*upds, gone, n);
    }
    free(gone);
    return ok;
}

void central_push(const central_req *q, const char *office, central_resp *r)
{
    wire_push p;
    char field[32] = "", why[768] = "";
    if (q->body_len == 0) {
        central_error(r, 400, "bad_request", "body",
                      "the request has no body (expected a JSON batch)");
        return;
    }
    /* the batch's tree is built in this thread's arena (arena.c) and
     * dropped at once when the answer is ready */
    central_arena_begin();
    bool decoded =
        wire_push_decode(q->body, q->body_len, &p, field, why, sizeof why);
    central_arena_end();
    if (!decoded) {
        wire_push_free(&p);
        central_arena_reset();
        central_error(r, 400, "bad_request", field, "%s", why);
        return;
    }
    if (strcmp(p.office, office) != 0) {
        central_error(r, 400, "office_mismatch", "office",
                      "the batch is for office \"%s\" but was posted to "
                      "office \"%s\"",
                      p.office, office);
        wire_push_free(&p);
        central_arena_reset();
        return;
    }
    PGconn *c = central_db_or_503(r, why, sizeof why);
    json_t *rows = NULL;
    char *rows_text = NULL;
    PGresult *res = NULL;
    if (!c)
        goto out;
    const char *p1[1] = {office};
    if (!central_begin(c)) {
        snprintf(why, sizeof why, "BEGIN: %s", PQerrorMessage(c));
        goto dberr;
    }
    /* the office row, created on its first batch, locked either way */
    res = central_exec(c, CS_OFFICE_LOCK, 1, p1);
    if (!central_ok(res) || PQntuples(res) != 1) {
        snprintf(why, sizeof why, "%s", PQresultErrorMessage(res));
        goto dberr;
    }
    long long last = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    res = NULL;
    if (p.after > last) {
        central_rollback(c);
        json_t *e = wire_error_new(
            "gap", "after",
            "the centre has office %s's events up to %lld, but this batch "
            "starts after %lld: resend from %lld",
            office, last, p.after, last);
        json_object_set_new(json_object_get(e, "error"), "expected_after",
                            json_integer(last));
        central_json(r, 409, e);
        goto out;
    }
    long long through = p.n ? p.items[p.n - 1].seq : p.after;
    /* repeats must be true repeats: the same event as the stored one */
    json_t *reps = json_array();
    for (size_t i = 0; i < p.n && p.items[i].seq <= last; i++)
        json_array_append_new(reps, json_pack("{s:I, s:I}", "i",
                                              (json_int_t)i, "seq",
                                              (json_int_t)p.items[i].seq));
    if (json_array_size(reps)) {
        rows_text = json_dumps(reps, JSON_COMPACT);
        const char *pq[3] = {office, q->body, rows_text};
        res = central_exec(c, CS_REPEAT_DIFFERS, 3, pq);
        free(rows_text);
        rows_text = NULL;
        if (!central_ok(res)) {
            json_decref(reps);
            snprintf(why, sizeof why, "%s", PQresultErrorMessage(res));
            goto dberr;
        }
        if (PQntuples(res) > 0) {
            long long bad = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
            json_decref(reps);
            central_rollback(c);
            json_t *e = wire_error_new(
                "seq_conflict", "events",
                "event %lld of office %s is not the one the centre stored "
                "under that seq (the desk's database was probably restored "
                "from a backup): renumber the pending events after %lld",
                bad, office, last);
            json_object_set_new(json_object_get(e, "error"), "expected_after",
                                json_integer(last));
            json_object_set_new(json_object_get(e, "error"), "seq",
                                json_integer(bad));
            central_json(r, 409, e);
            goto out;
        }
        PQclear(res);
        res = NULL;
    }
    json_decref(reps);
    json_t *news = json_array(), *upds = json_array();
    rows = json_array();
    for (size_t i = 0; i < p.n; i++) {
        if (p.items[i].seq <= last)
            continue; /* a true repeat: already stored */
        char reason[512];
        json_t *ev = p.items[i].event;
        if (wire_event_validate(ev, office, reason, sizeof reason))
            good_rows(i, p.items[i].seq, ev, rows, news, upds);
        else
            json_array_append_new(rows,
                                  bad_row(i, p.items[i].seq, ev, reason));
    }
    bool ok = reject_taken_codes(c, office, q->body, rows, &news, &upds, why,
                                 sizeof why) &&
              apply_online(c, office, &p, rows, &news, &upds, why, sizeof why);
    char after_s[32], through_s[32];
    snprintf(after_s, sizeof after_s, "%lld", p.after);
    snprintf(through_s, sizeof through_s, "%lld", through);
    if (ok && json_array_size(rows)) {
        /* events, new dossiers, last_seq and the rejected list: one
         * statement (central_sql.h) */
        rows_text = json_dumps(rows, JSON_COMPACT);
        char *nt = json_dumps(news, JSON_COMPACT);
        const char *ps[6] = {office, q->body, rows_text, nt, through_s,
                             after_s};
        res = central_exec(c, CS_BATCH_STORE, 6, ps);
        free(nt);
        ok = central_ok(res);
        if (ok && json_array_size(upds)) {
            /* after the store, so an intake and its later moves can come
             * in one batch */
            char *t = json_dumps(upds, JSON_COMPACT);
            const char *pu[2] = {office, t};
            ok = central_run(c, CS_DOSSIERS_UPDATE, 2, pu, why, sizeof why);
            free(t);
        } else if (!ok) {
            snprintf(why, sizeof why, "%s", PQresultErrorMessage(res));
        }
    } else if (ok) {
        /* only repeats: the answer is what the centre holds */
        const char *pr[3] = {office, after_s, through_s};
        res = central_exec(c, CS_REJECTED_RANGE, 3, pr);
        ok = central_ok(res);
        if (!ok)
            snprintf(why, sizeof why, "%s", PQresultErrorMessage(res));
    }
    json_decref(news);
    json_decref(upds);
    if (!ok)
        goto dberr;
    json_t *ack = wire_ack_new(through);
    for (int i = 0; i < PQntuples(res); i++)
        wire_ack_reject(ack, strtoll(PQgetvalue(res, i, 0), NULL, 10),
                        PQgetvalue(res, i, 1));
    if (!central_commit(c)) {
        json_decref(ack);
        snprintf(why, sizeof why, "commit: %s", PQerrorMessage(c));
        goto dberr;
    }
    central_json(r, 200, ack);
    goto out;
dberr:
    central_rollback(c);
    central_error(r, 500, "database_error", NULL,
                  "the batch was not stored (nothing was written): %s", why);
out:
    PQclear(res);
    free(rows_text);
    json_decref(rows);
    wire_push_free(&p);
    central_arena_reset();
}
