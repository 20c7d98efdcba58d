/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mc_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

mc_status mc_fail(mc_error *e, mc_status code, const char *field,
                  const char *fmt, ...)
{
    if (!e)
        return code;
    e->code = code;
    mc_strlcpy(e->field, field ? field : "", sizeof e->field);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}

void mc_error_clear(mc_error *e)
{
    if (e) {
        e->code = MC_OK;
        e->field[0] = '\0';
        e->msg[0] = '\0';
    }
}

const char *mc_status_tag(mc_status s)
{
    switch (s) {
#define X(n, ec, t)                                                            \
    case n:                                                                    \
        return t;
        MC_STATUS_LIST(X)
#undef X
    }
    return "unknown";
}

int mc_status_exit_code(mc_status s)
{
    switch (s) {
#define X(n, ec, t)                                                            \
    case n:                                                                    \
        return ec;
        MC_STATUS_LIST(X)
#undef X
    }
    return 1;
}

static void oom(size_t n)
{
    fprintf(stderr, "motcua: out of memory (%zu bytes)\n", n);
    abort();
}

void *mc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *mc_xcalloc(size_t n, size_t m)
{
    void *p = calloc(n ? n : 1, m ? m : 1);
    if (!p)
        oom(n * m);
    return p;
}

void *mc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *mc_xstrdup(const char *s)
{
    return mc_xstrndup(s, strlen(s));
}

char *mc_xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = mc_xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *mc_xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        oom(0);
    char *p = mc_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

int mc_strlcpy(char *dst, const char *src, size_t size)
{
    if (size == 0)
        return -1;
    size_t len = strlen(src);
    if (len >= size) {
        memcpy(dst, src, size - 1);
        dst[size - 1] = '\0';
        return -1;
    }
    memcpy(dst, src, len + 1);
    return 0;
}
