/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ids.c - Vietnamese identity numbers (DOMAIN.md section 6).
 *
 * Every validator first normalises (drops spaces, and for phones dots,
 * dashes and parentheses), then checks, in order, that the number is not
 * empty, has only digits, has the right length, and then its structure, so
 * a clerk reads the first thing actually wrong.  Messages name the number
 * ("Số CCCD", "Mã số thuế"...) and the reason; `field` carries the form
 * field so the TUI can put the cursor there.
 */
#include "ids.h"

#include <stdio.h>
#include <string.h>

#define NORM_MAX 64 /* longer input is refused before any other check */

/* Copy s without the characters in `skip` into buf; returns the length,
 * or (size_t)-1 when it does not fit. */
static size_t normalise(const char *s, const char *skip, char buf[NORM_MAX])
{
    size_t n = 0;
    for (; s && *s; s++) {
        if (strchr(skip, *s))
            continue;
        if (n + 1 >= NORM_MAX)
            return (size_t)-1;
        buf[n++] = *s;
    }
    buf[n] = '\0';
    return n;
}

/* The first non-digit: its 1-based position (in characters) and the
 * character itself, whole even when it is multi-byte UTF-8. */
static bool first_non_digit(const char *buf, size_t *pos, char ch[8])
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)buf; *p;) {
        size_t len = 1;
        if (*p >= 0xC0 && *p < 0xE0)
            len = 2;
        else if (*p >= 0xE0 && *p < 0xF0)
            len = 3;
        else if (*p >= 0xF0 && *p < 0xF8)
            len = 4;
        chars++;
        if (*p < '0' || *p > '9') {
            size_t k = 0;
            for (; k < len && p[k]; k++)
                ch[k] = (char)p[k];
            ch[k] = '\0';
            /* show control bytes and broken UTF-8 as a code, not raw */
            if ((unsigned char)ch[0] < 0x20 || (unsigned char)ch[0] == 0x7F ||
                ((unsigned char)ch[0] >= 0x80 && (unsigned char)ch[0] < 0xC0))
                snprintf(ch, 8, "\\x%02X", (unsigned char)p[0]);
            *pos = chars;
            return true;
        }
        for (size_t k = 0; k < len && *p; k++)
            p++;
    }
    return false;
}

/* The checks every number shares: present, not absurdly long, digits
 * only.  `what` names the number in messages. */
static mc_status digits_only(const char *s, const char *skip,
                             const char *field, const char *what,
                             char buf[NORM_MAX], size_t *len, mc_error *err)
{
    size_t n = normalise(s, skip, buf);
    if (n == (size_t)-1)
        return mc_fail(err, MC_EINVAL, field,
                       _("%s quá dài (tối đa %d ký tự)"), what, NORM_MAX - 1);
    if (n == 0)
        return mc_fail(err, MC_EINVAL, field, _("Chưa nhập %s"), what);
    size_t pos;
    char ch[8];
    if (first_non_digit(buf, &pos, ch))
        return mc_fail(err, MC_EINVAL, field,
                       _("%s chỉ gồm chữ số (ký tự thứ %zu là \"%s\")"), what,
                       pos, ch);
    *len = n;
    return MC_OK;
}

mc_status id_check_cccd(const char *s, int current_year, const char *field,
                        char out[ID_MAX], mc_error *err)
{
    const char *what = _("Số CCCD");
    char buf[NORM_MAX];
    size_t n;
    mc_status rc = digits_only(s, " ", field, what, buf, &n, err);
    if (rc != MC_OK)
        return rc;
    if (n != 12)
        return mc_fail(err, MC_EINVAL, field,
                       _("Số CCCD phải có 12 chữ số (đang có %zu)"), n);
    char prov[4] = {buf[0], buf[1], buf[2], '\0'};
    if (!id_province_name(prov))
        return mc_fail(err, MC_EINVAL, field,
                       _("Số CCCD: mã tỉnh nơi đăng ký khai sinh \"%s\" (3 "
                         "chữ số đầu) không có trong danh mục"),
                       prov);
    /* 4th digit: century and gender - 0/1 1900s, 2/3 2000s, 4/5 2100s,
     * 6/7 2200s, 8/9 1800s (even male, odd female) */
    int g = buf[3] - '0';
    int century = g >= 8 ? 1800 : 1900 + (g / 2) * 100;
    int year = century + (buf[4] - '0') * 10 + (buf[5] - '0');
    if (century == 1800)
        return mc_fail(err, MC_EINVAL, field,
                       _("Số CCCD: chữ số thứ 4 là %d (sinh thế kỷ 19, năm "
                         "%d) - không thể là người đang làm thủ tục"),
                       g, year);
    if (year > current_year)
        return mc_fail(err, MC_EINVAL, field,
                       _("Số CCCD: năm sinh %d (chữ số thứ 4-6) sau năm hiện "
                         "tại %d"),
                       year, current_year);
    if (out)
        mc_strlcpy(out, buf, ID_MAX);
    return MC_OK;
}

mc_status id_check_cmnd(const char *s, const char *field, char out[ID_MAX],
                        mc_error *err)
{
    char buf[NORM_MAX];
    size_t n;
    mc_status rc = digits_only(s, " ", field, _("Số CMND"), buf, &n, err);
    if (rc != MC_OK)
        return rc;
    if (n != 9)
        return mc_fail(err, MC_EINVAL, field,
                       _("Số CMND phải có 9 chữ số (đang có %zu)"), n);
    if (out)
        mc_strlcpy(out, buf, ID_MAX);
    return MC_OK;
}

mc_status id_check_person(const char *s, int current_year, const char *field,
                          char out[ID_MAX], mc_error *err)
{
    char buf[NORM_MAX];
    size_t n;
    mc_status rc = digits_only(s, " ", field, _("Số CCCD/CMND"), buf, &n, err);
    if (rc != MC_OK)
        return rc;
    if (n == 9)
        return id_check_cmnd(buf, field, out, err);
    if (n == 12)
        return id_check_cccd(buf, current_year, field, out, err);
    return mc_fail(err, MC_EINVAL, field,
                   _("Số CCCD phải có 12 chữ số (CMND cũ: 9 chữ số) (đang có "
                     "%zu)"),
                   n);
}

mc_status id_check_bhxh(const char *s, int current_year, const char *field,
                        char out[ID_MAX], mc_error *err)
{
    char buf[NORM_MAX];
    size_t n;
    mc_status rc = digits_only(s, " ", field, _("Mã số BHXH"), buf, &n, err);
    if (rc != MC_OK)
        return rc;
    if (n == 12) /* the personal identification number stands in for it */
        return id_check_cccd(buf, current_year, field, out, err);
    if (n != 10)
        return mc_fail(err, MC_EINVAL, field,
                       _("Mã số BHXH phải có 10 chữ số, hoặc 12 chữ số nếu "
                         "dùng số CCCD (đang có %zu)"),
                       n);
    if (out)
        mc_strlcpy(out, buf, ID_MAX);
    return MC_OK;
}

/* Mobile prefixes in use (Viettel 032-039 086 096-098; VinaPhone 081-085
 * 088 091 094; MobiFone 070 076-079 089 090 093; Vietnamobile 052 056 058
 * 092; Gmobile 059 099; iTel 087; Reddi 055).  The list moves: keep it in
 * one place. */
static const char *const mobile_prefixes[] = {
    "032", "033", "034", "035", "036", "037", "038", "039", "052", "055",
    "056", "058", "059", "070", "076", "077", "078", "079", "081", "082",
    "083", "084", "085", "086", "087", "088", "089", "090", "091", "092",
    "093", "094", "096", "097", "098", "099",
};

static bool mobile_prefix_ok(const char *p)
{
    for (size_t i = 0; i < sizeof mobile_prefixes / sizeof mobile_prefixes[0];
         i++)
        if (strncmp(p, mobile_prefixes[i], 3) == 0)
            return true;
    return false;
}

mc_status id_check_phone(const char *s, const char *field, char out[ID_MAX],
                         mc_error *err)
{
    const char *what = _("Số điện thoại");
    char raw[NORM_MAX], buf[NORM_MAX];
    size_t n;
    /* a leading "+" is only allowed as "+84" */
    const char *p = s ? s : "";
    while (*p == ' ')
        p++;
    bool plus = *p == '+';
    if (plus)
        p++;
    mc_status rc = digits_only(p, " .-()", field, what, raw, &n, err);
    if (rc != MC_OK)
        return rc;
    bool country = false;
    if (plus || strncmp(raw, "0084", 4) == 0) {
        const char *cc = plus ? raw : raw + 2;
        if (strncmp(cc, "84", 2) != 0)
            return mc_fail(err, MC_EINVAL, field,
                           _("Số điện thoại: chỉ nhận số Việt Nam (mã quốc gia "
                             "+84)"));
        snprintf(buf, sizeof buf, "0%s", cc + 2);
        country = true;
    } else if (strncmp(raw, "84", 2) == 0 && (n == 11 || n == 12)) {
        snprintf(buf, sizeof buf, "0%s", raw + 2);
        country = true;
    } else {
        mc_strlcpy(buf, raw, sizeof buf);
    }
    n = strlen(buf);
    if (country && buf[1] == '0')
        return mc_fail(err, MC_EINVAL, field,
                       _("Số điện thoại: sau +84 không viết số 0"));
    if (buf[0] != '0')
        return mc_fail(err, MC_EINVAL, field,
                       _("Số điện thoại phải bắt đầu bằng 0 hoặc +84"));
    if (buf[1] == '2') {
        if (n != 11)
            return mc_fail(err, MC_EINVAL, field,
                           _("Số điện thoại cố định (02x) phải có 11 chữ số "
                             "(đang có %zu)"),
                           n);
    } else {
        if (n != 10)
            return mc_fail(err, MC_EINVAL, field,
                           _("Số điện thoại di động phải có 10 chữ số (đang "
                             "có %zu)"),
                           n);
        if (!mobile_prefix_ok(buf))
            return mc_fail(err, MC_EINVAL, field,
                           _("Số điện thoại: đầu số %.3s không phải đầu số di "
                             "động đang dùng"),
                           buf);
    }
    if (out)
        mc_strlcpy(out, buf, ID_MAX);
    return MC_OK;
}

int id_taxcode_check_digit(const char first9[9])
{
    static const int w[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
    int sum = 0;
    for (int i = 0; i < 9; i++)
        sum += w[i] * (first9[i] - '0');
    /* check = 10 - (sum mod 11): remainder 10 gives 0; remainder 0 would
     * need "10", so no 10-digit code starts with those nine digits */
    int check = 10 - sum % 11;
    return check == 10 ? -1 : check;
}

mc_status id_check_taxcode(const char *s, const char *field, char out[ID_MAX],
                           mc_error *err)
{
    const char *what = _("Mã số thuế");
    char buf[NORM_MAX];
    size_t n = normalise(s, " .", buf);
    if (n == (size_t)-1)
        return mc_fail(err, MC_EINVAL, field,
                       _("%s quá dài (tối đa %d ký tự)"), what, NORM_MAX - 1);
    if (n == 0)
        return mc_fail(err, MC_EINVAL, field, _("Chưa nhập %s"), what);
    /* the branch form: ten digits, a dash, three digits */
    char digits[NORM_MAX];
    size_t nd = 0, dash_at = 0, dashes = 0;
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '-') {
            dashes++;
            dash_at = i;
            continue;
        }
        digits[nd++] = buf[i];
    }
    digits[nd] = '\0';
    size_t pos;
    char ch[8];
    if (first_non_digit(digits, &pos, ch))
        return mc_fail(err, MC_EINVAL, field,
                       _("Mã số thuế chỉ gồm chữ số và dấu gạch ngang của mã "
                         "chi nhánh (có \"%s\")"),
                       ch);
    if (dashes > 1 || (dashes == 1 && dash_at != 10))
        return mc_fail(err, MC_EINVAL, field,
                       _("Mã số thuế chi nhánh viết dạng NNNNNNNNNN-NNN "
                         "(dấu gạch sau 10 chữ số đầu)"));
    if (nd != 10 && nd != 13)
        return mc_fail(err, MC_EINVAL, field,
                       _("Mã số thuế phải có 10 chữ số, hoặc 13 chữ số với mã "
                         "chi nhánh (đang có %zu)"),
                       nd);
    if (memcmp(digits + 2, "0000000", 7) == 0)
        return mc_fail(err, MC_EINVAL, field,
                       _("Mã số thuế: 7 chữ số thứ tự (chữ số 3-9) không thể "
                         "đều là 0"));
    int check = id_taxcode_check_digit(digits);
    if (check < 0)
        return mc_fail(err, MC_EINVAL, field,
                       _("Mã số thuế: 9 chữ số đầu %.9s không có chữ số kiểm "
                         "tra hợp lệ"),
                       digits);
    if (digits[9] - '0' != check)
        return mc_fail(err, MC_EINVAL, field,
                       _("Mã số thuế: chữ số kiểm tra (thứ 10) phải là %d, "
                         "không phải %c"),
                       check, digits[9]);
    if (nd == 13 && memcmp(digits + 10, "000", 3) == 0)
        return mc_fail(err, MC_EINVAL, field,
                       _("Mã số thuế: mã chi nhánh (3 chữ số cuối) không thể "
                         "là 000"));
    if (out) {
        if (nd == 13)
            snprintf(out, ID_MAX, "%.10s-%.3s", digits, digits + 10);
        else
            mc_strlcpy(out, digits, ID_MAX);
    }
    return MC_OK;
}
