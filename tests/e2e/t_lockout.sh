#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_lockout.sh - five wrong passwords lock the account for 15 minutes
# (desk_login counts and audits; the TUI shows its message), and while
# locked even the right password is refused.
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office

tui_start 80 24
tui_wait "Tên đăng nhập"
tui_type admin
tui_key Enter
for i in 1 2 3 4; do
    tui_type "wrong-$i"
    tui_key Enter
    tui_wait "Sai tên đăng nhập hoặc mật khẩu" || break
    # the message stays; wait for the password box to be empty again
    tui_gone "*******"
done
ok "four wrong passwords: plain refusal"
tui_type "wrong-5"
tui_key Enter
expect_screen "the fifth locks the account" "Sai mật khẩu 5 lần: tài khoản bị khoá 15 phút"
tui_type "$MOTCUA_PASSWORD"
tui_key Enter
expect_screen "locked even with the right password" \
    "Tài khoản admin tạm khoá do nhập sai mật khẩu nhiều lần, đến"
expect_lines "still on the login screen" <<'SCREEN'
 motcua · Đăng nhập
 │ BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ
 │ Tên đăng nhập     admin
SCREEN
expect_eq "the lock is audited" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit WHERE action = 'user.locked'")" "1"
tui_stop

# 15 minutes later the right password works again
MOTCUA_NOW=2026-02-13T10:16:00+07:00
tui_start 80 24
tui_login admin
expect_screen "after 15 minutes the clerk gets in" "Hôm nay của bạn"
finish
