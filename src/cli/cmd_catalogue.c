/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_catalogue.c - motcua catalogue list|show|check|import|set-time */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

static const char *unit_name(mc_cal_unit u)
{
    return u == CAL_UNIT_DAYS_EXCL_HOLIDAYS ? "days_excluding_holidays"
                                            : "workdays";
}

static json_t *proc_json(const cat_procedure *p, bool full)
{
    json_t *docs = json_array();
    for (size_t i = 0; i < p->n_papers; i++)
        json_array_append_new(
            docs, json_pack("{s:s, s:b, s:s, s:i}", "name", p->papers[i].name,
                            "required", p->papers[i].required, "form",
                            paper_form_name(p->papers[i].form), "count",
                            p->papers[i].count));
    json_t *o = json_pack("{s:s, s:s, s:o, s:s, s:o, s:i}", "code", p->code,
                          "name", p->name_vi, "processing_days",
                          p->processing_days > 0
                              ? json_integer(p->processing_days)
                              : json_null(),
                          "processing_unit", unit_name(p->unit), "documents",
                          docs, "version", p->version);
    if (p->field)
        json_object_set_new(o, "field", json_string(p->field));
    /* true until an admin sets the time: intake refuses the procedure */
    json_object_set_new(o, "needs_processing_time",
                        json_boolean(cat_needs_processing_time(p)));
    if (p->time_note)
        json_object_set_new(o, "processing_time_note",
                            json_string(p->time_note));
    if (full) {
        if (p->name_en)
            json_object_set_new(o, "name_en", json_string(p->name_en));
        json_object_set_new(o, "local_code", json_boolean(p->local_code));
        if (p->department)
            json_object_set_new(o, "department", json_string(p->department));
        json_object_set_new(o, "fee", json_integer(p->fee));
        json_t *fields = json_array();
        for (size_t i = 0; i < p->n_fields; i++)
            json_array_append_new(
                fields, json_pack("{s:s, s:s, s:s, s:b}", "key",
                                  p->fields[i].key, "label",
                                  p->fields[i].label, "type",
                                  p->fields[i].type, "required",
                                  p->fields[i].required));
        json_object_set_new(o, "fields", fields);
        if (p->source)
            json_object_set_new(o, "source", json_string(p->source));
    }
    return o;
}

static void print_line(const cat_procedure *p)
{
    char days[64];
    if (!cat_needs_processing_time(p))
        snprintf(days, sizeof days, "%d %s", p->processing_days,
                 p->unit == CAL_UNIT_DAYS_EXCL_HOLIDAYS ? _("ngày (trừ lễ)")
                                                        : _("ngày làm việc"));
    else
        snprintf(days, sizeof days, "%s", _("! cần đặt thời hạn"));
    cli_cell(p->code, 10, true);
    fputc(' ', stdout);
    cli_cell(days, 22, true);
    printf(" %s\n", p->name_vi);
}

struct list_ctx {
    cli_ctx *ctx;
    json_t *arr;
    int need_time; /* procedures without a processing time */
};

static void list_one(const cat_procedure *p, void *ud)
{
    struct list_ctx *c = ud;
    if (cat_needs_processing_time(p))
        c->need_time++;
    if (c->arr)
        json_array_append_new(c->arr, proc_json(p, false));
    else
        print_line(p);
}

static int cat_list_cmd(cli_ctx *ctx)
{
    int rc;
    mc_desk *d = cli_desk(ctx, false, &rc);
    if (!d)
        return rc;
    struct list_ctx c = {ctx, ctx->json ? json_array() : NULL, 0};
    mc_error err = {0};
    if (desk_catalogue_each(d, list_one, &c, &err)) {
        json_decref(c.arr);
        return cli_fail(ctx, &err);
    }
    if (c.arr)
        return cli_print_json(c.arr);
    if (c.need_time)
        printf(_("%d thủ tục cần đặt thời hạn trước khi tiếp nhận: motcua "
                 "catalogue set-time MÃ SỐ_NGÀY [--unit ...]\n"),
               c.need_time);
    return 0;
}

static int cat_show_cmd(cli_ctx *ctx, const char *code)
{
    int rc;
    mc_desk *d = cli_desk(ctx, false, &rc);
    if (!d)
        return rc;
    cat_procedure p;
    mc_error err = {0};
    if (desk_catalogue_get(d, code, &p, &err))
        return cli_fail(ctx, &err);
    if (ctx->json) {
        cli_print_json(proc_json(&p, true));
    } else {
        printf("%s  %s\n", p.code, p.name_vi);
        if (p.field)
            printf("  %s: %s\n", _("Lĩnh vực"), p.field);
        print_line(&p);
        if (p.time_note)
            printf("  %s: %s\n", _("Ghi chú thời hạn"), p.time_note);
        printf("  %s (v%d):\n", _("Thành phần hồ sơ"), p.version);
        for (size_t i = 0; i < p.n_papers; i++)
            printf("   %zu. %s — %s ×%d%s\n", i + 1, p.papers[i].name,
                   paper_form_label(p.papers[i].form), p.papers[i].count,
                   p.papers[i].required ? "" : _(" (không bắt buộc)"));
    }
    cat_procedure_free(&p);
    return 0;
}

static void report_skip(const char *file, const mc_error *why, void *ud)
{
    int *n = ud;
    (*n)++;
    fprintf(stderr, _("motcua: bỏ qua %s: %s\n"), file, why->msg);
}

static int cat_check_cmd(cli_ctx *ctx, const char *dir)
{
    cat_list l = {0};
    int skipped = 0;
    mc_error err = {0};
    if (cat_load_dir(dir, &l, report_skip, &skipped, &err))
        return cli_fail(ctx, &err);
    if (ctx->json)
        cli_print_json(json_pack("{s:i, s:i}", "valid", (int)l.n, "invalid",
                                 skipped));
    else
        printf(_("%zu tệp hợp lệ, %d tệp lỗi\n"), l.n, skipped);
    cat_list_free(&l);
    return skipped ? 3 : 0;
}

static int cat_import_cmd(cli_ctx *ctx, const char *dir)
{
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    int skipped = 0;
    desk_import_report rep;
    mc_error err = {0};
    if (desk_catalogue_import(d, dir, report_skip, &skipped, &rep, &err))
        return cli_fail(ctx, &err);
    if (ctx->json)
        return cli_print_json(json_pack(
            "{s:i, s:i, s:i, s:i}", "added", rep.added, "updated", rep.updated,
            "unchanged", rep.unchanged, "skipped", rep.skipped));
    printf(_("Danh mục: thêm %d, cập nhật %d, không đổi %d, bỏ qua %d\n"),
           rep.added, rep.updated, rep.unchanged, rep.skipped);
    return 0;
}

static int cat_set_time_cmd(cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"unit", required_argument, NULL, 'u'},
        {0, 0, 0, 0},
    };
    mc_cal_unit unit = CAL_UNIT_WORKDAYS;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != 'u')
            return 2;
        if (strcmp(optarg, "workdays") == 0)
            unit = CAL_UNIT_WORKDAYS;
        else if (strcmp(optarg, "days_excluding_holidays") == 0)
            unit = CAL_UNIT_DAYS_EXCL_HOLIDAYS;
        else
            return cli_usage("catalogue set-time",
                             _("--unit \"%s\" không hợp lệ: workdays hoặc "
                               "days_excluding_holidays"),
                             optarg);
    }
    if (argc - optind != 2)
        return cli_usage("catalogue set-time", "%s",
                         _("cần MÃ_THỦ_TỤC SỐ_NGÀY"));
    long days;
    if (!cli_parse_long(argv[optind + 1], LONG_MIN, LONG_MAX, &days))
        return cli_usage("catalogue set-time",
                         _("\"%s\" không phải số ngày"), argv[optind + 1]);
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    if (desk_catalogue_set_time(d, argv[optind],
                                days > 100000 ? 100000 : (int)days, unit, &err))
        return cli_fail(ctx, &err);
    if (ctx->json)
        return cli_print_json(json_pack("{s:s, s:i, s:s}", "code",
                                        argv[optind], "processing_days",
                                        (int)days, "processing_unit",
                                        unit_name(unit)));
    printf(_("Đã đặt thời hạn của %s: %ld %s\n"), argv[optind], days,
           unit_name(unit));
    return 0;
}

int cmd_catalogue(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("catalogue", "%s",
                         _("cần lệnh con: list, show, check, import, "
                           "set-time"));
    const char *sub = argv[1];
    if (strcmp(sub, "list") == 0)
        return cat_list_cmd(ctx);
    if (strcmp(sub, "show") == 0)
        return argc == 3 ? cat_show_cmd(ctx, argv[2])
                         : cli_usage("catalogue show", "%s", _("cần MÃ"));
    if (strcmp(sub, "check") == 0)
        return argc == 3 ? cat_check_cmd(ctx, argv[2])
                         : cli_usage("catalogue check", "%s", _("cần THƯ_MỤC"));
    if (strcmp(sub, "import") == 0)
        return argc == 3
                   ? cat_import_cmd(ctx, argv[2])
                   : cli_usage("catalogue import", "%s", _("cần THƯ_MỤC"));
    if (strcmp(sub, "set-time") == 0)
        return cat_set_time_cmd(ctx, argc - 1, argv + 1);
    return cli_usage("catalogue", _("không có lệnh con \"%s\""), sub);
}
