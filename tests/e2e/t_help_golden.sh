#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_help_golden.sh - the help screen (generated from the key table in
# ui/keys.h) matches tests/e2e/golden/help_home_80x24.txt, opened from the
# home screen at 80x24.  MOTCUA_UPDATE_GOLDEN=1 rewrites the golden file
# (review the diff before committing it).
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office
GOLDEN="$MOTCUA_TESTS/e2e/golden/help_home_80x24.txt"

tui_start 80 24 NO_COLOR=1
tui_login admin
tui_wait "Hôm nay của bạn"
tui_key F1
tui_wait "Trợ giúp — phím tắt"
tui_wait "Đóng"
# trailing blanks are not part of the picture
tui_screen | sed 's/[[:space:]]*$//' >"$T/help.txt"
if [ "${MOTCUA_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$T/help.txt" "$GOLDEN"
    echo "golden file updated: $GOLDEN"
fi
if diff -u "$GOLDEN" "$T/help.txt"; then
    ok "help screen matches its golden file"
else
    bad "help screen differs from $GOLDEN (see the diff above)"
fi
# F1 closes it again, back where it was opened
tui_key F1
expect_screen "F1 closes help" "Hôm nay của bạn"
# help is available in a text field too (intake picker), and marks that
# screen's own keys
tui_key F5
tui_wait "Chọn thủ tục"
tui_key F1
expect_screen "help from intake marks intake keys" "» F7     b  Giấy tờ chưa đủ"
tui_key Escape
expect_screen "Esc closes help" "Chọn thủ tục"
finish
