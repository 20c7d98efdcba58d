/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_fold.c - libFuzzer target: NFC, folding and collation keys never
 * crash, leak or read out of bounds, and keep their promises on any
 * bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vntext.h"

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
