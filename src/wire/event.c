#include "event.h"

#include <stdlib.h>

#include "mc_error.h"

json_t *wire_event_new(const char *kind, const char *office, const char *at,
                       const char *actor, const char *dossier_code,
                       json_t *data)
{
    json_t *o = json_object();
    json_object_set_new(o, "v", json_integer(WIRE_EVENT_VERSION));
    json_object_set_new(o, "kind", json_string(kind));
    json_object_set_new(o, "office", json_string(office));
    json_object_set_new(o, "at", json_string(at));
    json_object_set_new(o, "actor", json_string(actor));
    json_object_set_new(o, "dossier",
                        dossier_code ? json_string(dossier_code) : json_null());
    json_object_set_new(o, "data", data ? data : json_object());
    return o;
}

char *wire_dump(const json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
    if (!s)
        s = mc_xstrdup("null");
    return s;
}
