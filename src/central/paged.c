/* SPDX-License-Identifier: GPL-3.0-or-later */
/* paged.c - the office feeds a desk pulls page by page (the back office's
 * changes, the online dossiers): GET ...?after=N&limit=M answers the rows
 * of one statement (office, after, limit + 1) after the cursor, oldest
 * first, with the cursor to send next and whether more remain. */
#include "central.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "protocol.h"

/* Digits only (no sign, no blanks), and no overflow: "99999999999999999999"
 * is refused rather than clamped to the largest cursor. */
static bool parse_nonneg(const char *s, long long *out)
{
    if (!s || *s < '0' || *s > '9')
        return false;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || errno == ERANGE || v < 0)
        return false;
    *out = v;
    return true;
}

void central_paged(const central_req *q, const char *office,
                   const central_page *pg, central_resp *r)
{
    long long after = 0, limit = pg->default_limit;
    const char *a = central_arg(q, "after");
    if (a && !parse_nonneg(a, &after)) {
        central_error(r, 400, "bad_request", "after",
                      "after: \"%.*s\" is not a non-negative integer",
                      pg->after_quote_max, a);
        return;
    }
    const char *l = central_arg(q, "limit");
    if (l && (!parse_nonneg(l, &limit) || limit < 1 ||
              limit > pg->max_limit)) {
        central_error(r, 400, "bad_request", "limit", "limit: must be 1..%d",
                      pg->max_limit);
        return;
    }
    char why[512];
    PGconn *c = central_db_or_503(r, why, sizeof why);
    if (!c)
        return;
    char after_s[32], lim_s[32];
    snprintf(after_s, sizeof after_s, "%lld", after);
    snprintf(lim_s, sizeof lim_s, "%lld", limit + 1);
    const char *p[3] = {office, after_s, lim_s};
    PGresult *res = central_exec_or_500(c, pg->stmt, 3, p, r);
    if (!res)
        return;
    int n = PQntuples(res);
    bool more = n > limit;
    if (more)
        n = (int)limit;
    json_t *items = json_array();
    long long next = after;
    for (int row = 0; row < n; row++) {
        next = strtoll(PQgetvalue(res, row, 0), NULL, 10);
        json_array_append_new(items, pg->item(res, row, next));
    }
    PQclear(res);
    central_json(r, 200,
                 json_pack("{s:i, s:o, s:I, s:b}", "v", WIRE_PROTOCOL_VERSION,
                           pg->key, items, "next_after", (json_int_t)next,
                           "more", more));
}
