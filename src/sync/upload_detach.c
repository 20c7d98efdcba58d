/* SPDX-License-Identifier: GPL-3.0-or-later */
/* upload_detach.c - the centre learns of the scans a desk detached
 * (motcua dossier detach; docs/sync.md "Files"): once each, after its
 * dossier's intake was acknowledged (before that the centre cannot know
 * the file), before the uploads of the run (so a file detached and then
 * attached again ends up attached at the centre too):
 *
 *   POST /v1/offices/OFFICE/files/SHA256/detach
 *   {"v":1, "dossier", "role":"scan", "paper", "reason", "by"}
 *
 * The call is idempotent: the centre marks its row once and answers the
 * same again (a lost answer makes the next run ask again).  A file the
 * centre never had (detached before it was sent) is answered too, with
 * "known": false. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk_upload.h"
#include "protocol.h"
#include "sync_http.h"

static sync_err tell_one(mc_desk *d, sync_link *L, const desk_detach_notice *n,
                         sync_result *res)
{
    json_t *body = json_pack("{s:i, s:s, s:s, s:i, s:s, s:s}", "v", 1,
                             "dossier", n->dossier, "role", n->role, "paper",
                             n->paper, "reason", n->reason, "by", n->by);
    if (!body)
        return sync_fail(res, SYNC_E_PROTOCOL,
                         "the detach of file %lld is not valid UTF-8 text",
                         (long long)n->file_id);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    char path[256];
    snprintf(path, sizeof path, "/v1/offices/%s/files/%s/detach",
             desk_office_code(d), n->sha256);
    static const char *const hdr[] = {"Content-Type: application/json", NULL};
    long status = 0;
    const char *ans;
    size_t alen;
    sync_err rc = sync_http_request(L, "POST", path, hdr, text, strlen(text),
                                    &status, &ans, &alen, res);
    free(text);
    if (rc)
        return rc;
    if (status != 200)
        return sync_http_error(L, res);
    mc_error err = {0};
    if (desk_upload_detach_told(d, n->file_id, &err))
        return sync_fail(res, SYNC_E_DB, "%s", err.msg);
    return SYNC_OK;
}

sync_err sync_upload_detaches(mc_desk *d, sync_link *L, sync_result *res)
{
    int64_t after = 0;
    for (;;) {
        desk_detach_notice n;
        bool found = false;
        mc_error err = {0};
        if (desk_upload_detach_next(d, after, &n, &found, &err))
            return sync_fail(res, SYNC_E_DB, "%s", err.msg);
        if (!found)
            return SYNC_OK;
        after = n.file_id;
        sync_err rc = tell_one(d, L, &n, res);
        if (rc) /* the next run asks again */
            return rc;
    }
}
