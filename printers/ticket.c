/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ticket.c - queue tickets for 58/80 mm thermal printers (ESC/POS).
 *
 * Thermal printers' built-in fonts cannot compose Vietnamese diacritics,
 * so the whole ticket (text and QR) is drawn with pango into an image and
 * sent as one raster (GS v 0) at 203 dpi: 384 dots across for 58 mm paper,
 * 576 for 80 mm.  Bands of at most 256 rows keep within the receive buffer
 * of cheap printers.  The bytes depend only on the ticket and the fonts, so
 * the same ticket always gives the same bytes.
 */
#include "printers.h"

#include <cairo.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

#define TICKET_MAX_ROWS 2400
#define BAND_ROWS 256

static double draw_text(cairo_t *cr, PangoLayout *lo, PangoFontDescription *fd,
                        const char *text, int width, double y, int px,
                        bool bold)
{
    pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD
                                               : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(lo, fd);
    pango_layout_set_width(lo, (width - 16) * PANGO_SCALE);
    pango_layout_set_wrap(lo, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(lo, PANGO_ALIGN_CENTER);
    pango_layout_set_text(lo, text, -1);
    int w, h;
    pango_layout_get_pixel_size(lo, &w, &h);
    cairo_move_to(cr, 8, y);
    pango_cairo_show_layout(cr, lo);
    return h;
}

mc_status pr_ticket_raster(const pr_ticket *t, unsigned char **out,
                           int *stride_out, int *rows_out, mc_error *err)
{
    *out = NULL;
    if (!t->number || !*t->number)
        return mc_fail(err, MC_EINVAL, "number", _("Cần số thứ tự để in phiếu"));
    int W = t->width_mm >= 80 ? 576 : 384;
    double k = W / 384.0; /* sizes are given for 58 mm paper */
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, TICKET_MAX_ROWS);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    PangoLayout *lo = pango_cairo_create_layout(cr);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(pango_layout_get_context(lo), fo);
    cairo_font_options_destroy(fo);
    pango_layout_context_changed(lo);
    PangoFontDescription *fd = pango_font_description_from_string(LAY_SANS);

    double y = 8;
    if (t->office && *t->office)
        y += draw_text(cr, lo, fd, t->office, W, y, (int)(22 * k), true) + 6;
    y += draw_text(cr, lo, fd, "SỐ THỨ TỰ", W, y, (int)(30 * k), true);
    y += draw_text(cr, lo, fd, t->number, W, y, (int)(104 * k), true);
    if (t->counter && *t->counter)
        y += draw_text(cr, lo, fd, t->counter, W, y, (int)(26 * k), false) + 4;
    if (t->at > 0) {
        char d[11], line[40];
        mc_date_format_vn(mc_ts_vn_date(t->at), d);
        int min = mc_ts_vn_minute(t->at);
        snprintf(line, sizeof line, "%s  %02d:%02d", d, min / 60, min % 60);
        y += draw_text(cr, lo, fd, line, W, y, (int)(22 * k), false) + 6;
    }
    mc_status rc = MC_OK;
    if (t->qr && *t->qr) {
        QRcode *q = QRcode_encodeString(t->qr, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        if (!q) {
            rc = mc_fail(err, errno == ENOMEM ? MC_ENOMEM : MC_EINVAL, "qr",
                         _("Không tạo được mã QR cho \"%s\""), t->qr);
        } else {
            int module = W >= 576 ? 5 : 4;
            int side = (q->width + 8) * module;
            QRcode_free(q);
            rc = lay_qr(cr, t->qr, (W - side) / 2, y, side, err);
            y += side + 4;
        }
    }
    y += draw_text(cr, lo, fd, "Xin vui lòng chờ đến lượt", W, y,
                   (int)(18 * k), false);
    y += 16;
    pango_font_description_free(fd);
    g_object_unref(lo);
    cairo_destroy(cr);
    cairo_surface_flush(s);

    int rows = (int)y;
    if (rows > TICKET_MAX_ROWS)
        rows = TICKET_MAX_ROWS;
    int stride = W / 8;
    if (!rc) {
        unsigned char *bits = mc_xcalloc((size_t)rows, (size_t)stride);
        const unsigned char *px = cairo_image_surface_get_data(s);
        int ps = cairo_image_surface_get_stride(s);
        for (int r = 0; r < rows; r++) {
            const uint32_t *row = (const uint32_t *)(const void *)(px + r * ps);
            for (int x = 0; x < W; x++) {
                uint32_t c = row[x];
                unsigned lum = (((c >> 16) & 0xff) * 30 + ((c >> 8) & 0xff) * 59 +
                                (c & 0xff) * 11) / 100;
                if (lum < 128)
                    bits[r * stride + x / 8] |= (unsigned char)(0x80 >> (x % 8));
            }
        }
        *out = bits;
        *stride_out = stride;
        *rows_out = rows;
    }
    cairo_surface_destroy(s);
    return rc;
}

mc_status pr_render_ticket(const pr_ticket *t, pr_buf *out, mc_error *err)
{
    unsigned char *bits;
    int stride, rows;
    mc_status rc = pr_ticket_raster(t, &bits, &stride, &rows, err);
    if (rc)
        return rc;
    static const unsigned char init[] = {0x1b, 0x40}; /* ESC @ */
    pr_buf_add(out, init, sizeof init);
    for (int r0 = 0; r0 < rows; r0 += BAND_ROWS) {
        int n = rows - r0 < BAND_ROWS ? rows - r0 : BAND_ROWS;
        unsigned char gs[8] = {0x1d, 0x76, 0x30, 0x00, /* GS v 0, normal */
                               (unsigned char)(stride & 0xff),
                               (unsigned char)(stride >> 8),
                               (unsigned char)(n & 0xff),
                               (unsigned char)(n >> 8)};
        pr_buf_add(out, gs, sizeof gs);
        pr_buf_add(out, bits + (size_t)r0 * stride, (size_t)n * stride);
    }
    /* ESC d 4 (feed four lines), GS V 66 0 (feed to the cutter, cut) */
    static const unsigned char tail[] = {0x1b, 0x64, 0x04, 0x1d, 0x56, 0x42,
                                         0x00};
    pr_buf_add(out, tail, sizeof tail);
    free(bits);
    if (out->overflow)
        return mc_fail(err, MC_ELIMIT, "ticket", _("Phiếu số thứ tự quá lớn"));
    return MC_OK;
}
