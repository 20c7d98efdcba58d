#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Printing through a real, private cupsd: the receipt reaches a PDF queue
# and the QR of each copy decodes to exactly the lookup URL from the CUPS
# output rendered at 150 dpi, on A4 and A5; the text layer carries the
# code, the applicant's name in NFC, the procedure and the due date; a
# stopped queue gives the clerk a clear message and keeps the dossier; the
# reprint after re-enabling is a copy and is audited; the ESC/POS ticket
# arrives byte for byte; no CUPS or no printer -> the PDF is kept in the
# receipts folder and the clerk is told where.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../cli/lib.sh"
. "$here/cups_lib.sh"
for tool in cupsd lpadmin pdftoppm pdftotext zbarimg; do
    command -v "$tool" >/dev/null || { echo "FATAL: $tool is missing (packaging/dev.sh)"; exit 1; }
done
start_cupsd
add_pdf_queue receipts
add_raw_queue tickets
init_office
URL_BASE="https://tracuu.example.vn/hoso/"
cat >"$T/office.conf" <<CONF
[office]
parent_agency = BẢO HIỂM XÃ HỘI TỈNH THANH HÓA
[print]
receipt_queue = receipts
ticket_queue = tickets
[lookup]
url_base = $URL_BASE
CONF
export MOTCUA_CONFIG="$T/office.conf"
OUT="$CD/out/receipts.pdf"
# the name arrives decomposed (NFD), as some keyboards send it
NAME_NFD=$(python3 -c 'import unicodedata; print(unicodedata.normalize("NFD", "Nguyễn Thị Hường"))')
code=$(m dossier new --procedure "$PROC" --applicant-name "$NAME_NFD" \
    --id-number 001190012345 --address "Số 1 Phố Huế, Hà Nội" --document "2")
expect_match "dossier accepted" "$code" '^000\.00\.06\.H56-260213-0001$'

# --- the receipt through CUPS --------------------------------------------
json=$(m --json print receipt "$code" --wait 20)
expect_eq "receipt job completed" "$(echo "$json" | jget state)" "done"
expect_eq "receipt went to the configured queue" "$(echo "$json" | jget destination)" "cups:receipts"
expect_eq "first print is the original" "$(echo "$json" | jget copy_no)" "0"
echo "bench: print_submit_to_completed_ms $(echo "$json" | jget submit_to_state_ms | cut -c1-6) ms"
expect_match "A4 from CUPS: A4 pages" "$(pdfinfo "$OUT" | grep 'Page size')" "595[.0-9]* x 84[12]"
expect_eq "two parts (citizen, file)" "$(pdfinfo "$OUT" | awk '/^Pages:/ {print $2}')" "2"
expect_match "fonts embedded" "$(pdffonts "$OUT" | awk 'NR>2 {print $(NF-4)}' | sort -u | tr '\n' ' ')" '^yes $'
for p in 1 2; do
    pdftoppm -r 150 -f "$p" -l "$p" -png "$OUT" "$T/page$p"
    qr=$(zbarimg -q --raw --nodbus -Sdisable -Sqrcode.enable "$T"/page$p-*.png 2>/dev/null)
    expect_eq "A4 copy $p: QR decodes at 150 dpi to exactly the lookup URL" "$qr" "${URL_BASE}${code}"
done
text=$(pdftotext "$OUT" - | tr -s ' \n\t' '   ')
expect_match "text has the code" "$text" "Mã hồ sơ: ${code//./\\.}"
python3 - "$text" <<'PY' && ok "applicant name in NFC in the text layer" || bad "applicant name not in NFC"
import sys, unicodedata
t = sys.argv[1]
nfc = unicodedata.normalize("NFC", "Nguyễn Thị Hường")
sys.exit(0 if nfc in t and unicodedata.normalize("NFD", nfc) not in t else 1)
PY
expect_match "text has the procedure" "$text" "Hưởng chế độ thai sản"
expect_match "text has the due date dd/mm/yyyy" "$text" "10 giờ 00 phút, ngày 03/03/2026"
expect_match "text has the national motto" "$text" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
expect_match "text has the motto's second line" "$text" "Độc lập - Tự do - Hạnh phúc"
expect_match "text has the received time" "$text" "10 giờ 00 phút, ngày 13/02/2026"
if printf '%s' "$text" | grep -q "BẢN SAO"; then bad "original marked as a copy"; else ok "original not marked as a copy"; fi

# --- a stopped queue: clear message, nothing lost -----------------------
rows_before=$(sqlite3 "$MOTCUA_DB" "SELECT (SELECT COUNT(*) FROM dossiers)||'/'||(SELECT COUNT(*) FROM history)||'/'||(SELECT COUNT(*) FROM outbox)||'/'||(SELECT COUNT(*) FROM issued_codes)")
cupsdisable -r "hết giấy" receipts
out=$(m print receipt "$code" 2>&1); rc=$?
expect_eq "stopped printer: exit code" "$rc" "6"
expect_match "stopped printer: the clerk is told why" "$out" 'Máy in "receipts" chưa in được: máy in đang dừng'
expect_match "stopped printer: the clerk is told the dossier is kept" "$out" "vẫn được giữ nguyên"
expect_eq "stopped printer: no dossier, history, outbox or code written" "$(sqlite3 "$MOTCUA_DB" "SELECT (SELECT COUNT(*) FROM dossiers)||'/'||(SELECT COUNT(*) FROM history)||'/'||(SELECT COUNT(*) FROM outbox)||'/'||(SELECT COUNT(*) FROM issued_codes)")" "$rows_before"
expect_eq "stopped printer: the dossier is still received" "$(m --json dossier show "$code" | jget status)" "received"
expect_eq "stopped printer: the failed attempt is audited" "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit WHERE action = 'print.failed' AND object = '$code'")" "1"
expect_eq "stopped printer: the failed attempt is recorded" \
    "$(m --json print status "$code" | jget jobs.1.state)" "failed"
cupsenable receipts
json=$(m --json print receipt "$code" --wait 20)
expect_eq "re-enabled: printed" "$(echo "$json" | jget state)" "done"
expect_eq "re-enabled: the reprint is copy 1" "$(echo "$json" | jget copy_no)" "1"
text=$(pdftotext "$OUT" - | tr -s ' \n\t' '   ')
expect_match "reprint stamped BẢN SAO / COPY with its number" "$text" "BẢN SAO / COPY — in lại lần thứ 1"
expect_eq "reprint is one page" "$(pdfinfo "$OUT" | awk '/^Pages:/ {print $2}')" "1"
expect_eq "reprint audited" "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit WHERE action = 'print.copy' AND object = '$code'")" "1"
expect_eq "audit chain still verifies" "$(m --json audit verify | jget ok)" "true"
status=$(m --json print status "$code")
expect_eq "status lists three jobs" "$(echo "$status" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["jobs"]))')" "3"
expect_eq "status: CUPS job ids recorded" "$(echo "$status" | jget jobs.2.cups_job_id)" "$(echo "$json" | jget cups_job_id)"
expect_eq "history untouched by printing" "$(sqlite3 "$MOTCUA_DB" 'SELECT COUNT(*) FROM history')" "1"

# --- A5 through CUPS: the QR of each copy reads at 150 dpi ----------------
# (a lookup URL of production length; zbarimg reads what a phone camera or
# a 150 dpi scan of the printed page gives)
LONG_BASE="https://tracuu.baohiemxahoi.gov.vn/hoso/"
sed -e 's/^\[print\]$/[print]\npaper = A5/' -e "s|^url_base = .*|url_base = $LONG_BASE|" \
    "$T/office.conf" >"$T/a5.conf"
code5=$(MOTCUA_CONFIG="$T/a5.conf" m dossier new --procedure bhxh.om-dau \
    --applicant-name "Tôn Nữ Hoàng Thị Phương Quỳnh Anh" --id-number 038190012345 \
    --address "Số 127, ngõ 45, đường Nguyễn Trãi, phường Đông Thọ, tỉnh Thanh Hóa" \
    --rep-name "Nguyễn Lê Hoàng Bảo Ngọc" \
    --document 1 --document 2 --document 3 --document 4)
json=$(MOTCUA_CONFIG="$T/a5.conf" m --json print receipt "$code5" --wait 20)
expect_eq "A5 receipt job completed" "$(echo "$json" | jget state)" "done"
expect_match "A5 from CUPS: the job asks for A5 paper (not the queue's A4)" "$(pdfinfo "$OUT" | grep 'Page size')" "4(19|20)[.0-9]* x 595"
expect_eq "A5 from CUPS: one page per copy" "$(pdfinfo "$OUT" | awk '/^Pages:/ {print $2}')" "2"
for p in 1 2; do
    pdftoppm -r 150 -f "$p" -l "$p" -png "$OUT" "$T/a5p$p"
    qr=$(zbarimg -q --raw --nodbus -Sdisable -Sqrcode.enable "$T"/a5p$p-*.png 2>/dev/null)
    expect_eq "A5 from CUPS, copy $p: QR reads at 150 dpi" "$qr" "${LONG_BASE}${code5}"
done
pdftoppm -r 100 -f 1 -l 1 -png "$OUT" "$T/a5low"
expect_eq "A5 from CUPS: QR still reads at 100 dpi" \
    "$(zbarimg -q --raw --nodbus -Sdisable -Sqrcode.enable "$T"/a5low-*.png 2>/dev/null)" "${LONG_BASE}${code5}"

# --- the queue ticket, byte for byte ------------------------------------
m print ticket A015 --qr "${URL_BASE}A015" --counter "Quầy 2" --out "$T/ticket.bin" >/dev/null
m print ticket A015 --qr "${URL_BASE}A015" --counter "Quầy 2" >/dev/null
if wait_for "$CD/raw/conn-1.bin" 20 && cmp -s "$T/ticket.bin" "$CD/raw/conn-1.bin"; then
    ok "ESC/POS ticket arrives byte for byte ($(stat -c %s "$T/ticket.bin") bytes)"
else
    bad "ESC/POS ticket differs or did not arrive"
fi
expect_eq "ticket starts with ESC @ and a raster (GS v 0)" "$(head -c 6 "$T/ticket.bin" | od -An -tx1 | tr -d ' \n')" "1b401d763000"
expect_eq "ticket ends with feed and cut (GS V)" "$(tail -c 7 "$T/ticket.bin" | od -An -tx1 | tr -d ' \n')" "1b64041d564200"

# --- no CUPS, no printer: the PDF is kept and the clerk told where -------
code2=$(m dossier new --procedure "$PROC" --applicant-name "Trần Văn Bình" --document "2")
out=$(CUPS_SERVER="$T/nowhere.sock" m print receipt "$code2" 2>&1); rc=$?
expect_eq "CUPS unreachable: exit 0" "$rc" "0"
expect_match "CUPS unreachable: the clerk is told where the PDF is" "$out" "đã lưu bản PDF tại $T/receipts/receipt-$code2.pdf"
expect_match "CUPS unreachable: the file is a PDF" "$(head -c 5 "$T/receipts/receipt-$code2.pdf")" "%PDF-"
expect_eq "the saved receipt is private to the desk user (personal data)" "$(stat -c %a "$T/receipts/receipt-$code2.pdf") $(stat -c %a "$T/receipts")" "600 700"
expect_eq "CUPS unreachable: recorded as a file" "$(m --json print status "$code2" | jget jobs.0.state)" "file"
printf '[print]\nreceipt_queue =\n' >"$T/noqueue.conf"
out=$(MOTCUA_CONFIG="$T/noqueue.conf" m print receipt "$code2" 2>&1); rc=$?
expect_match "no printer configured (and no CUPS default): kept as a file" "$out" "chưa cấu hình máy in.*receipt-$code2-copy1.pdf"
out=$(m print receipt "$code2" --printer nosuchqueue 2>&1); rc=$?
expect_match "unknown queue named" "$out" 'Không có máy in \(hàng đợi CUPS\) "nosuchqueue"'

finish
