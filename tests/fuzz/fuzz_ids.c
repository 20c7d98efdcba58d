/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_ids.c - libFuzzer target: every identity-number validator on any
 * bytes; an accepted number's canonical form is accepted again unchanged,
 * and a rejection always says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ids.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef mc_status (*check_fn)(const char *, char *, mc_error *);

static mc_status cccd(const char *s, char *o, mc_error *e)
{
    return id_check_cccd(s, 2025, "f", o, e);
}
static mc_status cmnd(const char *s, char *o, mc_error *e)
{
    return id_check_cmnd(s, "f", o, e);
}
static mc_status person(const char *s, char *o, mc_error *e)
{
    return id_check_person(s, 2025, "f", o, e);
}
static mc_status bhxh(const char *s, char *o, mc_error *e)
{
    return id_check_bhxh(s, 2025, "f", o, e);
}
static mc_status phone(const char *s, char *o, mc_error *e)
{
    return id_check_phone(s, "f", o, e);
}
static mc_status tax(const char *s, char *o, mc_error *e)
{
    return id_check_taxcode(s, "f", o, e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const check_fn fns[] = {cccd, cmnd, person, bhxh, phone, tax};
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        char out[ID_MAX], out2[ID_MAX];
        mc_error err;
        mc_error_clear(&err);
        mc_status rc = fns[i](s, out, &err);
        if (rc == MC_OK) {
            if (strlen(out) >= ID_MAX || fns[i](out, out2, &err) != MC_OK ||
                strcmp(out, out2) != 0)
                abort();
        } else if (rc != MC_EINVAL || err.msg[0] == '\0' ||
                   strcmp(err.field, "f") != 0) {
            abort();
        }
        (void)fns[i](s, NULL, NULL); /* out and err are optional */
    }
    if (size >= 3)
        (void)id_province_name(s);
    free(s);
    return 0;
}
