#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Returning results by the channel chosen at intake (issue 12): desk, post,
# electronic.  The channel is validated at intake (post needs an address,
# electronic an email), printed on the receipt (pdftotext) and carried in
# the intake event; a postal return records the tracking number and the
# posting date; an electronic return keeps the result PDF as a dossier file
# of role "result", signed with the office's key when it has one (pdfsig
# verifies it; a changed byte breaks it) and leaves the dossier "sent,
# awaiting delivery"; bad input writes nothing; the book and `report
# dossiers` count returns per channel.  The centre's confirmation of
# delivery is tests/sync/t_returns.sh.
. "$(dirname "$0")/lib.sh"
export CUPS_SERVER="$T/no-cups.sock"
init_office
DOC="$REQDOC"
new() { m dossier new --procedure $PROC --applicant-name "Trần Thị Hoa" --document "$DOC" "$@"; }
done_() { m dossier advance "$1" --to processing >/dev/null && m dossier advance "$1" --to done >/dev/null; }
js() { m --json dossier show "$1" | jget "$2"; }
ADDR="Số 12, đường Lê Lợi, phường Điện Biên, tỉnh Thanh Hóa"

# --- intake -----------------------------------------------------------------
cd_=$(new)
expect_eq "no channel given: at the desk" "$(js "$cd_" return_channel)" "desk"
cp_=$(new --return-channel post --address "$ADDR")
expect_eq "post chosen" "$(js "$cp_" return_channel)" "post"
ce=$(new --return-channel electronic --email hoa.tran@example.vn)
expect_eq "electronic chosen" "$(js "$ce" return_channel)" "electronic"
expect_eq "the intake event carries return_channel" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT json_extract(payload, '\$.data.dossier.return_channel') FROM outbox WHERE kind = 'intake' AND json_extract(payload, '\$.dossier') = '$cp_'")" "post"

before=$(row_count)
out=$(new --return-channel pigeon 2>&1); rc=$?
expect_eq "unknown channel: exit 3" "$rc" "3"
expect_match "unknown channel: named, the choices listed" "$out" "\"pigeon\".*desk.*post.*electronic"
out=$(new --return-channel post 2>&1); rc=$?
expect_eq "post without an address: exit 3" "$rc" "3"
expect_match "post without an address: says --address" "$out" "bưu chính.*--address"
out=$(new --return-channel electronic 2>&1); rc=$?
expect_eq "electronic without an email: exit 3" "$rc" "3"
expect_match "electronic without an email: says --email" "$out" "--email"
out=$(m --json dossier new --procedure $PROC --applicant-name "Trần Thị Hoa" --document "$DOC" --return-channel electronic 2>/dev/null)
expect_eq "JSON error names the field" "$(printf '%s' "$out" | jget error.field 2>/dev/null)" "email"
expect_eq "refused intakes wrote nothing (no code used)" "$(row_count)" "$before"

# --- the receipt shows the channel -------------------------------------------
rtext() { m print receipt "$1" --pdf "$T/r.pdf" >/dev/null && pdftotext "$T/r.pdf" - | tr -s ' \n' '  '; }
t=$(rtext "$cp_")
expect_match "receipt (post): the channel" "$t" "6\. Đăng ký nhận kết quả: Qua dịch vụ bưu chính công ích"
expect_match "receipt (post): the address it goes to" "$t" "gửi đến địa chỉ: Số 12, đường Lê Lợi"
t=$(rtext "$ce")
expect_match "receipt (electronic): the channel and the email" "$t" "Trực tuyến \(bản điện tử\), gửi đến: hoa.tran@example.vn"
t=$(rtext "$cd_")
expect_match "receipt (desk): at the office" "$t" "6\. Đăng ký nhận kết quả tại: Bộ phận Tiếp nhận và Trả kết quả"

# --- by post ------------------------------------------------------------------
done_ "$cp_"
before=$(row_count)
out=$(m dossier return "$cp_" 2>&1); rc=$?
expect_eq "post without a tracking number: exit 3" "$rc" "3"
expect_match "post without a tracking number: says so" "$out" "--tracking-number"
out=$(m dossier return "$cp_" --tracking-number "AB" 2>&1); rc=$?
expect_eq "a malformed tracking number: exit 3" "$rc" "3"
out=$(m dossier return "$cp_" --tracking-number EA123456789VN --posted-on 2026-02-14 2>&1); rc=$?
expect_eq "posted tomorrow: exit 3" "$rc" "3"
expect_match "posted tomorrow: says the future" "$out" "tương lai"
out=$(m dossier return "$cp_" --tracking-number EA123456789VN --posted-on 2026-02-30 2>&1)
expect_match "an impossible posting date named" "$out" "2026-02-30.*YYYY-MM-DD"
out=$(m dossier return "$cp_" --tracking-number EA123456789VN --receiver-name "Lê Văn B" 2>&1); rc=$?
expect_eq "post with a desk receiver: exit 3" "$rc" "3"
out=$(m dossier return "$cp_" --tracking-number EA123456789VN --result /dev/null 2>&1); rc=$?
expect_eq "post with a result file: exit 3" "$rc" "3"
expect_eq "refused returns wrote nothing" "$(row_count)" "$before"
out=$(m dossier return "$cp_" --tracking-number ea123456789vn --posted-on 2026-02-13)
expect_eq "returned by post" "$out" "$cp_ returned post"
expect_eq "JSON: returned_via" "$(js "$cp_" returned_via)" "post"
expect_eq "JSON: tracking number (upper case)" "$(js "$cp_" post_tracking)" "EA123456789VN"
expect_eq "JSON: posting date" "$(js "$cp_" posted_on)" "2026-02-13"
show=$(m dossier show "$cp_")
expect_match "show: the channel" "$show" "Hình thức trả KQ: Qua dịch vụ bưu chính công ích"
expect_match "show: tracking number and date" "$show" "Số hiệu bưu gửi: EA123456789VN \(gửi ngày 2026-02-13\)"
expect_match "history: the return with its tracking number and date" "$show" "return +done → returned.*
 +Qua dịch vụ bưu chính công ích EA123456789VN 2026-02-13"
expect_eq "the return event carries channel and tracking" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT json_extract(payload, '\$.data.data.channel') || ' ' || json_extract(payload, '\$.data.data.tracking_number') FROM outbox WHERE kind = 'return'")" "post EA123456789VN"
out=$(m dossier return "$cp_" --tracking-number EA123456789VN 2>&1); rc=$?
expect_eq "returned twice: exit 6" "$rc" "6"

# --- at the desk (a citizen who chose the post may still come) ---------------
cp2=$(new --return-channel post --address "$ADDR")
done_ "$cp2"
out=$(m dossier return "$cp2" --channel desk --receiver-name "Trần Thị Hoa" --receiver-id 001090012345)
expect_eq "post chosen, handed over at the desk" "$out" "$cp2 returned desk"
expect_eq "chosen channel kept" "$(js "$cp2" return_channel)" "post"
done_ "$cd_"
m dossier return "$cd_" --receiver-name "Trần Thị Hoa" --receiver-id 001090012345 >/dev/null
expect_eq "desk return: returned_via desk" "$(js "$cd_" returned_via)" "desk"
out=$(m dossier return "$cd_" --channel fax 2>&1); rc=$?
expect_eq "unknown return channel: exit 3" "$rc" "3"

# --- electronic, unsigned -------------------------------------------------------
m print receipt "$cp_" --pdf "$T/result.pdf" >/dev/null   # a PDF to send
done_ "$ce"
before=$(row_count)
out=$(m dossier return "$ce" 2>&1); rc=$?
expect_eq "electronic without a file: exit 3" "$rc" "3"
expect_match "electronic without a file: says --result" "$out" "--result"
printf 'not a pdf\n' >"$T/fake.pdf"
out=$(m dossier return "$ce" --result "$T/fake.pdf" 2>&1); rc=$?
expect_eq "not a PDF: exit 3" "$rc" "3"
expect_match "not a PDF: named" "$out" "fake.pdf.*PDF"
head -c 20000 "$T/result.pdf" >"$T/cut.pdf"
out=$(m dossier return "$ce" --result "$T/cut.pdf" 2>&1); rc=$?
expect_eq "a truncated PDF: exit 3" "$rc" "3"
out=$(m dossier return "$ce" --result "$T/missing.pdf" 2>&1); rc=$?
expect_eq "a missing file: refused" "$rc" "11"
expect_eq "refused sends wrote nothing" "$(row_count)/$(sqlite3 "$MOTCUA_DB" 'SELECT COUNT(*) FROM dossier_files')" "$before/0"
out=$(m dossier return "$ce" --result "$T/result.pdf")
expect_eq "sent electronically" "$out" "$ce result_sent"
expect_eq "still done: awaiting delivery" "$(js "$ce" status)" "done"
expect_match "result_sent_at set" "$(js "$ce" result_sent_at)" "^2026-02-13T10:00"
expect_eq "not returned yet" "$(js "$ce" returned_via)" "null"
expect_eq "one result file row" "$(sqlite3 "$MOTCUA_DB" "SELECT role || ' ' || name || ' ' || source FROM dossier_files")" "result result.pdf file"
sha=$(sqlite3 "$MOTCUA_DB" "SELECT sha256 FROM dossier_files WHERE role = 'result'")
expect_eq "unsigned: the bytes as given" "$sha" "$(sha256sum "$T/result.pdf" | cut -d' ' -f1)"
kept=$(find "$T" -path '*files*' -name "$sha")
expect_match "unsigned: pdfsig finds no signature" "$(pdfsig "$kept" 2>&1)" "does not contain any signatures"
show=$(m dossier show "$ce")
expect_match "show: sent, awaiting confirmation" "$show" "Đã gửi điện tử: .*chờ xác nhận đã nhận"
out=$(m dossier return "$ce" --result "$T/result.pdf" 2>&1); rc=$?
expect_eq "sent twice: exit 6" "$rc" "6"
expect_match "sent twice: says it awaits delivery" "$out" "chờ trung tâm xác nhận"
expect_eq "the result_sent event" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT json_extract(payload, '\$.data.data.sha256') || ' ' || json_extract(payload, '\$.data.data.signed') FROM outbox WHERE kind = 'result_sent'")" "$sha 0"

# --- electronic, signed ----------------------------------------------------------
# a certificate valid around the pinned clock (openssl ca can back-date)
mkdir -p "$T/ca"
: >"$T/ca/index.txt"; echo 1000 >"$T/ca/serial"
cat >"$T/ca/ca.cnf" <<CNF
[ca]
default_ca = d
[d]
dir = $T/ca
database = \$dir/index.txt
new_certs_dir = \$dir
serial = \$dir/serial
default_md = sha256
policy = p
unique_subject = no
[p]
commonName = supplied
organizationName = optional
CNF
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$T/sign.key" 2>/dev/null
openssl req -new -key "$T/sign.key" -utf8 -subj "/CN=BHXH tỉnh Thanh Hóa/O=BHXH" -out "$T/sign.csr"
openssl ca -batch -notext -selfsign -utf8 -config "$T/ca/ca.cnf" -keyfile "$T/sign.key" -in "$T/sign.csr" \
    -startdate 20200101000000Z -enddate 20400101000000Z -out "$T/sign.pem" >/dev/null 2>&1 \
    || bad "test signing certificate"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$T/other.key" 2>/dev/null
cat >"$T/sign.conf" <<CONF
[returns]
sign_cert = $T/sign.pem
sign_key = $T/sign.key
CONF
sed "s#$T/sign.key#$T/other.key#" "$T/sign.conf" >"$T/wrongkey.conf"
ce2=$(new --return-channel electronic --email hoa.tran@example.vn)
done_ "$ce2"
before=$(row_count)
out=$(m --config "$T/wrongkey.conf" dossier return "$ce2" --result "$T/result.pdf" 2>&1); rc=$?
expect_eq "a key that is not the certificate's: exit 3" "$rc" "3"
expect_match "a key that is not the certificate's: named" "$out" "other.key.*không khớp"
expect_eq "refused signing wrote nothing" "$(row_count)/$(sqlite3 "$MOTCUA_DB" 'SELECT COUNT(*) FROM dossier_files')" "$before/1"
out=$(m --config "$T/sign.conf" dossier return "$ce2" --result "$T/result.pdf")
expect_eq "signed and sent" "$out" "$ce2 result_sent"
sha2=$(sqlite3 "$MOTCUA_DB" "SELECT f.sha256 FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id WHERE d.code = '$ce2'")
signed=$(find "$T" -path '*files*' -name "$sha2")
sig=$(pdfsig "$signed" 2>&1)
expect_match "pdfsig: the signature is valid" "$sig" "Signature Validation: Signature is Valid"
expect_match "pdfsig: the whole document is signed" "$sig" "Total document signed"
expect_match "pdfsig: signed by the office's certificate" "$sig" "Common Name: BHXH tỉnh Thanh Hóa"
expect_match "pdfsig: detached PKCS#7, SHA-256" "$sig" "adbe.pkcs7.detached"
expect_match "pdfsig: SHA-256" "$sig" "SHA-256"
expect_eq "signed: the original bytes kept, the signature appended" \
    "$(head -c "$(stat -c %s "$T/result.pdf")" "$signed" | sha256sum | cut -d' ' -f1)" "$(sha256sum "$T/result.pdf" | cut -d' ' -f1)"
expect_eq "signed: the same pages" "$(pdfinfo "$signed" | grep ^Pages)" "$(pdfinfo "$T/result.pdf" | grep ^Pages)"
cp "$signed" "$T/tampered.pdf"; chmod u+w "$T/tampered.pdf"
printf 'X' | dd of="$T/tampered.pdf" bs=1 seek=200 conv=notrunc 2>/dev/null
expect_match "pdfsig: a changed byte breaks the signature" "$(pdfsig "$T/tampered.pdf" 2>&1)" "Signature Validation: (Digest Mismatch|Signature is Invalid)"
expect_eq "the event says signed" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT json_extract(payload, '\$.data.data.signed') || ' ' || json_extract(payload, '\$.data.data.signer') FROM outbox WHERE kind = 'result_sent' AND json_extract(payload, '\$.dossier') = '$ce2'")" "1 BHXH tỉnh Thanh Hóa"
expect_match "history: the file and its signature" "$(m dossier show "$ce2")" "Trực tuyến \(bản điện tử\) tệp ${sha2:0:12}… \(đã ký số\)"

# a PDF whose cross-reference is a stream (PDF 1.5, as many producers
# write): the update appends a classic section after it
python3 - "$T/xs.pdf" <<'PY'
import struct, sys, zlib
parts, off = [b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"], {}
def add(n, body):
    off[n] = sum(map(len, parts))
    parts.append(b"%d 0 obj\n" % n + body + b"\nendobj\n")
text = b"BT /F1 24 Tf 72 720 Td (Ket qua giai quyet) Tj ET"
add(1, b"<< /Type /Catalog /Pages 2 0 R >>")
add(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
add(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
       b" /Resources << /Font << /F1 5 0 R >> >> >>")
add(4, b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream")
add(5, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
x = sum(map(len, parts))
rows = struct.pack(">BIH", 0, 0, 65535) + b"".join(
    struct.pack(">BIH", 1, off[n], 0) for n in range(1, 6)) + struct.pack(">BIH", 1, x, 0)
z = zlib.compress(rows)
parts.append(b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode"
             b" /Length %d >>\nstream\n" % len(z) + z + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % x)
open(sys.argv[1], "wb").write(b"".join(parts))
PY
ce3=$(new --return-channel electronic --email hoa.tran@example.vn)
done_ "$ce3"
out=$(m --config "$T/sign.conf" dossier return "$ce3" --result "$T/xs.pdf")
expect_eq "a cross-reference-stream PDF signed and sent" "$out" "$ce3 result_sent"
sha3=$(sqlite3 "$MOTCUA_DB" "SELECT f.sha256 FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id WHERE d.code = '$ce3'")
kept3=$(find "$T" -path '*files*' -name "$sha3")
expect_match "pdfsig: valid on the cross-reference-stream PDF" "$(pdfsig "$kept3" 2>&1)" "Signature is Valid"
expect_eq "its text still reads" "$(pdftotext "$kept3" - | head -1)" "Ket qua giai quyet"

# --- the book and the report count returns per channel -------------------------
rep=$(m --json report dossiers --from 2026-02-01 --to 2026-02-28)
counts=$(printf '%s' "$rep" | python3 -c 'import json,sys; t=json.load(sys.stdin)["total"]
print(" ".join("%s=%d" % (k, t[k]) for k in ("returned","returned_desk","returned_post","returned_electronic","sent_electronic_awaiting_delivery")))')
expect_eq "report: returns per channel" "$counts" "returned=3 returned_desk=2 returned_post=1 returned_electronic=0 sent_electronic_awaiting_delivery=3"
expect_match "report (text): returns per channel" "$(m report dossiers --from 2026-02-01 --to 2026-02-28)" "Đã trả kết quả: 3 \(tại quầy 2, bưu chính 1, điện tử 0\); đã gửi điện tử, chờ xác nhận: 3"
m print book --from 2026-02-01 --to 2026-02-28 --pdf "$T/book.pdf" >/dev/null
book=$(pdftotext "$T/book.pdf" - | tr -s ' \n' '  ')
expect_match "book: the tracking number and posting date" "$book" "Bưu chính: EA123456789VN, 13/02/2026"
expect_match "book: returns per channel" "$book" "Đã trả kết quả: 3 hồ sơ — Trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả: 2; Qua dịch vụ bưu chính công ích: 1; Trực tuyến \(bản điện tử\): 0"
finish
