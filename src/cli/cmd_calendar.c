/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_calendar.c - the working-day calendar from the command line.
 *
 *   motcua calendar add-workdays YYYY-MM-DD N
 *   motcua calendar add-days YYYY-MM-DD N [--excluding-holidays]
 *   motcua calendar holidays YEAR [--json]
 *   motcua calendar lunar YYYY-MM-DD
 *   motcua calendar set YYYY-MM-DD off|workday --note TEXT   (admin)
 *
 * Read commands use the office database's calendar (shipped schedule +
 * admin overrides) when a database is named (--db or $MOTCUA_DB), else the
 * shipped calendar alone.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lunar.h"

#define MAX_DAYS 36600 /* a century of days is the most anyone asks for */

/* The calendar for read commands; *owned is set when the caller must free
 * it.  Returns NULL after printing the error (exit code in *rc). */
static const mc_calendar *read_calendar(cli_ctx *ctx, mc_calendar **owned,
                                        int *rc)
{
    mc_error err = {0};
    *owned = NULL;
    const char *env = getenv("MOTCUA_DB");
    if (ctx->db_path || (env && *env)) {
        mc_desk *d = cli_desk(ctx, false, rc);
        if (!d)
            return NULL;
        const mc_calendar *cal = NULL;
        if (desk_calendar(d, &cal, &err) != MC_OK) {
            *rc = cli_fail(ctx, &err);
            return NULL;
        }
        return cal;
    }
    if (desk_calendar_shipped(owned, &err) != MC_OK) {
        *rc = cli_fail(ctx, &err);
        return NULL;
    }
    return *owned;
}

static bool parse_date_arg(const char *cmd, const char *s, mc_date *d, int *rc)
{
    if (mc_date_parse(s, d))
        return true;
    *rc = cli_usage(cmd, _("ngày \"%s\" không đúng dạng YYYY-MM-DD"), s);
    return false;
}

static bool parse_count(const char *cmd, const char *s, int *n, int *rc)
{
    long v;
    if (!cli_parse_long(s, 0, MAX_DAYS, &v)) {
        *rc = cli_usage(cmd, _("số ngày \"%s\" phải là số nguyên từ 0 đến %d"),
                        s, MAX_DAYS);
        return false;
    }
    *n = (int)v;
    return true;
}

static int print_due(cli_ctx *ctx, mc_date start, int n, const char *unit,
                     mc_date due)
{
    char a[11], b[11];
    mc_date_format(start, a);
    mc_date_format(due, b);
    if (ctx->json)
        return cli_print_json(json_pack("{s:s, s:i, s:s, s:s}", "start", a,
                                        "days", n, "unit", unit, "due", b));
    printf("%s\n", b);
    return 0;
}

/* add-workdays DATE N  /  add-days DATE N [--excluding-holidays] */
static int cal_add_cmd(cli_ctx *ctx, int argc, char **argv, bool workdays)
{
    const char *cmd = workdays ? "calendar add-workdays" : "calendar add-days";
    static const struct option opts[] = {
        {"excluding-holidays", no_argument, NULL, 'x'},
        {"json", no_argument, NULL, 'j'},
        {0, 0, 0, 0},
    };
    bool excl = false;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
        switch (c) {
        case 'x': excl = true; break;
        case 'j': ctx->json = true; break;
        default: return 2;
        }
    }
    /* getopt stops at the first operand ("+"): options may also follow */
    int rest = argc - optind;
    char **av = argv + optind;
    const char *pos[2] = {NULL, NULL};
    int np = 0;
    for (int i = 0; i < rest; i++) {
        if (strcmp(av[i], "--excluding-holidays") == 0)
            excl = true;
        else if (strcmp(av[i], "--json") == 0)
            ctx->json = true;
        else if (np < 2)
            pos[np++] = av[i];
        else
            return cli_usage(cmd, _("thừa tham số \"%s\""), av[i]);
    }
    if (np != 2)
        return cli_usage(cmd, "%s", _("cần YYYY-MM-DD và số ngày N"));
    if (workdays && excl)
        return cli_usage(cmd, "%s",
                         _("--excluding-holidays dùng với add-days"));
    mc_date start;
    int n, rc = 0;
    if (!parse_date_arg(cmd, pos[0], &start, &rc) ||
        !parse_count(cmd, pos[1], &n, &rc))
        return rc;
    if (!workdays && !excl)
        return print_due(ctx, start, n, "days", mc_date_add(start, n));
    mc_calendar *owned;
    const mc_calendar *cal = read_calendar(ctx, &owned, &rc);
    if (!cal)
        return rc;
    mc_date due = workdays ? cal_add_workdays(cal, start, n)
                           : cal_add_days_excluding_holidays(cal, start, n);
    rc = print_due(ctx, start, n,
                   workdays ? "workdays" : "days-excluding-holidays", due);
    cal_free(owned);
    return rc;
}

static int cal_holidays_cmd(cli_ctx *ctx, int argc, char **argv)
{
    const char *cmd = "calendar holidays";
    const char *year_s = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            ctx->json = true;
        else if (!year_s)
            year_s = argv[i];
        else
            return cli_usage(cmd, _("thừa tham số \"%s\""), argv[i]);
    }
    if (!year_s)
        return cli_usage(cmd, "%s", _("cần năm, ví dụ 2025"));
    long year;
    if (!cli_parse_long(year_s, 1, 9999, &year))
        return cli_usage(cmd, _("năm \"%s\" phải từ 1 đến 9999"), year_s);
    int rc = 0;
    mc_calendar *owned;
    const mc_calendar *cal = read_calendar(ctx, &owned, &rc);
    if (!cal)
        return rc;
    cal_entry e[366];
    size_t n = cal_list_year(cal, (int)year, e, 366);
    if (n > 366)
        n = 366;
    json_t *arr = ctx->json ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        char d[11];
        mc_date_format(e[i].day, d);
        const char *kind = e[i].kind == CAL_DAY_MAKEUP_WORK ? "workday" : "off";
        const char *name = e[i].name ? e[i].name : "";
        if (arr)
            json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "date", d,
                                                 "kind", kind, "name", name));
        else
            printf("%s\t%s\t%s\n", d, kind, name);
    }
    cal_free(owned);
    return arr ? cli_print_json(arr) : 0;
}

static int cal_lunar_cmd(cli_ctx *ctx, int argc, char **argv)
{
    const char *cmd = "calendar lunar";
    const char *date_s = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            ctx->json = true;
        else if (!date_s)
            date_s = argv[i];
        else
            return cli_usage(cmd, _("thừa tham số \"%s\""), argv[i]);
    }
    if (!date_s)
        return cli_usage(cmd, "%s", _("cần ngày dương lịch YYYY-MM-DD"));
    mc_date d;
    int rc = 0;
    if (!parse_date_arg(cmd, date_s, &d, &rc))
        return rc;
    lunar_date l;
    if (!lunar_from_solar(d, &l)) {
        mc_error err;
        mc_fail(&err, MC_EINVAL, "date",
                _("Âm lịch chỉ tính cho các năm %d-%d (ngày %s)"),
                LUNAR_MIN_YEAR, LUNAR_MAX_YEAR, date_s);
        return cli_fail(ctx, &err);
    }
    char yname[32];
    lunar_year_name(l.year, yname);
    if (ctx->json)
        return cli_print_json(json_pack(
            "{s:s, s:i, s:i, s:i, s:b, s:s}", "solar", date_s, "day", l.day,
            "month", l.month, "year", l.year, "leap", l.leap, "year_name",
            yname));
    if (l.leap)
        printf(_("%d/%d nhuận/%d (năm %s)\n"), l.day, l.month, l.year, yname);
    else
        printf(_("%d/%d/%d (năm %s)\n"), l.day, l.month, l.year, yname);
    return 0;
}

static int cal_set_cmd(cli_ctx *ctx, int argc, char **argv)
{
    const char *cmd = "calendar set";
    static const struct option opts[] = {
        {"note", required_argument, NULL, 'n'},
        {"json", no_argument, NULL, 'j'},
        {0, 0, 0, 0},
    };
    const char *note = NULL;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'n': note = optarg; break;
        case 'j': ctx->json = true; break;
        default: return 2;
        }
    }
    if (argc - optind != 2)
        return cli_usage(cmd, "%s",
                         _("cần YYYY-MM-DD off|workday --note LÝ_DO"));
    mc_date d;
    int rc = 0;
    if (!parse_date_arg(cmd, argv[optind], &d, &rc))
        return rc;
    const char *kind = argv[optind + 1];
    bool working;
    if (strcmp(kind, "off") == 0)
        working = false;
    else if (strcmp(kind, "workday") == 0)
        working = true;
    else
        return cli_usage(cmd, _("loại ngày \"%s\" phải là off hoặc workday"),
                         kind);
    mc_desk *desk = cli_desk(ctx, true, &rc);
    if (!desk)
        return rc;
    mc_error err = {0};
    if (desk_calendar_set(desk, d, working, note, &err) != MC_OK)
        return cli_fail(ctx, &err);
    char ds[11];
    mc_date_format(d, ds);
    if (ctx->json)
        return cli_print_json(json_pack("{s:s, s:s, s:s}", "date", ds, "kind",
                                        kind, "note", note ? note : ""));
    printf(working ? _("%s: ngày làm việc (%s)\n")
                   : _("%s: ngày nghỉ (%s)\n"),
           ds, note ? note : "");
    return 0;
}

int cmd_calendar(cli_ctx *ctx, int argc, char **argv)
{
    const char *usage = _("add-workdays NGÀY N | add-days NGÀY N "
                          "[--excluding-holidays] | holidays NĂM [--json] | "
                          "lunar NGÀY | set NGÀY off|workday --note LÝ_DO");
    if (argc < 2)
        return cli_usage("calendar", "%s", usage);
    const char *sub = argv[1];
    if (strcmp(sub, "add-workdays") == 0)
        return cal_add_cmd(ctx, argc - 1, argv + 1, true);
    if (strcmp(sub, "add-days") == 0)
        return cal_add_cmd(ctx, argc - 1, argv + 1, false);
    if (strcmp(sub, "holidays") == 0)
        return cal_holidays_cmd(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "lunar") == 0)
        return cal_lunar_cmd(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "set") == 0)
        return cal_set_cmd(ctx, argc - 1, argv + 1);
    return cli_usage("calendar", _("không có lệnh con \"%s\"; dùng %s"), sub,
                     usage);
}
