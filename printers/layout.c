/* SPDX-License-Identifier: GPL-3.0-or-later */
/* layout.c - the page pen: markup blocks, page breaks, table rows, QR. */
#include "layout.h"

#include <errno.h>
#include <qrencode.h>
#include <stdarg.h>
#include <string.h>

double lay_width(const lay_pen *p)
{
    return p->w - p->left - p->right;
}

char *lay_fmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = g_markup_vprintf_escaped(fmt, ap);
    va_end(ap);
    return s;
}

static void set_block(lay_pen *p, const char *markup, double width,
                      double size, unsigned flags)
{
    pango_font_description_set_size(p->font, (gint)(size * PANGO_SCALE));
    pango_font_description_set_weight(
        p->font, flags & LAY_BOLD ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(
        p->font, flags & LAY_ITALIC ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(p->layout, p->font);
    pango_layout_set_width(p->layout,
                           width < 0 ? -1 : (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_justify(p->layout, (flags & LAY_JUSTIFY) != 0);
    pango_layout_set_alignment(p->layout,
                               flags & LAY_CENTER  ? PANGO_ALIGN_CENTER
                               : flags & LAY_RIGHT ? PANGO_ALIGN_RIGHT
                                                   : PANGO_ALIGN_LEFT);
    pango_layout_set_markup(p->layout, markup ? markup : "", -1);
}

double lay_measure(lay_pen *p, const char *markup, double width, double size,
                   unsigned flags)
{
    set_block(p, markup, width, size, flags);
    int w, h;
    pango_layout_get_size(p->layout, &w, &h);
    return (double)h / PANGO_SCALE;
}

int lay_lines(lay_pen *p, const char *markup, double width, double size,
              unsigned flags)
{
    set_block(p, markup, width, size, flags);
    return pango_layout_get_line_count(p->layout);
}

double lay_natural(lay_pen *p, const char *markup, double size,
                   unsigned flags)
{
    set_block(p, markup, -1, size, flags);
    int w, h;
    pango_layout_get_size(p->layout, &w, &h);
    return (double)w / PANGO_SCALE;
}

double lay_balanced(lay_pen *p, const char *markup, double max, double size,
                    unsigned flags)
{
    int lines = lay_lines(p, markup, max, size, flags);
    if (lines <= 1)
        return max;
    /* the text is set once; only the width changes while searching */
    double lo = max / (lines + 1), hi = max;
    while (hi - lo > 1) {
        double mid = (lo + hi) / 2;
        pango_layout_set_width(p->layout, (int)(mid * PANGO_SCALE));
        if (pango_layout_get_line_count(p->layout) <= lines)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

double lay_draw(lay_pen *p, const char *markup, double x, double y,
                double width, double size, unsigned flags)
{
    set_block(p, markup, width, size, flags);
    int w, h;
    pango_layout_get_size(p->layout, &w, &h);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, p->layout);
    return (double)h / PANGO_SCALE;
}

void lay_new_page(lay_pen *p)
{
    cairo_show_page(p->cr);
    p->page++;
    p->y = p->top;
    if (p->on_page)
        p->on_page(p, p->on_page_ud);
}

void lay_need(lay_pen *p, double need)
{
    if (p->y + need > p->h - p->bottom && p->y > p->top)
        lay_new_page(p);
}

void lay_para_at(lay_pen *p, const char *markup, double x, double width,
                 double size, unsigned flags, double after)
{
    double h = lay_measure(p, markup, width, size, flags);
    int page = p->page;
    lay_need(p, h);
    if (p->page != page) /* the page callback used the layout */
        set_block(p, markup, width, size, flags);
    cairo_move_to(p->cr, x, p->y);
    pango_cairo_show_layout(p->cr, p->layout);
    p->y += h + after;
}

void lay_para(lay_pen *p, const char *markup, double size, unsigned flags,
              double after)
{
    lay_para_at(p, markup, p->left, lay_width(p), size, flags, after);
}

void lay_hline(lay_pen *p, double x0, double x1, double y, double width)
{
    cairo_save(p->cr);
    cairo_set_line_width(p->cr, width);
    cairo_move_to(p->cr, x0, y);
    cairo_line_to(p->cr, x1, y);
    cairo_stroke(p->cr);
    cairo_restore(p->cr);
}

#define ROW_PAD 2.0

double lay_row_height(lay_pen *p, int n, const double *widths,
                      const char *const *cells, double size, unsigned flags,
                      const unsigned *cell_flags)
{
    double h = 0;
    for (int i = 0; i < n; i++) {
        unsigned fl = flags | (cell_flags ? cell_flags[i] : 0);
        double ch = lay_measure(p, cells[i], widths[i] - 2 * ROW_PAD, size, fl);
        if (ch > h)
            h = ch;
    }
    return h + 2 * ROW_PAD;
}

double lay_row(lay_pen *p, int n, const double *widths,
               const char *const *cells, double size, unsigned flags,
               const unsigned *cell_flags)
{
    const double pad = ROW_PAD;
    double h = lay_row_height(p, n, widths, cells, size, flags, cell_flags);
    lay_need(p, h);
    double x = p->left;
    cairo_save(p->cr);
    cairo_set_line_width(p->cr, 0.5);
    for (int i = 0; i < n; i++) {
        unsigned fl = flags | (cell_flags ? cell_flags[i] : 0);
        lay_draw(p, cells[i], x + pad, p->y + pad, widths[i] - 2 * pad, size,
                 fl);
        cairo_rectangle(p->cr, x, p->y, widths[i], h);
        cairo_stroke(p->cr);
        x += widths[i];
    }
    cairo_restore(p->cr);
    p->y += h;
    return h;
}

int lay_qr_modules(const char *text)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr)
        return 0;
    int n = qr->width;
    QRcode_free(qr);
    return n;
}

mc_status lay_qr(cairo_t *cr, const char *text, double x, double y,
                 double side, mc_error *err)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) /* libqrencode: errno ENOMEM when it ran out of memory */
        return mc_fail(err, errno == ENOMEM ? MC_ENOMEM : MC_EINVAL, "qr",
                       _("Không tạo được mã QR cho \"%s\""), text);
    /* one pixel per module (quiet zone of 4 included), scaled up without
     * smoothing: a small image is much cheaper in a PDF than hundreds of
     * rectangles, and stays sharp at any resolution */
    int n = qr->width, q = LAY_QR_QUIET, full = n + 2 * q;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                      full, full);
    unsigned char *px = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    cairo_surface_flush(img);
    memset(px, 0xff, (size_t)stride * full); /* white */
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++)
            if (qr->data[r * n + c] & 1)
                memset(px + (r + q) * stride + (c + q) * 4, 0, 4);
    cairo_surface_mark_dirty(img);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, side / full, side / full);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
    cairo_rectangle(cr, 0, 0, full, full);
    cairo_fill(cr);
    cairo_restore(cr);
    cairo_surface_destroy(img);
    QRcode_free(qr);
    return MC_OK;
}
