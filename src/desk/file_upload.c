/* SPDX-License-Identifier: GPL-3.0-or-later */
/* file_upload.c - the desk's side of moving dossier files to the centre
 * (desk_upload.h). */
#include "desk_upload.h"

#include <stdlib.h>
#include <string.h>

#include "desk_internal.h"

mc_status desk_upload_next(mc_desk *d, int64_t after, desk_upload_file *out,
                           bool *found, mc_error *err)
{
    return store_upload_next(d->store, after, out, found, err);
}

mc_status desk_upload_sent(mc_desk *d, int64_t file_id, int64_t sent,
                           mc_error *err)
{
    return store_upload_sent(d->store, file_id, sent, err);
}

mc_status desk_upload_done(mc_desk *d, int64_t file_id, int64_t size,
                           mc_error *err)
{
    return store_upload_done(d->store, file_id, size, desk_now(d), err);
}

mc_status desk_upload_failed(mc_desk *d, int64_t file_id, const char *why,
                             mc_error *err)
{
    return store_upload_failed(d->store, file_id, why, err);
}

mc_status desk_upload_set_aside(mc_desk *d, int64_t file_id,
                                const char *reason, mc_error *err)
{
    mc_status rc = store_begin(d->store, err);
    if (rc)
        return rc;
    bool borrowed = !d->user.login;
    if (borrowed) { /* the worker acts as "sync" in the audit */
        d->user.login = mc_xstrdup("sync");
        d->user.name = mc_xstrdup("sync");
    }
    rc = store_upload_set_aside(d->store, file_id, reason, err);
    if (!rc)
        rc = desk_audit(d, desk_now(d), "sync.file_aside", d->office_code,
                        json_pack("{s:I, s:s}", "file_id",
                                  (json_int_t)file_id, "reason", reason),
                        err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    if (borrowed) {
        free(d->user.login);
        free(d->user.name);
        d->user.login = d->user.name = NULL;
    }
    return rc;
}

mc_status desk_upload_waiting_get(mc_desk *d, desk_upload_waiting *out,
                                  mc_error *err)
{
    memset(out, 0, sizeof *out);
    return store_upload_waiting(d->store, &out->files, &out->bytes,
                                &out->held, err);
}

mc_status desk_upload_aside_each(mc_desk *d, desk_upload_fn fn, void *ud,
                                 mc_error *err)
{
    return store_upload_aside_each(d->store, fn, ud, err);
}

mc_status desk_upload_failing_each(mc_desk *d, desk_upload_fn fn, void *ud,
                                   mc_error *err)
{
    return store_upload_failing_each(d->store, fn, ud, err);
}
