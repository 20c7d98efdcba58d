/* SPDX-License-Identifier: GPL-3.0-or-later */
/* field.c - the one-line text field: UTF-8 in and out, wide characters
 * inside (one cell per code point is what editing needs), Telex/VNI
 * composition at the end of the text, and live validation through core.
 *
 * Composition: while the cursor is at the end of a Vietnamese field and
 * the input method is on, ASCII keys go to the telex engine; the word it
 * holds is re-rendered in place (text[word_start..len)) after every key.
 * A key the engine does not take (space, punctuation) is inserted as is
 * and ends the word.  Text typed through a system input method arrives
 * already composed (non-ASCII code points) and is inserted unchanged. */
#include "ui_internal.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include "ids.h"

/* --- UTF-8 <-> code points (independent of the C locale) ------------- */
static size_t utf8_decode(const char *s, wchar_t *out, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p && n < max) {
        uint32_t c;
        int extra;
        if (*p < 0x80) {
            c = *p++;
            extra = 0;
        } else if ((*p & 0xE0) == 0xC0) {
            c = *p++ & 0x1F;
            extra = 1;
        } else if ((*p & 0xF0) == 0xE0) {
            c = *p++ & 0x0F;
            extra = 2;
        } else if ((*p & 0xF8) == 0xF0) {
            c = *p++ & 0x07;
            extra = 3;
        } else {
            p++;
            continue;
        }
        bool ok = true;
        for (int i = 0; i < extra; i++) {
            if ((*p & 0xC0) != 0x80) {
                ok = false;
                break;
            }
            c = (c << 6) | (*p++ & 0x3F);
        }
        if (ok && c >= 0x20 && c != 0x7F)
            out[n++] = (wchar_t)c;
    }
    return n;
}

static size_t utf8_put(uint32_t c, char *b)
{
    if (c < 0x80) {
        b[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    b[0] = (char)(0xF0 | (c >> 18));
    b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    b[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

void field_init(ui_field *f, const char *label, ui_field_kind kind,
                unsigned flags, bool required)
{
    memset(f, 0, sizeof *f);
    f->label = label;
    f->kind = kind;
    f->flags = flags;
    f->required = required;
    f->word_start = -1;
    telex_init(&f->tx, TELEX_METHOD_TELEX, false);
}

void field_clear(ui_field *f)
{
    f->len = f->cur = f->scroll = 0;
    f->text[0] = 0;
    f->word_start = -1;
    telex_reset(&f->tx);
}

void field_set(ui_field *f, const char *utf8)
{
    field_clear(f);
    if (!utf8)
        return;
    f->len = (int)utf8_decode(utf8, f->text, UI_FIELD_MAX);
    f->text[f->len] = 0;
    f->cur = f->len;
}

void field_get(const ui_field *f, char *buf, size_t size)
{
    size_t used = 0;
    if (!size)
        return;
    for (int i = 0; i < f->len; i++) {
        char b[4];
        size_t n = utf8_put((uint32_t)f->text[i], b);
        if (used + n >= size)
            break;
        memcpy(buf + used, b, n);
        used += n;
    }
    buf[used] = '\0';
}

bool field_empty(const ui_field *f)
{
    for (int i = 0; i < f->len; i++)
        if (!iswspace((wint_t)f->text[i]))
            return false;
    return true;
}

static bool insert(ui_field *f, wchar_t c)
{
    if (f->len >= UI_FIELD_MAX)
        return false;
    memmove(&f->text[f->cur + 1], &f->text[f->cur],
            (size_t)(f->len - f->cur) * sizeof(wchar_t));
    f->text[f->cur++] = c;
    f->text[++f->len] = 0;
    return true;
}

/* Replace text[word_start..len) with the engine's current word. */
static bool render_word(ui_field *f)
{
    char w[TELEX_WORD_MAX * 8];
    telex_word(&f->tx, w, sizeof w);
    wchar_t wide[TELEX_WORD_MAX * 2];
    size_t n = utf8_decode(w, wide, sizeof wide / sizeof *wide);
    if ((size_t)f->word_start + n > UI_FIELD_MAX)
        return false;
    memcpy(&f->text[f->word_start], wide, n * sizeof(wchar_t));
    f->len = f->word_start + (int)n;
    f->text[f->len] = 0;
    f->cur = f->len;
    return true;
}

static bool compose(ui_field *f, wint_t ch, ui_ime ime)
{
    telex_method m = ime == IME_VNI ? TELEX_METHOD_VNI : TELEX_METHOD_TELEX;
    if (f->word_start < 0 || f->tx.method != m) {
        telex_init(&f->tx, m, false);
        f->word_start = f->len;
    }
    if (telex_feed(&f->tx, (uint32_t)ch) == TELEX_WORD) {
        if (render_word(f))
            return true;
    }
    /* not part of a word: the key types itself and the word ends */
    telex_reset(&f->tx);
    f->word_start = -1;
    return insert(f, (wchar_t)ch);
}

bool field_key(ui_field *f, wint_t ch, bool fn, ui_ime ime)
{
    bool at_end = f->cur == f->len;
    if (fn || ch < 32 || ch == 127) {
        bool bs = (fn && ch == KEY_BACKSPACE) || (!fn && (ch == 127 || ch == 8));
        if (bs && at_end && f->word_start >= 0 && telex_backspace(&f->tx)) {
            if (f->tx.n == 0) {
                f->len = f->cur = f->word_start;
                f->text[f->len] = 0;
                f->word_start = -1;
            } else {
                render_word(f);
            }
            return true;
        }
        f->word_start = -1;
        telex_reset(&f->tx);
        if (bs) {
            if (f->cur == 0)
                return false;
            memmove(&f->text[f->cur - 1], &f->text[f->cur],
                    (size_t)(f->len - f->cur + 1) * sizeof(wchar_t));
            f->cur--;
            f->len--;
            return true;
        }
        if (!fn) {
            switch (ch) {
            case 1: /* ^A */
                f->cur = 0;
                return false;
            case 5: /* ^E */
                f->cur = f->len;
                return false;
            case 21: /* ^U: clear */
                field_clear(f);
                return true;
            case 23: /* ^W: the word before the cursor */
                if (f->cur == 0)
                    return false;
                {
                    int s = f->cur;
                    while (s > 0 && iswspace((wint_t)f->text[s - 1]))
                        s--;
                    while (s > 0 && !iswspace((wint_t)f->text[s - 1]))
                        s--;
                    memmove(&f->text[s], &f->text[f->cur],
                            (size_t)(f->len - f->cur + 1) * sizeof(wchar_t));
                    f->len -= f->cur - s;
                    f->cur = s;
                }
                return true;
            default:
                return false;
            }
        }
        switch (ch) {
        case KEY_LEFT:
            if (f->cur > 0)
                f->cur--;
            return false;
        case KEY_RIGHT:
            if (f->cur < f->len)
                f->cur++;
            return false;
        case KEY_HOME:
            f->cur = 0;
            return false;
        case KEY_END:
            f->cur = f->len;
            return false;
        case KEY_DC:
            if (f->cur >= f->len)
                return false;
            memmove(&f->text[f->cur], &f->text[f->cur + 1],
                    (size_t)(f->len - f->cur) * sizeof(wchar_t));
            f->len--;
            return true;
        default:
            return false;
        }
    }
    if ((f->flags & UF_VN) && ime != IME_OFF && ch < 128 && at_end)
        return compose(f, ch, ime);
    f->word_start = -1;
    telex_reset(&f->tx);
    return insert(f, (wchar_t)ch);
}

void field_draw(ui_field *f, int y, int x, int w, bool focused)
{
    if (w < 2)
        w = 2;
    /* keep the cursor inside the window (columns == characters for the
     * scripts a desk sees; wide characters count two) */
    if (f->cur < f->scroll)
        f->scroll = f->cur;
    for (;;) {
        int cols = 0;
        for (int i = f->scroll; i < f->cur; i++) {
            int cw = wcwidth(f->text[i]);
            cols += cw > 0 ? cw : 0;
        }
        if (cols < w || f->scroll >= f->cur)
            break;
        f->scroll++;
    }
    attr_t a = draw_attr(focused ? UA_FOCUS : UA_FIELD);
    attron(a);
    mvhline(y, x, ' ', w);
    int col = 0, cx = x;
    move(y, x);
    for (int i = f->scroll; i < f->len; i++) {
        wchar_t c = (f->flags & UF_SECRET) ? L'*' : f->text[i];
        int cw = wcwidth(c);
        if (cw < 0)
            cw = 1, c = L'?';
        if (col + cw > w)
            break;
        if (i == f->cur)
            cx = x + col;
        addnwstr(&c, 1);
        col += cw;
    }
    if (f->cur >= f->len)
        cx = x + (col < w ? col : w - 1);
    attroff(a);
    f->cy = y;
    f->cx = cx;
}

static bool parse_ddmmyyyy(const char *s, mc_date *d)
{
    if (mc_date_parse(s, d))
        return true;
    int dd, mm, yy;
    char tail;
    if (sscanf(s, "%2d/%2d/%4d%c", &dd, &mm, &yy, &tail) != 3)
        return false;
    d->y = yy, d->m = mm, d->d = dd;
    return mc_date_valid(*d);
}

bool field_date(const ui_field *f, mc_date *out)
{
    char s[UI_FIELD_MAX * 4 + 1];
    field_get(f, s, sizeof s);
    return parse_ddmmyyyy(s, out);
}

mc_status field_check(const ui_field *f, int year, bool strict, mc_error *err)
{
    char s[UI_FIELD_MAX * 4 + 1];
    field_get(f, s, sizeof s);
    const char *label = _(f->label);
    if (field_empty(f)) {
        if (strict && f->required)
            return mc_fail(err, MC_EINVAL, label, _("Chưa nhập %s"), label);
        return MC_OK;
    }
    char out[ID_MAX];
    switch (f->kind) {
    case FK_NAME:
        for (const char *p = s; *p; p++)
            if (*p >= '0' && *p <= '9')
                return mc_fail(err, MC_EINVAL, label,
                               _("%s không được chứa chữ số"), label);
        if (strict && f->len < 2)
            return mc_fail(err, MC_EINVAL, label,
                           _("%s quá ngắn (ít nhất 2 ký tự)"), label);
        return MC_OK;
    case FK_PERSON:
        return id_check_person(s, year, label, out, err);
    case FK_BHXH:
        return id_check_bhxh(s, year, label, out, err);
    case FK_PHONE:
        return id_check_phone(s, label, out, err);
    case FK_TAX:
        return id_check_taxcode(s, label, out, err);
    case FK_EMAIL: {
        const char *at = strchr(s, '@');
        if (!at || at == s || !strchr(at, '.') || strchr(s, ' '))
            return mc_fail(err, MC_EINVAL, label,
                           _("%s \"%s\" không hợp lệ (dạng ten@mien.vn)"),
                           label, s);
        return MC_OK;
    }
    case FK_DATE: {
        mc_date d;
        if (!parse_ddmmyyyy(s, &d))
            return mc_fail(err, MC_EINVAL, label,
                           _("%s phải là ngày dạng dd/mm/yyyy"), label);
        return MC_OK;
    }
    case FK_MONTH: {
        int mm, yy;
        char tail;
        if (sscanf(s, "%2d/%4d%c", &mm, &yy, &tail) != 2 || mm < 1 || mm > 12 ||
            yy < 1900)
            return mc_fail(err, MC_EINVAL, label,
                           _("%s phải là tháng dạng mm/yyyy"), label);
        return MC_OK;
    }
    default:
        return MC_OK;
    }
}
