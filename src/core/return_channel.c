/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "return_channel.h"

#include <string.h>

static const struct {
    const char *name, *label, *label_vi;
} chans[] = {
    [RET_NONE] = {NULL, NULL, NULL},
#define X(e, n, l, p) [e] = {n, l, p},
    MC_RETURN_CHANNEL_LIST(X)
#undef X
};

const char *return_channel_name(unsigned ch)
{
    return ch > RET_NONE && ch < RET__END ? chans[ch].name : NULL;
}

const char *return_channel_label(unsigned ch)
{
    return ch > RET_NONE && ch < RET__END ? _(chans[ch].label) : "";
}

const char *return_channel_label_vi(unsigned ch)
{
    return ch > RET_NONE && ch < RET__END ? chans[ch].label_vi : "";
}

bool return_channel_parse(const char *name, unsigned *out)
{
    for (unsigned i = RET_NONE + 1; name && i < RET__END; i++)
        if (strcmp(chans[i].name, name) == 0) {
            *out = i;
            return true;
        }
    return false;
}

bool return_tracking_check(const char *in, char out[41])
{
    size_t n = in ? strlen(in) : 0, k = 0;
    bool digit = false;
    if (n < 4 || n > 40)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c >= '0' && c <= '9')
            digit = true;
        else if (c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 'a' + 'A');
        else if (!(c >= 'A' && c <= 'Z') && c != '-')
            return false;
        out[k++] = (char)c;
    }
    out[k] = '\0';
    return digit;
}
