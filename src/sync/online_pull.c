/* SPDX-License-Identifier: GPL-3.0-or-later */
/* online_pull.c - the online inbox's pull (docs/sync.md, "Online
 * dossiers"; Contract C of issue 12).
 *
 * GET /v1/offices/OFFICE/online?after=REV answers {"items":[...],
 * "more":bool}, items in rev order; an item comes again with a higher rev
 * whenever its state changes.  Each item is applied in one SQLite
 * transaction with the cursor (desk_online_apply), like the changes feed:
 * pulling twice changes nothing, a crash between two items resumes after
 * the last one applied.  A malformed item is logged and skipped (the
 * cursor moves past it) so it never blocks the ones behind it.  A centre
 * that does not know the endpoint (404: no online dossiers there) is not a
 * failure of the run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_online.h"
#include "log.h"
#include "sync_internal.h"

sync_err sync_online_pull(mc_desk *d, struct link *L, const sync_opts *o,
                          sync_result *res)
{
    mc_error err = {0};
    int64_t cursor = 0;
    if (desk_online_cursor(d, &cursor, &err))
        return sync_fail(res, SYNC_E_DB, "%s", err.msg);
    sync_err rc = SYNC_OK;
    for (int round = 0; round < 1000 && !rc; round++) {
        char path[256];
        snprintf(path, sizeof path, "/v1/offices/%s/online?after=%lld",
                 desk_office_code(d), (long long)cursor);
        long status = 0;
        const char *body = NULL;
        size_t len = 0;
        if ((rc = sync_link_get(L, o, path, &status, &body, &len, res)))
            break;
        if (status == 404 && round == 0)
            return SYNC_OK; /* a centre without online dossiers */
        if (status != 200)
            return sync_link_status_error(L, res);
        json_error_t je;
        json_t *root = json_loadb(body, len, 0, &je);
        json_t *items = json_object_get(root, "items");
        json_t *more = json_object_get(root, "more");
        if (!json_is_array(items) || (more && !json_is_boolean(more))) {
            json_decref(root);
            return sync_fail(res, SYNC_E_PROTOCOL,
                             "online: expected {\"items\":[...], "
                             "\"more\":bool}");
        }
        size_t i;
        json_t *it;
        json_array_foreach(items, i, it)
        {
            json_t *rv = json_object_get(it, "rev");
            if (!json_is_integer(rv) ||
                (int64_t)json_integer_value(rv) <= cursor)
                continue; /* already applied (or no rev at all) */
            desk_online_outcome out;
            char why[256];
            if (desk_online_apply(d, it, &out, why, &err)) {
                rc = sync_fail(res, SYNC_E_DB, "%s", err.msg);
                break;
            }
            cursor = (int64_t)json_integer_value(rv);
            if (out == DESK_ONLINE_NEW)
                res->online_new++;
            else if (out == DESK_ONLINE_CHANGED)
                res->online_changed++;
            else if (out == DESK_ONLINE_BAD)
                mc_log(MC_LOG_WARNING, "online dossier skipped: %s", why);
        }
        bool again = json_is_true(more) && json_array_size(items) > 0;
        json_decref(root);
        if (!again)
            break;
    }
    return rc;
}
