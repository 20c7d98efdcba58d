/* SPDX-License-Identifier: GPL-3.0-or-later */
/* telex.h - Vietnamese input for terminals with no input method: one
 * engine, two key maps (Telex and VNI).
 *
 * The engine holds the word being typed.  Feed it keys one at a time; it
 * answers TELEX_WORD when the key went into the word (the TUI then redraws
 * the word from telex_word()) or TELEX_BREAK when the key is not part of a
 * word (space, punctuation, a digit in Telex...): the TUI then keeps the
 * word as it is, inserts the key itself and calls telex_reset().
 *
 * Telex: aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, uow ươ (uơ while nothing
 * follows: thuở; uoww ươ), dd đ, w alone ư; tones
 * s sắc, f huyền, r hỏi, x ngã, j nặng; z removes the tone.  VNI: 1 sắc,
 * 2 huyền, 3 hỏi, 4 ngã, 5 nặng, 6 â ê ô, 7 ơ ư, 8 ă, 9 đ, 0 removes the
 * tone.  Pressing a key again undoes it and types it ("ass" -> "as",
 * "aaa" -> "aa"), and that key stays literal for the rest of the word.
 * Capitals are kept.  Tones are written on the vowel the spelling calls
 * for and move as the word grows ("huwowngf" -> "hường"); old-style
 * placement by default (hòa, thủy), new style (hoà, thuỷ) on request.
 */
#ifndef MOTCUA_TELEX_H
#define MOTCUA_TELEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { TELEX_METHOD_TELEX = 0, TELEX_METHOD_VNI = 1 } telex_method;

typedef enum {
    TELEX_WORD = 0,  /* the key went into the word */
    TELEX_BREAK = 1, /* not part of a word: insert it yourself, then reset */
} telex_result;

#define TELEX_WORD_MAX 24 /* letters in one word; more gives TELEX_BREAK */

typedef struct telex_letter {
    char base;       /* 'a'..'z' */
    uint8_t mark;    /* circumflex, breve, horn or bar (private values) */
    bool upper;
    bool from_w;     /* an ư typed as a lone 'w' */
} telex_letter;

typedef struct telex {
    telex_method method;
    bool new_style;      /* hoà/thuỷ instead of hòa/thủy */
    telex_letter l[TELEX_WORD_MAX];
    int n;
    int tone;            /* 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng */
    uint64_t literal;    /* keys undone in this word: now typed as is */
} telex;

void telex_init(telex *t, telex_method method, bool new_style);
/* Forget the current word (start a new one). */
void telex_reset(telex *t);
/* Feed one key (a Unicode code point; only ASCII letters, and digits in
 * VNI, can be part of a word). */
telex_result telex_feed(telex *t, uint32_t key);
/* Remove the last letter of the word; false when the word is empty. */
bool telex_backspace(telex *t);
/* The current word in NFC UTF-8 into buf (always NUL-terminated when
 * size > 0); returns the length it needs, without the NUL. */
size_t telex_word(const telex *t, char *buf, size_t size);

/* A whole string typed with `method`: each run of word keys goes through
 * the engine, everything else is copied (invalid UTF-8 dropped).  Returns
 * a malloc'd NFC string. */
char *telex_convert(const char *keys, telex_method method, bool new_style);

#endif
