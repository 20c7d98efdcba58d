/* SPDX-License-Identifier: GPL-3.0-or-later */
/* commands.h - the subcommand table's entries, one file each. */
#ifndef MOTCUA_COMMANDS_H
#define MOTCUA_COMMANDS_H

#include "cli.h"

int cmd_init(cli_ctx *ctx, int argc, char **argv);
int cmd_user(cli_ctx *ctx, int argc, char **argv);
int cmd_login(cli_ctx *ctx, int argc, char **argv);
int cmd_logout(cli_ctx *ctx, int argc, char **argv);
int cmd_dossier(cli_ctx *ctx, int argc, char **argv);
/* dossier attach|scans|scan|scanner-folder (cmd_scan.c); -1 for another
 * subcommand */
int cmd_dossier_files(cli_ctx *ctx, const char *sub, int argc, char **argv);
/* motcua dossier return (cmd_return.c) */
int cmd_dossier_return(cli_ctx *ctx, int argc, char **argv);
/* dossier show: the return lines, and a history event's return detail */
void cli_return_lines(const mc_dossier *ds);
void cli_return_event_detail(const char *data);
int cmd_audit(cli_ctx *ctx, int argc, char **argv);
int cmd_catalogue(cli_ctx *ctx, int argc, char **argv);
int cmd_calendar(cli_ctx *ctx, int argc, char **argv);
int cmd_validate(cli_ctx *ctx, int argc, char **argv);
int cmd_text(cli_ctx *ctx, int argc, char **argv);
int cmd_config(cli_ctx *ctx, int argc, char **argv);
int cmd_demo(cli_ctx *ctx, int argc, char **argv);
int cmd_queue(cli_ctx *ctx, int argc, char **argv);
int cmd_report(cli_ctx *ctx, int argc, char **argv);
int cmd_sync(cli_ctx *ctx, int argc, char **argv);
int cmd_print(cli_ctx *ctx, int argc, char **argv);
int cmd_backup(cli_ctx *ctx, int argc, char **argv);
int cmd_restore(cli_ctx *ctx, int argc, char **argv);
int cmd_online(cli_ctx *ctx, int argc, char **argv);
#ifdef HAVE_MOTCUA_UI
int cmd_dashboard(cli_ctx *ctx, int argc, char **argv);
int cmd_board(cli_ctx *ctx, int argc, char **argv);
int cmd_kiosk(cli_ctx *ctx, int argc, char **argv);
/* the full-screen displays exist only in builds with the TUI */
#define CLI_UI_COMMAND_LIST(X)                                                 \
    X("dashboard", cmd_dashboard,                                              \
      N_("bảng điều hành trực tiếp cho giám sát (cập nhật mỗi giây)"))        \
    X("board", cmd_board, N_("bảng gọi số \"đang phục vụ\" ở sảnh chờ"))      \
    X("kiosk", cmd_kiosk, N_("máy lấy số thứ tự cho người dân"))
#else
#define CLI_UI_COMMAND_LIST(X)
#endif

/* X(name, function, one-line help) - the one list behind dispatch and
 * `motcua help`. */
#define CLI_COMMAND_LIST(X)                                                    \
    X("init", cmd_init, N_("tạo cơ sở dữ liệu của văn phòng"))                \
    X("user", cmd_user, N_("quản lý người dùng (admin)"))                      \
    X("login", cmd_login,                                                      \
      N_("mở phiên đăng nhập cho các lệnh sau (không hỏi lại mật khẩu)"))     \
    X("logout", cmd_logout, N_("kết thúc phiên đăng nhập"))                    \
    X("dossier", cmd_dossier, N_("tiếp nhận, tra cứu, chuyển trạng thái hồ sơ")) \
    X("catalogue", cmd_catalogue, N_("danh mục thủ tục hành chính"))           \
    X("calendar", cmd_calendar, N_("lịch ngày làm việc, ngày lễ, âm lịch"))    \
    X("validate", cmd_validate, N_("kiểm tra số CCCD, BHXH, điện thoại, MST")) \
    X("text", cmd_text, N_("chuẩn hoá, gấp dấu, gõ Telex/VNI"))              \
    X("config", cmd_config, N_("cấu hình văn phòng"))                          \
    X("sync", cmd_sync, N_("đồng bộ với cơ sở dữ liệu trung tâm"))            \
    X("online", cmd_online,                                                   \
      N_("hồ sơ nộp trực tuyến: xem, tiếp nhận, yêu cầu bổ sung, từ chối"))   \
    X("audit", cmd_audit, N_("nhật ký kiểm toán (audit verify)"))             \
    X("queue", cmd_queue, N_("xếp hàng: lấy số, gọi số, chuyển, đánh giá"))    \
    X("report", cmd_report, N_("báo cáo hồ sơ và xếp hàng (CSV, XLSX, JSON)")) \
    X("print", cmd_print, N_("in phiếu, sổ theo dõi, số thứ tự"))            \
    CLI_UI_COMMAND_LIST(X)                                                     \
    X("backup", cmd_backup, N_("sao lưu cơ sở dữ liệu khi các quầy vẫn làm việc")) \
    X("restore", cmd_restore, N_("khôi phục cơ sở dữ liệu từ bản sao lưu"))  \
    X("demo", cmd_demo, N_("tạo văn phòng mẫu và chạy thử"))

#endif
