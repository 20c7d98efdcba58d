/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_demo.c - motcua demo: a demo office in the user's data folder, a
 * clerk and a supervisor, and a morning at the desk, printed step by step.
 * The dossier is left "processing": marking it done is the supervisor's
 * (a clerk may not), handing it over the clerk's, so every login the first
 * day needs is printed with its password.
 *
 * The demo also sets lookup.url_base (when it is empty) to a clearly
 * demo address, so the receipt's QR holds a lookup URL (url_base + code,
 * the central service's /tra-cuu/CODE).  It writes only the user's own
 * configuration file (made when there is none), never one under /etc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "config.h"

#define DEMO_ADMIN_PW "demo-admin-2026"
#define DEMO_CLERK_PW "demo-clerk-2026"
#define DEMO_LEAD_PW "demo-lead-2026"
#define DEMO_LEAD "lanhdao1"
#define DEMO_URL_BASE "https://tracuu.example.gov.vn/tra-cuu/"

static int step_fail(cli_ctx *ctx, const char *what, const mc_error *err)
{
    fprintf(stderr, "demo: %s\n", what);
    return cli_fail(ctx, err);
}

/* Step 3: the QR's lookup address.  Not fatal: the demo goes on without. */
static void demo_lookup_url(cli_ctx *ctx)
{
    mc_config *c = NULL;
    mc_error err = {0};
    if (cfg_load(ctx->config_path, &c, &err) != MC_OK) {
        fprintf(stderr, "demo: %s\n", err.msg);
        return;
    }
    const char *cur = cfg_get(c, "lookup", "url_base");
    const char *path = cfg_path(c);
    if (cur && *cur)
        printf(_("3. Mã QR trên phiếu: %s<mã hồ sơ> (lookup.url_base, %s)\n"),
               cur, path ? path : "");
    else if (path && strncmp(path, "/etc/", 5) == 0)
        printf(_("3. Chưa đặt lookup.url_base trong %s: mã QR trên phiếu chỉ "
                 "là mã hồ sơ (không sửa tệp của hệ thống)\n"),
               path);
    else if (cfg_set_and_save(c, "lookup", "url_base", DEMO_URL_BASE, &err))
        fprintf(stderr, "demo: %s\n", err.msg);
    else
        printf(_("3. Đặt lookup.url_base = %s trong %s: mã QR trên phiếu là "
                 "địa chỉ tra cứu (địa chỉ mẫu)\n"),
               DEMO_URL_BASE, cfg_path(c));
    cfg_free(c);
}

/* The supervisor of an older demo database, made on reuse; true when the
 * login works. */
static bool lead_ready(const char *path, mc_error *err)
{
    mc_desk *d = NULL;
    bool ok = false;
    if (desk_open(path, &d, err) == MC_OK) {
        ok = desk_login(d, DEMO_LEAD, DEMO_LEAD_PW, err) == MC_OK;
        desk_close(d);
    }
    if (ok)
        return true;
    mc_error_clear(err);
    if (desk_open(path, &d, err) == MC_OK) {
        ok = desk_login(d, "admin", DEMO_ADMIN_PW, err) == MC_OK &&
             desk_user_add(d, DEMO_LEAD, "Lê Văn Hùng", "supervisor",
                           DEMO_LEAD_PW, err) == MC_OK;
        desk_close(d);
    }
    return ok;
}

int cmd_demo(cli_ctx *ctx, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const char *path = cli_db_path(ctx);
    mc_error err = {0};
    bool fresh = access(path, F_OK) != 0;
    if (fresh) {
        cli_make_parent(path);
        desk_import_report rep = {0};
        desk_init_opts o = {
            .office_code = "000.00.31.H29",
            .office_name = "Bộ phận Một cửa — BHXH khu vực mẫu (demo)",
            .admin_login = "admin",
            .admin_name = "Quản trị viên",
            .admin_password = DEMO_ADMIN_PW,
            .report = &rep,
        };
        if (desk_init(path, &o, &err))
            return step_fail(ctx, "init", &err);
        printf(_("1. Tạo văn phòng mẫu %s (%s) tại %s, danh mục %d thủ tục; "
                 "quản trị admin (mật khẩu %s)\n"),
               o.office_name, o.office_code, path, rep.added, DEMO_ADMIN_PW);
    } else {
        printf(_("1. Dùng lại cơ sở dữ liệu mẫu %s\n"), path);
    }
    mc_desk *d = NULL;
    if (desk_open(path, &d, &err))
        return step_fail(ctx, "open", &err);
    int rc = 0;
    if (fresh) {
        if (desk_login(d, "admin", DEMO_ADMIN_PW, &err) ||
            desk_user_add(d, "canbo1", "Trần Thị Mai", "clerk", DEMO_CLERK_PW,
                          &err) ||
            desk_user_add(d, DEMO_LEAD, "Lê Văn Hùng", "supervisor",
                          DEMO_LEAD_PW, &err)) {
            rc = step_fail(ctx, "user", &err);
            goto out;
        }
        printf(_("2. Thêm cán bộ một cửa canbo1 (mật khẩu %s) và lãnh đạo "
                 "bộ phận %s (mật khẩu %s)\n"),
               DEMO_CLERK_PW, DEMO_LEAD, DEMO_LEAD_PW);
    }
    desk_close(d);
    d = NULL;
    bool lead = lead_ready(path, &err);
    if (!lead)
        fprintf(stderr, "demo: %s: %s\n", DEMO_LEAD, err.msg);
    mc_error_clear(&err);
    demo_lookup_url(ctx);
    if (desk_open(path, &d, &err) || desk_login(d, "canbo1", DEMO_CLERK_PW, &err)) {
        rc = step_fail(ctx, "login", &err);
        goto out;
    }
    /* the first procedure of the catalogue that has a processing time */
    cat_procedure proc = {0};
    const char *code = "1.014166";
    if (desk_catalogue_get(d, code, &proc, &err)) {
        rc = step_fail(ctx, "catalogue", &err);
        goto out;
    }
    desk_paper_in papers[16];
    size_t np = 0;
    for (size_t i = 0; i < proc.n_papers && np < 16; i++)
        papers[np++] = (desk_paper_in){proc.papers[i].name,
                                       paper_form_name(proc.papers[i].form),
                                       proc.papers[i].count};
    desk_intake_in in = {
        .procedure_code = code,
        .applicant_name = "Nguyễn Thị Hường",
        .id_number = "001190012345",
        .phone = "0912 345 678",
        .address = "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội",
        .papers = papers,
        .n_papers = np,
    };
    mc_dossier ds;
    if (desk_intake(d, &in, &ds, &err)) {
        cat_procedure_free(&proc);
        rc = step_fail(ctx, "intake", &err);
        goto out;
    }
    char due[26];
    mc_ts_format_vn(ds.due_at, due);
    printf(_("4. Tiếp nhận hồ sơ %s: %s — %s; hẹn trả %s\n"), ds.code,
           ds.applicant_name, proc.name_vi, due);
    cat_procedure_free(&proc);
    desk_advance_in adv = {.code = ds.code, .to = "processing",
                           .department = "Phòng Chế độ BHXH"};
    mc_dossier moved;
    if (desk_advance(d, &adv, &moved, &err)) {
        mc_dossier_free(&ds);
        rc = step_fail(ctx, "advance", &err);
        goto out;
    }
    printf(_("5. Chuyển hồ sơ %s sang %s (%s)\n"), moved.code,
           status_name(moved.status), moved.department);
    mc_dossier_free(&moved);
    mc_dossier_free(&ds);
    int64_t n = 0;
    desk_audit_result res;
    if (desk_dossier_count(d, &n, &err) || desk_audit_verify(d, &res, &err)) {
        rc = step_fail(ctx, "audit", &err);
        goto out;
    }
    printf(_("6. Văn phòng có %lld hồ sơ; nhật ký kiểm toán %lld dòng, %s\n"),
           (long long)n, (long long)res.rows,
           res.first_bad ? _("BỊ SỬA") : _("nguyên vẹn"));
    printf("\n%s\n", _("Đăng nhập (mật khẩu mẫu, chỉ dùng thử):"));
    printf("  %-9s %-16s %s\n", "canbo1", DEMO_CLERK_PW,
           _("cán bộ một cửa: tiếp nhận, trả kết quả"));
    if (lead)
        printf("  %-9s %-16s %s\n", DEMO_LEAD, DEMO_LEAD_PW,
               _("lãnh đạo bộ phận: chuyển \"đã giải quyết xong\" (cán bộ "
                 "một cửa không được), gia hạn"));
    printf("  %-9s %-16s %s\n", "admin", DEMO_ADMIN_PW,
           _("quản trị: người dùng, danh mục, cấu hình"));
    printf(_("Thử tiếp: MOTCUA_PASSWORD=%s motcua --db %s --user canbo1 "
             "dossier list\n"),
           DEMO_CLERK_PW, path);
out:
    desk_close(d);
    return rc;
}
