/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_fold.c - libFuzzer target: NFC, folding and collation keys never
 * crash, leak or read out of bounds, and keep their promises on any
 * bytes; the NFC fast path agrees with libunistring. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>
#include <uninorm.h>

#include "vntext.h"

/* vn_nfc's fast path (text already NFC by a per-code-point table) must give
 * exactly what libunistring's NFC gives, trimmed as vn_nfc trims */
static void same_as_unistring(const char *in, const char *nfc)
{
    size_t len = 0;
    uint8_t *ref = u8_normalize(UNINORM_NFC, (const uint8_t *)in, strlen(in),
                                NULL, &len);
    if (!ref)
        return;
    size_t a = 0, b = len;
    while (a < b && (ref[a] == ' ' || ref[a] == '\t' || ref[a] == '\n'))
        a++;
    while (b > a && (ref[b - 1] == ' ' || ref[b - 1] == '\t' ||
                     ref[b - 1] == '\n'))
        b--;
    if (strlen(nfc) != b - a || memcmp(nfc, ref + a, b - a) != 0)
        abort();
    free(ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0'; /* embedded NULs just end the string early */

    char *key = vn_fold(s);
    if (!vn_utf8_valid(key))
        abort(); /* the folded key is always valid UTF-8 */
    char *again = vn_fold(key);
    if (strcmp(again, key) != 0)
        abort(); /* folding is idempotent */
    free(again);
    free(key);

    char *nfc = NULL;
    mc_error err;
    if (vn_nfc(s, "fuzz", &nfc, &err) == MC_OK) {
        same_as_unistring(s, nfc);
        char *nfc2 = NULL;
        if (vn_nfc(nfc, "fuzz", &nfc2, &err) != MC_OK || strcmp(nfc, nfc2))
            abort(); /* NFC of NFC is itself */
        (void)vn_length(nfc);
        free(nfc2);
        free(nfc);
    }

    char *k1 = vn_collate_key(s), *k2 = vn_name_key(s);
    (void)vn_name_cmp(s, k1);
    free(k1);
    free(k2);
    free(s);
    return 0;
}
