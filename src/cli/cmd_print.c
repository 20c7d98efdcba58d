/* SPDX-License-Identifier: GPL-3.0-or-later */
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
 * when there is no printer) -> record (print_jobs + audit), done by
 * desk_print_run (src/desk/print_run.c), the same path the TUI uses.  A printer
 * that cannot print is reported with its reason and recorded as a failed
 * attempt; the dossier and its code are untouched.
 *
 * The print path lives in motcua-print.so, opened here on first use
 * (src/modules/modules.h): a missing module is an error, not a crash.
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
#include "desk_print_run.h"
#include "modules.h"
#include "printers.h"

static const motcua_print_api *P; /* motcua-print.so, once loaded */

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
            if (!cli_parse_long(optarg, 1, 9, &n))
                return cli_usage("print", "%s", _("--copies: từ 1 đến 9"));
            o->copies = (int)n;
            break;
        case O_WAIT:
            if (!cli_parse_long(optarg, 0, 600, &n))
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
            if (!cli_parse_long(optarg, 58, 80, &n) || (n != 58 && n != 80))
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

/* Render, send and record one document (desk_print_run); prints the
 * outcome. */
static int run_doc(cli_ctx *ctx, mc_desk *d, desk_print_doc *doc,
                   const popts *o, const char *queue_key)
{
    mc_error err = {0};
    const pr_form *f = desk_print_form(doc);
    const char *what = pr_doc_name(f->doc);
    const char *code = f->doc == PR_BOOK ? "" : f->dossier.code;
    desk_print_run_opts ro = {.printer = o->printer, .file = o->pdf,
                              .queue_key = queue_key, .wait = o->wait};
    desk_print_result res;
    if (P->run(d, ctx->cfg, doc, &ro, &res, &err)) {
        /* the printer refused: the attempt is recorded, say what next */
        bool refused = strcmp(res.state, "failed") == 0;
        if (refused && f->doc == PR_BOOK) {
            mc_strlcpy(err.msg + strlen(err.msg), _(". Hãy xử lý rồi in lại."),
                       sizeof err.msg - strlen(err.msg));
        } else if (refused) {
            char more[300];
            snprintf(more, sizeof more,
                     _(". Hồ sơ %s vẫn được giữ nguyên; hãy xử lý rồi in lại "
                       "(motcua print %s%s %s)."),
                     code, f->doc == PR_RECEIPT ? "" : "form ", what, code);
            mc_strlcpy(err.msg + strlen(err.msg), more,
                       sizeof err.msg - strlen(err.msg));
        }
        return cli_fail(ctx, &err);
    }
    const pr_send_result *sr = &res.send;
    if (ctx->json) {
        json_t *j = json_pack("{s:s, s:s, s:i, s:s, s:s, s:I}", "document",
                              what, "code", code, "copy_no", f->copy_no,
                              "destination", sr->destination, "state",
                              res.state, "print_job", (json_int_t)res.job_row);
        if (sr->job_id)
            json_object_set_new(j, "cups_job_id", json_integer(sr->job_id));
        if (sr->outcome == PR_SENT_FILE)
            json_object_set_new(j, "path", json_string(sr->path));
        if (sr->fallback)
            json_object_set_new(j, "fallback_reason",
                                json_string(sr->why_fallback));
        if (res.submit_to_state_ms >= 0)
            json_object_set_new(j, "submit_to_state_ms",
                                json_real(res.submit_to_state_ms));
        cli_print_json(j);
    } else if (sr->outcome == PR_SENT_FILE && sr->fallback) {
        printf(_("Chưa in được (%s): đã lưu bản PDF tại %s\n"),
               sr->why_fallback, sr->path);
    } else if (sr->outcome == PR_SENT_FILE) {
        printf(_("Đã ghi %s\n"), sr->path);
    } else {
        printf(_("Đã gửi tới máy in %s (lệnh in số %d): %s\n"), sr->queue,
               sr->job_id, res.state);
    }
    if (f->copy_no > 0 && !ctx->json)
        printf(_("Bản sao (in lại lần thứ %d)\n"), f->copy_no);
    if (strcmp(res.state, "failed") == 0) {
        fprintf(stderr, _("motcua: lệnh in số %d thất bại: %s\n"),
                sr->job_id, res.reason);
        return 1;
    }
    return 0;
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
    mc_error err = {0};
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
    desk_print_run_opts ro = {.printer = o->printer, .file = o->pdf};
    desk_print_result res;
    const pr_send_result *sr = &res.send;
    rc = 0;
    if (P->ticket_run(cfg, dir, &t, &ro, &res, &err)) {
        rc = cli_fail(ctx, &err);
    } else if (ctx->json) {
        json_t *j = json_pack("{s:s, s:s, s:I}", "number", number,
                              "destination", sr->destination, "bytes",
                              (json_int_t)res.bytes);
        if (sr->job_id)
            json_object_set_new(j, "cups_job_id", json_integer(sr->job_id));
        if (sr->fallback)
            json_object_set_new(j, "fallback_reason",
                                json_string(sr->why_fallback));
        cli_print_json(j);
    } else if (sr->outcome == PR_SENT_FILE) {
        if (sr->fallback)
            printf(_("Chưa in được (%s): đã lưu phiếu tại %s\n"),
                   sr->why_fallback, sr->path);
        else
            printf(_("Đã ghi %s\n"), sr->path);
    } else {
        printf(_("Đã gửi tới máy in %s (lệnh in số %d)\n"), sr->queue,
               sr->job_id);
    }
    free(dir);
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
        if (P->job_state(j->cups_job_id, &st, why, &e) == MC_OK &&
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
    mc_error lerr = {0};
    if (!(P = motcua_print_load(&lerr))) {
        rc = cli_fail(ctx, &lerr);
        goto out;
    }
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
    if (P)
        P->shutdown();
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
