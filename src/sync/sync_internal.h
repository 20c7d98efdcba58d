/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sync_internal.h - what sync.c lends the worker's other steps
 * (online_pull.c): a GET on the worker's connection, and its errors. */
#ifndef MOTCUA_SYNC_INTERNAL_H
#define MOTCUA_SYNC_INTERNAL_H

#include "sync.h"

struct link;

/* GET base URL + path on the link's first connection.  SYNC_OK with
 * *status and the answer's body (owned by the link, valid until its next
 * request) when an HTTP answer arrived, whatever its status. */
sync_err sync_link_get(struct link *L, const sync_opts *o, const char *path,
                       long *status, const char **body, size_t *len,
                       sync_result *res);
/* The error for the last non-2xx answer on the link's first connection. */
sync_err sync_link_status_error(struct link *L, sync_result *res);
/* Fill res with an error kind and a detail (printf-like). */
sync_err sync_fail(sync_result *res, sync_err e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Pull the office's online dossiers into the online inbox
 * (docs/sync.md, "Online dossiers"); online_pull.c. */
sync_err sync_online_pull(mc_desk *d, struct link *L, const sync_opts *o,
                          sync_result *res);

#endif
