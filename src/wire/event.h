/* event.h - the sync event format (versioned JSON).  See docs/sync.md. */
#ifndef MOTCUA_WIRE_EVENT_H
#define MOTCUA_WIRE_EVENT_H

#include <jansson.h>

#define WIRE_EVENT_VERSION 1

/* Build an event object: {"v":1,"kind":...,"office":...,"at":...,
 * "actor":...,"dossier":code or null,"data":data}.  Steals `data`. */
json_t *wire_event_new(const char *kind, const char *office, const char *at,
                       const char *actor, const char *dossier_code,
                       json_t *data);
/* Compact, key-sorted text of a JSON value (malloc'd). */
char *wire_dump(const json_t *v);

#endif
