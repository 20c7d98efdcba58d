#include "vntext.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

bool vn_utf8_valid(const char *s)
{
    return s && u8_check((const uint8_t *)s, strlen(s)) == NULL;
}

static bool is_space(ucs4_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
           c == 0x3000;
}

mc_status vn_nfc(const char *in, const char *field, char **out, mc_error *err)
{
    *out = NULL;
    if (!in)
        in = "";
    size_t n = strlen(in);
    if (u8_check((const uint8_t *)in, n) != NULL)
        return mc_fail(err, MC_EINVAL, field,
                       _("Trường \"%s\" chứa byte không phải UTF-8 hợp lệ"),
                       field);
    /* refuse control characters: they corrupt forms and terminals */
    const uint8_t *p = (const uint8_t *)in;
    ucs4_t c;
    while ((p = u8_next(&c, p)) != NULL) {
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ||
            (c >= 0x80 && c < 0xA0))
            return mc_fail(err, MC_EINVAL, field,
                           _("Trường \"%s\" chứa ký tự điều khiển U+%04X"),
                           field, (unsigned)c);
    }
    size_t len = 0;
    uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)in, n, NULL, &len);
    if (!nfc)
        return mc_fail(err, MC_ENOMEM, field, _("Hết bộ nhớ"));
    /* trim */
    size_t start = 0, end = len;
    while (start < end && (nfc[start] == ' ' || nfc[start] == '\t' ||
                           nfc[start] == '\n'))
        start++;
    while (end > start && (nfc[end - 1] == ' ' || nfc[end - 1] == '\t' ||
                           nfc[end - 1] == '\n'))
        end--;
    char *res = mc_xmalloc(end - start + 1);
    memcpy(res, nfc + start, end - start);
    res[end - start] = '\0';
    free(nfc);
    *out = res;
    return MC_OK;
}

static void push(char **buf, size_t *len, size_t *cap, const uint8_t *s,
                 size_t n)
{
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = mc_xrealloc(*buf, *cap);
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
}

char *vn_fold(const char *in)
{
    if (!in)
        in = "";
    size_t n = strlen(in);
    /* drop invalid bytes first so normalisation sees clean input */
    char *clean = mc_xmalloc(n + 1);
    size_t cl = 0;
    const uint8_t *s = (const uint8_t *)in, *e = s + n;
    while (s < e) {
        ucs4_t c;
        int k = u8_mbtoucr(&c, s, (size_t)(e - s));
        if (k < 0) {
            s++;
            continue;
        }
        memcpy(clean + cl, s, (size_t)k);
        cl += (size_t)k;
        s += k;
    }
    clean[cl] = '\0';
    size_t dlen = 0;
    uint8_t *nfd = u8_normalize(UNINORM_NFD, (const uint8_t *)clean, cl, NULL,
                                &dlen);
    free(clean);
    char *out = NULL;
    size_t len = 0, cap = 0;
    push(&out, &len, &cap, (const uint8_t *)"", 0);
    if (!nfd)
        return out;
    bool pending_space = false;
    const uint8_t *p = nfd, *pe = nfd + dlen;
    while (p < pe) {
        ucs4_t c;
        int k = u8_mbtouc(&c, p, (size_t)(pe - p));
        p += k;
        if (uc_is_general_category(c, UC_CATEGORY_Mn))
            continue;
        if (is_space(c)) {
            pending_space = len > 0;
            continue;
        }
        if (c == 0x0111 || c == 0x0110)
            c = 'd';
        c = uc_tolower(c);
        if (pending_space) {
            push(&out, &len, &cap, (const uint8_t *)" ", 1);
            pending_space = false;
        }
        uint8_t enc[6];
        int w = u8_uctomb(enc, c, sizeof enc);
        if (w > 0)
            push(&out, &len, &cap, enc, (size_t)w);
    }
    free(nfd);
    return out;
}

size_t vn_length(const char *s)
{
    return s ? u8_mbsnlen((const uint8_t *)s, strlen(s)) : 0;
}
