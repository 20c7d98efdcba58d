#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A scan detached at the desk (motcua dossier detach; docs/sync.md "Files"):
# one not yet sent is never sent; one already at the centre is marked
# detached there, once (the call is idempotent and the desk asks once);
# the centre keeps the row and the bytes; the same scan attached again is
# live again at the centre.
. "$MOTCUA_TESTS/sync/lib_sync.sh"
FIX="python3 $MOTCUA_TESTS/tools/scan_fixtures.py"
pg_start
pki_make
central_start
init_office
intake_n 2
C1=$(sed -n 1p "$T/codes.txt")
C2=$(sed -n 2p "$T/codes.txt")
$FIX png "$T/wrong.png" 4000
$FIX png "$T/right.png" 5000
$FIX png "$T/early.png" 6000
WRONG=$(sha256sum "$T/wrong.png" | cut -c1-64)
RIGHT=$(sha256sum "$T/right.png" | cut -c1-64)
EARLY=$(sha256sum "$T/early.png" | cut -c1-64)
m dossier attach "$C1" --paper 1 "$T/wrong.png" "$T/right.png" >/dev/null || echo "FAILED attach C1"
m dossier attach "$C2" --paper 1 "$T/early.png" >/dev/null || echo "FAILED attach C2"
fid() { sqlite3 "$MOTCUA_DB" "SELECT f.id FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id WHERE d.code = '$1' AND f.sha256 = '$2' ORDER BY f.id DESC LIMIT 1"; }
centre_row() { # DOSSIER SHA -> "detached_at-set|by|reason" or "" when none
    psql_q "SELECT (detached_at IS NOT NULL)::text || '|' || COALESCE(detached_by, '') || '|' || COALESCE(detach_reason, '') FROM dossier_files WHERE dossier = '$1' AND sha256 = '$2'"
}

# --- detached before it was sent: never sent -------------------------------------
m dossier detach "$C2" --file "$(fid "$C2" "$EARLY")" --reason "Giấy tờ của người khác" >/dev/null
expect_eq "detach a scan not yet sent" "$?" "0"
desk_config
st=$(m sync status --json)
expect_eq "status: the detached file is not waiting to go" "$(printf '%s' "$st" | jget files_waiting)" "2"
out=$(m --json sync --once); rc=$?
expect_eq "sync exits 0" "$rc" "0"
expect_eq "the two live scans are uploaded" "$(printf '%s' "$out" | jget files_uploaded)" "2"
expect_eq "the detached one was never declared nor sent" \
    "$(psql_q "SELECT count(*) FROM dossier_files WHERE sha256 = '$EARLY'")/$(psql_q "SELECT count(*) FROM file_blobs WHERE sha256 = '$EARLY'")" "0/0"
expect_eq "... nor is it left waiting at the desk" "$(m sync status --json | jget files_waiting)" "0"
expect_eq "... and the desk does not ask about it again" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT detach_told_at IS NOT NULL FROM file_uploads WHERE file_id = $(fid "$C2" "$EARLY")")" "1"
expect_eq "the centre has C1's two scans, live" \
    "$(centre_row "$C1" "$WRONG")/$(centre_row "$C1" "$RIGHT")" "false||/false||"

# --- detached after it reached the centre: the centre learns it, once -------------
m dossier detach "$C1" --file "$(fid "$C1" "$WRONG")" --reason "Trang của công dân khác" >/dev/null
expect_eq "detach a scan already at the centre" "$?" "0"
out=$(m --json sync --once); rc=$?
expect_eq "sync exits 0" "$rc" "0"
expect_eq "the centre marks it detached, by whom and why" \
    "$(centre_row "$C1" "$WRONG")" "true|admin|Trang của công dân khác"
expect_eq "... the other scan stays live" "$(centre_row "$C1" "$RIGHT")" "false||"
expect_eq "... the row and the bytes stay at the centre" \
    "$(psql_q "SELECT count(*) FROM dossier_files WHERE sha256 = '$WRONG'")/$(psql_q "SELECT count(*) FROM file_blobs WHERE sha256 = '$WRONG' AND complete_at IS NOT NULL")" "1/1"
at1=$(psql_q "SELECT detached_at FROM dossier_files WHERE sha256 = '$WRONG'")
told=$(sqlite3 "$MOTCUA_DB" "SELECT detach_told_at FROM file_uploads WHERE file_id = $(fid "$C1" "$WRONG")")
expect_match "the desk records that the centre knows" "$told" '^[0-9]+$'
sleep 1
m sync --once >/dev/null; rc=$?
expect_eq "a second sync exits 0" "$rc" "0"
expect_eq "... and does not tell the centre again" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT detach_told_at FROM file_uploads WHERE file_id = $(fid "$C1" "$WRONG")")/$(psql_q "SELECT detached_at FROM dossier_files WHERE sha256 = '$WRONG'")" "$told/$at1"
# the endpoint is idempotent: the same call again changes nothing
body="{\"v\":1,\"dossier\":\"$C1\",\"role\":\"scan\",\"paper\":1,\"reason\":\"lần nữa\",\"by\":\"admin\"}"
out=$(c_office office POST "/v1/offices/$OFFICE/files/$WRONG/detach" "$body")
expect_eq "the same detach again: 200, known, detached" \
    "$(printf '%s' "$out" | tail -n1) $(printf '%s' "$out" | head -n1 | jget known) $(printf '%s' "$out" | head -n1 | jget detached)" "200 true true"
expect_eq "... the first reason and time are kept" \
    "$(centre_row "$C1" "$WRONG")/$(psql_q "SELECT detached_at FROM dossier_files WHERE sha256 = '$WRONG'")" \
    "true|admin|Trang của công dân khác/$at1"
out=$(c_office office POST "/v1/offices/$OFFICE/files/$EARLY/detach" \
    "{\"v\":1,\"dossier\":\"$C2\",\"role\":\"scan\",\"paper\":1,\"reason\":\"x\",\"by\":\"admin\"}")
expect_eq "a file the centre never had: 200, not known" \
    "$(printf '%s' "$out" | tail -n1) $(printf '%s' "$out" | head -n1 | jget known)" "200 false"
# hostile requests: refused, nothing changed
for b in '[]' '{"v":1}' "{\"v\":1,\"dossier\":\"$C1\",\"role\":\"result\",\"paper\":1,\"reason\":\"x\",\"by\":\"a\"}" \
    "{\"v\":1,\"dossier\":\"$C1\",\"role\":\"scan\",\"paper\":1,\"reason\":\"\",\"by\":\"a\"}" \
    "{\"v\":1,\"dossier\":\"$C1\",\"role\":\"scan\",\"paper\":0,\"reason\":\"x\",\"by\":\"a\"}"; do
    out=$(c_office office POST "/v1/offices/$OFFICE/files/$RIGHT/detach" "$b")
    expect_eq "a bad detach body ($b): 400" "$(printf '%s' "$out" | tail -n1)" "400"
done
expect_eq "... the other scan is still live" "$(centre_row "$C1" "$RIGHT")" "false||"
out=$(c_office office GET "/v1/offices/$OFFICE/files/$RIGHT/detach")
expect_eq "GET on detach: 405" "$(printf '%s' "$out" | tail -n1)" "405"
expect_eq "detach needs the office certificate" \
    "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$PKI/ca.pem" -X POST --data-binary "$body" "https://localhost:$CPORT/v1/offices/$OFFICE/files/$RIGHT/detach")" "401"

# --- attached again at the desk: live again at the centre -------------------------
m dossier attach "$C1" --paper 1 "$T/wrong.png" >/dev/null || echo "FAILED attach again"
out=$(m --json sync --once); rc=$?
expect_eq "the same scan attached again goes up" "$rc/$(printf '%s' "$out" | jget files_uploaded)" "0/1"
expect_eq "... and is live at the centre again" "$(centre_row "$C1" "$WRONG")" "false||"
finish
