/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audit.h - the canonical content of an audit row.
 *
 * Each action appends a row whose hash is SHA-256 over the canonical
 * content, which includes the previous row's hash: editing, deleting or
 * reordering any row breaks every hash after it.  The content is a list of
 * length-prefixed fields ("<bytes>:<value>\n"), so no choice of values can
 * make two different rows serialise alike.  Version tag first, so a future
 * format can coexist.
 */
#ifndef MOTCUA_AUDIT_H
#define MOTCUA_AUDIT_H

#include <stdint.h>

#define AUDIT_GENESIS                                                          \
    "0000000000000000000000000000000000000000000000000000000000000000"

/* malloc'd canonical content of one row. */
char *audit_canonical(int64_t id, const char *at, const char *actor,
                      const char *action, const char *object,
                      const char *detail, const char *prev_hash);

#endif
