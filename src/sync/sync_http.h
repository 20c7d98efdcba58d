/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sync_http.h - inside the sync worker: what its other steps (upload.c)
 * use of the run's connection to the centre (sync.c), so every request is
 * verified, authenticated and its failures classified the same way. */
#ifndef MOTCUA_SYNC_HTTP_H
#define MOTCUA_SYNC_HTTP_H

#include <stddef.h>

#include "sync.h"

typedef struct link sync_link;

/* One request on the run's first connection.  path is appended to
 * sync.url; headers (NULL-terminated, may be NULL) are added to
 * "Accept: application/json"; a body is sent when body is not NULL (method
 * "POST" or "PUT"), else the method is "GET" (or another without a body).  SYNC_OK when an HTTP answer arrived, whatever its
 * status: *status, and the answer in *answer (NUL-terminated, *answer_len
 * bytes, valid until the next request). */
sync_err sync_http_request(sync_link *L, const char *method, const char *path,
                           const char *const *headers, const void *body,
                           size_t body_len, long *status, const char **answer,
                           size_t *answer_len, sync_result *res);
/* The last answer (not 2xx) as a classified error. */
sync_err sync_http_error(sync_link *L, sync_result *res);
/* res->err and res->message: the error's head and the detail. */
sync_err sync_fail(sync_result *res, sync_err e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The upload step (upload.c): every ready dossier file to the centre. */
sync_err sync_upload_files(mc_desk *d, sync_link *L, const sync_opts *o,
                           sync_result *res);
/* The centre learns of the detached scans, once each (upload_detach.c). */
sync_err sync_upload_detaches(mc_desk *d, sync_link *L, sync_result *res);

#endif
