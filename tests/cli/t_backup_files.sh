#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Backup and restore carry the dossier files (scans, results): a backup
# copies every file its database names into BACKUP.files/ab/<sha256>
# (0700/0600, checked by SHA-256), a second backup into the same place
# copies only the new ones, a restore into a new place brings the files
# back before the database (`dossier scans` works there), a file damaged or
# missing in the office's files folder makes the backup fail naming the
# dossier and file, and a backup whose files folder is damaged or absent is
# refused before the target is touched unless --allow-missing-files.
. "$(dirname "$0")/lib.sh"
FIX="python3 $(dirname "$0")/../tools/scan_fixtures.py"
init_office
LIVE="$T/files"            # files.dir: the default, next to the database
mkdir -p "$T/bk"
B="$T/bk/office.db"
BF="$B.files"

new_dossier() {
    m dossier new --procedure "$PROC" --applicant-name "$1" \
        --id-number 001190012345 --document "$REQDOC|original|1" \
        --document "Giấy tờ khác|copy|1"
}
sha() { sha256sum "$1" | cut -d' ' -f1; }
stored() { local h; h=$(sha "$2"); echo "$1/${h:0:2}/$h"; }
c1=$(new_dossier "Nguyễn Thị Hường")
c2=$(new_dossier "Trần Văn Bình")
(cd "$T" && $FIX pdf two.pdf 2 && $FIX png one.png 40000 && $FIX jpeg one.jpg \
    && $FIX pdf three.pdf 3)
m dossier attach "$c1" --paper 1 "$T/two.pdf" "$T/one.png" >/dev/null
m dossier attach "$c1" --paper 2 "$T/one.jpg" >/dev/null
m dossier attach "$c2" --paper 1 "$T/one.png" >/dev/null   # same bytes: one blob
expect_eq "the office has 3 stored files for 4 attachments" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM blobs")/$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files")" "3/4"
total=$(( $(stat -c %s "$T/two.pdf") + $(stat -c %s "$T/one.png") + $(stat -c %s "$T/one.jpg") ))

# --- the first backup copies every file --------------------------------------
out=$(m --json backup "$B"); rc=$?
expect_eq "backup of an office with scans" "$rc" "0"
expect_eq "it reports 3 files copied, none already there" \
    "$(echo "$out" | jget files.total)/$(echo "$out" | jget files.copied)/$(echo "$out" | jget files.present)" "3/3/0"
expect_eq "it reports the bytes copied" "$(echo "$out" | jget files.bytes_copied)" "$total"
expect_eq "it names the files folder" "$(echo "$out" | jget files.dir)" "$BF"
for f in two.pdf one.png one.jpg; do
    expect_eq "$f is in the backup's folder with its bytes" \
        "$(cmp -s "$(stored "$BF" "$T/$f")" "$T/$f" && echo same)" "same"
done
p=$(stored "$BF" "$T/one.jpg")
expect_eq "the files folder, its sub-folder and the file are 0700/0700/0600" \
    "$(stat -c %a "$BF")/$(stat -c %a "$(dirname "$p")")/$(stat -c %a "$p")" "700/700/600"
expect_eq "every copy is named by its own SHA-256" \
    "$(find "$BF" -type f | while read -r f; do [ "$(sha "$f")" = "$(basename "$f")" ] || echo bad; done | wc -l)" "0"
expect_eq "no temporary file left in the files folder" "$(find "$BF" -name '.*' | wc -l)" "0"

# --- a second backup into the same place is incremental ----------------------
ino=$(stat -c %i "$p")
out=$(m backup --force "$B"); rc=$?
expect_eq "a second backup into the same place" "$rc" "0"
expect_match "it copies nothing new (text report)" "$out" '3 tệp, đã chép 0 \(0 byte\), có sẵn 3'
expect_eq "the file already there is not rewritten" "$(stat -c %i "$p")" "$ino"
m dossier attach "$c2" --paper 2 "$T/three.pdf" >/dev/null
out=$(m --json backup --force "$B"); rc=$?
expect_eq "after one more scan: 1 copied, 3 already there" \
    "$rc $(echo "$out" | jget files.copied)/$(echo "$out" | jget files.present)/$(echo "$out" | jget files.bytes_copied)" \
    "0 1/3/$(stat -c %s "$T/three.pdf")"

# a damaged copy in the backup's folder is copied again by the next backup
printf 'XXXX' | dd of="$p" bs=1 seek=10 conv=notrunc status=none
out=$(m --json backup --force "$B"); rc=$?
expect_eq "a damaged copy in the backup's folder is replaced by the next backup" \
    "$rc $(echo "$out" | jget files.copied)/$(echo "$out" | jget files.present) $(cmp -s "$p" "$T/one.jpg" && echo same)" \
    "0 1/3 same"

# dated backups sharing one files folder: each copies only the new files
out=$(m --json backup --backup-files "$T/shared" "$T/bk/day1.db"); rc=$?
expect_eq "a dated backup into a shared files folder" \
    "$rc $(echo "$out" | jget files.copied)/$(echo "$out" | jget files.dir)" "0 4/$T/shared"
out=$(m --json backup --backup-files "$T/shared" "$T/bk/day2.db"); rc=$?
expect_eq "the next day's backup copies nothing already in it" \
    "$rc $(echo "$out" | jget files.copied)/$(echo "$out" | jget files.present)" "0 0/4"
m --db "$T/d2/office.db" restore "$T/bk/day2.db" 2>"$T/err"
expect_eq "its restore without --backup-files finds no folder" "$?" "4"
expect_match "...and says how to name it" "$(cat "$T/err")" '--backup-files'
out=$(m --db "$T/d2/office.db" --json restore --backup-files "$T/shared" "$T/bk/day2.db"); rc=$?
expect_eq "restore --backup-files DIR brings the 4 files back" \
    "$rc $(echo "$out" | jget files.restored)" "0 4"
m backup --backup-files "$LIVE" "$T/bk/y.db" 2>"$T/err"
expect_eq "the office's own files folder is refused as a backup folder" \
    "$?/$([ -e "$T/bk/y.db" ] && echo written || echo none)" "3/none"
expect_match "...saying so" "$(cat "$T/err")" 'files.dir'
m backup --backup-files "" "$T/bk/x.db" 2>"$T/err"
expect_eq "an empty --backup-files is a usage error" "$?" "2"
expect_match "...naming the option" "$(cat "$T/err")" '--backup-files'

# --- restore into a new place brings the files back --------------------------
R="$T/new/office.db"
out=$(m --db "$R" --json restore "$B"); rc=$?
expect_eq "restore into a new place" "$rc" "0"
expect_eq "it restores the 4 files" \
    "$(echo "$out" | jget files.restored)/$(echo "$out" | jget files.present)/$(echo "$out" | jget files.missing)" "4/0/0"
for f in two.pdf one.png one.jpg three.pdf; do
    expect_eq "$f is back in the new files folder" \
        "$(cmp -s "$(stored "$T/new/files" "$T/$f")" "$T/$f" && echo same)" "same"
done
p=$(stored "$T/new/files" "$T/three.pdf")
expect_eq "restored folders 0700, files 0600" \
    "$(stat -c %a "$T/new/files")/$(stat -c %a "$(dirname "$p")")/$(stat -c %a "$p")" "700/700/600"
out=$(m --db "$R" --json dossier scans "$c1"); rc=$?
expect_eq "dossier scans works on the restored office" \
    "$rc $(echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["papers"][0]["files"]), len(d["papers"][1]["files"]))')" "0 2 1"
expect_match "audit chain of the restore verifies" "$(m --db "$R" audit verify)" "nguyên vẹn"
expect_eq "the restore's audit row counts the files" \
    "$(sqlite3 "$R" "SELECT json_extract(detail,'\$.files') FROM audit ORDER BY id DESC LIMIT 1" 2>/dev/null)" "4"

# restoring over an office that has every file copies none
out=$(m --json restore --force "$B"); rc=$?
expect_eq "restore over the office itself: every file already there" \
    "$rc $(echo "$out" | jget files.restored)/$(echo "$out" | jget files.present)" "0 0/4"

# --- a damaged or missing file in files.dir fails the backup -----------------
live=$(stored "$LIVE" "$T/one.jpg")
printf 'XXXX' | dd of="$live" bs=1 seek=100 conv=notrunc status=none
out=$(m backup "$T/bk2.db" 2>"$T/err"); rc=$?
expect_eq "a damaged scan in files.dir fails the backup (exit 11)" "$rc" "11"
expect_match "...saying the backup is incomplete" "$(cat "$T/err")" 'CHƯA ĐẦY ĐỦ'
expect_match "...naming the dossier and the file" "$(cat "$T/err")" "hồ sơ $c1, tệp \"one.jpg\""
expect_match "...and that it is damaged" "$(cat "$T/err")" 'hỏng: mã băm SHA-256'
expect_eq "the database copy is kept, the damaged file is not copied" \
    "$([ -s "$T/bk2.db" ] && echo db)/$(find "$T/bk2.db.files" -type f | wc -l)" "db/3"
rm "$(stored "$LIVE" "$T/two.pdf")"
m backup --force "$T/bk2.db" 2>/dev/null
expect_eq "into the same place, a file already copied is not needed again" "$?" "11"
expect_eq "...so only the damaged one is reported" \
    "$(find "$T/bk2.db.files" -type f | wc -l)" "3"
m backup "$T/bk3.db" 2>"$T/err"
expect_eq "into a new place, a missing scan fails the backup too" "$?" "11"
expect_match "...naming it" "$(cat "$T/err")" '2 tệp hồ sơ bị thiếu hoặc hỏng.*tệp "two.pdf".*không có tệp'
# the incomplete backup is refused by restore unless told
m --db "$T/inc/office.db" restore "$T/bk2.db" 2>"$T/err"
expect_eq "restoring the incomplete backup is refused" "$?" "4"
expect_match "...naming the missing file and the option" "$(cat "$T/err")" 'one.jpg.*--allow-missing-files'
expect_eq "...and nothing was created" "$(ls -A "$T/inc" 2>/dev/null | wc -l)" "0"
out=$(m --db "$T/inc/office.db" restore --allow-missing-files "$T/bk2.db"); rc=$?
expect_eq "--allow-missing-files restores it anyway" "$rc" "0"
expect_match "...warning about the missing file" "$out" 'CẢNH BÁO: 1 tệp hồ sơ'

# restoring a good backup over the office repairs its damaged files
out=$(m --json restore --force "$B"); rc=$?
expect_eq "restore --force of the good backup puts back the damaged and missing files" \
    "$rc $(echo "$out" | jget files.restored)" "0 2"
expect_eq "...with the right bytes" \
    "$(cmp -s "$live" "$T/one.jpg" && cmp -s "$(stored "$LIVE" "$T/two.pdf")" "$T/two.pdf" && echo same)" "same"
expect_eq "a backup works again" "$(m backup --force "$T/bk2.db" >/dev/null; echo $?)" "0"

# --- a damaged backup folder: refused before the target is touched -----------
mkdir -p "$T/copy"; cp -a "$B" "$BF" "$T/copy/"
bad=$(stored "$T/copy/office.db.files" "$T/three.pdf")
printf 'XXXX' | dd of="$bad" bs=1 seek=50 conv=notrunc status=none
m --db "$T/fresh/office.db" restore "$T/copy/office.db" 2>"$T/err"
expect_eq "a damaged file in the backup's folder is refused (exit 11)" "$?" "11"
expect_match "...naming the dossier and file" "$(cat "$T/err")" "hồ sơ $c2, tệp \"three.pdf\".*hỏng"
expect_eq "...and the new place is untouched" "$(ls -A "$T/fresh" 2>/dev/null | wc -l)" "0"
before=$(row_count)
rm "$(stored "$LIVE" "$T/three.pdf")"
m restore --force "$T/copy/office.db" 2>/dev/null
expect_eq "over an existing office missing that file too" "$?" "11"
expect_eq "...which is unchanged" "$(row_count)" "$before"
expect_eq "...and left no temporary file" "$(ls -A "$T" | grep -c '^\.office')" "0"

# --- a backup without its files folder ---------------------------------------
mkdir -p "$T/lone"; cp "$B" "$T/lone/office.db"
m --db "$T/fresh/office.db" restore "$T/lone/office.db" 2>"$T/err"
expect_eq "a backup whose files folder is missing is refused" "$?" "4"
expect_match "...saying which folder and how to go on" "$(cat "$T/err")" \
    "4 tệp hồ sơ nhưng không có thư mục tệp $T/lone/office.db.files.*--allow-missing-files"
expect_eq "...nothing created" "$(ls -A "$T/fresh" 2>/dev/null | wc -l)" "0"
out=$(m --db "$T/fresh/office.db" --json restore --allow-missing-files "$T/lone/office.db"); rc=$?
expect_eq "--allow-missing-files restores the database alone" \
    "$rc $(echo "$out" | jget files.missing)" "0 4"

# a backup of an office without files needs no folder
echo "$MOTCUA_PASSWORD" | m --db "$T/plain/office.db" init --office-code 000.00.06.H56 \
    --office-name "BHXH tỉnh Thanh Hóa" --admin admin --password-stdin >/dev/null
out=$(m --db "$T/plain/office.db" --json backup "$T/plain.db"); rc=$?
expect_eq "an office without files: backup, no files folder" \
    "$rc $(echo "$out" | jget files.total) $([ -e "$T/plain.db.files" ] && echo folder || echo none)" "0 0 none"
m --db "$T/plain2/office.db" restore "$T/plain.db" >/dev/null
expect_eq "...and its restore needs none" "$?" "0"
finish
