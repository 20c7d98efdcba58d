/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vntext.h - Vietnamese text: NFC normalisation and the search folding key.
 *
 * Everything that enters the system is stored in NFC (TCVN 6909:2001), so
 * "hoà" typed with combining marks equals "hoà" precomposed.  Search uses a
 * folded key: lower case, no tone marks, no vowel marks, đ/Đ -> d, runs of
 * white space collapsed to one space and trimmed.  Old and new tone
 * placement ("hòa"/"hoà") fold to the same key because all marks go.
 */
#ifndef MOTCUA_VNTEXT_H
#define MOTCUA_VNTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "mc_error.h"

/* true when s is well-formed UTF-8 */
bool vn_utf8_valid(const char *s);

/* NFC copy of `in` (malloc'd into *out).  Invalid UTF-8 or control
 * characters other than tab/newline are refused with MC_EINVAL naming
 * `field`.  Leading and trailing white space is trimmed. */
mc_status vn_nfc(const char *in, const char *field, char **out,
                 mc_error *err) MC_MUST_USE;

/* The folded search key of `in` (malloc'd, never NULL: out of memory ends
 * the process, see mc_error.c).  Bytes that are
 * not valid UTF-8 are dropped. */
char *vn_fold(const char *in);

/* Number of user-perceived characters (code points after NFC). */
size_t vn_length(const char *s);

/* A sort key for a Vietnamese text (malloc'd, never NULL): strcmp on two
 * keys orders the texts the Vietnamese way - letters in the alphabet
 * a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y first (digits
 * before letters, f j w z in their Latin places), then tones
 * (none < huyền < hỏi < ngã < sắc < nặng, as in CLDR's "vi" collation),
 * then lower case before upper case.  Words keep their order. */
char *vn_collate_key(const char *s);

/* The same for a person's name: by the given name (the last word), then
 * the rest in order ("Nguyễn Văn An" sorts as "An Nguyễn Văn"). */
char *vn_name_key(const char *name);

/* Compare two names with vn_name_key; ties broken byte-wise so the order
 * is total.  Usable with qsort on an array of const char *. */
int vn_name_cmp(const char *a, const char *b);

#endif
