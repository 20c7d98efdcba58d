/* SPDX-License-Identifier: GPL-3.0-or-later */
/* protocol.h - the sync protocol's messages, both directions (v1).
 * See docs/sync.md for the exchange; event.h for one event.
 *
 * push request   POST /v1/offices/O/events
 *   {"v":1, "office":O, "after":P, "events":[{"seq":S, "event":EVENT}...]}
 *   `after` is the seq of the office's event just before the first one in
 *   the batch (0 at the start): the batch lists every event after P, in
 *   order, so the centre can tell a gap from a repeat.  seq strictly
 *   increases.  EVENT is any JSON value: the centre validates each one and
 *   rejects (sets aside) a bad one without failing the batch.
 * push answer    200 {"v":1, "acked_through":S, "rejected":[{"seq","reason"}]}
 *   every event up to S is stored (or rejected, listed) at the centre.
 * gap            409 {"error":{"code":"gap", "expected_after":P, ...}}
 * pull answer    GET /v1/offices/O/changes?after=C
 *   200 {"v":1, "changes":[CHANGE...], "next_after":C2, "more":bool}
 *   CHANGE = {"id":N, "event_id":"central:N", "dossier":CODE, "to":STATUS,
 *             "from":STATUS|null, "department":..|null, "note":..|null,
 *             "missing":[..]|null, "at":ISO, "actor":..}
 * status update  POST /v1/dossiers/CODE/status (back office)
 *   {"status":S, "department":D?, "note":N?, "missing":[..]?, "actor":A?}
 * every error    4xx/5xx {"error":{"code":C, "message":M, "field":F?}}
 *
 * Decoders check every key's presence and type and say which one is wrong.
 */
#ifndef MOTCUA_WIRE_PROTOCOL_H
#define MOTCUA_WIRE_PROTOCOL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define WIRE_PROTOCOL_VERSION 1
#define WIRE_MAX_BATCH 1000               /* events per push */
#define WIRE_MAX_BODY (16u * 1024 * 1024) /* bytes of one request/answer */
#define WIRE_MAX_CHANGES 500              /* changes per pull answer */

/* --- push request ------------------------------------------------------ */
typedef struct wire_push_item {
    long long seq;
    json_t *event; /* borrowed from root */
} wire_push_item;

typedef struct wire_push {
    json_t *root;
    const char *office;
    long long after;
    size_t n;
    wire_push_item *items;
} wire_push;

/* A new empty batch: {"v":1,"office":O,"after":P,"events":[]}. */
json_t *wire_push_new(const char *office, long long after);
/* Append one event (stolen; any JSON value). */
void wire_push_add(json_t *batch, long long seq, json_t *event);

/* Parse and check the envelope (not the events).  On failure writes the
 * offending key to field (32 bytes) and a reason to why. */
bool wire_push_decode(const char *text, size_t len, wire_push *out,
                      char field[32], char *why, size_t why_size);
void wire_push_free(wire_push *p);

/* --- push answer -------------------------------------------------------- */
typedef struct wire_rejected {
    long long seq;
    char *reason;
} wire_rejected;

typedef struct wire_ack {
    long long acked_through;
    size_t n_rejected;
    wire_rejected *rejected;
} wire_ack;

json_t *wire_ack_new(long long acked_through);
void wire_ack_reject(json_t *ack, long long seq, const char *reason);
bool wire_ack_decode(const char *text, size_t len, wire_ack *out, char *why,
                     size_t why_size);
void wire_ack_free(wire_ack *a);

/* --- errors ------------------------------------------------------------- */
/* {"error":{"code":code,"message":...,"field":field}} (field may be NULL). */
json_t *wire_error_new(const char *code, const char *field, const char *fmt,
                       ...) __attribute__((format(printf, 3, 4)));

typedef struct wire_error {
    char code[64];
    char field[64];
    char message[512];
    long long expected_after; /* -1 when absent */
} wire_error;
/* false when the text is not an error object. */
bool wire_error_decode(const char *text, size_t len, wire_error *out);

/* --- pull --------------------------------------------------------------- */
typedef struct wire_change {
    long long id;
    const char *event_id, *dossier, *from, *to, *department, *note, *at,
        *actor;
    json_t *missing; /* borrowed array of strings, or NULL */
} wire_change;

typedef struct wire_changes {
    json_t *root;
    size_t n;
    wire_change *items;
    long long next_after;
    bool more;
} wire_changes;

/* One change object; `missing` (array or NULL) is stolen. */
json_t *wire_change_new(long long id, const char *dossier, const char *from,
                        const char *to, const char *department,
                        const char *note, json_t *missing, const char *at,
                        const char *actor);
/* The event id of a central change: "central:<id>" (buf of 32 bytes). */
void wire_change_event_id(long long id, char buf[static 32]);
bool wire_changes_decode(const char *text, size_t len, wire_changes *out,
                         char *why, size_t why_size);
void wire_changes_free(wire_changes *c);

/* --- back-office status update ----------------------------------------- */
typedef struct wire_status_req {
    json_t *root;
    const char *status, *department, *note, *actor;
    json_t *missing; /* borrowed array of non-empty strings, or NULL */
} wire_status_req;
bool wire_status_req_decode(const char *text, size_t len,
                            wire_status_req *out, char field[32], char *why,
                            size_t why_size);
void wire_status_req_free(wire_status_req *r);

/* --- lookup ------------------------------------------------------------- */
/* The public lookup object: only what Decision 352 Art. 12 allows (no
 * name, no identity number).  NULL strings become null. */
json_t *wire_lookup_new(const char *code, const char *agency,
                        const char *department, const char *received_at,
                        const char *due_date, const char *status);

#endif
