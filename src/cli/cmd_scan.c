/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_scan.c - scanned papers of a dossier:
 *   motcua dossier attach CODE --paper N FILE...
 *   motcua dossier attach CODE --paper N --from-folder [--newest K | NAME...]
 *   motcua dossier scans CODE [--json]
 *   motcua dossier detach CODE --file ID --reason TEXT
 *   motcua dossier scan CODE --paper N [--device DEV]
 *   motcua dossier scanner-folder [--newest K] [--json]
 * Every file is checked before anything is attached; a refusal names the
 * file and the reason, and nothing is written. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "desk_files.h"

#define MAX_ATTACH_FILES 100

static json_t *staged_json(const desk_file_staged *f)
{
    return json_pack("{s:s, s:s, s:I, s:i, s:s}", "name", f->name, "sha256",
                     f->sha256, "size", (json_int_t)f->size, "pages", f->pages,
                     "mime", f->mime);
}

static int print_attached(cli_ctx *ctx, const char *code, int paper,
                          const desk_attach_result *r)
{
    if (ctx->json) {
        json_t *files = json_array();
        for (size_t i = 0; i < r->n_files; i++)
            json_array_append_new(files, staged_json(&r->files[i]));
        return cli_print_json(json_pack("{s:s, s:i, s:i, s:i, s:o}", "code",
                                        code, "paper", paper, "added",
                                        r->added, "already", r->skipped,
                                        "files", files));
    }
    for (size_t i = 0; i < r->n_files; i++) {
        const desk_file_staged *f = &r->files[i];
        printf("%s %d %s %s %lld %d\n", code, paper, f->sha256, f->name,
               (long long)f->size, f->pages);
    }
    if (r->skipped)
        fprintf(stderr,
                _("motcua: %d tệp đã có sẵn ở giấy tờ này, không đính kèm "
                  "lần nữa\n"),
                r->skipped);
    return 0;
}

static int parse_paper(const char *cmd, const char *s, int *paper)
{
    long n;
    if (!cli_parse_long(s, 1, 999, &n))
        return cli_usage(cmd, _("--paper \"%s\" phải là số thứ tự giấy tờ "
                                "(1-999)"),
                         s);
    *paper = (int)n;
    return 0;
}

static int dossier_attach(cli_ctx *ctx, int argc, char **argv)
{
    enum { O_PAPER = 1, O_FOLDER, O_NEWEST };
    static const struct option opts[] = {
        {"paper", required_argument, NULL, O_PAPER},
        {"from-folder", no_argument, NULL, O_FOLDER},
        {"newest", required_argument, NULL, O_NEWEST},
        {0, 0, 0, 0},
    };
    const char *cmd = "dossier attach";
    int paper = 0, c, urc;
    bool from_folder = false;
    long newest = 0;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_PAPER:
            if ((urc = parse_paper(cmd, optarg, &paper)))
                return urc;
            break;
        case O_FOLDER: from_folder = true; break;
        case O_NEWEST:
            if (!cli_parse_long(optarg, 1, MAX_ATTACH_FILES, &newest))
                return cli_usage(cmd,
                                 _("--newest \"%s\" phải là số tệp từ 1 đến "
                                   "%d"),
                                 optarg, MAX_ATTACH_FILES);
            break;
        default: return 2;
        }
    }
    if (optind >= argc)
        return cli_usage(cmd, "%s", _("cần MÃ_HỒ_SƠ"));
    if (!paper)
        return cli_usage(cmd, "%s", _("thiếu --paper N (số thứ tự giấy tờ)"));
    const char *code = argv[optind++];
    size_t nfiles = (size_t)(argc - optind);
    if (newest && !from_folder)
        return cli_usage(cmd, "%s", _("--newest chỉ dùng với --from-folder"));
    if (newest && nfiles)
        return cli_usage(cmd, "%s",
                         _("dùng --newest K hoặc tên tệp, không dùng cả hai"));
    if (!from_folder && nfiles == 0)
        return cli_usage(cmd, "%s", _("cần ít nhất một TỆP"));
    if (nfiles > MAX_ATTACH_FILES)
        return cli_usage(cmd, _("tối đa %d tệp một lần"), MAX_ATTACH_FILES);
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    const char *paths[MAX_ATTACH_FILES];
    const char *names[MAX_ATTACH_FILES];
    size_t n = 0;
    desk_folder_file *ff = NULL;
    size_t nff = 0;
    if (from_folder) {
        if (desk_scan_folder_list(d, nfiles ? 0 : (size_t)(newest ? newest : 1),
                                  &ff, &nff, &err))
            return cli_fail(ctx, &err);
        if (!nfiles) {
            if (nff == 0) {
                mc_fail(&err, MC_ENOTFOUND, "scans.folder",
                        _("Thư mục máy quét không có tệp nào"));
                return cli_fail(ctx, &err);
            }
            for (size_t i = 0; i < nff; i++) {
                paths[n] = ff[i].path;
                names[n++] = ff[i].name;
            }
        } else {
            for (size_t i = 0; i < nfiles; i++) {
                const char *want = argv[optind + (int)i];
                if (strchr(want, '/')) {
                    desk_folder_free(ff, nff);
                    return cli_usage(cmd,
                                     _("với --from-folder, \"%s\" phải là "
                                       "tên tệp trong thư mục máy quét"),
                                     want);
                }
                size_t j = 0;
                while (j < nff && strcmp(ff[j].name, want) != 0)
                    j++;
                if (j == nff) {
                    desk_folder_free(ff, nff);
                    mc_fail(&err, MC_ENOTFOUND, "file",
                            _("%s: không có trong thư mục máy quét"), want);
                    return cli_fail(ctx, &err);
                }
                paths[n] = ff[j].path;
                names[n++] = ff[j].name;
            }
        }
    } else {
        for (size_t i = 0; i < nfiles; i++) {
            paths[n] = argv[optind + (int)i];
            names[n++] = NULL;
        }
    }
    desk_attach_in in = {
        .code = code, .role = DESK_FILE_SCAN, .paper = paper,
        .source = from_folder ? DESK_SRC_FOLDER : DESK_SRC_FILE,
        .paths = paths, .names = names, .n_paths = n,
    };
    desk_attach_result res = {0};
    if (desk_files_attach(d, &in, &res, &err)) {
        desk_folder_free(ff, nff);
        return cli_fail(ctx, &err);
    }
    desk_folder_free(ff, nff);
    rc = print_attached(ctx, code, paper, &res);
    desk_attach_result_free(&res);
    return rc;
}

static int dossier_scan(cli_ctx *ctx, int argc, char **argv)
{
    enum { O_PAPER = 1, O_DEVICE };
    static const struct option opts[] = {
        {"paper", required_argument, NULL, O_PAPER},
        {"device", required_argument, NULL, O_DEVICE},
        {0, 0, 0, 0},
    };
    const char *cmd = "dossier scan";
    int paper = 0, c, urc;
    const char *device = NULL;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_PAPER:
            if ((urc = parse_paper(cmd, optarg, &paper)))
                return urc;
            break;
        case O_DEVICE: device = optarg; break;
        default: return 2;
        }
    }
    if (optind != argc - 1)
        return cli_usage(cmd, "%s", _("cần đúng một MÃ_HỒ_SƠ"));
    if (!paper)
        return cli_usage(cmd, "%s", _("thiếu --paper N (số thứ tự giấy tờ)"));
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    desk_attach_result res = {0};
    if (desk_files_scan(d, argv[optind], paper, device, &res, &err))
        return cli_fail(ctx, &err);
    rc = print_attached(ctx, argv[optind], paper, &res);
    desk_attach_result_free(&res);
    return rc;
}

struct scans_ctx {
    json_t *papers;   /* array of paper objects (json) */
    json_t *results;  /* array */
    json_t *detached; /* array */
    const mc_dossier *ds;
};

static json_t *file_json(const desk_file *f)
{
    char at[26];
    mc_ts_format_vn(f->added_at, at);
    json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:i, s:s, s:s, s:s, s:s}",
                          "id", (json_int_t)f->id, "name", f->name, "sha256",
                          f->sha256, "size", (json_int_t)f->size, "pages",
                          f->pages, "mime", f->mime, "source", f->source,
                          "added_by", f->added_by, "added_at", at);
    if (f->detached_at) {
        mc_ts_format_vn(f->detached_at, at);
        json_object_set_new(o, "role", json_string(f->role));
        if (f->paper)
            json_object_set_new(o, "paper", json_integer(f->paper));
        json_object_set_new(o, "detached_at", json_string(at));
        json_object_set_new(o, "detached_by",
                            json_string(f->detached_by ? f->detached_by : ""));
        json_object_set_new(o, "detach_reason",
                            json_string(f->detach_reason ? f->detach_reason
                                                         : ""));
    }
    return o;
}

static void detached_row(const desk_file *f, void *ud)
{
    struct scans_ctx *c = ud;
    json_array_append_new(c->detached, file_json(f));
}

static void scans_row(const desk_file *f, void *ud)
{
    struct scans_ctx *c = ud;
    if (f->paper >= 1 && (size_t)f->paper <= json_array_size(c->papers)) {
        json_t *p = json_array_get(c->papers, (size_t)f->paper - 1);
        json_array_append_new(json_object_get(p, "files"), file_json(f));
    } else {
        json_array_append_new(c->results, file_json(f));
    }
}

static void print_file_line(json_t *f)
{
    printf("      #%-5lld %-40s %3lld tr  %9lld B  %.12s  %s %s\n",
           (long long)json_integer_value(json_object_get(f, "id")),
           json_string_value(json_object_get(f, "name")),
           (long long)json_integer_value(json_object_get(f, "pages")),
           (long long)json_integer_value(json_object_get(f, "size")),
           json_string_value(json_object_get(f, "sha256")),
           json_string_value(json_object_get(f, "added_by")),
           json_string_value(json_object_get(f, "added_at")));
}

static int dossier_scans(cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 2)
        return cli_usage("dossier scans", "%s", _("cần MÃ_HỒ_SƠ"));
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_dossier ds;
    mc_error err = {0};
    if (desk_dossier_get(d, argv[1], &ds, &err))
        return cli_fail(ctx, &err);
    bool mandatory = desk_scans_mandatory(d);
    struct scans_ctx c = {json_array(), json_array(), json_array(), &ds};
    for (size_t i = 0; i < ds.n_papers; i++)
        json_array_append_new(
            c.papers, json_pack("{s:i, s:s, s:b, s:[]}", "no", (int)i + 1,
                                "name", ds.papers[i].name, "required",
                                ds.papers[i].required, "files"));
    if (desk_files_each_id(d, ds.id, scans_row, &c, &err) ||
        desk_files_each_detached(d, ds.id, detached_row, &c, &err)) {
        json_decref(c.papers);
        json_decref(c.results);
        json_decref(c.detached);
        mc_dossier_free(&ds);
        return cli_fail(ctx, &err);
    }
    json_int_t total = 0;
    json_t *missing = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(c.papers, i, p) {
        json_t *files = json_object_get(p, "files");
        json_int_t pages = 0, bytes = 0;
        size_t j;
        json_t *f;
        json_array_foreach(files, j, f) {
            pages += json_integer_value(json_object_get(f, "pages"));
            bytes += json_integer_value(json_object_get(f, "size"));
        }
        total += bytes;
        json_object_set_new(p, "pages", json_integer(pages));
        json_object_set_new(p, "bytes", json_integer(bytes));
        if (mandatory && json_is_true(json_object_get(p, "required")) &&
            json_array_size(files) == 0)
            json_array_append_new(missing, json_integer((json_int_t)i + 1));
    }
    size_t k;
    json_array_foreach(c.results, k, p)
        total += json_integer_value(json_object_get(p, "size"));
    if (ctx->json) {
        json_t *o = json_pack("{s:s, s:b, s:o, s:o, s:I, s:o, s:o}", "code",
                              ds.code, "scans_mandatory", mandatory, "papers",
                              c.papers, "results", c.results, "bytes", total,
                              "missing_scans", missing, "detached",
                              c.detached);
        mc_dossier_free(&ds);
        return cli_print_json(o);
    }
    printf("%s\n", ds.code);
    json_array_foreach(c.papers, i, p) {
        json_t *files = json_object_get(p, "files");
        printf("  %zu. %s%s — %s\n", i + 1,
               json_string_value(json_object_get(p, "name")),
               json_is_true(json_object_get(p, "required")) ? " *" : "",
               json_array_size(files) == 0
                   ? (mandatory && json_is_true(json_object_get(p, "required"))
                          ? _("CHƯA CÓ BẢN QUÉT (bắt buộc)")
                          : _("chưa có bản quét"))
                   : "");
        if (json_array_size(files))
            printf(_("     %zu tệp, %lld trang, %lld byte\n"),
                   json_array_size(files),
                   (long long)json_integer_value(json_object_get(p, "pages")),
                   (long long)json_integer_value(json_object_get(p, "bytes")));
        size_t j;
        json_t *f;
        json_array_foreach(files, j, f) print_file_line(f);
    }
    if (json_array_size(c.results)) {
        printf("  %s\n", _("Kết quả:"));
        json_array_foreach(c.results, k, p) print_file_line(p);
    }
    if (json_array_size(c.detached)) {
        printf("  %s\n", _("Đã gỡ khỏi hồ sơ:"));
        json_array_foreach(c.detached, k, p) {
            print_file_line(p);
            printf(_("             gỡ bởi %s lúc %s: %s\n"),
                   json_string_value(json_object_get(p, "detached_by")),
                   json_string_value(json_object_get(p, "detached_at")),
                   json_string_value(json_object_get(p, "detach_reason")));
        }
    }
    rc = 0;
    json_decref(c.detached);
    json_decref(missing);
    json_decref(c.papers);
    json_decref(c.results);
    mc_dossier_free(&ds);
    return rc;
}

static int dossier_detach(cli_ctx *ctx, int argc, char **argv)
{
    enum { O_FILE = 1, O_REASON };
    static const struct option opts[] = {
        {"file", required_argument, NULL, O_FILE},
        {"reason", required_argument, NULL, O_REASON},
        {0, 0, 0, 0},
    };
    const char *cmd = "dossier detach";
    const char *reason = NULL;
    long file_id = 0;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_FILE:
            if (!cli_parse_long(optarg, 1, 1000000000L, &file_id))
                return cli_usage(cmd,
                                 _("--file \"%s\" phải là số của tệp (cột id "
                                   "của \"dossier scans MÃ --json\")"),
                                 optarg);
            break;
        case O_REASON: reason = optarg; break;
        default: return 2;
        }
    }
    if (optind != argc - 1)
        return cli_usage(cmd, "%s", _("cần đúng một MÃ_HỒ_SƠ"));
    if (!file_id)
        return cli_usage(cmd, "%s",
                         _("thiếu --file ID (số của tệp, xem \"dossier scans "
                           "MÃ --json\")"));
    if (!reason)
        return cli_usage(cmd, "%s", _("thiếu --reason (lý do gỡ tệp)"));
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    desk_detach_result res = {0};
    if (desk_files_detach(d, argv[optind], file_id, reason, &res, &err))
        return cli_fail(ctx, &err);
    if (ctx->json) {
        rc = cli_print_json(json_pack(
            "{s:s, s:I, s:i, s:s, s:s, s:i, s:I, s:b}", "code", argv[optind],
            "id", (json_int_t)res.id, "paper", res.paper, "sha256", res.sha256,
            "name", res.name, "pages", res.pages, "size", (json_int_t)res.size,
            "detached", 1));
    } else {
        printf(_("Đã gỡ tệp #%lld (%s, giấy tờ %d) khỏi hồ sơ %s\n"),
               (long long)res.id, res.name, res.paper, argv[optind]);
        rc = 0;
    }
    desk_detach_result_free(&res);
    return rc;
}

static int scanner_folder(cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"newest", required_argument, NULL, 'n'},
        {0, 0, 0, 0},
    };
    long newest = 0;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'n':
            if (!cli_parse_long(optarg, 1, 100000, &newest))
                return cli_usage("dossier scanner-folder",
                                 _("--newest \"%s\" phải là số tệp từ 1 đến "
                                   "%d"),
                                 optarg, 100000);
            break;
        default: return 2;
        }
    }
    if (optind != argc)
        return cli_usage("dossier scanner-folder", "%s",
                         _("không nhận thêm đối số"));
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    desk_folder_file *ff;
    size_t n;
    if (desk_scan_folder_list(d, (size_t)newest, &ff, &n, &err))
        return cli_fail(ctx, &err);
    json_t *arr = ctx->json ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        char at[26];
        mc_ts_format_vn(ff[i].mtime, at);
        if (arr)
            json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:s}",
                                                 "name", ff[i].name, "path",
                                                 ff[i].path, "size",
                                                 (json_int_t)ff[i].size,
                                                 "modified_at", at));
        else
            printf("%s  %10lld  %s\n", at, (long long)ff[i].size, ff[i].name);
    }
    desk_folder_free(ff, n);
    if (arr)
        return cli_print_json(arr);
    return 0;
}

int cmd_dossier_files(cli_ctx *ctx, const char *sub, int argc, char **argv)
{
    if (strcmp(sub, "attach") == 0)
        return dossier_attach(ctx, argc, argv);
    if (strcmp(sub, "scans") == 0)
        return dossier_scans(ctx, argc, argv);
    if (strcmp(sub, "scan") == 0)
        return dossier_scan(ctx, argc, argv);
    if (strcmp(sub, "detach") == 0)
        return dossier_detach(ctx, argc, argv);
    if (strcmp(sub, "scanner-folder") == 0)
        return scanner_folder(ctx, argc, argv);
    return -1;
}
