#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_attach.sh - scanned papers in the counter screen at 80x24, with the
# office's scans.mandatory = yes: the intake checklist shows the required
# paper that has no scan and the save says so instead of accepting it; s
# on the paper row (or F9) attaches a file by its path (a refused one is
# named with its reason) or, with an empty path, the newest file of the
# scanner folder, or F9 again in the box scans with SANE (the `test`
# backend in a private SANE_CONFIG_DIR); the row shows files and pages;
# after the save the scans are the dossier's.  The dossier screen shows
# pages per paper and F9 attaches one more; x detaches a scan attached by
# mistake (a reason, then a confirmation).
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
FIX="python3 $MOTCUA_TESTS/tools/scan_fixtures.py"
init_office
CODE=000.00.06.H56-260213-0001
mkdir -p "$T/inbox" "$T/p"
cat >"$T/motcua.conf" <<CONF
[scans]
mandatory = yes
folder = $T/inbox
device = test
CONF
mkdir -p "$T/sane"; echo test >"$T/sane/dll.conf"
SANE=0; command -v scanimage >/dev/null && SANE=1
$FIX pdf "$T/p/giay.pdf" 2
$FIX cut "$T/p/hong.pdf" "$T/p/giay.pdf" 200
$FIX jpeg "$T/p/anh.jpg"
$FIX png "$T/inbox/old.png" 3000; touch -d '2026-02-13 08:00' "$T/inbox/old.png"
$FIX png "$T/inbox/new.png" 4000; touch -d '2026-02-13 09:00' "$T/inbox/new.png"

tui_start 80 24 "MOTCUA_CONFIG=$T/motcua.conf" "SANE_CONFIG_DIR=$T/sane"
tui_login admin
tui_wait "Hôm nay của bạn"
tui_key F5
tui_wait "Chọn thủ tục"
tui_type "$PROC"
tui_key Enter
tui_wait "Họ tên người nộp"
tui_type "Nguyeenx Thij Huwowngf"
tui_key Tab
tui_type "038196001234"
for _ in 1 2 3 4 5 6 7 8 9 10; do tui_key Tab; done
tui_wait "Giấy tờ (Cách"
tui_key Space
expect_screen "the required paper without a scan is shown" "CHƯA QUÉT"
tui_key F2
expect_screen "the save says the scan is missing" "Văn phòng yêu cầu bản quét (scans.mandatory)"
expect_eq "and nothing is saved" "$(dossier_count)" "0"

# a refused file: named, with the reason
tui_type "s"
tui_wait "ĐÍNH KÈM BẢN QUÉT"
tui_type "$T/p/hong.pdf"
tui_key Enter
expect_screen "a truncated PDF is refused, named" "hong.pdf: tệp PDF không trọn vẹn"
expect_screen "the paper still has no scan" "CHƯA QUÉT"
# a good PDF by its path
tui_key F9
tui_wait "ĐÍNH KÈM BẢN QUÉT"
tui_type "$T/p/giay.pdf"
tui_key Enter
expect_screen "the PDF's two pages on the paper row" "quét: 1 tệp 2 tr"
# the newest file of the scanner folder: an empty path
tui_type "s"
tui_wait "để trống: tệp mới nhất"
tui_key Enter
expect_screen "the scanner folder's newest file adds a page" "quét: 2 tệp 3 tr"
expect_screen "which one" "new.png"
files=2 pages=3 sources="file folder"
if [ "$SANE" = 1 ]; then
    # F9 again in the box: the scanner attached to this machine
    tui_type "s"
    tui_wait "F9: quét bằng máy quét"
    tui_key F9
    expect_screen "a page scanned with SANE's test backend" "quét: 3 tệp 4 tr"
    files=3 pages=4 sources="file folder sane"
else
    echo "ok - # skip: scanimage (sane-utils) not installed"
fi
expect_eq "still nothing in the database before the save" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files")" "0"
tui_key F2
tui_wait "Đã tiếp nhận hồ sơ"
out=$(MOTCUA_CONFIG="$T/motcua.conf" m --json dossier scans "$CODE")
expect_eq "the scans are the dossier's: paper 1, its files, pages and sources" \
    "$(echo "$out" | python3 -c 'import json,sys; p=json.load(sys.stdin)["papers"][0]; print(len(p["files"]), p["pages"], *[f["source"] for f in p["files"]])')" \
    "$files $pages $sources"
expect_eq "the folder's file is new.png" "$(echo "$out" | jget papers.0.files.1.name)" "new.png"
expect_eq "nothing is missing" "$(echo "$out" | jget missing_scans)" "[]"
expect_eq "no temporary copy is left" "$(find "$T/files" -name '.incoming-*' | wc -l)" "0"

# the dossier screen: pages per paper, F9 attaches one more
tui_key F10
tui_wait "Hôm nay của bạn"
tui_key F3
tui_wait "Tìm"
tui_scan "$CODE"
tui_wait "F9: đính kèm bản quét"
expect_screen "the dossier screen shows the paper's scans" "quét: $files tệp $pages tr"
tui_key F9
tui_wait "ĐÍNH KÈM BẢN QUÉT"
tui_type "$T/p/anh.jpg"
tui_key Enter
expect_screen "attached from the dossier screen" "Đã đính kèm anh.jpg (1 trang) vào giấy tờ số 1"
expect_screen "the count follows" "quét: $((files + 1)) tệp $((pages + 1)) tr"
expect_eq "one more scan recorded" "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files")" "$((files + 1))"
if [ "$SANE" = 1 ]; then
    tui_key F9
    tui_wait "ĐÍNH KÈM BẢN QUÉT"
    tui_key F9
    expect_screen "the same page scanned again is not attached twice" "đã có ở giấy tờ số 1"
    expect_eq "... no row added" "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files")" "$((files + 1))"
fi
# x: detach a scan attached by mistake (a reason, then a confirmation)
tui_type "x"
tui_wait "GỠ BẢN QUÉT GẮN NHẦM"
tui_key Escape
expect_screen "Esc closes the detach box, nothing detached" "Đã huỷ, không gỡ tệp nào"
tui_type "x"
tui_wait "GỠ BẢN QUÉT GẮN NHẦM"
expect_screen "the box lists the dossier's scans" "anh.jpg"
tui_key Up
tui_key Enter
expect_screen "the reason is required" "Phải ghi lý do gỡ tệp khỏi hồ sơ"
tui_type "Anh cua nguoi khac"
tui_key Enter
expect_screen "a detach asks to confirm first" "Gỡ anh.jpg khỏi giấy tờ 1? Enter: xác nhận"
expect_eq "... nothing detached before the confirmation" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files WHERE detached_at IS NOT NULL")" "0"
tui_key Enter
expect_screen "detached from the dossier screen" "Đã gỡ anh.jpg khỏi giấy tờ số 1 của hồ sơ $CODE"
expect_screen "the paper's count goes back" "quét: $files tệp $pages tr"
expect_eq "the row is marked detached with the reason, not deleted" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*), SUM(detached_at IS NOT NULL), MAX(CASE WHEN detached_at IS NOT NULL THEN name || ':' || (detach_reason <> '') END) FROM dossier_files")" \
    "$((files + 1))|1|anh.jpg:1"
expect_eq "one file.detach audit row" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit WHERE action = 'file.detach' AND object = '$CODE'")" "1"
tui_key Escape
tui_wait "Tìm hồ sơ:"
tui_key F10
tui_wait "Hôm nay của bạn"
tui_key F10 F10
expect_screen "quits" "[exit 0]"
expect_sanitizers_clean
finish
