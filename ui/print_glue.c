/* print_glue.c - the seam between the TUI and printing (issue 6).
 *
 * Until the printers room exists in this build, every print request says
 * plainly that printing is not available; the dossier is already committed
 * either way, and "print again" on the dossier screen is the way back.
 * When printers/ lands, this file is the only one that changes. */
#include "ui_internal.h"

mc_status ui_print(ui_app *a, ui_print_kind kind, const mc_dossier *ds,
                   const char *number, bool copy, mc_error *err)
{
    (void)a;
    (void)kind;
    (void)ds;
    (void)number;
    (void)copy;
    return mc_fail(err, MC_EIO, "printer", "%s",
                   _("Chưa in được: bản cài đặt này chưa có chức năng in "
                     "(hồ sơ đã được lưu; in lại sau ở màn hình hồ sơ)"));
}
