/* SPDX-License-Identifier: GPL-3.0-or-later */
/* form.h - the snapshot a printed desk form is rendered from.
 *
 * printers/ never opens the database: the desk (src/desk/print.c) copies
 * what a form shows into these structs after the transaction that wrote it
 * committed, and the renderer only reads them.  Strings are NFC UTF-8,
 * borrowed (the desk owns them), NULL or "" when absent; the renderer prints
 * a dotted blank line for an absent field, as the paper forms do, so a
 * field is never silently dropped.  Times are mc_ts (printed in Vietnam
 * time), 0 when absent.
 *
 * This header is plain C (no cairo, pango or CUPS types) so the desk can
 * fill it without the printing libraries.
 */
#ifndef MOTCUA_PRINTERS_FORM_H
#define MOTCUA_PRINTERS_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "return_channel.h"

/* X(enum, name used in the CLI, print_jobs and audit, form number of the
 *   current set (Circular 03/2025/TT-VPCP; NULL when the form has none),
 *   title on the paper) */
#define PR_DOC_LIST(X)                                                         \
    X(PR_RECEIPT, "receipt", "Mẫu số 01",                                      \
      "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")                               \
    X(PR_SUPPLEMENT, "supplement", "Mẫu số 02",                                \
      "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ")                               \
    X(PR_REFUSAL, "refusal", "Mẫu số 03",                                      \
      "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ")                              \
    X(PR_APOLOGY, "apology", "Mẫu số 04",                                      \
      "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ")           \
    X(PR_STOP, "stop", NULL, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ")                \
    X(PR_CONTROL, "control", NULL,                                             \
      "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ")                            \
    X(PR_BOOK, "book", NULL, "SỔ THEO DÕI HỒ SƠ")

typedef enum pr_doc {
#define X(e, n, no, t) e,
    PR_DOC_LIST(X)
#undef X
        PR__DOC_COUNT
} pr_doc;

const char *pr_doc_name(pr_doc d);  /* "receipt" */
const char *pr_doc_title(pr_doc d); /* the title printed on the form */
const char *pr_doc_form_no(pr_doc d); /* "Mẫu số 01", or NULL */
bool pr_doc_parse(const char *name, pr_doc *out);

typedef enum pr_paper { PR_PAPER_A4 = 0, PR_PAPER_A5 } pr_paper;

/* The issuing body, printed top left of every form. */
typedef struct pr_office {
    const char *parent_agency; /* "BẢO HIỂM XÃ HỘI TỈNH THANH HÓA" */
    const char *name;          /* "Bộ phận Tiếp nhận và Trả kết quả" */
    const char *code;          /* agency id */
    const char *address, *phone;
    const char *place; /* before ", ngày ... tháng ... năm ..."; may be NULL */
} pr_office;

typedef struct pr_paper_item {
    const char *name;
    const char *form; /* "Bản chính", "Bản sao chứng thực", "Bản sao" */
    int count;
} pr_paper_item;

/* One block of the processing-control slip: a hand-over from the history. */
typedef struct pr_handover {
    mc_ts at;
    const char *giver, *receiver;
    const char *result; /* "Trước hạn" | "Đúng hạn" | "Quá hạn" | NULL */
    const char *note;
} pr_handover;

/* A dossier as the forms show it (also one row of the tracking book). */
typedef struct pr_dossier {
    const char *code;
    long book_number;        /* number in the tracking book */
    const char *book_volume; /* volume (the year of receipt) */
    const char *procedure_name, *procedure_field;
    bool organisation;
    const char *applicant_name, *id_number, *address, *phone, *email;
    const char *rep_name, *rep_id_number, *rep_phone; /* authorised person */
    int sets;
    int processing_days;
    const char *processing_unit; /* "ngày làm việc" */
    mc_ts received_at, due_at;
    mc_ts original_due_at; /* before the extension; 0 when none */
    mc_ts returned_at;
    const char *received_by;     /* the receiving officer's name */
    const char *result_delivery; /* where the result will be collected */
    const char *department;      /* lead processing body */
    const char *status;          /* label */
    const char *receiver_name;   /* who collected the result */
    /* the return of the result (return_channel.h): chosen at intake, the
     * channel it went by (RET_NONE before), the postal tracking number and
     * posting date (post; posted_on.y = 0 when none) */
    unsigned return_channel, returned_via;
    const char *post_tracking;
    mc_date posted_on;
    const pr_paper_item *papers;
    size_t n_papers;
} pr_dossier;

typedef struct pr_form {
    pr_doc doc;
    pr_paper paper; /* the book is always A4 landscape */
    pr_office office;
    const char *number;   /* "Số: ..." of the form; NULL = the dossier code */
    mc_ts printed_at;     /* the date line */
    int copy_no;          /* 0 original; n > 0: "BẢN SAO / COPY" n-th reprint */
    int copies;           /* receipt: parts on separate pages (liên); 0 = 1 */
    const char *lookup_url; /* receipt QR: url_base + code (or the code) */
    const char *officer;  /* who signs for the office (the acting clerk) */

    pr_dossier dossier;   /* every form but the book */

    /* supplement: what must be added or corrected; refusal: the reasons;
     * stop: the grounds */
    const char *const *items;
    size_t n_items;
    const char *reason;  /* supplement / apology / stop: the reason */
    const char *contact; /* whom to contact */
    mc_ts new_due_at;    /* apology: the new date */

    const pr_handover *handovers; /* control slip */
    size_t n_handovers;

    const pr_dossier *rows; /* book */
    size_t n_rows;
    mc_date from, to; /* book period */
} pr_form;

#endif
