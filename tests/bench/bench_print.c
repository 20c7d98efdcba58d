/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_print.c - render time of the A5 receipt (Mẫu 01, two parts, QR)
 * in-process, from a snapshot (no database, no CUPS); goal < 30 ms.  Also
 * the 58 mm queue ticket.  Prints "bench: NAME VALUE UNIT" lines.
 *
 * Meant for tests/bench/ (it needs motcua_printers linked, which
 * tests/bench/CMakeLists.txt does not do yet); until then build it by hand:
 *   cc -O2 tests/print/bench_print.c -Iprinters -Isrc/core \
 *      $(pkg-config --cflags pangocairo) build/libmotcua_printers.a \
 *      build/libmotcua_core.a $(pkg-config --libs pangocairo cairo-pdf \
 *      libqrencode jansson) $(cups-config --libs) -lunistring
 * MOTCUA_BENCH_N sets the number of renders (default 50). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "printers.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double pct(double *v, int n, double p)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    int r = (int)(p * n + 0.999999);
    return v[(r < 1 ? 1 : r > n ? n : r) - 1];
}

int main(void)
{
    const char *env = getenv("MOTCUA_BENCH_N");
    int n = env ? (int)strtol(env, NULL, 10) : 50;
    if (n < 1)
        n = 1;
    static const pr_paper_item papers[] = {
        {"Danh sách do người sử dụng lao động lập (mẫu 01B-HSB)", "Bản chính", 1},
        {"Giấy chứng sinh hoặc giấy khai sinh của con", "Bản sao", 1},
        {"Giấy ra viện của người mẹ", "Bản sao chứng thực", 1},
    };
    mc_ts recv = 1770951600; /* 2026-02-13 10:00 +07:00 */
    pr_form f = {
        .doc = PR_RECEIPT,
        .paper = PR_PAPER_A5,
        .office = {"BẢO HIỂM XÃ HỘI TỈNH THANH HÓA",
                   "Bộ phận Tiếp nhận và Trả kết quả", "000.00.06.H56",
                   "Số 1 Đại lộ Lê Lợi, TP Thanh Hóa", "0237 3852 123", NULL},
        .printed_at = recv,
        .copies = 2,
        .lookup_url = "https://tracuu.example.vn/hoso/000.00.06.H56-260213-0361",
        .officer = "Trần Thị Mai",
        .dossier = {
            .code = "000.00.06.H56-260213-0361", .book_number = 361,
            .book_volume = "2026",
            .procedure_name = "Hưởng chế độ thai sản đối với lao động nữ sinh con",
            .applicant_name = "Nguyễn Thị Hường", .id_number = "001190012345",
            .address = "Số 1 Phố Huế, phường Hàm Rồng, TP Thanh Hóa",
            .phone = "0912345678", .email = "huong@example.vn", .sets = 1,
            .processing_days = 7, .processing_unit = "ngày làm việc",
            .received_at = recv, .due_at = recv + 18 * 86400,
            .received_by = "Trần Thị Mai",
            .result_delivery = "Tại Bộ phận Tiếp nhận và Trả kết quả",
            .papers = papers, .n_papers = 3,
        },
    };
    mc_error err;
    pr_buf b = {0};
    double t0 = now_ms();
    if (pr_render_pdf(&f, &b, &err)) {
        fprintf(stderr, "render: %s\n", err.msg);
        return 1;
    }
    double cold = now_ms() - t0;
    size_t bytes = b.len;
    pr_buf_free(&b);
    double *v = calloc((size_t)n, sizeof *v);
    double *c = calloc((size_t)n, sizeof *c);
    for (int i = 0; i < n; i++) {
        t0 = now_ms();
        double c0 = cpu_ms();
        if (pr_render_pdf(&f, &b, &err)) {
            fprintf(stderr, "render: %s\n", err.msg);
            return 1;
        }
        c[i] = cpu_ms() - c0;
        v[i] = now_ms() - t0;
        pr_buf_free(&b);
    }
    printf("bench: print_receipt_a5_first_render %.1f ms\n", cold);
    printf("bench: print_receipt_a5_render_p50 %.2f ms\n", pct(v, n, 0.5));
    printf("bench: print_receipt_a5_render_p95 %.2f ms\n", pct(v, n, 0.95));
    printf("bench: print_receipt_a5_render_cpu_p50 %.2f ms\n", pct(c, n, 0.5));
    printf("bench: print_receipt_a5_pdf_size %zu bytes\n", bytes);

    pr_ticket t = {"A015", "Bộ phận Tiếp nhận và Trả kết quả", "Quầy 2",
                   "https://tracuu.example.vn/hoso/A015", recv, 58};
    for (int i = 0; i < n; i++) {
        t0 = now_ms();
        if (pr_render_ticket(&t, &b, &err)) {
            fprintf(stderr, "ticket: %s\n", err.msg);
            return 1;
        }
        v[i] = now_ms() - t0;
        bytes = b.len;
        pr_buf_free(&b);
    }
    printf("bench: print_ticket_58mm_render_p50 %.2f ms\n", pct(v, n, 0.5));
    printf("bench: print_ticket_58mm_bytes %zu bytes\n", bytes);
    free(v);
    free(c);
    pr_shutdown();
    return 0;
}
