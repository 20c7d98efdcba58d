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

/* The folded search key of `in` (malloc'd, never NULL).  Bytes that are
 * not valid UTF-8 are dropped. */
char *vn_fold(const char *in);

/* Number of user-perceived characters (code points after NFC). */
size_t vn_length(const char *s);

#endif
