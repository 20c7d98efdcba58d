/* cmd_print.c - motcua print: receipts, the other desk forms, the tracking
 * book, queue tickets, and the print jobs of a dossier.
 *
 *   motcua print receipt CODE [--printer QUEUE | --pdf FILE] [--copy]
 *                [--copies N] [--wait SECONDS]
 *   motcua print form supplement|refusal|apology|stop|control CODE
 *                [--printer QUEUE | --pdf FILE] [--copy] [--reason TEXT]
 *                [--item TEXT]... [--contact TEXT] [--wait SECONDS]
 *   motcua print book --from DATE --to DATE [--pdf FILE | --printer QUEUE]
 *   motcua print ticket NUMBER [--printer QUEUE | --out FILE] [--width 58|80]
 *                [--qr TEXT] [--counter TEXT]
 *   motcua print status CODE
 *
 * Each print is: the desk's snapshot -> render -> send (CUPS, or a file
 * when there is no printer) -> record (print_jobs + audit).  A printer
 * that cannot print is reported with its reason and recorded as a failed
 * attempt; the dossier and its code are untouched.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"

#ifdef HAVE_MOTCUA_PRINTERS

#include "clock.h"
#include "config.h"
#include "desk_print.h"
#include "printers.h"

typedef struct popts {
    const char *printer, *pdf;
    bool copy;
    int copies;
    double wait;
    const char *reason, *contact;
    const char **items;
    size_t n_items;
    const char *from, *to;
    int width;
    const char *qr, *counter;
} popts;

enum {
    O_PRINTER = 1, O_PDF, O_COPY, O_COPIES, O_WAIT, O_REASON, O_ITEM,
    O_CONTACT, O_FROM, O_TO, O_WIDTH, O_QR, O_COUNTER, O_OUT,
};

static const struct option long_opts[] = {
    {"printer", required_argument, NULL, O_PRINTER},
    {"pdf", required_argument, NULL, O_PDF},
    {"out", required_argument, NULL, O_OUT},
    {"copy", no_argument, NULL, O_COPY},
    {"copies", required_argument, NULL, O_COPIES},
    {"wait", required_argument, NULL, O_WAIT},
    {"reason", required_argument, NULL, O_REASON},
    {"item", required_argument, NULL, O_ITEM},
    {"contact", required_argument, NULL, O_CONTACT},
    {"from", required_argument, NULL, O_FROM},
    {"to", required_argument, NULL, O_TO},
    {"width", required_argument, NULL, O_WIDTH},
    {"qr", required_argument, NULL, O_QR},
    {"counter", required_argument, NULL, O_COUNTER},
    {NULL, 0, NULL, 0},
};

static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* Options after the subcommand's own name (argv[0]); the positional
 * arguments are left in argv[optind..]. */
static int parse(int argc, char **argv, popts *o)
{
    memset(o, 0, sizeof *o);
    o->width = 58;
    cli_reset_getopt();
    int c;
    long n;
    while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
        switch (c) {
        case O_PRINTER: o->printer = optarg; break;
        case O_PDF:
        case O_OUT: o->pdf = optarg; break;
        case O_COPY: o->copy = true; break;
        case O_COPIES:
            if (!parse_int(optarg, 1, 9, &n))
                return cli_usage("print", "%s", _("--copies: từ 1 đến 9"));
            o->copies = (int)n;
            break;
        case O_WAIT:
            if (!parse_int(optarg, 0, 600, &n))
                return cli_usage("print", "%s",
                                 _("--wait: số giây từ 0 đến 600"));
            o->wait = (double)n;
            break;
        case O_REASON: o->reason = optarg; break;
        case O_ITEM:
            o->items = mc_xrealloc(o->items, (o->n_items + 1) * sizeof *o->items);
            o->items[o->n_items++] = optarg;
            break;
        case O_CONTACT: o->contact = optarg; break;
        case O_FROM: o->from = optarg; break;
        case O_TO: o->to = optarg; break;
        case O_WIDTH:
            if (!parse_int(optarg, 58, 80, &n) || (n != 58 && n != 80))
                return cli_usage("print", "%s", _("--width: 58 hoặc 80"));
            o->width = (int)n;
            break;
        case O_QR: o->qr = optarg; break;
        case O_COUNTER: o->counter = optarg; break;
        default: return 2;
        }
    }
    if (o->printer && o->pdf)
        return cli_usage("print", "%s",
                         _("chỉ dùng một trong --printer và --pdf/--out"));
    return 0;
}

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
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

static const struct mc_config *config(cli_ctx *ctx, int *rc)
{
    mc_error err = {0};
    *rc = 0;
    if (!ctx->cfg && cfg_load(ctx->config_path, &ctx->cfg, &err) != MC_OK) {
        *rc = cli_fail(ctx, &err);
        return NULL;
    }
    return ctx->cfg;
}

/* Render, send and record one document; prints the outcome. */
static int run_doc(cli_ctx *ctx, mc_desk *d, desk_print_doc *doc,
                   const popts *o, const char *queue_key)
{
    mc_error err = {0};
    const pr_form *f = desk_print_form(doc);
    const char *what = pr_doc_name(f->doc);
    const char *code = f->doc == PR_BOOK ? "" : f->dossier.code;
    pr_buf pdf = {0};
    int ret = 0;
    char *dir = NULL;
    if (pr_render_pdf(f, &pdf, &err)) {
        ret = cli_fail(ctx, &err);
        goto out;
    }
    const char *cfg_queue = cfg_get(ctx->cfg, "print", queue_key);
    dir = desk_print_receipts_dir(d, ctx->cfg);
    char *title = mc_xasprintf("%s %s", what, code);
    pr_send_opts so = {
        .queue = o->printer ? o->printer : cfg_queue,
        .file = o->pdf,
        .fallback_dir = dir,
        .file_name = desk_print_file_name(doc),
        .title = title,
    };
    pr_send_result res;
    double t0 = mono_ms();
    mc_status st = pr_send(&so, pdf.data, pdf.len, &res, &err);
    free(title);
    int64_t row = 0;
    mc_error rerr = {0};
    if (st) {
        /* the attempt is recorded; the dossier is untouched */
        char dest[300];
        snprintf(dest, sizeof dest, "cups:%s", res.queue[0] ? res.queue : "?");
        desk_print_outcome fo = {dest, 0, "failed", err.msg};
        if (desk_print_record(d, doc, &fo, &row, &rerr))
            fprintf(stderr, "motcua: %s\n", rerr.msg);
        if (f->doc == PR_BOOK)
            mc_strlcpy(err.msg + strlen(err.msg), _(". Hãy xử lý rồi in lại."),
                       sizeof err.msg - strlen(err.msg));
        else {
            char more[300];
            snprintf(more, sizeof more,
                     _(". Hồ sơ %s vẫn được giữ nguyên; hãy xử lý rồi in lại "
                       "(motcua print %s%s %s)."),
                     code, f->doc == PR_RECEIPT ? "" : "form ", what, code);
            mc_strlcpy(err.msg + strlen(err.msg), more,
                       sizeof err.msg - strlen(err.msg));
        }
        ret = cli_fail(ctx, &err);
        goto out;
    }
    const char *state = res.outcome == PR_SENT_FILE ? "file" : "queued";
    desk_print_outcome oc = {res.destination, res.job_id, state,
                             res.fallback ? res.why_fallback : NULL};
    if (desk_print_record(d, doc, &oc, &row, &err)) {
        ret = cli_fail(ctx, &err);
        goto out;
    }
    double elapsed = -1;
    char reason[256] = "";
    if (res.outcome == PR_SENT_CUPS && o->wait > 0) {
        state = wait_job(res.job_id, o->wait, reason);
        elapsed = mono_ms() - t0;
        if (strcmp(state, "queued") != 0 &&
            desk_print_update(d, row, state, res.job_id,
                              reason[0] ? reason : NULL, &err)) {
            ret = cli_fail(ctx, &err);
            goto out;
        }
    }
    if (ctx->json) {
        json_t *j = json_pack("{s:s, s:s, s:i, s:s, s:s, s:I}", "document",
                              what, "code", code, "copy_no", f->copy_no,
                              "destination", res.destination, "state", state,
                              "print_job", (json_int_t)row);
        if (res.job_id)
            json_object_set_new(j, "cups_job_id", json_integer(res.job_id));
        if (res.outcome == PR_SENT_FILE)
            json_object_set_new(j, "path", json_string(res.path));
        if (res.fallback)
            json_object_set_new(j, "fallback_reason",
                                json_string(res.why_fallback));
        if (elapsed >= 0)
            json_object_set_new(j, "submit_to_state_ms", json_real(elapsed));
        cli_print_json(j);
    } else if (res.outcome == PR_SENT_FILE && res.fallback) {
        printf(_("Chưa in được (%s): đã lưu bản PDF tại %s\n"),
               res.why_fallback, res.path);
    } else if (res.outcome == PR_SENT_FILE) {
        printf(_("Đã ghi %s\n"), res.path);
    } else {
        printf(_("Đã gửi tới máy in %s (lệnh in số %d): %s\n"), res.queue,
               res.job_id, state);
    }
    if (f->copy_no > 0 && !ctx->json)
        printf(_("Bản sao (in lại lần thứ %d)\n"), f->copy_no);
    if (strcmp(state, "failed") == 0) {
        fprintf(stderr, _("motcua: lệnh in số %d thất bại: %s\n"), res.job_id,
                reason);
        ret = 1;
    }
out:
    free(dir);
    pr_buf_free(&pdf);
    return ret;
}

static int print_dossier_doc(cli_ctx *ctx, pr_doc kind, const char *code,
                             const popts *o)
{
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    const struct mc_config *cfg = config(ctx, &rc);
    if (!cfg)
        return rc;
    desk_print_opts po = {
        .cfg = cfg, .force_copy = o->copy, .copies = o->copies,
        .reason = o->reason, .items = o->items, .n_items = o->n_items,
        .contact = o->contact,
    };
    desk_print_doc *doc = NULL;
    mc_error err = {0};
    if (desk_print_prepare(d, kind, code, &po, &doc, &err))
        return cli_fail(ctx, &err);
    rc = run_doc(ctx, d, doc, o, "receipt_queue");
    desk_print_doc_free(doc);
    return rc;
}

static int cmd_book(cli_ctx *ctx, const popts *o)
{
    mc_date from, to;
    if (!o->from || !mc_date_parse(o->from, &from))
        return cli_usage("print book", "%s",
                         _("cần --from YYYY-MM-DD (ngày bắt đầu)"));
    if (!o->to || !mc_date_parse(o->to, &to))
        return cli_usage("print book", "%s",
                         _("cần --to YYYY-MM-DD (ngày kết thúc)"));
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    const struct mc_config *cfg = config(ctx, &rc);
    if (!cfg)
        return rc;
    desk_print_opts po = {.cfg = cfg, .force_copy = o->copy};
    desk_print_doc *doc = NULL;
    mc_error err = {0};
    if (desk_print_book(d, from, to, &po, &doc, &err))
        return cli_fail(ctx, &err);
    rc = run_doc(ctx, d, doc, o, "receipt_queue");
    desk_print_doc_free(doc);
    return rc;
}

static int cmd_ticket(cli_ctx *ctx, const char *number, const popts *o)
{
    int rc;
    const struct mc_config *cfg = config(ctx, &rc);
    if (!cfg)
        return rc;
    const char *office = cfg_get(cfg, "office", "name");
    if (!office || !*office)
        office = cfg_get(cfg, "office", "parent_agency");
    pr_ticket t = {
        .number = number, .office = office, .counter = o->counter,
        .qr = o->qr, .at = mc_clock_now(), .width_mm = o->width,
    };
    pr_buf bytes = {0};
    mc_error err = {0};
    if (pr_render_ticket(&t, &bytes, &err))
        return cli_fail(ctx, &err);
    char *dir = NULL;
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    const char *rd = cfg_get(cfg, "print", "receipts_dir");
    if (rd && *rd)
        dir = mc_xstrdup(rd);
    else if (xdg && *xdg)
        dir = mc_xasprintf("%s/motcua/receipts", xdg);
    else
        dir = mc_xasprintf("%s/.local/share/motcua/receipts",
                           home && *home ? home : ".");
    char *name = mc_xasprintf("ticket-%s.escpos", number);
    pr_send_opts so = {
        .queue = o->printer ? o->printer : cfg_get(cfg, "print", "ticket_queue"),
        .file = o->pdf, .fallback_dir = dir, .file_name = name,
        .title = name, .raw = true,
    };
    pr_send_result res;
    rc = 0;
    if (pr_send(&so, bytes.data, bytes.len, &res, &err)) {
        rc = cli_fail(ctx, &err);
    } else if (ctx->json) {
        json_t *j = json_pack("{s:s, s:s, s:I}", "number", number,
                              "destination", res.destination, "bytes",
                              (json_int_t)bytes.len);
        if (res.job_id)
            json_object_set_new(j, "cups_job_id", json_integer(res.job_id));
        if (res.fallback)
            json_object_set_new(j, "fallback_reason",
                                json_string(res.why_fallback));
        cli_print_json(j);
    } else if (res.outcome == PR_SENT_FILE) {
        if (res.fallback)
            printf(_("Chưa in được (%s): đã lưu phiếu tại %s\n"),
                   res.why_fallback, res.path);
        else
            printf(_("Đã ghi %s\n"), res.path);
    } else {
        printf(_("Đã gửi tới máy in %s (lệnh in số %d)\n"), res.queue,
               res.job_id);
    }
    free(name);
    free(dir);
    pr_buf_free(&bytes);
    return rc;
}

struct status_ctx {
    mc_desk *d;
    json_t *list;
    bool json;
};

static void status_one(const desk_print_job *j, void *ud)
{
    struct status_ctx *c = ud;
    const char *state = j->state;
    const char *reason = j->reason;
    char why[256] = "";
    /* refresh what CUPS still holds */
    if (j->cups_job_id && (strcmp(state, "queued") == 0 ||
                           strcmp(state, "printing") == 0)) {
        mc_error e;
        const char *st = NULL;
        if (pr_job_state(j->cups_job_id, &st, why, &e) == MC_OK &&
            strcmp(st, state) != 0 &&
            desk_print_update(c->d, j->id, st, j->cups_job_id,
                              why[0] ? why : NULL, &e) == MC_OK) {
            state = st;
            reason = why[0] ? why : NULL;
        }
    }
    char at[26];
    mc_ts_format_vn(j->created_at, at);
    if (c->json) {
        json_t *o = json_pack("{s:I, s:s, s:i, s:s, s:s, s:s, s:s}", "id",
                              (json_int_t)j->id, "document", j->document,
                              "copy_no", j->copy_no, "destination",
                              j->destination, "state", state, "actor",
                              j->actor, "created_at", at);
        if (j->cups_job_id)
            json_object_set_new(o, "cups_job_id", json_integer(j->cups_job_id));
        if (reason)
            json_object_set_new(o, "reason", json_string(reason));
        json_array_append_new(c->list, o);
    } else {
        char copy[48];
        if (j->copy_no)
            snprintf(copy, sizeof copy, _("bản sao %d"), j->copy_no);
        else
            snprintf(copy, sizeof copy, "%s", _("bản gốc"));
        printf("%-4lld %-10s %-8s %-10s %s %s %s%s%s\n", (long long)j->id,
               j->document, state, copy, j->destination, at, j->actor,
               reason ? " - " : "", reason ? reason : "");
    }
}

static int cmd_status(cli_ctx *ctx, const char *code)
{
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    struct status_ctx c = {d, json_array(), ctx->json};
    mc_error err = {0};
    if (desk_print_jobs(d, code, status_one, &c, &err)) {
        json_decref(c.list);
        return cli_fail(ctx, &err);
    }
    if (ctx->json)
        cli_print_json(json_pack("{s:s, s:o}", "code", code, "jobs", c.list));
    else
        json_decref(c.list);
    return 0;
}

static int usage(void)
{
    return cli_usage(
        "print", "%s",
        _("cần lệnh con: receipt MÃ | form supplement|refusal|apology|stop|"
          "control MÃ | book --from NGÀY --to NGÀY | ticket SỐ | status MÃ"));
}

int cmd_print(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const char *sub = argv[1];
    popts o;
    int rc = parse(argc - 1, argv + 1, &o);
    if (rc)
        goto out;
    char **pos = argv + 1 + optind;
    int npos = argc - 1 - optind;
    if (strcmp(sub, "receipt") == 0) {
        rc = npos == 1 ? print_dossier_doc(ctx, PR_RECEIPT, pos[0], &o)
                       : cli_usage("print receipt", "%s", _("cần mã hồ sơ"));
    } else if (strcmp(sub, "form") == 0) {
        pr_doc kind;
        if (npos != 2 || !pr_doc_parse(pos[0], &kind) || kind == PR_BOOK ||
            kind == PR_RECEIPT)
            rc = cli_usage("print form", "%s",
                           _("cần loại phiếu (supplement, refusal, apology, "
                             "stop, control) và mã hồ sơ"));
        else
            rc = print_dossier_doc(ctx, kind, pos[1], &o);
    } else if (strcmp(sub, "book") == 0) {
        rc = npos == 0 ? cmd_book(ctx, &o)
                       : cli_usage("print book", "%s", _("thừa tham số"));
    } else if (strcmp(sub, "ticket") == 0) {
        rc = npos == 1 ? cmd_ticket(ctx, pos[0], &o)
                       : cli_usage("print ticket", "%s", _("cần số thứ tự"));
    } else if (strcmp(sub, "status") == 0) {
        rc = npos == 1 ? cmd_status(ctx, pos[0])
                       : cli_usage("print status", "%s", _("cần mã hồ sơ"));
    } else {
        rc = usage();
    }
out:
    free(o.items);
    pr_shutdown();
    return rc;
}

#else /* no printers room in this build */

int cmd_print(cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx, (void)argc, (void)argv;
    fprintf(stderr, "%s\n", _("motcua: bản dựng này không có phần in phiếu"));
    return 1;
}

#endif
