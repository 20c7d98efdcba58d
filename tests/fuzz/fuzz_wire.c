/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_wire.c - libFuzzer target: every sync decoder (what the centre reads
 * from a desk and what a desk reads from the centre).  The first byte picks
 * the decoder; a refusal always names a reason; an accepted push batch has
 * each event checked by the event validator. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned which = data[0] % 5;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    char why[256] = "";
    char field[32] = "";

    switch (which) {
    case 0: {
        wire_push p;
        if (wire_push_decode(text, len, &p, field, why, sizeof why)) {
            for (size_t i = 0; i < p.n; i++) {
                char w2[256] = "";
                if (!wire_event_validate(p.items[i].event, p.office, w2,
                                         sizeof w2) &&
                    w2[0] == '\0')
                    abort();
                (void)wire_event_target_status(p.items[i].event);
            }
            wire_push_free(&p);
        } else if (why[0] == '\0') {
            abort();
        }
        break;
    }
    case 1: {
        wire_ack a;
        if (wire_ack_decode(text, len, &a, why, sizeof why))
            wire_ack_free(&a);
        else if (why[0] == '\0')
            abort();
        break;
    }
    case 2: {
        wire_error e;
        (void)wire_error_decode(text, len, &e);
        break;
    }
    case 3: {
        wire_changes c;
        if (wire_changes_decode(text, len, &c, why, sizeof why))
            wire_changes_free(&c);
        else if (why[0] == '\0')
            abort();
        break;
    }
    default: {
        wire_status_req r;
        if (wire_status_req_decode(text, len, &r, field, why, sizeof why))
            wire_status_req_free(&r);
        else if (why[0] == '\0')
            abort();
        break;
    }
    }
    return 0;
}
