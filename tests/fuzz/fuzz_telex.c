/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_telex.c - libFuzzer target: the Telex/VNI engine on any key
 * sequence, through both the whole-string and the incremental interface
 * (with backspaces), in both methods and tone styles. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "telex.h"
#include "vntext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    telex_method m = (data[0] & 1) ? TELEX_METHOD_VNI : TELEX_METHOD_TELEX;
    bool new_style = (data[0] & 2) != 0;
    data++;
    size--;

    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    char *out = telex_convert(s, m, new_style);
    if (!vn_utf8_valid(out))
        abort();
    free(out);
    free(s);

    /* incremental: byte 0x7F is a backspace, the rest are keys */
    telex t;
    telex_init(&t, m, new_style);
    char word[TELEX_WORD_MAX * 8 + 8];
    for (size_t i = 0; i < size; i++) {
        if (data[i] == 0x7F)
            (void)telex_backspace(&t);
        else if (telex_feed(&t, data[i]) == TELEX_BREAK)
            telex_reset(&t);
        size_t need = telex_word(&t, word, sizeof word);
        if (need >= sizeof word || strlen(word) != need ||
            !vn_utf8_valid(word))
            abort();
    }
    char small[3];
    (void)telex_word(&t, small, sizeof small);
    return 0;
}
