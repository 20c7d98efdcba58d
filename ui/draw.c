/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw.c - drawing helpers: colour roles with a monochrome fallback
 * (NO_COLOR, terminals without colour), width-aware UTF-8 output, boxes,
 * and the block digits that show an issued code large. */
#include "ui_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static attr_t attrs[UA__COUNT];

void draw_init_colors(bool color)
{
    /* monochrome: attributes only */
    attr_t mono[UA__COUNT] = {
        [UA_NORMAL] = A_NORMAL,     [UA_TITLE] = A_REVERSE,
        [UA_KEY] = A_NORMAL,        [UA_KEYLABEL] = A_REVERSE,
        [UA_LABEL] = A_NORMAL,      [UA_FIELD] = A_UNDERLINE,
        [UA_FOCUS] = A_REVERSE,     [UA_SELECT] = A_REVERSE,
        [UA_OK] = A_BOLD,           [UA_WARN] = A_BOLD,
        [UA_ERROR] = A_BOLD,        [UA_DIM] = A_DIM,
        [UA_BIG] = A_BOLD,
    };
    memcpy(attrs, mono, sizeof attrs);
    if (!color)
        return;
    use_default_colors();
    init_pair(1, COLOR_BLACK, COLOR_CYAN);  /* title, key labels */
    init_pair(2, COLOR_WHITE, COLOR_BLUE);  /* focused field */
    init_pair(3, COLOR_GREEN, -1);
    init_pair(4, COLOR_YELLOW, -1);
    init_pair(5, COLOR_RED, -1);
    init_pair(6, COLOR_BLACK, COLOR_WHITE); /* field */
    init_pair(7, COLOR_BLACK, COLOR_GREEN); /* the issued code */
    attrs[UA_TITLE] = COLOR_PAIR(1);
    attrs[UA_KEY] = A_BOLD;
    attrs[UA_KEYLABEL] = COLOR_PAIR(1);
    attrs[UA_LABEL] = A_NORMAL;
    attrs[UA_FIELD] = COLOR_PAIR(6);
    attrs[UA_FOCUS] = COLOR_PAIR(2) | A_BOLD;
    attrs[UA_SELECT] = COLOR_PAIR(2) | A_BOLD;
    attrs[UA_OK] = COLOR_PAIR(3) | A_BOLD;
    attrs[UA_WARN] = COLOR_PAIR(4) | A_BOLD;
    attrs[UA_ERROR] = COLOR_PAIR(5) | A_BOLD;
    attrs[UA_BIG] = COLOR_PAIR(7) | A_BOLD;
}

attr_t draw_attr(ui_attr_role r)
{
    return r < UA__COUNT ? attrs[r] : A_NORMAL;
}

/* next code point of a UTF-8 string (0 at the end; bad bytes skipped) */
static uint32_t next_cp(const unsigned char **pp)
{
    const unsigned char *p = *pp;
    while (*p) {
        uint32_t c;
        int extra;
        if (*p < 0x80)
            c = *p, extra = 0;
        else if ((*p & 0xE0) == 0xC0)
            c = *p & 0x1F, extra = 1;
        else if ((*p & 0xF0) == 0xE0)
            c = *p & 0x0F, extra = 2;
        else if ((*p & 0xF8) == 0xF0)
            c = *p & 0x07, extra = 3;
        else {
            p++;
            continue;
        }
        p++;
        bool ok = true;
        for (int i = 0; i < extra; i++, p++) {
            if ((*p & 0xC0) != 0x80) {
                ok = false;
                break;
            }
            c = (c << 6) | (*p & 0x3F);
        }
        if (!ok)
            continue;
        *pp = p;
        return c;
    }
    *pp = p;
    return 0;
}

int draw_width(const char *utf8)
{
    const unsigned char *p = (const unsigned char *)(utf8 ? utf8 : "");
    int w = 0;
    uint32_t c;
    while ((c = next_cp(&p)) != 0) {
        int cw = wcwidth((wchar_t)c);
        w += cw > 0 ? cw : 0;
    }
    return w;
}

const char *draw_pad(char *out, size_t size, const char *s, int cols)
{
    if (!size)
        return out;
    int n = snprintf(out, size, "%s", s ? s : "");
    size_t used = n < 0 ? 0 : ((size_t)n < size ? (size_t)n : size - 1);
    for (int w = draw_width(out); w < cols && used + 1 < size; w++)
        out[used++] = ' ';
    out[used] = '\0';
    return out;
}

const char *draw_fit(char *out, size_t size, const char *s, int cols)
{
    if (!size)
        return out;
    const char *src = s ? s : "";
    size_t used = 0;
    int w = 0;
    bool cut = false;
    const unsigned char *p = (const unsigned char *)src;
    while (*p) {
        const unsigned char *start = p;
        uint32_t c = next_cp(&p);
        if (!c)
            break;
        int cw = wcwidth((wchar_t)c);
        cw = cw > 0 ? cw : 0;
        size_t n = (size_t)(p - start);
        /* keep one column for the ellipsis when more follows */
        if (w + cw > cols || used + n + 4 >= size) {
            cut = true;
            break;
        }
        memcpy(out + used, start, n);
        used += n;
        w += cw;
    }
    if (cut && cols > 0) {
        /* drop the last character to make room for "…" */
        while (w + 1 > cols && used) {
            size_t k = used - 1;
            while (k && ((unsigned char)out[k] & 0xC0) == 0x80)
                k--;
            out[k] = '\0';
            w = draw_width(out);
            used = k;
        }
        if (used + 4 < size) {
            memcpy(out + used, "\u2026", 3);
            used += 3;
            w++;
        }
    }
    out[used] = '\0';
    for (; w < cols && used + 1 < size; w++)
        out[used++] = ' ';
    out[used] = '\0';
    return out;
}

int draw_text(int y, int x, int w, const char *utf8, ui_attr_role r)
{
    if (!utf8 || w <= 0 || y < 0 || y >= LINES || x >= COLS)
        return 0;
    if (x + w > COLS)
        w = COLS - x;
    attr_t a = draw_attr(r);
    attron(a);
    move(y, x);
    const unsigned char *p = (const unsigned char *)utf8;
    int col = 0;
    uint32_t c;
    while ((c = next_cp(&p)) != 0) {
        wchar_t wc = (wchar_t)c;
        if (wc < 32 || wc == 127)
            wc = L' ';
        int cw = wcwidth(wc);
        if (cw < 0)
            wc = L'?', cw = 1;
        if (col + cw > w)
            break;
        addnwstr(&wc, 1);
        col += cw;
    }
    attroff(a);
    return col;
}

int draw_textf(int y, int x, int w, ui_attr_role r, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return draw_text(y, x, w, buf, r);
}

void draw_fill(int y, int x, int w, ui_attr_role r)
{
    if (w <= 0)
        return;
    attr_t a = draw_attr(r);
    attron(a);
    mvhline(y, x, ' ', w);
    attroff(a);
}

/* Boxes are drawn with the Unicode line characters (the desk runs in a
 * UTF-8 locale): they survive tmux, SSH and screen captures, where the
 * alternate character set sometimes shows as letters. */
void draw_box(int y, int x, int h, int w, ui_attr_role r)
{
    if (w < 2 || h < 2)
        return;
    for (int i = 1; i < w - 1; i++) {
        draw_text(y, x + i, 1, "\u2500", r);
        draw_text(y + h - 1, x + i, 1, "\u2500", r);
    }
    for (int j = 1; j < h - 1; j++) {
        draw_text(y + j, x, 1, "\u2502", r);
        draw_text(y + j, x + w - 1, 1, "\u2502", r);
    }
    draw_text(y, x, 1, "\u250c", r);
    draw_text(y, x + w - 1, 1, "\u2510", r);
    draw_text(y + h - 1, x, 1, "\u2514", r);
    draw_text(y + h - 1, x + w - 1, 1, "\u2518", r);
}

void draw_field_row(int y, ui_field *f, int label_w, bool focused,
                    bool invalid)
{
    char label[160];
    snprintf(label, sizeof label, "%s%s", _(f->label), f->required ? " *" : "");
    draw_text(y, 2, label_w - 1, label,
              invalid ? UA_ERROR : (focused ? UA_KEY : UA_LABEL));
    int x = 2 + label_w;
    field_draw(f, y, x, COLS - x - 2, focused);
}

int draw_wrap(int y, int x, int w, int max_rows, const char *utf8,
              ui_attr_role r)
{
    if (!utf8 || !*utf8 || w <= 0 || max_rows <= 0)
        return 0;
    int rows = 0;
    const char *p = utf8;
    char line[1024];
    while (*p && rows < max_rows) {
        while (*p == ' ')
            p++;
        /* the longest run of whole words that fits in w columns; a word
         * longer than the line (a file path) is cut where it must be */
        size_t best = 0, n = 0;
        for (;;) {
            size_t end = n;
            while (p[end] && p[end] != ' ')
                end++;
            if (end >= sizeof line)
                break;
            memcpy(line, p, end);
            line[end] = '\0';
            if (draw_width(line) > w)
                break;
            best = end;
            if (!p[end])
                break;
            n = end + 1;
        }
        if (!best) {
            /* cut inside the word, on a character boundary */
            size_t k = 0;
            while (p[k] && k + 4 < sizeof line) {
                size_t c = 1;
                while (((unsigned char)p[k + c] & 0xC0) == 0x80)
                    c++;
                memcpy(line, p, k + c);
                line[k + c] = '\0';
                if (draw_width(line) > w)
                    break;
                k += c;
            }
            best = k ? k : 1;
        }
        memcpy(line, p, best);
        line[best] = '\0';
        if (rows == max_rows - 1 && p[best]) {
            /* the last row shows what fits */
            draw_text(y + rows, x, w, p, r);
            return rows + 1;
        }
        draw_text(y + rows, x, w, line, r);
        rows++;
        p += best;
    }
    return rows;
}

/* 3x5 glyphs; '#' is a filled cell.  Digits for the issued code and the
 * queue numbers, capital letters for the ticket's service group. */
static const char *const big_digits[10][5] = {
    {"###", "# #", "# #", "# #", "###"}, {" # ", "## ", " # ", " # ", "###"},
    {"###", "  #", "###", "#  ", "###"}, {"###", "  #", "###", "  #", "###"},
    {"# #", "# #", "###", "  #", "  #"}, {"###", "#  ", "###", "  #", "###"},
    {"###", "#  ", "###", "# #", "###"}, {"###", "  #", "  #", "  #", "  #"},
    {"###", "# #", "###", "# #", "###"}, {"###", "# #", "###", "  #", "###"},
};
static const char *const big_letters[26][5] = {
    {" # ", "# #", "###", "# #", "# #"}, {"## ", "# #", "## ", "# #", "## "},
    {"###", "#  ", "#  ", "#  ", "###"}, {"## ", "# #", "# #", "# #", "## "},
    {"###", "#  ", "###", "#  ", "###"}, {"###", "#  ", "###", "#  ", "#  "},
    {"###", "#  ", "# #", "# #", "###"}, {"# #", "# #", "###", "# #", "# #"},
    {"###", " # ", " # ", " # ", "###"}, {"  #", "  #", "  #", "# #", "###"},
    {"# #", "# #", "## ", "# #", "# #"}, {"#  ", "#  ", "#  ", "#  ", "###"},
    {"# #", "###", "###", "# #", "# #"}, {"###", "# #", "# #", "# #", "# #"},
    {"###", "# #", "# #", "# #", "###"}, {"###", "# #", "###", "#  ", "#  "},
    {"###", "# #", "# #", "###", "  #"}, {"###", "# #", "## ", "# #", "# #"},
    {"###", "#  ", "###", "  #", "###"}, {"###", " # ", " # ", " # ", " # "},
    {"# #", "# #", "# #", "# #", "###"}, {"# #", "# #", "# #", "# #", " # "},
    {"# #", "# #", "###", "###", "# #"}, {"# #", "# #", " # ", "# #", "# #"},
    {"# #", "# #", "###", " # ", " # "}, {"###", "  #", " # ", "#  ", "###"},
};

static const char *const big_slash[5] = {"  #", "  #", " # ", "#  ", "#  "};

static const char *const *big_glyph(char c)
{
    if (c == '/')
        return big_slash; /* dates: dd/mm */
    if (c >= '0' && c <= '9')
        return big_digits[c - '0'];
    if (c >= 'A' && c <= 'Z')
        return big_letters[c - 'A'];
    if (c >= 'a' && c <= 'z')
        return big_letters[c - 'a'];
    return NULL;
}

int draw_big_width(const char *text, int scale)
{
    int w = 0;
    for (const char *p = text; *p; p++)
        w += big_glyph(*p) ? 8 * scale : 2 * scale;
    return w > 2 * scale ? w - 2 * scale : w; /* no gap after the last */
}

void draw_big_scaled(int y, int x, const char *text, int scale,
                     ui_attr_role r)
{
    if (scale < 1)
        scale = 1;
    for (int row = 0; row < 5; row++) {
        int cx = x;
        for (const char *p = text; *p; p++) {
            const char *const *g = big_glyph(*p);
            if (!g) {
                cx += 2 * scale;
                continue;
            }
            for (int i = 0; i < 3; i++) {
                if (g[row][i] != '#')
                    continue;
                for (int sy = 0; sy < scale; sy++)
                    for (int sx = 0; sx < 2 * scale; sx++)
                        draw_text(y + row * scale + sy,
                                  cx + i * 2 * scale + sx, 1, "\u2588", r);
            }
            cx += 8 * scale;
        }
    }
}

void draw_big(int y, int x, const char *digits, ui_attr_role r)
{
    draw_big_scaled(y, x, digits, 1, r);
}
