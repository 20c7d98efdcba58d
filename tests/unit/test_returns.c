/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The return channels (return_channel.h): names, the postal tracking
 * number, the intake checks; and the PDF signer's refusals (a file it
 * cannot update safely is refused by name before any key is read).  The
 * signature itself is verified with poppler's pdfsig in
 * tests/cli/t_returns.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "desk_returns.h"
#include "dossier.h"
#include "return_channel.h"

static void t_names(void **state)
{
    (void)state;
    unsigned ch = 0;
    assert_true(return_channel_parse("desk", &ch));
    assert_int_equal(ch, RET_DESK);
    assert_true(return_channel_parse("post", &ch));
    assert_int_equal(ch, RET_POST);
    assert_true(return_channel_parse("electronic", &ch));
    assert_int_equal(ch, RET_ELECTRONIC);
    for (unsigned i = RET_DESK; i < RET__END; i++) {
        assert_true(return_channel_parse(return_channel_name(i), &ch));
        assert_int_equal(ch, i);
        assert_true(strlen(return_channel_label_vi(i)) > 0);
    }
    assert_false(return_channel_parse("Post", &ch));
    assert_false(return_channel_parse("", &ch));
    assert_false(return_channel_parse(NULL, &ch));
    assert_null(return_channel_name(RET_NONE));
    assert_null(return_channel_name(RET__END));
    assert_string_equal(return_channel_label_vi(RET_POST),
                        "Qua dịch vụ bưu chính công ích");
}

static void t_tracking(void **state)
{
    (void)state;
    char out[41];
    assert_true(return_tracking_check("EA123456789VN", out));
    assert_string_equal(out, "EA123456789VN");
    assert_true(return_tracking_check("ea123456789vn", out));
    assert_string_equal(out, "EA123456789VN");
    assert_true(return_tracking_check("VNP-2026-0001", out));
    assert_false(return_tracking_check("AB1", out));       /* too short */
    assert_false(return_tracking_check("ABCDEFGH", out));  /* no digit */
    assert_false(return_tracking_check("EA 123456", out)); /* blank */
    assert_false(return_tracking_check("EA12345Đ", out));  /* not ASCII */
    assert_false(return_tracking_check(NULL, out));
    char big[64];
    memset(big, '7', 41);
    big[41] = '\0';
    assert_false(return_tracking_check(big, out));
    big[40] = '\0';
    assert_true(return_tracking_check(big, out));
}

static void t_intake_check(void **state)
{
    (void)state;
    unsigned ch = 99;
    mc_error e = {0};
    assert_int_equal(desk_return_channel_check(NULL, CHANNEL_DIRECT, NULL,
                                               NULL, &ch, &e),
                     MC_OK);
    assert_int_equal(ch, RET_DESK);
    assert_int_equal(desk_return_channel_check("post", CHANNEL_DIRECT, NULL,
                                               "a@b.vn", &ch, &e),
                     MC_EINVAL);
    assert_string_equal(e.field, "address");
    assert_int_equal(desk_return_channel_check("post", CHANNEL_DIRECT,
                                               "12 Lê Lợi", NULL, &ch, &e),
                     MC_OK);
    assert_int_equal(ch, RET_POST);
    assert_int_equal(desk_return_channel_check("electronic", CHANNEL_DIRECT,
                                               "12 Lê Lợi", NULL, &ch, &e),
                     MC_EINVAL);
    assert_string_equal(e.field, "email");
    /* filed through the portal: the result goes back there */
    assert_int_equal(desk_return_channel_check("electronic", CHANNEL_ONLINE,
                                               NULL, NULL, &ch, &e),
                     MC_OK);
    assert_int_equal(ch, RET_ELECTRONIC);
    assert_int_equal(desk_return_channel_check("fax", CHANNEL_DIRECT, NULL,
                                               NULL, &ch, &e),
                     MC_EINVAL);
    assert_string_equal(e.field, "return-channel");
}

/* A small PDF with a classic cross-reference table; `catalog` is the
 * dictionary of object 1, `trailer_extra` goes into the trailer. */
static char *mkpdf(const char *catalog, const char *trailer_extra,
                   size_t *n)
{
    enum { CAP = 4096 };
    char *b = malloc(CAP);
    int k = snprintf(b, CAP, "%%PDF-1.4\n");
    int o1 = k;
    k += snprintf(b + k, CAP - (size_t)k, "1 0 obj\n%s\nendobj\n", catalog);
    int o2 = k;
    k += snprintf(b + k, CAP - (size_t)k,
                  "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
    int x = k;
    k += snprintf(b + k, CAP - (size_t)k,
                 "xref\n0 3\n0000000000 65535 f \n%010d 00000 n \n"
                 "%010d 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R %s>>\n"
                 "startxref\n%d\n%%%%EOF\n",
                 o1, o2, trailer_extra, x);
    *n = (size_t)k;
    return b;
}

static void refused(const char *pdf, size_t n, const char *why)
{
    unsigned char *out = (unsigned char *)"x";
    size_t on = 1;
    mc_error e = {0};
    mc_status rc = desk_pdf_sign((const unsigned char *)pdf, n,
                                 "/nonexistent/cert.pem",
                                 "/nonexistent/key.pem", "BHXH", "test", 0,
                                 &out, &on, &e);
    assert_int_equal(rc, MC_EINVAL);
    assert_string_equal(e.field, "result");
    assert_non_null(strstr(e.msg, why));
    assert_null(out);
    assert_int_equal(on, 0);
}

static void t_sign_refusals(void **state)
{
    (void)state;
    size_t n;
    char *p;
    refused("hello, this is not a PDF at all, really", 39,
            "không phải tệp PDF");
    p = mkpdf("<< /Type /Catalog /Pages 2 0 R >>", "", &n);
    /* cut before startxref */
    refused(p, (size_t)(strstr(p, "startxref") - p), "startxref");
    free(p);
    p = mkpdf("<< /Type /Catalog /Pages 2 0 R >>", "/Encrypt 5 0 R ", &n);
    refused(p, n, "mã hóa");
    free(p);
    p = mkpdf("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> >>",
              "", &n);
    refused(p, n, "biểu mẫu");
    free(p);
    /* a root that is nowhere as "1 0 obj" (kept in an object stream) */
    p = mkpdf("<< /Type /Catalog /Pages 2 0 R >>", "", &n);
    p[strstr(p, "1 0 obj") - p] = '9';
    refused(p, n, "catalog");
    free(p);
    /* a good file: the key files are read next, and are missing */
    p = mkpdf("<< /Type /Catalog /Pages 2 0 R >>", "", &n);
    unsigned char *out = NULL;
    size_t on = 0;
    mc_error e = {0};
    assert_int_equal(desk_pdf_sign((const unsigned char *)p, n,
                                   "/nonexistent/cert.pem",
                                   "/nonexistent/key.pem", "BHXH", "test", 0,
                                   &out, &on, &e),
                     MC_EIO);
    assert_string_equal(e.field, "returns.sign_cert");
    assert_null(out);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_names),
        cmocka_unit_test(t_tracking),
        cmocka_unit_test(t_intake_check),
        cmocka_unit_test(t_sign_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
