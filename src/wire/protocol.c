/* SPDX-License-Identifier: GPL-3.0-or-later */
/* protocol.c - encode and decode the sync protocol's messages (protocol.h).
 * Decoders trust nothing: every key is checked for presence and type, and a
 * failure names the key. */
#include "protocol.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "mc_error.h"
#include "status.h"

static bool fail(char *field, const char *f, char *why, size_t n,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static bool fail(char *field, const char *f, char *why, size_t n,
                 const char *fmt, ...)
{
    if (field)
        mc_strlcpy(field, f, 32);
    if (why && n) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, n, fmt, ap);
        va_end(ap);
    }
    return false;
}

static json_t *parse(const char *text, size_t len, char *why, size_t n)
{
    if (len > WIRE_MAX_BODY) {
        if (why && n)
            snprintf(why, n, "body is %zu bytes, the limit is %u", len,
                     WIRE_MAX_BODY);
        return NULL;
    }
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root && why && n)
        snprintf(why, n, "not JSON: %s (line %d, column %d)", je.text,
                 je.line, je.column);
    return root;
}

/* An optional string: absent or null gives NULL; *ok false for a wrong
 * type. */
static const char *opt_str(const json_t *o, const char *key, bool *ok)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v))
        *ok = false;
    return json_string_value(v);
}

static bool check_version(json_t *root, char *field, char *why, size_t n)
{
    json_t *v = json_object_get(root, "v");
    if (!json_is_integer(v))
        return fail(field, "v", why, n, "v: missing or not an integer");
    if (json_integer_value(v) != WIRE_PROTOCOL_VERSION)
        return fail(field, "v", why, n,
                    "v: protocol version %lld is not supported (expected %d)",
                    (long long)json_integer_value(v), WIRE_PROTOCOL_VERSION);
    return true;
}

/* --- push request ---------------------------------------------------------- */

json_t *wire_push_new(const char *office, long long after)
{
    return json_pack("{s:i, s:s, s:I, s:[]}", "v", WIRE_PROTOCOL_VERSION,
                     "office", office, "after", (json_int_t)after, "events");
}

void wire_push_add(json_t *batch, long long seq, json_t *event)
{
    json_array_append_new(json_object_get(batch, "events"),
                          json_pack("{s:I, s:o}", "seq", (json_int_t)seq,
                                    "event", event));
}

bool wire_push_decode(const char *text, size_t len, wire_push *out,
                      char field[32], char *why, size_t n)
{
    memset(out, 0, sizeof *out);
    json_t *root = parse(text, len, why, n);
    if (!root)
        return fail(field, "body", NULL, 0, "%s", "");
    out->root = root;
    if (!json_is_object(root))
        goto type;
    if (!check_version(root, field, why, n))
        goto bad;
    out->office = json_string_value(json_object_get(root, "office"));
    if (!out->office) {
        fail(field, "office", why, n, "office: missing or not a string");
        goto bad;
    }
    json_t *after = json_object_get(root, "after");
    if (!json_is_integer(after) || json_integer_value(after) < 0) {
        fail(field, "after", why, n,
             "after: missing or not a non-negative integer");
        goto bad;
    }
    out->after = json_integer_value(after);
    json_t *evs = json_object_get(root, "events");
    if (!json_is_array(evs)) {
        fail(field, "events", why, n, "events: missing or not an array");
        goto bad;
    }
    size_t count = json_array_size(evs);
    if (count > WIRE_MAX_BATCH) {
        fail(field, "events", why, n,
             "events: %zu events in one batch, the limit is %d", count,
             WIRE_MAX_BATCH);
        goto bad;
    }
    out->items = mc_xcalloc(count ? count : 1, sizeof *out->items);
    long long prev = out->after;
    for (size_t i = 0; i < count; i++) {
        json_t *it = json_array_get(evs, i);
        json_t *seq = json_object_get(it, "seq");
        if (!json_is_object(it) || !json_is_integer(seq)) {
            fail(field, "events", why, n,
                 "events[%zu].seq: missing or not an integer", i);
            goto bad;
        }
        long long s = json_integer_value(seq);
        if (s <= prev) {
            fail(field, "events", why, n,
                 "events[%zu].seq: %lld does not follow %lld (sequence "
                 "numbers must increase after \"after\")",
                 i, s, prev);
            goto bad;
        }
        json_t *ev = json_object_get(it, "event");
        if (!ev) {
            fail(field, "events", why, n, "events[%zu].event: missing", i);
            goto bad;
        }
        out->items[i].seq = prev = s;
        out->items[i].event = ev;
        out->n++;
    }
    return true;
type:
    fail(field, "body", why, n, "body: must be a JSON object");
bad:
    wire_push_free(out);
    return false;
}

void wire_push_free(wire_push *p)
{
    json_decref(p->root);
    free(p->items);
    memset(p, 0, sizeof *p);
}

/* --- push answer ------------------------------------------------------------ */

json_t *wire_ack_new(long long through)
{
    return json_pack("{s:i, s:I, s:[]}", "v", WIRE_PROTOCOL_VERSION,
                     "acked_through", (json_int_t)through, "rejected");
}

void wire_ack_reject(json_t *ack, long long seq, const char *reason)
{
    json_array_append_new(json_object_get(ack, "rejected"),
                          json_pack("{s:I, s:s}", "seq", (json_int_t)seq,
                                    "reason", reason));
}

bool wire_ack_decode(const char *text, size_t len, wire_ack *out, char *why,
                     size_t n)
{
    memset(out, 0, sizeof *out);
    json_t *root = parse(text, len, why, n);
    if (!root)
        return false;
    bool ok = false;
    json_t *through = json_object_get(root, "acked_through");
    json_t *rej = json_object_get(root, "rejected");
    if (!json_is_object(root)) {
        fail(NULL, "", why, n, "body: must be a JSON object");
        goto out;
    }
    if (!check_version(root, NULL, why, n))
        goto out;
    if (!json_is_integer(through)) {
        fail(NULL, "", why, n, "acked_through: missing or not an integer");
        goto out;
    }
    if (rej && !json_is_array(rej)) {
        fail(NULL, "", why, n, "rejected: not an array");
        goto out;
    }
    out->acked_through = json_integer_value(through);
    size_t count = json_array_size(rej);
    out->rejected = mc_xcalloc(count ? count : 1, sizeof *out->rejected);
    for (size_t i = 0; i < count; i++) {
        json_t *r = json_array_get(rej, i);
        json_t *seq = json_object_get(r, "seq");
        const char *reason = json_string_value(json_object_get(r, "reason"));
        if (!json_is_integer(seq) || !reason) {
            fail(NULL, "", why, n, "rejected[%zu]: needs seq and reason", i);
            wire_ack_free(out);
            goto out;
        }
        out->rejected[i].seq = json_integer_value(seq);
        out->rejected[i].reason = mc_xstrdup(reason);
        out->n_rejected++;
    }
    ok = true;
out:
    json_decref(root);
    return ok;
}

void wire_ack_free(wire_ack *a)
{
    for (size_t i = 0; i < a->n_rejected; i++)
        free(a->rejected[i].reason);
    free(a->rejected);
    memset(a, 0, sizeof *a);
}

/* --- errors ------------------------------------------------------------------ */

json_t *wire_error_new(const char *code, const char *field, const char *fmt,
                       ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_t *e = json_pack("{s:s, s:s}", "code", code, "message", msg);
    if (field)
        json_object_set_new(e, "field", json_string(field));
    return json_pack("{s:o}", "error", e);
}

bool wire_error_decode(const char *text, size_t len, wire_error *out)
{
    memset(out, 0, sizeof *out);
    out->expected_after = -1;
    if (!text || len > WIRE_MAX_BODY)
        return false;
    json_t *root = json_loadb(text, len, 0, NULL);
    json_t *e = json_object_get(root, "error");
    bool ok = json_is_object(e);
    if (ok) {
        const char *s;
        if ((s = json_string_value(json_object_get(e, "code"))))
            mc_strlcpy(out->code, s, sizeof out->code);
        if ((s = json_string_value(json_object_get(e, "field"))))
            mc_strlcpy(out->field, s, sizeof out->field);
        if ((s = json_string_value(json_object_get(e, "message"))))
            mc_strlcpy(out->message, s, sizeof out->message);
        json_t *x = json_object_get(e, "expected_after");
        if (json_is_integer(x))
            out->expected_after = json_integer_value(x);
    }
    json_decref(root);
    return ok;
}

/* --- pull ---------------------------------------------------------------------- */

void wire_change_event_id(long long id, char buf[static 32])
{
    snprintf(buf, 32, "central:%lld", id);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *wire_change_new(long long id, const char *dossier, const char *from,
                        const char *to, const char *department,
                        const char *note, json_t *missing, const char *at,
                        const char *actor)
{
    char eid[32];
    wire_change_event_id(id, eid);
    json_t *c = json_object();
    json_object_set_new(c, "id", json_integer(id));
    json_object_set_new(c, "event_id", json_string(eid));
    json_object_set_new(c, "dossier", json_string(dossier));
    json_object_set_new(c, "from", str_or_null(from));
    json_object_set_new(c, "to", json_string(to));
    json_object_set_new(c, "department", str_or_null(department));
    json_object_set_new(c, "note", str_or_null(note));
    json_object_set_new(c, "missing", missing ? missing : json_null());
    json_object_set_new(c, "at", json_string(at));
    json_object_set_new(c, "actor", json_string(actor ? actor : "central"));
    return c;
}

static bool string_array(json_t *a)
{
    if (!json_is_array(a))
        return false;
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v)
    {
        if (!json_is_string(v) || !*json_string_value(v))
            return false;
    }
    return true;
}

bool wire_changes_decode(const char *text, size_t len, wire_changes *out,
                         char *why, size_t n)
{
    memset(out, 0, sizeof *out);
    json_t *root = parse(text, len, why, n);
    if (!root)
        return false;
    out->root = root;
    json_t *arr = json_object_get(root, "changes");
    json_t *next = json_object_get(root, "next_after");
    if (!json_is_object(root)) {
        fail(NULL, "", why, n, "body: must be a JSON object");
        goto bad;
    }
    if (!check_version(root, NULL, why, n))
        goto bad;
    if (!json_is_array(arr) || !json_is_integer(next)) {
        fail(NULL, "", why, n, "changes/next_after: missing or wrong type");
        goto bad;
    }
    out->next_after = json_integer_value(next);
    out->more = json_is_true(json_object_get(root, "more"));
    size_t count = json_array_size(arr);
    out->items = mc_xcalloc(count ? count : 1, sizeof *out->items);
    for (size_t i = 0; i < count; i++) {
        json_t *c = json_array_get(arr, i);
        wire_change *w = &out->items[i];
        bool ok = json_is_object(c);
        json_t *id = json_object_get(c, "id");
        ok = ok && json_is_integer(id);
        w->id = json_integer_value(id);
        w->event_id = json_string_value(json_object_get(c, "event_id"));
        w->dossier = json_string_value(json_object_get(c, "dossier"));
        w->to = json_string_value(json_object_get(c, "to"));
        w->at = json_string_value(json_object_get(c, "at"));
        w->actor = json_string_value(json_object_get(c, "actor"));
        w->from = opt_str(c, "from", &ok);
        w->department = opt_str(c, "department", &ok);
        w->note = opt_str(c, "note", &ok);
        json_t *m = json_object_get(c, "missing");
        if (m && !json_is_null(m)) {
            ok = ok && string_array(m);
            w->missing = m;
        }
        mc_dossier_status st;
        if (!ok || !w->event_id || !w->dossier || !w->to || !w->at ||
            !status_parse(w->to, &st)) {
            fail(NULL, "", why, n,
                 "changes[%zu]: needs id, event_id, dossier, a status in "
                 "\"to\" and at, with the right types",
                 i);
            goto bad;
        }
        out->n++;
    }
    return true;
bad:
    wire_changes_free(out);
    return false;
}

void wire_changes_free(wire_changes *c)
{
    json_decref(c->root);
    free(c->items);
    memset(c, 0, sizeof *c);
}

/* --- back-office status update --------------------------------------------- */

bool wire_status_req_decode(const char *text, size_t len,
                            wire_status_req *out, char field[32], char *why,
                            size_t n)
{
    memset(out, 0, sizeof *out);
    json_t *root = parse(text, len, why, n);
    if (!root)
        return fail(field, "body", NULL, 0, "%s", "");
    out->root = root;
    bool ok = true;
    if (!json_is_object(root)) {
        fail(field, "body", why, n, "body: must be a JSON object");
        goto bad;
    }
    out->status = json_string_value(json_object_get(root, "status"));
    mc_dossier_status st;
    if (!out->status || !status_parse(out->status, &st)) {
        fail(field, "status", why, n,
             "status: missing or not one of received, refused, processing, "
             "supplement_requested, withdrawn, stopped, done, returned");
        goto bad;
    }
    const char *keys[] = {"department", "note", "actor"};
    const char **dst[] = {&out->department, &out->note, &out->actor};
    for (size_t i = 0; i < 3; i++) {
        *dst[i] = opt_str(root, keys[i], &ok);
        if (!ok || (*dst[i] && strlen(*dst[i]) > 2000)) {
            fail(field, keys[i], why, n,
                 "%s: must be a string of at most 2000 bytes", keys[i]);
            goto bad;
        }
    }
    json_t *m = json_object_get(root, "missing");
    if (m && !json_is_null(m)) {
        if (!string_array(m) || json_array_size(m) > 100) {
            fail(field, "missing", why, n,
                 "missing: must be an array of up to 100 non-empty strings");
            goto bad;
        }
        out->missing = m;
    }
    return true;
bad:
    wire_status_req_free(out);
    return false;
}

void wire_status_req_free(wire_status_req *r)
{
    json_decref(r->root);
    memset(r, 0, sizeof *r);
}

/* --- lookup ------------------------------------------------------------------- */

json_t *wire_lookup_new(const char *code, const char *agency,
                        const char *department, const char *received_at,
                        const char *due_date, const char *status)
{
    mc_dossier_status st = ST_RECEIVED;
    bool known = status && status_parse(status, &st);
    json_t *o = json_object();
    json_object_set_new(o, "code", str_or_null(code));
    json_object_set_new(o, "agency", str_or_null(agency));
    json_object_set_new(o, "department", str_or_null(department));
    json_object_set_new(o, "received_at", str_or_null(received_at));
    json_object_set_new(o, "due_date", str_or_null(due_date));
    json_object_set_new(o, "status", str_or_null(status));
    json_object_set_new(o, "status_label",
                        known ? json_string(status_label_vi(st)) : json_null());
    json_object_set_new(o, "status_portal_code",
                        known ? json_integer(status_portal_code(st))
                              : json_null());
    return o;
}
