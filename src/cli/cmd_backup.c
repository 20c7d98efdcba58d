/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_backup.c - motcua backup FILE [--force] [--backup-files DIR]
 *                motcua restore FILE [--force] [--backup-files DIR]
 *                               [--allow-missing-files] [--password-stdin]
 *
 * backup copies the office database (--db) while desks keep working, and
 * the dossier files it names into FILE.files (or --backup-files DIR);
 * restore puts a backup in its place with its files (see
 * src/desk/desk_backup.h), signed in as an admin of the backup (--user,
 * password from $MOTCUA_PASSWORD or --password-stdin). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "desk_backup.h"
#include "desk_files.h"

static json_t *summary_json(const desk_db_summary *s)
{
    return json_pack("{s:i, s:I, s:I, s:I, s:s, s:s}", "schema_version",
                     s->schema_version, "dossiers", (json_int_t)s->dossiers,
                     "audit_rows", (json_int_t)s->audit_rows, "issued_codes",
                     (json_int_t)s->issued_codes, "last_audit_at",
                     s->last_audit_at, "office_code", s->office_code);
}

/* --force, --backup-files DIR and, for restore, --password-stdin and
 * --allow-missing-files; returns the index of the one positional argument,
 * or -1 after a usage error. */
static int parse(const char *cmd, int argc, char **argv, bool *force,
                 const char **files, bool *pw_stdin, bool *allow_missing)
{
    static const struct option opts[] = {
        {"force", no_argument, NULL, 'f'},
        {"backup-files", required_argument, NULL, 'b'},
        {"password-stdin", no_argument, NULL, 'p'},
        {"allow-missing-files", no_argument, NULL, 'm'},
        {0, 0, 0, 0},
    };
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'f': *force = true; break;
        case 'b':
            if (!*optarg) {
                cli_usage(cmd, "%s",
                          _("--backup-files cần tên một thư mục"));
                return -1;
            }
            *files = optarg;
            break;
        case 'p':
            if (!pw_stdin) {
                cli_usage(cmd, "%s", _("không có tùy chọn --password-stdin"));
                return -1;
            }
            *pw_stdin = true;
            break;
        case 'm':
            if (!allow_missing) {
                cli_usage(cmd, "%s",
                          _("không có tùy chọn --allow-missing-files"));
                return -1;
            }
            *allow_missing = true;
            break;
        default: return -1;
        }
    }
    if (optind + 1 != argc) {
        cli_usage(cmd, "%s", _("cần đúng một tên tệp"));
        return -1;
    }
    return optind;
}

int cmd_backup(cli_ctx *ctx, int argc, char **argv)
{
    bool force = false;
    const char *files = NULL;
    int i = parse("backup", argc, argv, &force, &files, NULL, NULL);
    if (i < 0)
        return 2;
    int rc;
    mc_desk *d = cli_desk(ctx, false, &rc);
    if (!d)
        return rc;
    desk_backup_report rep;
    mc_error err = {0};
    if (desk_backup_into(d, argv[i], files, force, &rep, &err))
        return cli_fail(ctx, &err);
    char *fdir = files ? mc_xstrdup(files) : desk_backup_files_dir(argv[i]);
    if (ctx->json) {
        json_t *o = summary_json(&rep.copy);
        json_object_set_new(o, "file", json_string(argv[i]));
        json_object_set_new(o, "integrity", json_string(rep.copy.integrity));
        json_object_set_new(o, "pages", json_integer(rep.pages));
        json_object_set_new(
            o, "files",
            json_pack("{s:s, s:i, s:i, s:I, s:i, s:I}", "dir", fdir, "total",
                      rep.files, "copied", rep.files_copied, "bytes_copied",
                      (json_int_t)rep.bytes_copied, "present",
                      rep.files_present, "bytes_present",
                      (json_int_t)rep.bytes_present));
        free(fdir);
        return cli_print_json(o);
    }
    printf(_("Đã sao lưu %s vào %s: lược đồ %d, %lld hồ sơ, %lld dòng nhật "
             "ký kiểm toán; kiểm tra toàn vẹn: %s\n"),
           cli_db_path(ctx), argv[i], rep.copy.schema_version,
           (long long)rep.copy.dossiers, (long long)rep.copy.audit_rows,
           rep.copy.integrity);
    printf(_("Tệp hồ sơ trong %s: %d tệp, đã chép %d (%lld byte), có sẵn "
             "%d (%lld byte)\n"),
           fdir, rep.files, rep.files_copied, (long long)rep.bytes_copied,
           rep.files_present, (long long)rep.bytes_present);
    free(fdir);
    return 0;
}

int cmd_restore(cli_ctx *ctx, int argc, char **argv)
{
    bool force = false, pw_stdin = false, allow_missing = false;
    const char *files = NULL;
    int i = parse("restore", argc, argv, &force, &files, &pw_stdin,
                  &allow_missing);
    if (i < 0)
        return 2;
    if (!ctx->user)
        return cli_usage("restore", "%s",
                         _("cần --user: một quản trị viên của bản sao lưu"));
    char *pw = NULL;
    if (pw_stdin)
        pw = cli_read_line(stdin);
    else if (getenv("MOTCUA_PASSWORD"))
        pw = mc_xstrdup(getenv("MOTCUA_PASSWORD"));
    if (!pw)
        return cli_usage("restore", "%s",
                         _("cần mật khẩu: MOTCUA_PASSWORD hoặc "
                           "--password-stdin"));
    const char *target = cli_db_path(ctx);
    cli_make_parent(target);
    /* files.dir of the configuration, else "files" beside the target */
    char *fdir = desk_files_dir_for(ctx->cfg, target);
    desk_restore_opts o = {.login = ctx->user,
                           .password = pw,
                           .force = force,
                           .files_dir = fdir,
                           .backup_files = files,
                           .allow_missing_files = allow_missing};
    desk_restore_report rep;
    mc_error err = {0};
    mc_status st = desk_restore(argv[i], target, &o, &rep, &err);
    free(pw);
    if (st) {
        free(fdir);
        return cli_fail(ctx, &err);
    }
    if (ctx->json) {
        json_t *out = json_pack("{s:s, s:s, s:o, s:b, s:b}", "file", argv[i],
                                "db", target, "restored",
                                summary_json(&rep.backup), "replaced",
                                rep.target_existed, "forced",
                                rep.target_newer);
        if (rep.target_existed && !rep.target_newer)
            json_object_set_new(out, "previous", summary_json(&rep.target));
        json_object_set_new(
            out, "files",
            json_pack("{s:s, s:i, s:i, s:I, s:i, s:i}", "dir", fdir, "total",
                      rep.files, "restored", rep.files_restored,
                      "bytes_restored", (json_int_t)rep.bytes_restored,
                      "present", rep.files_present, "missing",
                      rep.files_missing));
        free(fdir);
        return cli_print_json(out);
    }
    printf(_("Đã khôi phục %s vào %s: lược đồ %d, %lld hồ sơ, %lld dòng nhật "
             "ký kiểm toán%s\n"),
           argv[i], target, rep.backup.schema_version,
           (long long)rep.backup.dossiers, (long long)rep.backup.audit_rows,
           rep.target_newer ? _(" (đã ghi đè một cơ sở dữ liệu mới hơn)") : "");
    printf(_("Tệp hồ sơ trong %s: %d tệp, đã khôi phục %d (%lld byte), có "
             "sẵn %d\n"),
           fdir, rep.files, rep.files_restored, (long long)rep.bytes_restored,
           rep.files_present);
    if (rep.files_missing)
        printf(_("CẢNH BÁO: %d tệp hồ sơ không có trong bản sao lưu "
                 "(--allow-missing-files); các hồ sơ đó cần quét lại\n"),
               rep.files_missing);
    free(fdir);
    return 0;
}
