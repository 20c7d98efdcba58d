#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Scanned papers (issue 12): attach PDF, PNG and JPEG to a dossier's papers;
# refuse wrong magic bytes, truncated files, password-protected PDFs and
# files over the limits, each naming the file and the reason, with nothing
# half-attached; bytes stored once per SHA-256 with 0700 folders and 0600
# files; the scanner folder; `dossier scans` per paper.
. "$(dirname "$0")/lib.sh"
FIX="python3 $(dirname "$0")/../tools/scan_fixtures.py"
init_office
export MOTCUA_CONFIG="$T/motcua.conf"
cat >"$MOTCUA_CONFIG" <<CONF
[files]
max_file_mib = 2
max_dossier_mib = 5
[scans]
folder = $T/inbox
CONF
FILES="$T/files"   # the default: next to the database

code=$(m dossier new --procedure "$PROC" --applicant-name "Nguyễn Thị Hường" \
    --id-number 001190012345 --document "$REQDOC|original|1" \
    --document "Giấy tờ khác|copy|1")
expect_match "a dossier with two papers" "$code" '^000\.00\.06\.H56-260213-0001$'

cd "$T" || exit 1
$FIX pdf two.pdf 2; $FIX png one.png; $FIX jpeg one.jpg
$FIX encrypted locked.pdf
$FIX cut cut.pdf two.pdf 300; $FIX cut cut.png one.png 200; $FIX cut cut.jpg one.jpg 500
printf 'this is not a scan\n' > notes.pdf
cp one.png looks-like.jpg
$FIX png big.png 2200000
$FIX png big1.png 1900000; $FIX png big2.png 1900000; $FIX png big3.png 1900000
if command -v qpdf >/dev/null; then
    qpdf --encrypt user owner 256 -- two.pdf qlocked.pdf
fi

files_on_disk() { find "$FILES" -type f 2>/dev/null | wc -l | tr -d ' '; }
snap() { echo "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files")/$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM blobs")/$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit")/$(files_on_disk)"; }

# --- good files -------------------------------------------------------------
out=$(m dossier attach "$code" --paper 1 two.pdf one.png 2>&1); rc=$?
expect_eq "attach a PDF and a PNG to paper 1" "$rc" "0"
expect_match "the PDF's two pages are counted" "$out" 'two\.pdf [0-9]+ 2$'
out=$(m --json dossier attach "$code" --paper 2 one.jpg); rc=$?
expect_eq "attach a JPEG to paper 2" "$rc" "0"
expect_eq "the JPEG is image/jpeg, one page" \
    "$(echo "$out" | jget files.0.mime)/$(echo "$out" | jget files.0.pages)" "image/jpeg/1"
sha=$(sha256sum one.jpg | cut -d' ' -f1)
expect_eq "the hash is the file's SHA-256" "$(echo "$out" | jget files.0.sha256)" "$sha"
$FIX pdf three.pdf 4
out=$(MOTCUA_NO_LIBCRYPTO=1 m --json dossier attach "$code" --paper 2 three.pdf); rc=$?
expect_eq "hashed by libsodium when libcrypto is not used: the same SHA-256" \
    "$rc $(echo "$out" | jget files.0.sha256)" "0 $(sha256sum three.pdf | cut -d' ' -f1)"
expect_eq "the bytes are stored under files/ab/abcdef..." \
    "$(cmp -s "$FILES/${sha:0:2}/$sha" one.jpg && echo same)" "same"
expect_eq "the files folder is 0700" "$(stat -c %a "$FILES")" "700"
expect_eq "its sub-folders are 0700" "$(stat -c %a "$FILES/${sha:0:2}")" "700"
expect_eq "the stored file is 0600" "$(stat -c %a "$FILES/${sha:0:2}/$sha")" "600"
expect_eq "one audit row per attach" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit WHERE action = 'file.attach' AND object = '$code'")" "3"
expect_eq "no temporary file is left behind" "$(find "$FILES" -name '.incoming-*' | wc -l)" "0"

if command -v qpdf >/dev/null; then
    # pages inside compressed object streams: counted by libqpdf (dlopen)
    $FIX pdf five.pdf 5
    qpdf --object-streams=generate five.pdf packed.pdf
    out=$(m dossier attach "$code" --paper 1 packed.pdf 2>&1); rc=$?
    expect_match "a PDF with object streams: its 5 pages are counted" "$out" 'packed\.pdf [0-9]+ 5$'
fi

# a temporary copy a stopped desk left a week ago goes at the next attach
# (even one that is refused);
# a fresh one (another desk's, staging now) stays
: > "$FILES/.incoming-stale1"; touch -d '8 days ago' "$FILES/.incoming-stale1"
: > "$FILES/.incoming-fresh1"
m dossier attach "$code" --paper 1 notes.pdf >/dev/null 2>&1 # (refused)
expect_eq "a week-old temporary copy is removed, a fresh one kept" \
    "$(ls -A "$FILES" | grep -c '^\.incoming-stale1$')/$(ls -A "$FILES" | grep -c '^\.incoming-fresh1$')" "0/1"
rm -f "$FILES/.incoming-fresh1"

# --- the same bytes twice: one blob -------------------------------------------
before=$(files_on_disk)
cp one.png copy-of-one.png
out=$(m dossier attach "$code" --paper 2 copy-of-one.png 2>&1); rc=$?
expect_eq "the same bytes on another paper are attached" "$rc" "0"
expect_eq "... but stored once (one file on disk)" "$(files_on_disk)" "$before"
expect_eq "... one blob row for them" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM blobs WHERE sha256 = '$(sha256sum one.png | cut -d' ' -f1)'")" "1"
n1=$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files")
out=$(m dossier attach "$code" --paper 2 one.png 2>&1); rc=$?
expect_eq "the same bytes on the same paper again is not an error" "$rc" "0"
expect_match "... and says they are already there" "$out" 'đã có sẵn'
expect_eq "... and adds no row" "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files")" "$n1"

# --- refusals: each names the file and the reason; nothing half-attached -----
refuse() { # WHAT WANT_RC PATTERN ARGS...
    local what=$1 want=$2 pat=$3; shift 3
    local s0 s1 out rc
    s0=$(snap)
    out=$(m dossier attach "$@" 2>&1); rc=$?
    s1=$(snap)
    expect_eq "$what: exit $want" "$rc" "$want"
    expect_match "$what: the message" "$out" "$pat"
    expect_eq "$what: nothing attached, stored or audited" "$s1" "$s0"
}
refuse "a text file named .pdf" 3 'notes\.pdf: nội dung tệp không phải PDF, PNG hay JPEG' \
    "$code" --paper 1 notes.pdf
refuse "a PNG named .jpg" 3 'looks-like\.jpg: đuôi tệp là JPEG nhưng nội dung là PNG' \
    "$code" --paper 1 looks-like.jpg
refuse "a truncated PDF" 3 'cut\.pdf: tệp PDF không trọn vẹn' "$code" --paper 1 cut.pdf
refuse "a truncated PNG" 3 'cut\.png: tệp PNG không trọn vẹn' "$code" --paper 1 cut.png
refuse "a truncated JPEG" 3 'cut\.jpg: tệp JPEG không trọn vẹn' "$code" --paper 1 cut.jpg
refuse "a password-protected PDF" 3 'locked\.pdf: tệp PDF có mật khẩu' "$code" --paper 1 locked.pdf
if [ -f qlocked.pdf ]; then
    refuse "a PDF encrypted by qpdf (AES-256)" 3 'qlocked\.pdf: tệp PDF có mật khẩu' \
        "$code" --paper 1 qlocked.pdf
fi
refuse "a good file then a bad one: neither" 3 'notes\.pdf' "$code" --paper 1 two.pdf one.jpg notes.pdf
refuse "a file over files.max_file_mib" 13 'big\.png: tệp lớn hơn giới hạn 2 MiB' \
    "$code" --paper 1 big.png
refuse "a dossier over files.max_dossier_mib" 13 'quá giới hạn 5 MiB một hồ sơ' \
    "$code" --paper 1 big1.png big2.png big3.png
refuse "an unknown dossier" 4 'Không có hồ sơ' 000.00.06.H56-260213-0999 --paper 1 one.png
refuse "a paper the dossier does not have" 3 'không có giấy tờ số 3' "$code" --paper 3 one.png
refuse "a missing file" 4 'nope\.pdf: không mở được tệp' "$code" --paper 1 nope.pdf
refuse "a folder" 3 'không phải là một tệp thông thường' "$code" --paper 1 "$T"
mkfifo "$T/pipe.pdf"
refuse "a named pipe, without waiting for a writer" 3 'pipe\.pdf: không phải là một tệp thông thường' \
    "$code" --paper 1 "$T/pipe.pdf"
: > empty.pdf
refuse "an empty file" 3 "empty\\.pdf: tệp rỗng" "$code" --paper 1 empty.pdf
out=$(m dossier attach "$code" --paper 0 one.png 2>&1); rc=$?
expect_eq "--paper 0 is a usage error" "$rc" "2"
out=$(m dossier attach "$code" one.png 2>&1); rc=$?
expect_eq "no --paper is a usage error" "$rc" "2"

# --- dossier scans ---------------------------------------------------------------
out=$(m --json dossier scans "$code"); rc=$?
expect_eq "dossier scans --json" "$rc" "0"
if command -v qpdf >/dev/null; then want1="3 8"; else want1="2 3"; fi
expect_eq "paper 1: its files and pages" \
    "$(echo "$out" | python3 -c 'import json,sys; p=json.load(sys.stdin)["papers"][0]; print(len(p["files"]), p["pages"])')" "$want1"
expect_eq "paper 2: three files (the JPEG, the PDF and the PNG)" \
    "$(echo "$out" | python3 -c 'import json,sys; p=json.load(sys.stdin)["papers"][1]; print(len(p["files"]), p["pages"], p["files"][0]["added_by"], p["files"][0]["source"])')" "3 6 admin file"
out=$(m dossier scans "$code"); rc=$?
expect_match "dossier scans lists each paper with its pages" "$out" '[23] tệp, [38] trang'
out=$(m dossier scans 000.00.06.H56-260213-0999 2>&1); rc=$?
expect_eq "dossier scans of an unknown dossier: exit 4" "$rc" "4"

# --- the scanner folder ----------------------------------------------------------
mkdir -p "$T/inbox"
$FIX pdf "$T/inbox/scan-a.pdf" 1; touch -d '2026-02-13 09:00' "$T/inbox/scan-a.pdf"
$FIX pdf "$T/inbox/scan-b.pdf" 3; touch -d '2026-02-13 09:10' "$T/inbox/scan-b.pdf"
$FIX png "$T/inbox/scan-c.png" 5000; touch -d '2026-02-13 09:20' "$T/inbox/scan-c.png"
: > "$T/inbox/.partial.pdf"
out=$(m dossier scanner-folder); rc=$?
expect_eq "scanner-folder lists the folder" "$rc" "0"
expect_eq "newest first, hidden files left out" \
    "$(echo "$out" | awk '{print $NF}' | tr '\n' ' ')" "scan-c.png scan-b.pdf scan-a.pdf "
out=$(m --json dossier scanner-folder --newest 1)
expect_eq "--newest 1" "$(echo "$out" | jget 0.name)" "scan-c.png"
out=$(m --json dossier attach "$code" --paper 2 --from-folder --newest 2); rc=$?
expect_eq "attach the two newest scans of the folder" "$rc" "0"
expect_eq "... scan-c and scan-b" \
    "$(echo "$out" | jget files.0.name) $(echo "$out" | jget files.1.name)" "scan-c.png scan-b.pdf"
expect_eq "... recorded with source folder" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files WHERE source = 'folder'")" "2"
out=$(m dossier attach "$code" --paper 1 --from-folder scan-a.pdf 2>&1); rc=$?
expect_eq "attach a folder file by its name" "$rc" "0"
out=$(m dossier attach "$code" --paper 1 --from-folder nothere.pdf 2>&1); rc=$?
expect_eq "a name not in the folder: exit 4" "$rc" "4"
expect_match "... named" "$out" 'nothere\.pdf: không có trong thư mục máy quét'

# --- mandatory scans shown ----------------------------------------------------
code2=$(m dossier new --procedure "$PROC" --applicant-name "Trần Văn An" \
    --id-number 001190012345 --document "$REQDOC|original|1")
printf '[scans]\nmandatory = yes\n' > "$T/mandatory.conf"
out=$(MOTCUA_CONFIG="$T/mandatory.conf" m --json dossier scans "$code2")
expect_eq "scans.mandatory: the required paper without a scan is listed" \
    "$(echo "$out" | jget missing_scans.0)" "1"
out=$(MOTCUA_CONFIG="$T/mandatory.conf" m dossier scans "$code2")
expect_match "... and shown" "$out" 'CHƯA CÓ BẢN QUÉT \(bắt buộc\)'

# --- detach: a scan attached by mistake is taken back, never deleted -----------
scans_json() { m --json dossier scans "$1"; }
fid() { # CODE PAPER INDEX -> the id of that file
    scans_json "$1" | python3 -c "import json,sys; print(json.load(sys.stdin)['papers'][$2 - 1]['files'][$3]['id'])"
}
$FIX png wrong.png 3000
out=$(m --json dossier attach "$code2" --paper 1 wrong.png); rc=$?
expect_eq "code2: a wrong page attached to paper 1" "$rc" "0"
out=$(MOTCUA_CONFIG="$T/mandatory.conf" m --json dossier scans "$code2")
expect_eq "... the mandatory check is satisfied" "$(echo "$out" | jget missing_scans)" "[]"
wid=$(fid "$code2" 1 0)
wsha=$(sha256sum wrong.png | cut -d' ' -f1)
expect_match "dossier scans --json lists each file's id" "$wid" '^[0-9]+$'
detach_refused() { # WHAT WANT_RC PATTERN ARGS...
    local what=$1 want=$2 pat=$3; shift 3
    local s0 s1 out rc
    s0="$(snap)/$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files WHERE detached_at IS NOT NULL")"
    out=$(m dossier detach "$@" 2>&1); rc=$?
    s1="$(snap)/$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files WHERE detached_at IS NOT NULL")"
    expect_eq "detach, $what: exit $want" "$rc" "$want"
    expect_match "detach, $what: the message" "$out" "$pat"
    expect_eq "detach, $what: nothing detached or audited" "$s1" "$s0"
}
detach_refused "no --reason" 2 'thiếu --reason' "$code2" --file "$wid"
detach_refused "an empty --reason" 3 'phải ghi rõ lý do' "$code2" --file "$wid" --reason "   "
detach_refused "no --file" 2 'thiếu --file' "$code2" --reason "nhầm"
detach_refused "--file not a number" 2 '--file "abc"' "$code2" --file abc --reason "nhầm"
detach_refused "an unknown file id" 4 "không có tệp số 99999" "$code2" --file 99999 --reason "nhầm"
other=$(fid "$code" 1 0)
detach_refused "another dossier's file" 4 "Hồ sơ $code2 không có tệp số $other" \
    "$code2" --file "$other" --reason "nhầm"
detach_refused "an unknown dossier" 4 'Không có hồ sơ' 000.00.06.H56-260213-0999 --file "$wid" --reason "nhầm"
# a result file (as returning a dossier records it) is not a scan
sqlite3 "$MOTCUA_DB" "INSERT INTO dossier_files(dossier_id, role, paper, sha256, name, source, added_by, added_at) SELECT id, 'result', NULL, '$wsha', 'ket-qua.png', 'desk', 'admin', 0 FROM dossiers WHERE code = '$code2'"
rid=$(sqlite3 "$MOTCUA_DB" "SELECT MAX(id) FROM dossier_files WHERE role = 'result'")
detach_refused "a result file" 3 'là tệp kết quả' "$code2" --file "$rid" --reason "nhầm"

blobs0=$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM blobs")/$(files_on_disk)
out=$(m dossier detach "$code2" --file "$wid" --reason "Trang của công dân khác" 2>&1); rc=$?
expect_eq "detach the wrong page" "$rc" "0"
expect_match "... says which file left which dossier" "$out" "#$wid \(wrong\.png, giấy tờ 1\).*$code2"
out=$(MOTCUA_CONFIG="$T/mandatory.conf" m --json dossier scans "$code2")
expect_eq "after detach: paper 1 has no file, no page" \
    "$(echo "$out" | python3 -c 'import json,sys; p=json.load(sys.stdin)["papers"][0]; print(len(p["files"]), p["pages"], p["bytes"])')" "0 0 0"
expect_eq "... the mandatory check flips back: paper 1 is missing" "$(echo "$out" | jget missing_scans.0)" "1"
expect_eq "... the file is listed under detached, with who and why" \
    "$(echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin)["detached"]; print(len(d), d[0]["id"], d[0]["name"], d[0]["paper"], d[0]["detached_by"], d[0]["detach_reason"])')" \
    "1 $wid wrong.png 1 admin Trang của công dân khác"
out=$(m dossier scans "$code2")
expect_match "... and shown apart in the text listing" "$out" 'Đã gỡ khỏi hồ sơ:'
expect_match "... with the reason" "$out" 'gỡ bởi admin lúc .*: Trang của công dân khác'
expect_eq "the row stays (history), the bytes stay in the blob store" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files WHERE id = $wid")/$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM blobs")/$(files_on_disk)" \
    "1/$blobs0"
expect_eq "one file.detach audit row naming the file and the reason" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit WHERE action = 'file.detach' AND object = '$code2' AND detail LIKE '%\"file\":$wid%' AND detail LIKE '%Trang của công dân khác%'")" "1"
detach_refused "a file detached already" 6 'đã được gỡ' "$code2" --file "$wid" --reason "lần nữa"
out=$(sqlite3 "$MOTCUA_DB" "DELETE FROM dossier_files WHERE id = $wid" 2>&1)
expect_match "the database refuses to delete a file row" "$out" 'never deleted'
out=$(sqlite3 "$MOTCUA_DB" "UPDATE dossier_files SET detached_at = NULL WHERE id = $wid" 2>&1)
expect_match "... or to undo a detach" "$out" 'stays detached'
# the same bytes attached again (to the right paper this time) count again
out=$(m dossier attach "$code2" --paper 1 wrong.png 2>&1); rc=$?
expect_eq "the same bytes can be attached again after a detach" "$rc" "0"
expect_eq "... and count again" "$(scans_json "$code2" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["papers"][0]["files"]))')" "1"
# a detached file no longer counts against files.max_dossier_mib
code3=$(m dossier new --procedure "$PROC" --applicant-name "Lê Văn Cường" \
    --id-number 001190012345 --document "$REQDOC|original|1")
m dossier attach "$code3" --paper 1 big1.png big2.png >/dev/null 2>&1 || echo "FAILED attach big1 big2"
out=$(m dossier attach "$code3" --paper 1 big3.png 2>&1); rc=$?
expect_eq "code3: a third big file is over the dossier limit" "$rc" "13"
m dossier detach "$code3" --file "$(fid "$code3" 1 1)" --reason "Tệp nhầm" >/dev/null || echo "FAILED detach"
out=$(m dossier attach "$code3" --paper 1 big3.png 2>&1); rc=$?
expect_eq "... after detaching one, it fits" "$rc" "0"
# a closed dossier keeps its files as they are
m dossier advance "$code3" --to withdrawn --note "Công dân rút hồ sơ" >/dev/null || echo "FAILED withdraw"
detach_refused "a withdrawn dossier" 6 'đã kết thúc' "$code3" --file "$(fid "$code3" 1 0)" --reason "nhầm"
out=$(m --json dossier detach "$code" --file "$(fid "$code" 2 0)" --reason "Sai giấy tờ"); rc=$?
expect_eq "detach --json" "$rc/$(echo "$out" | jget detached)/$(echo "$out" | jget paper)" "0/true/2"

# the audit chain still verifies
out=$(m audit verify 2>&1); rc=$?
expect_eq "audit verify" "$rc" "0"
finish
