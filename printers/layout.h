/* SPDX-License-Identifier: GPL-3.0-or-later */
/* layout.h - a small page-layout pen over cairo + pango (printers only).
 *
 * A pen writes blocks of Pango markup top to bottom between the margins
 * and starts a new page when a block would cross the bottom margin.  All
 * lengths are PDF points (1/72 inch).  Text given to the pen is markup:
 * escape data with lay_fmt, which escapes every %s argument.
 */
#ifndef MOTCUA_PRINTERS_LAYOUT_H
#define MOTCUA_PRINTERS_LAYOUT_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>

#include "form.h"
#include "mc_error.h"

#define LAY_MM (72.0 / 25.4)

enum {
    LAY_LEFT = 0,
    LAY_CENTER = 1 << 0,
    LAY_RIGHT = 1 << 1,
    LAY_BOLD = 1 << 2,
    LAY_ITALIC = 1 << 3,
    LAY_JUSTIFY = 1 << 4,
};

typedef struct lay_pen lay_pen;
/* Called at the top of every page after the first (table headers...). */
typedef void (*lay_page_fn)(lay_pen *p, void *ud);

struct lay_pen {
    cairo_t *cr;
    cairo_surface_t *surface;
    PangoLayout *layout;
    PangoFontDescription *font;
    double w, h;                   /* page size */
    double left, right, top, bottom; /* margins */
    double y;                      /* the cursor */
    double base;                   /* base font size in points */
    int page;                      /* 1-based */
    lay_page_fn on_page;
    void *on_page_ud;
    const pr_form *form;
};

/* The text width between the margins. */
double lay_width(const lay_pen *p);

/* A markup string (malloc'd with g_malloc: free with g_free); every %s
 * argument is escaped. */
char *lay_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Height of a markup block `width` wide at `size` points (flags LAY_*). */
double lay_measure(lay_pen *p, const char *markup, double width, double size,
                   unsigned flags);
/* Lines a markup block takes at `width`, and the width of its widest line
 * when nothing wraps (its natural width). */
int lay_lines(lay_pen *p, const char *markup, double width, double size,
              unsigned flags);
double lay_natural(lay_pen *p, const char *markup, double size,
                   unsigned flags);
/* The narrowest width <= `max` at which a block still takes as few lines
 * as at `max`: a long name wraps into lines of even length instead of
 * leaving one word alone on its last line. */
double lay_balanced(lay_pen *p, const char *markup, double max, double size,
                    unsigned flags);
/* Draw a block at (x, y) without moving the cursor; returns its height. */
double lay_draw(lay_pen *p, const char *markup, double x, double y,
                double width, double size, unsigned flags);
/* Draw a block across the text width at the cursor and move the cursor
 * below it (plus `after` points), breaking the page first if needed. */
void lay_para(lay_pen *p, const char *markup, double size, unsigned flags,
              double after);
/* Same as lay_para, indented by `indent` with a hanging first line. */
void lay_para_at(lay_pen *p, const char *markup, double x, double width,
                 double size, unsigned flags, double after);
/* Start a new page when fewer than `need` points are left. */
void lay_need(lay_pen *p, double need);
void lay_new_page(lay_pen *p);
void lay_hline(lay_pen *p, double x0, double x1, double y, double width);

/* One table row: cells of markup in columns of the given widths, with
 * borders.  Breaks the page before the row if it does not fit. */
double lay_row(lay_pen *p, int n, const double *widths,
               const char *const *cells, double size, unsigned flags,
               const unsigned *cell_flags);

/* The height lay_row would give that row. */
double lay_row_height(lay_pen *p, int n, const double *widths,
                      const char *const *cells, double size, unsigned flags,
                      const unsigned *cell_flags);

/* Draw a QR code of `text` (error correction M) with its top-left corner
 * at (x, y), `side` points wide including the quiet zone of 4 modules. */
mc_status lay_qr(cairo_t *cr, const char *text, double x, double y,
                 double side, mc_error *err) MC_MUST_USE;
/* Modules across the QR code of `text` without the quiet zone (0 when it
 * cannot be encoded), to size it in whole modules. */
int lay_qr_modules(const char *text);
#define LAY_QR_QUIET 4

/* The form's font families (serif for forms, sans for tickets). */
#define LAY_SERIF "Noto Serif, DejaVu Serif, serif"
#define LAY_SANS "DejaVu Sans, Noto Sans, sans"

#endif
