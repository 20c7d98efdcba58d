/* SPDX-License-Identifier: GPL-3.0-or-later */
/* log.h - motcua's log: syslog(3) (journald on Debian) with levels, and
 * stderr too when a person is watching (stderr is a terminal).
 *
 * Never log a password, a password hash, or a full identity number (CCCD,
 * BHXH number, tax code): pass identity numbers through mc_log_mask_id().
 * Messages are one line: control characters are replaced by '?', so text
 * that came from outside cannot forge extra log lines.
 *
 * MOTCUA_LOG_LEVEL=err|warning|notice|info|debug sets the most detailed
 * level that is logged (default info to syslog, warning to the terminal);
 * MOTCUA_LOG=stderr sends everything to stderr instead of syslog (tests,
 * foreground runs); MOTCUA_LOG=syslog never writes to stderr.
 */
#ifndef MOTCUA_LOG_H
#define MOTCUA_LOG_H

#include <stddef.h>

/* The values are syslog's priorities. */
typedef enum mc_log_level {
    MC_LOG_ERR = 3,
    MC_LOG_WARNING = 4,
    MC_LOG_NOTICE = 5,
    MC_LOG_INFO = 6,
    MC_LOG_DEBUG = 7,
} mc_log_level;

/* Optional: the program name in each line ("motcua", "motcua-sync",
 * "motcua-central"; default "motcua") and whether it is a daemon (syslog
 * facility daemon instead of user).  Call before the first mc_log. */
void mc_log_init(const char *ident, int daemon);

/* Log one message at `level`. */
void mc_log(mc_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Change the most detailed level logged (overrides MOTCUA_LOG_LEVEL). */
void mc_log_set_level(mc_log_level max);

/* Parse "err", "warning", "notice", "info", "debug"; -1 when unknown. */
int mc_log_level_parse(const char *name);

#define MC_LOG_MASK_MAX 64
/* An identity number fit for a log line: the first 4 and last 2 digits of
 * a number of 10 or more characters (001190012345 -> 0011******45), the
 * first and last 2 of 7 to 9 characters, and only stars when shorter.
 * NULL or "" gives "".  Returns buf. */
const char *mc_log_mask_id(const char *id, char buf[static MC_LOG_MASK_MAX]);

#endif
