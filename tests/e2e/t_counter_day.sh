#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_counter_day.sh - a clerk's whole flow through the real TUI: log in,
# take in a dossier typing the name in Telex and a CCCD, see the code,
# find it again by searching without diacritics, advance it through the
# status machine, and return it by "scanning" the code.
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office
CODE=000.00.06.H56-260213-0001

tui_start 80 24
tui_login admin
expect_lines "home screen after login" <<'SCREEN'
 motcua · Màn hình chính                               admin · 13/02/2026 10:00
  Hôm nay của bạn
    Đã tiếp nhận                             0
    F5   n   Tiếp nhận hồ sơ mới (hoặc mở lại bản nháp)
SCREEN

# intake: pick the procedure by typing its code, then the form
tui_key F5
tui_wait "Chọn thủ tục"
tui_type "thai san"
expect_screen "type-ahead ignores diacritics" "1.014166  Hưởng chế độ thai sản"
tui_key BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tui_type "1.014166"
tui_key Enter
tui_wait "Họ tên người nộp"
tui_type "Nguyeenx Thij Huwowngf"
tui_key Tab
tui_type "03819600123"
expect_screen "live validation names the field" "Số CCCD/CMND: Số CCCD phải có 12 chữ số"
tui_type "4"
tui_gone "phải có 12 chữ số"
expect_lines "Telex composed the name" <<'SCREEN'
  Họ tên người nộp *          Nguyễn Thị Hường
  Số CCCD/CMND                038196001234
SCREEN
# F2 with the required paper not ticked: refused with the reason
tui_key F2
expect_screen "missing required paper is named" "Thiếu giấy tờ bắt buộc: Danh sách do người sử dụng lao động lập"
# down to the required paper (the second on the checklist) and tick it
for _ in 1 2 3 4 5 6 7 8 9 10; do tui_key Tab; done
tui_key Space
expect_screen "paper ticked" "[x] Bản chính              ×1  * Danh sách do người sử dụng lao động lập"
tui_key F2
expect_lines "the code is shown, large" <<'SCREEN'
  Đã tiếp nhận hồ sơ. Mã hồ sơ:
                        ┌─────────────────────────────┐
                        │  000.00.06.H56-260213-0001  │
                        └─────────────────────────────┘
                        ██████  ██████  ██████    ██
                        ██████  ██████  ██████  ██████
SCREEN
# no printer (CUPS unreachable): the receipt is kept as a PDF in the
# receipts folder next to the database, and the clerk is told where
expect_screen "the clerk is told where the receipt is" "đã lưu bản PDF tại"
RECEIPT="$T/receipts/receipt-$CODE.pdf"
if [ -f "$RECEIPT" ] && [ "$(head -c 5 "$RECEIPT")" = "%PDF-" ]; then
    ok "receipt PDF written to the receipts folder"
else
    bad "no receipt PDF at $RECEIPT: $(ls "$T/receipts" 2>&1)"
fi
if command -v pdftotext >/dev/null; then
    expect_match "pdftotext shows the code on the receipt" \
        "$(pdftotext "$RECEIPT" - 2>/dev/null | tr -s ' \n' '  ')" "$CODE"
fi
expect_eq "the print is recorded as a file" \
    "$(m --json print status "$CODE" | jget jobs.0.state)" "file"
expect_eq "the dossier is stored" \
    "$(m dossier show "$CODE" --json | jget applicant_name)" "Nguyễn Thị Hường"

# search without diacritics, as you type
tui_key F10
tui_wait "Đã tiếp nhận                             1"
tui_key F3
tui_wait "Tìm hồ sơ:"
tui_type "nguyen thi huong"
expect_lines "search finds it" <<'SCREEN'
 Mã hồ sơ                   Người nộp              Trạng thái         Hẹn trả
 000.00.06.H56-260213-0001  Nguyễn Thị Hường       Đã tiếp nhận       03/03/2026
SCREEN
tui_key Enter
expect_lines "the dossier screen" <<'SCREEN'
   Trạng thái                 Đã tiếp nhận · còn 7 ngày làm việc
   Họ tên                     Nguyễn Thị Hường
   Số CCCD/CMND               038196001234
    1. Bản chính              ×1  Danh sách do người sử dụng lao động lập
   13/02/2026 10:00  admin        Đã tiếp nhận
SCREEN

# advance: the chooser offers exactly what the machine allows admin
tui_key a
expect_lines "actions from received" <<'SCREEN'
│ Chuyển hồ sơ sang:                                   │
│  1. Đang giải quyết                                  │
│  2. Chờ bổ sung hồ sơ                                │
│  3. Đã rút hồ sơ                                     │
SCREEN
tui_key Enter
expect_lines "a status change is confirmed first" <<'SCREEN'
 sang: Đang giải quyết
 Enter: xác nhận · Esc: huỷ
SCREEN
tui_key Enter
expect_screen "advanced to processing" "Hồ sơ $CODE: Đang giải quyết"
tui_key a
tui_wait "Chuyển hồ sơ sang:"
expect_screen "done is offered to a lead" "2. Đã có kết quả"
tui_key 2
expect_screen "a digit chooses, and asks to confirm" "sang: Đã có kết quả"
expect_eq "nothing changed before the confirmation" \
    "$(m dossier show "$CODE" --json | jget status)" "processing"
tui_key Enter
expect_screen "advanced to done" "Hồ sơ $CODE: Đã có kết quả"

# back home; a scanner types the code and Enter at once
tui_key F10 F10
tui_wait "Kết quả chờ trả                          1"
tui_scan "$CODE"
expect_lines "the scan opens the return step" <<'SCREEN'
  Mã hồ sơ *                  000.00.06.H56-260213-0001
  Trạng thái: Đã có kết quả — chờ trả
  Họ tên người nhận *         Nguyễn Thị Hường
  Số CCCD/CMND người nhận *   038196001234
SCREEN
tui_key F2
expect_screen "returned" "Đã trả kết quả hồ sơ $CODE cho Nguyễn Thị Hường"
expect_eq "status in the database" \
    "$(m dossier show "$CODE" --json | jget status)" "returned"
tui_key F10
expect_screen "home counts the return" "Đã trả kết quả                           1"

# a lookup URL scanned on the home screen opens the (returned) dossier
tui_scan "https://tracuu.example.vn/hoso/$CODE"
expect_screen "lookup URL opens the dossier" "Trạng thái                 Đã trả kết quả"
tui_key F10 F10
tui_wait "Màn hình chính"
tui_key F10
expect_screen "F10 on home asks first" "Thoát motcua? Nhấn F10 lần nữa để thoát"
tui_key F10
expect_screen "F10 on home quits" "[exit 0]"
expect_sanitizers_clean
finish
