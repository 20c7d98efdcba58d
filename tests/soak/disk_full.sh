#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# disk_full.sh - a full disk and a read-only database, for the database,
# the receipts folder and the backup target.
#
# On a small tmpfs (2 MiB) the office takes in dossiers until the disk is
# full.  The failing intake must exit with status 11 (file or device) and
# say "Ổ đĩa đầy" (disk full); nothing is half-written, no code is burned
# (retrying fails the same way and leaves the count as it was), and after
# space is freed the next intake takes the next number.  The database on a
# read-only mount: exit 11, a message that names the read-only file system,
# the file unchanged.  The receipts folder full: the print fails with 11,
# the dossier is kept, no partial PDF is left; then it prints (read-only:
# 11 too, the dossier kept).  The backup
# target full or read-only: the backup fails with 11, no partial file; then
# it works.  Needs mount (root); skips with a clear message otherwise.
# Loopback only, a few seconds.
. "$(dirname "$0")/../cli/lib.sh"
skip() { echo "skipped: $1"; echo "0 passed, 0 failed"; exit 0; }
export CUPS_SERVER="$T/no-cups.sock" # no printer: receipts become files
SMALL="$T/small"
RW="$T/rw"
RO="$T/ro"
mkdir -p "$SMALL" "$RW" "$RO"
mount -t tmpfs -o size=2m,mode=0700 motcua-soak "$SMALL" 2>/dev/null \
    || skip "cannot mount a tmpfs here (needs root, or CAP_SYS_ADMIN)"
cleanup() {
    mountpoint -q "$RO" && umount "$RO"
    mountpoint -q "$SMALL" && umount "$SMALL"
    rm -rf "$T"
}
trap cleanup EXIT

init_office
intake() {
    m "$@" dossier new --procedure "$PROC" --applicant-name "Nguyễn Thị Hường" \
        --id-number 001190012345 --document "$REQDOC|original|1"
}
counts() { # issued codes / dossiers / history / audit / outbox
    sqlite3 "$MOTCUA_DB" "SELECT (SELECT COUNT(*) FROM issued_codes)||'/'||(SELECT COUNT(*) FROM dossiers)||'/'||(SELECT COUNT(*) FROM history)||'/'||(SELECT COUNT(*) FROM audit)||'/'||(SELECT COUNT(*) FROM outbox)"
}
free_kb() { df -k --output=avail "$SMALL" | tail -1 | tr -d ' '; }
gapless() { sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) = MAX(seq) AND MIN(seq) = 1 FROM issued_codes"; }

# --- the database on a full disk -------------------------------------------
sqlite3 "$MOTCUA_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$MOTCUA_DB" "$SMALL/office.db"
export MOTCUA_DB="$SMALL/office.db"
# leave about 150 KiB: a few intakes fit (each process needs room for its
# WAL and shared-memory files while it runs, on top of what it adds)
head -c "$(( ($(free_kb) - 150) * 1024 ))" /dev/zero > "$SMALL/filler"
n=0 rc=0
while [ "$n" -lt 2000 ]; do
    out=$(intake 2>&1); rc=$?
    [ "$rc" = 0 ] || break
    n=$((n + 1))
done
echo "# $n intakes before the disk was full ($(free_kb) KiB free)"
[ "$n" -gt 0 ] && ok "intakes succeed while there is space ($n)" || bad "intakes succeed while there is space"
say() { printf '%s\n' "$1" | head -2 | sed 's/^/# says: /'; }
say "$out"
expect_eq "disk full: exit status 11 (file or device)" "$rc" "11"
expect_match "disk full: the message says the disk is full" "$out" "Ổ đĩa đầy"
expect_match "disk full: and that nothing was written" "$out" "không có gì được ghi"
before=$(counts)
expect_eq "disk full: nothing half-written (codes = dossiers = history = $n + 0)" \
    "$(echo "$before" | cut -d/ -f1-3)" "$n/$n/$n"
json=$(intake --json 2>/dev/null); rc2=$?
expect_eq "disk full again: the same status" "$rc2" "11"
expect_eq "disk full, --json: error code io" "$(printf '%s' "$json" | jget error.code 2>/dev/null)" "io"
for k in 1 2 3; do intake >/dev/null 2>&1; done
expect_eq "disk full: retries burn no code and write nothing" "$(counts)" "$before"
expect_eq "disk full: PRAGMA integrity_check" "$(sqlite3 "$MOTCUA_DB" "PRAGMA integrity_check")" "ok"
expect_match "disk full: audit chain verifies" "$(m audit verify 2>&1)" "nguyên vẹn"
expect_match "disk full: reading still works (search)" "$(m dossier search nguyen thi huong 2>&1 | head -1)" "000\.00\.06\.H56-260213-"
# every last block taken: opening the database may fail, and then it says why
head -c "$(( $(free_kb) * 1024 ))" /dev/zero > "$SMALL/filler2" 2>/dev/null
out=$(m dossier show "$(printf '000.00.06.H56-260213-%04d' "$n")" 2>&1); rc=$?
say "$out"
if [ "$rc" = 0 ]; then ok "disk full to the last block: reading still works"
else expect_match "disk full to the last block: exit 11, the disk is full" "$rc $out" "^11 .*Ổ đĩa.*đầy"; fi
rm -f "$SMALL/filler" "$SMALL/filler2"
code=$(intake 2>&1)
expect_eq "space freed: the next intake takes the next number" "$code" \
    "$(printf '000.00.06.H56-260213-%04d' $((n + 1)))"
expect_eq "codes 0001..$((n + 1)), no gap" "$(gapless)" "1"

# --- the receipts folder full ------------------------------------------------
# (the database back on the ordinary disk: only the receipts folder is full)
export MOTCUA_DB="$T/office.db"
code=$(intake 2>&1)
mkdir -p "$SMALL/receipts"
printf '[print]\nreceipts_dir = %s\n' "$SMALL/receipts" > "$T/motcua.conf"
export MOTCUA_CONFIG="$T/motcua.conf"
head -c "$(( ($(free_kb) - 8) * 1024 ))" /dev/zero > "$SMALL/filler" 2>/dev/null
out=$(m print receipt "$code" 2>&1); rc=$?
say "$out"
expect_eq "receipts folder full: exit status 11" "$rc" "11"
expect_match "receipts folder full: the message names the folder and the reason" \
    "$out" "receipts.*(No space left on device|đầy)"
expect_eq "receipts folder full: no partial file left" "$(ls -A "$SMALL/receipts")" ""
expect_match "receipts folder full: the dossier is kept" "$(m dossier show "$code" 2>&1 | head -1)" "^$code "
rm -f "$SMALL/filler"
out=$(m --json print receipt "$code" 2>&1); rc=$?
expect_eq "space freed: the receipt prints (to a file)" "$rc" "0"
pdf=$(ls "$SMALL"/receipts/*.pdf 2>/dev/null | head -1)
expect_match "space freed: the receipt is a whole PDF" "$(pdfinfo "$pdf" 2>&1)" "Pages: +[1-9]"
unset MOTCUA_CONFIG

# --- the backup target full, then read-only ----------------------------------
for k in $(seq 1 40); do intake >/dev/null; done # bigger than what is left
head -c "$(( ($(free_kb) - 100) * 1024 ))" /dev/zero > "$SMALL/filler" 2>/dev/null
out=$(m backup "$SMALL/backup.db" 2>&1); rc=$?
say "$out"
expect_eq "backup target full: exit status 11" "$rc" "11"
expect_match "backup target full: the message says the disk is full" "$out" "đầy"
expect_eq "backup target full: no partial file left" "$(ls -A "$SMALL" | grep -v '^filler$\|^receipts$\|^office.db')" ""
rm -f "$SMALL/filler"
out=$(m --json backup "$SMALL/backup.db" 2>&1); rc=$?
expect_eq "space freed: the backup works" "$rc" "0"
expect_eq "space freed: the backup is whole" "$(sqlite3 "$SMALL/backup.db" "PRAGMA integrity_check")" "ok"
expect_eq "space freed: the backup holds every dossier" \
    "$(sqlite3 "$SMALL/backup.db" "SELECT COUNT(*) FROM dossiers")" "$(dossier_count)"

mount --bind "$RW" "$RO" && mount -o remount,bind,ro "$RO" \
    || skip "cannot make a read-only bind mount here"
out=$(m backup "$RO/backup.db" 2>&1); rc=$?
say "$out"
expect_eq "backup target read-only: exit status 11" "$rc" "11"
expect_match "backup target read-only: the message names the reason" "$out" "Read-only file system"
expect_eq "backup target read-only: nothing left" "$(ls -A "$RW")" ""

# the receipts folder read-only
printf '[print]\nreceipts_dir = %s\n' "$RO" > "$T/motcua.conf"
out=$(MOTCUA_CONFIG="$T/motcua.conf" m print receipt "$code" 2>&1); rc=$?
say "$out"
expect_eq "receipts folder read-only: exit status 11" "$rc" "11"
expect_match "receipts folder read-only: the message names the reason" "$out" "Read-only file system"
expect_match "receipts folder read-only: the dossier is kept" "$(m dossier show "$code" 2>&1 | head -1)" "^$code "

# --- the database on a read-only mount ---------------------------------------
umount "$RO"
sqlite3 "$MOTCUA_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$MOTCUA_DB" "$RW/office.db"
mount --bind "$RW" "$RO" && mount -o remount,bind,ro "$RO"
export MOTCUA_DB="$RO/office.db"
sum=$(sha256sum < "$RW/office.db")
n=$(sqlite3 "$RW/office.db" "SELECT COUNT(*) FROM issued_codes")
out=$(intake 2>&1); rc=$?
say "$out"
expect_eq "database read-only: exit status 11" "$rc" "11"
expect_match "database read-only: the message says it cannot be written, and why" \
    "$out" "để ghi: Read-only file system"
expect_eq "database read-only: the file is unchanged" "$(sha256sum < "$RW/office.db")" "$sum"
umount "$RO"
export MOTCUA_DB="$RW/office.db"
expect_eq "writable again: the next intake takes the next number" "$(intake 2>&1)" \
    "$(printf '000.00.06.H56-260213-%04d' $((n + 1)))"
expect_eq "codes 0001..$((n + 1)), no gap" "$(gapless)" "1"
expect_match "audit chain verifies" "$(m audit verify 2>&1)" "nguyên vẹn"

# --- a database copied onto a disk that is then full to the last block -------
# (opening needs room for the -shm file: SQLite says "disk I/O error")
rm -rf "${SMALL:?}"/*
sqlite3 "$MOTCUA_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$MOTCUA_DB" "$SMALL/office.db"
head -c "$(( $(free_kb) * 1024 ))" /dev/zero > "$SMALL/filler" 2>/dev/null
out=$(MOTCUA_DB="$SMALL/office.db" m dossier list 2>&1); rc=$?
say "$out"
expect_eq "no room to open: exit status 11" "$rc" "11"
expect_match "no room to open: the message says the disk is full" "$out" "Ổ đĩa chứa .*office.db đã đầy"
rm -f "$SMALL/filler"
expect_eq "room again: it opens" "$(MOTCUA_DB="$SMALL/office.db" m dossier list >/dev/null 2>&1; echo $?)" "0"
finish
