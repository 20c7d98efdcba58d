#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_counter_queue.sh - the queue at the counter: tickets from the CLI (the
# kiosk's path), the clerk at counter 3 (desk.counter) calls the next one
# (F11), calls it again (e), skips it (k) and finishes (F12); a dossier
# taken in (or a result handed over) while a ticket is served is linked to
# it (`queue show --json`).
# In a text field a plain letter types itself and calls nobody; Alt+letter
# (or the function key) acts there.
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office
expect_match "the counter is configured" "$(m config set desk.counter 3)" \
    "^desk.counter = 3 "
# issued before the clerk's pinned 10:00, so a skip (queued again "now")
# really goes to the end
MOTCUA_NOW=2026-02-13T09:50:00+07:00 m queue ticket --service A >/dev/null
MOTCUA_NOW=2026-02-13T09:51:00+07:00 m queue ticket --service A >/dev/null
MOTCUA_NOW=2026-02-13T09:52:00+07:00 m queue ticket --service B >/dev/null

tui_start 80 24
tui_login admin
expect_screen "the home screen shows the idle counter" \
    "Quầy 3: chưa gọi số (F11/c gọi số tiếp theo)"
tui_key F11
expect_screen "F11 calls the first ticket" "Mời số A001 đến quầy 3"
expect_screen "the home screen shows it called" "Quầy 3: đang gọi số A001 (lần 1)"
expect_screen "the title bar too" "Quầy 3: A001 · admin"
expect_eq "called at counter 3" "$(m --json queue show A001 | jget state)/$(m --json queue show A001 | jget counter)" "called/3"

tui_type "e"
expect_screen "e calls it again" "Gọi lại số A001 đến quầy 3 (lần 2)"
expect_eq "two calls stored" "$(m --json queue show A001 | jget calls)" "2"

tui_type "k"
expect_screen "k skips it" "Đã bỏ qua số A001: số về cuối hàng chờ"
expect_screen "the counter is idle again" "Quầy 3: chưa gọi số"
expect_eq "skipped: waiting again" "$(m --json queue show A001 | jget state)" "waiting"

tui_type "c"
expect_screen "c calls the next (A002: A001 went to the end)" "Mời số A002 đến quầy 3"
tui_key F11
expect_screen "a second call is refused while A002 is open" "hãy kết thúc, bỏ qua hoặc"

# intake while A002 is called: opening it marks the ticket served, a
# plain "c" typed in the picker is text, and saving links the dossier
tui_key F5
tui_wait "Chọn thủ tục"
tui_type "c"
sleep 0.3
expect_eq "opening intake serves the called ticket" "$(m --json queue show A002 | jget state)" "serving"
if tui_screen | grep -qF "hãy kết thúc"; then
    bad "typing c in the picker tried to call a ticket"
else
    ok "typing c in a field calls nobody"
fi
tui_key BSpace
tui_type "1.014166"
tui_key Enter
tui_wait "Họ tên người nộp"
tui_type "Nguyeenx Thij Huwowngf"
tui_key Tab
tui_type "038196001234"
for _ in 1 2 3 4 5 6 7 8 9 10; do tui_key Tab; done
tui_key Space
tui_wait "[x] Bản chính              ×1  * Danh sách do người sử dụng lao động lập"
tui_key F2
CODE=000.00.06.H56-260213-0001
expect_screen "the dossier is saved and linked" "gắn với số A002"
expect_eq "queue show --json has the dossier" \
    "$(m --json queue show A002 | jget dossier_code)" "$CODE"

# back home: the ticket and its dossier; F12 finishes it
tui_key F10
expect_screen "home shows the ticket served with its dossier" \
    "Quầy 3: đang phục vụ số A002 · hồ sơ $CODE"
# in a text field (search) the letter types; Alt+letter is the action
tui_key F3
tui_wait "Tìm hồ sơ:"
tui_type "d"
sleep 0.3
expect_eq "a plain d in the search field finishes nothing" \
    "$(m --json queue show A002 | jget state)" "serving"
expect_screen "the title bar shows the ticket on the search screen too" "Quầy 3: A002 ·"
tui_key M-d
expect_screen "Alt-d finishes it from the search field" "Đã phục vụ xong số A002"
tui_key F10
tui_wait "Hôm nay của bạn"
expect_eq "done" "$(m --json queue show A002 | jget state)" "done"
expect_eq "served by admin at counter 3" "$(m --json queue show A002 | jget clerk)" "admin"

# the next call takes B001 (before the skipped A001, which queued later)
tui_type "c"
expect_screen "next ticket" "Mời số B001 đến quầy 3"
tui_key F12
expect_screen "finished from the called state" "Đã phục vụ xong số B001"
tui_type "c"
expect_screen "then the skipped one" "Mời số A001 đến quầy 3"
tui_type "d"
expect_screen "d finishes it" "Đã phục vụ xong số A001"
# a citizen comes for a result (group D): the return is linked too
m dossier advance "$CODE" --to processing >/dev/null
m dossier advance "$CODE" --to done >/dev/null
MOTCUA_NOW=2026-02-13T09:53:00+07:00 m queue ticket --service D >/dev/null
tui_type "c"
expect_screen "the result ticket is called" "Mời số D001 đến quầy 3"
tui_key F6
tui_wait "Quét mã QR"
expect_eq "opening the return screen serves it" \
    "$(m --json queue show D001 | jget state)" "serving"
tui_type "$CODE"
tui_key Enter
tui_wait "Họ tên người nhận"
tui_key F2
expect_screen "returned and linked (the clerk is told)" "Đã trả kết quả hồ sơ $CODE cho Nguyễn Thị Hường · gắn với"
expect_eq "queue show --json has the returned dossier" \
    "$(m --json queue show D001 | jget dossier_code)" "$CODE"
tui_key F10
tui_wait "Hôm nay của bạn"
tui_key F12
expect_screen "D001 finished" "Đã phục vụ xong số D001"

tui_type "c"
expect_screen "nobody waits" "Không còn ai chờ"
tui_type "e"
expect_screen "again with no ticket says so" "Quầy 3 không có số nào đang gọi"

tui_key F10
expect_screen "F10 on home asks first" "Thoát motcua?"
tui_key F10
expect_screen "quit" "[exit 0]"
expect_sanitizers_clean
finish
