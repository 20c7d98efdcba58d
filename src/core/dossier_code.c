/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dossier_code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

mc_status dcode_check_agency(const char *agency, mc_error *err)
{
    size_t n = agency ? strlen(agency) : 0;
    if (n == 0)
        return mc_fail(err, MC_EINVAL, "agency_id",
                       _("Mã định danh cơ quan không được để trống"));
    if (n > DCODE_AGENCY_MAX)
        return mc_fail(err, MC_EINVAL, "agency_id",
                       _("Mã định danh cơ quan dài tối đa %d ký tự (đang có "
                         "%zu)"),
                       DCODE_AGENCY_MAX, n);
    for (size_t i = 0; i < n; i++) {
        char c = agency[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '.'))
            return mc_fail(err, MC_EINVAL, "agency_id",
                           _("Mã định danh cơ quan chỉ gồm chữ số, chữ in hoa "
                             "A-Z và dấu chấm (ký tự thứ %zu là '%c')"),
                           i + 1, c);
    }
    return MC_OK;
}

void dcode_day_key(mc_date day, char buf[static 7])
{
    snprintf(buf, 7, "%02u%02u%02u", (unsigned)day.y % 100u,
             (unsigned)day.m % 100u, (unsigned)day.d % 100u);
}

mc_status dcode_format(const char *agency, mc_date day, unsigned long seq,
                       char buf[static DCODE_MAX], mc_error *err)
{
    mc_status rc = dcode_check_agency(agency, err);
    if (rc)
        return rc;
    if (seq == 0)
        return mc_fail(err, MC_EINVAL, "sequence",
                       _("Số thứ tự hồ sơ phải bắt đầu từ 1"));
    char key[7];
    dcode_day_key(day, key);
    snprintf(buf, DCODE_MAX, "%s-%s-%04lu", agency, key, seq);
    return MC_OK;
}

static bool all_digits(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool dcode_parse(const char *code, dcode_parts *out)
{
    if (!code)
        return false;
    size_t n = strlen(code);
    if (n >= DCODE_MAX)
        return false;
    const char *d2 = strrchr(code, '-');
    if (!d2 || d2 == code)
        return false;
    const char *d1 = d2 - 1;
    while (d1 > code && *d1 != '-')
        d1--;
    if (*d1 != '-' || d1 == code)
        return false;
    size_t alen = (size_t)(d1 - code);
    if (alen > DCODE_AGENCY_MAX)
        return false;
    char agency[DCODE_AGENCY_MAX + 1];
    memcpy(agency, code, alen);
    agency[alen] = '\0';
    if (dcode_check_agency(agency, NULL) != MC_OK)
        return false;
    const char *day = d1 + 1;
    if (d2 - day != 6 || !all_digits(day, 6))
        return false;
    const char *seq = d2 + 1;
    size_t slen = strlen(seq);
    if (slen < 4 || slen > 12 || !all_digits(seq, slen))
        return false;
    int yy = (day[0] - '0') * 10 + (day[1] - '0');
    int mm = (day[2] - '0') * 10 + (day[3] - '0');
    int dd = (day[4] - '0') * 10 + (day[5] - '0');
    if (!mc_date_valid((mc_date){2000 + yy, mm, dd}))
        return false;
    unsigned long sv = strtoul(seq, NULL, 10);
    if (sv == 0)
        return false;
    /* the padding is exactly to four digits: 00361 is not a valid form */
    if (slen > 4 && seq[0] == '0')
        return false;
    if (out) {
        memcpy(out->agency, agency, alen + 1);
        out->yy = yy;
        out->mm = mm;
        out->dd = dd;
        out->seq = sv;
    }
    return true;
}

bool dcode_from_scan(const char *text, char out[static DCODE_MAX])
{
    if (!text)
        return false;
    /* trim surrounding white space (scanners may add CR/LF) */
    while (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n')
        text++;
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t' ||
                     text[n - 1] == '\r' || text[n - 1] == '\n'))
        n--;
    if (n == 0 || n >= 2048)
        return false;
    char buf[2048];
    memcpy(buf, text, n);
    buf[n] = '\0';
    const char *cand = buf;
    char *q = strstr(buf, "code=");
    if (q) {
        cand = q + 5;
        char *amp = strchr(cand, '&');
        if (amp)
            *amp = '\0';
    } else {
        char *hash = strchr(buf, '#');
        if (hash)
            *hash = '\0';
        char *qm = strchr(buf, '?');
        if (qm)
            *qm = '\0';
        size_t len = strlen(buf);
        while (len > 0 && buf[len - 1] == '/')
            buf[--len] = '\0';
        char *slash = strrchr(buf, '/');
        if (slash)
            cand = slash + 1;
    }
    if (!dcode_parse(cand, NULL))
        return false;
    mc_strlcpy(out, cand, DCODE_MAX);
    return true;
}
