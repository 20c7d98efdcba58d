/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_online.c - motcua online list [--state S] [--limit N] [--json]
 *                motcua online show REF [--json]
 *                motcua online accept REF [--json]
 *                motcua online supplement REF --missing TEXT... [--reason R]
 *                                         [--pdf FILE] [--json]
 *                motcua online refuse REF --reason TEXT... [--pdf FILE]
 *                                     [--json]
 *
 * The online inbox (issue 12): dossiers filed on the national portal for
 * this office, pulled by `motcua sync`.  accept issues the dossier code as
 * at the counter; supplement and refuse send the Mẫu 02 / Mẫu 03 (PDF,
 * kept in the receipts folder or --pdf FILE) back through the centre. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "desk_online.h"

#ifdef HAVE_MOTCUA_PRINTERS
#include "modules.h"
#endif

#define MAX_LIST_ARGS 100

static void print_line(const desk_online_item *it)
{
    char sub[17];
    snprintf(sub, sizeof sub, "%.16s", it->submitted_at ? it->submitted_at : "");
    printf("%-24s %-20s %-16s %-12s ", it->portal_ref, it->state, sub,
           it->procedure_code ? it->procedure_code : "-");
    printf("%s", it->applicant_name ? it->applicant_name : "");
    if (it->code)
        printf("  → %s", it->code);
    if (it->decided_by && strcmp(it->state, "waiting") != 0)
        printf("  (%s)", it->decided_by);
    if (it->centre_state && strcmp(it->centre_state, it->state) != 0 &&
        it->decided_here)
        printf(_("  [trung tâm: %s]"), it->centre_state);
    printf("\n");
}

struct list_ctx {
    json_t *arr;
    int n;
};

static bool list_one(const desk_online_item *it, void *ud)
{
    struct list_ctx *c = ud;
    c->n++;
    if (c->arr)
        json_array_append_new(c->arr, desk_online_json(it));
    else
        print_line(it);
    return true;
}

static int online_list(cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"state", required_argument, NULL, 's'},
        {"limit", required_argument, NULL, 'l'},
        {0, 0, 0, 0},
    };
    const char *state = NULL;
    long limit = 500;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 's': state = optarg; break;
        case 'l':
            if (!cli_parse_long(optarg, 1, 100000, &limit))
                return cli_usage("online list",
                                 _("--limit phải là số từ 1 đến 100000 (đang "
                                   "là \"%s\")"),
                                 optarg);
            break;
        default: return 2;
        }
    }
    if (optind < argc)
        return cli_usage("online list", _("đối số thừa \"%s\""), argv[optind]);
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    struct list_ctx lc = {ctx->json ? json_array() : NULL, 0};
    mc_error err = {0};
    if (desk_online_list(d, state, (int)limit, list_one, &lc, &err)) {
        json_decref(lc.arr);
        return cli_fail(ctx, &err);
    }
    if (lc.arr)
        return cli_print_json(lc.arr);
    if (lc.n == 0)
        printf("%s\n", _("Không có hồ sơ trực tuyến nào."));
    return 0;
}

struct show_ctx {
    json_t *obj;
    json_t *files;
};

static bool show_item(const desk_online_item *it, void *ud)
{
    struct show_ctx *c = ud;
    c->obj = desk_online_json(it);
    return true;
}

static bool show_file(const desk_online_file *f, void *ud)
{
    struct show_ctx *c = ud;
    json_t *o = json_pack("{s:i, s:s, s:s, s:I, s:s, s:b}", "paper", f->paper,
                          "name", f->name, "mime", f->mime, "size",
                          (json_int_t)f->size, "sha256", f->sha256, "fetched",
                          f->fetched_at > 0);
    json_array_append_new(c->files, o);
    return true;
}

static void print_text(const char *label, const json_t *v)
{
    const char *s = json_string_value(v);
    if (s && *s)
        printf("  %-18s %s\n", label, s);
}

static void print_show(const json_t *o)
{
    const json_t *ds = json_object_get(o, "dossier");
    printf("%s  %s\n", json_string_value(json_object_get(o, "portal_ref")),
           json_string_value(json_object_get(o, "state")));
    print_text(_("Nộp lúc:"), json_object_get(o, "submitted_at"));
    print_text(_("Thủ tục:"), json_object_get(ds, "procedure_code"));
    print_text(_("Người nộp:"), json_object_get(ds, "applicant_name"));
    print_text(_("Số định danh:"), json_object_get(ds, "id_number"));
    print_text(_("Điện thoại:"), json_object_get(ds, "phone"));
    print_text(_("Địa chỉ:"), json_object_get(ds, "address"));
    print_text(_("Ghi chú:"), json_object_get(ds, "note"));
    print_text(_("Mã hồ sơ:"), json_object_get(o, "code"));
    print_text(_("Người quyết định:"), json_object_get(o, "decided_by"));
    print_text(_("Lúc:"), json_object_get(o, "decided_at"));
    size_t i;
    json_t *v;
    printf("  %s\n", _("Giấy tờ:"));
    json_array_foreach(json_object_get(ds, "papers"), i, v)
    {
        const char *name = json_string_value(json_object_get(v, "name"));
        printf("   %zu. %s\n", i + 1, name ? name : "?");
    }
    const json_t *files = json_object_get(o, "files");
    if (json_array_size(files))
        printf("  %s\n", _("Tệp đính kèm:"));
    json_array_foreach(files, i, v)
    {
        printf("   [%lld] %s (%s, %lld B)%s\n",
               (long long)json_integer_value(json_object_get(v, "paper")),
               json_string_value(json_object_get(v, "name")),
               json_string_value(json_object_get(v, "mime")),
               (long long)json_integer_value(json_object_get(v, "size")),
               json_is_true(json_object_get(v, "fetched"))
                   ? ""
                   : _(" — chưa tải về"));
    }
    json_array_foreach(json_object_get(o, "reasons"), i, v)
        printf("  %-18s %s\n", _("Lý do:"), json_string_value(v));
    json_array_foreach(json_object_get(o, "missing"), i, v)
        printf("  %-18s %s\n", _("Cần bổ sung:"), json_string_value(v));
}

static int online_show(cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 2)
        return cli_usage("online show", "%s", _("cần SỐ_HỒ_SƠ_CỔNG"));
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    struct show_ctx c = {NULL, json_array()};
    mc_error err = {0};
    if (desk_online_show(d, argv[1], show_item, &c, &err) ||
        desk_online_files(d, argv[1], show_file, &c, &err)) {
        json_decref(c.obj);
        json_decref(c.files);
        return cli_fail(ctx, &err);
    }
    json_object_set_new(c.obj, "files", c.files);
    if (ctx->json)
        return cli_print_json(c.obj);
    print_show(c.obj);
    json_decref(c.obj);
    return 0;
}

static int online_accept(cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 2)
        return cli_usage("online accept", "%s", _("cần SỐ_HỒ_SƠ_CỔNG"));
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_dossier ds;
    mc_error err = {0};
    if (desk_online_accept(d, argv[1], &ds, &err))
        return cli_fail(ctx, &err);
    char hours[400];
    if (desk_outside_hours_note(d, hours, sizeof hours))
        fprintf(stderr, _("Cảnh báo: %s.\n"), hours);
    if (ctx->json) {
        json_t *o = desk_dossier_json(&ds, desk_now(d));
        json_object_set_new(o, "portal_ref", json_string(argv[1]));
        rc = cli_print_json(o);
    } else {
        printf("%s\n", ds.code);
        rc = 0;
    }
    mc_dossier_free(&ds);
    return rc;
}


static int online_decide(cli_ctx *ctx, int argc, char **argv, bool refuse)
{
    const char *cmd = refuse ? "online refuse" : "online supplement";
    static const struct option opts[] = {
        {"reason", required_argument, NULL, 'r'},
        {"missing", required_argument, NULL, 'm'},
        {"pdf", required_argument, NULL, 'o'},
        {0, 0, 0, 0},
    };
    const char *reasons[MAX_LIST_ARGS], *missing[MAX_LIST_ARGS];
    size_t nr = 0, nm = 0;
    const char *pdf_file = NULL;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            if (nr == MAX_LIST_ARGS)
                return cli_usage(cmd, _("tối đa %d --reason"), MAX_LIST_ARGS);
            reasons[nr++] = optarg;
            break;
        case 'm':
            if (refuse)
                return cli_usage(cmd, "%s",
                                 _("--missing chỉ dùng với online supplement"));
            if (nm == MAX_LIST_ARGS)
                return cli_usage(cmd, _("tối đa %d --missing"), MAX_LIST_ARGS);
            missing[nm++] = optarg;
            break;
        case 'o': pdf_file = optarg; break;
        default: return 2;
        }
    }
    if (argc - optind != 1)
        return cli_usage(cmd, "%s", _("cần SỐ_HỒ_SƠ_CỔNG"));
    const char *ref = argv[optind];
#ifndef HAVE_MOTCUA_PRINTERS
    (void)pdf_file;
    (void)ref;
    mc_error nerr;
    mc_fail(&nerr, MC_EIO, "module", "%s",
            _("Bản này không có chức năng in: không tạo được phiếu"));
    return cli_fail(ctx, &nerr);
#else
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    motcua_online_render_ctx rctx = {d, ctx->cfg};
    desk_online_decide_in in = {
        .portal_ref = ref, .decision = refuse ? "refuse" : "supplement",
        .reasons = reasons, .n_reasons = nr, .missing = missing,
        .n_missing = nm, .render = motcua_online_render, .render_ud = &rctx,
    };
    unsigned char *pdf = NULL;
    size_t len = 0;
    mc_error err = {0};
    mc_status drc = desk_online_decide(d, &in, &pdf, &len, &err);
    const motcua_print_api *P = motcua_print_loaded();
    if (P) /* the font caches, before exit (leak checkers) */
        P->shutdown();
    if (drc)
        return cli_fail(ctx, &err);
    char *where = NULL;
    mc_error serr = {0};
    if (desk_online_save_pdf(d, ctx->cfg, pdf_file, in.decision, ref, pdf,
                             len, &where, &serr))
        fprintf(stderr, _("Cảnh báo: quyết định đã ghi nhận nhưng %s\n"),
                serr.msg);
    free(pdf);
    rc = 0;
    if (ctx->json)
        rc = cli_print_json(json_pack(
            "{s:s, s:s, s:s?, s:I}", "portal_ref", ref, "state",
            refuse ? "refused" : "supplement_requested", "pdf", where,
            "pdf_bytes", (json_int_t)len));
    else
        printf("%s %s%s%s\n", ref,
               refuse ? "refused" : "supplement_requested", where ? " " : "",
               where ? where : "");
    free(where);
    return rc;
#endif
}

int cmd_online(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("online", "%s",
                         _("cần lệnh con: list, show, accept, supplement, "
                           "refuse"));
    const char *sub = argv[1];
    argc--;
    argv++;
    if (strcmp(sub, "list") == 0)
        return online_list(ctx, argc, argv);
    if (strcmp(sub, "show") == 0)
        return online_show(ctx, argc, argv);
    if (strcmp(sub, "accept") == 0)
        return online_accept(ctx, argc, argv);
    if (strcmp(sub, "supplement") == 0)
        return online_decide(ctx, argc, argv, false);
    if (strcmp(sub, "refuse") == 0)
        return online_decide(ctx, argc, argv, true);
    return cli_usage("online", _("không có lệnh con \"%s\""), sub);
}
