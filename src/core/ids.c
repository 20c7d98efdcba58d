/* ids.c - first cut: digit-count checks.  The full rules (province list,
 * century digit, prefixes, tax-code check digit) arrive with the
 * Vietnamese-rules work behind the same interface. */
#include "ids.h"

#include <ctype.h>
#include <string.h>

static size_t strip(const char *s, char *buf, size_t size)
{
    size_t n = 0;
    for (; s && *s && n + 1 < size; s++)
        if (*s != ' ')
            buf[n++] = *s;
    buf[n] = '\0';
    return n;
}

static mc_status digits_exact(const char *s, size_t want, const char *field,
                              const char *what, char out[ID_MAX],
                              mc_error *err)
{
    char buf[64];
    size_t n = strip(s, buf, sizeof buf);
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)buf[i]))
            return mc_fail(err, MC_EINVAL, field,
                           _("%s chỉ gồm chữ số (ký tự thứ %zu là '%c')"),
                           what, i + 1, buf[i]);
    if (n != want)
        return mc_fail(err, MC_EINVAL, field,
                       _("%s phải có %zu chữ số (đang có %zu)"), what, want, n);
    if (out)
        mc_strlcpy(out, buf, ID_MAX);
    return MC_OK;
}

mc_status id_check_cccd(const char *s, int current_year, const char *field,
                        char out[ID_MAX], mc_error *err)
{
    (void)current_year;
    return digits_exact(s, 12, field, _("Số định danh cá nhân (CCCD)"), out,
                        err);
}

mc_status id_check_cmnd(const char *s, const char *field, char out[ID_MAX],
                        mc_error *err)
{
    return digits_exact(s, 9, field, _("Số CMND"), out, err);
}

mc_status id_check_person(const char *s, int current_year, const char *field,
                          char out[ID_MAX], mc_error *err)
{
    char buf[64];
    size_t n = strip(s, buf, sizeof buf);
    if (n == 9)
        return id_check_cmnd(buf, field, out, err);
    return id_check_cccd(buf, current_year, field, out, err);
}

mc_status id_check_bhxh(const char *s, int current_year, const char *field,
                        char out[ID_MAX], mc_error *err)
{
    char buf[64];
    size_t n = strip(s, buf, sizeof buf);
    if (n == 12)
        return id_check_cccd(buf, current_year, field, out, err);
    return digits_exact(buf, 10, field, _("Mã số BHXH"), out, err);
}

mc_status id_check_phone(const char *s, const char *field, char out[ID_MAX],
                         mc_error *err)
{
    char buf[64];
    size_t n = 0;
    const char *p = s ? s : "";
    if (strncmp(p, "+84", 3) == 0) {
        buf[n++] = '0';
        p += 3;
    }
    for (; *p && n + 1 < sizeof buf; p++) {
        if (*p == ' ' || *p == '.' || *p == '-')
            continue;
        buf[n++] = *p;
    }
    buf[n] = '\0';
    if (n != 10 && n != 11)
        return mc_fail(err, MC_EINVAL, field,
                       _("Số điện thoại phải có 10 chữ số (di động) hoặc 11 "
                         "chữ số (cố định) (đang có %zu)"),
                       n);
    return digits_exact(buf, n, field, _("Số điện thoại"), out, err);
}

mc_status id_check_taxcode(const char *s, const char *field, char out[ID_MAX],
                           mc_error *err)
{
    return digits_exact(s, 10, field, _("Mã số thuế"), out, err);
}

const char *id_province_name(const char *code3)
{
    (void)code3;
    return NULL;
}
