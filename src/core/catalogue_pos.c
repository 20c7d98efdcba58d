/* SPDX-License-Identifier: GPL-3.0-or-later */
/* catalogue_pos.c - locate a JSON member's token in the raw text.
 *
 * A forgiving recursive scanner: it assumes the text is valid JSON (jansson
 * parsed it first) and only tracks where each key and value starts.  Paths
 * are rebuilt exactly as the validator in catalogue.c builds them, so the
 * two agree on names like "documents[2].form".  Nesting deeper than
 * POS_MAX_DEPTH is skipped without path tracking (the catalogue format is
 * three levels deep; jansson itself bounds the depth).
 */
#include "catalogue_pos.h"

#include <stdio.h>
#include <string.h>

enum { POS_MAX_DEPTH = 64, POS_PATH_MAX = 320 };

typedef struct pos_scan {
    const char *p;
    int line, col;
    const char *target;
    bool want_value;
    bool found;
    int fline, fcol;
} pos_scan;

static void pos_adv(pos_scan *s)
{
    unsigned char c = (unsigned char)*s->p;
    if (c == '\0')
        return;
    if (c == '\n') {
        s->line++;
        s->col = 1;
    } else if ((c & 0xC0) != 0x80) {
        /* every byte that starts a code point moves the column once */
        s->col++;
    }
    s->p++;
}

static void pos_ws(pos_scan *s)
{
    while (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r')
        pos_adv(s);
}

static void pos_mark(pos_scan *s)
{
    if (!s->found) {
        s->found = true;
        s->fline = s->line;
        s->fcol = s->col;
    }
}

static int pos_hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    return v;
}

static size_t pos_put_utf8(char *out, size_t n, size_t at, unsigned cp)
{
    char b[4];
    size_t k;
    if (cp < 0x80) {
        b[0] = (char)cp;
        k = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        k = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        k = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        k = 4;
    }
    for (size_t i = 0; i < k && at + 1 < n; i++)
        out[at++] = b[i];
    return at;
}

/* Scan a string starting at its opening quote; decode it into out (when
 * not NULL, truncated to n - 1 bytes). */
static void pos_string(pos_scan *s, char *out, size_t n)
{
    size_t at = 0;
    pos_adv(s); /* opening quote */
    while (*s->p && *s->p != '"') {
        if (*s->p == '\\') {
            pos_adv(s);
            char e = *s->p;
            unsigned cp = 0;
            switch (e) {
            case 'b': cp = '\b'; break;
            case 'f': cp = '\f'; break;
            case 'n': cp = '\n'; break;
            case 'r': cp = '\r'; break;
            case 't': cp = '\t'; break;
            case 'u': {
                int v = pos_hex4(s->p + 1);
                if (v < 0) {
                    cp = '?';
                    break;
                }
                for (int i = 0; i < 4; i++)
                    pos_adv(s);
                cp = (unsigned)v;
                if (v >= 0xD800 && v <= 0xDBFF && s->p[1] == '\\' &&
                    s->p[2] == 'u') {
                    int lo = pos_hex4(s->p + 3);
                    if (lo >= 0xDC00 && lo <= 0xDFFF) {
                        for (int i = 0; i < 6; i++)
                            pos_adv(s);
                        cp = 0x10000 + (((unsigned)v - 0xD800) << 10) +
                             ((unsigned)lo - 0xDC00);
                    }
                }
                break;
            }
            default: cp = (unsigned char)e; break;
            }
            if (out)
                at = pos_put_utf8(out, n, at, cp);
            pos_adv(s);
            continue;
        }
        if (out && at + 1 < n)
            out[at++] = *s->p;
        pos_adv(s);
    }
    if (*s->p == '"')
        pos_adv(s);
    if (out && n)
        out[at] = '\0';
}

static void pos_value(pos_scan *s, const char *path, int depth);

/* Skip a value without tracking paths (too deep to matter). */
static void pos_skip_deep(pos_scan *s)
{
    int level = 0;
    do {
        pos_ws(s);
        char c = *s->p;
        if (c == '\0')
            return;
        if (c == '"') {
            pos_string(s, NULL, 0);
            continue;
        }
        if (c == '{' || c == '[')
            level++;
        else if (c == '}' || c == ']')
            level--;
        pos_adv(s);
    } while (level > 0);
}

static void pos_object(pos_scan *s, const char *path, int depth)
{
    char key[POS_PATH_MAX];
    char child[POS_PATH_MAX];
    pos_adv(s); /* { */
    for (;;) {
        pos_ws(s);
        if (*s->p != '"')
            break;
        int kl = s->line, kc = s->col;
        pos_string(s, key, sizeof key);
        int n = snprintf(child, sizeof child, "%s%s%s", path, *path ? "." : "",
                         key);
        bool match = n > 0 && (size_t)n < sizeof child &&
                     strcmp(child, s->target) == 0;
        if (match && !s->want_value && !s->found) {
            s->found = true;
            s->fline = kl;
            s->fcol = kc;
        }
        pos_ws(s);
        if (*s->p == ':')
            pos_adv(s);
        pos_ws(s);
        if (match && s->want_value)
            pos_mark(s);
        /* a truncated path must not match anything below it */
        pos_value(s, n > 0 && (size_t)n < sizeof child ? child : "\x01",
                  depth + 1);
        pos_ws(s);
        if (*s->p == ',') {
            pos_adv(s);
            continue;
        }
        break;
    }
    pos_ws(s);
    if (*s->p == '}')
        pos_adv(s);
}

static void pos_array(pos_scan *s, const char *path, int depth)
{
    char child[POS_PATH_MAX];
    pos_adv(s); /* [ */
    for (size_t i = 0;; i++) {
        pos_ws(s);
        if (*s->p == ']' || *s->p == '\0')
            break;
        int n = snprintf(child, sizeof child, "%s[%zu]", path, i);
        bool ok = n > 0 && (size_t)n < sizeof child;
        if (ok && strcmp(child, s->target) == 0)
            pos_mark(s);
        pos_value(s, ok ? child : "\x01", depth + 1);
        pos_ws(s);
        if (*s->p == ',') {
            pos_adv(s);
            continue;
        }
        break;
    }
    pos_ws(s);
    if (*s->p == ']')
        pos_adv(s);
}

static void pos_value(pos_scan *s, const char *path, int depth)
{
    pos_ws(s);
    char c = *s->p;
    if (depth > POS_MAX_DEPTH && (c == '{' || c == '[')) {
        pos_skip_deep(s);
        return;
    }
    if (c == '{')
        pos_object(s, path, depth);
    else if (c == '[')
        pos_array(s, path, depth);
    else if (c == '"')
        pos_string(s, NULL, 0);
    else
        while (*s->p && strchr("0123456789+-.eEtrufalsn", *s->p))
            pos_adv(s);
}

bool cat_json_locate(const char *text, const char *path, bool value,
                     int *line, int *col)
{
    pos_scan s = {.p = text, .line = 1, .col = 1, .target = path,
                  .want_value = value};
    /* a UTF-8 byte order mark is not a column */
    if ((unsigned char)s.p[0] == 0xEF && (unsigned char)s.p[1] == 0xBB &&
        (unsigned char)s.p[2] == 0xBF)
        s.p += 3;
    pos_ws(&s);
    if (*path == '\0')
        pos_mark(&s);
    pos_value(&s, "", 0);
    *line = s.found ? s.fline : 1;
    *col = s.found ? s.fcol : 1;
    return s.found;
}
