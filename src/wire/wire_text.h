/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wire_text.h - write a JSON object straight to text, byte for byte what
 * wire_dump() prints for the same object built with jansson (compact, keys
 * sorted with strcmp, UTF-8 kept, control characters escaped), without
 * building the tree.  For the hot path (the intake's outbox event); every
 * user keeps a jansson twin and a test that the two texts are equal.
 *
 *     wire_obj o;
 *     wire_obj_init(&o);
 *     wire_obj_str(&o, "name", name);     (NULL writes null)
 *     wire_obj_int(&o, "sets", 1);
 *     char *text = wire_obj_finish(&o);   (malloc'd; o is spent)
 *
 * Keys are string literals or outlive the object, and are unique within
 * it (jansson would keep the last value; here both would be written).  A
 * string that is not valid UTF-8 drops its key, as json_string() returning
 * NULL does in json_object_set_new(). */
#ifndef MOTCUA_WIRE_TEXT_H
#define MOTCUA_WIRE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct wire_obj {
    char *vals; /* the members' values, one after another */
    size_t vlen, vcap;
    struct wire_member {
        const char *key;
        size_t off, len;
    } *m;
    size_t n, cap;
} wire_obj;

void wire_obj_init(wire_obj *o);
void wire_obj_str(wire_obj *o, const char *key, const char *v);
void wire_obj_int(wire_obj *o, const char *key, long long v);
void wire_obj_bool(wire_obj *o, const char *key, bool v);
void wire_obj_null(wire_obj *o, const char *key);
/* a value already written as compact JSON text (a nested object or array
 * from wire_obj_finish / wire_dump) */
void wire_obj_raw(wire_obj *o, const char *key, const char *json);
/* The object's text, members sorted by key (malloc'd); frees the rest. */
char *wire_obj_finish(wire_obj *o);

#endif
