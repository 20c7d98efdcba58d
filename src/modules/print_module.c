/* SPDX-License-Identifier: GPL-3.0-or-later */
/* print_module.c - the table motcua-print.so exports (modules.h).
 *
 * The module is printers/ and src/desk/print_run.c, built with hidden
 * visibility: only this table is seen from outside.  What it calls in the
 * desk, the store and core is taken from the `motcua` binary. */
#include "modules.h"

__attribute__((visibility("default"))) const motcua_print_api
    motcua_print_module = {
        .abi = MOTCUA_MODULE_ABI,
        .version = MOTCUA_VERSION,
        .run = desk_print_run,
        .form_run = desk_print_form_run,
        .slip_run = desk_print_slip_run,
        .ticket_run = desk_print_ticket_run,
        .job_state = pr_job_state,
        .shutdown = pr_shutdown,
        .render_pdf = pr_render_pdf,
};
