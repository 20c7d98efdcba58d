#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_return_channels.sh - the return channel in the real TUI (issue 12): at
# intake, the field after the papers (as item 6 of the receipt) takes
# "2" for the post; without an address the save is refused with the
# reason and the focus goes to the address; the receipt saved as PDF says
# the post and the address.  The return step of a post dossier asks for
# the tracking number and the posting date (today already filled in); an
# empty tracking number is refused; the return records both.  A desk
# dossier's return step switches to the post form when its last field is
# changed to 2.
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office
CODE=000.00.06.H56-260213-0001

tui_start 80 24
tui_login admin
tui_wait "Hôm nay của bạn"
tui_key F5
tui_wait "Chọn thủ tục"
tui_type "$PROC"
tui_key Enter
tui_wait "Họ tên người nộp"
tui_type "Nguyeenx Thij Huwowngf"
# Shift-Tab from the first field: the last one, the return channel
tui_key BTab
tui_type "2"
expect_lines "the return channel field, after the papers" <<'SCREEN'
 Nhận kết quả: 1 tại quầy · 2 bưu chính (cần địa chỉ) · 3 điện tử (cần email)
  Hình thức nhận (1, 2, 3)    2
SCREEN
tui_key Tab Tab
tui_type "038196001234"
for _ in 1 2 3 4 5 6 7 8 9 10; do tui_key Tab; done
tui_key Space
tui_key F2
expect_screen "post without an address: refused, with the reason" "Trả kết quả qua bưu chính cần địa chỉ nhận"
expect_eq "nothing saved" "$(dossier_count)" "0"
# the focus is on the address now
tui_type "12 Lee Lowij, Thanh Hoas"
expect_screen "typed into the address" "12 Lê Lợi, Thanh Hóa"
tui_key F2
tui_wait "Đã tiếp nhận hồ sơ. Mã hồ sơ:"
expect_eq "saved with the post chosen" "$(m --json dossier show "$CODE" | jget return_channel)" "post"
expect_eq "and the address" "$(m --json dossier show "$CODE" | jget address)" "12 Lê Lợi, Thanh Hóa"
pdf=$(find "$T" -name "receipt-$CODE.pdf" | head -1)
if [ -n "$pdf" ]; then
    expect_match "the receipt says the post and where" "$(pdftotext "$pdf" - | tr -s ' \n' '  ')" \
        "Đăng ký nhận kết quả: Qua dịch vụ bưu chính công ích, gửi đến địa chỉ: 12 Lê Lợi, Thanh Hóa"
else
    bad "the receipt PDF was not saved"
fi

# the result is ready; the clerk scans the receipt's code
m dossier advance "$CODE" --to processing >/dev/null
m dossier advance "$CODE" --to done >/dev/null
tui_key F10
tui_wait "Hôm nay của bạn"
tui_scan "$CODE"
expect_lines "the return step of a post dossier" <<'SCREEN'
  Gửi bưu chính đến: 12 Lê Lợi, Thanh Hóa
  Số hiệu bưu gửi *
  Ngày gửi *                  2026-02-13
  Hình thức trả (1, 2, 3) *   2
                              1 tại quầy · 2 bưu chính · 3 điện tử
SCREEN
tui_key F2
expect_screen "an empty tracking number is refused" "Số hiệu bưu gửi"
expect_eq "not returned" "$(m --json dossier show "$CODE" | jget status)" "done"
tui_type "ea123456789vn"
tui_key F2
expect_screen "returned by post" "ĐÃ TRẢ KẾT QUẢ hồ sơ $CODE."
s=$(m --json dossier show "$CODE")
expect_eq "returned_via post" "$(printf '%s' "$s" | jget returned_via)" "post"
expect_eq "the tracking number" "$(printf '%s' "$s" | jget post_tracking)" "EA123456789VN"
expect_eq "the posting date" "$(printf '%s' "$s" | jget posted_on)" "2026-02-13"

# a desk dossier sent by post after all: the last field switches the form
C2=$(m dossier new --procedure $PROC --applicant-name "Lê Văn Tám" --id-number 001090012345 \
    --address "5 Trần Phú, Thanh Hóa" --document "$REQDOC")
m dossier advance "$C2" --to processing >/dev/null
m dossier advance "$C2" --to done >/dev/null
tui_key F10
tui_wait "Hôm nay của bạn"
tui_scan "$C2"
tui_wait "Họ tên người nhận"
tui_key BTab BSpace
tui_type "2"
tui_key Enter
expect_screen "switched to the post form" "Gửi bưu chính đến: 5 Trần Phú, Thanh Hóa"
tui_type "RR987654321VN"
tui_key Enter Enter
expect_screen "Enter on the date saves" "ĐÃ TRẢ KẾT QUẢ hồ sơ $C2."
expect_eq "C2 returned by post" "$(m --json dossier show "$C2" | jget returned_via)" "post"
expect_match "dossier show: the tracking number and date" "$(m dossier show "$C2")" "Số hiệu bưu gửi: RR987654321VN \(gửi ngày 2026-02-13\)"
# an electronic dossier: the result PDF's path, then "sent, awaiting delivery"
C3=$(m dossier new --procedure $PROC --applicant-name "Lê Văn Tám" --email tam.le@example.vn \
    --return-channel electronic --document "$REQDOC")
m dossier advance "$C3" --to processing >/dev/null
m dossier advance "$C3" --to done >/dev/null
m print receipt "$C3" --pdf "$T/ketqua.pdf" >/dev/null
tui_key F10
tui_wait "Hôm nay của bạn"
tui_scan "$C3"
expect_lines "the return step of an electronic dossier" <<'SCREEN'
  Gửi bản điện tử đến: tam.le@example.vn
  Tệp kết quả (PDF) *
SCREEN
tui_type "$T/ketqua.pdf"
tui_key F2
expect_screen "sent electronically" "ĐÃ GỬI KẾT QUẢ ĐIỆN TỬ hồ sơ $C3."
expect_eq "C3 still done, sent" "$(m --json dossier show "$C3" | jget status)" "done"
expect_eq "one result file" "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files WHERE role = 'result'")" "1"
tui_key F10
tui_wait "Hôm nay của bạn"
tui_scan "$C3"
expect_screen "scanned again: awaiting the centre" "đã gửi điện tử, đang chờ trung tâm"
expect_sanitizers_clean
finish
