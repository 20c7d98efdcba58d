/* SPDX-License-Identifier: GPL-3.0-or-later */
/* forms.c - the desk's forms as PDF (DOMAIN.md section 4).
 *
 * Every form opens with the common header: the issuing body and the form
 * number on the left, the national motto block and the place and date on
 * the right, then the title.  Field labels are the legal Vietnamese text
 * of the forms and are never translated; an absent value prints as a
 * dotted line so the clerk can fill it by hand.  A reprint carries the
 * "BẢN SAO / COPY" stamp with its reprint number on every page.
 *
 * The receipt (Mẫu 01) is printed in `copies` parts (liên), one per page:
 * part 1 for the submitter, part 2 for the file.  It carries a QR code of
 * the lookup URL with the dossier code in clear beside it.
 */
#include "printers.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

#define DOTS "…………………………"
#define PT_A4_W 595.2756
#define PT_A4_H 841.8898
#define PT_A5_W 419.5276

/* --- small formatting helpers ------------------------------------------- */

static bool has(const char *s)
{
    return s && *s;
}

static const char *v(const char *s)
{
    return has(s) ? s : DOTS;
}

/* "10 giờ 05 phút, ngày 13/02/2026" */
static void ts_text(mc_ts t, char buf[64])
{
    if (t <= 0) {
        snprintf(buf, 64, "%s", DOTS);
        return;
    }
    char d[11];
    mc_date_format_vn(mc_ts_vn_date(t), d);
    int min = mc_ts_vn_minute(t);
    snprintf(buf, 64, "%02d giờ %02d phút, ngày %s", min / 60, min % 60, d);
}

static void date_text(mc_ts t, char buf[16])
{
    if (t <= 0) {
        snprintf(buf, 16, "%s", "");
        return;
    }
    char d[11];
    mc_date_format_vn(mc_ts_vn_date(t), d);
    snprintf(buf, 16, "%s", d);
}

/* A copy of `s` whose spaces do not break a line (phone numbers such as
 * "0237 3852 123"); g_free it. */
static char *nobreak(const char *s)
{
    GString *g = g_string_new(NULL);
    for (; s && *s; s++) {
        if (*s == ' ')
            g_string_append(g, "\u00a0");
        else
            g_string_append_c(g, *s);
    }
    return g_string_free(g, FALSE);
}

/* --- the common parts ---------------------------------------------------- */

typedef struct rctx {
    lay_pen pen;
    const pr_form *f;
    double s; /* base font size */
    int part; /* receipt part (liên), 1-based; 0 = none */
    /* a block at the right margin (the receipt's QR code): a paragraph
     * that starts above float_bottom is float_w narrower */
    double float_bottom, float_w;
    /* the receipt's paper table while it is drawn: its head is repeated
     * at the top of a continuation page */
    int tcols;
    const double *tw;
    const char *const *thead;
    double tsize;
} rctx;

/* The copy stamp, on every page of a reprint (drawn at the page top). */
static void stamp(rctx *c)
{
    if (c->f->copy_no <= 0)
        return;
    lay_pen *p = &c->pen;
    char *m = lay_fmt("<b>BẢN SAO / COPY</b> — in lại lần thứ %d", c->f->copy_no);
    double w = 220, x = (p->w - w) / 2, y = p->top * 0.2;
    cairo_save(p->cr);
    cairo_set_source_rgb(p->cr, 0.75, 0, 0);
    double h = lay_draw(p, m, x, y + 2, w, c->s * 0.8, LAY_CENTER);
    cairo_set_line_width(p->cr, 1.2);
    cairo_rectangle(p->cr, x, y, w, h + 4);
    cairo_stroke(p->cr);
    cairo_restore(p->cr);
    g_free(m);
}

static void on_page(lay_pen *p, void *ud)
{
    stamp(ud);
    (void)p;
}

/* The receipt's part (liên) label, top left. */
static const char *part_label(int part, char buf[24])
{
    static const char *const parts[] = {
        "Liên 1: Giao người nộp hồ sơ",
        "Liên 2: Lưu tại Bộ phận Tiếp nhận và Trả kết quả"};
    if (part <= 0)
        return NULL;
    if (part <= 2)
        return parts[part - 1];
    snprintf(buf, 24, "Liên %d", part);
    return buf;
}

/* The receipt's part (liên), in the top margin at the left. */
static void part_mark(rctx *c)
{
    char pbuf[24];
    const char *part = part_label(c->part, pbuf);
    if (!part)
        return;
    lay_pen *p = &c->pen;
    char *m = lay_fmt("%s", part);
    lay_draw(p, m, p->left, p->top * 0.3, lay_width(p) * 0.62, c->s * 0.75,
             LAY_ITALIC);
    g_free(m);
}

/* "Thanh Hóa, ngày 03 tháng 3 năm 2026": a day below 10 and the months 1
 * and 2 take a leading zero (Decree 30/2020/NĐ-CP, appendix I); a place
 * not configured is a dotted blank for the pen. */
static char *date_line(const pr_form *f)
{
    mc_date d = mc_ts_vn_date(f->printed_at);
    char month[8];
    snprintf(month, sizeof month, d.m < 3 ? "%02d" : "%d", d.m);
    return lay_fmt("%s, ngày %02d tháng %s năm %04d",
                   has(f->office.place) ? f->office.place : "…………",
                   d.d, month, d.y);
}

/* The largest size <= `size` (and >= 0.8 of it) at which `markup` stays
 * on one line `width` wide. */
static double one_line(lay_pen *p, const char *markup, double width,
                       double size, unsigned flags)
{
    double w = lay_natural(p, markup, size, flags);
    if (w <= width)
        return size;
    double k = width / w;
    return size * (k < 0.8 ? 0.8 : k);
}

/* A block centred in a column, wrapped in balanced lines; returns its
 * height. */
static double centred(lay_pen *p, const char *markup, double x, double y,
                      double width, double size, unsigned flags)
{
    double bw = lay_balanced(p, markup, width, size, flags | LAY_CENTER);
    return lay_draw(p, markup, x + (width - bw) / 2, y, bw, size,
                    flags | LAY_CENTER);
}

#define MOTTO_1 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#define MOTTO_2 "Độc lập - Tự do - Hạnh phúc"

/* Agency and the form's number (left), motto and place and date (right);
 * in the top margin the form number (right) and the receipt's part
 * (left).  The right column is as wide as the motto or the date line
 * needs; the left takes the rest, and an agency name too long for it
 * wraps in lines of even length. */
static void header(rctx *c)
{
    lay_pen *p = &c->pen;
    const pr_form *f = c->f;
    double s = c->s, W = lay_width(p);
    double s_agency = s * 0.95, s_motto = s * 0.86, gap = s * 0.8;
    char *date = date_line(f);
    double rw = lay_natural(p, MOTTO_1, s_motto, LAY_BOLD);
    double dw = lay_natural(p, date, s_agency, LAY_ITALIC);
    rw = (dw > rw ? dw : rw) + s * 0.4;
    if (rw > W * 0.6)
        rw = W * 0.6;
    double lw = W - rw - gap, x0 = p->left, x1 = p->left + lw + gap;
    double y = p->y;

    part_mark(c);
    double ty = p->top * 0.3;
    if (pr_doc_form_no(f->doc))
        lay_draw(p, pr_doc_form_no(f->doc), p->left + W * 0.62, ty, W * 0.38,
                 s * 0.8, LAY_RIGHT | LAY_BOLD);

    /* the agency names: the largest size down to 0.85 of it at which the
     * parent agency takes at most two lines and the office one */
    char *parent = lay_fmt("%s", v(f->office.parent_agency));
    char *office = lay_fmt("%s", v(f->office.name));
    static const double shrink[] = {1.0, 0.95, 0.9, 0.85};
    double sa = s_agency;
    for (size_t i = 0; i < sizeof shrink / sizeof *shrink; i++) {
        sa = s_agency * shrink[i];
        if (lay_lines(p, parent, lw, sa, 0) <= 2 &&
            lay_lines(p, office, lw, sa, LAY_BOLD) <= 1)
            break;
    }
    double ly = y;
    ly += centred(p, parent, x0, ly, lw, sa, 0);
    ly += centred(p, office, x0, ly, lw, sa, LAY_BOLD);
    g_free(parent);
    g_free(office);
    char *m;
    lay_hline(p, x0 + lw * 0.3, x0 + lw * 0.7, ly + 2, 0.6);
    ly += 5;
    const char *number = has(f->number) ? f->number : f->dossier.code;
    if (f->doc != PR_BOOK) {
        m = lay_fmt("Số: %s", v(number));
        ly += lay_draw(p, m, x0, ly, lw, one_line(p, m, lw, s * 0.9, 0),
                       LAY_CENTER);
        g_free(m);
    }

    double ry = y;
    ry += lay_draw(p, MOTTO_1, x1, ry, rw, s_motto, LAY_CENTER | LAY_BOLD);
    ry += lay_draw(p, MOTTO_2, x1, ry, rw, s_agency, LAY_CENTER | LAY_BOLD);
    double mw = lay_natural(p, MOTTO_2, s_agency, LAY_BOLD);
    lay_hline(p, x1 + (rw - mw) / 2, x1 + (rw + mw) / 2, ry + 2, 0.6);
    ry += 5;
    ry += lay_draw(p, date, x1, ry, rw, s_agency, LAY_CENTER | LAY_ITALIC);
    g_free(date);
    p->y = (ly > ry ? ly : ry) + s * 0.8;
}

/* A centred heading across the text width, in balanced lines. */
static void heading(lay_pen *p, const char *markup, double size,
                    unsigned flags, double after)
{
    double W = lay_width(p);
    double bw = lay_balanced(p, markup, W, size, flags | LAY_CENTER);
    lay_para_at(p, markup, p->left + (W - bw) / 2, bw, size,
                flags | LAY_CENTER, after);
}

static void title(rctx *c, const char *extra)
{
    heading(&c->pen, pr_doc_title(c->f->doc), c->s * 1.15, LAY_BOLD, 2);
    if (extra)
        lay_para(&c->pen, extra, c->s, LAY_CENTER | LAY_ITALIC, 2);
    c->pen.y += c->s * 0.6;
}

/* A paragraph at the cursor, narrower beside a floating block. */
static void para(rctx *c, const char *markup, double size, unsigned flags,
                 double after)
{
    lay_pen *p = &c->pen;
    double w = lay_width(p);
    if (p->y < c->float_bottom)
        w -= c->float_w;
    lay_para_at(p, markup, p->left, w, size, flags, after);
}

/* "label: value" with the value in bold, hanging under the label. */
static void field(rctx *c, const char *label, const char *value)
{
    char *m = lay_fmt("%s: <b>%s</b>", label, v(value));
    para(c, m, c->s, LAY_LEFT, c->s * 0.15);
    g_free(m);
}

/* Running text (justified). */
static void text(rctx *c, const char *markup)
{
    para(c, markup, c->s, LAY_JUSTIFY, 1.5);
}

/* A line of fields (not justified: the gaps between fields stay even). */
static void line(rctx *c, const char *markup)
{
    para(c, markup, c->s, LAY_LEFT, c->s * 0.15);
}

static void numbered(rctx *c, const char *const *items, size_t n)
{
    lay_pen *p = &c->pen;
    if (n == 0) {
        text(c, DOTS DOTS);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *m = lay_fmt("%zu. %s", i + 1, v(items[i]));
        lay_para_at(p, m, p->left + c->s * 1.2, lay_width(p) - c->s * 1.2,
                    c->s, LAY_LEFT, 1.5);
        g_free(m);
    }
}

/* Signature blocks: one or two columns with a title, a hint and a name,
 * and room to sign between.  With draw false only the height. */
typedef struct sigs {
    const char *lt, *lname; /* left column; lt NULL = none */
    const char *rt, *rhint, *rname;
} sigs;

static double sig_block(rctx *c, const sigs *g, bool draw)
{
    lay_pen *p = &c->pen;
    double s = c->s, W = lay_width(p), gap = s * 4, half = W / 2;
    double y = p->y + s * 0.4, h = 0, nh = 0;
    for (int side = 0; side < 2; side++) {
        const char *t = side ? g->rt : g->lt;
        if (!t)
            continue;
        const char *hint = side && g->rhint ? g->rhint
                                            : "(Ký và ghi rõ họ tên)";
        const char *name = side ? g->rname : g->lname;
        double x = p->left + side * half;
        char *m = lay_fmt("%s", has(name) ? name : "");
        double th, hh, n;
        if (draw) {
            th = lay_draw(p, t, x, y, half, s, LAY_CENTER | LAY_BOLD);
            hh = lay_draw(p, hint, x, y + th, half, s * 0.85,
                          LAY_CENTER | LAY_ITALIC);
            n = lay_draw(p, m, x, y + th + hh + gap, half, s,
                         LAY_CENTER | LAY_BOLD);
        } else {
            th = lay_measure(p, t, half, s, LAY_CENTER | LAY_BOLD);
            hh = lay_measure(p, hint, half, s * 0.85, LAY_CENTER | LAY_ITALIC);
            n = lay_measure(p, m, half, s, LAY_CENTER | LAY_BOLD);
        }
        g_free(m);
        if (th + hh > h)
            h = th + hh;
        if (n > nh)
            nh = n;
    }
    double total = s * 0.4 + h + gap + nh + s * 0.5;
    if (draw)
        p->y += total;
    return total;
}

/* The closing paragraph of a form and its signatures, kept on one page:
 * a signature never starts a page on its own. */
static void closing(rctx *c, const char *markup, const sigs *g)
{
    lay_pen *p = &c->pen;
    double h = markup ? lay_measure(p, markup, lay_width(p), c->s,
                                    LAY_JUSTIFY) + 1.5
                      : 0;
    lay_need(p, h + sig_block(c, g, false));
    if (markup)
        text(c, markup);
    sig_block(c, g, true);
}

static const char *who(const pr_dossier *d)
{
    return d->organisation ? "Tổ chức" : "Ông/Bà";
}

static const char *id_label(const pr_dossier *d)
{
    return d->organisation ? "Mã số định danh của tổ chức (mã số thuế)"
                           : "Số định danh cá nhân (CCCD)";
}

/* Applicant block shared by the receipt, supplement and refusal forms. */
static void applicant(rctx *c, const pr_dossier *d, bool with_rep)
{
    field(c, who(d), d->applicant_name);
    field(c, id_label(d), d->id_number);
    field(c, "Địa chỉ", d->address);
    char *m = lay_fmt("Số điện thoại: <b>%s</b>     Email: <b>%s</b>",
                      v(d->phone), v(d->email));
    line(c, m);
    g_free(m);
    if (with_rep) {
        if (has(d->rep_name)) {
            m = lay_fmt("Người được ủy quyền nộp hồ sơ: <b>%s</b>; số định "
                        "danh: <b>%s</b>; điện thoại: <b>%s</b>",
                        d->rep_name, v(d->rep_id_number), v(d->rep_phone));
        } else {
            m = lay_fmt("Người được ủy quyền nộp hồ sơ (nếu có): %s", "không");
        }
        line(c, m);
        g_free(m);
    }
}

/* --- the receipt (Mẫu 01) ------------------------------------------------ */

/* The QR code's module: 0.75 mm on A5 (4.4 dots at 150 dpi, so the code
 * reads from a page rendered or scanned at 100-150 dpi), 1 mm on A4;
 * error correction M. */
#define QR_MODULE_A5 (0.75 * LAY_MM)
#define QR_MODULE_A4 (1.0 * LAY_MM)

/* The place where the result is collected, after the form's own "Đăng ký
 * nhận kết quả tại:" ("Tại Bộ phận ..." would say "tại" twice). */
static const char *delivery_place(const char *s)
{
    static const char *const at[] = {"Tại ", "tại "};
    for (size_t i = 0; i < 2; i++)
        if (strncmp(s, at[i], strlen(at[i])) == 0)
            return s + strlen(at[i]);
    return s;
}

/* Item 6: where the result goes back (return_channel.h).  At the desk the
 * form's own words; by post the address it is sent to; electronically the
 * email (or the national portal for a dossier filed online). */
static char *receipt_return_line(const pr_dossier *d, const pr_form *f)
{
    switch (d->return_channel) {
    case RET_POST:
        return lay_fmt("6. Đăng ký nhận kết quả: <b>%s</b>, gửi đến địa chỉ: "
                       "<b>%s</b>",
                       return_channel_label_vi(RET_POST), v(d->address));
    case RET_ELECTRONIC:
        return lay_fmt("6. Đăng ký nhận kết quả: <b>%s</b>, gửi đến: <b>%s</b>",
                       return_channel_label_vi(RET_ELECTRONIC),
                       has(d->email) ? d->email
                                     : "Cổng Dịch vụ công quốc gia");
    default:
        return lay_fmt("6. Đăng ký nhận kết quả tại: <b>%s</b>",
                       has(d->result_delivery)
                           ? delivery_place(d->result_delivery)
                           : v(f->office.name));
    }
}

/* A continuation page of one copy: what it continues, and the head of the
 * paper table when the table goes on. */
static void receipt_on_page(lay_pen *p, void *ud)
{
    rctx *c = ud;
    stamp(c);
    char pbuf[24];
    const char *part = part_label(c->part, pbuf);
    char *m = lay_fmt("%s — Mã hồ sơ: %s%s%s (tiếp theo)",
                      pr_doc_title(c->f->doc), v(c->f->dossier.code),
                      part ? " — " : "", part ? part : "");
    lay_para(p, m, c->s * 0.8, LAY_CENTER | LAY_ITALIC, c->s * 0.5);
    g_free(m);
    if (c->tcols)
        lay_row(p, c->tcols, c->tw, c->thead, c->tsize, LAY_CENTER | LAY_BOLD,
                NULL);
}

/* The paper table: the number, count and form columns as wide as their
 * widest cell, the names take the rest. */
static void paper_table(rctx *c, const pr_dossier *d)
{
    lay_pen *p = &c->pen;
    double s = c->s, W = lay_width(p), ts = s * 0.88, pad = 6;
    static const char *const hd[4] = {"TT", "Tên giấy tờ", "Hình thức",
                                      "Số lượng"};
    static const unsigned cf[4] = {LAY_CENTER, LAY_LEFT, LAY_CENTER,
                                   LAY_CENTER};
    double w0 = lay_natural(p, hd[0], ts, LAY_BOLD);
    double w2 = lay_natural(p, hd[2], ts, LAY_BOLD);
    double w3 = lay_natural(p, hd[3], ts, LAY_BOLD);
    char num[24];
    snprintf(num, sizeof num, "%zu", d->n_papers);
    double nw = lay_natural(p, num, ts, 0);
    if (nw > w0)
        w0 = nw;
    for (size_t i = 0; i < d->n_papers; i++) {
        char *form = lay_fmt("%s", v(d->papers[i].form));
        double fw = lay_natural(p, form, ts, 0);
        g_free(form);
        if (fw > w2)
            w2 = fw;
    }
    w0 += pad;
    w3 += pad;
    w2 += pad;
    if (w2 > W * 0.28)
        w2 = W * 0.28;
    double cw[4] = {w0, W - w0 - w2 - w3, w2, w3};

    /* the heading line stays with the table head and the first row */
    const char *label = "1. Thành phần hồ sơ nộp gồm:";
    double need = lay_measure(p, label, W, s, LAY_LEFT) + s * 0.15 +
                  lay_row_height(p, 4, cw, hd, ts, LAY_CENTER | LAY_BOLD,
                                 NULL) +
                  (ts * 1.4 + pad) * 2;
    lay_need(p, need);
    line(c, label);
    c->tcols = 4;
    c->tw = cw;
    c->thead = hd;
    c->tsize = ts;
    lay_row(p, 4, cw, hd, ts, LAY_CENTER | LAY_BOLD, NULL);
    for (size_t i = 0; i < d->n_papers; i++) {
        char n1[24], n2[16];
        snprintf(n1, sizeof n1, "%zu", i + 1);
        snprintf(n2, sizeof n2, "%d", d->papers[i].count);
        char *name = lay_fmt("%s", v(d->papers[i].name));
        char *form = lay_fmt("%s", v(d->papers[i].form));
        const char *cells[4] = {n1, name, form, n2};
        lay_row(p, 4, cw, cells, ts, 0, cf);
        g_free(name);
        g_free(form);
    }
    if (d->n_papers == 0) {
        const char *cells[4] = {"", DOTS, "", ""};
        lay_row(p, 4, cw, cells, ts, 0, cf);
    }
    c->tcols = 0;
    c->tw = NULL;
    c->thead = NULL;
}

/* One line of the receipt's closing block. */
typedef struct cline {
    char *m;
    double size;
    unsigned flags;
} cline;

/* One copy (liên) from the top of a page: header, title, the QR code at
 * the right beside the code and the applicant, the papers, then items 2-6,
 * the book entry and the signatures, kept together so that a copy too
 * long for its page carries on with "2. ..." on the next page, never with
 * a lone signature block. */
static mc_status receipt_copy(rctx *c, mc_error *err)
{
    lay_pen *p = &c->pen;
    const pr_form *f = c->f;
    const pr_dossier *d = &f->dossier;
    double s = c->s, W = lay_width(p);
    char t1[64], t2[64];

    stamp(c);
    header(c);
    heading(p, pr_doc_title(f->doc), s * 1.1, LAY_BOLD, s * 0.4);

    /* the QR code under the title at the right; its quiet zone reaches
     * into the margin, and the text beside it ends where that zone
     * starts */
    const char *url = has(f->lookup_url) ? f->lookup_url : v(d->code);
    int n = lay_qr_modules(url);
    if (n == 0)
        return mc_fail(err, MC_EINVAL, "qr",
                       _("Không tạo được mã QR cho \"%s\""), url);
    double mod = f->paper == PR_PAPER_A5 ? QR_MODULE_A5 : QR_MODULE_A4;
    double side = (n + 2 * LAY_QR_QUIET) * mod;
    double qx = p->left + W - (n + LAY_QR_QUIET) * mod;
    mc_status rc = lay_qr(p->cr, url, qx, p->y, side, err);
    if (rc)
        return rc;
    c->float_w = (n + LAY_QR_QUIET) * mod;
    c->float_bottom = p->y + side;
    p->y += LAY_QR_QUIET * mod * 0.5;

    char *m = lay_fmt("Mã hồ sơ: <b>%s</b>", v(d->code));
    para(c, m, s * 1.05, LAY_LEFT, 1);
    g_free(m);
    para(c, "(Tra cứu tình trạng hồ sơ bằng mã hồ sơ hoặc quét mã QR)",
         s * 0.8, LAY_LEFT | LAY_ITALIC, s * 0.5);
    m = lay_fmt("%s tiếp nhận hồ sơ của:", v(f->office.name));
    line(c, m);
    g_free(m);
    applicant(c, d, true);
    field(c, "Nội dung yêu cầu giải quyết", d->procedure_name);
    if (p->y < c->float_bottom)
        p->y = c->float_bottom;
    c->float_bottom = 0;

    paper_table(c, d);

    /* items 2-6, the book entry and the office's address, then the
     * signatures: one block */
    cline cl[8];
    size_t k = 0;
    cl[k++] = (cline){
        lay_fmt("2. Số lượng hồ sơ: <b>%d</b> (bộ)", d->sets > 0 ? d->sets : 1),
        s, LAY_LEFT};
    cl[k++] = (cline){
        lay_fmt("3. Thời gian giải quyết hồ sơ theo quy định: <b>%d %s</b>",
                d->processing_days, v(d->processing_unit)),
        s, LAY_LEFT};
    ts_text(d->received_at, t1);
    cl[k++] = (cline){
        lay_fmt("4. Thời gian nhận hồ sơ: <b>%s</b>", t1), s, LAY_LEFT};
    ts_text(d->due_at, t2);
    cl[k++] = (cline){
        lay_fmt("5. Thời gian trả kết quả giải quyết hồ sơ: <b>%s</b>", t2),
        s, LAY_LEFT};
    cl[k++] = (cline){receipt_return_line(d, f), s, LAY_LEFT};
    cl[k++] = (cline){
        lay_fmt("Vào Sổ theo dõi hồ sơ: quyển số <b>%s</b>, số thứ tự <b>%ld</b>",
                v(d->book_volume), d->book_number),
        s, LAY_LEFT};
    if (has(f->office.address) || has(f->office.phone)) {
        char *phone = nobreak(v(f->office.phone));
        cl[k++] = (cline){lay_fmt("Địa chỉ nhận kết quả: %s; điện thoại: %s",
                                  v(f->office.address), phone),
                          s * 0.85, LAY_LEFT | LAY_ITALIC};
        g_free(phone);
    }
    sigs g = {"NGƯỜI NỘP HỒ SƠ",
              has(d->rep_name) ? d->rep_name : d->applicant_name,
              "NGƯỜI TIẾP NHẬN HỒ SƠ", NULL,
              has(d->received_by) ? d->received_by : f->officer};
    double top = s * 0.3, need = top + sig_block(c, &g, false);
    for (size_t i = 0; i < k; i++)
        need += lay_measure(p, cl[i].m, W, cl[i].size, cl[i].flags) +
                s * 0.15;
    lay_need(p, need);
    p->y += top;
    for (size_t i = 0; i < k; i++) {
        lay_para(p, cl[i].m, cl[i].size, cl[i].flags, s * 0.15);
        g_free(cl[i].m);
    }
    sig_block(c, &g, true);
    return MC_OK;
}

/* --- the other forms ------------------------------------------------------ */

static void supplement(rctx *c)
{
    const pr_form *f = c->f;
    const pr_dossier *d = &f->dossier;
    header(c);
    title(c, NULL);
    char *m = lay_fmt("%s đã nhận hồ sơ của:", v(f->office.name));
    text(c, m);
    g_free(m);
    field(c, who(d), d->applicant_name);
    field(c, "Nội dung yêu cầu giải quyết", d->procedure_name);
    field(c, "Địa chỉ", d->address);
    m = lay_fmt("Số điện thoại: <b>%s</b>     Email: <b>%s</b>", v(d->phone),
                v(d->email));
    line(c, m);
    g_free(m);
    field(c, "Mã hồ sơ", d->code);
    text(c, "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:");
    numbered(c, f->items, f->n_items);
    field(c, "Lý do", f->reason);
    m = lay_fmt("Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, %s liên "
                "hệ: <b>%s</b> để được hướng dẫn.",
                who(d), has(f->contact) ? f->contact : v(f->office.phone));
    closing(c, m, &(sigs){NULL, NULL, "NGƯỜI HƯỚNG DẪN", NULL, f->officer});
    g_free(m);
}

static void refusal(rctx *c)
{
    const pr_form *f = c->f;
    const pr_dossier *d = &f->dossier;
    header(c);
    title(c, NULL);
    char *m = lay_fmt("%s tiếp nhận hồ sơ của:", v(f->office.name));
    text(c, m);
    g_free(m);
    applicant(c, d, false);
    field(c, "Mã hồ sơ (nếu có)", d->code);
    field(c, "Nội dung yêu cầu giải quyết", d->procedure_name);
    m = lay_fmt("Sau khi nghiên cứu, đối chiếu với quy định, %s từ chối tiếp "
                "nhận, giải quyết hồ sơ này với lý do sau:",
                v(f->office.name));
    text(c, m);
    g_free(m);
    numbered(c, f->items, f->n_items);
    closing(c, "Xin thông báo để Ông/Bà được biết và thực hiện.",
            &(sigs){"NGƯỜI NỘP HỒ SƠ",
                    has(d->rep_name) ? d->rep_name : d->applicant_name,
                    "NGƯỜI TIẾP NHẬN HỒ SƠ", NULL, f->officer});
}


/* The opening of a letter to the applicant (apology, stop notice): the
 * header and title, "Kính gửi", the day the office `verb` the dossier, and
 * the dossier's identity lines. */
static void letter_opening(rctx *c, const char *verb)
{
    const pr_form *f = c->f;
    const pr_dossier *d = &f->dossier;
    char d1[16];
    header(c);
    title(c, NULL);
    char *m = lay_fmt("Kính gửi: %s <b>%s</b>", who(d), v(d->applicant_name));
    lay_para(&c->pen, m, c->s, LAY_CENTER, 4);
    g_free(m);
    date_text(d->received_at, d1);
    m = lay_fmt("Ngày <b>%s</b>, %s %s của %s:", has(d1) ? d1 : DOTS,
                v(f->office.name), verb, who(d));
    text(c, m);
    g_free(m);
    field(c, id_label(d), d->id_number);
    field(c, "Mã hồ sơ", d->code);
    field(c, "Thủ tục hành chính", d->procedure_name);
}

/* The letters are signed by the head of the agency. */
static const sigs head_signs = {NULL, NULL, "THỦ TRƯỞNG CƠ QUAN",
                                "(Ký, ghi rõ họ tên và đóng dấu)", NULL};

static void apology(rctx *c)
{
    const pr_form *f = c->f;
    const pr_dossier *d = &f->dossier;
    char t1[64], t2[64];
    letter_opening(c, "tiếp nhận giải quyết hồ sơ");
    char *m;
    field(c, "Cơ quan giải quyết", has(d->department) ? d->department
                                                       : f->office.parent_agency);
    ts_text(d->original_due_at > 0 ? d->original_due_at : d->due_at, t1);
    m = lay_fmt("Thời gian hẹn trả kết quả: <b>%s</b>.", t1);
    text(c, m);
    g_free(m);
    m = lay_fmt("Tuy nhiên đến nay, hồ sơ của %s chưa được giải quyết đúng "
                "thời hạn. Lý do: <b>%s</b>.",
                who(d), v(f->reason));
    text(c, m);
    g_free(m);
    ts_text(f->new_due_at > 0 ? f->new_due_at : d->due_at, t2);
    m = lay_fmt("Sự chậm trễ này đã gây phiền hà cho %s. Chúng tôi xin lỗi "
                "%s và đề nghị gia hạn thời gian trả kết quả đến: <b>%s</b>.",
                who(d), who(d), t2);
    text(c, m);
    g_free(m);
    closing(c,
            "Chúng tôi xin cam kết sẽ trả kết quả đúng thời gian đã hẹn lại. "
            "Rất mong nhận được sự thông cảm của Ông/Bà.",
            &head_signs);
}

static void stop_notice(rctx *c)
{
    const pr_form *f = c->f;
    const pr_dossier *d = &f->dossier;
    char d2[16];
    letter_opening(c, "tiếp nhận hồ sơ");
    char *m;
    date_text(f->printed_at, d2);
    m = lay_fmt("Cơ quan có thẩm quyền thông báo dừng giải quyết hồ sơ nêu trên "
                "kể từ ngày <b>%s</b>, với lý do:", d2);
    text(c, m);
    g_free(m);
    if (f->n_items)
        numbered(c, f->items, f->n_items);
    else {
        const char *one[1] = {f->reason};
        numbered(c, one, 1);
    }
    m = lay_fmt("Hồ sơ, giấy tờ đã nộp được trả lại tại %s. Xin thông báo để "
                "%s được biết.", v(f->office.name), who(d));
    closing(c, m, &head_signs);
    g_free(m);
}

static void control(rctx *c)
{
    lay_pen *p = &c->pen;
    const pr_form *f = c->f;
    const pr_dossier *d = &f->dossier;
    double s = c->s, W = lay_width(p);
    char t1[64], t2[64];
    header(c);
    char *m = lay_fmt("(Kèm theo hồ sơ của: %s)", v(d->applicant_name));
    title(c, m);
    g_free(m);
    field(c, "Mã hồ sơ", d->code);
    field(c, "Thủ tục hành chính", d->procedure_name);
    field(c, "Cơ quan giải quyết hồ sơ", has(d->department)
                                             ? d->department
                                             : f->office.parent_agency);
    field(c, "Cơ quan phối hợp giải quyết hồ sơ", NULL);
    ts_text(d->received_at, t1);
    ts_text(d->due_at, t2);
    m = lay_fmt("Thời gian nhận hồ sơ: <b>%s</b>", t1);
    text(c, m);
    g_free(m);
    m = lay_fmt("Thời gian hẹn trả kết quả: <b>%s</b>", t2);
    text(c, m);
    g_free(m);
    p->y += s * 0.5;
    double cw[4] = {W * 0.30, W * 0.30, W * 0.20, W * 0.20};
    const char *hd[4] = {"TÊN CƠ QUAN", "THỜI GIAN GIAO, NHẬN HỒ SƠ",
                         "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá "
                         "hạn)",
                         "GHI CHÚ"};
    lay_row(p, 4, cw, hd, s * 0.85, LAY_CENTER | LAY_BOLD, NULL);
    for (size_t i = 0; i < f->n_handovers; i++) {
        const pr_handover *h = &f->handovers[i];
        char at[64];
        ts_text(h->at, at);
        char *a = lay_fmt("%zu. Giao: <b>%s</b>\n%zu. Nhận: <b>%s</b>", i + 1,
                          v(h->giver), i + 1, v(h->receiver));
        char *b = lay_fmt("%s\n\nNgười giao\n\n\nNgười nhận\n", at);
        char *r = lay_fmt("%s", has(h->result) ? h->result : "");
        char *n = lay_fmt("%s", has(h->note) ? h->note : "");
        const char *cells[4] = {a, b, r, n};
        static const unsigned cf[4] = {LAY_LEFT, LAY_LEFT, LAY_CENTER,
                                       LAY_LEFT};
        lay_row(p, 4, cw, cells, s * 0.85, 0, cf);
        g_free(a);
        g_free(b);
        g_free(r);
        g_free(n);
    }
}

/* --- the tracking book (A4 landscape, many pages) ------------------------ */

#define BOOK_COLS 11
static const double book_w[BOOK_COLS] = {24, 124, 94, 78, 88, 68,
                                         56, 56, 56, 80, 50};
static const char *const book_head[BOOK_COLS] = {
    "Số TT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại", "Cơ quan chủ trì giải quyết",
    "Ngày nhận hồ sơ", "Ngày hẹn trả kết quả", "Ngày trả kết quả",
    "Hình thức trả kết quả / tình trạng", "Ký nhận"};

static void book_scale(const lay_pen *p, double out[BOOK_COLS])
{
    double sum = 0;
    for (int i = 0; i < BOOK_COLS; i++)
        sum += book_w[i];
    for (int i = 0; i < BOOK_COLS; i++)
        out[i] = book_w[i] * lay_width(p) / sum;
}

static void book_page(lay_pen *p, void *ud)
{
    rctx *c = ud;
    stamp(c);
    char *m = lay_fmt("%s — %s — Trang %d", pr_doc_title(PR_BOOK),
                      v(c->f->office.name), p->page);
    lay_draw(p, m, p->left, p->h - p->bottom + 6, lay_width(p), c->s * 0.75,
             LAY_RIGHT | LAY_ITALIC);
    g_free(m);
    double w[BOOK_COLS];
    book_scale(p, w);
    lay_row(p, BOOK_COLS, w, book_head, c->s * 0.8, LAY_CENTER | LAY_BOLD,
            NULL);
}

/* "Hình thức trả kết quả / tình trạng": the channel it went back by (the
 * postal tracking number and posting date), else the one chosen at
 * intake, then the status. */
static char *book_return_cell(const pr_dossier *d)
{
    char on[11] = "";
    if (d->posted_on.y)
        mc_date_format_vn(d->posted_on, on);
    static const char *const short_vi[RET__END] = {
        [RET_DESK] = "Tại quầy", [RET_POST] = "Bưu chính",
        [RET_ELECTRONIC] = "Điện tử"};
    unsigned ch = d->returned_via ? d->returned_via : d->return_channel;
    const char *how = ch > RET_NONE && ch < RET__END &&
                              (d->returned_via || ch != RET_DESK)
                          ? short_vi[ch]
                      : has(d->result_delivery) ? d->result_delivery
                                                : "";
    bool post = d->returned_via == RET_POST && has(d->post_tracking);
    return lay_fmt("%s%s%s%s%s%s%s", how, post ? ": " : "",
                   post ? d->post_tracking : "", post && on[0] ? ", " : "",
                   post ? on : "", has(how) && has(d->status) ? " / " : "",
                   has(d->status) ? d->status : "");
}

static void book(rctx *c)
{
    lay_pen *p = &c->pen;
    const pr_form *f = c->f;
    char d1[11], d2[11];
    stamp(c);
    header(c);
    mc_date_format_vn(f->from, d1);
    mc_date_format_vn(f->to, d2);
    char *m = lay_fmt("Từ ngày %s đến ngày %s — %zu hồ sơ", d1, d2, f->n_rows);
    title(c, m);
    g_free(m);
    p->on_page = NULL;
    book_page(p, c); /* the footer and the table head of page 1 */
    p->on_page = book_page;
    p->on_page_ud = c;
    double w[BOOK_COLS];
    book_scale(p, w);
    for (size_t i = 0; i < f->n_rows; i++) {
        const pr_dossier *d = &f->rows[i];
        char nr[24], rc[16], du[16], rt[16];
        snprintf(nr, sizeof nr, "%ld", d->book_number);
        date_text(d->received_at, rc);
        date_text(d->due_at, du);
        date_text(d->returned_at, rt);
        char *cells[BOOK_COLS] = {
            lay_fmt("%s", nr),
            lay_fmt("%s", has(d->code) ? d->code : ""),
            lay_fmt("%s", has(d->procedure_name) ? d->procedure_name : ""),
            lay_fmt("%s", has(d->applicant_name) ? d->applicant_name : ""),
            lay_fmt("%s%s%s", has(d->address) ? d->address : "",
                    has(d->address) && has(d->phone) ? "; " : "",
                    has(d->phone) ? d->phone : ""),
            lay_fmt("%s", has(d->department) ? d->department : ""),
            lay_fmt("%s", rc),
            lay_fmt("%s", du),
            lay_fmt("%s", rt),
            book_return_cell(d),
            lay_fmt("%s", has(d->receiver_name) ? d->receiver_name : ""),
        };
        static const unsigned cf[BOOK_COLS] = {LAY_CENTER, 0, 0, 0, 0, 0,
                                               LAY_CENTER, LAY_CENTER,
                                               LAY_CENTER, 0, 0};
        lay_row(p, BOOK_COLS, w, (const char *const *)cells, c->s * 0.8, 0,
                cf);
        for (int k = 0; k < BOOK_COLS; k++)
            g_free(cells[k]);
    }
    if (f->n_rows == 0)
        lay_para(p, "(Không có hồ sơ nào trong khoảng thời gian này)", c->s,
                 LAY_CENTER | LAY_ITALIC, 0);
    /* the returns of these dossiers, per channel */
    long per[RET__END] = {0};
    for (size_t i = 0; i < f->n_rows; i++)
        if (f->rows[i].returned_via > RET_NONE &&
            f->rows[i].returned_via < RET__END)
            per[f->rows[i].returned_via]++;
    m = lay_fmt("Đã trả kết quả: %ld hồ sơ — %s: %ld; %s: %ld; %s: %ld",
                per[RET_DESK] + per[RET_POST] + per[RET_ELECTRONIC],
                return_channel_label_vi(RET_DESK), per[RET_DESK],
                return_channel_label_vi(RET_POST), per[RET_POST],
                return_channel_label_vi(RET_ELECTRONIC), per[RET_ELECTRONIC]);
    p->y += c->s * 0.5;
    lay_para(p, m, c->s * 0.9, LAY_LEFT | LAY_ITALIC, 0);
    g_free(m);
}

/* --- the PDF surface ------------------------------------------------------ */

static cairo_status_t to_buf(void *closure, const unsigned char *data,
                             unsigned int length)
{
    pr_buf *b = closure;
    pr_buf_add(b, data, length);
    return b->overflow ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* a whole PDF ends with its trailer: "%%EOF" and an end of line */
static bool pdf_complete(const pr_buf *b)
{
    static const char eof[] = "%%EOF";
    size_t n = b->len;
    while (n > 0 && (b->data[n - 1] == '\n' || b->data[n - 1] == '\r'))
        n--;
    return n >= sizeof eof - 1 &&
           memcmp(b->data + n - (sizeof eof - 1), eof, sizeof eof - 1) == 0;
}

/* Ready a pen on `surface`: the cairo context, a pango layout at 72 dpi
 * (a point is a PDF unit) without hinting, the serif font, page 1. */
static void pen_open(lay_pen *p, cairo_surface_t *surface)
{
    p->surface = surface;
    p->cr = cairo_create(surface);
    p->layout = pango_cairo_create_layout(p->cr);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(p->layout),
                                         fo);
    pango_cairo_context_set_resolution(pango_layout_get_context(p->layout),
                                       72);
    cairo_font_options_destroy(fo);
    pango_layout_context_changed(p->layout);
    p->font = pango_font_description_from_string(LAY_SERIF);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    p->page = 1;
    p->y = p->top;
}

static void pen_close(lay_pen *p)
{
    pango_font_description_free(p->font);
    g_object_unref(p->layout);
    cairo_destroy(p->cr);
    p->font = NULL;
    p->layout = NULL;
    p->cr = NULL;
}

/* The receipt's type scale: the largest of 1 ... 0.8 at which one copy
 * fits its page, found by drawing the copy (without its part label) on a
 * recording surface with the same fonts and metrics as the PDF.  When a
 * scale fits, *page is that drawing: every copy replays it (one layout
 * for all copies; the PDF holds the page once, as a form) and adds its
 * label.  A dossier with so many papers that no scale fits keeps the full
 * size and *page NULL: its copies are drawn one by one and run onto more
 * pages (small type would only make them harder to read; receipt_copy
 * keeps the signatures with the closing lines). */
static mc_status receipt_scale(const rctx *proto, double *scale,
                               cairo_surface_t **page, mc_error *err)
{
    static const double steps[] = {1.0, 0.95, 0.9, 0.85, 0.8};
    *page = NULL;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        rctx c = *proto;
        c.s = proto->s * steps[i];
        c.part = 0;
        cairo_rectangle_t box = {0, 0, c.pen.w, c.pen.h};
        cairo_surface_t *rs =
            cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &box);
        pen_open(&c.pen, rs);
        c.pen.on_page = receipt_on_page;
        c.pen.on_page_ud = &c;
        mc_status rc = receipt_copy(&c, err);
        bool fits = c.pen.page == 1;
        pen_close(&c.pen);
        if (rc || !fits) {
            cairo_surface_destroy(rs);
            if (rc)
                return rc;
            continue;
        }
        *scale = steps[i];
        *page = rs;
        break;
    }
    return MC_OK;
}

mc_status pr_render_pdf(const pr_form *f, pr_buf *out, mc_error *err)
{
    bool landscape = f->doc == PR_BOOK;
    bool a5 = f->paper == PR_PAPER_A5 && !landscape;
    double w = a5 ? PT_A5_W : PT_A4_W, h = a5 ? PT_A4_W : PT_A4_H;
    if (landscape) {
        double t = w;
        w = h;
        h = t;
    }
    /* sizes in points: the pango context is set to 72 dpi below, so a
     * point is a PDF unit (forms are set in 13-14 pt on A4; the receipt,
     * which must fit one page per copy, in 13 pt on A4 and 10 pt on A5) */
    rctx c = {.f = f,
              .s = f->doc == PR_RECEIPT ? (a5 ? 10.0 : 13.0)
                   : a5                 ? 10.6
                   : landscape          ? 11.0
                                        : 14.6};
    lay_pen *p = &c.pen;
    p->form = f;
    p->w = w;
    p->h = h;
    p->left = (a5 ? 12 : 20) * LAY_MM;
    p->right = (a5 ? 10 : 15) * LAY_MM;
    p->top = p->bottom = (a5 ? 9 : 13) * LAY_MM;
    if (landscape)
        p->left = p->right = 12 * LAY_MM;
    cairo_surface_t *surface =
        cairo_pdf_surface_create_for_stream(to_buf, out, w, h);
    mc_status rc = MC_OK;
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_status_t cs = cairo_surface_status(surface);
        rc = mc_fail(err, cs == CAIRO_STATUS_NO_MEMORY ? MC_ENOMEM : MC_EIO,
                     "pdf", _("Không tạo được tệp PDF: %s"),
                     cairo_status_to_string(cs));
        cairo_surface_destroy(surface);
        return rc;
    }
    /* a fixed creation date makes the same form give the same bytes */
    char iso[26];
    mc_ts_format_vn(f->printed_at, iso);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   iso);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                   pr_doc_title(f->doc));
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
                                   "motcua " MOTCUA_VERSION);
    pen_open(p, surface);
    p->on_page = on_page;
    p->on_page_ud = &c;

    switch (f->doc) {
    case PR_RECEIPT: {
        double k = 1;
        cairo_surface_t *page = NULL;
        rc = receipt_scale(&c, &k, &page, err);
        c.s *= k;
        int parts = f->copy_no > 0 ? 1 : f->copies > 0 ? f->copies : 1;
        for (int i = 0; i < parts && !rc; i++) {
            if (i > 0) { /* a copy starts a page of its own */
                p->on_page = NULL;
                lay_new_page(p);
            }
            c.part = f->copy_no > 0 || parts == 1 ? 0 : i + 1;
            if (page) {
                cairo_set_source_surface(p->cr, page, 0, 0);
                cairo_paint(p->cr);
                cairo_set_source_rgb(p->cr, 0, 0, 0);
                part_mark(&c);
            } else {
                p->on_page = receipt_on_page;
                rc = receipt_copy(&c, err);
            }
        }
        if (page)
            cairo_surface_destroy(page);
        break;
    }
    case PR_SUPPLEMENT: stamp(&c); supplement(&c); break;
    case PR_REFUSAL: stamp(&c); refusal(&c); break;
    case PR_APOLOGY: stamp(&c); apology(&c); break;
    case PR_STOP: stamp(&c); stop_notice(&c); break;
    case PR_CONTROL: stamp(&c); control(&c); break;
    case PR_BOOK: book(&c); break;
    default:
        rc = mc_fail(err, MC_EINVAL, "document", _("Không có mẫu phiếu này"));
    }
    cairo_show_page(p->cr);
    pen_close(p);
    cairo_surface_finish(surface);
    cairo_status_t st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    /* cairo 1.16 does not always report an allocation that failed while it
     * finished the document (the surface status stays SUCCESS): the file
     * then stops before its trailer.  Out of memory is the only way there
     * (our stream's overflow is checked apart), so a document without
     * "%%EOF" at its end is treated as such, and not written. */
    if (!rc && st == CAIRO_STATUS_SUCCESS && !out->overflow &&
        !pdf_complete(out))
        st = CAIRO_STATUS_NO_MEMORY;
    if (!rc && (st != CAIRO_STATUS_SUCCESS || out->overflow))
        rc = mc_fail(err,
                     out->overflow                  ? MC_ELIMIT
                     : st == CAIRO_STATUS_NO_MEMORY ? MC_ENOMEM
                                                    : MC_EIO,
                     "pdf", _("Không tạo được tệp PDF: %s"),
                     out->overflow ? _("quá lớn") : cairo_status_to_string(st));
    return rc;
}
