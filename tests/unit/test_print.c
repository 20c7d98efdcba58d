/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_print.c - printers/ without a database or a scheduler: document
 * names, the ESC/POS framing of tickets, PDF output, the buffer ceiling,
 * and the file fallback when CUPS cannot be reached. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "printers.h"

static void doc_names(void **state)
{
    (void)state;
    for (int i = 0; i < PR__DOC_COUNT; i++) {
        pr_doc d;
        assert_true(pr_doc_parse(pr_doc_name((pr_doc)i), &d));
        assert_int_equal(d, i);
    }
    pr_doc d;
    assert_false(pr_doc_parse("nosuch", &d));
    assert_false(pr_doc_parse(NULL, &d));
    assert_string_equal(pr_doc_title(PR_RECEIPT),
                        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
}

/* Walk the ESC/POS bytes: ESC @, GS v 0 bands, ESC d, GS V. */
static void check_ticket(int width_mm, int stride_want)
{
    pr_ticket t = {"B102", "Bộ phận Tiếp nhận và Trả kết quả", "Quầy 3",
                   "https://tracuu.example.vn/hoso/B102", 1770951600,
                   width_mm};
    pr_buf b = {0}, again = {0};
    mc_error e;
    assert_int_equal(pr_render_ticket(&t, &b, &e), MC_OK);
    assert_int_equal(pr_render_ticket(&t, &again, &e), MC_OK);
    assert_int_equal(b.len, again.len);
    assert_memory_equal(b.data, again.data, b.len); /* deterministic */
    const unsigned char *p = b.data;
    assert_int_equal(p[0], 0x1b);
    assert_int_equal(p[1], 0x40);
    size_t off = 2;
    int rows = 0, bands = 0;
    while (off + 8 <= b.len && p[off] == 0x1d && p[off + 1] == 0x76) {
        assert_int_equal(p[off + 2], 0x30);
        int stride = p[off + 4] | p[off + 5] << 8;
        int n = p[off + 6] | p[off + 7] << 8;
        assert_int_equal(stride, stride_want);
        assert_true(n >= 1 && n <= 256);
        off += 8 + (size_t)stride * n;
        rows += n;
        bands++;
    }
    assert_true(bands >= 1);
    assert_true(rows > 200); /* number, text and QR */
    static const unsigned char tail[] = {0x1b, 0x64, 0x04, 0x1d, 0x56, 0x42,
                                         0x00};
    assert_int_equal(b.len - off, sizeof tail);
    assert_memory_equal(p + off, tail, sizeof tail);
    pr_buf_free(&b);
    pr_buf_free(&again);
}

static void ticket_58(void **state)
{
    (void)state;
    check_ticket(58, 48);
}

static void ticket_80(void **state)
{
    (void)state;
    check_ticket(80, 72);
}

static void ticket_needs_number(void **state)
{
    (void)state;
    pr_ticket t = {.number = "", .width_mm = 58};
    pr_buf b = {0};
    mc_error e;
    assert_int_equal(pr_render_ticket(&t, &b, &e), MC_EINVAL);
    assert_string_equal(e.field, "number");
    pr_buf_free(&b);
}

static pr_form receipt(void)
{
    static const pr_paper_item papers[] = {{"Giấy ra viện", "Bản sao", 1}};
    pr_form f = {
        .doc = PR_RECEIPT,
        .paper = PR_PAPER_A5,
        .office = {.parent_agency = "BẢO HIỂM XÃ HỘI TỈNH THANH HÓA",
                   .name = "Bộ phận Tiếp nhận và Trả kết quả"},
        .printed_at = 1770951600,
        .copies = 2,
        .lookup_url = "https://tracuu.example.vn/hoso/X",
        .dossier = {.code = "000.00.06.H56-260213-0001",
                    .applicant_name = "Nguyễn Thị Hường",
                    .procedure_name = "Hưởng chế độ thai sản",
                    .received_at = 1770951600,
                    .due_at = 1770951600 + 18 * 86400,
                    .papers = papers, .n_papers = 1},
    };
    return f;
}

static void pdf_receipt_and_forms(void **state)
{
    (void)state;
    pr_form f = receipt();
    for (int d = 0; d < PR__DOC_COUNT; d++) {
        f.doc = (pr_doc)d;
        pr_buf b = {0};
        mc_error e;
        assert_int_equal(pr_render_pdf(&f, &b, &e), MC_OK);
        assert_true(b.len > 1000);
        assert_memory_equal(b.data, "%PDF-", 5);
        pr_buf_free(&b);
    }
    /* the same snapshot gives the same bytes (fixed creation date) */
    f.doc = PR_RECEIPT;
    pr_buf a = {0}, b = {0};
    mc_error e;
    assert_int_equal(pr_render_pdf(&f, &a, &e), MC_OK);
    assert_int_equal(pr_render_pdf(&f, &b, &e), MC_OK);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    pr_buf_free(&a);
    pr_buf_free(&b);
}

static void buffer_ceiling(void **state)
{
    (void)state;
    pr_buf b = {0};
    pr_buf_add(&b, "abc", 3);
    assert_int_equal(b.len, 3);
    b.len = PR_BUF_MAX - 1; /* pretend: the ceiling is checked first */
    pr_buf_add(&b, "xy", 2);
    assert_true(b.overflow);
    b.len = 3;
    pr_buf_free(&b);
}

static void file_and_fallback(void **state)
{
    (void)state;
    char dir[] = "/tmp/motcua-test-print.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *sock = mc_xasprintf("%s/no-cups.sock", dir);
    setenv("CUPS_SERVER", sock, 1);
    char *path = mc_xasprintf("%s/sub/x.pdf", dir);
    pr_send_opts o = {.file = path};
    pr_send_result r;
    mc_error e;
    assert_int_equal(pr_send(&o, (const unsigned char *)"%PDF-1", 6, &r, &e),
                     MC_OK);
    assert_int_equal(r.outcome, PR_SENT_FILE);
    assert_false(r.fallback);
    assert_string_equal(r.path, path);

    pr_send_opts fb = {.fallback_dir = dir, .file_name = "r.pdf",
                       .queue = "receipts", .connect_timeout_ms = 500};
    assert_int_equal(pr_send(&fb, (const unsigned char *)"%PDF-1", 6, &r, &e),
                     MC_OK);
    assert_true(r.fallback);
    char *want = mc_xasprintf("%s/r.pdf", dir);
    assert_string_equal(r.path, want);
    assert_int_equal(access(want, R_OK), 0);

    pr_send_opts none = {.queue = "receipts", .connect_timeout_ms = 500};
    assert_int_equal(pr_send(&none, (const unsigned char *)"x", 1, &r, &e),
                     MC_EIO);
    assert_non_null(strstr(e.msg, "receipts_dir"));

    unlink(want);
    unlink(path);
    char *sub = mc_xasprintf("%s/sub", dir);
    rmdir(sub);
    rmdir(dir);
    free(sub);
    free(want);
    free(path);
    free(sock);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(doc_names),
        cmocka_unit_test(ticket_58),
        cmocka_unit_test(ticket_80),
        cmocka_unit_test(ticket_needs_number),
        cmocka_unit_test(pdf_receipt_and_forms),
        cmocka_unit_test(buffer_ceiling),
        cmocka_unit_test(file_and_fallback),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    pr_shutdown();
    return rc;
}
