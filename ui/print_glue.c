/* SPDX-License-Identifier: GPL-3.0-or-later */
/* print_glue.c - the seam between the TUI and printing (issue 6).
 *
 * Every print of the TUI goes through desk_print_run.h, the same path as
 * `motcua print`: the desk's snapshot -> render -> CUPS (or the PDF in
 * the receipts folder when there is no printer) -> print_jobs + audit.
 * The screens get one sentence for the clerk: where the paper went, or
 * why the printer could not print.  A print never touches the dossier:
 * it is committed before ui_print is called, and "print again" (F7 on the
 * dossier screen) is always there.
 *
 * The print path is motcua-print.so, opened on the first print
 * (src/modules/modules.h), so the TUI starts without cairo, pango, CUPS
 * and their libraries; a missing module is told to the clerk like a
 * printer that cannot print.  HAVE_MOTCUA_PRINTERS says the build has the
 * module. */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#ifdef HAVE_MOTCUA_PRINTERS

#include "desk_print_run.h"
#include "modules.h"

static const char *doc_label(pr_doc k)
{
    switch (k) {
    case PR_RECEIPT:
        return _("giấy tiếp nhận");
    case PR_REFUSAL:
        return _("phiếu từ chối");
    case PR_SUPPLEMENT:
        return _("phiếu yêu cầu bổ sung");
    case PR_APOLOGY:
        return _("phiếu xin lỗi và hẹn lại");
    default:
        return pr_doc_name(k);
    }
}

static const char *cfg_str(const struct mc_config *cfg, const char *section,
                           const char *key)
{
    const char *v = cfg ? cfg_get(cfg, section, key) : NULL;
    return v && *v ? v : NULL;
}

mc_status ui_print(ui_app *a, const ui_print_req *rq, ui_print_out *out,
                   mc_error *err)
{
    out->msg[0] = '\0';
    out->file = false;
    out->planned = false;
    pr_doc kind = rq->kind == UP_REFUSAL      ? PR_REFUSAL
                  : rq->kind == UP_SUPPLEMENT ? PR_SUPPLEMENT
                  : rq->kind == UP_SLIP       ? PR_SUPPLEMENT
                  : rq->kind == UP_APOLOGY    ? PR_APOLOGY
                                              : PR_RECEIPT;
    const motcua_print_api *P = motcua_print_load(err);
    if (!P)
        return err->code;
    desk_print_opts po = {.cfg = a->cfg, .force_copy = rq->copy};
    desk_print_run_opts ro = {0};
    desk_print_result res;
    mc_status rc;
    if (rq->kind == UP_SLIP)
        rc = P->slip_run(a->desk, rq->slip, rq->number, &po, &ro, &res,
                                 err);
    else
        rc = P->form_run(a->desk, kind, rq->code, &po, &ro, &res, err);
    const char *what = doc_label(kind);
    if (rc) {
        /* the printer's reason, then what the clerk does about it */
        size_t n = strlen(err->msg);
        if (strcmp(res.state, "failed") == 0 && rq->kind != UP_SLIP)
            snprintf(err->msg + n, sizeof err->msg - n,
                     _(". Hồ sơ %s vẫn được lưu; xử lý máy in rồi in lại "
                       "(F7 ở màn hình hồ sơ)."),
                     rq->code);
        else if (strcmp(res.state, "failed") == 0)
            snprintf(err->msg + n, sizeof err->msg - n, "%s",
                     _(". Phiếu đã được lưu; xử lý máy in rồi in lại "
                       "(motcua print)."));
        return rc;
    }
    char copy[80] = "";
    if (res.copy_no > 0)
        snprintf(copy, sizeof copy, _(" (bản sao, in lại lần thứ %d)"),
                 res.copy_no);
    char *msg = out->msg;
    size_t size = sizeof out->msg;
    out->file = res.send.outcome == PR_SENT_FILE;
    /* no printer set up for the forms (an office that prints from the
     * PDFs, or none yet): the PDF is the normal outcome, not a failure */
    out->planned = out->file && res.send.fallback &&
                   !cfg_str(a->cfg, "print", "receipt_queue");
    if (out->planned) {
        snprintf(msg, size, _("%s%s: đã lưu bản PDF tại %s (văn phòng chưa "
                              "cấu hình máy in)"),
                 what, copy, res.send.path);
        if (msg[0] >= 'a' && msg[0] <= 'z') /* the label starts the sentence */
            msg[0] = (char)(msg[0] - 'a' + 'A');
    }
    else if (res.send.outcome == PR_SENT_FILE && res.send.fallback)
        snprintf(msg, size, _("Chưa in được %s%s (%s): đã lưu bản PDF tại %s"),
                 what, copy, res.send.why_fallback, res.send.path);
    else if (res.send.outcome == PR_SENT_FILE)
        snprintf(msg, size, _("Đã lưu %s%s tại %s"), what, copy,
                 res.send.path);
    else
        snprintf(msg, size, _("Đã gửi %s%s tới máy in %s (lệnh in số %d)"),
                 what, copy, res.send.queue, res.send.job_id);
    return MC_OK;
}

mc_status ui_print_ticket(ui_app *a, const char *number, const char *service,
                          ui_print_out *out, mc_error *err)
{
    const struct mc_config *cfg = a->cfg;
    char *msg = out->msg;
    size_t size = sizeof out->msg;
    out->msg[0] = '\0';
    out->file = false;
    out->planned = false;
    const motcua_print_api *P = motcua_print_load(err);
    if (!P)
        return err->code;
    const char *office = cfg_str(cfg, "office", "name");
    if (!office)
        office = desk_office_name(a->desk);
    pr_ticket t = {
        .number = number, .office = office, .counter = service,
        .qr = NULL, .at = desk_now(a->desk), .width_mm = 58,
    };
    char *dir = desk_print_receipts_dir(a->desk, cfg);
    desk_print_run_opts ro = {.queue_key = "ticket_queue"};
    desk_print_result res;
    mc_status rc = P->ticket_run(cfg, dir, &t, &ro, &res, err);
    free(dir);
    if (rc)
        return rc;
    out->file = res.send.outcome == PR_SENT_FILE;
    if (res.send.outcome == PR_SENT_FILE)
        snprintf(msg, size, _("Chưa có máy in số thứ tự: đã lưu phiếu tại %s"),
                 res.send.path);
    else
        snprintf(msg, size, _("Đã in số thứ tự trên máy in %s"),
                 res.send.queue);
    return MC_OK;
}

void ui_print_shutdown(void)
{
    const motcua_print_api *P = motcua_print_loaded();
    if (P)
        P->shutdown();
}

#else /* a build without the printers room */

mc_status ui_print(ui_app *a, const ui_print_req *rq, ui_print_out *out,
                   mc_error *err)
{
    (void)a, (void)rq;
    out->msg[0] = '\0';
    out->file = false;
    out->planned = false;
    return mc_fail(err, MC_EIO, "printer", "%s",
                   _("Chưa in được: bản cài đặt này chưa có chức năng in "
                     "(hồ sơ đã được lưu; in lại sau ở màn hình hồ sơ)"));
}

mc_status ui_print_ticket(ui_app *a, const char *number, const char *service,
                          ui_print_out *out, mc_error *err)
{
    (void)a, (void)number, (void)service;
    out->msg[0] = '\0';
    out->file = false;
    out->planned = false;
    return mc_fail(err, MC_EIO, "printer", "%s",
                   _("Bản cài đặt này chưa có chức năng in số thứ tự"));
}

void ui_print_shutdown(void)
{
}

#endif
