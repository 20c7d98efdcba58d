#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_confirm_signout.sh - what one key must not do: a status change on the
# dossier screen and quitting from the home screen each ask first; and a
# sign-out leaves nothing of the clerk for the next one (login name, search
# query and results, the open dossier).
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office
echo "clerk-pass-1" | m user add thu --name "Lê Thu" --role clerk --password-stdin >/dev/null
CODE=$(m dossier new --procedure "$PROC" --applicant-name "Trần Văn Bảy" \
    --id-number 001090012345 --document "$REQDOC")

tui_start 80 24
tui_login admin
tui_wait "Hôm nay của bạn"

# --- quitting asks first ------------------------------------------------------
tui_key F10
expect_screen "F10 on home asks" "Thoát motcua? Nhấn F10 lần nữa để thoát, phím khác để ở lại"
tui_key Escape
tui_gone "Thoát motcua?"
ok "another key stays"
tui_key q
expect_screen "q asks too" "Thoát motcua?"
tui_key Down
tui_gone "Thoát motcua?"
sleep 0.3
if tui_screen | grep -q "\[exit"; then bad "quit without confirmation"; else ok "still running"; fi

# --- a status change asks first -------------------------------------------------
tui_key F3
tui_wait "Tìm hồ sơ:"
tui_type "tran van bay"
tui_wait "$CODE"
tui_key Enter
tui_wait "Quá trình xử lý"
tui_key F5
tui_wait "Chuyển hồ sơ sang:"
tui_key 1
expect_lines "a digit chooses, then asks" <<SCREEN
 Chuyển hồ sơ $CODE
 từ: Đã tiếp nhận
 sang: Đang giải quyết
 Enter: xác nhận · Esc: huỷ
SCREEN
expect_eq "not changed yet" "$(m --json dossier show "$CODE" | jget status)" "received"
tui_key Escape
expect_screen "Esc cancels" "Đã huỷ, hồ sơ giữ nguyên trạng thái"
expect_eq "still received" "$(m --json dossier show "$CODE" | jget status)" "received"
tui_key F5
tui_wait "Chuyển hồ sơ sang:"
tui_key Enter
tui_wait "sang: Đang giải quyết"
tui_key Enter
expect_screen "Enter confirms" "Hồ sơ $CODE: Đang giải quyết"
expect_eq "changed once confirmed" "$(m --json dossier show "$CODE" | jget status)" "processing"

# --- sign-out: nothing of admin is left -------------------------------------------
tui_key F10 F10
tui_wait "Hôm nay của bạn"
tui_key F9
tui_wait "Đã khoá màn hình"
if tui_screen | grep -q "Tên đăng nhập .*admin"; then
    bad "the login box keeps the previous clerk's name"
else
    ok "the login box is empty"
fi
tui_type "thu"
tui_key Enter
tui_type "clerk-pass-1"
tui_key Enter
tui_wait "Xin chào Lê Thu"
tui_key F3
tui_wait "Tìm hồ sơ:"
sleep 0.3
if tui_screen | grep -q "tran van bay\|Trần Văn Bảy\|$CODE"; then
    bad "the search keeps admin's query or results: $(tui_screen | sed -n 2,8p)"
else
    ok "the search box and the list are empty for the next clerk"
fi
tui_key F10
tui_wait "Hôm nay của bạn"
tui_key F10 F10
expect_screen "quits after the confirmation" "[exit 0]"
expect_sanitizers_clean
finish
