/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "mc_error.h"

char *audit_canonical(int64_t id, const char *at, const char *actor,
                      const char *action, const char *object,
                      const char *detail, const char *prev_hash)
{
    /* "motcua-audit/1\n" then "LEN:VALUE\n" for the id and each field
     * (LEN in bytes, decimal): the bytes the hash chain covers */
    static const char head[] = "motcua-audit/1\n";
    char idbuf[21];
    size_t idlen = mc_i64_text(id, idbuf);
    const char *f[] = {idbuf, at, actor, action, object, detail, prev_hash};
    size_t len[7];
    size_t total = sizeof head;
    for (size_t i = 0; i < 7; i++) {
        len[i] = i == 0 ? idlen : f[i] ? strlen(f[i]) : 0;
        total += len[i] + 22;
    }
    char *out = mc_xmalloc(total);
    memcpy(out, head, sizeof head - 1);
    size_t used = sizeof head - 1;
    for (size_t i = 0; i < 7; i++) {
        used += mc_u64_text(len[i], out + used);
        out[used++] = ':';
        if (len[i])
            memcpy(out + used, f[i], len[i]);
        used += len[i];
        out[used++] = '\n';
    }
    out[used] = '\0';
    return out;
}
