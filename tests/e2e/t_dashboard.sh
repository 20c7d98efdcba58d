#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_dashboard.sh - `motcua dashboard`: the supervisor's live view, fed by
# tickets and dossiers made through the CLI (other processes on the same
# database), refreshed every second; warnings in colour and marked "!"
# for monochrome; two dashboards at once; a clerk is refused.
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office
echo "clerk-pass-1" | m user add thu --name "Lê Thu" --role clerk --password-stdin >/dev/null

# three tickets for A and a priority one for B, half an hour ago
for _ in 1 2 3; do
    MOTCUA_NOW=2026-02-13T09:30:00+07:00 m queue ticket --service A >/dev/null
done
MOTCUA_NOW=2026-02-13T09:55:00+07:00 m queue ticket --service B --priority >/dev/null
m dossier new --procedure "$PROC" --applicant-name "Trần Văn Bình" --document "2" >/dev/null

# a clerk may not open it
out=$(MOTCUA_USER=thu MOTCUA_PASSWORD=clerk-pass-1 m dashboard 2>&1); rc=$?
expect_eq "a clerk is refused: exit code" "$rc" "5"
expect_match "a clerk is told who may" "$out" "dành cho giám sát hoặc quản trị"
# one snapshot for scripts
json=$(m --json dashboard)
expect_eq "--json: waiting" "$(echo "$json" | jget queue.waiting_total)" "4"

TUI_ARGS=(dashboard)
tui_start 80 24 "MOTCUA_USER=admin" "MOTCUA_PASSWORD=$MOTCUA_PASSWORD"
expect_lines "the dashboard shows the queue and the day" <<'SCREEN'
 motcua · Bảng điều hành
 Xếp hàng hôm nay: 4 người đang chờ
   A     Thu – cấp sổ BHXH, thẻ BHYT                 3        0  30 phút !
   Nhóm  Dịch vụ                                   Chờ  Ưu tiên  Chờ lâu nhất
   B     Chế độ chính sách (ốm đau, thai sản, …      1        1  5 phút
   (chưa có quầy nào gọi số hôm nay)
   Tiếp nhận hôm nay    1
   Quá hạn              0
   Chưa đồng bộ         1 sự kiện, cũ nhất 13/02/2026 10:00
   In lỗi hôm nay       0
SCREEN
if tmx capture-pane -e -p | grep -q $'\e\\[[0-9;]*31m'; then
    ok "the long wait is red"
else
    bad "no red on the screen: $(tmx capture-pane -e -p | grep -a '30 phút' | od -c | head -5)"
fi

# another process calls the next ticket: the priority one goes first
m queue next --counter 2 >/dev/null
expect_lines "updates within 2 s after queue next elsewhere" 2 <<'SCREEN'
 Xếp hàng hôm nay: 3 người đang chờ
   2     admin              B001   đang gọi       10:00  0
SCREEN
m queue start --counter 2 >/dev/null
expect_screen "the counter is now serving" "B001   đang phục vụ" 3

# a second supervisor watches at the same time (read-only, no lock)
tmx new-window -d "env LC_ALL=C.UTF-8 TERM=tmux-256color MOTCUA_DB=$MOTCUA_DB MOTCUA_NOW=$MOTCUA_NOW MOTCUA_FORMS_DIR=$MOTCUA_FORMS_DIR HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_DATA_HOME=$XDG_DATA_HOME MOTCUA_USER=admin MOTCUA_PASSWORD=$MOTCUA_PASSWORD NO_COLOR=1 $MOTCUA dashboard 2>$T/stderr2; echo [exit \$?]; sleep 30"
second=""
for _ in $(seq 1 100); do
    second=$(tmx capture-pane -p -t :1 2>/dev/null)
    printf '%s' "$second" | grep -q "3 người đang chờ" && break
    sleep 0.05
done
expect_match "a second dashboard at the same time" "$second" "3 người đang chờ"
m queue ticket --service A >/dev/null
for _ in $(seq 1 60); do
    second=$(tmx capture-pane -p -t :1 2>/dev/null)
    printf '%s' "$second" | grep -q "4 người đang chờ" && break
    sleep 0.05
done
expect_match "both follow new tickets" "$second" "4 người đang chờ"
expect_screen "the first one too" "4 người đang chờ" 3
if tmx capture-pane -e -p -t :1 | grep -q $'\e\\[[0-9;]*3[1-7]m'; then
    bad "NO_COLOR: colours on the second dashboard"
else
    ok "NO_COLOR: no colours"
fi
expect_match "NO_COLOR: warnings still marked" "$second" "30 phút !"
tmx send-keys -t :1 q
tui_key q
expect_screen "q quits" "[exit 0]"
for f in "$T/stderr" "$T/stderr2"; do
    if grep -q "Sanitizer\|runtime error" "$f" 2>/dev/null; then
        bad "sanitizers ($f): $(head -5 "$f")"
    else
        ok "sanitizers clean ($(basename "$f"))"
    fi
done
finish
