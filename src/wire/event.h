/* SPDX-License-Identifier: GPL-3.0-or-later */
/* event.h - the sync event format (versioned JSON).  See docs/sync.md.
 *
 * Data model.  Every change at a desk is one event:
 *     {"v":1, "kind":K, "office":O, "at":ISO-8601, "actor":LOGIN,
 *      "dossier":CODE or null, "data":{...}}
 * The desk stores it as the payload of an outbox row whose sequence number
 * (seq) orders the office's events.  Sync carries events in batches (see
 * protocol.h); the centre stores each (office, seq) once.
 *
 * The kinds are declared once below.  A version bump is needed for any
 * change a v1 reader would misread; new optional keys in `data` are not.
 */
#ifndef MOTCUA_WIRE_EVENT_H
#define MOTCUA_WIRE_EVENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define WIRE_EVENT_VERSION 1

/* X(kind, needs a dossier code?, changes the status?) */
#define WIRE_KIND_LIST(X)                                                      \
    X("intake", true, true)   /* accepted; data.dossier = full snapshot */     \
    X("refuse", true, true)   /* refused at reception (to = refused) */        \
    X("advance", true, true)  /* status change (from, to, data) */             \
    X("return", true, true)   /* result handed over (to = returned) */         \
    X("extend", true, false)  /* apology and extension (new_due_date) */       \
    X("guide", false, false)  /* supplement-request slip, no dossier */       \
    X("online_decision", false, false) /* supplement/refuse online, no code */

bool wire_kind_known(const char *kind);
/* "intake, refuse, ..." for messages. */
const char *wire_kind_names(void);

/* Build an event object: {"v":1,"kind":...,"office":...,"at":...,
 * "actor":...,"dossier":code or null,"data":data}.  Steals `data`. */
json_t *wire_event_new(const char *kind, const char *office, const char *at,
                       const char *actor, const char *dossier_code,
                       json_t *data);
/* Compact, key-sorted text of a JSON value (malloc'd). */
char *wire_dump(const json_t *v);

/* Check one event as a reader must before trusting it: an object of
 * version 1, a known kind, `office` equal to the expected office (when
 * office is not NULL), a valid timestamp, an actor, a well-formed dossier
 * code when the kind needs one, an object `data`, and for status changes a
 * known target status (data.to; data.dossier.status for intake; an
 * intake's snapshot may carry "portal_ref", then its channel is online),
 * and for online_decision its portal_ref, decision, reasons, missing
 * papers and form PDF (see docs/sync.md, "Online dossiers").  On
 * failure writes a reason naming the key into why (English, for logs and
 * the supervisor) and returns false. */
bool wire_event_validate(const json_t *ev, const char *office, char *why,
                         size_t why_size);

/* Limits of an online_decision event (docs/sync.md, "Online dossiers"). */
#define WIRE_PORTAL_REF_MAX 64           /* bytes of a portal reference */
#define WIRE_DECISION_MAX_ITEMS 50       /* reasons, missing papers */
#define WIRE_DECISION_MAX_TEXT 1000      /* bytes of one reason or paper */
#define WIRE_FORM_PDF_MAX (4u << 20)     /* decoded bytes of form_pdf */

/* A portal reference (the national portal's number of an online dossier):
 * 1..WIRE_PORTAL_REF_MAX characters of A-Z a-z 0-9 . - _, the first a
 * letter or a digit (it travels in URL paths: never "." or "..").  On
 * failure writes a reason (without the key) into why. */
bool wire_portal_ref_valid(const char *ref, char *why, size_t why_size);

/* The status an event moves its dossier to, or NULL (extend, guide,
 * online_decision). */
const char *wire_event_target_status(const json_t *ev);

#endif
