/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "person_name.h"

#include <string.h>

#include "vntext.h"

static bool has_letter(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p >= 0xC0)
            return true;
    return false;
}

name_verdict name_check(const char *name, bool organisation, char *bad)
{
    if (bad)
        *bad = '\0';
    if (!name)
        return NAME_MISSING;
    if (vn_length(name) < 2)
        return NAME_TOO_SHORT;
    if (!has_letter(name))
        return NAME_NO_LETTER;
    if (!organisation)
        for (const char *p = name; *p; p++)
            if ((*p >= '0' && *p <= '9') ||
                strchr("@#$%^&*_=+<>{}[]|\\/;", *p)) {
                if (bad)
                    *bad = *p;
                return NAME_BAD_CHAR;
            }
    return NAME_OK;
}
