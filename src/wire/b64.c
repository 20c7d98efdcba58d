/* SPDX-License-Identifier: GPL-3.0-or-later */
/* b64.c - strict base64 (see b64.h). */
#include "b64.h"

#include <stdlib.h>
#include <string.h>

#include "mc_error.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *wire_b64_encode(const void *data, size_t n)
{
    const unsigned char *p = data;
    char *out = mc_xmalloc((n + 2) / 3 * 4 + 1);
    size_t o = 0, i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
        out[o++] = alphabet[v >> 18 & 63];
        out[o++] = alphabet[v >> 12 & 63];
        out[o++] = alphabet[v >> 6 & 63];
        out[o++] = alphabet[v & 63];
    }
    if (i < n) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        out[o++] = alphabet[v >> 18 & 63];
        out[o++] = alphabet[v >> 12 & 63];
        out[o++] = i + 1 < n ? alphabet[v >> 6 & 63] : '=';
        out[o++] = '=';
    }
    out[o] = '\0';
    return out;
}

static int value_of(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

size_t wire_b64_decoded_size(const char *text, size_t len)
{
    if (len % 4)
        return 0;
    size_t n = len / 4 * 3;
    if (len && text[len - 1] == '=')
        n--;
    if (len > 1 && text[len - 2] == '=')
        n--;
    return n;
}

bool wire_b64_decode(const char *text, size_t len, unsigned char **out,
                     size_t *out_n, size_t *bad_at)
{
    *out = NULL;
    *out_n = 0;
    if (len % 4) {
        *bad_at = len;
        return false;
    }
    size_t pad = 0;
    if (len && text[len - 1] == '=')
        pad++;
    if (len > 1 && text[len - 2] == '=')
        pad++;
    unsigned char *buf = mc_xmalloc(len / 4 * 3 + 1);
    size_t o = 0;
    for (size_t i = 0; i < len; i += 4) {
        unsigned v = 0;
        for (size_t j = 0; j < 4; j++) {
            size_t at = i + j;
            int x;
            if (at >= len - pad) {
                if (text[at] != '=') {
                    free(buf);
                    *bad_at = at;
                    return false;
                }
                x = 0;
            } else if ((x = value_of((unsigned char)text[at])) < 0) {
                free(buf);
                *bad_at = at;
                return false;
            }
            v = v << 6 | (unsigned)x;
        }
        buf[o++] = (unsigned char)(v >> 16);
        buf[o++] = (unsigned char)(v >> 8);
        buf[o++] = (unsigned char)v;
    }
    *out = buf;
    *out_n = o - pad;
    return true;
}
