/* SPDX-License-Identifier: GPL-3.0-or-later */
/* telex.c - the Telex/VNI engine.
 *
 * A word is a row of letters, each an ASCII base with an optional mark
 * (â ê ô: circumflex; ă: breve; ơ ư: horn; đ: bar), plus ONE tone for the
 * whole word.  Keys edit that structure; the tone is only attached to a
 * vowel when the word is rendered, so its place follows the spelling as
 * the word grows.  Rendering writes the marked letter, then the tone as a
 * combining mark, and lets NFC compose them.
 */
#include "telex.h"

#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

#include "mc_error.h"

enum { MARK_NONE = 0, MARK_HAT, MARK_BREVE, MARK_HORN, MARK_BAR };
enum { TONE_NONE = 0, TONE_SAC, TONE_HUYEN, TONE_HOI, TONE_NGA, TONE_NANG };

void telex_init(telex *t, telex_method method, bool new_style)
{
    memset(t, 0, sizeof *t);
    t->method = method;
    t->new_style = new_style;
}

void telex_reset(telex *t)
{
    t->n = 0;
    t->tone = TONE_NONE;
    t->literal = 0;
}

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
           c == 'y';
}

static bool has_vowel(const telex *t)
{
    for (int i = 0; i < t->n; i++)
        if (is_vowel(t->l[i].base))
            return true;
    return false;
}

/* The last run of vowels [*s, *e); false when there is none.  With
 * `nucleus`, the u of "qu" and the i of "gi" before another vowel are left
 * out: they belong to the consonant (quý, giá). */
static bool vowel_run(const telex *t, int *s, int *e, bool nucleus)
{
    int i = t->n;
    while (i > 0 && !is_vowel(t->l[i - 1].base))
        i--;
    if (i == 0)
        return false;
    int end = i;
    while (i > 0 && is_vowel(t->l[i - 1].base))
        i--;
    int start = i;
    if (nucleus && end - start > 1 && start == 1 &&
        ((t->l[0].base == 'q' && t->l[1].base == 'u') ||
         (t->l[0].base == 'g' && t->l[1].base == 'i' &&
          t->l[1].mark == MARK_NONE)))
        start++;
    *s = start;
    *e = end;
    return true;
}

/* Syllables closed by c, ch, p or t only take sắc or nặng. */
static bool stop_final(const telex *t)
{
    if (t->n < 2)
        return false;
    char last = t->l[t->n - 1].base;
    if (last == 'c' || last == 'p' || last == 't')
        return is_vowel(t->l[t->n - 2].base);
    if (last == 'h' && t->l[t->n - 2].base == 'c')
        return true;
    return false;
}

/* Which letter carries the tone, or -1. */
static int tone_position(const telex *t)
{
    int s, e;
    if (!vowel_run(t, &s, &e, true))
        return -1;
    int len = e - s;
    if (len == 1)
        return s;
    /* a marked vowel wins; of ươ the second */
    for (int i = e - 1; i >= s; i--)
        if (t->l[i].mark == MARK_HAT || t->l[i].mark == MARK_BREVE ||
            t->l[i].mark == MARK_HORN)
            return i;
    if (len >= 3)
        return s + 1; /* oai, oay, uya, uyu, oeo: the middle */
    bool closed = e < t->n;
    if (closed)
        return s + 1; /* toán, huỳnh */
    char a = t->l[s].base, b = t->l[s + 1].base;
    bool glide_pair = (a == 'o' && (b == 'a' || b == 'e')) ||
                      (a == 'u' && b == 'y');
    if (t->new_style && glide_pair)
        return s + 1; /* hoà, hoè, thuỷ */
    return s;         /* hòa, thủy; mái, mùa, kìa */
}

static telex_result append(telex *t, char base, bool upper, bool from_w)
{
    if (t->n >= TELEX_WORD_MAX)
        return TELEX_BREAK;
    t->l[t->n++] = (telex_letter){base, MARK_NONE, upper, from_w};
    /* "uơ" and "ưo" followed by more letters are "ươ" (thuơn -> thươn,
     * dưoi -> dươi): neither is a Vietnamese vowel group before a final */
    for (int i = 1; i + 1 < t->n; i++) {
        telex_letter *u = &t->l[i - 1], *o = &t->l[i];
        if (u->base != 'u' || o->base != 'o' ||
            (i >= 2 && t->l[i - 2].base == 'q'))
            continue;
        if (u->mark == MARK_NONE && o->mark == MARK_HORN)
            u->mark = MARK_HORN;
        else if (u->mark == MARK_HORN && o->mark == MARK_NONE)
            o->mark = MARK_HORN;
    }
    return TELEX_WORD;
}

static uint64_t key_bit(char k)
{
    if (k >= 'a' && k <= 'z')
        return (uint64_t)1 << (k - 'a');
    if (k >= '0' && k <= '9')
        return (uint64_t)1 << (26 + (k - '0'));
    return 0;
}

/* Type key k (lower case) as an ordinary character and remember that it
 * was undone, so that pressing it again types it again. */
static telex_result undo_and_type(telex *t, char k, bool upper)
{
    t->literal |= key_bit(k);
    return append(t, k, upper, false);
}

static telex_result apply_tone(telex *t, int tone, char k, bool upper)
{
    if (!has_vowel(t))
        return append(t, k, upper, false);
    if (t->tone == tone) {
        t->tone = TONE_NONE;
        return undo_and_type(t, k, upper);
    }
    if (stop_final(t) && tone != TONE_SAC && tone != TONE_NANG)
        return append(t, k, upper, false); /* "catr" is not Vietnamese */
    t->tone = tone;
    return TELEX_WORD;
}

/* â ê ô on the last matching vowel of the last vowel run (for VNI 6,
 * `which` is 0: any of a, e, o). */
static telex_result apply_hat(telex *t, char which, char k, bool upper)
{
    int s, e;
    if (vowel_run(t, &s, &e, false)) {
        for (int i = e - 1; i >= s; i--) {
            char b = t->l[i].base;
            if (which ? b != which : (b != 'a' && b != 'e' && b != 'o'))
                continue;
            if (t->l[i].mark == MARK_HAT) {
                t->l[i].mark = MARK_NONE;
                return undo_and_type(t, k, upper);
            }
            t->l[i].mark = MARK_HAT;
            return TELEX_WORD;
        }
    }
    return append(t, k, upper, false);
}

/* Telex w / VNI 7 / VNI 8: ươ, ơ, ư, ă.  `breve_only` for VNI 8,
 * `horn_only` for VNI 7. */
static telex_result apply_w(telex *t, char k, bool upper, bool breve_only,
                            bool horn_only)
{
    int s, e;
    if (!vowel_run(t, &s, &e, false)) {
        if (t->method != TELEX_METHOD_TELEX || k != 'w')
            return append(t, k, upper, false);
        if (append(t, 'u', upper, true) != TELEX_WORD) /* a lone w: ư */
            return TELEX_BREAK;
        t->l[t->n - 1].mark = MARK_HORN;
        return TELEX_WORD;
    }
    if (!breve_only) {
        /* u followed by o, as Unikey and bamboo do it:
         *   uow   -> uơ   at the very end of what is typed (thuở, huơ);
         *                 a letter after it makes it ươ (truowng ->
         *                 trương, see append), so the common words need
         *                 one w;
         *   uoww  -> ươ   the second w horns the u too (the way to get ươ
         *                 with nothing after it yet: "uoww" + "ng");
         *   uowww -> uow  a third w undoes both and types itself.
         * VNI's 7 follows the same steps (uo7 uơ, uo77 ươ, uo777 uo7). */
        for (int i = s; i + 1 < e; i++) {
            telex_letter *u = &t->l[i], *o = &t->l[i + 1];
            if (u->base != 'u' || o->base != 'o' ||
                (i > 0 && t->l[i - 1].base == 'q'))
                continue;
            if (u->mark == MARK_HORN && o->mark == MARK_HORN) {
                u->mark = o->mark = MARK_NONE;
                return undo_and_type(t, k, upper);
            }
            if (o->mark == MARK_HORN && u->mark == MARK_NONE) {
                u->mark = MARK_HORN; /* uơ + w again: ươ */
                return TELEX_WORD;
            }
            o->mark = MARK_HORN;
            if (u->mark == MARK_HORN || i + 2 < t->n)
                u->mark = MARK_HORN;
            return TELEX_WORD;
        }
    }
    static const char order[] = {'a', 'o', 'u'};
    for (size_t j = 0; j < sizeof order; j++) {
        char want = order[j];
        if ((breve_only && want != 'a') || (horn_only && want == 'a'))
            continue;
        int mark = want == 'a' ? MARK_BREVE : MARK_HORN;
        /* a and o: the last one; u: the first (ưu, ưi) */
        int from = want == 'u' ? s : e - 1, step = want == 'u' ? 1 : -1;
        for (int i = from; i >= s && i < e; i += step) {
            telex_letter *l = &t->l[i];
            if (l->base != want || (want == 'u' && i > 0 &&
                                    t->l[i - 1].base == 'q' && e - s > 1))
                continue;
            if (l->mark == mark) {
                if (l->from_w && i == t->n - 1) { /* "ww" -> "w" */
                    l->base = 'w';
                    l->mark = MARK_NONE;
                    l->from_w = false;
                    t->literal |= key_bit(k);
                    return TELEX_WORD;
                }
                l->mark = MARK_NONE;
                return undo_and_type(t, k, upper);
            }
            l->mark = (uint8_t)mark;
            return TELEX_WORD;
        }
    }
    return append(t, k, upper, false);
}

/* VNI 9 / Telex dd: đ.  Telex takes the d just typed; VNI the last d. */
static telex_result apply_bar(telex *t, char k, bool upper)
{
    for (int i = t->n - 1; i >= 0; i--) {
        telex_letter *l = &t->l[i];
        if (t->method == TELEX_METHOD_TELEX && i != t->n - 1)
            break;
        if (l->base != 'd')
            continue;
        if (l->mark == MARK_BAR) {
            l->mark = MARK_NONE;
            return undo_and_type(t, k, upper);
        }
        l->mark = MARK_BAR;
        return TELEX_WORD;
    }
    return append(t, k, upper, false);
}

static telex_result feed_telex(telex *t, char k, bool upper)
{
    switch (k) {
    case 's':
        return apply_tone(t, TONE_SAC, k, upper);
    case 'f':
        return apply_tone(t, TONE_HUYEN, k, upper);
    case 'r':
        return apply_tone(t, TONE_HOI, k, upper);
    case 'x':
        return apply_tone(t, TONE_NGA, k, upper);
    case 'j':
        return apply_tone(t, TONE_NANG, k, upper);
    case 'z':
        if (t->tone != TONE_NONE) {
            t->tone = TONE_NONE;
            return TELEX_WORD;
        }
        return append(t, k, upper, false);
    case 'a':
    case 'e':
    case 'o':
        return apply_hat(t, k, k, upper);
    case 'w':
        return apply_w(t, k, upper, false, false);
    case 'd':
        return apply_bar(t, k, upper);
    default:
        return append(t, k, upper, false);
    }
}

static telex_result feed_vni(telex *t, char k)
{
    switch (k) {
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
        return apply_tone(t, k - '0', k, false);
    case '0':
        if (t->tone != TONE_NONE) {
            t->tone = TONE_NONE;
            return TELEX_WORD;
        }
        return append(t, k, false, false);
    case '6':
        return apply_hat(t, 0, k, false);
    case '7':
        return apply_w(t, k, false, false, true);
    case '8':
        return apply_w(t, k, false, true, false);
    case '9':
        return apply_bar(t, k, false);
    default:
        return append(t, k, false, false);
    }
}

telex_result telex_feed(telex *t, uint32_t key)
{
    bool letter = (key >= 'a' && key <= 'z') || (key >= 'A' && key <= 'Z');
    bool digit = key >= '0' && key <= '9';
    if (!letter && !(digit && t->method == TELEX_METHOD_VNI))
        return TELEX_BREAK;
    bool upper = key >= 'A' && key <= 'Z';
    char k = (char)(upper ? key - 'A' + 'a' : key);
    if (t->literal & key_bit(k))
        return append(t, k, upper, false);
    if (t->method == TELEX_METHOD_VNI)
        return digit ? feed_vni(t, k) : append(t, k, upper, false);
    return feed_telex(t, k, upper);
}

bool telex_backspace(telex *t)
{
    if (t->n == 0)
        return false;
    t->n--;
    if (!has_vowel(t))
        t->tone = TONE_NONE;
    if (t->n == 0)
        t->literal = 0;
    return true;
}

/* One letter as UTF-8 (with its mark) into out; returns its length. */
static size_t letter_utf8(const telex_letter *l, uint8_t out[8])
{
    ucs4_t c = (ucs4_t)(unsigned char)l->base;
    switch (l->mark) {
    case MARK_HAT:
        c = l->base == 'a' ? 0xE2 : l->base == 'e' ? 0xEA : 0xF4;
        break;
    case MARK_BREVE:
        c = 0x103;
        break;
    case MARK_HORN:
        c = l->base == 'o' ? 0x1A1 : 0x1B0;
        break;
    case MARK_BAR:
        c = 0x111;
        break;
    }
    if (l->upper) {
        if (c < 0x80)
            c = c - 'a' + 'A';
        else if (c < 0x100)
            c -= 0x20; /* â->Â ê->Ê ô->Ô */
        else
            c -= 1; /* ă->Ă ơ->Ơ ư->Ư đ->Đ */
    }
    int n = u8_uctomb(out, c, 8);
    return n > 0 ? (size_t)n : 0;
}

static const ucs4_t tone_mark[] = {0, 0x301, 0x300, 0x309, 0x303, 0x323};

size_t telex_word(const telex *t, char *buf, size_t size)
{
    uint8_t raw[TELEX_WORD_MAX * 8 + 8];
    size_t len = 0;
    int at = t->tone ? tone_position(t) : -1;
    for (int i = 0; i < t->n; i++) {
        len += letter_utf8(&t->l[i], raw + len);
        if (i == at)
            len += (size_t)u8_uctomb(raw + len, tone_mark[t->tone], 8);
    }
    uint8_t nfc[sizeof raw];
    size_t nlen = sizeof nfc;
    uint8_t *res = u8_normalize(UNINORM_NFC, raw, len, nfc, &nlen);
    if (!res) { /* cannot happen for this input; fall back to raw */
        memcpy(nfc, raw, len);
        nlen = len;
        res = nfc;
    }
    if (size > 0) {
        size_t k = nlen < size - 1 ? nlen : size - 1;
        memcpy(buf, res, k);
        buf[k] = '\0';
    }
    if (res != nfc)
        free(res);
    return nlen;
}

struct sbuf {
    char *s;
    size_t len, cap;
};

static void sb_add(struct sbuf *b, const char *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = mc_xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void flush_word(telex *t, struct sbuf *b)
{
    char w[TELEX_WORD_MAX * 8 + 8];
    size_t n = telex_word(t, w, sizeof w);
    sb_add(b, w, n < sizeof w ? n : sizeof w - 1);
    telex_reset(t);
}

char *telex_convert(const char *keys, telex_method method, bool new_style)
{
    telex t;
    telex_init(&t, method, new_style);
    struct sbuf b = {NULL, 0, 0};
    sb_add(&b, "", 0);
    const uint8_t *p = (const uint8_t *)(keys ? keys : "");
    size_t left = strlen((const char *)p);
    while (left > 0) {
        ucs4_t c;
        int k = u8_mbtoucr(&c, p, left);
        if (k < 0) { /* invalid UTF-8: drop one byte */
            p++;
            left--;
            continue;
        }
        if (telex_feed(&t, c) == TELEX_BREAK) {
            flush_word(&t, &b);
            /* a key refused only because the word is full starts a new
             * word; anything else is copied */
            if (!(c < 0x80 && telex_feed(&t, c) == TELEX_WORD))
                sb_add(&b, (const char *)p, (size_t)k);
        }
        p += k;
        left -= (size_t)k;
    }
    flush_word(&t, &b);
    size_t nlen = 0;
    uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)b.s, b.len, NULL,
                                &nlen);
    if (!nfc)
        return b.s;
    char *out = mc_xmalloc(nlen + 1);
    memcpy(out, nfc, nlen);
    out[nlen] = '\0';
    free(nfc);
    free(b.s);
    return out;
}
