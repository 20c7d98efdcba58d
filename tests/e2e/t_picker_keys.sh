#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_picker_keys.sh - the procedure picker tells look-alike procedures
# apart and says which cannot be taken in yet, before Enter; on the intake
# form a printable key never acts (a name typed on a paper row used to
# open the refusal on its "x"); the missing-papers message follows the
# ticks.
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office

tui_start 80 24
tui_login admin
tui_wait "Hôm nay của bạn"
tui_key F5
tui_wait "Chọn thủ tục"
tui_type "thai san"
# 1.014166 and 1.014168 differ only past the 40th column of their names:
# both are wrapped whole, each under its code
expect_lines "look-alike procedures are told apart, with their codes" <<'SCREEN'
  1.014166  Hưởng chế độ thai sản đối với lao động nữ sinh   7 ngày
            con, lao động nữ mang thai hộ sinh con, lao động
  1.014168  Hưởng chế độ thai sản đối với lao động nam khi   7 ngày
            vợ sinh con, người chồng của lao động nữ nhờ
SCREEN
# a procedure without a processing time says so in the list
tui_key BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tui_type "uy quyen"
expect_lines "no processing time: shown before Enter" <<'SCREEN'
  bhxh.uy-quyen-linh-thay                                    cần đặt thời hạn
SCREEN
tui_key BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tui_type "$PROC"
tui_key Enter
tui_wait "Họ tên người nộp"

# --- letters on a paper row ---------------------------------------------------
for _ in 1 2 3 4 5 6 7 8 9 10; do tui_key Tab; done
expect_screen "the focus is on the first paper" "Bản sao giấy khai sinh"
# the clerk believes the name field has the focus and types a name
tui_type "Leex"
expect_screen "typing on a paper row says where the focus is" "Đang ở danh sách giấy tờ, không gõ chữ được"
if tui_screen | grep -q "TỪ CHỐI TIẾP NHẬN"; then
    bad "a letter opened the refusal dialog"
else
    ok "no letter opens the refusal dialog"
fi
tui_type "qbo/"
sleep 0.3
if tui_screen | grep -q "TỪ CHỐI\|PHIẾU YÊU CẦU BỔ SUNG\|Tìm hồ sơ:\|Tên cơ quan, tổ chức\|Màn hình chính"; then
    bad "a letter acted on the form: $(tui_screen | head -3)"
else
    ok "q, b, o, / do nothing on a paper row"
fi
# s is the paper row's own key for its scan (issue 12): it opens the
# attach box, never saves; Esc closes it
tui_type "s"
expect_screen "s on a paper row opens the attach box" "ĐÍNH KÈM BẢN QUÉT"
tui_key Escape
tui_gone "ĐÍNH KÈM BẢN QUÉT"
expect_eq "nothing was saved by a letter" "$(dossier_count)" "0"
# the row's own key still works: f changes the paper's form
tui_type "f"
expect_screen "f on a paper row changes its form" "[ ] Bản chính              ×1  Bản sao giấy khai sinh"

# --- the missing-papers message follows the ticks -----------------------------
tui_key BTab BTab BTab BTab BTab BTab BTab BTab BTab BTab
tui_wait "Họ tên người nộp"
tui_type "Lee Thi Hoa"
for _ in 1 2 3 4 5 6 7 8 9 10 11; do tui_key Tab; done
tui_key F2
expect_screen "missing paper named" "Thiếu giấy tờ bắt buộc: Danh sách do người sử dụng lao động lập"
tui_key Space
expect_screen "ticked: the message goes" "Đã đủ giấy tờ bắt buộc: nhấn F2 để tiếp nhận"
tui_gone "Thiếu giấy tờ bắt buộc"
ok "no stale missing-papers message"
tui_key Space
expect_screen "unticked: it comes back" "Thiếu giấy tờ bắt buộc: Danh sách do người sử dụng lao động lập"
tui_key Space
# the name the clerk typed is whole: nothing of "Leex" went anywhere
expect_lines "the name field holds only the name" <<'SCREEN'
  Họ tên người nộp *          Lê Thi Hoa
SCREEN
# ending a dossier takes a function key: F8 refuses, Alt-x does not exist
tui_key M-x
sleep 0.3
if tui_screen | grep -q "TỪ CHỐI TIẾP NHẬN"; then bad "Alt-x refused"; else ok "no letter refuses, even with Alt"; fi
tui_key F8
expect_screen "F8 opens the refusal" "TỪ CHỐI TIẾP NHẬN HỒ SƠ"
tui_key Escape
tui_gone "TỪ CHỐI TIẾP NHẬN HỒ SƠ"
tui_key F2
expect_screen "F2 saves" "Đã tiếp nhận hồ sơ. Mã hồ sơ:"
expect_eq "one dossier" "$(dossier_count)" "1"
expect_eq "its name" "$(m --json dossier show 000.00.06.H56-260213-0001 | jget applicant_name)" "Lê Thi Hoa"
tui_key F10
tui_wait "Hôm nay của bạn"
tui_key F10 F10
expect_screen "quits" "[exit 0]"
expect_sanitizers_clean
finish
