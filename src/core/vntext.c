/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "vntext.h"

#include <stdint.h>

#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

bool vn_utf8_valid(const char *s)
{
    return s && u8_check((const uint8_t *)s, strlen(s)) == NULL;
}

static bool is_space(ucs4_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
           c == 0x3000;
}

static bool fast_nfc(const uint8_t *s, size_t n);

mc_status vn_nfc(const char *in, const char *field, char **out, mc_error *err)
{
    *out = NULL;
    if (!in)
        in = "";
    size_t n = strlen(in);
    if (u8_check((const uint8_t *)in, n) != NULL)
        return mc_fail(err, MC_EINVAL, field,
                       _("Trường \"%s\" chứa byte không phải UTF-8 hợp lệ"),
                       field);
    /* refuse control characters: they corrupt forms and terminals */
    const uint8_t *p = (const uint8_t *)in;
    ucs4_t c;
    while ((p = u8_next(&c, p)) != NULL) {
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ||
            (c >= 0x80 && c < 0xA0))
            return mc_fail(err, MC_EINVAL, field,
                           _("Trường \"%s\" chứa ký tự điều khiển U+%04X"),
                           field, (unsigned)c);
    }
    size_t len = 0;
    uint8_t *nfc = fast_nfc((const uint8_t *)in, n)
                       ? (uint8_t *)mc_xstrdup(in)
                       : u8_normalize(UNINORM_NFC, (const uint8_t *)in, n,
                                      NULL, &len);
    if (nfc && !len)
        len = n;
    if (!nfc)
        return mc_fail(err, MC_ENOMEM, field, _("Hết bộ nhớ"));
    /* trim */
    size_t start = 0, end = len;
    while (start < end && (nfc[start] == ' ' || nfc[start] == '\t' ||
                           nfc[start] == '\n'))
        start++;
    while (end > start && (nfc[end - 1] == ' ' || nfc[end - 1] == '\t' ||
                           nfc[end - 1] == '\n'))
        end--;
    char *res = mc_xmalloc(end - start + 1);
    memcpy(res, nfc + start, end - start);
    res[end - start] = '\0';
    free(nfc);
    *out = res;
    return MC_OK;
}

static void push(char **buf, size_t *len, size_t *cap, const uint8_t *s,
                 size_t n)
{
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = mc_xrealloc(*buf, *cap);
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
}

/* The folding of any text, through libunistring's NFD. */
static char *fold_slow(const char *in)
{
    size_t n = strlen(in);
    /* drop invalid bytes first so normalisation sees clean input */
    char *clean = mc_xmalloc(n + 1);
    size_t cl = 0;
    const uint8_t *s = (const uint8_t *)in, *e = s + n;
    while (s < e) {
        ucs4_t c;
        int k = u8_mbtoucr(&c, s, (size_t)(e - s));
        if (k < 0) {
            s++;
            continue;
        }
        memcpy(clean + cl, s, (size_t)k);
        cl += (size_t)k;
        s += k;
    }
    clean[cl] = '\0';
    size_t dlen = 0;
    uint8_t *nfd = u8_normalize(UNINORM_NFD, (const uint8_t *)clean, cl, NULL,
                                &dlen);
    free(clean);
    /* the input is clean UTF-8 by now: only memory can fail, and an empty
     * key would be committed as the dossier's search key (or fail to match
     * a required paper), so it ends like any allocation (exit 12) */
    if (!nfd)
        mc_oom();
    char *out = NULL;
    size_t len = 0, cap = 0;
    push(&out, &len, &cap, (const uint8_t *)"", 0);
    bool pending_space = false;
    const uint8_t *p = nfd, *pe = nfd + dlen;
    while (p < pe) {
        ucs4_t c;
        int k = u8_mbtouc(&c, p, (size_t)(pe - p));
        p += k;
        if (uc_is_general_category(c, UC_CATEGORY_Mn))
            continue;
        if (is_space(c)) {
            pending_space = len > 0;
            continue;
        }
        if (c == 0x0111 || c == 0x0110)
            c = 'd';
        c = uc_tolower(c);
        if (pending_space) {
            push(&out, &len, &cap, (const uint8_t *)" ", 1);
            pending_space = false;
        }
        uint8_t enc[6];
        int w = u8_uctomb(enc, c, sizeof enc);
        if (w > 0)
            push(&out, &len, &cap, enc, (size_t)w);
    }
    free(nfd);
    return out;
}

/* --- the fast path ---------------------------------------------------------
 * Names, addresses and paper names are Latin letters with Vietnamese marks:
 * code points below U+0250, the combining marks U+0300..U+036F and Latin
 * Extended Additional U+1E00..U+1EFF.  For text made only of these, both
 * results are computed one code point at a time from a table, without a
 * normalisation pass:
 *   fold: NFD decomposes each code point on its own, then only reorders
 *     marks of non-zero combining class; every such mark these code points
 *     decompose to lies in U+0300..U+036F (category Mn), which the fold
 *     drops, so the order never shows.  Each entry is fold_slow() of that
 *     one code point (white space is handled by the caller, as there).
 *   NFC: a text of starters (combining class 0) that are each their own
 *     NFC and that no composition takes as a second element (no Latin
 *     letter is one) is already in NFC.
 * Any other code point sends the whole text down the libunistring path. */
#define FAST_A_END 0x370u      /* [0, 0x370): Latin, IPA, combining marks */
#define FAST_B_LO 0x1E00u      /* [0x1E00, 0x1F00): Latin Ext. Additional */
#define FAST_B_END 0x1F00u
#define FAST_N (FAST_A_END + (FAST_B_END - FAST_B_LO))

struct fast_cp {
    uint8_t len;      /* bytes of the folded form (0: the fold drops it) */
    bool nfc_stable;  /* a starter that is its own NFC */
    uint8_t fold[6];
};
static struct fast_cp fast_tab[FAST_N];
static once_flag fast_once = ONCE_FLAG_INIT;

static int fast_index(ucs4_t c)
{
    if (c < FAST_A_END)
        return (int)c;
    if (c >= FAST_B_LO && c < FAST_B_END)
        return (int)(FAST_A_END + (c - FAST_B_LO));
    return -1;
}

static void fast_init(void)
{
    for (ucs4_t c = 0; c < FAST_B_END; c++) {
        int i = fast_index(c);
        if (i < 0)
            continue;
        uint8_t enc[8];
        int w = u8_uctomb(enc, c, sizeof enc - 1);
        if (w <= 0)
            continue;
        enc[w] = 0;
        char *f = fold_slow((const char *)enc);
        size_t fl = strlen(f);
        struct fast_cp *e = &fast_tab[i];
        if (fl < sizeof e->fold) {
            e->len = (uint8_t)fl;
            memcpy(e->fold, f, fl);
        } else {
            e->len = 0xFF; /* never seen: leave it to the slow path */
        }
        free(f);
        size_t nl = 0;
        uint8_t *nfc = u8_normalize(UNINORM_NFC, enc, (size_t)w, NULL, &nl);
        if (!nfc)
            mc_oom();
        e->nfc_stable = uc_combining_class(c) == 0 && nl == (size_t)w &&
                        memcmp(nfc, enc, nl) == 0;
        free(nfc);
    }
}

static const struct fast_cp *fast_table(void)
{
    call_once(&fast_once, fast_init);
    return fast_tab;
}

/* true when s (valid UTF-8, n bytes) is known to be in NFC already */
static bool fast_nfc(const uint8_t *s, size_t n)
{
    const uint8_t *p = s, *e = s + n;
    while (p < e && *p < 0x80)
        p++;
    if (p == e)
        return true; /* ASCII */
    const struct fast_cp *t = fast_table();
    while (p < e) {
        ucs4_t c;
        int k = u8_mbtouc_unsafe(&c, p, (size_t)(e - p));
        int i = fast_index(c);
        if (i < 0 || !t[i].nfc_stable)
            return false;
        p += k;
    }
    return true;
}

char *vn_fold(const char *in)
{
    if (!in)
        in = "";
    size_t n = strlen(in);
    const struct fast_cp *t = fast_table();
    /* the fold is never longer than the text (an entry is at most as long
     * as its code point) */
    char *out = mc_xmalloc(n + 1);
    size_t len = 0;
    bool pending_space = false;
    const uint8_t *s = (const uint8_t *)in, *e = s + n;
    while (s < e) {
        ucs4_t c;
        int k = u8_mbtoucr(&c, s, (size_t)(e - s));
        if (k < 0) {
            s++; /* an invalid byte is dropped, as fold_slow does */
            continue;
        }
        s += k;
        if (is_space(c)) {
            pending_space = len > 0;
            continue;
        }
        int i = fast_index(c);
        if (i < 0 || t[i].len > (size_t)k) {
            free(out);
            return fold_slow(in);
        }
        if (!t[i].len)
            continue;
        if (pending_space) {
            out[len++] = ' ';
            pending_space = false;
        }
        memcpy(out + len, t[i].fold, t[i].len);
        len += t[i].len;
    }
    out[len] = '\0';
    return out;
}

size_t vn_length(const char *s)
{
    return s ? u8_mbsnlen((const uint8_t *)s, strlen(s)) : 0;
}

/* --- collation -------------------------------------------------------------
 * A key has three levels separated by byte 0x01; within a level, words are
 * separated by 0x02 and every weight is at least 0x03, so shorter words
 * sort first.  Level 1 is the letter (base + vowel mark), one weight per
 * character; level 2 the tone, one weight per word (a syllable has one
 * tone, so old and new placement compare equal); level 3 the case.  Characters outside the Vietnamese
 * and Latin alphabets get a 4-byte level-1 weight after all letters. */

/* Level-1 weight of a letter: 1-based place in the alphabet, 0 if none. */
static int letter_rank(ucs4_t base, int mark)
{
    /* the alphabet with f j w z slotted in Latin order; 1..7 stand for
     * ă â đ ê ô ơ ư */
    static const char order[] = {'a', 1,   2,   'b', 'c', 'd', 3,   'e',
                                 4,   'f', 'g', 'h', 'i', 'j', 'k', 'l',
                                 'm', 'n', 'o', 5,   6,   'p', 'q', 'r',
                                 's', 't', 'u', 7,   'v', 'w', 'x', 'y',
                                 'z'};
    /* marks: 1 breve (ă), 2 circumflex (â ê ô), 3 horn (ơ ư), 4 bar (đ) */
    char want;
    if (base >= 'a' && base <= 'z' && mark == 0)
        want = (char)base;
    else if (base == 'a' && mark == 1)
        want = 1;
    else if (base == 'a' && mark == 2)
        want = 2;
    else if (base == 'd' && mark == 4)
        want = 3;
    else if (base == 'e' && mark == 2)
        want = 4;
    else if (base == 'o' && mark == 2)
        want = 5;
    else if (base == 'o' && mark == 3)
        want = 6;
    else if (base == 'u' && mark == 3)
        want = 7;
    else
        return 0;
    const char *p = memchr(order, want, sizeof order);
    return p ? (int)(p - order) + 1 : 0;
}

struct ckey {
    char *l[3];
    size_t n[3], cap[3];
};

static void ck_push(struct ckey *k, int level, const uint8_t *b, size_t n)
{
    if (k->n[level] + n + 1 > k->cap[level]) {
        k->cap[level] = (k->n[level] + n + 1) * 2;
        k->l[level] = mc_xrealloc(k->l[level], k->cap[level]);
    }
    memcpy(k->l[level] + k->n[level], b, n);
    k->n[level] += n;
}

static void ck_byte(struct ckey *k, int level, uint8_t b)
{
    ck_push(k, level, &b, 1);
}

/* Append one word (NFD code points) to the three levels. */
static void ck_word(struct ckey *k, const ucs4_t *w, size_t n)
{
    size_t i = 0;
    int word_tone = 0;
    while (i < n) {
        ucs4_t c = w[i++];
        bool upper = uc_is_upper(c);
        ucs4_t base = uc_tolower(c);
        int mark = 0, tone = 0;
        if (base == 0x111) { /* đ */
            base = 'd';
            mark = 4;
        }
        while (i < n && uc_is_general_category(w[i], UC_CATEGORY_Mn)) {
            switch (w[i]) {
            case 0x306: mark = 1; break;
            case 0x302: mark = 2; break;
            case 0x31B: mark = 3; break;
            case 0x300: tone = 1; break;
            case 0x309: tone = 2; break;
            case 0x303: tone = 3; break;
            case 0x301: tone = 4; break;
            case 0x323: tone = 5; break;
            default: break;
            }
            i++;
        }
        int r = letter_rank(base, mark);
        if (base >= '0' && base <= '9') {
            ck_byte(k, 0, (uint8_t)(0x03 + (base - '0')));
        } else if (r > 0) {
            ck_byte(k, 0, (uint8_t)(0x10 + r));
        } else {
            uint8_t b[4] = {0xF0, (uint8_t)(0x80 | ((c >> 14) & 0x7F)),
                            (uint8_t)(0x80 | ((c >> 7) & 0x7F)),
                            (uint8_t)(0x80 | (c & 0x7F))};
            ck_push(k, 0, b, 4);
        }
        if (tone > word_tone)
            word_tone = tone;
        ck_byte(k, 2, (uint8_t)(upper ? 0x04 : 0x03));
    }
    /* one tone per syllable, wherever it is written: hòa == hoà */
    ck_byte(k, 1, (uint8_t)(0x03 + word_tone));
}

/* The NFD code points of s split into words; *starts gets each word's
 * start, *lens its length; returns the number of words. */
static size_t split_words(const char *s, ucs4_t **cps, size_t **starts,
                          size_t **lens)
{
    size_t blen = strlen(s ? s : "");
    size_t n = 0;
    ucs4_t *u = NULL;
    if (blen && u8_check((const uint8_t *)s, blen) == NULL) {
        uint8_t *nfd = u8_normalize(UNINORM_NFD, (const uint8_t *)s, blen,
                                    NULL, &n);
        if (nfd) {
            u = mc_xmalloc((n + 1) * sizeof *u);
            size_t m = 0;
            for (const uint8_t *p = nfd; p && p < nfd + n;) {
                ucs4_t c;
                p += u8_mbtouc(&c, p, (size_t)(nfd + n - p));
                u[m++] = c;
            }
            n = m;
            free(nfd);
        } else {
            n = 0;
        }
    }
    *cps = u ? u : mc_xmalloc(sizeof *u);
    *starts = mc_xmalloc((n + 1) * sizeof **starts);
    *lens = mc_xmalloc((n + 1) * sizeof **lens);
    size_t words = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && is_space((*cps)[i]))
            i++;
        if (i >= n)
            break;
        size_t st = i;
        while (i < n && !is_space((*cps)[i]))
            i++;
        (*starts)[words] = st;
        (*lens)[words] = i - st;
        words++;
    }
    return words;
}

static char *collate(const char *s, bool name_order)
{
    ucs4_t *cps;
    size_t *st, *ln;
    size_t words = split_words(s, &cps, &st, &ln);
    struct ckey k = {{NULL, NULL, NULL}, {0, 0, 0}, {0, 0, 0}};
    for (size_t j = 0; j < words; j++) {
        /* name order: the last word first, then the others */
        size_t w = name_order ? (j == 0 ? words - 1 : j - 1) : j;
        if (j > 0)
            for (int lv = 0; lv < 3; lv++)
                ck_byte(&k, lv, 0x02);
        ck_word(&k, cps + st[w], ln[w]);
    }
    char *out = mc_xmalloc(k.n[0] + k.n[1] + k.n[2] + 3);
    size_t o = 0;
    for (int lv = 0; lv < 3; lv++) {
        if (k.n[lv])
            memcpy(out + o, k.l[lv], k.n[lv]);
        o += k.n[lv];
        if (lv < 2)
            out[o++] = 0x01;
        free(k.l[lv]);
    }
    out[o] = '\0';
    free(cps);
    free(st);
    free(ln);
    return out;
}

char *vn_collate_key(const char *s)
{
    return collate(s, false);
}

char *vn_name_key(const char *name)
{
    return collate(name, true);
}

int vn_name_cmp(const char *a, const char *b)
{
    char *ka = vn_name_key(a), *kb = vn_name_key(b);
    int r = strcmp(ka, kb);
    free(ka);
    free(kb);
    if (r == 0)
        r = strcmp(a ? a : "", b ? b : "");
    return r < 0 ? -1 : r > 0;
}
