/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_config.c - libFuzzer target: the configuration reader and its
 * checks on any bytes (cfg_load_text, what cfg_load_file does after reading
 * the file).  Every problem carries a message; every key the program knows
 * still answers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_problem(const cfg_problem *p, void *ud)
{
    (void)ud;
    if (!p->msg || p->msg[0] == '\0')
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > CFG_MAX_FILE_BYTES)
        return 0; /* the reader refuses longer files before parsing */
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    mc_config *c = NULL;
    mc_error err;
    mc_error_clear(&err);
    if (cfg_load_text(text, size, "fuzz.conf", &c, &err) == MC_OK) {
        (void)cfg_check(c, on_problem, NULL);
        /* a known key always has a value: one key an input, in turn (every
         * key each input made the target three times slower) */
        static size_t turn;
        const cfg_option *o = cfg_option_at(turn++ % cfg_option_count());
        if (!cfg_get(c, o->section, o->key))
            abort();
        (void)cfg_origin(c, o->section, o->key);
        cfg_free(c);
    } else if (err.msg[0] == '\0') {
        abort();
    }
    free(text);
    return 0;
}
