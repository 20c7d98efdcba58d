/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scanfile.c - type, completeness and protection checks of scanned files
 * (scanfile.h).  Every read is bounds-checked against len. */
#include "scanfile.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G',
                                         0x0d, 0x0a, 0x1a, 0x0a};

scan_kind scan_sniff(const unsigned char *buf, size_t len)
{
    if (len >= 5 && memcmp(buf, "%PDF-", 5) == 0)
        return SCAN_PDF;
    if (len >= 8 && memcmp(buf, png_sig, 8) == 0)
        return SCAN_PNG;
    if (len >= 3 && buf[0] == 0xff && buf[1] == 0xd8 && buf[2] == 0xff)
        return SCAN_JPEG;
    return SCAN_NONE;
}

const char *scan_kind_name(scan_kind k)
{
    switch (k) {
    case SCAN_PDF:
        return "PDF";
    case SCAN_PNG:
        return "PNG";
    case SCAN_JPEG:
        return "JPEG";
    case SCAN_NONE:
        break;
    }
    return "?";
}

/* the kind a file name's extension announces; SCAN_NONE with *has_ext
 * false when the name has none */
static scan_kind ext_kind(const char *name, bool *has_ext)
{
    *has_ext = false;
    if (!name)
        return SCAN_NONE;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base || !dot[1])
        return SCAN_NONE;
    *has_ext = true;
    const char *e = dot + 1;
    if (strcasecmp(e, "pdf") == 0)
        return SCAN_PDF;
    if (strcasecmp(e, "png") == 0)
        return SCAN_PNG;
    if (strcasecmp(e, "jpg") == 0 || strcasecmp(e, "jpeg") == 0 ||
        strcasecmp(e, "jpe") == 0)
        return SCAN_JPEG;
    return SCAN_NONE;
}

/* --- PDF ----------------------------------------------------------------- */

static bool pdf_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
           c == '\0';
}

static bool pdf_delim(unsigned char c)
{
    return pdf_space(c) || c == '/' || c == '<' || c == '>' || c == '[' ||
           c == ']' || c == '(' || c == ')' || c == '{' || c == '}' ||
           c == '%';
}

/* the last occurrence of needle in buf[from..to) */
static const unsigned char *find_last(const unsigned char *buf, size_t from,
                                      size_t to, const char *needle)
{
    size_t n = strlen(needle);
    if (to < from + n)
        return NULL;
    for (size_t i = to - n + 1; i-- > from;)
        if (buf[i] == (unsigned char)needle[0] && memcmp(buf + i, needle, n) == 0)
            return buf + i;
    return NULL;
}

/* a PDF name token `name` (with its slash) at p, ending at a delimiter */
static bool name_at(const unsigned char *buf, size_t len, size_t p,
                    const char *name)
{
    size_t n = strlen(name);
    if (p + n > len || memcmp(buf + p, name, n) != 0)
        return false;
    return p + n == len || pdf_delim(buf[p + n]);
}

/* The startxref offset is followed by %%EOF in the file's last KiB and
 * points inside the file at "xref" or an "N G obj" (an xref stream). */
static bool pdf_trailer_ok(const unsigned char *buf, size_t len)
{
    size_t tail = len > 1024 ? len - 1024 : 0;
    const unsigned char *eof = find_last(buf, tail, len, "%%EOF");
    if (!eof)
        return false;
    size_t e = (size_t)(eof - buf);
    size_t from = e > 1024 ? e - 1024 : 0;
    const unsigned char *sx = find_last(buf, from, e, "startxref");
    if (!sx)
        return false;
    size_t p = (size_t)(sx - buf) + 9;
    while (p < e && pdf_space(buf[p]))
        p++;
    uint64_t off = 0;
    size_t digits = 0;
    while (p < e && buf[p] >= '0' && buf[p] <= '9' && digits < 19) {
        off = off * 10 + (uint64_t)(buf[p] - '0');
        p++;
        digits++;
    }
    if (digits == 0 || off >= len)
        return false;
    size_t q = (size_t)off;
    while (q < len && pdf_space(buf[q]))
        q++;
    if (q + 4 <= len && memcmp(buf + q, "xref", 4) == 0)
        return true;
    return q < len && buf[q] >= '0' && buf[q] <= '9';
}

static bool pdf_encrypted(const unsigned char *buf, size_t len)
{
    const unsigned char *p = buf;
    size_t left = len;
    while (left >= 8) {
        const unsigned char *hit = memchr(p, '/', left);
        if (!hit)
            break;
        size_t at = (size_t)(hit - buf);
        if (name_at(buf, len, at, "/Encrypt"))
            return true;
        p = hit + 1;
        left = len - (at + 1);
    }
    return false;
}

/* the page objects: /Type /Page (not /Pages) */
static int pdf_pages(const unsigned char *buf, size_t len)
{
    long pages = 0;
    const unsigned char *p = buf;
    size_t left = len;
    while (left > 0) {
        const unsigned char *hit = memchr(p, '/', left);
        if (!hit)
            break;
        size_t at = (size_t)(hit - buf);
        p = hit + 1;
        left = len - (at + 1);
        if (!name_at(buf, len, at, "/Type"))
            continue;
        size_t q = at + 5;
        while (q < len && pdf_space(buf[q]))
            q++;
        if (name_at(buf, len, q, "/Page") && pages < 1000000)
            pages++;
    }
    return (int)pages;
}

static mc_status check_pdf(const unsigned char *buf, size_t len,
                           const char *name, scan_info *out, mc_error *err)
{
    if (!pdf_trailer_ok(buf, len))
        return mc_fail(err, MC_EINVAL, "file",
                       _("%s: tệp PDF không trọn vẹn (bị cắt cụt hoặc hỏng: "
                         "thiếu phần cuối startxref/%%%%EOF); hãy quét hoặc "
                         "sao chép lại"),
                       name);
    if (pdf_encrypted(buf, len))
        return mc_fail(err, MC_EINVAL, "file",
                       _("%s: tệp PDF có mật khẩu (được mã hoá); hãy lưu lại "
                         "bản không đặt mật khẩu"),
                       name);
    out->pages = pdf_pages(buf, len);
    return MC_OK;
}

/* --- PNG ----------------------------------------------------------------- */

/* CRC-32 (PNG, ISO 3309), eight bytes a step ("slicing by 8"): a 20 MiB
 * scan is checked in a few milliseconds, not tens of them byte by byte */
static uint32_t crc_table[8][256];
static bool crc_ready;

static void crc_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[0][n] = c;
    }
    for (uint32_t n = 0; n < 256; n++)
        for (int t = 1; t < 8; t++)
            crc_table[t][n] = (crc_table[t - 1][n] >> 8) ^
                              crc_table[0][crc_table[t - 1][n] & 0xff];
    crc_ready = true;
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    if (!crc_ready)
        crc_init();
    uint32_t c = 0xffffffffu;
    while (n >= 8) {
        uint32_t lo = c ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 |
                           (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
        c = crc_table[7][lo & 0xff] ^ crc_table[6][(lo >> 8) & 0xff] ^
            crc_table[5][(lo >> 16) & 0xff] ^ crc_table[4][lo >> 24] ^
            crc_table[3][p[4]] ^ crc_table[2][p[5]] ^ crc_table[1][p[6]] ^
            crc_table[0][p[7]];
        p += 8;
        n -= 8;
    }
    while (n--)
        c = crc_table[0][(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           (uint32_t)p[3];
}

static mc_status check_png(const unsigned char *buf, size_t len,
                           const char *name, scan_info *out, mc_error *err)
{
    size_t pos = 8;
    bool first = true;
    for (;;) {
        if (len - pos < 12)
            break; /* truncated */
        uint32_t n = be32(buf + pos);
        const unsigned char *type = buf + pos + 4;
        if (n > 0x7fffffffu || (size_t)n > len - pos - 12)
            break; /* truncated (or a length that cannot be) */
        if (first && (memcmp(type, "IHDR", 4) != 0 || n != 13))
            return mc_fail(err, MC_EINVAL, "file",
                           _("%s: tệp PNG hỏng (không bắt đầu bằng khối "
                             "IHDR)"),
                           name);
        first = false;
        if (crc32_of(type, (size_t)n + 4) != be32(type + 4 + n))
            return mc_fail(err, MC_EINVAL, "file",
                           _("%s: tệp PNG hỏng (khối %.4s sai mã kiểm tra "
                             "CRC); hãy quét hoặc sao chép lại"),
                           name, (const char *)type);
        pos += 12 + (size_t)n;
        if (memcmp(type, "IEND", 4) == 0) {
            out->pages = 1;
            return MC_OK;
        }
    }
    return mc_fail(err, MC_EINVAL, "file",
                   _("%s: tệp PNG không trọn vẹn (bị cắt cụt: thiếu khối "
                     "IEND ở cuối); hãy quét hoặc sao chép lại"),
                   name);
}

/* --- JPEG ---------------------------------------------------------------- */

static mc_status check_jpeg(const unsigned char *buf, size_t len,
                            const char *name, scan_info *out, mc_error *err)
{
    size_t pos = 2; /* after SOI */
    while (pos < len) {
        if (buf[pos] != 0xff)
            return mc_fail(err, MC_EINVAL, "file",
                           _("%s: tệp JPEG hỏng (cấu trúc đoạn không hợp lệ ở "
                             "byte %zu)"),
                           name, pos);
        while (pos < len && buf[pos] == 0xff)
            pos++; /* fill bytes */
        if (pos >= len)
            break;
        unsigned char m = buf[pos++];
        if (m == 0xd9) { /* EOI */
            out->pages = 1;
            return MC_OK;
        }
        if (m == 0x01 || (m >= 0xd0 && m <= 0xd7))
            continue; /* no length */
        if (m == 0x00 || m == 0xd8)
            return mc_fail(err, MC_EINVAL, "file",
                           _("%s: tệp JPEG hỏng (cấu trúc đoạn không hợp lệ ở "
                             "byte %zu)"),
                           name, pos - 1);
        if (len - pos < 2)
            break;
        size_t seg = (size_t)buf[pos] << 8 | buf[pos + 1];
        if (seg < 2)
            return mc_fail(err, MC_EINVAL, "file",
                           _("%s: tệp JPEG hỏng (cấu trúc đoạn không hợp lệ ở "
                             "byte %zu)"),
                           name, pos);
        if (seg > len - pos)
            break;
        pos += seg;
        if (m != 0xda)
            continue;
        /* entropy-coded data up to the next marker (not FF00, not RSTn) */
        for (;;) {
            const unsigned char *ff = memchr(buf + pos, 0xff, len - pos);
            if (!ff) {
                pos = len;
                break;
            }
            pos = (size_t)(ff - buf);
            if (pos + 1 >= len) {
                pos = len;
                break;
            }
            unsigned char nx = buf[pos + 1];
            if (nx == 0x00 || (nx >= 0xd0 && nx <= 0xd7))
                pos += 2;
            else if (nx == 0xff)
                pos += 1;
            else
                break; /* a marker: the outer loop reads it */
        }
    }
    return mc_fail(err, MC_EINVAL, "file",
                   _("%s: tệp JPEG không trọn vẹn (bị cắt cụt: thiếu dấu kết "
                     "thúc EOI); hãy quét hoặc sao chép lại"),
                   name);
}

mc_status scan_check(const unsigned char *buf, size_t len, const char *name,
                     scan_info *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    const char *shown = name && *name ? name : "?";
    if (!buf || len == 0)
        return mc_fail(err, MC_EINVAL, "file", _("%s: tệp rỗng (0 byte)"),
                       shown);
    bool has_ext;
    scan_kind want = ext_kind(name, &has_ext);
    scan_kind got = scan_sniff(buf, len);
    if (has_ext && want == SCAN_NONE)
        return mc_fail(err, MC_EINVAL, "file",
                       _("%s: chỉ nhận tệp PDF, PNG hoặc JPEG (đuôi .pdf, "
                         ".png, .jpg)"),
                       shown);
    if (got == SCAN_NONE)
        return mc_fail(err, MC_EINVAL, "file",
                       _("%s: nội dung tệp không phải PDF, PNG hay JPEG (các "
                         "byte đầu không khớp kiểu tệp)"),
                       shown);
    if (has_ext && want != got)
        return mc_fail(err, MC_EINVAL, "file",
                       _("%s: đuôi tệp là %s nhưng nội dung là %s; kiểu tệp "
                         "và nội dung phải khớp"),
                       shown, scan_kind_name(want), scan_kind_name(got));
    out->kind = got;
    mc_status rc;
    switch (got) {
    case SCAN_PDF:
        out->mime = "application/pdf";
        out->ext = "pdf";
        rc = check_pdf(buf, len, shown, out, err);
        break;
    case SCAN_PNG:
        out->mime = "image/png";
        out->ext = "png";
        rc = check_png(buf, len, shown, out, err);
        break;
    default:
        out->mime = "image/jpeg";
        out->ext = "jpg";
        rc = check_jpeg(buf, len, shown, out, err);
        break;
    }
    if (rc) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}
