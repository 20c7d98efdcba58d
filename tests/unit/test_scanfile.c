/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_scanfile.c - the scanned-file checks (src/core/scanfile.h): each
 * refusal has its own message naming the file; pages are counted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanfile.h"

/* a PDF of n blank pages with a correct xref table (optionally with an
 * /Encrypt entry in its trailer) */
static size_t make_pdf(char *out, size_t size, int pages, bool encrypt)
{
    size_t off[64];
    int n = 0;
    size_t len = (size_t)snprintf(out, size, "%%PDF-1.4\n");
    off[n++] = len;
    len += (size_t)snprintf(out + len, size - len,
                            "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    off[n++] = len;
    len += (size_t)snprintf(out + len, size - len,
                            "2 0 obj\n<< /Type /Pages /Count %d >>\nendobj\n",
                            pages);
    for (int i = 0; i < pages; i++) {
        off[n++] = len;
        len += (size_t)snprintf(out + len, size - len,
                                "%d 0 obj\n<< /Type /Page /Parent 2 0 R >>\n"
                                "endobj\n",
                                3 + i);
    }
    size_t xref = len;
    len += (size_t)snprintf(out + len, size - len,
                            "xref\n0 %d\n0000000000 65535 f \n", n + 1);
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(out + len, size - len, "%010zu 00000 n \n",
                                off[i]);
    len += (size_t)snprintf(out + len, size - len,
                            "trailer\n<< /Size %d /Root 1 0 R%s >>\n"
                            "startxref\n%zu\n%%%%EOF\n",
                            n + 1, encrypt ? " /Encrypt 9 0 R" : "", xref);
    return len;
}

static void test_pdf(void **state)
{
    (void)state;
    char buf[4096];
    scan_info info;
    mc_error err;
    size_t len = make_pdf(buf, sizeof buf, 3, false);
    assert_int_equal(scan_check((unsigned char *)buf, len, "a.pdf", &info,
                                &err),
                     MC_OK);
    assert_int_equal(info.kind, SCAN_PDF);
    assert_int_equal(info.pages, 3);
    assert_string_equal(info.mime, "application/pdf");
    /* no name: the bytes decide */
    assert_int_equal(scan_check((unsigned char *)buf, len, "scan", &info,
                                &err),
                     MC_OK);
    /* truncated: the trailer is gone */
    assert_int_equal(scan_check((unsigned char *)buf, len - 20, "a.pdf",
                                &info, &err),
                     MC_EINVAL);
    assert_non_null(strstr(err.msg, "a.pdf: "));
    assert_non_null(strstr(err.msg, "không trọn vẹn"));
    assert_string_equal(err.field, "file");
    /* startxref pointing outside the file */
    char *p = strstr(buf, "startxref\n");
    assert_non_null(p);
    memcpy(p + 10, "9999", 4);
    assert_int_equal(scan_check((unsigned char *)buf, len, "a.pdf", &info,
                                &err),
                     MC_EINVAL);
    /* password-protected */
    len = make_pdf(buf, sizeof buf, 1, true);
    assert_int_equal(scan_check((unsigned char *)buf, len, "b.pdf", &info,
                                &err),
                     MC_EINVAL);
    assert_non_null(strstr(err.msg, "b.pdf: tệp PDF có mật khẩu"));
}

static void test_png(void **state)
{
    (void)state;
    /* 1x1 grey PNG */
    static const unsigned char png[] = {
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00,
        0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
        0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b, 0x55,
        0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63,
        0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x48, 0xaf, 0xa4, 0x71,
        0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
        0x82};
    scan_info info;
    mc_error err;
    assert_int_equal(scan_check(png, sizeof png, "x.png", &info, &err),
                     MC_OK);
    assert_int_equal(info.kind, SCAN_PNG);
    assert_int_equal(info.pages, 1);
    assert_int_equal(scan_check(png, sizeof png - 12, "x.png", &info, &err),
                     MC_EINVAL);
    assert_non_null(strstr(err.msg, "IEND"));
    unsigned char bad[sizeof png];
    memcpy(bad, png, sizeof png);
    bad[45] ^= 0x55; /* a byte of IDAT: its CRC no longer matches */
    assert_int_equal(scan_check(bad, sizeof bad, "x.png", &info, &err),
                     MC_EINVAL);
    assert_non_null(strstr(err.msg, "CRC"));
    /* a PNG named .jpg, and a PNG named .tif */
    assert_int_equal(scan_check(png, sizeof png, "x.jpg", &info, &err),
                     MC_EINVAL);
    assert_non_null(strstr(err.msg, "đuôi tệp là JPEG nhưng nội dung là PNG"));
    assert_int_equal(scan_check(png, sizeof png, "x.tif", &info, &err),
                     MC_EINVAL);
    assert_non_null(strstr(err.msg, "chỉ nhận tệp PDF, PNG hoặc JPEG"));
}

static void test_jpeg(void **state)
{
    (void)state;
    /* SOI, an APP0 segment, SOS with two bytes of data (one stuffed FF00),
     * EOI */
    static const unsigned char jpg[] = {
        0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46, 0xff, 0xda, 0x00,
        0x02, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xd9};
    scan_info info;
    mc_error err;
    assert_int_equal(scan_check(jpg, sizeof jpg, "p.JPEG", &info, &err),
                     MC_OK);
    assert_int_equal(info.kind, SCAN_JPEG);
    assert_int_equal(info.pages, 1);
    assert_int_equal(scan_check(jpg, sizeof jpg - 2, "p.jpg", &info, &err),
                     MC_EINVAL);
    assert_non_null(strstr(err.msg, "p.jpg: tệp JPEG không trọn vẹn"));
}

static void test_other(void **state)
{
    (void)state;
    scan_info info;
    mc_error err;
    assert_int_equal(scan_check((const unsigned char *)"hello", 5, "n.pdf",
                                &info, &err),
                     MC_EINVAL);
    assert_non_null(strstr(err.msg, "n.pdf: nội dung tệp không phải"));
    assert_int_equal(scan_check(NULL, 0, "e.png", &info, &err), MC_EINVAL);
    assert_non_null(strstr(err.msg, "tệp rỗng"));
    assert_int_equal(info.kind, SCAN_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_png),
        cmocka_unit_test(test_jpeg),
        cmocka_unit_test(test_other),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
