#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The other desk forms (DOMAIN.md section 4) from the dossier and its
# history: supplement request, refusal, apology and extension, stop notice,
# processing-control slip, and the tracking book for a period (A4
# landscape, many pages).  Written with --pdf; no CUPS needed.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../cli/lib.sh"
export CUPS_SERVER="$T/no-cups.sock"
. "$here/header_lib.sh"
init_office
# an agency name of realistic length, which must wrap in even lines
printf '[office]\nparent_agency = TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH THANH HÓA\nplace = Thanh Hóa\n' >"$T/office.conf"
export MOTCUA_CONFIG="$T/office.conf"
echo "clerk-pass-1" | m user add canbo1 --name "Trần Thị Mai" --role clerk --password-stdin >/dev/null
echo "super-pass-1" | m user add tp1 --name "Lê Văn Sơn" --role supervisor --password-stdin >/dev/null
C() { MOTCUA_PASSWORD=clerk-pass-1 m --user canbo1 "$@"; }
S() { MOTCUA_PASSWORD=super-pass-1 m --user tp1 "$@"; }
txt() { pdftotext "$1" - | tr -s ' \n\t' '   '; }
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

code=$(C dossier new --procedure "$PROC" --applicant-name "Nguyễn Thị Hường" \
    --id-number 001190012345 --phone 0912345678 --email huong@example.vn \
    --address "Số 1 Phố Huế, Hà Nội" --document "2")
C dossier advance "$code" --to processing --department "Phòng Chế độ BHXH" >/dev/null
MOTCUA_NOW=2026-02-24T09:00:00+07:00 C dossier advance "$code" --to supplement_requested \
    --missing "Giấy ra viện" --missing "Bản sao sổ BHXH" --note "Thiếu giấy tờ" >/dev/null

# supplement request: every missing paper, the reason, the slip number
C print form supplement "$code" --pdf "$T/bs.pdf" --contact "Trần Thị Mai, 0237 3852 123" >/dev/null
t=$(txt "$T/bs.pdf")
expect_match "supplement: title" "$t" "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
expect_match "supplement: both missing papers, numbered" "$t" "1\. Giấy ra viện 2\. Bản sao sổ BHXH"
expect_match "supplement: reason" "$t" "Lý do: Thiếu giấy tờ"
expect_match "supplement: slip number" "$t" "Số: 000\.00\.06\.H56-260224-BS0001"
expect_match "supplement: whom to contact" "$t" "liên hệ: Trần Thị Mai, 0237 3852 123"
expect_match "supplement: guiding officer signs" "$t" "NGƯỜI HƯỚNG DẪN.*Trần Thị Mai"

MOTCUA_NOW=2026-03-02T14:00:00+07:00 C dossier advance "$code" --to processing >/dev/null
MOTCUA_NOW=2026-03-09T09:00:00+07:00 S dossier extend "$code" --new-due 2026-03-20 --reason "Chờ xác minh quá trình đóng" >/dev/null
# apology and extension: the original due time, the reason, the new date
C print form apology "$code" --pdf "$T/xl.pdf" >/dev/null
t=$(txt "$T/xl.pdf")
expect_match "apology: title" "$t" "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ"
expect_match "apology: to the applicant" "$t" "Kính gửi: Ông/Bà Nguyễn Thị Hường"
expect_match "apology: the original due time" "$t" "Thời gian hẹn trả kết quả: 14 giờ 00 phút, ngày 11/03/2026"
expect_match "apology: the reason" "$t" "Lý do: Chờ xác minh quá trình đóng"
expect_match "apology: the new date" "$t" "đến: 14 giờ 00 phút, ngày 20/03/2026"
expect_match "apology: signed by the head of the agency" "$t" "THỦ TRƯỞNG CƠ QUAN"

S dossier advance "$code" --to done >/dev/null
MOTCUA_NOW=2026-03-18T15:00:00+07:00 C dossier return "$code" --receiver-name "Lê Văn A" \
    --receiver-id 001090012345 --receiver-relation "chồng" >/dev/null
# processing-control slip: one block per hand-over, early/on time/late
C print form control "$code" --pdf "$T/ks.pdf" >/dev/null
t=$(txt "$T/ks.pdf")
expect_match "control: title" "$t" "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
expect_match "control: hand-over to the department" "$t" "Nhận: Phòng Chế độ BHXH"
expect_match "control: supplement block" "$t" "Yêu cầu bổ sung hồ sơ: Thiếu giấy tờ"
expect_match "control: extension block" "$t" "Gia hạn đến 2026-03-20"
expect_match "control: the result returned early" "$t" "Trước hạn Trả kết quả"
expect_match "control: returned to the receiver" "$t" "Nhận: Lê Văn A"
expect_match "control: hand-over time" "$t" "15 giờ 00 phút, ngày 18/03/2026"

# refusal: only for a refused dossier, with every reason
out=$(C print form refusal "$code" --pdf "$T/x.pdf" 2>&1); rc=$?
expect_eq "refusal form refused for an accepted dossier" "$rc" "6"
ref=$(C dossier new --procedure "$PROC" --applicant-name "Phạm Văn Đức" --refuse \
    --reason "Không thuộc thẩm quyền giải quyết" 2>&1 | tail -1)
C print form refusal "$ref" --pdf "$T/tc.pdf" >/dev/null
t=$(txt "$T/tc.pdf")
expect_match "refusal: title" "$t" "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
expect_match "refusal: the reason" "$t" "1\. Không thuộc thẩm quyền giải quyết"
expect_match "refusal: dossier code" "$t" "Mã hồ sơ \(nếu có\): ${ref//./\\.}"
out=$(C print receipt "$ref" --pdf "$T/x.pdf" 2>&1); rc=$?
expect_match "no receipt for a refused dossier" "$out" "print form refusal"

# stop notice: only when processing stopped or the citizen withdrew
st=$(C dossier new --procedure "$PROC" --applicant-name "Đỗ Thị Lan" --document "2")
out=$(C print form stop "$st" --pdf "$T/x.pdf" 2>&1); rc=$?
expect_eq "stop notice refused while the dossier is open" "$rc" "6"
C dossier advance "$st" --to withdrawn --note "Công dân xin rút hồ sơ" >/dev/null
C print form stop "$st" --pdf "$T/dg.pdf" >/dev/null
t=$(txt "$T/dg.pdf")
expect_match "stop: title" "$t" "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"
expect_match "stop: the reason" "$t" "1\. Công dân xin rút hồ sơ"

# the tracking book: 45 more dossiers over two days, landscape, many pages
family=(Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ)
given=(An Bình Cường Dung Giang)
i=0
for f in "${family[@]}"; do
    for g in "${given[@]}"; do
        i=$((i + 1))
        day=13; [ "$i" -gt 25 ] && day=16
        MOTCUA_NOW="2026-02-${day}T09:$(printf %02d $((i % 60))):00+07:00" \
            C dossier new --procedure "$PROC" --applicant-name "$f Thị $g" \
            --address "Thôn Đông, xã Quảng Tâm" --phone 0912345678 --document "2" >/dev/null
    done
done
C print book --from 2026-02-13 --to 2026-02-16 --pdf "$T/book.pdf" >/dev/null
for f in bs xl ks tc dg; do
    expect_balanced_header "$f" "$T/$f.pdf" "TRUNG TÂM PHỤC VỤ.*THANH HÓA.*Bộ phận Tiếp nhận và Trả kết quả"
done
expect_match "supplement: form number" "$(txt "$T/bs.pdf")" "Mẫu số 02"
expect_match "refusal: form number" "$(txt "$T/tc.pdf")" "Mẫu số 03"
expect_match "apology: form number" "$(txt "$T/xl.pdf")" "Mẫu số 04"
if txt "$T/dg.pdf" | grep -q "Mẫu số"; then bad "stop notice: no form number in the current set"; else ok "stop notice: no form number in the current set"; fi
expect_match "apology: place before the date" "$(txt "$T/xl.pdf")" "Thanh Hóa, ngày 13 tháng 02 năm 2026"
expect_match "book: A4 landscape" "$(pdfinfo "$T/book.pdf" | grep 'Page size')" "841.* x 595"
n=$(pages "$T/book.pdf")
if [ "$n" -ge 3 ]; then ok "book: many pages ($n)"; else bad "book: only $n pages"; fi
t=$(txt "$T/book.pdf")
expect_match "book: title and period" "$t" "SỔ THEO DÕI HỒ SƠ Từ ngày 13/02/2026 đến ngày 16/02/2026 — 48 hồ sơ"
expect_match "book: column heads" "$t" "Số TT Mã hồ sơ Tên thủ tục hành chính"
expect_match "book: the last dossier" "$t" "Đỗ Thị Giang"
expect_match "book: the returned date" "$t" "18/03/2026"
heads=0
for p in $(seq 1 "$n"); do
    pdftotext -f "$p" -l "$p" "$T/book.pdf" - | tr -s ' \n\t' '   ' | grep -q "Tên thủ tục hành chính" && heads=$((heads + 1))
done
expect_eq "book: table head repeated on every page" "$heads" "$n"
out=$(C print book --from 2026-02-16 --to 2026-02-13 --pdf "$T/x.pdf" 2>&1); rc=$?
expect_eq "book: reversed period refused" "$rc" "3"

expect_eq "every print audited" "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit WHERE action = 'print'")" "6"
expect_eq "audit chain verifies" "$(m --json audit verify | jget ok)" "true"
finish
