#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_board.sh - `motcua board`: the lobby's "now serving" screen follows the
# calls made by the counters (other processes, through the CLI): the
# newest number in block digits with its counter, the calls before it
# listed; no sign-in.  The top bar names the office and shows the clock.
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office
for _ in 1 2 3; do m queue ticket --service A >/dev/null; done

TUI_ARGS=(board)
# no MOTCUA_USER/MOTCUA_PASSWORD in the pane: the board needs no sign-in
tui_start 80 24
expect_screen "before any call" "Chưa gọi số nào hôm nay"
# the lobby sees whose office this is and the time (the pinned clock)
expect_match "the office's name and the clock on the top bar" \
    "$(tui_screen | head -1)" \
    "^ BHXH tỉnh Thanh Hóa · ĐANG PHỤC VỤ · NOW SERVING +13/02/2026 10:00 *$"
m queue next --counter 3 >/dev/null
expect_screen "the called number and its counter" "Số A001 · mời đến QUẦY 3" 3
# the number in block letters: A001 at scale 2 is 10 rows of "█"
big=$(tui_screen | grep -c "█")
if [ "$big" -ge 10 ]; then ok "the number is drawn large ($big rows)"; else bad "no big digits ($big rows)"; fi
# the block rows spell A001: compare the first row with the font
expect_match "block glyphs: the top of A, 0, 0, 1" "$(tui_screen | grep -m1 "█")" \
    "^ *  ████ +████████████ +████████████ +████ *$"
m queue finish --counter 3 >/dev/null
m queue next --counter 1 >/dev/null
expect_lines "the new call replaces it; the old one is listed" 3 <<'SCREEN'
 Số A002 · mời đến QUẦY 1
 Các số vừa gọi
 A001   → Quầy 3   10:00
SCREEN
expect_screen "what is still waiting" "Đang chờ: 1"
# a wide TV: the list moves to the right, the number grows
tmx resize-window -x 160 -y 48 2>/dev/null || tmx resize-pane -x 160 -y 48
expect_screen "redrawn on a resize" "Số A002 · mời đến QUẦY 1" 3
big=$(tui_screen | grep -c "█")
if [ "$big" -ge 20 ]; then ok "bigger on a big screen ($big rows)"; else bad "not scaled up ($big rows)"; fi
# a narrow screen cuts the name, never the clock
tmx resize-window -x 44 -y 16 2>/dev/null || tmx resize-pane -x 44 -y 16
tui_wait "Mời số" 3
expect_match "the clock stays on a narrow screen" "$(tui_screen | head -1)" \
    "^ BHXH tỉnh Thanh Hóa.*… +13/02/2026 10:00 *$"
tui_key q
expect_screen "q quits" "[exit 0]"
expect_sanitizers_clean
finish
