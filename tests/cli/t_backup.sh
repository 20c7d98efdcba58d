#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Backup and restore.  A backup taken while 4 processes take in dossiers
# is a consistent snapshot: restored into a new path, its audit chain
# verifies and its codes for the day are exactly 0001..N with no gap.
# The backup file is mode 0600; restore refuses to overwrite a newer
# database without --force, never leaves a temporary file behind, and
# records itself in the restored audit chain.
. "$(dirname "$0")/lib.sh"
init_office
TOOL="${MOTCUA_BUILD:?}/tests/intake_many"
P=4
N=${MOTCUA_BACKUP_EACH:-200}
pids=()
for i in $(seq 1 "$P"); do
    "$TOOL" "$MOTCUA_DB" admin "$MOTCUA_PASSWORD" "$N" > "$T/codes.$i" 2> "$T/err.$i" &
    pids+=($!)
done
# wait until the desks are really working, then back up in the middle
for _ in $(seq 1 200); do
    [ "$(cat "$T"/codes.* 2>/dev/null | wc -l)" -ge 20 ] && break
    sleep 0.05
done
out=$(m --json backup "$T/mid.db" 2>"$T/backup.err")
rc=$?
during=$(cat "$T"/codes.* | wc -l)
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
expect_eq "backup during intake succeeds" "$rc" "0"
[ "$rc" -eq 0 ] || cat "$T/backup.err"
expect_eq "every intake process finished" "$failed" "0"
[ "$failed" -eq 0 ] && expect_match "intake was still running after the backup" \
    "$((P * N - during))" '^[1-9]'
expect_eq "backup file mode" "$(stat -c %a "$T/mid.db")" "600"
expect_eq "backup integrity reported" "$(printf '%s' "$out" | jget integrity)" "ok"
n=$(printf '%s' "$out" | jget dossiers)
expect_match "backup reports its dossiers" "$n" '^[0-9]+$'
expect_eq "backup is one file (no -wal beside it)" "$(ls "$T" | grep -c '^mid.db-')" "0"
expect_eq "no temporary file left" "$(ls -A "$T" | grep -c '^\.')" "0"

# restore into a new path
R="$T/restored/office.db"
rout=$(m --db "$R" --json restore "$T/mid.db")
expect_eq "restore into a new path" "$?" "0"
expect_eq "restored dossiers = backup's" "$(printf '%s' "$rout" | jget restored.dossiers)" "$n"
expect_eq "restored file mode" "$(stat -c %a "$R")" "600"
expect_match "audit chain of the restore verifies" "$(m --db "$R" audit verify)" "nguyên vẹn"
codes=$(sqlite3 "$R" "SELECT code FROM issued_codes ORDER BY seq")
expected=$(seq -f "000.00.06.H56-260213-%04g" 1 "$n")
expect_eq "restored codes are exactly 0001..$n" "$codes" "$expected"
expect_eq "every restored code has its dossier" \
    "$(sqlite3 "$R" "SELECT COUNT(*) FROM issued_codes i JOIN dossiers d ON d.code = i.code")" "$n"
expect_eq "the restore is the last audit row" \
    "$(sqlite3 "$R" "SELECT action||' '||actor FROM audit ORDER BY id DESC LIMIT 1")" "db.restore admin"
expect_eq "a desk works on the restore" \
    "$(m --db "$R" --json dossier new --procedure "$PROC" --applicant-name "Lê Văn An" \
        --id-number 001190012345 --document "$REQDOC|original|1" | jget code)" \
    "000.00.06.H56-260213-$(printf '%04d' $((n + 1)))"

# the live database is newer than the backup: refused without --force
before=$(row_count)
m restore "$T/mid.db" 2>"$T/refuse.err"
expect_eq "restore over a newer database is refused (conflict)" "$?" "7"
expect_match "the refusal says why" "$(cat "$T/refuse.err")" "--force"
expect_eq "refused restore changed nothing" "$(row_count)" "$before"
expect_eq "refused restore left no temporary file" "$(ls -A "$T" | grep -c '^\.office')" "0"
expect_match "audit still verifies after the refusal" "$(m audit verify)" "nguyên vẹn"

# an older schema version in the target is not "newer"; a newer one is
m --db "$R" backup "$T/r.db" >/dev/null
cp "$R" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 99"
m --db "$T/newer.db" restore "$T/r.db" 2>/dev/null
expect_eq "a target with a newer schema is refused" "$?" "7"

# backup never overwrites without --force, nor the database itself
m backup "$T/mid.db" 2>/dev/null
expect_eq "backup refuses an existing file" "$?" "7"
m backup "$MOTCUA_DB" 2>/dev/null
expect_eq "backup refuses the database itself" "$?" "3"
m backup --force "$T/mid.db" >/dev/null
expect_eq "backup --force replaces an old backup" "$?" "0"

# --force restores over the newer database, and only a sign-in may
MOTCUA_PASSWORD=wrong m restore --force "$T/r.db" 2>/dev/null
expect_eq "restore with a wrong password is refused" "$?" "8"
expect_eq "...and changed nothing" "$(row_count)" "$before"
m restore --force "$T/r.db" >/dev/null
expect_eq "restore --force over a newer database" "$?" "0"
expect_eq "the office database is now the backup's (+1 audit row)" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossiers")" "$((n + 1))"
expect_match "audit chain verifies after the forced restore" "$(m audit verify)" "nguyên vẹn"

# a database in use by a desk is not replaced
python3 - "$MOTCUA_DB" "$T/hold" <<'PY' &
import sqlite3, sys, os, time
c = sqlite3.connect(sys.argv[1]); c.execute("SELECT COUNT(*) FROM dossiers").fetchall()
open(sys.argv[2], "w").close()
time.sleep(3)
PY
holder=$!
for _ in $(seq 1 100); do [ -e "$T/hold" ] && break; sleep 0.05; done
m restore --force "$T/r.db" 2>"$T/busy.err"
expect_eq "restore over a database a desk has open is refused" "$?" "7"
expect_match "...because it is in use" "$(cat "$T/busy.err")" "đang được"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null

# a broken backup is refused
head -c 8192 "$T/r.db" > "$T/broken.db"
m --db "$T/x/new.db" restore "$T/broken.db" 2>/dev/null
expect_match "a truncated backup is refused" "$?" '^(10|11)$'
expect_eq "...and no database was created" "$(ls -A "$T/x" 2>/dev/null | wc -l)" "0"
finish
