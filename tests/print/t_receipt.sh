#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The receipt (Mẫu 01) as an office prints it: a realistic dossier (the
# procedure with the most papers in forms/procedures, long Vietnamese
# names, an authorised representative) gives exactly one page per copy on
# A5 and on A4, each copy with its own signatures; the common header
# (form number, "Số:", the place before the date, agency names wrapped in
# even lines); no doubled "tại"; a dossier with too many papers for one
# page keeps the signatures with the closing lines of their copy and
# repeats the table head.  Written with --pdf; no CUPS needed (t_cups.sh
# reads the QR from the CUPS output).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../cli/lib.sh"
. "$here/golden_lib.sh"
. "$here/header_lib.sh"
export CUPS_SERVER="$T/no-cups.sock"
init_office
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
# page_text PDF N -> the text of page N on one line
page_text() { pdftotext -f "$2" -l "$2" "$1" - | tr -s ' \n\t' '   '; }

# the procedure with the most papers, and how many
read -r BIG NBIG < <(python3 - "$MOTCUA_FORMS_DIR/procedures" <<'PY'
import glob, json, os, sys
best = max((len(json.load(open(f)).get("documents", [])), os.path.basename(f)[:-5])
           for f in glob.glob(os.path.join(sys.argv[1], "*.json")))
print(best[1], best[0])
PY
)
docs=()
for i in $(seq 1 "$NBIG"); do docs+=(--document "$i"); done
echo "# the procedure with the most papers: $BIG ($NBIG papers)"

for paper in A5 A4; do
    conf=$(golden_conf "$paper")
    code=$(m --config "$conf" dossier new --procedure "$BIG" \
        --applicant-name "Tôn Nữ Hoàng Thị Phương Quỳnh Anh" \
        --id-number 038190012345 --phone 0912345678 \
        --email phuongquynhanh.tonnu@gmail.com \
        --address "Số 127, ngõ 45, đường Nguyễn Trãi, phường Đông Thọ, tỉnh Thanh Hóa" \
        --rep-name "Nguyễn Lê Hoàng Bảo Ngọc" --rep-id-number 038195067890 \
        --rep-phone 0987654321 "${docs[@]}")
    pdf="$T/receipt-$paper.pdf"
    MOTCUA_NOW=2026-03-03T08:30:00+07:00 m --config "$conf" print receipt "$code" --pdf "$pdf" >/dev/null
    expect_eq "$paper: two copies take exactly two pages" "$(pages "$pdf")" "2"
    for n in 1 2; do
        t=$(page_text "$pdf" "$n")
        expect_match "$paper copy $n: its part (liên) on its page" "$t" "Liên $n:"
        expect_match "$paper copy $n: form number" "$t" "Mẫu số 01"
        expect_match "$paper copy $n: the number line" "$t" "Số: ${code//./\\.}"
        expect_match "$paper copy $n: place before the date, month 3 without a zero" "$t" "Thanh Hóa, ngày 03 tháng 3 năm 2026"
        expect_match "$paper copy $n: every paper listed" "$t" "$NBIG [^ ]+ "
        expect_match "$paper copy $n: the submitter signs on the same page" "$t" "NGƯỜI NỘP HỒ SƠ .*NGƯỜI TIẾP NHẬN HỒ SƠ.*Nguyễn Lê Hoàng Bảo Ngọc"
        expect_match "$paper copy $n: where the result is collected, 'tại' once" "$t" "Đăng ký nhận kết quả tại: Bộ phận Tiếp nhận và Trả kết quả"
        expect_match "$paper copy $n: the office phone not broken across lines" "$t" "điện thoại: 0237.3852.123"
    done
    expect_balanced_header "$paper" "$pdf" "THANH HÓA.*Bộ phận Tiếp nhận và Trả kết quả"
done

# a place not configured: a dotted blank before the date, not nothing
printf '[print]\npaper = A5\n' >"$T/noplace.conf"
code=$(m --config "$T/noplace.conf" dossier new --procedure "$PROC" --applicant-name "Lê Văn Hùng" --document 2)
m --config "$T/noplace.conf" print receipt "$code" --pdf "$T/np.pdf" >/dev/null
expect_match "no place configured: a blank to fill by hand before the date" "$(page_text "$T/np.pdf" 1)" "…+, ngày 13 tháng 02 năm 2026"
expect_eq "a small dossier: one page per copy" "$(pages "$T/np.pdf")" "2"

# too many papers for one page: each copy runs on, its signatures stay
# with its closing lines, the table head is repeated, and copy 2 starts
# its own page
conf=$(golden_conf A5)
extra=()
for i in $(seq 1 40); do
    extra+=(--document "Giấy xác nhận quá trình điều trị dài ngày số $i do cơ sở khám bệnh, chữa bệnh cấp|certified_copy|1")
done
code=$(golden_dossier "$conf" "${extra[@]}")
m --config "$conf" print receipt "$code" --pdf "$T/long.pdf" >/dev/null
n=$(pages "$T/long.pdf")
if [ "$n" -gt 2 ] && [ $((n % 2)) -eq 0 ]; then
    ok "44 papers: each copy runs onto more pages ($n in all, as many per copy)"
else
    bad "44 papers: $n pages"
fi
per=$((n / 2))
sig_ok=0 alone=0 cont=0 heads=0
for p in $(seq 1 "$n"); do
    t=$(page_text "$T/long.pdf" "$p")
    if printf '%s' "$t" | grep -q "NGƯỜI TIẾP NHẬN HỒ SƠ"; then
        printf '%s' "$t" | grep -q "2\. Số lượng hồ sơ.*6\. Đăng ký nhận kết quả tại.*NGƯỜI NỘP HỒ SƠ" \
            && sig_ok=$((sig_ok + 1)) || alone=$((alone + 1))
    fi
    if [ $(((p - 1) % per)) -ne 0 ]; then
        printf '%s' "$t" | grep -q "(tiếp theo)" && cont=$((cont + 1))
        printf '%s' "$t" | grep -q "Giấy xác nhận quá trình" &&
            printf '%s' "$t" | grep -q "Tên giấy tờ" && heads=$((heads + 1))
    fi
done
expect_eq "44 papers: the signatures of both copies sit with items 2-6" "$sig_ok/$alone" "2/0"
expect_eq "44 papers: every continuation page says what it continues" "$cont" "$((n - 2))"
expect_eq "44 papers: the table head repeated on every page the table goes on" "$heads" "$((n - 2))"
t=$(page_text "$T/long.pdf" $((per + 1)))
expect_match "44 papers: copy 2 starts a page of its own" "$t" "Liên 2: .*GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
if printf '%s' "$t" | grep -q "(tiếp theo)"; then bad "copy 2's first page marked as a continuation"; else ok "copy 2's first page is not a continuation"; fi
finish
