#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_idle_draft.sh - the idle lock returns to the login screen without
# losing a half-typed intake form: the same clerk gets it back as a draft;
# another clerk never sees it.  The idle time comes from
# MOTCUA_IDLE_LOCK_SECONDS here (config key desk.idle_lock_minutes).
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office
m user add clerk2 --name "Lê Văn Hai" --role clerk --password-stdin \
    <<<"clerk2-pass-1" >/dev/null || { echo "FATAL: user add"; exit 1; }

tui_start 80 24 MOTCUA_IDLE_LOCK_SECONDS=2
tui_login admin
tui_wait "Hôm nay của bạn"
tui_key F5
tui_wait "Chọn thủ tục"
tui_type "1.014166"
tui_key Enter
tui_wait "Họ tên người nộp"
tui_type "Phajm Thu Haf"
expect_screen "typed" "Phạm Thu Hà"
# ... the clerk walks away
expect_screen "idle lock returns to login" "Đã khoá màn hình do không thao tác"
# nothing of the clerk is left on the login screen (not even the name)
if tui_screen | grep -q "Tên đăng nhập .*admin"; then
    bad "the login box must not keep the previous clerk's name"
else
    ok "the login box is empty after the lock"
fi
tui_type "admin"
tui_key Enter
tui_type "$MOTCUA_PASSWORD"
tui_key Enter
expect_screen "the draft is offered back" "Có hồ sơ đang nhập dở (1.014166 — Phạm Thu Hà): nhấn F5 để tiếp tục"
tui_key F5
expect_lines "F5 reopens the form with its values" <<'SCREEN'
  Họ tên người nộp *          Phạm Thu Hà
SCREEN
# lock by hand (F9 from home keeps the draft too), then another clerk
tui_key F10
tui_wait "Bản nháp tiếp nhận: 1.014166 — Phạm Thu Hà"
tui_key F9
tui_wait "Đã khoá màn hình"
tui_type "clerk2"
tui_key Enter
tui_type "clerk2-pass-1"
tui_key Enter
expect_screen "another clerk gets in" "Xin chào Lê Văn Hai"
if printf '%s' "$(tui_screen)" | grep -q "Bản nháp"; then
    bad "another clerk must not see the draft"
else
    ok "another clerk does not see the draft"
fi
finish
