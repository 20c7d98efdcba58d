/* cmd_demo.c - motcua demo: a demo office in the user's data folder, a
 * clerk, and a morning at the desk, printed step by step.  It stands in for
 * the TUI on the README's first command until the TUI lands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

#define DEMO_ADMIN_PW "demo-admin-2026"
#define DEMO_CLERK_PW "demo-clerk-2026"

static int step_fail(cli_ctx *ctx, const char *what, const mc_error *err)
{
    fprintf(stderr, "demo: %s\n", what);
    return cli_fail(ctx, err);
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
        printf(_("1. Tạo văn phòng mẫu %s (%s) tại %s, danh mục %d thủ tục\n"),
               o.office_name, o.office_code, path, rep.added);
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
                          &err)) {
            rc = step_fail(ctx, "user", &err);
            goto out;
        }
        printf(_("2. Thêm cán bộ một cửa canbo1 (mật khẩu %s)\n"),
               DEMO_CLERK_PW);
    }
    desk_close(d);
    d = NULL;
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
    printf(_("3. Tiếp nhận hồ sơ %s: %s — %s; hẹn trả %s\n"), ds.code,
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
    printf(_("4. Chuyển hồ sơ %s sang %s (%s)\n"), moved.code,
           status_name(moved.status), moved.department);
    mc_dossier_free(&moved);
    mc_dossier_free(&ds);
    int64_t n = 0;
    desk_audit_result res;
    if (desk_dossier_count(d, &n, &err) || desk_audit_verify(d, &res, &err)) {
        rc = step_fail(ctx, "audit", &err);
        goto out;
    }
    printf(_("5. Văn phòng có %lld hồ sơ; nhật ký kiểm toán %lld dòng, %s\n"),
           (long long)n, (long long)res.rows,
           res.first_bad ? _("BỊ SỬA") : _("nguyên vẹn"));
    printf(_("\nThử tiếp: MOTCUA_PASSWORD=%s motcua --db %s --user canbo1 "
             "dossier list\n"),
           DEMO_CLERK_PW, path);
out:
    desk_close(d);
    return rc;
}
