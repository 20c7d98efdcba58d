#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_resize.sh - resizing the terminal at any moment keeps what was typed:
# larger -> 80x24 -> too small -> back, in the middle of an intake form.
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office

tui_start 120 40
tui_login admin
tui_wait "Hôm nay của bạn"
tui_key F5
tui_wait "Chọn thủ tục"
tui_type "1.014166"
tui_key Enter
tui_wait "Họ tên người nộp"
tui_type "Traafn Vawn Ddatj"
tui_key Tab
tui_type "0010900"   # half of a CCCD: the cursor is in this field

tmx resize-window -t 0 -x 80 -y 24
expect_lines "80x24 keeps the values" <<'SCREEN'
  Họ tên người nộp *          Trần Văn Đạt
  Số CCCD/CMND                0010900
SCREEN
tmx resize-window -t 0 -x 60 -y 20
expect_screen "too small says so" "Cửa sổ quá nhỏ: cần ít nhất 80×24 (đang là 60×20)"
tmx resize-window -t 0 -x 120 -y 40
tui_type "12345"      # the rest of the CCCD, typed after the resizes
expect_lines "back to 120x40, typing continues in the same field" <<'SCREEN'
  Họ tên người nộp *          Trần Văn Đạt
  Số CCCD/CMND                001090012345
SCREEN
for _ in 1 2 3 4 5 6 7 8 9 10; do tui_key Tab; done
tui_key Space
tui_key F2
expect_screen "saved after the resizes" "000.00.06.H56-260213-0001"
expect_eq "stored values" \
    "$(m dossier show 000.00.06.H56-260213-0001 --json | jget id_number)" "001090012345"
finish
