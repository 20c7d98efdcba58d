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

static const struct {
    const char *name, *title;
} docs[PR__DOC_COUNT] = {
#define X(e, n, t) [e] = {n, t},
    PR_DOC_LIST(X)
#undef X
};

const char *pr_doc_name(pr_doc d)
{
    return (unsigned)d < PR__DOC_COUNT ? docs[d].name : "?";
}

const char *pr_doc_title(pr_doc d)
{
    return (unsigned)d < PR__DOC_COUNT ? docs[d].title : "?";
}

bool pr_doc_parse(const char *name, pr_doc *out)
{
    for (int i = 0; name && i < PR__DOC_COUNT; i++)
        if (strcmp(name, docs[i].name) == 0) {
            *out = (pr_doc)i;
            return true;
        }
    return false;
}

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

/* --- the common parts ---------------------------------------------------- */

typedef struct rctx {
    lay_pen pen;
    const pr_form *f;
    double s; /* base font size */
    int part; /* receipt part (liên), 1-based; 0 = none */
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

/* Agency + form number (left), motto + place and date (right). */
static void header(rctx *c)
{
    lay_pen *p = &c->pen;
    const pr_form *f = c->f;
    double s = c->s, W = lay_width(p);
    double lw = W * 0.42, rw = W - lw, x0 = p->left, x1 = p->left + lw;
    double y = p->y;

    if (c->part > 0) {
        static const char *const parts[] = {
            "Liên 1: Giao người nộp hồ sơ",
            "Liên 2: Lưu tại Bộ phận Tiếp nhận và Trả kết quả"};
        char *m = lay_fmt("%s", c->part <= 2 ? parts[c->part - 1] : "");
        if (c->part > 2) {
            g_free(m);
            m = lay_fmt("Liên %d", c->part);
        }
        lay_draw(p, m, x0, p->top * 0.35, W * 0.6, s * 0.75, LAY_ITALIC);
        g_free(m);
    }

    double ly = y;
    char *m = lay_fmt("%s", v(f->office.parent_agency));
    ly += lay_draw(p, m, x0, ly, lw, s * 0.95, LAY_CENTER);
    g_free(m);
    m = lay_fmt("%s", v(f->office.name));
    ly += lay_draw(p, m, x0, ly, lw, s * 0.95, LAY_CENTER | LAY_BOLD);
    g_free(m);
    lay_hline(p, x0 + lw * 0.3, x0 + lw * 0.7, ly + 2, 0.6);
    ly += 6;
    const char *number = has(f->number) ? f->number : f->dossier.code;
    if (f->doc != PR_BOOK) {
        m = lay_fmt("Số: %s", v(number));
        ly += lay_draw(p, m, x0, ly, lw, s * 0.9, LAY_CENTER);
        g_free(m);
    }

    double ry = y;
    ry += lay_draw(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x1, ry, rw,
                   s * 0.86, LAY_CENTER | LAY_BOLD);
    ry += lay_draw(p, "Độc lập - Tự do - Hạnh phúc", x1, ry, rw, s * 0.95,
                   LAY_CENTER | LAY_BOLD);
    lay_hline(p, x1 + rw * 0.27, x1 + rw * 0.73, ry + 2, 0.6);
    ry += 6;
    mc_date d = mc_ts_vn_date(f->printed_at);
    m = lay_fmt("%s%sngày %02d tháng %02d năm %04d",
                has(f->office.place) ? f->office.place : "",
                has(f->office.place) ? ", " : "", d.d, d.m, d.y);
    ry += lay_draw(p, m, x1, ry, rw, s * 0.95, LAY_CENTER | LAY_ITALIC);
    g_free(m);
    p->y = (ly > ry ? ly : ry) + s;
}

static void title(rctx *c, const char *extra)
{
    lay_para(&c->pen, pr_doc_title(c->f->doc), c->s * 1.15,
             LAY_CENTER | LAY_BOLD, 2);
    if (extra)
        lay_para(&c->pen, extra, c->s, LAY_CENTER | LAY_ITALIC, 2);
    c->pen.y += c->s * 0.6;
}

/* "label: value" with the value in bold, hanging under the label. */
static void field(rctx *c, const char *label, const char *value)
{
    char *m = lay_fmt("%s: <b>%s</b>", label, v(value));
    lay_para(&c->pen, m, c->s, LAY_LEFT, 1.5);
    g_free(m);
}

static void text(rctx *c, const char *markup)
{
    lay_para(&c->pen, markup, c->s, LAY_JUSTIFY, 1.5);
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

/* Signature blocks: one or two columns with a title, a hint and a name. */
static void signatures(rctx *c, const char *lt, const char *lname,
                       const char *rt, const char *rhint, const char *rname)
{
    lay_pen *p = &c->pen;
    double s = c->s, W = lay_width(p), gap = s * 4;
    p->y += s * 0.4;
    lay_need(p, s * 3.6 + gap);
    double y = p->y, half = W / 2, hy = 0;
    if (lt) {
        double h = lay_draw(p, lt, p->left, y, half, s, LAY_CENTER | LAY_BOLD);
        h += lay_draw(p, "(Ký và ghi rõ họ tên)", p->left, y + h, half,
                      s * 0.85, LAY_CENTER | LAY_ITALIC);
        char *m = lay_fmt("%s", has(lname) ? lname : "");
        lay_draw(p, m, p->left, y + h + gap, half, s, LAY_CENTER | LAY_BOLD);
        g_free(m);
        hy = h;
    }
    double h = lay_draw(p, rt, p->left + half, y, half, s,
                        LAY_CENTER | LAY_BOLD);
    h += lay_draw(p, rhint ? rhint : "(Ký và ghi rõ họ tên)", p->left + half,
                  y + h, half, s * 0.85, LAY_CENTER | LAY_ITALIC);
    char *m = lay_fmt("%s", has(rname) ? rname : "");
    double nh = lay_draw(p, m, p->left + half, y + h + gap, half, s,
                         LAY_CENTER | LAY_BOLD);
    g_free(m);
    if (hy > h)
        h = hy;
    p->y = y + h + gap + nh + s;
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
    text(c, m);
    g_free(m);
    if (with_rep) {
        if (has(d->rep_name)) {
            m = lay_fmt("Người được ủy quyền nộp hồ sơ: <b>%s</b>; số định "
                        "danh: <b>%s</b>; điện thoại: <b>%s</b>",
                        d->rep_name, v(d->rep_id_number), v(d->rep_phone));
        } else {
            m = lay_fmt("Người được ủy quyền nộp hồ sơ (nếu có): %s", "không");
        }
        text(c, m);
        g_free(m);
    }
}

/* --- the receipt (Mẫu 01) ------------------------------------------------ */

static mc_status receipt_page(rctx *c, mc_error *err)
{
    lay_pen *p = &c->pen;
    const pr_form *f = c->f;
    const pr_dossier *d = &f->dossier;
    double s = c->s, W = lay_width(p);
    char t1[64], t2[64];

    stamp(c);
    header(c);

    /* the title beside the QR code, the code in clear under the QR */
    double qside = f->paper == PR_PAPER_A5 ? 24 * LAY_MM : 30 * LAY_MM;
    double tw = W - qside - 24;
    double y0 = p->y;
    double th = lay_draw(p, pr_doc_title(f->doc), p->left, y0, tw, s * 1.05,
                         LAY_CENTER | LAY_BOLD);
    char *m = lay_fmt("Mã hồ sơ: <b>%s</b>", v(d->code));
    th += lay_draw(p, m, p->left, y0 + th + 2, tw, s * 1.05, LAY_CENTER);
    g_free(m);
    m = lay_fmt("(Tra cứu tình trạng hồ sơ bằng mã hồ sơ hoặc quét mã QR)");
    th += lay_draw(p, m, p->left, y0 + th + 4, tw, s * 0.8,
                   LAY_CENTER | LAY_ITALIC) + 4;
    g_free(m);
    double qx = p->left + W - qside, qy = y0 - s * 0.4;
    mc_status rc = lay_qr(p->cr, has(f->lookup_url) ? f->lookup_url : v(d->code),
                          qx, qy, qside, err);
    if (rc)
        return rc;
    m = lay_fmt("%s", v(d->code));
    double ch = lay_draw(p, m, qx - 30, qy + qside, qside + 30, s * 0.55,
                         LAY_CENTER);
    g_free(m);
    double qbottom = qy + qside + ch;
    p->y = (y0 + th > qbottom ? y0 + th : qbottom) + s * 0.5;

    m = lay_fmt("%s tiếp nhận hồ sơ của:", v(f->office.name));
    text(c, m);
    g_free(m);
    applicant(c, d, true);
    field(c, "Nội dung yêu cầu giải quyết", d->procedure_name);

    text(c, "1. Thành phần hồ sơ nộp gồm:");
    double cw[4] = {W * 0.07, W * 0.59, W * 0.22, W * 0.12};
    const char *hd[4] = {"TT", "Tên giấy tờ", "Hình thức", "Số lượng"};
    lay_row(p, 4, cw, hd, s * 0.9, LAY_CENTER | LAY_BOLD, NULL);
    static const unsigned cf[4] = {LAY_CENTER, LAY_LEFT, LAY_CENTER,
                                   LAY_CENTER};
    for (size_t i = 0; i < d->n_papers; i++) {
        char n1[24], n2[16];
        snprintf(n1, sizeof n1, "%zu", i + 1);
        snprintf(n2, sizeof n2, "%d", d->papers[i].count);
        char *name = lay_fmt("%s", v(d->papers[i].name));
        char *form = lay_fmt("%s", v(d->papers[i].form));
        const char *cells[4] = {n1, name, form, n2};
        lay_row(p, 4, cw, cells, s * 0.9, 0, cf);
        g_free(name);
        g_free(form);
    }
    if (d->n_papers == 0) {
        const char *cells[4] = {"", DOTS, "", ""};
        lay_row(p, 4, cw, cells, s * 0.9, 0, cf);
    }
    p->y += 3;
    m = lay_fmt("2. Số lượng hồ sơ: <b>%d</b> (bộ)", d->sets > 0 ? d->sets : 1);
    text(c, m);
    g_free(m);
    m = lay_fmt("3. Thời gian giải quyết hồ sơ theo quy định: <b>%d %s</b>",
                d->processing_days, v(d->processing_unit));
    text(c, m);
    g_free(m);
    ts_text(d->received_at, t1);
    m = lay_fmt("4. Thời gian nhận hồ sơ: <b>%s</b>", t1);
    text(c, m);
    g_free(m);
    ts_text(d->due_at, t2);
    m = lay_fmt("5. Thời gian trả kết quả giải quyết hồ sơ: <b>%s</b>", t2);
    text(c, m);
    g_free(m);
    m = lay_fmt("6. Đăng ký nhận kết quả tại: <b>%s</b>",
                has(d->result_delivery) ? d->result_delivery
                                        : v(f->office.name));
    text(c, m);
    g_free(m);
    m = lay_fmt("Vào Sổ theo dõi hồ sơ: quyển số <b>%s</b>, số thứ tự <b>%ld</b>",
                v(d->book_volume), d->book_number);
    text(c, m);
    g_free(m);
    if (has(f->office.address) || has(f->office.phone)) {
        m = lay_fmt("<i>Địa chỉ nhận kết quả: %s; điện thoại: %s</i>",
                    v(f->office.address), v(f->office.phone));
        lay_para(p, m, s * 0.85, LAY_LEFT, 1.5);
        g_free(m);
    }
    signatures(c, "NGƯỜI NỘP HỒ SƠ",
               has(d->rep_name) ? d->rep_name : d->applicant_name,
               "NGƯỜI TIẾP NHẬN HỒ SƠ", NULL, has(d->received_by)
                                                 ? d->received_by
                                                 : f->officer);
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
    text(c, m);
    g_free(m);
    field(c, "Mã hồ sơ", d->code);
    text(c, "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:");
    numbered(c, f->items, f->n_items);
    field(c, "Lý do", f->reason);
    m = lay_fmt("Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, %s liên "
                "hệ: <b>%s</b> để được hướng dẫn.",
                who(d), has(f->contact) ? f->contact : v(f->office.phone));
    text(c, m);
    g_free(m);
    signatures(c, NULL, NULL, "NGƯỜI HƯỚNG DẪN", NULL, f->officer);
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
    text(c, "Xin thông báo để Ông/Bà được biết và thực hiện.");
    signatures(c, "NGƯỜI NỘP HỒ SƠ",
               has(d->rep_name) ? d->rep_name : d->applicant_name,
               "NGƯỜI TIẾP NHẬN HỒ SƠ", NULL, f->officer);
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
    text(c, "Chúng tôi xin cam kết sẽ trả kết quả đúng thời gian đã hẹn lại. "
            "Rất mong nhận được sự thông cảm của Ông/Bà.");
    signatures(c, NULL, NULL, "THỦ TRƯỞNG CƠ QUAN",
               "(Ký, ghi rõ họ tên và đóng dấu)", NULL);
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
    text(c, m);
    g_free(m);
    signatures(c, NULL, NULL, "THỦ TRƯỞNG CƠ QUAN",
               "(Ký, ghi rõ họ tên và đóng dấu)", NULL);
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
static const double book_w[BOOK_COLS] = {24, 124, 104, 78, 88, 68,
                                         56, 56, 56, 70, 50};
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
            lay_fmt("%s%s%s",
                    has(d->result_delivery) ? d->result_delivery : "",
                    has(d->result_delivery) && has(d->status) ? " / " : "",
                    has(d->status) ? d->status : ""),
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
     * point is a PDF unit (forms are set in 13-14 pt on A4) */
    rctx c = {.f = f, .s = a5 ? 10.6 : landscape ? 11.0 : 14.6};
    lay_pen *p = &c.pen;
    p->form = f;
    p->w = w;
    p->h = h;
    p->left = (a5 ? 12 : 20) * LAY_MM;
    p->right = (a5 ? 10 : 15) * LAY_MM;
    p->top = p->bottom = (a5 ? 9 : 13) * LAY_MM;
    if (landscape)
        p->left = p->right = 12 * LAY_MM;
    p->y = p->top;
    p->page = 1;
    p->surface = cairo_pdf_surface_create_for_stream(to_buf, out, w, h);
    mc_status rc = MC_OK;
    if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) {
        cairo_status_t cs = cairo_surface_status(p->surface);
        rc = mc_fail(err, cs == CAIRO_STATUS_NO_MEMORY ? MC_ENOMEM : MC_EIO,
                     "pdf", _("Không tạo được tệp PDF: %s"),
                     cairo_status_to_string(cs));
        cairo_surface_destroy(p->surface);
        return rc;
    }
    /* a fixed creation date makes the same form give the same bytes */
    char iso[26];
    mc_ts_format_vn(f->printed_at, iso);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   iso);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE,
                                   pr_doc_title(f->doc));
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR,
                                   "motcua " MOTCUA_VERSION);
    p->cr = cairo_create(p->surface);
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
    p->on_page = on_page;
    p->on_page_ud = &c;

    switch (f->doc) {
    case PR_RECEIPT: {
        int parts = f->copy_no > 0 ? 1 : f->copies > 0 ? f->copies : 1;
        for (int i = 0; i < parts && !rc; i++) {
            if (i > 0)
                lay_new_page(p);
            c.part = f->copy_no > 0 || parts == 1 ? 0 : i + 1;
            rc = receipt_page(&c, err);
        }
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
    pango_font_description_free(p->font);
    g_object_unref(p->layout);
    cairo_destroy(p->cr);
    cairo_surface_finish(p->surface);
    cairo_status_t st = cairo_surface_status(p->surface);
    cairo_surface_destroy(p->surface);
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
                     "pdf",
                     _("Không tạo được tệp PDF: %s"),
                     out->overflow ? _("quá lớn") : cairo_status_to_string(st));
    return rc;
}
