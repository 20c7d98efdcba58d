/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_report.c - motcua report dossiers|queue --from DATE --to DATE
 * [--csv FILE | --xlsx FILE | --json]  (supervisor or admin). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "desk_report.h"

typedef struct rargs {
    mc_date from, to;
    const char *csv, *xlsx;
} rargs;

static int parse(const char *cmd, int argc, char **argv, rargs *a)
{
    static const struct option opts[] = {
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"csv", required_argument, NULL, 'c'},
        {"xlsx", required_argument, NULL, 'x'},
        {0, 0, 0, 0},
    };
    memset(a, 0, sizeof *a);
    bool have_from = false, have_to = false;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
        case 't':
            if (!mc_date_parse(optarg, c == 'f' ? &a->from : &a->to))
                return cli_usage(cmd,
                                 _("%s \"%s\" phải là ngày YYYY-MM-DD có thật"),
                                 c == 'f' ? "--from" : "--to", optarg);
            *(c == 'f' ? &have_from : &have_to) = true;
            break;
        case 'c': a->csv = optarg; break;
        case 'x': a->xlsx = optarg; break;
        default: return 2;
        }
    }
    if (optind < argc)
        return cli_usage(cmd, _("đối số thừa \"%s\""), argv[optind]);
    if (!have_from || !have_to)
        return cli_usage(cmd, "%s", _("cần --from NGÀY và --to NGÀY"));
    if (a->csv && a->xlsx)
        return cli_usage(cmd, "%s", _("chọn một: --csv hoặc --xlsx"));
    return 0;
}

static void print_dossier_table(const desk_report_dossiers *r)
{
    char a[11], b[11];
    mc_date_format_vn(r->from, a);
    mc_date_format_vn(r->to, b);
    printf(_("Báo cáo hồ sơ từ %s đến %s\n"), a, b);
    const char *head[] = {_("Kỳ trc"), _("Nhận"), _("GQ"),    _("Đúng"),
                          _("Trễ"),    _("Đang"), _("Q.hạn"), _("TC/Rút"),
                          _("BS")};
    cli_cell(_("Thủ tục"), 10, true);
    for (size_t i = 0; i < sizeof head / sizeof *head; i++) {
        fputc(' ', stdout);
        cli_cell(head[i], 6, false);
    }
    fputc('\n', stdout);
    for (size_t i = 0; i <= r->n_rows; i++) {
        const desk_report_dossier_row *w = i < r->n_rows ? &r->rows[i]
                                                         : &r->total;
        printf("%-10s %6lld %6lld %6lld %6lld %6lld %6lld %6lld %6lld %6lld\n",
               w->procedure_code ? w->procedure_code : _("Tổng"),
               (long long)w->carried, (long long)w->received,
               (long long)w->resolved, (long long)w->resolved_on_time,
               (long long)w->resolved_late, (long long)w->in_progress,
               (long long)w->in_progress_overdue,
               (long long)(w->refused + w->withdrawn + w->stopped),
               (long long)w->supplement_requests);
    }
    printf(_("Đã trả kết quả: %lld (tại quầy %lld, bưu chính %lld, điện tử "
             "%lld); đã gửi điện tử, chờ xác nhận: %lld\n"),
           (long long)r->total.returned, (long long)r->total.returned_desk,
           (long long)r->total.returned_post,
           (long long)r->total.returned_electronic,
           (long long)r->total.awaiting_delivery);
}

static int rep_dossiers(cli_ctx *ctx, int argc, char **argv)
{
    rargs a;
    int rc = parse("report dossiers", argc, argv, &a);
    if (rc)
        return rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    desk_report_dossiers r;
    if (desk_report_dossiers_make(d, a.from, a.to, &r, &err))
        return cli_fail(ctx, &err);
    mc_status st = MC_OK;
    if (a.csv)
        st = desk_report_dossiers_csv(&r, a.csv, &err);
    else if (a.xlsx)
        st = desk_report_dossiers_xlsx(&r, desk_office_name(d), a.xlsx, &err);
    if (!st) {
        if (ctx->json)
            cli_print_json(desk_report_dossiers_json(&r));
        else if (a.csv || a.xlsx)
            printf("%s\n", a.csv ? a.csv : a.xlsx);
        else
            print_dossier_table(&r);
    }
    desk_report_dossiers_free(&r);
    return st ? cli_fail(ctx, &err) : 0;
}

static void print_queue_row(const char *kind, const desk_report_queue_row *w)
{
    printf("%-8s %-10s %6lld %6lld %6lld %6lld %8.0f %8.0f %8.0f %8.0f "
           "%4lld/%lld/%lld\n",
           kind, w->key[0] ? w->key : _("Tổng"), (long long)w->issued,
           (long long)w->served, (long long)w->no_show,
           (long long)w->not_served, w->wait_avg, w->wait_p90, w->service_avg,
           w->service_p90, (long long)w->satisfied, (long long)w->normal,
           (long long)w->not_satisfied);
}

static int rep_queue(cli_ctx *ctx, int argc, char **argv)
{
    rargs a;
    int rc = parse("report queue", argc, argv, &a);
    if (rc)
        return rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    desk_report_queue r;
    if (desk_report_queue_make(d, a.from, a.to, &r, &err))
        return cli_fail(ctx, &err);
    mc_status st = MC_OK;
    if (a.csv)
        st = desk_report_queue_csv(&r, a.csv, &err);
    else if (a.xlsx)
        st = desk_report_queue_xlsx(&r, desk_office_name(d), a.xlsx, &err);
    if (!st) {
        if (ctx->json)
            cli_print_json(desk_report_queue_json(&r));
        else if (a.csv || a.xlsx)
            printf("%s\n", a.csv ? a.csv : a.xlsx);
        else {
            const char *head[] = {_("Phát"),   _("Xong"),    _("Vắng"),
                                  _("Qua ngày"), _("Chờ TB"), _("Chờ P90"),
                                  _("PV TB"),  _("PV P90")};
            const int w[] = {6, 6, 6, 6, 8, 8, 8, 8};
            cli_cell("", 8, true);
            fputc(' ', stdout);
            cli_cell(_("Mã"), 10, true);
            for (size_t i = 0; i < sizeof head / sizeof *head; i++) {
                fputc(' ', stdout);
                cli_cell(head[i], w[i], false);
            }
            printf(" %s\n", _("Hài lòng/BT/Không"));
            for (size_t i = 0; i < r.n_service; i++)
                print_queue_row(_("Nhóm"), &r.by_service[i]);
            for (size_t i = 0; i < r.n_clerk; i++)
                print_queue_row(_("Cán bộ"), &r.by_clerk[i]);
            print_queue_row("", &r.total);
        }
    }
    desk_report_queue_free(&r);
    return st ? cli_fail(ctx, &err) : 0;
}

int cmd_report(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("report", "%s", _("cần dossiers hoặc queue"));
    if (strcmp(argv[1], "dossiers") == 0)
        return rep_dossiers(ctx, argc - 1, argv + 1);
    if (strcmp(argv[1], "queue") == 0)
        return rep_queue(ctx, argc - 1, argv + 1);
    return cli_usage("report", _("không có lệnh con \"%s\""), argv[1]);
}
