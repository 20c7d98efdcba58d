#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_kiosk.sh - `motcua kiosk`: a citizen presses a service's big key and
# gets a ticket; "*" first makes it a priority ticket.  The ticket is real
# (the counters call it: its label is in `motcua queue status --json`)
# and, with no ticket printer configured, its ESC/POS bytes are written
# to the receipts folder; the citizen is told so in one plain sentence,
# the file's path goes to the log.  No sign-in, no quit key (the operator stops it).
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office
m queue ticket --service B >/dev/null # someone already waits for B

TUI_ARGS=(kiosk)
# the operator's log goes to the pane's stderr file
tui_start 80 24 MOTCUA_LOG=stderr
expect_lines "the services as big keys" <<'SCREEN'
 Xin mời chọn dịch vụ để lấy số thứ tự
   1   A  Thu – cấp sổ BHXH, thẻ BHYT
   2   B  Chế độ chính sách (ốm đau, thai sản, hưu trí, trợ cấp)
   4   D  Trả kết quả
SCREEN
tui_key 2
expect_lines "the ticket, with how many are ahead" <<'SCREEN'
 Số thứ tự của bạn
 Có 1 người trước bạn. Xin mời ngồi chờ gọi số.
 Chưa có máy in số thứ tự: xin ghi nhớ số trên màn hình
SCREEN
expect_screen "the number in clear" "B002"
TICKET="$T/receipts/ticket-B002.escpos"
# the citizen reads one sentence, once, and no server path; the path is
# in the log for the operator
screen=$(tui_screen)
expect_eq "the no-printer sentence is shown once" \
    "$(printf '%s' "$screen" | grep -o "Chưa có máy in số thứ tự" | wc -l)" "1"
if printf '%s' "$screen" | grep -qF -e "$T" -e "/receipts" -e ".escpos"; then
    bad "a file path is shown to the citizen: $(printf '%s' "$screen" | grep -F -e / )"
else
    ok "no file path on the kiosk's screen"
fi
if grep -qF "$TICKET" "$T/stderr"; then
    ok "the ticket file's path is in the log"
else
    bad "the path is not logged: $(head -5 "$T/stderr")"
fi
if [ -s "$TICKET" ]; then
    ok "ESC/POS file written when no ticket printer is configured"
    expect_eq "it starts with ESC @ and a raster (GS v 0)" \
        "$(head -c 6 "$TICKET" | od -An -tx1 | tr -d ' \n')" "1b401d763000"
    expect_eq "it ends with feed and cut" \
        "$(tail -c 7 "$TICKET" | od -An -tx1 | tr -d ' \n')" "1b64041d564200"
else
    bad "no ticket file at $TICKET: $(ls "$T/receipts" 2>&1)"
fi
expect_eq "the queue counts it" "$(m --json queue status | jget services.1.waiting)" "2"
# any key brings the menu back; "*" then "1": a priority ticket for A
tui_key Space
tui_wait "Xin mời chọn dịch vụ"
tui_type "*"
expect_screen "priority mode is shown" "SỐ ƯU TIÊN"
tui_type "a"
expect_screen "priority ticket issued" "A001 · ƯU TIÊN"
expect_eq "stored as priority" "$(m --json queue show A001 | jget priority)" "true"
expect_eq "priority is called first" "$(m --json queue next --counter 1 | jget number)" "A001"
expect_eq "the kiosk's tickets are in queue status" \
    "$(m --json queue status | jget recent_calls.0.number)" "A001"
expect_eq "and the B ticket next" "$(m --json queue next --counter 2 --service B | jget number)" "B001"
m queue finish --counter 2 >/dev/null
expect_eq "then the kiosk's B ticket" "$(m --json queue next --counter 2 --service B | jget number)" "B002"
expect_eq "status lists it as called" "$(m --json queue status | jget recent_calls.0.number)" "B002"
# the menu comes back by itself after a few seconds
expect_screen "back to the menu" "Xin mời chọn dịch vụ" 12
# no quit key for citizens
tui_key q F10 Escape
sleep 0.3
if tui_screen | grep -q "\[exit"; then bad "a citizen's key quit the kiosk"; else ok "q, F10, Esc do not quit"; fi
tmx send-keys C-c
expect_screen "the operator stops it (Ctrl-C)" "[exit 0]"
expect_sanitizers_clean
finish
