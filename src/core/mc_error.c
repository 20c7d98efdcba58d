/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mc_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Out of memory: the policy (docs/reliability.md §9).
 *
 * When an x-allocator cannot get memory the process ends at once with exit
 * status 12 (MC_ENOMEM, "out of memory" in the README) and one line on
 * stderr - never abort() and a core dump.  Before that, the registered hook
 * runs (the TUI restores the terminal).  The process leaves through _exit:
 * no atexit handler, no stdio flush of half-written output, and no COMMIT -
 * a transaction in progress is simply never committed, so SQLite rolls it
 * back from its WAL on the next open and nothing half-written remains.
 * SQLite and jansson allocate through wrappers that end here too
 * (store_mem_init, json_set_alloc_funcs in main).  Other libraries that
 * report running out of memory (cairo, libqrencode, libunistring,
 * libsodium) take the ordinary error path with MC_ENOMEM, which also ends
 * in exit status 12. */
static void (*oom_hook)(void);

void mc_set_oom_hook(void (*hook)(void))
{
    oom_hook = hook;
}

__attribute__((noreturn)) static void oom(size_t n)
{
    if (oom_hook) {
        void (*h)(void) = oom_hook;
        oom_hook = NULL; /* once: the hook itself may run out of memory */
        h();
    }
    /* no stdio and no gettext: both may allocate */
    char line[96];
    int len = n ? snprintf(line, sizeof line,
                           "motcua: hết bộ nhớ / out of memory (%zu bytes)\n", n)
                : snprintf(line, sizeof line,
                           "motcua: hết bộ nhớ / out of memory\n");
    if (len > 0) {
        ssize_t w = write(STDERR_FILENO, line,
                          (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
        (void)w;
    }
    _exit(mc_status_exit_code(MC_ENOMEM));
}

void mc_oom(void)
{
    oom(0);
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

size_t mc_u64_text(uint64_t v, char *out)
{
    char rev[20];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
    return n;
}

size_t mc_i64_text(int64_t v, char *out)
{
    if (v >= 0)
        return mc_u64_text((uint64_t)v, out);
    out[0] = '-';
    return 1 + mc_u64_text(-(uint64_t)v, out + 1);
}
