/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_dossier.c - motcua dossier new|guide|show|list|search|advance|return|
 * extend.  Every write is one desk call: it succeeds whole or writes
 * nothing. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "commands.h"
#include "desk_online.h"
#include "sync_apply.h"

#define MAX_LIST_ARGS 100
#define DOSSIER_LIST_MAX 100000 /* rows one `dossier list` may print */

/* "NAME|form|COUNT" (form and count optional) into a paper. */
static int parse_document(const char *spec, desk_paper_in *p, char **owned)
{
    char *copy = mc_xstrdup(spec);
    *owned = copy;
    p->name = copy;
    p->form = NULL;
    p->count = 0;
    char *bar = strchr(copy, '|');
    if (!bar)
        return 0;
    *bar = '\0';
    p->form = bar + 1;
    char *bar2 = strchr(bar + 1, '|');
    if (!bar2)
        return 0;
    *bar2 = '\0';
    long n;
    if (!cli_parse_long(bar2 + 1, 1, 99, &n)) {
        fprintf(stderr,
                _("motcua dossier new: --document \"%s\": số lượng \"%s\" phải "
                  "là số nguyên từ 1 đến 99\n"),
                spec, bar2 + 1);
        return 2;
    }
    p->count = (int)n;
    return 0;
}

static void print_dossier_line(const mc_dossier *ds, mc_ts now)
{
    char due[11] = "-";
    if (ds->due_at > 0)
        mc_date_format(ds->due_date, due);
    printf("%-28s %-21s %-10s %s%s\n", ds->code, status_name(ds->status), due,
           ds->applicant_name ? ds->applicant_name : "",
           mc_dossier_overdue(ds, now) ? _("  [QUÁ HẠN]") : "");
}

static int print_result(cli_ctx *ctx, const mc_dossier *ds)
{
    mc_ts now = mc_clock_now();
    if (ctx->json)
        return cli_print_json(desk_dossier_json(ds, now));
    printf("%s\n", ds->code);
    return 0;
}

/* After a change: the dossier as JSON, or "CODE WHAT" for scripts; frees
 * the dossier. */
static int print_changed(cli_ctx *ctx, mc_desk *d, mc_dossier *ds,
                         const char *what)
{
    int rc = 0;
    if (ctx->json)
        rc = cli_print_json(desk_dossier_json(ds, desk_now(d)));
    else
        printf("%s %s\n", ds->code, what);
    mc_dossier_free(ds);
    return rc;
}

static int dossier_new(cli_ctx *ctx, int argc, char **argv)
{
    enum { O_PROC = 1, O_NAME, O_KIND, O_ID, O_BHXH, O_TAX, O_PHONE, O_EMAIL,
           O_ADDR, O_DOC, O_CHANNEL, O_NOTE, O_REFUSE, O_REASON, O_REP_NAME,
           O_REP_ID, O_REP_PHONE, O_DELIVERY, O_SETS, O_EXTRA, O_RETURN };
    static const struct option opts[] = {
        {"procedure", required_argument, NULL, O_PROC},
        {"applicant-name", required_argument, NULL, O_NAME},
        {"applicant-kind", required_argument, NULL, O_KIND},
        {"id-number", required_argument, NULL, O_ID},
        {"bhxh-number", required_argument, NULL, O_BHXH},
        {"tax-code", required_argument, NULL, O_TAX},
        {"phone", required_argument, NULL, O_PHONE},
        {"email", required_argument, NULL, O_EMAIL},
        {"address", required_argument, NULL, O_ADDR},
        {"document", required_argument, NULL, O_DOC},
        {"channel", required_argument, NULL, O_CHANNEL},
        {"note", required_argument, NULL, O_NOTE},
        {"refuse", no_argument, NULL, O_REFUSE},
        {"reason", required_argument, NULL, O_REASON},
        {"rep-name", required_argument, NULL, O_REP_NAME},
        {"rep-id-number", required_argument, NULL, O_REP_ID},
        {"rep-phone", required_argument, NULL, O_REP_PHONE},
        {"result-delivery", required_argument, NULL, O_DELIVERY},
        {"return-channel", required_argument, NULL, O_RETURN},
        {"sets", required_argument, NULL, O_SETS},
        {"extra", required_argument, NULL, O_EXTRA},
        {0, 0, 0, 0},
    };
    desk_intake_in in = {0};
    desk_paper_in papers[MAX_LIST_ARGS];
    char *owned[MAX_LIST_ARGS];
    size_t np = 0;
    int c, ret = 0;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_PROC: in.procedure_code = optarg; break;
        case O_NAME: in.applicant_name = optarg; break;
        case O_KIND: in.applicant_kind = optarg; break;
        case O_ID: in.id_number = optarg; break;
        case O_BHXH: in.bhxh_number = optarg; break;
        case O_TAX: in.tax_code = optarg; break;
        case O_PHONE: in.phone = optarg; break;
        case O_EMAIL: in.email = optarg; break;
        case O_ADDR: in.address = optarg; break;
        case O_CHANNEL: in.channel = optarg; break;
        case O_NOTE: in.note = optarg; break;
        case O_REFUSE: in.refuse = true; break;
        case O_REASON: in.reason = optarg; break;
        case O_REP_NAME: in.rep_name = optarg; break;
        case O_REP_ID: in.rep_id_number = optarg; break;
        case O_REP_PHONE: in.rep_phone = optarg; break;
        case O_DELIVERY: in.result_delivery = optarg; break;
        case O_RETURN: in.return_channel = optarg; break;
        case O_EXTRA: in.extra_json = optarg; break;
        case O_SETS: {
            long n = 0;
            if (!cli_parse_long(optarg, LONG_MIN, LONG_MAX, &n))
                ret = cli_usage("dossier new",
                                _("--sets \"%s\" không phải số"), optarg);
            in.sets = n < -1 || n > 1000 ? -1 : (int)n;
            break;
        }
        case O_DOC:
            if (np == MAX_LIST_ARGS) {
                ret = cli_usage("dossier new", _("tối đa %d --document"),
                                MAX_LIST_ARGS);
                break;
            }
            if (parse_document(optarg, &papers[np], &owned[np]) != 0) {
                free(owned[np]);
                ret = 2;
                break;
            }
            np++;
            break;
        default: ret = 2; break;
        }
        if (ret)
            break;
    }
    if (!ret && optind < argc)
        ret = cli_usage("dossier new", _("đối số thừa \"%s\""), argv[optind]);
    if (!ret) {
        in.papers = papers;
        in.n_papers = np;
        mc_desk *d = cli_desk(ctx, true, &ret);
        if (d) {
            mc_dossier ds;
            mc_error err = {0};
            bool restored = false;
            if (!desk_sync_restored(d, &restored, &err) && restored)
                fprintf(stderr, "%s\n",
                        _("Cảnh báo: cơ sở dữ liệu vừa được khôi phục từ bản "
                          "sao lưu và chưa đối chiếu với trung tâm; số hồ sơ "
                          "có thể trùng. Chạy `motcua sync reconcile` trước "
                          "khi tiếp nhận."));
            if (desk_intake(d, &in, &ds, &err))
                ret = cli_fail(ctx, &err);
            else {
                char hours[400];
                if (!in.refuse &&
                    desk_outside_hours_note(d, hours, sizeof hours))
                    fprintf(stderr, _("Cảnh báo: %s.\n"), hours);
                ret = print_result(ctx, &ds);
                mc_dossier_free(&ds);
            }
        }
    }
    for (size_t i = 0; i < np; i++)
        free(owned[i]);
    return ret;
}

static int dossier_guide(cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"procedure", required_argument, NULL, 'p'},
        {"applicant-name", required_argument, NULL, 'n'},
        {"id-number", required_argument, NULL, 'i'},
        {"phone", required_argument, NULL, 't'},
        {"email", required_argument, NULL, 'e'},
        {"address", required_argument, NULL, 'a'},
        {"missing", required_argument, NULL, 'm'},
        {"reason", required_argument, NULL, 'r'},
        {0, 0, 0, 0},
    };
    desk_guide_in in = {0};
    const char *missing[MAX_LIST_ARGS];
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'p': in.procedure_code = optarg; break;
        case 'n': in.applicant_name = optarg; break;
        case 'i': in.id_number = optarg; break;
        case 't': in.phone = optarg; break;
        case 'e': in.email = optarg; break;
        case 'a': in.address = optarg; break;
        case 'r': in.reason = optarg; break;
        case 'm':
            if (in.n_missing == MAX_LIST_ARGS)
                return cli_usage("dossier guide", _("tối đa %d --missing"),
                                 MAX_LIST_ARGS);
            missing[in.n_missing++] = optarg;
            break;
        default: return 2;
        }
    }
    in.missing = missing;
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    char number[64];
    mc_error err = {0};
    if (desk_guide(d, &in, number, &err))
        return cli_fail(ctx, &err);
    if (ctx->json)
        return cli_print_json(json_pack("{s:s, s:s}", "number", number,
                                        "kind", "supplement_request"));
    printf("%s\n", number);
    return 0;
}

struct show_ctx {
    json_t *arr;
};

static void show_event(const desk_event *e, void *ud)
{
    struct show_ctx *c = ud;
    char at[26];
    mc_ts_format_vn(e->at, at);
    if (c->arr) {
        json_t *o = json_pack("{s:s, s:s, s:s}", "at", at, "actor", e->actor,
                              "action", e->action);
        json_object_set_new(o, "from", e->from_status
                                           ? json_string(e->from_status)
                                           : json_null());
        json_object_set_new(o, "to", e->to_status ? json_string(e->to_status)
                                                  : json_null());
        json_object_set_new(o, "note", e->note ? json_string(e->note)
                                               : json_null());
        json_t *data = e->data ? json_loads(e->data, 0, NULL) : NULL;
        json_object_set_new(o, "data", data ? data : json_null());
        json_array_append_new(c->arr, o);
    } else {
        printf("  %s  %-10s %-8s %s%s%s%s%s\n", at, e->actor, e->action,
               e->from_status ? e->from_status : "",
               e->from_status ? " → " : "", e->to_status ? e->to_status : "",
               e->note ? "  — " : "", e->note ? e->note : "");
        cli_return_event_detail(e->data);
    }
}

static int dossier_show(cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 2)
        return cli_usage("dossier show", "%s", _("cần MÃ_HỒ_SƠ"));
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_dossier ds;
    mc_error err = {0};
    if (desk_dossier_get(d, argv[1], &ds, &err))
        return cli_fail(ctx, &err);
    mc_ts now = desk_now(d);
    struct show_ctx c = {ctx->json ? json_array() : NULL};
    char portal_ref[128] = "";
    if (desk_online_ref_of(d, &ds, portal_ref, &err) != MC_OK)
        portal_ref[0] = '\0'; /* only a detail of the display */
    if (ctx->json) {
        json_t *o = desk_dossier_json(&ds, now);
        if (portal_ref[0])
            json_object_set_new(o, "portal_ref", json_string(portal_ref));
        if (desk_history_each(d, &ds, show_event, &c, &err)) {
            json_decref(o);
            json_decref(c.arr);
            mc_dossier_free(&ds);
            return cli_fail(ctx, &err);
        }
        json_object_set_new(o, "history", c.arr);
        mc_dossier_free(&ds);
        return cli_print_json(o);
    }
    char recv[26], due[26] = "-";
    mc_ts_format_vn(ds.received_at, recv);
    if (ds.due_at > 0)
        mc_ts_format_vn(ds.due_at, due);
    printf("%s  %s (%s)%s\n", ds.code, status_label(ds.status),
           status_name(ds.status),
           mc_dossier_overdue(&ds, now) ? _("  [QUÁ HẠN]") : "");
    printf("  %-18s %s — %s\n", _("Thủ tục:"), ds.procedure_code,
           ds.procedure_name);
    printf("  %-18s %s\n", _("Người nộp:"), ds.applicant_name);
    if (ds.id_number)
        printf("  %-18s %s\n", _("Số định danh:"), ds.id_number);
    if (ds.phone)
        printf("  %-18s %s\n", _("Điện thoại:"), ds.phone);
    if (ds.address)
        printf("  %-18s %s\n", _("Địa chỉ:"), ds.address);
    printf("  %-18s %s (%s)\n", _("Tiếp nhận:"), recv, ds.received_by);
    if (portal_ref[0])
        printf("  %-18s %s\n", _("Số hồ sơ trên Cổng:"), portal_ref);
    printf("  %-18s %s\n", _("Hẹn trả:"), due);
    if (ds.department)
        printf("  %-18s %s\n", _("Đơn vị xử lý:"), ds.department);
    if (ds.refusal_reason)
        printf("  %-18s %s\n", _("Lý do từ chối:"), ds.refusal_reason);
    cli_return_lines(&ds);
    for (size_t i = 0; i < ds.n_papers; i++)
        printf("   %zu. %s — %s ×%d\n", i + 1, ds.papers[i].name,
               paper_form_label(ds.papers[i].form), ds.papers[i].count);
    printf("  %s\n", _("Quá trình xử lý:"));
    rc = 0;
    if (desk_history_each(d, &ds, show_event, &c, &err))
        rc = cli_fail(ctx, &err);
    mc_dossier_free(&ds);
    return rc;
}

struct list_ctx {
    json_t *arr;
    mc_ts now;
};

static bool list_one(const mc_dossier *ds, void *ud)
{
    struct list_ctx *c = ud;
    if (c->arr)
        json_array_append_new(c->arr, desk_dossier_json(ds, c->now));
    else
        print_dossier_line(ds, c->now);
    return true;
}

static int dossier_list(cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"status", required_argument, NULL, 's'},
        {"overdue", no_argument, NULL, 'o'},
        {"due-on", required_argument, NULL, 'd'},
        {"received-on", required_argument, NULL, 'r'},
        {"limit", required_argument, NULL, 'l'},
        {0, 0, 0, 0},
    };
    desk_list_filter f = {0};
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 's': f.status = optarg; break;
        case 'o': f.overdue = true; break;
        case 'd': f.due_on = optarg; break;
        case 'r': f.received_on = optarg; break;
        case 'l': {
            long n;
            if (!cli_parse_long(optarg, 1, DOSSIER_LIST_MAX, &n))
                return cli_usage("dossier list",
                                 _("--limit \"%s\" phải là số nguyên từ 1 "
                                   "đến %d"),
                                 optarg, DOSSIER_LIST_MAX);
            f.limit = (int)n;
            break;
        }
        default: return 2;
        }
    }
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    struct list_ctx lc = {ctx->json ? json_array() : NULL, desk_now(d)};
    mc_error err = {0};
    if (desk_list(d, &f, list_one, &lc, &err)) {
        json_decref(lc.arr);
        return cli_fail(ctx, &err);
    }
    return lc.arr ? cli_print_json(lc.arr) : 0;
}

static int dossier_search(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("dossier search", "%s", _("cần CHUỖI_TÌM"));
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    /* the words may come as one argument or several */
    size_t len = 0;
    for (int i = 1; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *text = mc_xmalloc(len + 1);
    text[0] = '\0';
    size_t used = 0;
    for (int i = 1; i < argc; i++) {
        size_t n = strlen(argv[i]);
        if (used)
            text[used++] = ' ';
        memcpy(text + used, argv[i], n);
        used += n;
        text[used] = '\0';
    }
    struct list_ctx lc = {ctx->json ? json_array() : NULL, desk_now(d)};
    mc_error err = {0};
    mc_status st = desk_search(d, text, 50, list_one, &lc, &err);
    free(text);
    if (st) {
        json_decref(lc.arr);
        return cli_fail(ctx, &err);
    }
    return lc.arr ? cli_print_json(lc.arr) : 0;
}

static int dossier_advance(cli_ctx *ctx, int argc, char **argv, bool is_return)
{
    static const struct option opts[] = {
        {"to", required_argument, NULL, 't'},
        {"note", required_argument, NULL, 'n'},
        {"department", required_argument, NULL, 'd'},
        {"missing", required_argument, NULL, 'm'},
        {"receiver-name", required_argument, NULL, 'R'},
        {"receiver-id", required_argument, NULL, 'I'},
        {"receiver-relation", required_argument, NULL, 'L'},
        {0, 0, 0, 0},
    };
    desk_advance_in in = {0};
    const char *missing[MAX_LIST_ARGS];
    const char *cmd = is_return ? "dossier return" : "dossier advance";
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 't': in.to = optarg; break;
        case 'n': in.note = optarg; break;
        case 'd': in.department = optarg; break;
        case 'R': in.receiver_name = optarg; break;
        case 'I': in.receiver_id = optarg; break;
        case 'L': in.receiver_relation = optarg; break;
        case 'm':
            if (in.n_missing == MAX_LIST_ARGS)
                return cli_usage(cmd, _("tối đa %d --missing"), MAX_LIST_ARGS);
            missing[in.n_missing++] = optarg;
            break;
        default: return 2;
        }
    }
    if (optind != argc - 1)
        return cli_usage(cmd, "%s", _("cần đúng một MÃ_HỒ_SƠ"));
    in.code = argv[optind];
    in.missing = missing;
    if (is_return) {
        if (in.to)
            return cli_usage(cmd, "%s", _("không dùng --to với return"));
        in.to = "returned";
    } else if (!in.to) {
        return cli_usage(cmd, "%s", _("thiếu --to TRẠNG_THÁI"));
    }
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_dossier ds;
    mc_error err = {0};
    if (desk_advance(d, &in, &ds, &err))
        return cli_fail(ctx, &err);
    return print_changed(ctx, d, &ds, status_name(ds.status));
}

static int dossier_extend(cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"new-due", required_argument, NULL, 'd'},
        {"reason", required_argument, NULL, 'r'},
        {0, 0, 0, 0},
    };
    const char *new_due = NULL, *reason = NULL;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': new_due = optarg; break;
        case 'r': reason = optarg; break;
        default: return 2;
        }
    }
    if (optind != argc - 1)
        return cli_usage("dossier extend", "%s", _("cần đúng một MÃ_HỒ_SƠ"));
    if (!new_due)
        return cli_usage("dossier extend", "%s", _("thiếu --new-due NGÀY"));
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_dossier ds;
    mc_error err = {0};
    if (desk_extend(d, argv[optind], new_due, reason, &ds, &err))
        return cli_fail(ctx, &err);
    char due[11];
    mc_date_format(ds.due_date, due);
    return print_changed(ctx, d, &ds, due);
}

static int dossier_correct(cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"field", required_argument, NULL, 'f'},
        {"value", required_argument, NULL, 'v'},
        {"reason", required_argument, NULL, 'r'},
        {0, 0, 0, 0},
    };
    const char *field = NULL, *value = NULL, *reason = NULL;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'f': field = optarg; break;
        case 'v': value = optarg; break;
        case 'r': reason = optarg; break;
        default: return 2;
        }
    }
    if (optind != argc - 1)
        return cli_usage("dossier correct", "%s", _("cần đúng một MÃ_HỒ_SƠ"));
    if (!field)
        return cli_usage("dossier correct", "%s", _("thiếu --field TRƯỜNG"));
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_dossier ds;
    mc_error err = {0};
    if (desk_correct(d, argv[optind], field, value, reason, &ds, &err))
        return cli_fail(ctx, &err);
    return print_changed(ctx, d, &ds, field);
}

int cmd_dossier(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("dossier", "%s",
                         _("cần lệnh con: new, guide, show, list, search, "
                           "advance, return, extend, correct, attach, scans, "
                           "scan, scanner-folder, detach"));
    const char *sub = argv[1];
    argc--;
    argv++;
    if (strcmp(sub, "new") == 0)
        return dossier_new(ctx, argc, argv);
    if (strcmp(sub, "guide") == 0)
        return dossier_guide(ctx, argc, argv);
    if (strcmp(sub, "show") == 0)
        return dossier_show(ctx, argc, argv);
    if (strcmp(sub, "list") == 0)
        return dossier_list(ctx, argc, argv);
    if (strcmp(sub, "search") == 0)
        return dossier_search(ctx, argc, argv);
    if (strcmp(sub, "advance") == 0)
        return dossier_advance(ctx, argc, argv, false);
    if (strcmp(sub, "return") == 0)
        return cmd_dossier_return(ctx, argc, argv);
    if (strcmp(sub, "extend") == 0)
        return dossier_extend(ctx, argc, argv);
    if (strcmp(sub, "correct") == 0)
        return dossier_correct(ctx, argc, argv);
    int frc = cmd_dossier_files(ctx, sub, argc, argv);
    if (frc >= 0)
        return frc;
    return cli_usage("dossier", _("không có lệnh con \"%s\""), sub);
}
