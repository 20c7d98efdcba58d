/* SPDX-License-Identifier: GPL-3.0-or-later */
/* online_render.c - the Mẫu 02 / Mẫu 03 of an online decision rendered by
 * the print module (modules.h, desk_online.h), for the CLI and the TUI. */
#include "modules.h"

#include <stdlib.h>

#include "desk_print.h"

mc_status motcua_online_render(pr_form *f, unsigned char **pdf, size_t *len,
                               void *ud, mc_error *err)
{
    const motcua_online_render_ctx *c = ud;
    *pdf = NULL;
    *len = 0;
    const motcua_print_api *P = motcua_print_load(err);
    if (!P)
        return err->code;
    desk_print_office(c->desk, c->cfg, f);
    pr_buf b = {0};
    mc_status rc = P->render_pdf(f, &b, err);
    if (rc) {
        free(b.data);
        return rc;
    }
    *pdf = b.data; /* the module's malloc: the same C library */
    *len = b.len;
    return MC_OK;
}
