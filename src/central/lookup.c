/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lookup.c - what the public and the offices may read: the dossier lookup
 * (JSON and the HTML page the receipt's QR opens - agency, department,
 * received date, due date and status in the wording of Decision 352 Art.
 * 12, never a name or an identity number), an office's summary, /healthz.
 */
#include "central.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier_code.h"
#include "event.h"
#include "mc_error.h"
#include "protocol.h"
#include "status.h"

/* The lookup object for a dossier code or a portal reference (an online
 * dossier: the linked dossier once accepted, else its office and state),
 * or NULL with the response already set. */
static json_t *lookup(const char *code, central_resp *r, bool html)
{
    dcode_parts parts;
    bool is_code = dcode_parse(code, &parts);
    if (!is_code && !wire_portal_ref_valid(code, NULL, 0)) {
        if (!html)
            central_error(r, 400, "bad_request", "code",
                          "\"%s\" is not a dossier code or a portal "
                          "reference", code);
        r->status = 400;
        return NULL;
    }
    char why[512];
    PGconn *c = central_db_or_503(r, why, sizeof why);
    if (!c)
        return NULL;
    json_t *out = NULL;
    if (is_code) {
        const char *p[1] = {code};
        PGresult *res = central_exec_or_500(c, CS_DOSSIER_LOOKUP, 1, p, r);
        if (!res)
            return NULL;
        if (PQntuples(res) == 1) {
#define COL(i) (PQgetisnull(res, 0, i) ? NULL : PQgetvalue(res, 0, i))
            out = wire_lookup_new(COL(0), COL(1), COL(2), COL(3), COL(4),
                                  COL(5));
#undef COL
        }
        PQclear(res);
    }
    if (!out && wire_portal_ref_valid(code, NULL, 0)) {
        out = central_online_lookup(c, code, r);
        if (!out && r->body)
            return NULL;
    }
    if (!out) {
        if (!html)
            central_error(r, 404, "not_found", "code",
                          "no dossier %s at the centre", code);
        r->status = 404;
    }
    return out;
}

void central_lookup_json(const central_req *q, const char *code,
                         central_resp *r)
{
    json_t *o = lookup(code, r, false);
    if (o)
        central_json(r, 200, o);
}

/* Append text with HTML escaping. */
static void esc(char **buf, size_t *len, size_t *cap, const char *s)
{
    for (; s && *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '&': rep = "&amp;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        }
        size_t n = rep ? strlen(rep) : 1;
        if (*len + n + 1 > *cap) {
            *cap = (*cap + n + 1) * 2;
            *buf = mc_xrealloc(*buf, *cap);
        }
        memcpy(*buf + *len, rep ? rep : s, n);
        *len += n;
        (*buf)[*len] = '\0';
    }
}

static void raw(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        *cap = (*cap + n + 1) * 2;
        *buf = mc_xrealloc(*buf, *cap);
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

/* "2026-02-13T10:00:00+07:00" -> "13/02/2026 10:00"; "2026-02-20" ->
 * "20/02/2026" */
static void vn_date(const char *iso, char out[32])
{
    out[0] = '\0';
    if (!iso || strlen(iso) < 10)
        return;
    snprintf(out, 32, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    if (strlen(iso) >= 16 && iso[10] == 'T')
        snprintf(out + 10, 22, " %.5s", iso + 11);
}

void central_lookup_html(const central_req *q, const char *code,
                         central_resp *r)
{
    json_t *o = lookup(code, r, true);
    if (!o && r->body) /* a server-side error: keep the JSON answer */
        return;
    size_t len = 0, cap = 2048;
    char *b = mc_xmalloc(cap);
    b[0] = '\0';
    raw(&b, &len, &cap,
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width\">"
        "<title>Tra cứu hồ sơ ");
    esc(&b, &len, &cap, code);
    raw(&b, &len, &cap, "</title></head><body>\n<h1>Tra cứu hồ sơ</h1>\n");
    if (!o) {
        raw(&b, &len, &cap, "<p>Không tìm thấy hồ sơ có mã <strong>");
        esc(&b, &len, &cap, code);
        raw(&b, &len, &cap,
            "</strong>. Xin kiểm tra lại mã trên giấy tiếp nhận.</p>\n");
    } else {
        char d1[32], d2[32];
        vn_date(json_string_value(json_object_get(o, "received_at")), d1);
        vn_date(json_string_value(json_object_get(o, "due_date")), d2);
        const char *rows[][2] = {
            {"Mã hồ sơ", json_string_value(json_object_get(o, "code"))},
            {"Mã hồ sơ trực tuyến (Cổng DVC)",
             json_string_value(json_object_get(o, "portal_ref"))},
            {"Cơ quan tiếp nhận",
             json_string_value(json_object_get(o, "agency"))},
            {"Bộ phận giải quyết",
             json_string_value(json_object_get(o, "department"))},
            {"Ngày tiếp nhận", d1},
            {"Ngày hẹn trả kết quả", d2},
            {"Trạng thái", json_string_value(json_object_get(o, "status_label"))},
        };
        raw(&b, &len, &cap, "<table>\n");
        for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
            if (i == 1 && !rows[i][1])
                continue; /* not an online dossier */
            raw(&b, &len, &cap, "<tr><th>");
            esc(&b, &len, &cap, rows[i][0]);
            raw(&b, &len, &cap, "</th><td>");
            esc(&b, &len, &cap, rows[i][1] && *rows[i][1] ? rows[i][1] : "—");
            raw(&b, &len, &cap, "</td></tr>\n");
        }
        raw(&b, &len, &cap, "</table>\n");
        json_decref(o);
    }
    raw(&b, &len, &cap, "</body></html>\n");
    unsigned st = r->status ? r->status : 200;
    free(r->body);
    r->body = b;
    r->status = st;
    r->content_type = "text/html; charset=utf-8";
}

void central_summary(const central_req *q, const char *office,
                     central_resp *r)
{
    char why[512];
    PGconn *c = central_db_or_503(r, why, sizeof why);
    if (!c)
        return;
    const char *p[1] = {office};
    PGresult *a = central_exec(c, CS_SUMMARY, 1, p);
    PGresult *b = central_exec(c, CS_SUMMARY_BY_STATUS, 1, p);
    if (!central_ok(a) || !central_ok(b) || PQntuples(a) != 1) {
        central_error(r, 500, "database_error", NULL, "%s",
                      PQerrorMessage(c));
    } else {
        json_t *by = json_object();
        for (int i = 0; i < PQntuples(b); i++)
            json_object_set_new(
                by, PQgetvalue(b, i, 0),
                json_integer(strtoll(PQgetvalue(b, i, 1), NULL, 10)));
        central_json(
            r, 200,
            json_pack("{s:s, s:I, s:I, s:I, s:I, s:o}", "office", office,
                      "dossiers",
                      (json_int_t)strtoll(PQgetvalue(a, 0, 0), NULL, 10),
                      "events",
                      (json_int_t)strtoll(PQgetvalue(a, 0, 1), NULL, 10),
                      "rejected",
                      (json_int_t)strtoll(PQgetvalue(a, 0, 2), NULL, 10),
                      "last_seq",
                      (json_int_t)strtoll(PQgetvalue(a, 0, 3), NULL, 10),
                      "by_status", by));
    }
    PQclear(a);
    PQclear(b);
}

/* GET /v1/offices/OFFICE/state: what a desk restored from a backup needs
 * to catch up - the centre's last_seq for the office and, for each of the
 * last 60 days with dossiers, the highest dossier number it holds. */
void central_state(const central_req *q, const char *office, central_resp *r)
{
    (void)q;
    char why[512];
    PGconn *c = central_db_or_503(r, why, sizeof why);
    if (!c)
        return;
    const char *p[1] = {office};
    PGresult *a = central_exec(c, CS_STATE_LAST_SEQ, 1, p);
    PGresult *b = central_exec(c, CS_STATE_CODES, 1, p);
    if (!central_ok(a) || !central_ok(b) || PQntuples(a) != 1) {
        central_error(r, 500, "database_error", NULL, "%s",
                      PQerrorMessage(c));
    } else {
        json_t *codes = json_array();
        for (int i = 0; i < PQntuples(b); i++)
            json_array_append_new(
                codes, json_pack("{s:s, s:I}", "day", PQgetvalue(b, i, 0),
                                 "max_seq",
                                 (json_int_t)strtoll(PQgetvalue(b, i, 1),
                                                     NULL, 10)));
        central_json(r, 200,
                     json_pack("{s:i, s:s, s:I, s:o}", "v", 1, "office",
                               office, "last_seq",
                               (json_int_t)strtoll(PQgetvalue(a, 0, 0), NULL,
                                                   10),
                               "codes", codes));
    }
    PQclear(a);
    PQclear(b);
}

void central_healthz(const central_req *q, central_resp *r)
{
    char why[512];
    PGconn *c = central_db_or_503(r, why, sizeof why);
    if (!c)
        return;
    PGresult *res = central_exec(c, CS_PING, 0, NULL);
    bool ok = central_ok(res);
    PQclear(res);
    if (!ok) {
        central_error(r, 503, "database_unavailable", NULL, "%s",
                      PQerrorMessage(c));
        return;
    }
    central_json(r, 200, json_pack("{s:s, s:s}", "status", "ok", "database",
                                   "ok"));
}
