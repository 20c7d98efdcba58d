/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wire_text.c - JSON objects written straight to text (see wire_text.h). */
#include "wire_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "mc_error.h"

void wire_obj_init(wire_obj *o)
{
    memset(o, 0, sizeof *o);
}

static void reserve(wire_obj *o, size_t more)
{
    if (o->vlen + more <= o->vcap)
        return;
    size_t cap = o->vcap ? o->vcap : 256;
    while (cap < o->vlen + more)
        cap *= 2;
    o->vals = mc_xrealloc(o->vals, cap);
    o->vcap = cap;
}

static void put(wire_obj *o, const char *s, size_t n)
{
    if (!n)
        return;
    reserve(o, n);
    memcpy(o->vals + o->vlen, s, n);
    o->vlen += n;
}

/* start a member: its value is what is put() until the next one */
static void member(wire_obj *o, const char *key)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 16;
        o->m = mc_xrealloc(o->m, o->cap * sizeof *o->m);
    }
    o->m[o->n].key = key;
    o->m[o->n].off = o->vlen;
    o->m[o->n].len = 0;
    o->n++;
}

static void end_member(wire_obj *o)
{
    struct wire_member *m = &o->m[o->n - 1];
    m->len = o->vlen - m->off;
}

/* a JSON string as jansson's dump writes it (no ASCII-only, no escaped
 * slash): '"' and '\\' escaped, control characters as \b \f \n \r \t or
 * \u00XX (upper-case hex), everything else as is */
static void put_string(wire_obj *o, const char *s, size_t n)
{
    reserve(o, n + 2);
    o->vals[o->vlen++] = '"';
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(o, s + run, i - run);
        run = i + 1;
        char esc[8];
        switch (c) {
        case '"': put(o, "\\\"", 2); break;
        case '\\': put(o, "\\\\", 2); break;
        case '\b': put(o, "\\b", 2); break;
        case '\f': put(o, "\\f", 2); break;
        case '\n': put(o, "\\n", 2); break;
        case '\r': put(o, "\\r", 2); break;
        case '\t': put(o, "\\t", 2); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
            put(o, esc, 6);
        }
    }
    put(o, s + run, n - run);
    put(o, "\"", 1);
}

void wire_obj_str(wire_obj *o, const char *key, const char *v)
{
    if (!v) {
        wire_obj_null(o, key);
        return;
    }
    size_t n = strlen(v);
    if (u8_check((const uint8_t *)v, n) != NULL)
        return; /* json_string() would refuse it: no member */
    member(o, key);
    put_string(o, v, n);
    end_member(o);
}

void wire_obj_int(wire_obj *o, const char *key, long long v)
{
    char b[21];
    size_t w = mc_i64_text((int64_t)v, b);
    member(o, key);
    put(o, b, w);
    end_member(o);
}

void wire_obj_bool(wire_obj *o, const char *key, bool v)
{
    wire_obj_raw(o, key, v ? "true" : "false");
}

void wire_obj_null(wire_obj *o, const char *key)
{
    wire_obj_raw(o, key, "null");
}

void wire_obj_raw(wire_obj *o, const char *key, const char *json)
{
    member(o, key);
    put(o, json, strlen(json));
    end_member(o);
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct wire_member *)a)->key,
                  ((const struct wire_member *)b)->key);
}

char *wire_obj_finish(wire_obj *o)
{
    /* members added in key order (the intake's snapshot) need no sort */
    size_t sorted = 1;
    while (sorted < o->n && strcmp(o->m[sorted - 1].key, o->m[sorted].key) < 0)
        sorted++;
    if (sorted < o->n)
        qsort(o->m, o->n, sizeof *o->m, by_key);
    size_t total = 2;
    for (size_t i = 0; i < o->n; i++)
        total += strlen(o->m[i].key) * 6 + 4 + o->m[i].len;
    char *out = mc_xmalloc(total + 1);
    size_t len = 0;
    out[len++] = '{';
    wire_obj keys; /* the key, escaped like any string */
    wire_obj_init(&keys);
    for (size_t i = 0; i < o->n; i++) {
        if (i)
            out[len++] = ',';
        const char *k = o->m[i].key;
        size_t kn = strlen(k), plain = 0;
        while (plain < kn && (unsigned char)k[plain] >= 0x20 &&
               k[plain] != '"' && k[plain] != '\\')
            plain++;
        if (plain == kn) { /* the usual key: nothing to escape */
            out[len++] = '"';
            memcpy(out + len, k, kn);
            len += kn;
            out[len++] = '"';
        } else {
            keys.vlen = 0;
            put_string(&keys, k, kn);
            memcpy(out + len, keys.vals, keys.vlen);
            len += keys.vlen;
        }
        out[len++] = ':';
        memcpy(out + len, o->vals + o->m[i].off, o->m[i].len);
        len += o->m[i].len;
    }
    out[len++] = '}';
    out[len] = '\0';
    free(keys.vals);
    free(o->vals);
    free(o->m);
    memset(o, 0, sizeof *o);
    return out;
}
