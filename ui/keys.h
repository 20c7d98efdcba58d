/* SPDX-License-Identifier: GPL-3.0-or-later */
/* keys.h - every key action of the TUI, declared once.
 *
 * UI_KEY_LIST gives, for each binding: the action, the screens where it
 * applies (a mask of S_* bits), the function/special key, the letter key,
 * the short label of the bottom key bar (NULL: not on the bar) and the
 * help text.  The same list gives the dispatch (keys_lookup), the key bar
 * (keys_bar_each) and the help screen (help.c), so they never drift.
 *
 * Letter keys act directly where no text field has the focus (home,
 * dossier, lists); inside a text field the letter types itself and the
 * action is Alt+letter.  The intake form is a place for typing all
 * through (its paper rows too): letters never act there.  Saving and
 * refusing, which end a dossier, have no letter at all.   One action may be bound on several screens with
 * different keys (F5 opens intake on the home screen and advances a
 * dossier on the dossier screen): the first row matching the screen wins.
 */
#ifndef MOTCUA_UI_KEYS_H
#define MOTCUA_UI_KEYS_H

#include <stdbool.h>
#include <wchar.h>

typedef enum ui_screen_id {
    SCR_LOGIN,
    SCR_HOME,
    SCR_INTAKE,
    SCR_SEARCH,
    SCR_DOSSIER,
    SCR_RETURN,
    SCR_ONLINE,
    SCR_HELP,
    SCR__COUNT
} ui_screen_id;

#define S_LOGIN (1u << SCR_LOGIN)
#define S_HOME (1u << SCR_HOME)
#define S_INTAKE (1u << SCR_INTAKE)
#define S_SEARCH (1u << SCR_SEARCH)
#define S_DOSSIER (1u << SCR_DOSSIER)
#define S_RETURN (1u << SCR_RETURN)
#define S_ONLINE (1u << SCR_ONLINE)
#define S_HELP (1u << SCR_HELP)
#define S_ALL ((1u << SCR__COUNT) - 1)
#define S_WORK (S_ALL & ~(S_LOGIN | S_HELP)) /* signed-in work screens */

#define UI_ESC 27
#define UI_TAB '\t'

/* X(action, screens, key, letter, bar label, help text) */
#define UI_KEY_LIST(X)                                                         \
    X(ACT_HELP, S_ALL & ~S_HELP, KEY_F(1), '?', N_("Trợ giúp"),               \
      N_("Xem trợ giúp: danh sách phím của mọi màn hình"))                    \
    X(ACT_CLOSE_HELP, S_HELP, KEY_F(1), '?', N_("Đóng"),                      \
      N_("Đóng trợ giúp, trở lại màn hình trước"))                            \
    X(ACT_LOGIN, S_LOGIN, KEY_F(2), 0, N_("Đăng nhập"),                      \
      N_("Đăng nhập (cũng là Enter ở ô mật khẩu)"))                           \
    X(ACT_SAVE, S_INTAKE | S_RETURN, KEY_F(2), 0, N_("Lưu"),               \
      N_("Lưu: tiếp nhận hồ sơ và cấp mã; ghi nhận trả kết quả"))             \
    X(ACT_SEARCH, S_WORK, KEY_F(3), '/', N_("Tìm"),                           \
      N_("Tìm hồ sơ theo mã, số định danh hoặc họ tên"))                      \
    X(ACT_IME, S_ALL & ~S_HELP, KEY_F(4), 't', N_("Kiểu gõ"),                 \
      N_("Đổi kiểu gõ tiếng Việt: Telex, VNI, tắt (ô họ tên, địa chỉ)"))      \
    X(ACT_INTAKE, S_HOME, KEY_F(5), 'n', N_("Tiếp nhận"),                     \
      N_("Tiếp nhận hồ sơ mới (hoặc mở lại bản nháp)"))                       \
    X(ACT_ADVANCE, S_DOSSIER, KEY_F(5), 'a', N_("Chuyển"),                    \
      N_("Chuyển trạng thái hồ sơ theo quy trình (theo quyền)"))              \
    X(ACT_RETURN, S_HOME | S_DOSSIER, KEY_F(6), 'r', N_("Trả KQ"),            \
      N_("Trả kết quả: quét mã QR hoặc nhập mã hồ sơ"))                       \
    X(ACT_ORG, S_INTAKE, KEY_F(6), 'o', N_("Tổ chức"),                        \
      N_("Người nộp: cá nhân / cơ quan, tổ chức (số định danh là MST)"))       \
    X(ACT_GUIDE, S_INTAKE, KEY_F(7), 'b', N_("Bổ sung"),                      \
      N_("Giấy tờ chưa đủ: lập phiếu yêu cầu bổ sung thay vì tiếp nhận"))     \
    X(ACT_ONLINE, S_HOME, KEY_F(7), 'o', N_("Trực tuyến"),                    \
      N_("Hồ sơ nộp trực tuyến chờ tiếp nhận (hộp thư trực tuyến)"))          \
    X(ACT_ONLINE_ACCEPT, S_ONLINE, KEY_F(2), 0, N_("Tiếp nhận"),              \
      N_("Trực tuyến: tiếp nhận hồ sơ đang chọn, cấp mã như tại quầy"))       \
    X(ACT_ONLINE_SUPPLEMENT, S_ONLINE, KEY_F(7), 0, N_("Bổ sung"),            \
      N_("Trực tuyến: yêu cầu bổ sung (Mẫu 02 gửi qua trung tâm)"))          \
    X(ACT_ONLINE_REFUSE, S_ONLINE, KEY_F(8), 0, N_("Từ chối"),                \
      N_("Trực tuyến: từ chối, ghi lý do (Mẫu 03 gửi qua trung tâm)"))       \
    X(ACT_PRINT, S_DOSSIER, KEY_F(7), 'p', N_("In lại"),                      \
      N_("In lại giấy tiếp nhận (đánh dấu bản sao)"))                         \
    X(ACT_REFUSE, S_INTAKE, KEY_F(8), 0, N_("Từ chối"),                     \
      N_("Từ chối tiếp nhận (phải ghi lý do)"))                               \
    X(ACT_EXTEND, S_DOSSIER, KEY_F(8), 'g', N_("Gia hạn"),                    \
      N_("Gia hạn, hẹn lại ngày trả (lãnh đạo); in phiếu xin lỗi"))          \
    X(ACT_ATTACH, S_INTAKE | S_DOSSIER, KEY_F(9), 's', NULL,                  \
      N_("Giấy tờ: đính kèm bản quét (tệp, hoặc mới nhất của máy quét)"))     \
    X(ACT_DETACH, S_DOSSIER, 0, 'x', NULL,                                    \
      N_("Gỡ một bản quét gắn nhầm khỏi hồ sơ (ghi lý do, xác nhận)"))        \
    X(ACT_TOGGLE, S_INTAKE, ' ', 0, NULL,                                     \
      N_("Giấy tờ: đánh dấu đã nhận / chưa nhận (phím cách)"))                \
    X(ACT_PAPER_FORM, S_INTAKE, 0, 'f', NULL,                                 \
      N_("Giấy tờ: đổi bản chính / bản sao chứng thực / bản sao"))            \
    X(ACT_MORE, S_INTAKE, '+', 0, NULL, N_("Giấy tờ: tăng số lượng"))       \
    X(ACT_LESS, S_INTAKE, '-', 0, NULL, N_("Giấy tờ: giảm số lượng"))       \
    X(ACT_LOCK, S_HOME, KEY_F(9), 'l', N_("Khoá"),                            \
      N_("Khoá màn hình (đăng nhập lại, giữ bản nháp)"))                      \
    X(ACT_BACK, S_ALL & ~S_HELP, KEY_F(10), 'q', N_("Thoát"),                 \
      N_("Trở lại màn hình trước; ở màn hình chính: thoát (nhấn hai lần)"))                  \
    X(ACT_CANCEL, S_ALL, UI_ESC, 0, NULL,                                     \
      N_("Huỷ thao tác đang làm, đóng hộp thoại"))                            \
    X(ACT_NEXT, S_ALL, UI_TAB, 0, NULL, N_("Sang ô tiếp theo"))              \
    X(ACT_PREV, S_ALL, KEY_BTAB, 0, NULL, N_("Về ô trước (Shift-Tab)"))      \
    UI_KEY_LIST_QUEUE(X)

/* The counter's queue keys (ui/counter_queue.c), on every work screen: a
 * function key or a letter that acts only where no text field has the
 * focus (Alt+letter inside one), so typing never calls a ticket. */
#define UI_KEY_LIST_QUEUE(X)                                                   \
    X(ACT_Q_CALL, S_WORK, KEY_F(11), 'c', NULL,                               \
      N_("Hàng đợi: gọi số tiếp theo đến quầy này (desk.counter)"))           \
    X(ACT_Q_AGAIN, S_WORK, 0, 'e', NULL,                                      \
      N_("Hàng đợi: gọi lại số đang gọi (lần thứ 4: vắng mặt)"))              \
    X(ACT_Q_SKIP, S_WORK, 0, 'k', NULL,                                       \
      N_("Hàng đợi: bỏ qua số đang gọi (về cuối hàng)"))                     \
    X(ACT_Q_FINISH, S_WORK, KEY_F(12), 'd', NULL,                             \
      N_("Hàng đợi: xong, kết thúc phục vụ số hiện tại"))

typedef enum ui_action {
    ACT_NONE = 0,
#define X(a, s, k, l, b, h) a,
    UI_KEY_LIST(X)
#undef X
        ACT__COUNT
} ui_action;

typedef struct ui_binding {
    ui_action act;
    unsigned screens;
    int key;    /* KEY_F(n), KEY_BTAB, a control character, or 0 */
    int letter; /* ASCII letter or punctuation, or 0 */
    const char *bar;  /* msgid or NULL */
    const char *help; /* msgid */
} ui_binding;

size_t keys_count(void);
const ui_binding *keys_at(size_t i);

/* The action bound to a key on a screen.  `fn` is true for a function or
 * special key (get_wch returned KEY_CODE_YES), `alt` for Alt+letter,
 * `typing` when a text field has the focus (plain letters then type). */
ui_action keys_lookup(ui_screen_id scr, int key, bool fn, bool alt,
                      bool typing);

/* The printable name of a binding's key ("F2", "Tab", "Esc", "Space"). */
void keys_name(const ui_binding *b, char *buf, size_t size);

#endif
