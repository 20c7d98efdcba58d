/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>

#include "desk.h"

const char *desk_forms_dir(void)
{
    const char *env = getenv("MOTCUA_FORMS_DIR");
    return env && *env ? env : MOTCUA_FORMS_DIR;
}
