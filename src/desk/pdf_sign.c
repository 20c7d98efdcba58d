/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf_sign.c - an invisible digital signature on a result PDF
 * (desk_returns.h: desk_pdf_sign).
 *
 * The original bytes are kept as they are and an incremental update is
 * appended (ISO 32000-1 7.5.6): a signature dictionary (/Type /Sig,
 * /SubFilter /adbe.pkcs7.detached, /ByteRange, /Contents), a signature
 * field that is also its widget (invisible: /Rect [0 0 0 0]), the catalog
 * again with an /AcroForm naming that field, a cross-reference section for
 * those three objects and a trailer whose /Prev is the old one.  The
 * /Contents hex string is reserved first; the CMS SignedData (GnuTLS
 * gnutls_pkcs7_sign, SHA-256, the signing time and the certificate
 * included, the data detached) covers every byte of the file but that
 * string, then fills it.
 *
 * The parser is deliberately small: it finds the last trailer (a classic
 * one or the dictionary of a cross-reference stream), the catalog as the
 * last "N G obj" in the file, and refuses what it cannot update safely
 * (an encrypted file, a catalog kept in an object stream, a file that
 * already has a form). */
#define _GNU_SOURCE /* memmem */
#include "desk_returns.h"

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIG_HEX_LEN 32768 /* /Contents: 16 KiB of DER at most */

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const void *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = mc_xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

__attribute__((format(printf, 2, 3))) static void sb_fmt(sbuf *b,
                                                          const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (k < 0)
        mc_oom();
    if ((size_t)k < sizeof small) {
        sb_add(b, small, (size_t)k);
        return;
    }
    char *big = mc_xmalloc((size_t)k + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)k + 1, fmt, ap);
    va_end(ap);
    sb_add(b, big, (size_t)k);
    free(big);
}

static const char *memrmem(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (k > n)
        return NULL;
    for (size_t i = n - k + 1; i-- > 0;)
        if (memcmp(hay + i, needle, k) == 0)
            return hay + i;
    return NULL;
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
           c == '\0';
}

/* The extent of the dictionary that starts at s ("<<"), nested
 * dictionaries and strings included; NULL when it does not end. */
static const char *dict_end(const char *s, const char *end)
{
    int depth = 0;
    for (const char *p = s; p + 1 < end; p++) {
        if (*p == '(') { /* a literal string: skip it, escapes and nesting */
            int par = 1;
            for (p++; p < end && par; p++) {
                if (*p == '\\')
                    p++;
                else if (*p == '(')
                    par++;
                else if (*p == ')')
                    par--;
            }
            p--;
        } else if (p[0] == '<' && p[1] == '<') {
            depth++;
            p++;
        } else if (p[0] == '>' && p[1] == '>') {
            depth--;
            p++;
            if (depth == 0)
                return p + 1;
        }
    }
    return NULL;
}

/* "/Key N G R" in the dictionary [s, e): the numbers, or false. */
static bool dict_ref(const char *s, const char *e, const char *key, long *num,
                     long *gen)
{
    size_t k = strlen(key);
    for (const char *p = s; p + k < e; p++)
        if (memcmp(p, key, k) == 0 && (is_ws(p[k]) || p[k] == '/' ||
                                       (p[k] >= '0' && p[k] <= '9'))) {
            char tmp[64];
            size_t m = (size_t)(e - p - (long)k) < sizeof tmp - 1
                           ? (size_t)(e - p - (long)k)
                           : sizeof tmp - 1;
            memcpy(tmp, p + k, m);
            tmp[m] = '\0';
            char r;
            if (sscanf(tmp, " %ld %ld %c", num, gen, &r) == 3 && r == 'R')
                return true;
            return false;
        }
    return false;
}

static bool dict_has(const char *s, const char *e, const char *key)
{
    size_t k = strlen(key);
    for (const char *p = s; p + k <= e; p++)
        if (memcmp(p, key, k) == 0 &&
            (p + k == e || !((p[k] >= 'A' && p[k] <= 'Z') ||
                             (p[k] >= 'a' && p[k] <= 'z'))))
            return true;
    return false;
}

/* "/Size N" */
static bool dict_int(const char *s, const char *e, const char *key, long *v)
{
    size_t k = strlen(key);
    for (const char *p = s; p + k < e; p++)
        if (memcmp(p, key, k) == 0 && is_ws(p[k])) {
            char tmp[32];
            size_t m = (size_t)(e - p - (long)k) < sizeof tmp - 1
                           ? (size_t)(e - p - (long)k)
                           : sizeof tmp - 1;
            memcpy(tmp, p + k, m);
            tmp[m] = '\0';
            return sscanf(tmp, " %ld", v) == 1;
        }
    return false;
}

/* The "/ID [<..><..>]" of the trailer, copied as it is (NULL if none). */
static char *dict_id(const char *s, const char *e)
{
    for (const char *p = s; p + 3 < e; p++)
        if (memcmp(p, "/ID", 3) == 0 && (is_ws(p[3]) || p[3] == '[')) {
            const char *a = memchr(p, '[', (size_t)(e - p));
            const char *b = a ? memchr(a, ']', (size_t)(e - a)) : NULL;
            if (!a || !b)
                return NULL;
            return mc_xstrndup(p, (size_t)(b - p + 1));
        }
    return NULL;
}

/* A PDF text string: <FEFF...> (UTF-16BE) from UTF-8. */
static void pdf_text(sbuf *b, const char *utf8)
{
    sb_add(b, "<FEFF", 5);
    const unsigned char *s = (const unsigned char *)utf8;
    while (*s) {
        unsigned cp = *s++;
        int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
        if (extra)
            cp &= 0x3Fu >> extra;
        for (int i = 0; i < extra && (*s & 0xC0) == 0x80; i++)
            cp = (cp << 6) | (*s++ & 0x3F);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            sb_fmt(b, "%04X%04X", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
        } else {
            sb_fmt(b, "%04X", cp);
        }
    }
    sb_add(b, ">", 1);
}

static mc_status bad_pdf(mc_error *err, const char *why)
{
    return mc_fail(err, MC_EINVAL, "result",
                   _("Không ký số được tệp kết quả: %s"), why);
}

static mc_status load_signer(const char *cert_file, const char *key_file,
                             mc_ts when, gnutls_x509_crt_t *crt,
                             gnutls_privkey_t *key, char cn[256],
                             mc_error *err)
{
    gnutls_datum_t c = {0}, k = {0};
    mc_status rc = MC_OK;
    *crt = NULL;
    *key = NULL;
    if (gnutls_load_file(cert_file, &c) < 0) {
        rc = mc_fail(err, MC_EIO, "returns.sign_cert",
                     _("Không đọc được chứng thư số ký kết quả %s "
                       "(returns.sign_cert)"),
                     cert_file);
        goto out;
    }
    if (gnutls_load_file(key_file, &k) < 0) {
        rc = mc_fail(err, MC_EIO, "returns.sign_key",
                     _("Không đọc được khóa ký kết quả %s (returns.sign_key)"),
                     key_file);
        goto out;
    }
    if (gnutls_x509_crt_init(crt) < 0 ||
        gnutls_x509_crt_import(*crt, &c, GNUTLS_X509_FMT_PEM) < 0) {
        rc = mc_fail(err, MC_EINVAL, "returns.sign_cert",
                     _("%s không phải chứng thư số X.509 dạng PEM "
                       "(returns.sign_cert)"),
                     cert_file);
        goto out;
    }
    if (gnutls_privkey_init(key) < 0 ||
        gnutls_privkey_import_x509_raw(*key, &k, GNUTLS_X509_FMT_PEM, NULL,
                                       0) < 0) {
        rc = mc_fail(err, MC_EINVAL, "returns.sign_key",
                     _("%s không phải khóa riêng dạng PEM không đặt mật khẩu "
                       "(returns.sign_key)"),
                     key_file);
        goto out;
    }
    /* the key must be the certificate's */
    unsigned char id1[64], id2[64];
    size_t n1 = sizeof id1, n2 = sizeof id2;
    gnutls_pubkey_t pub = NULL;
    bool match = gnutls_pubkey_init(&pub) >= 0 &&
                 gnutls_pubkey_import_privkey(pub, *key, 0, 0) >= 0 &&
                 gnutls_pubkey_get_key_id(pub, 0, id1, &n1) >= 0 &&
                 gnutls_x509_crt_get_key_id(*crt, 0, id2, &n2) >= 0 &&
                 n1 == n2 && memcmp(id1, id2, n1) == 0;
    gnutls_pubkey_deinit(pub);
    if (!match) {
        rc = mc_fail(err, MC_EINVAL, "returns.sign_key",
                     _("Khóa %s không khớp với chứng thư số %s"), key_file,
                     cert_file);
        goto out;
    }
    time_t exp = gnutls_x509_crt_get_expiration_time(*crt);
    time_t act = gnutls_x509_crt_get_activation_time(*crt);
    if (exp != (time_t)-1 && exp < (time_t)when) {
        rc = mc_fail(err, MC_EINVAL, "returns.sign_cert",
                     _("Chứng thư số ký kết quả %s đã hết hạn"), cert_file);
        goto out;
    }
    if (act != (time_t)-1 && act > (time_t)when) {
        rc = mc_fail(err, MC_EINVAL, "returns.sign_cert",
                     _("Chứng thư số ký kết quả %s chưa có hiệu lực"),
                     cert_file);
        goto out;
    }
    size_t cnl = 255;
    if (gnutls_x509_crt_get_dn_by_oid(*crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0,
                                      cn, &cnl) < 0)
        cn[0] = '\0';
    else
        cn[cnl] = '\0';
out:
    gnutls_free(c.data);
    gnutls_free(k.data);
    if (rc) {
        if (*crt)
            gnutls_x509_crt_deinit(*crt);
        if (*key)
            gnutls_privkey_deinit(*key);
        *crt = NULL;
        *key = NULL;
    }
    return rc;
}

mc_status desk_pdf_sign(const unsigned char *pdf, size_t n,
                        const char *cert_file, const char *key_file,
                        const char *signer_name, const char *reason,
                        mc_ts when, unsigned char **out, size_t *out_n,
                        mc_error *err)
{
    *out = NULL;
    *out_n = 0;
    const char *s = (const char *)pdf, *e = s + n;
    if (n < 32 || !memmem(s, n < 1024 ? n : 1024, "%PDF-", 5))
        return bad_pdf(err, _("không phải tệp PDF"));
    size_t tail = n < 2048 ? n : 2048;
    const char *sx = memrmem(e - tail, tail, "startxref");
    long prev = -1;
    if (!sx || sscanf(sx + 9, " %ld", &prev) != 1 || prev <= 0 ||
        (size_t)prev >= n)
        return bad_pdf(err, _("thiếu hoặc sai \"startxref\" (tệp bị cắt?)"));
    /* the trailer: classic, or the dictionary of a cross-reference stream */
    const char *td = NULL;
    if (memcmp(s + prev, "xref", 4) == 0) {
        const char *t = memmem(s + prev, n - (size_t)prev, "trailer", 7);
        td = t ? memmem(t, (size_t)(e - t), "<<", 2) : NULL;
    } else {
        const char *o = memmem(s + prev, n - (size_t)prev, "obj", 3);
        td = o && o - (s + prev) < 32 ? memmem(o, (size_t)(e - o), "<<", 2)
                                      : NULL;
    }
    const char *tde = td ? dict_end(td, e) : NULL;
    if (!tde)
        return bad_pdf(err, _("không đọc được phần trailer"));
    if (dict_has(td, tde, "/Encrypt"))
        return bad_pdf(err, _("tệp được mã hóa hoặc đặt mật khẩu"));
    long root = 0, rgen = 0, info = 0, igen = 0, size = 0;
    if (!dict_ref(td, tde, "/Root", &root, &rgen) || root <= 0 ||
        !dict_int(td, tde, "/Size", &size) || size <= root)
        return bad_pdf(err, _("trailer không có /Root hoặc /Size"));
    bool has_info = dict_ref(td, tde, "/Info", &info, &igen);
    /* the catalog: the last definition of the root object */
    char head[48];
    snprintf(head, sizeof head, "%ld %ld obj", root, rgen);
    const char *cat = NULL;
    for (const char *p = s; (p = memmem(p, (size_t)(e - p), head,
                                        strlen(head)));
         p++)
        if (p == s || is_ws(p[-1]))
            cat = p;
    const char *cd = cat ? memmem(cat, (size_t)(e - cat), "<<", 2) : NULL;
    const char *cde = cd ? dict_end(cd, e) : NULL;
    if (!cde)
        return bad_pdf(err, _("không tìm thấy danh mục (catalog) của tệp; "
                              "tệp nén đối tượng chưa được hỗ trợ"));
    if (dict_has(cd, cde, "/AcroForm"))
        return bad_pdf(err, _("tệp đã có biểu mẫu hoặc chữ ký"));

    char cn[256] = "";
    gnutls_x509_crt_t crt;
    gnutls_privkey_t key;
    mc_status rc = load_signer(cert_file, key_file, when, &crt, &key, cn, err);
    if (rc)
        return rc;

    sbuf b = {0};
    sb_add(&b, pdf, n);
    if (pdf[n - 1] != '\n' && pdf[n - 1] != '\r')
        sb_add(&b, "\n", 1);
    long sig = size, fld = size + 1;
    long off_sig = (long)b.n;
    sb_fmt(&b, "%ld 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite"
               " /SubFilter /adbe.pkcs7.detached /ByteRange ", sig);
    size_t br_at = b.n;
    static const char br_hole[] = "[0 0000000000 0000000000 0000000000]";
    sb_add(&b, br_hole, sizeof br_hole - 1);
    sb_add(&b, " /Contents ", 11);
    size_t ct_at = b.n;
    sb_add(&b, "<", 1);
    for (int i = 0; i < SIG_HEX_LEN / 64; i++)
        sb_add(&b, "0000000000000000000000000000000000000000000000000000000000000000",
               64);
    sb_add(&b, ">", 1);
    size_t ct_end = b.n;
    mc_date day = mc_ts_vn_date(when);
    int min = mc_ts_vn_minute(when);
    sb_fmt(&b, " /M (D:%04d%02d%02d%02d%02d%02d+07'00')", day.y, day.m, day.d,
           min / 60, min % 60, (int)(((when % 60) + 60) % 60));
    sb_add(&b, " /Name ", 7);
    pdf_text(&b, signer_name && *signer_name ? signer_name : cn);
    if (reason && *reason) {
        sb_add(&b, " /Reason ", 9);
        pdf_text(&b, reason);
    }
    sb_add(&b, " >>\nendobj\n", 11);
    long off_fld = (long)b.n;
    sb_fmt(&b, "%ld 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig"
               " /T (KetQua) /V %ld 0 R /F 132 /Rect [0 0 0 0] >>\nendobj\n",
           fld, sig);
    long off_cat = (long)b.n;
    sb_fmt(&b, "%ld %ld obj\n", root, rgen);
    sb_add(&b, cd, (size_t)(cde - 2 - cd));
    sb_fmt(&b, " /AcroForm << /Fields [%ld 0 R] /SigFlags 3 >> >>\nendobj\n",
           fld);
    long off_xref = (long)b.n;
    sb_fmt(&b, "xref\n0 1\n0000000000 65535 f \n%ld 1\n%010ld %05ld n \n"
               "%ld 2\n%010ld 00000 n \n%010ld 00000 n \n",
           root, off_cat, rgen, sig, off_sig, off_fld);
    sb_fmt(&b, "trailer\n<< /Size %ld /Root %ld %ld R /Prev %ld", fld + 1,
           root, rgen, prev);
    if (has_info)
        sb_fmt(&b, " /Info %ld %ld R", info, igen);
    char *id = dict_id(td, tde);
    if (id)
        sb_fmt(&b, " %s", id);
    free(id);
    sb_fmt(&b, " >>\nstartxref\n%ld\n%%%%EOF\n", off_xref);

    /* the byte range: all but the <...> of /Contents */
    char br[sizeof br_hole];
    int w = snprintf(br, sizeof br, "[0 %zu %zu %zu", ct_at, ct_end,
                     b.n - ct_end);
    memset(br + w, ' ', sizeof br_hole - 2 - (size_t)w);
    br[sizeof br_hole - 2] = ']';
    memcpy(b.p + br_at, br, sizeof br_hole - 1);

    size_t dn = ct_at + (b.n - ct_end);
    unsigned char *data = mc_xmalloc(dn);
    memcpy(data, b.p, ct_at);
    memcpy(data + ct_at, b.p + ct_end, b.n - ct_end);
    gnutls_datum_t in = {data, (unsigned)dn}, der = {0};
    gnutls_pkcs7_t p7 = NULL;
    int g = gnutls_pkcs7_init(&p7);
    if (g >= 0)
        g = gnutls_pkcs7_sign(p7, crt, key, &in, NULL, NULL, GNUTLS_DIG_SHA256,
                              GNUTLS_PKCS7_INCLUDE_TIME |
                                  GNUTLS_PKCS7_INCLUDE_CERT);
    if (g >= 0)
        g = gnutls_pkcs7_export2(p7, GNUTLS_X509_FMT_DER, &der);
    if (g < 0) {
        rc = mc_fail(err, MC_EINVAL, "returns.sign_key",
                     _("Ký số thất bại: %s"), gnutls_strerror(g));
    } else if (der.size * 2 > SIG_HEX_LEN) {
        rc = mc_fail(err, MC_ELIMIT, "returns.sign_cert",
                     _("Chữ ký số quá lớn (%u byte): chứng thư kèm theo quá "
                       "dài"),
                     der.size);
    } else {
        static const char hx[] = "0123456789ABCDEF";
        for (unsigned i = 0; i < der.size; i++) {
            b.p[ct_at + 1 + 2 * i] = hx[der.data[i] >> 4];
            b.p[ct_at + 2 + 2 * i] = hx[der.data[i] & 15];
        }
        *out = (unsigned char *)b.p;
        *out_n = b.n;
        b.p = NULL;
    }
    gnutls_free(der.data);
    gnutls_pkcs7_deinit(p7);
    free(data);
    free(b.p);
    gnutls_x509_crt_deinit(crt);
    gnutls_privkey_deinit(key);
    return rc;
}
