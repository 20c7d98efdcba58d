#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_tui_print.sh - printing from the counter TUI through a private cupsd
# (the same path as `motcua print`): saving an intake prints the receipt
# on the configured queue, a refusal prints its form, an incomplete
# intake prints the supplement request (Mẫu 02); a stopped printer is
# reported on the status line and the dossier is kept; "print again" on
# the dossier screen prints a copy stamped BẢN SAO.
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
. "$MOTCUA_TESTS/print/cups_lib.sh"
for tool in cupsd lpadmin pdftotext; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is missing"; exit 0; }
done
# both libraries set an EXIT trap: stop the TUI, then cupsd (by PID)
trap 'tui_stop; stop_servers' EXIT
start_cupsd
add_pdf_queue receipts
init_office
cat >"$T/office.conf" <<CONF
[print]
receipt_queue = receipts
CONF
export MOTCUA_CONFIG="$T/office.conf"
OUT="$CD/out/receipts.pdf"
CODE1=000.00.06.H56-260213-0001
CODE2=000.00.06.H56-260213-0002

pdf_text() { pdftotext "$OUT" - 2>/dev/null | tr -s ' \n\t' '   '; }
# wait until the queue's output file is newer than the marker
wait_out() {
    for _ in $(seq 1 200); do
        [ -s "$OUT" ] && [ "$OUT" -nt "$T/mark" ] && return 0
        sleep 0.05
    done
    return 1
}
mark() { rm -f "$OUT"; touch "$T/mark"; sleep 0.01; }

tui_start 100 30 "MOTCUA_CONFIG=$MOTCUA_CONFIG" "CUPS_SERVER=$CUPS_SERVER"
tui_login admin
tui_wait "Hôm nay của bạn"

# --- accept: the receipt goes to the queue ------------------------------
open_form() {
    tui_key F5
    tui_wait "Chọn thủ tục"
    tui_type "$PROC"
    tui_key Enter
    tui_wait "Họ tên người nộp"
    tui_type "$1"
}
mark
open_form "Nguyeenx Vawn An"
for _ in 1 2 3 4 5 6 7 8 9 10 11; do tui_key Tab; done
tui_key Space
tui_key F2
expect_screen "receipt sent to the configured queue" "Đã gửi giấy tiếp nhận tới máy in receipts"
if wait_out; then
    expect_match "the printed receipt carries the code" "$(pdf_text)" "$CODE1"
else
    bad "nothing arrived at the receipts queue"
fi
expect_eq "the print is recorded" "$(m --json print status "$CODE1" | jget jobs.0.destination)" "cups:receipts"

# --- a stopped printer: status line says why, the dossier stays -----------
tui_key F10
tui_wait "Hôm nay của bạn"
cupsdisable -r "hết giấy" receipts
tui_key F3
tui_wait "Tìm hồ sơ:"
tui_type "$CODE1"
tui_wait "Nguyễn Văn An"
tui_key Enter
tui_wait "Quá trình xử lý"
tui_key p
expect_screen "stopped printer named on the status line" 'Máy in "receipts" chưa in được'
expect_screen "the clerk is told the dossier is kept" "vẫn được lưu"
expect_eq "the dossier is still received" "$(m --json dossier show "$CODE1" | jget status)" "received"
expect_eq "the failed attempt is audited" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit WHERE action = 'print.failed' AND object = '$CODE1'")" "1"

# --- print again once the printer is back: a copy ---------------------------
cupsenable receipts
mark
tui_key p
expect_screen "print again sends a copy" "(bản sao, in lại lần thứ 1) tới máy in receipts"
if wait_out; then
    expect_match "the reprint is stamped BẢN SAO" "$(pdf_text)" "BẢN SAO / COPY — in lại lần thứ 1"
else
    bad "the reprint did not arrive"
fi
expect_eq "the reprint is audited as a copy" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit WHERE action = 'print.copy' AND object = '$CODE1'")" "1"
tui_key F10 F10
tui_wait "Hôm nay của bạn"

# --- refusal: its own form ------------------------------------------------------
mark
open_form "Trần Bình"
tui_key F8
tui_wait "TỪ CHỐI TIẾP NHẬN HỒ SƠ"
tui_type "Khoong thuoocj thaarm quyeenf"
tui_key F2
expect_screen "refusal sent to the queue" "Đã gửi phiếu từ chối tới máy in receipts"
if wait_out; then
    expect_match "the refusal form is printed" "$(pdf_text)" "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
else
    bad "the refusal did not arrive"
fi
expect_eq "refused dossier stored" "$(m --json dossier show "$CODE2" | jget status)" "refused"
tui_key F10
tui_wait "Hôm nay của bạn"

# --- incomplete papers: the supplement request (Mẫu 02) -----------------------
mark
open_form "Lee Thij Cuc"
tui_key F7
tui_wait "PHIẾU YÊU CẦU BỔ SUNG"
tui_key F2
expect_screen "supplement request sent" "Đã gửi phiếu yêu cầu bổ sung tới máy in receipts"
SLIP=$(sqlite3 "$MOTCUA_DB" "SELECT object FROM audit WHERE action = 'guide' ORDER BY id DESC LIMIT 1")
if wait_out; then
    text=$(pdf_text)
    expect_match "Mẫu 02 is printed" "$text" "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
    expect_match "it carries the slip number" "$text" "$SLIP"
    expect_match "it lists the missing paper" "$text" "$REQDOC"
else
    bad "the supplement request did not arrive"
fi
expect_eq "the slip print is audited" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit WHERE action = 'print' AND object = 'slip:$SLIP'")" "1"

tui_key F10
tui_wait "Hôm nay của bạn"
tui_key F10
expect_screen "F10 on home asks first" "Thoát motcua? Nhấn F10 lần nữa để thoát"
tui_key F10
expect_screen "quits" "[exit 0]"
expect_sanitizers_clean
expect_eq "audit chain verifies" "$(m --json audit verify | jget ok)" "true"
finish
