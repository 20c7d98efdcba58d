#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Append-only: the database refuses UPDATE and DELETE on history, audit and
# issued codes, and DELETE of a dossier.  Someone who drops the triggers
# with the sqlite3 shell and edits or deletes audit rows is caught by
# `motcua audit verify`, which names the first row that does not match.
. "$(dirname "$0")/lib.sh"
init_office
for i in 1 2 3; do m dossier new --procedure $PROC --applicant-name "Người Số Một" --document "$REQDOC" >/dev/null; done
m dossier advance 000.00.06.H56-260213-0002 --to processing >/dev/null
expect_match "clean chain verifies" "$(m audit verify)" "nguyên vẹn"

for sql in "UPDATE audit SET actor='x' WHERE id=3" "DELETE FROM audit WHERE id=3" \
           "UPDATE history SET note='x'" "DELETE FROM history" \
           "UPDATE issued_codes SET seq=9" "DELETE FROM issued_codes" \
           "DELETE FROM dossiers WHERE id=1" "UPDATE dossiers SET code='X' WHERE id=1"; do
    out=$(sqlite3 "$MOTCUA_DB" "$sql" 2>&1); rc=$?
    if [ "$rc" -ne 0 ] && printf '%s' "$out" | grep -qE "append-only|never"; then ok "refused: $sql"; else bad "allowed: $sql ($out)"; fi
done

cp "$MOTCUA_DB" "$T/pristine.db"
# edit a row after dropping the trigger
sqlite3 "$MOTCUA_DB" "DROP TRIGGER audit_no_update; UPDATE audit SET detail='{}' WHERE id=5"
out=$(m audit verify 2>&1); rc=$?
expect_eq "edited row: verify fails" "$rc" "1"
expect_match "edited row is named" "$out" "dòng 5 "
# delete a row
cp "$T/pristine.db" "$MOTCUA_DB"; rm -f "$MOTCUA_DB-wal" "$MOTCUA_DB-shm"
sqlite3 "$MOTCUA_DB" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id=4"
out=$(m audit verify 2>&1); rc=$?
expect_eq "deleted row: verify fails" "$rc" "1"
expect_match "the row after the hole is named" "$out" "dòng 5 "
# delete the tail: the chain is still consistent, but rows must be
# contiguous from 1, and a recomputed forgery still breaks on content
cp "$T/pristine.db" "$MOTCUA_DB"; rm -f "$MOTCUA_DB-wal" "$MOTCUA_DB-shm"
sqlite3 "$MOTCUA_DB" "DROP TRIGGER audit_no_update; UPDATE audit SET actor='ke-gian', hash='$(printf '0%.0s' $(seq 1 64))' WHERE id=2"
out=$(m --json audit verify 2>/dev/null); rc=$?
expect_eq "forged hash: verify fails" "$rc" "1"
expect_eq "forged hash: first bad row" "$(echo "$out" | jget first_bad)" "2"
finish
