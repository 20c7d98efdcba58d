#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_screen_cues.sh - what a clerk could not see at 80x24: two applicants
# of one name in the search results (told apart by the masked identity
# number), the end of a long dossier history (a scroll cue), the second
# help page (a "more" cue), and the whole return confirmation.
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office
A=$(m dossier new --procedure "$PROC" --applicant-name "Trần Văn Bảy" \
    --id-number 001090012345 --document "$REQDOC")
B=$(m dossier new --procedure "$PROC" --applicant-name "Trần Văn Bảy" \
    --id-number 038096001234 --document "$REQDOC")
# a long history for B: five rounds of supplement requests
for i in 1 2 3 4 5; do
    m dossier advance "$B" --to processing >/dev/null 2>&1
    m dossier advance "$B" --to supplement_requested --missing "Giấy ra viện $i" >/dev/null
done
m dossier advance "$B" --to processing >/dev/null
m dossier advance "$A" --to processing >/dev/null
m dossier advance "$A" --to done >/dev/null

tui_start 80 24
tui_login admin
tui_wait "Hôm nay của bạn"

# --- search: same name, different people ------------------------------------
tui_key F3
tui_wait "Tìm hồ sơ:"
tui_type "tran van bay"
expect_lines "the masked identity number tells them apart" <<SCREEN
 $B  Trần Văn Bảy           Đang giải quyết    03/03/2026
   CCCD 0380******34 · Hưởng chế độ thai sản
 $A  Trần Văn Bảy           Đã có kết quả      03/03/2026
   CCCD 0010******45 · Hưởng chế độ thai sản
SCREEN
if tui_screen | grep -q "001090012345\|038096001234"; then
    bad "a full identity number is on the results list"
else
    ok "no full identity number on the list"
fi

# --- a long history has a scroll cue --------------------------------------------
tui_key Enter
tui_wait "Quá trình xử lý"
expect_screen "more lines below are announced" "▼ còn 4 dòng nữa (↓, PgDn để xem; dòng 1–19/23)"
tui_key PageDown
expect_screen "at the end, the cue says so" "▲ hết (↑, PgUp để xem lại; dòng 5–23/23)"
tui_key PageUp
expect_screen "back at the top" "▼ còn 4 dòng nữa"

# --- help: page 2 is announced ---------------------------------------------------
tui_key F1
tui_wait "Trợ giúp — phím tắt"
expect_screen "page 1 says there is more" "▼ Trang 1/2 · còn nữa: ↓ hoặc PgDn"
tui_key PageDown
expect_screen "page 2 says it is the end" "▲ Trang 2/2 · hết · ↑ hoặc PgUp để xem lại"
expect_screen "page 2 shows the notes" "Quét mã QR ở bất kỳ màn hình nào sẽ mở hồ sơ đó."
tui_key F1
tui_wait "Quá trình xử lý"

# --- the return confirmation is whole at 80 columns -------------------------------
tui_key F10 F10
tui_wait "Hôm nay của bạn"
tui_key F6
tui_wait "Quét mã QR trên giấy hẹn"
tui_type "$A"
tui_key Enter
tui_wait "Kiểm tra người nhận"
tui_key F2
expect_lines "the confirmation shows the whole code and the next step" <<SCREEN
  ĐÃ TRẢ KẾT QUẢ hồ sơ $A.
  Enter: trả hồ sơ khác · F10: quay lại
SCREEN
expect_eq "returned" "$(m --json dossier show "$A" | jget status)" "returned"
tui_key F10
tui_wait "Hôm nay của bạn"
tui_key F10 F10
expect_screen "quits" "[exit 0]"
expect_sanitizers_clean
finish
