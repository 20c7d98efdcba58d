/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cups.c - sending a rendered form or ticket: a CUPS queue or a file.
 *
 * Before a job is created the queue's printer-state, printer-state-reasons
 * and printer-is-accepting-jobs are read: a stopped (cupsdisable), paused,
 * offline, out-of-paper, jammed or open printer would only hold the job
 * while the citizen waits, so the clerk is told why instead and nothing is
 * sent.  When there is no queue at all (none configured and no CUPS
 * default) or the scheduler cannot be reached, the document is written to
 * the fallback folder and the caller tells the clerk where.
 */
#include "printers.h"

#include <cups/cups.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static http_t *connect_cups(int timeout_ms)
{
    return httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC,
                        cupsEncryption(), 1, timeout_ms > 0 ? timeout_ms : 3000,
                        NULL);
}

/* A printer-state-reasons keyword that stops printing, with the words for
 * the clerk; NULL for the harmless ones (none, *-report/-warning...). */
static const char *blocking_reason(const char *kw)
{
    static const struct {
        const char *prefix, *text;
    } table[] = {
        {"offline", N_("máy in mất kết nối (offline)")},
        {"paused", N_("hàng đợi đang tạm dừng")},
        {"media-empty", N_("máy in hết giấy")},
        {"media-needed", N_("máy in cần nạp giấy")},
        {"media-jam", N_("máy in bị kẹt giấy")},
        {"door-open", N_("nắp máy in đang mở")},
        {"cover-open", N_("nắp máy in đang mở")},
        {"toner-empty", N_("máy in hết mực")},
        {"marker-supply-empty", N_("máy in hết mực")},
        {"shutdown", N_("máy in đang tắt")},
    };
    size_t kl = strlen(kw);
    bool warning = kl > 8 && strcmp(kw + kl - 8, "-warning") == 0;
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        size_t pl = strlen(table[i].prefix);
        if (strncmp(kw, table[i].prefix, pl) == 0 &&
            (kw[pl] == '\0' || kw[pl] == '-') && !warning)
            return _(table[i].text);
    }
    return NULL;
}

/* Read the queue's state; MC_ESTATE with a clerk-facing message when it
 * cannot print now, MC_ENOTFOUND when there is no such queue. */
static mc_status check_queue(http_t *http, const char *queue, mc_error *err)
{
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL,
                     "localhost", ippPort(), "/printers/%s", queue);
    static const char *const want[] = {"printer-state", "printer-state-reasons",
                                       "printer-state-message",
                                       "printer-is-accepting-jobs"};
    ipp_t *req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD,
                  "requested-attributes", 4, NULL, want);
    ipp_t *resp = cupsDoRequest(http, req, "/");
    if (!resp || ippGetStatusCode(resp) > IPP_STATUS_OK_CONFLICTING) {
        ipp_status_t st = cupsLastError();
        ippDelete(resp);
        if (st == IPP_STATUS_ERROR_NOT_FOUND)
            return mc_fail(err, MC_ENOTFOUND, "printer",
                           _("Không có máy in (hàng đợi CUPS) \"%s\""), queue);
        return mc_fail(err, MC_EIO, "printer",
                       _("Không đọc được trạng thái máy in \"%s\": %s"), queue,
                       cupsLastErrorString());
    }
    char why[512] = "";
    size_t used = 0;
#define ADD_WHY(text)                                                          \
    do {                                                                       \
        if (!strstr(why, (text)) && used < sizeof why) {                       \
            int n_ = snprintf(why + used, sizeof why - used, "%s%s",           \
                              used ? "; " : "", (text));                       \
            if (n_ > 0)                                                        \
                used += (size_t)n_;                                            \
        }                                                                      \
    } while (0)
    ipp_attribute_t *a = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM);
    if (a && ippGetInteger(a, 0) == IPP_PSTATE_STOPPED)
        ADD_WHY(_("máy in đang dừng (stopped)"));
    a = ippFindAttribute(resp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
    if (a && !ippGetBoolean(a, 0))
        ADD_WHY(_("hàng đợi không nhận lệnh in"));
    a = ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD);
    for (int i = 0; a && i < ippGetCount(a); i++) {
        const char *kw = ippGetString(a, i, NULL);
        const char *text = kw ? blocking_reason(kw) : NULL;
        if (text)
            ADD_WHY(text);
    }
#undef ADD_WHY
    a = ippFindAttribute(resp, "printer-state-message", IPP_TAG_TEXT);
    const char *msg = a ? ippGetString(a, 0, NULL) : NULL;
    mc_status rc = MC_OK;
    if (why[0])
        rc = mc_fail(err, MC_ESTATE, "printer",
                     _("Máy in \"%s\" chưa in được: %s%s%s%s"), queue, why,
                     msg && *msg ? " (" : "", msg && *msg ? msg : "",
                     msg && *msg ? ")" : "");
    ippDelete(resp);
    return rc;
}

static bool near(double a, double b)
{
    return a - b < 2 && b - a < 2;
}

/* The paper of a PDF from its first /MediaBox, as cairo writes it: "A4"
 * (portrait or landscape), "A5", or NULL.  Without it a queue whose
 * default is A4 would put an A5 receipt in the corner of an A4 sheet. */
static const char *pdf_media(const unsigned char *data, size_t len)
{
    static const char key[] = "/MediaBox [";
    size_t n = len < 65536 ? len : 65536, k = sizeof key - 1;
    for (size_t i = 0; i + k < n; i++) {
        if (memcmp(data + i, key, k) != 0)
            continue;
        char box[96];
        size_t m = n - i - k < sizeof box - 1 ? n - i - k : sizeof box - 1;
        memcpy(box, data + i + k, m);
        box[m] = '\0';
        double x0, y0, w, h;
        if (sscanf(box, "%lf %lf %lf %lf", &x0, &y0, &w, &h) != 4)
            return NULL;
        if (w > h) {
            double t = w;
            w = h;
            h = t;
        }
        if (near(w, 419.53) && near(h, 595.28))
            return "A5";
        if (near(w, 595.28) && near(h, 841.89))
            return "A4";
        return NULL;
    }
    return NULL;
}

static mc_status submit(http_t *http, const char *queue, const char *title,
                        bool raw, const char *media, const unsigned char *data,
                        size_t len, int *job_id, mc_error *err)
{
    cups_option_t *opts = NULL;
    int nopts = 0;
    if (media)
        nopts = cupsAddOption("media", media, nopts, &opts);
    int job = cupsCreateJob(http, queue, title ? title : "motcua", nopts,
                            opts);
    cupsFreeOptions(nopts, opts);
    if (job <= 0)
        return mc_fail(err, MC_EIO, "printer",
                       _("Máy in \"%s\" không nhận lệnh in: %s"), queue,
                       cupsLastErrorString());
    const char *fmt = raw ? CUPS_FORMAT_RAW : CUPS_FORMAT_PDF;
    if (cupsStartDocument(http, queue, job, title ? title : "motcua", fmt, 1) !=
        HTTP_STATUS_CONTINUE)
        goto fail;
    for (size_t off = 0; off < len;) {
        size_t n = len - off > 65536 ? 65536 : len - off;
        if (cupsWriteRequestData(http, (const char *)data + off, n) !=
            HTTP_STATUS_CONTINUE)
            goto fail;
        off += n;
    }
    if (cupsFinishDocument(http, queue) > IPP_STATUS_OK_CONFLICTING)
        goto fail;
    *job_id = job;
    return MC_OK;
fail:;
    mc_status rc = mc_fail(err, MC_EIO, "printer",
                           _("Gửi lệnh in tới máy in \"%s\" bị lỗi: %s"), queue,
                           cupsLastErrorString());
    cupsCancelJob2(http, queue, job, 0);
    return rc;
}

static mc_status to_file(const char *path, const unsigned char *data,
                         size_t len, pr_send_result *res, mc_error *err)
{
    mc_status rc = pr_write_file(path, data, len, err);
    if (!rc) {
        res->outcome = PR_SENT_FILE;
        mc_strlcpy(res->path, path, sizeof res->path);
        snprintf(res->destination, sizeof res->destination, "file:%s", path);
    }
    return rc;
}

static mc_status fallback(const pr_send_opts *o, const unsigned char *data,
                          size_t len, pr_send_result *res, const char *why,
                          mc_error *err)
{
    if (!o->fallback_dir || !*o->fallback_dir)
        return mc_fail(err, MC_EIO, "printer",
                       _("Không in được (%s) và chưa có thư mục lưu phiếu "
                         "(print.receipts_dir)"),
                       why);
    char *path = mc_xasprintf("%s/%s", o->fallback_dir,
                              o->file_name ? o->file_name : "motcua.pdf");
    mc_status rc = to_file(path, data, len, res, err);
    free(path);
    if (!rc) {
        res->fallback = true;
        mc_strlcpy(res->why_fallback, why, sizeof res->why_fallback);
    }
    return rc;
}

mc_status pr_send(const pr_send_opts *o, const unsigned char *data, size_t len,
                  pr_send_result *res, mc_error *err)
{
    memset(res, 0, sizeof *res);
    if (o->file && *o->file)
        return to_file(o->file, data, len, res, err);

    http_t *http = connect_cups(o->connect_timeout_ms);
    if (!http)
        return fallback(o, data, len, res, _("không kết nối được CUPS"), err);
    mc_status rc = MC_OK;
    const char *queue = o->queue && *o->queue ? o->queue : NULL;
    cups_dest_t *dflt = NULL;
    if (!queue) {
        dflt = cupsGetNamedDest(http, NULL, NULL);
        if (dflt)
            queue = dflt->name;
    }
    if (!queue) {
        httpClose(http);
        return fallback(o, data, len, res, _("chưa cấu hình máy in"), err);
    }
    mc_strlcpy(res->queue, queue, sizeof res->queue);
    if (!(rc = check_queue(http, queue, err)) &&
        !(rc = submit(http, queue, o->title, o->raw,
                      o->media ? o->media
                      : o->raw ? NULL
                               : pdf_media(data, len),
                      data, len, &res->job_id, err))) {
        res->outcome = PR_SENT_CUPS;
        snprintf(res->destination, sizeof res->destination, "cups:%s", queue);
    }
    cupsFreeDests(dflt ? 1 : 0, dflt);
    httpClose(http);
    return rc;
}

mc_status pr_job_state(int job_id, const char **state, char reason[256],
                       mc_error *err)
{
    reason[0] = '\0';
    http_t *http = connect_cups(0);
    if (!http)
        return mc_fail(err, MC_EIO, "printer", _("Không kết nối được CUPS"));
    char uri[HTTP_MAX_URI];
    snprintf(uri, sizeof uri, "ipp://localhost/jobs/%d", job_id);
    static const char *const want[] = {"job-state", "job-state-reasons"};
    ipp_t *req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
    ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD,
                  "requested-attributes", 2, NULL, want);
    ipp_t *resp = cupsDoRequest(http, req, "/");
    mc_status rc = MC_OK;
    if (!resp || ippGetStatusCode(resp) > IPP_STATUS_OK_CONFLICTING) {
        rc = mc_fail(err, cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND
                              ? MC_ENOTFOUND
                              : MC_EIO,
                     "job", _("Không đọc được lệnh in số %d: %s"), job_id,
                     cupsLastErrorString());
    } else {
        ipp_attribute_t *a = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM);
        int js = a ? ippGetInteger(a, 0) : IPP_JSTATE_PENDING;
        switch (js) {
        case IPP_JSTATE_PENDING:
        case IPP_JSTATE_HELD: *state = "queued"; break;
        case IPP_JSTATE_PROCESSING:
        case IPP_JSTATE_STOPPED: *state = "printing"; break;
        case IPP_JSTATE_COMPLETED: *state = "done"; break;
        case IPP_JSTATE_CANCELED:
            *state = "failed";
            snprintf(reason, 256, "%s", _("lệnh in đã bị hủy"));
            break;
        default:
            *state = "failed";
            snprintf(reason, 256, "%s", _("lệnh in bị lỗi"));
        }
        a = ippFindAttribute(resp, "job-state-reasons", IPP_TAG_KEYWORD);
        const char *kw = a ? ippGetString(a, 0, NULL) : NULL;
        if (kw && strcmp(*state, "failed") == 0) {
            size_t l = strlen(reason);
            snprintf(reason + l, 256 - l, " (%s)", kw);
        }
    }
    ippDelete(resp);
    httpClose(http);
    return rc;
}
