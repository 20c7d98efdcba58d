/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "clock.h"

#include "mc_error.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifndef MOTCUA_TEST_CLOCK
#define MOTCUA_TEST_CLOCK 0
#endif

static bool pin_allowed_by_setting;

bool mc_clock_pin_built_in(void)
{
    return MOTCUA_TEST_CLOCK != 0;
}

void mc_clock_allow_pin(bool allow)
{
    pin_allowed_by_setting = allow;
}

/* MOTCUA_NOW, when set and non-empty. */
static const char *pin_text(void)
{
    const char *pin = getenv("MOTCUA_NOW");
    return pin && *pin ? pin : NULL;
}

bool mc_clock_pinned(mc_ts *at)
{
    const char *pin = pin_text();
    mc_ts t;
    if (!pin || !mc_ts_parse(pin, &t))
        return false;
    if (!mc_clock_pin_built_in() && !pin_allowed_by_setting)
        return false;
    if (at)
        *at = t;
    return true;
}

bool mc_clock_pin_refused(void)
{
    return pin_text() && !mc_clock_pinned(NULL);
}

mc_ts mc_clock_now(void)
{
    mc_ts t;
    if (mc_clock_pinned(&t))
        return t;
    const char *pin = pin_text();
    if (pin) {
        /* once per process: the warning is for the person at the
         * terminal, not a log flood */
        static int warned;
        if (!warned) {
            warned = 1;
            mc_ts ignored;
            if (!mc_ts_parse(pin, &ignored))
                fprintf(stderr,
                        _("motcua: MOTCUA_NOW=\"%s\" không đúng dạng ISO 8601; "
                          "dùng đồng hồ thật\n"),
                        pin);
            else
                fputs(_("motcua: bỏ qua MOTCUA_NOW: bản cài đặt chính thức "
                        "không cho đặt giờ giả (quản trị viên có thể cho phép "
                        "trên cơ sở dữ liệu tập huấn); dùng đồng hồ thật\n"),
                      stderr);
        }
    }
    return (mc_ts)time(NULL);
}
