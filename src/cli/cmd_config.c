/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_config.c - `motcua config`: the office configuration file.
 *
 *   motcua config check [FILE]          every bad line/key/value, file:line;
 *                                       exit 3 when there is any
 *   motcua config show                  effective values and their origin
 *   motcua config default               print the commented default file
 *   motcua config set SECTION.KEY VALUE change one key, saved atomically
 *   motcua config clock-pin [allow|forbid]
 *                                       whether MOTCUA_NOW may pin the clock
 *                                       for this database in a production
 *                                       build (admin; audited)
 *
 * Without FILE the configuration is found as cfg_load does (--config,
 * $MOTCUA_CONFIG, XDG, /etc).  --json prints objects instead of text.
 */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"

static int config_load(cli_ctx *ctx, const char *file, mc_config **c)
{
    mc_error err;
    mc_error_clear(&err);
    if (cfg_load(file ? file : ctx->config_path, c, &err) != MC_OK)
        return cli_fail(ctx, &err);
    return 0;
}

static void print_problem(const cfg_problem *p, void *ud)
{
    json_t *arr = ud;
    if (arr)
        json_array_append_new(
            arr, json_pack("{s:s, s:i, s:s, s:s, s:s}", "file", p->file, "line",
                           p->line, "section", p->section, "key", p->key,
                           "message", p->msg));
    else
        fprintf(stderr, "%s\n", p->msg);
}

static int config_check(cli_ctx *ctx, int argc, char **argv)
{
    if (argc > 2)
        return cli_usage("config", "%s", _("cách dùng: config check [TỆP]"));
    mc_config *c;
    int rc = config_load(ctx, argc == 2 ? argv[1] : NULL, &c);
    if (rc)
        return rc;
    json_t *arr = ctx->json ? json_array() : NULL;
    size_t n = cfg_check(c, print_problem, arr);
    const char *path = cfg_path(c);
    if (ctx->json) {
        json_t *o = json_pack("{s:o, s:b, s:o}", "file",
                              path ? json_string(path) : json_null(), "ok",
                              n == 0, "problems", arr);
        cli_print_json(o);
    } else if (n == 0) {
        printf(_("%s: cấu hình hợp lệ\n"),
               path ? path : _("(không có tệp, dùng giá trị mặc định)"));
    } else {
        fprintf(stderr, _("%zu lỗi trong cấu hình\n"), n);
    }
    cfg_free(c);
    return n ? mc_status_exit_code(MC_EINVAL) : 0;
}

static int config_show(cli_ctx *ctx, int argc, char **argv)
{
    if (argc > 1)
        return cli_usage("config", "%s", _("cách dùng: config show"));
    mc_config *c;
    int rc = config_load(ctx, NULL, &c);
    if (rc)
        return rc;
    const char *path = cfg_path(c);
    size_t problems = cfg_check(c, NULL, NULL);
    json_t *arr = ctx->json ? json_array() : NULL;
    if (!ctx->json)
        printf(_("# tệp cấu hình: %s\n"),
               path ? path : _("(không có, dùng giá trị mặc định)"));
    const char *section = "";
    for (size_t i = 0; i < cfg_option_count(); i++) {
        const cfg_option *o = cfg_option_at(i);
        const char *v = cfg_get(c, o->section, o->key);
        const char *origin = cfg_origin(c, o->section, o->key);
        if (arr) {
            json_array_append_new(
                arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "section",
                               o->section, "key", o->key, "value", v, "origin",
                               origin, "type", cfg_type_name(o->type),
                               "default", o->def));
            continue;
        }
        if (strcmp(section, o->section) != 0) {
            section = o->section;
            printf("\n[%s]\n", section);
        }
        printf("%-16s = %-24s ; %s\n", o->key, v, origin);
    }
    if (ctx->json)
        cli_print_json(json_pack("{s:o, s:o, s:i}", "file",
                                 path ? json_string(path) : json_null(),
                                 "options", arr, "problems", (int)problems));
    else if (problems)
        fprintf(stderr,
                _("\n%zu lỗi trong cấu hình (xem: motcua config check); các "
                  "khóa lỗi dùng giá trị mặc định\n"),
                problems);
    cfg_free(c);
    return 0;
}

static int config_set(cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 3 || !strchr(argv[1], '.'))
        return cli_usage("config", "%s",
                         _("cách dùng: config set MỤC.KHÓA GIÁ_TRỊ"));
    mc_config *c;
    int rc = config_load(ctx, NULL, &c);
    if (rc)
        return rc;
    char *section = mc_xstrdup(argv[1]);
    char *dot = strchr(section, '.');
    *dot = '\0';
    const char *key = dot + 1;
    mc_error err;
    mc_error_clear(&err);
    if (cfg_set_and_save(c, section, key, argv[2], &err) != MC_OK) {
        rc = cli_fail(ctx, &err);
    } else if (ctx->json) {
        cli_print_json(json_pack("{s:s, s:s, s:s, s:s}", "section", section,
                                 "key", key, "value", cfg_get(c, section, key),
                                 "origin", cfg_origin(c, section, key)));
    } else {
        printf("%s.%s = %s    ; %s\n", section, key, cfg_get(c, section, key),
               cfg_origin(c, section, key));
    }
    free(section);
    cfg_free(c);
    return rc;
}

/* The administrator's setting for MOTCUA_NOW, stored in the database
 * (not in the configuration file, which a clerk may be able to edit). */
static int config_clock_pin(cli_ctx *ctx, int argc, char **argv)
{
    bool set = argc == 2, allow = false;
    if (set && strcmp(argv[1], "allow") == 0)
        allow = true;
    else if (set && strcmp(argv[1], "forbid") != 0)
        set = false, argc = -1;
    if (argc > 2 || argc < 0)
        return cli_usage("config", "%s",
                         _("cách dùng: config clock-pin [allow|forbid]"));
    int rc;
    mc_desk *d = cli_desk(ctx, set, &rc);
    if (!d)
        return rc;
    if (set) {
        mc_error err = {0};
        if (desk_clock_pin_set(d, allow, &err) != MC_OK)
            return cli_fail(ctx, &err);
    }
    bool built_in = mc_clock_pin_built_in();
    bool allowed = desk_clock_pin_allowed(d);
    mc_ts at;
    bool pinned = mc_clock_pinned(&at);
    char buf[26] = "";
    if (pinned)
        mc_ts_format_vn(at, buf);
    if (ctx->json)
        return cli_print_json(json_pack(
            "{s:b, s:b, s:b, s:s?}", "test_build", built_in, "allowed",
            allowed, "pinned", pinned, "now", pinned ? buf : NULL));
    printf("%s\n", built_in ? _("Bản dựng thử nghiệm: MOTCUA_NOW luôn được "
                                "dùng.")
                            : allowed ? _("Cơ sở dữ liệu này cho phép đặt giờ "
                                          "giả bằng MOTCUA_NOW (có ghi nhật "
                                          "ký kiểm toán).")
                                      : _("Không cho phép đặt giờ giả: "
                                          "MOTCUA_NOW bị bỏ qua."));
    if (pinned)
        printf(_("Đồng hồ đang đặt giả: %s\n"), buf);
    return 0;
}

int cmd_config(cli_ctx *ctx, int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    if (strcmp(sub, "check") == 0)
        return config_check(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "show") == 0)
        return config_show(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "set") == 0)
        return config_set(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "clock-pin") == 0)
        return config_clock_pin(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "default") == 0) {
        char *t = cfg_default_text();
        fputs(t, stdout);
        free(t);
        return 0;
    }
    return cli_usage("config", "%s",
                     _("cách dùng: config check [TỆP] | show | default | "
                       "set MỤC.KHÓA GIÁ_TRỊ | clock-pin [allow|forbid]"));
}
