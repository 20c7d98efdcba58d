/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mc_error.h - the one error currency of motcua.
 *
 * Every fallible function returns an mc_status and, when it fails, fills an
 * mc_error with the field it concerns and a human message (already
 * translated through gettext).  Callers propagate with
 *     if ((rc = f(..., err)) != MC_OK) goto out;
 * and release what they took at a single `out:` label.
 */
#ifndef MOTCUA_MC_ERROR_H
#define MOTCUA_MC_ERROR_H

#include <stddef.h>
#include <stdint.h>

#define MC_MUST_USE __attribute__((warn_unused_result))

/* X(name, exit code, short English tag) */
#define MC_STATUS_LIST(X)                                                      \
    X(MC_OK, 0, "ok")                                                          \
    X(MC_EINVAL, 3, "invalid")                                                 \
    X(MC_ENOTFOUND, 4, "not-found")                                            \
    X(MC_EFORBIDDEN, 5, "forbidden")                                           \
    X(MC_ESTATE, 6, "not-allowed-now")                                         \
    X(MC_ECONFLICT, 7, "conflict")                                             \
    X(MC_EAUTH, 8, "authentication")                                           \
    X(MC_EVERSION, 9, "version")                                               \
    X(MC_EDB, 10, "database")                                                  \
    X(MC_EIO, 11, "io")                                                        \
    X(MC_ENOMEM, 12, "out-of-memory")                                          \
    X(MC_ELIMIT, 13, "too-large")

typedef enum mc_status {
#define X(n, e, t) n,
    MC_STATUS_LIST(X)
#undef X
} mc_status;

typedef struct mc_error {
    mc_status code;
    char field[64]; /* the input field concerned, "" when none */
    char msg[768];  /* translated, specific, names the field and the reason */
} mc_error;

/* Fill *e (when e is not NULL) and return code.  The format is printf-like. */
mc_status mc_fail(mc_error *e, mc_status code, const char *field,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

void mc_error_clear(mc_error *e);
const char *mc_status_tag(mc_status s);
int mc_status_exit_code(mc_status s);

/* gettext: message ids are the Vietnamese text (the default language works
 * with no locale installed); po/en.po carries the English. */
#include <libintl.h>
#define _(s) gettext(s)
#define N_(s) (s)

/* Out-of-memory is handled in one place: these end the process with exit
 * status 12 and a message on stderr (never abort; see mc_error.c). */
void *mc_xmalloc(size_t n);
void *mc_xcalloc(size_t n, size_t m);
void *mc_xrealloc(void *p, size_t n);
char *mc_xstrdup(const char *s);
char *mc_xstrndup(const char *s, size_t n);
/* malloc'd printf; exits with status 12 on OOM. */
char *mc_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Run hook (once) before an out-of-memory exit: the TUI restores the
 * terminal.  NULL removes it. */
void mc_set_oom_hook(void (*hook)(void));
/* End the process as out of memory (exit status 12), for a library call
 * that returned NULL where no error path exists. */
void mc_oom(void) __attribute__((noreturn));

/* Bounded copy: always NUL-terminates, returns 0 if it fit, -1 if truncated. */
int mc_strlcpy(char *dst, const char *src, size_t size);
/* v in decimal, as printf's "%" PRId64 / "%" PRIu64 write it, NUL-ended,
 * into out (room for 21 bytes);
 * returns its length (at most 20).  For hot paths that print numbers. */
size_t mc_i64_text(int64_t v, char *out);
size_t mc_u64_text(uint64_t v, char *out);

#endif
