/* SPDX-License-Identifier: GPL-3.0-or-later */
/* print_run.c - one print from snapshot to record (desk_print_run.h).
 *
 * The CLI and the TUI both print through here, so "no printer" (a file in
 * the receipts folder), "printer cannot print" (a failed attempt recorded,
 * the dossier untouched) and "sent" mean the same thing everywhere.
 */
#include "desk_print_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "desk_internal.h"
#include "store_print.h"

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static const char *cfg_str(const struct mc_config *cfg, const char *section,
                           const char *key)
{
    const char *v = cfg ? cfg_get(cfg, section, key) : NULL;
    return v && *v ? v : NULL;
}

/* Poll CUPS until the job is done or failed, or `seconds` pass. */
static const char *wait_job(int job, double seconds, char reason[256])
{
    const char *state = "queued";
    double end = mono_ms() + seconds * 1000.0;
    for (;;) {
        mc_error e;
        const char *st = NULL;
        if (pr_job_state(job, &st, reason, &e) == MC_OK)
            state = st;
        if (strcmp(state, "done") == 0 || strcmp(state, "failed") == 0 ||
            mono_ms() >= end)
            return state;
        struct timespec nap = {0, 10 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
}

static void result_init(desk_print_result *res)
{
    memset(res, 0, sizeof *res);
    res->state = ""; /* nothing sent (yet) */
    res->submit_to_state_ms = -1;
}

/* Send rendered bytes; the caller records.  On a printer that cannot
 * print, res->send.queue names it and err says why. */
static mc_status send_bytes(const struct mc_config *cfg, const char *dir,
                            const char *file_name, const char *title,
                            bool raw, const desk_print_run_opts *ro,
                            const pr_buf *bytes, desk_print_result *res,
                            mc_error *err)
{
    const char *key = ro && ro->queue_key ? ro->queue_key : "receipt_queue";
    pr_send_opts so = {
        .queue = ro && ro->printer ? ro->printer : cfg_str(cfg, "print", key),
        .file = ro ? ro->file : NULL,
        .fallback_dir = dir,
        .file_name = file_name,
        .title = title,
        .raw = raw,
    };
    return pr_send(&so, bytes->data, bytes->len, &res->send, err);
}

/* After a successful send: the state to record, following the CUPS job
 * for ro->wait seconds when asked. */
static void follow(mc_desk *d, const desk_print_run_opts *ro, double t0,
                   desk_print_result *res)
{
    res->state = res->send.outcome == PR_SENT_FILE ? "file" : "queued";
    if (res->send.outcome != PR_SENT_CUPS || !ro || ro->wait <= 0)
        return;
    res->state = wait_job(res->send.job_id, ro->wait, res->reason);
    res->submit_to_state_ms = mono_ms() - t0;
    mc_error e = {0};
    if (strcmp(res->state, "queued") != 0 && res->job_row &&
        desk_print_update(d, res->job_row, res->state, res->send.job_id,
                          res->reason[0] ? res->reason : NULL, &e) != MC_OK)
        res->reason[0] = '\0';
}

mc_status desk_print_run(mc_desk *d, const struct mc_config *cfg,
                         const desk_print_doc *doc,
                         const desk_print_run_opts *ro, desk_print_result *res,
                         mc_error *err)
{
    result_init(res);
    const pr_form *f = desk_print_form(doc);
    res->copy_no = f->copy_no;
    pr_buf pdf = {0};
    char *dir = NULL, *title = NULL;
    mc_status rc = pr_render_pdf(f, &pdf, err);
    if (rc)
        goto out;
    dir = desk_print_receipts_dir(d, cfg);
    title = mc_xasprintf("%s %s", pr_doc_name(f->doc),
                         f->doc == PR_BOOK || !f->dossier.code
                             ? ""
                             : f->dossier.code);
    double t0 = mono_ms();
    res->bytes = pdf.len;
    rc = send_bytes(cfg, dir, desk_print_file_name(doc), title, false, ro,
                    &pdf, res, err);
    if (rc) {
        /* the attempt is recorded; the dossier is untouched */
        char dest[300];
        snprintf(dest, sizeof dest, "cups:%s",
                 res->send.queue[0] ? res->send.queue : "?");
        desk_print_outcome fo = {dest, 0, "failed", err->msg};
        mc_error rerr = {0};
        if (desk_print_record(d, doc, &fo, &res->job_row, &rerr))
            res->job_row = 0; /* the printer's reason matters more */
        res->state = "failed";
        goto out;
    }
    res->state = res->send.outcome == PR_SENT_FILE ? "file" : "queued";
    desk_print_outcome oc = {res->send.destination, res->send.job_id,
                             res->state,
                             res->send.fallback ? res->send.why_fallback
                                                : NULL};
    if ((rc = desk_print_record(d, doc, &oc, &res->job_row, err)))
        goto out;
    follow(d, ro, t0, res);
out:
    free(title);
    free(dir);
    pr_buf_free(&pdf);
    return rc;
}

mc_status desk_print_form_run(mc_desk *d, pr_doc kind, const char *code,
                              const desk_print_opts *po,
                              const desk_print_run_opts *ro,
                              desk_print_result *res, mc_error *err)
{
    result_init(res);
    desk_print_doc *doc = NULL;
    mc_status rc = desk_print_prepare(d, kind, code, po, &doc, err);
    if (rc)
        return rc;
    rc = desk_print_run(d, po ? po->cfg : NULL, doc, ro, res, err);
    desk_print_doc_free(doc);
    return rc;
}

/* --- the reception supplement slip (no dossier) --------------------------- */

/* print_jobs + audit for a slip, in one transaction (as desk_print_record
 * does for a dossier's form). */
static mc_status record_slip(mc_desk *d, const char *number,
                             const char *destination, int cups_job_id,
                             const char *state, const char *reason,
                             int64_t *row, mc_error *err)
{
    mc_status rc = desk_require(d, ROLE_DESK, _("in phiếu"), err);
    if (rc)
        return rc;
    mc_ts now = desk_now(d);
    store_print_job j = {
        .dossier_id = 0, .document = "supplement", .copy_no = 0,
        .destination = destination, .cups_job_id = cups_job_id,
        .state = state, .reason = reason, .actor = desk_actor(d),
        .created_at = now,
    };
    int64_t id = 0;
    if ((rc = store_begin(d->store, err)))
        return rc;
    rc = store_print_insert(d->store, &j, &id, err);
    if (!rc) {
        json_t *detail = json_pack("{s:s, s:i, s:s, s:s, s:I}", "document",
                                   "supplement", "copy_no", 0, "destination",
                                   destination ? destination : "", "state",
                                   state, "print_job", (json_int_t)id);
        if (cups_job_id)
            json_object_set_new(detail, "cups_job_id",
                                json_integer(cups_job_id));
        if (reason)
            json_object_set_new(detail, "reason", json_string(reason));
        char *object = mc_xasprintf("slip:%s", number);
        rc = desk_audit(d, now,
                        strcmp(state, "failed") == 0 ? "print.failed"
                                                     : "print",
                        object, detail, err);
        free(object);
    }
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    if (!rc && row)
        *row = id;
    return rc;
}

mc_status desk_print_slip_run(mc_desk *d, const desk_guide_in *in,
                              const char *number, const desk_print_opts *po,
                              const desk_print_run_opts *ro,
                              desk_print_result *res, mc_error *err)
{
    result_init(res);
    const struct mc_config *cfg = po ? po->cfg : NULL;
    cat_procedure proc = {0};
    bool have_proc = desk_catalogue_get(d, in->procedure_code, &proc, err) ==
                     MC_OK;
    pr_form f;
    memset(&f, 0, sizeof f);
    f.doc = PR_SUPPLEMENT;
    desk_print_office(d, cfg, &f);
    f.number = number;
    f.copies = 1;
    f.dossier.procedure_name = have_proc ? proc.name_vi : in->procedure_code;
    f.dossier.procedure_field = have_proc ? proc.field : NULL;
    f.dossier.applicant_name = in->applicant_name;
    f.dossier.id_number = in->id_number;
    f.dossier.phone = in->phone;
    f.dossier.email = in->email;
    f.dossier.address = in->address;
    f.dossier.sets = 1;
    f.items = in->missing;
    f.n_items = in->n_missing;
    f.reason = in->reason;
    if (po && po->contact)
        f.contact = po->contact;

    pr_buf pdf = {0};
    char *dir = NULL, *name = NULL;
    mc_status rc = pr_render_pdf(&f, &pdf, err);
    if (rc)
        goto out;
    dir = desk_print_receipts_dir(d, cfg);
    name = mc_xasprintf("supplement-%s.pdf", number);
    double t0 = mono_ms();
    rc = send_bytes(cfg, dir, name, name, false, ro, &pdf, res, err);
    if (rc) {
        char dest[300];
        snprintf(dest, sizeof dest, "cups:%s",
                 res->send.queue[0] ? res->send.queue : "?");
        mc_error rerr = {0};
        if (record_slip(d, number, dest, 0, "failed", err->msg, &res->job_row,
                        &rerr))
            res->job_row = 0;
        res->state = "failed";
        goto out;
    }
    res->state = res->send.outcome == PR_SENT_FILE ? "file" : "queued";
    if ((rc = record_slip(d, number, res->send.destination, res->send.job_id,
                          res->state,
                          res->send.fallback ? res->send.why_fallback : NULL,
                          &res->job_row, err)))
        goto out;
    follow(d, ro, t0, res);
out:
    free(name);
    free(dir);
    pr_buf_free(&pdf);
    if (have_proc)
        cat_procedure_free(&proc);
    return rc;
}

/* --- queue tickets ----------------------------------------------------------- */

mc_status desk_print_ticket_run(const struct mc_config *cfg,
                                const char *fallback_dir, const pr_ticket *t,
                                const desk_print_run_opts *ro,
                                desk_print_result *res, mc_error *err)
{
    result_init(res);
    pr_buf bytes = {0};
    mc_status rc = pr_render_ticket(t, &bytes, err);
    if (rc)
        goto out;
    char *name = mc_xasprintf("ticket-%s.escpos", t->number);
    desk_print_run_opts o = ro ? *ro : (desk_print_run_opts){0};
    if (!o.queue_key)
        o.queue_key = "ticket_queue";
    rc = send_bytes(cfg, fallback_dir, name, name, true, &o, &bytes, res, err);
    free(name);
    res->bytes = bytes.len;
    if (!rc)
        res->state = res->send.outcome == PR_SENT_FILE ? "file" : "queued";
out:
    pr_buf_free(&bytes);
    return rc;
}
