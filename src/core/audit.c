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
    const char *f[] = {at, actor, action, object, detail, prev_hash};
    char idbuf[32];
    snprintf(idbuf, sizeof idbuf, "%" PRId64, id);
    size_t total = 32 + strlen(idbuf) + 24;
    for (size_t i = 0; i < 6; i++)
        total += (f[i] ? strlen(f[i]) : 0) + 24;
    char *out = mc_xmalloc(total);
    int n = snprintf(out, total, "motcua-audit/1\n%zu:%s\n", strlen(idbuf),
                     idbuf);
    size_t used = (size_t)n;
    for (size_t i = 0; i < 6; i++) {
        const char *v = f[i] ? f[i] : "";
        n = snprintf(out + used, total - used, "%zu:%s\n", strlen(v), v);
        used += (size_t)n;
    }
    return out;
}
