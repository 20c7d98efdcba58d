#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Scans travel to the centre (docs/sync.md "Files"): a 20 MiB scan goes
# through a line that is cut every few seconds (closes and resets) and
# stalls, with the worker killed mid-file several times; it arrives whole
# and once (the centre's SHA-256 is the desk's, one large object), resuming
# where the centre says rather than from zero.  Files wait for their
# dossier's intake; a damaged chunk or a wrong hash is refused and nothing
# of it is kept; a damaged desk copy is set aside, never sent as the scan;
# the same bytes on a second dossier are not sent twice; a result file
# travels the same way; the lookup page shows no file.
. "$MOTCUA_TESTS/sync/lib_sync.sh"
pg_start
pki_make
central_start
init_office
intake_n 4
C1=$(sed -n 1p "$T/codes.txt")
C2=$(sed -n 2p "$T/codes.txt")
C3=$(sed -n 3p "$T/codes.txt")
C4=$(sed -n 4p "$T/codes.txt")
SIZE=20971520
MIB=1048576
python3 "$MOTCUA_TESTS/sync/make_pdf.py" "$T/big.pdf" "$SIZE" 1
SHA=$(sha256sum "$T/big.pdf" | cut -c1-64)
m dossier attach "$C1" --paper 1 "$T/big.pdf" >/dev/null
expect_eq "a 20 MiB scan is attached" "$?" "0"

received() { psql_q "SELECT COALESCE((SELECT received FROM file_blobs WHERE sha256 = '$1'), 0)"; }
los() { psql_q "SELECT count(*) FROM pg_largeobject_metadata"; }

# --- 1. files wait for their dossier's intake ---------------------------------
st=$(m sync status --json)
expect_eq "status: one file waiting" "$(printf '%s' "$st" | jget files_waiting)" "1"
expect_eq "status: its bytes waiting" "$(printf '%s' "$st" | jget file_bytes_waiting)" "$SIZE"
expect_eq "status: held until its dossier's intake is acknowledged" "$(printf '%s' "$st" | jget files_held)" "1"
expect_match "status (text) shows the bytes waiting" "$(m sync status)" "1 tệp, $SIZE byte"
# the centre refuses every event: the push fails, and no file moves
psql_q "CREATE FUNCTION refuse_all() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN RAISE EXCEPTION 'injected fault'; END \$\$;
CREATE TRIGGER refuse_all BEFORE INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION refuse_all();"
desk_config
m sync --once >/dev/null 2>&1
expect_eq "events refused: the run fails" "$?" "11"
expect_eq "events refused: no file was declared or sent" "$(psql_q "SELECT count(*) FROM file_blobs")" "0"
psql_q "DROP TRIGGER refuse_all ON events"

# --- 2. a line cut every few seconds, stalls, the worker killed mid-file -------
proxy_start() { # env FP_* set by the caller
    rm -f "$T/proxy.port"
    python3 "$MOTCUA_TESTS/sync/fault_proxy.py" "$T/proxy.port" "$CPORT" &
    PROXY_PID=$!
    PIDS+=("$PROXY_PID")
    for _ in $(seq 100); do [ -s "$T/proxy.port" ] && break; sleep 0.05; done
    PPORT=$(cat "$T/proxy.port")
}
proxy_stop() { kill "$PROXY_PID" 2>/dev/null; wait "$PROXY_PID" 2>/dev/null; }
# ~1.5 MB/s from the desk, every connection cut after 2 s (half of the cuts
# resets), 6% of the answers held 6 s (past the 4 s timeout)
FP_CUT=2 FP_RESET=0.5 FP_SLOW=0.06 FP_DELAY=6 FP_RATE=1500000 FP_STATS="$T/proxy.stats" proxy_start
desk_config "https://localhost:$PPORT"
worker() {
    "$MOTCUA" sync --daemon --interval 1 --timeout 4 2>>"$T/daemon.log" &
    WPID=$!
    PIDS+=("$WPID")
}
kills=0
prev=0
for target in 4 9 14; do
    worker
    for _ in $(seq 600); do
        [ "$(received "$SHA")" -ge $((target * MIB)) ] && break
        sleep 0.1
    done
    kill -9 "$WPID"
    wait "$WPID" 2>/dev/null
    kills=$((kills + 1))
    r=$(received "$SHA")
    expect_eq "kill $kills: the centre holds part of the file ($r bytes)" "$(( r >= target * MIB && r < SIZE ))" "1"
    expect_eq "kill $kills: the centre never went back" "$(( r >= prev ))" "1"
    prev=$r
done
expect_eq "while unfinished: not complete at the centre" "$(psql_q "SELECT complete_at IS NULL FROM file_blobs WHERE sha256 = '$SHA'")" "t"
worker
for _ in $(seq 900); do
    [ "$(m sync status --json | jget files_waiting)" = 0 ] && break
    sleep 0.1
done
kill "$WPID"
wait "$WPID"
expect_eq "the worker stops cleanly on SIGTERM" "$?" "0"
proxy_stop
read -r up cuts conns stalls <"$T/proxy.stats"
echo "# proxy: $up bytes up, $cuts cuts, $stalls stalls, $conns connections, $kills kills"
expect_eq "the line was really cut several times" "$(( cuts >= 3 ))" "1"
if grep -qE "Sanitizer|runtime error" "$T/daemon.log"; then bad "the worker is sanitizer-clean"; else ok "the worker is sanitizer-clean"; fi
expect_eq "the file is complete at the centre" "$(psql_q "SELECT complete_at IS NOT NULL FROM file_blobs WHERE sha256 = '$SHA'")" "t"
expect_eq "the centre's SHA-256 is the desk's" "$(psql_q "SELECT encode(sha256(lo_get(lo)), 'hex') FROM file_blobs WHERE sha256 = '$SHA'")" "$SHA"
expect_eq "exactly one stored copy (one blob, one large object)" "$(psql_q "SELECT count(*) FROM file_blobs")/$(los)" "1/1"
expect_eq "recorded with its dossier, role, paper, size, mime and name" \
    "$(psql_q "SELECT f.dossier, f.role, f.paper, b.size, f.mime, f.name FROM dossier_files f JOIN file_blobs b USING (sha256)")" \
    "$C1|scan|1|$SIZE|application/pdf|big.pdf"
# every interruption costs at most the chunk on its way (1 MiB) plus the
# requests' and handshakes' own bytes: resumed, never restarted from zero
limit=$(( SIZE + (cuts + stalls + kills + 3) * (MIB + 65536) + conns * 16384 ))
expect_eq "resumed where the centre was: $up bytes sent for $SIZE (limit $limit)" "$(( up <= limit ))" "1"
st=$(m sync status --json)
expect_eq "desk: nothing waiting" "$(printf '%s' "$st" | jget files_waiting)/$(printf '%s' "$st" | jget file_bytes_waiting)" "0/0"
expect_eq "desk: marked done" "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM file_uploads WHERE done_at IS NOT NULL")" "1"

# --- 3. the same bytes on another dossier: recorded, not sent again ---------------
m dossier attach "$C2" --paper 1 "$T/big.pdf" >/dev/null
desk_config
out=$(m --json sync --once)
expect_eq "second dossier: sync exits 0" "$?" "0"
expect_eq "second dossier: its file is confirmed" "$(printf '%s' "$out" | jget files_uploaded)" "1"
expect_eq "second dossier: no byte sent again" "$(printf '%s' "$out" | jget file_bytes_sent)" "0"
expect_eq "second dossier: still one stored copy" "$(psql_q "SELECT count(*) FROM file_blobs")/$(los)" "1/1"
expect_eq "second dossier: two file records" "$(psql_q "SELECT count(*) FROM dossier_files")" "2"

# --- 4. a damaged chunk, a wrong hash: refused, nothing kept, then accepted -------
python3 "$MOTCUA_TESTS/sync/make_pdf.py" "$T/a.pdf" $((3 * MIB)) 2
python3 "$MOTCUA_TESTS/sync/make_pdf.py" "$T/b.pdf" $((3 * MIB)) 3
SA=$(sha256sum "$T/a.pdf" | cut -c1-64)
declare_file() { # CODE SHA SIZE
    c_office office POST "/v1/offices/$OFFICE/files" \
        "{\"v\":1,\"dossier\":\"$1\",\"role\":\"scan\",\"paper\":1,\"sha256\":\"$2\",\"size\":$3,\"mime\":\"application/pdf\",\"name\":\"a.pdf\"}" | tail -n1
}
put_chunk() { # FILE SHA FIRST LAST [DIGEST]: the HTTP status, the answer in $T/put.out
    head -c $(($4 + 1)) "$1" | tail -c $(($4 - $3 + 1)) >"$T/chunk"
    local d=${5:-$(sha256sum "$T/chunk" | cut -c1-64)}
    curl -s --cacert "$PKI/ca.pem" --cert "$PKI/office.pem" --key "$PKI/office.key" -X PUT \
        -H "Content-Range: bytes $3-$4/$(stat -c %s "$1")" -H "X-Content-SHA256: $d" \
        --data-binary @"$T/chunk" -o "$T/put.out" -w '%{http_code}' \
        "https://localhost:$CPORT/v1/offices/$OFFICE/files/$2"
}
expect_eq "declare a file" "$(declare_file "$C3" "$SA" $((3 * MIB)))" "201"
expect_eq "declare again: idempotent" "$(declare_file "$C3" "$SA" $((3 * MIB)))" "200"
expect_eq "declared under another size: refused" "$(declare_file "$C3" "$SA" 1000)" "409"
bogus=$(printf '0%.0s' $(seq 64))
expect_eq "a damaged chunk (digest mismatch) is refused" "$(put_chunk "$T/a.pdf" "$SA" 0 $((MIB - 1)) "$bogus")" "400"
expect_match "... named as such" "$(cat "$T/put.out")" "chunk_digest_mismatch"
expect_eq "... and nothing of it is kept" "$(received "$SA")" "0"
expect_eq "the chunk sent again is taken" "$(put_chunk "$T/a.pdf" "$SA" 0 $((MIB - 1)))" "200"
expect_eq "a chunk at the wrong offset: 409" "$(put_chunk "$T/a.pdf" "$SA" $((2 * MIB)) $((3 * MIB - 1)))" "409"
expect_match "... with the offset to resume from" "$(cat "$T/put.out")" "\"received\":$MIB"
# the rest from another file of the same size: every chunk is sound, the
# whole is not the declared file
put_chunk "$T/b.pdf" "$SA" "$MIB" $((2 * MIB - 1)) >/dev/null
los_before=$(los)
expect_eq "wrong bytes: the whole SHA-256 is refused" "$(put_chunk "$T/b.pdf" "$SA" $((2 * MIB)) $((3 * MIB - 1)))" "422"
expect_match "... named as such" "$(cat "$T/put.out")" "hash_mismatch"
expect_eq "... nothing is kept (no bytes, no large object, not complete)" \
    "$(psql_q "SELECT received, lo IS NULL, complete_at IS NULL FROM file_blobs WHERE sha256 = '$SA'")/$(los)" "0|t|t/$((los_before - 1))"
for i in 0 1 2; do put_chunk "$T/a.pdf" "$SA" $((i * MIB)) $(((i + 1) * MIB - 1)) >/dev/null; done
expect_match "sent again, right: complete" "$(cat "$T/put.out")" "\"complete\":true"
expect_eq "... and its hash is the file's" "$(psql_q "SELECT encode(sha256(lo_get(lo)), 'hex') FROM file_blobs WHERE sha256 = '$SA'")" "$SA"
expect_eq "another office cannot declare a file on this dossier" "$(c_office office2 POST "/v1/offices/000.00.07.H57/files" \
    "{\"v\":1,\"dossier\":\"$C3\",\"role\":\"scan\",\"paper\":1,\"sha256\":\"$SA\",\"size\":$((3 * MIB)),\"mime\":\"application/pdf\",\"name\":\"a.pdf\"}" | tail -n1)" "403"
expect_eq "nor read its progress" "$(c_office office2 GET "/v1/offices/000.00.07.H57/files/$SA" | tail -n1)" "404"
expect_eq "nor act as this office" "$(c_office office2 GET "/v1/offices/$OFFICE/files/$SA" | tail -n1)" "403"

# --- 5. a damaged desk copy is set aside, never sent as the scan -------------------
python3 "$MOTCUA_TESTS/sync/make_pdf.py" "$T/c.pdf" $((2 * MIB)) 4
SC=$(sha256sum "$T/c.pdf" | cut -c1-64)
m dossier attach "$C4" --paper 1 "$T/c.pdf" >/dev/null
blob=$(find "$T" -type f -path "*/${SC:0:2}/*" -name "*${SC:2}*" | head -n1)
expect_match "the desk keeps the scan by its hash" "$blob" "$SC|${SC:2}"
printf 'X' | dd of="$blob" bs=1 seek=$MIB conv=notrunc status=none
out=$(m --json sync --once)
expect_eq "damaged copy: the run still succeeds (the file is set aside, not pending)" "$?" "0"
expect_eq "damaged copy: set aside" "$(printf '%s' "$out" | jget files_set_aside)" "1"
expect_eq "damaged copy: nothing complete at the centre under its hash" "$(psql_q "SELECT count(*) FROM file_blobs WHERE sha256 = '$SC' AND complete_at IS NOT NULL")" "0"
st=$(m sync status --json)
expect_match "status names the damaged file and why" "$(printf '%s' "$st" | jget files_set_aside.0.reason)" "damaged.*$SC"
expect_eq "status: nothing else waiting" "$(printf '%s' "$st" | jget files_waiting)" "0"
expect_match "status (text) lists it" "$(m sync status)" "Tệp hồ sơ không gửi được"

# --- 6. a file the centre refuses fails visibly, and goes once it can ---------------
intake_n 1
C5=$(sed -n 5p "$T/codes.txt")
desk_config
m sync --once >/dev/null
python3 "$MOTCUA_TESTS/sync/make_pdf.py" "$T/d.pdf" 1000000 5
m dossier attach "$C5" --paper 1 "$T/d.pdf" >/dev/null
# the centre loses the dossier (as if restored from an older backup)
psql_q "CREATE TABLE held AS SELECT * FROM dossiers WHERE code = '$C5'; DELETE FROM dossiers WHERE code = '$C5'"
out=$(m --json sync --once 2>/dev/null)
expect_eq "refused file: the run fails" "$?" "11"
expect_eq "refused file: classified" "$(printf '%s' "$out" | jget kind)" "request_refused"
expect_match "refused file: status lists it with the centre's reason" "$(m sync status --json | jget files_failing.0.last_error)" "dossier_unknown"
expect_match "refused file: status (text) too" "$(m sync status)" "$C5 d.pdf: lần gửi trước lỗi \(1 lần\)"
psql_q "INSERT INTO dossiers SELECT * FROM held; DROP TABLE held"
out=$(m --json sync --once)
expect_eq "once the centre has the dossier: the file goes" "$(printf '%s' "$out" | jget files_uploaded)/$(printf '%s' "$out" | jget file_bytes_sent)" "1/1000000"
expect_eq "... and is no longer failing" "$(m sync status --json | jget files_failing)" "[]"

# --- 7. a result file travels the same way ----------------------------------------
did=$(sqlite3 "$MOTCUA_DB" "SELECT id FROM dossiers WHERE code = '$C3'")
sqlite3 "$MOTCUA_DB" "INSERT INTO dossier_files(dossier_id, role, paper, sha256, name, source, added_by, added_at)
  SELECT $did, 'result', NULL, sha256, 'ket-qua.pdf', 'desk', 'admin', 0 FROM blobs WHERE sha256 = '$SHA'"
out=$(m --json sync --once)
expect_eq "result file: sync exits 0" "$?" "0"
expect_eq "result file: confirmed" "$(printf '%s' "$out" | jget files_uploaded)" "1"
expect_eq "result file: recorded at the centre without a paper" "$(psql_q "SELECT role, paper IS NULL, name FROM dossier_files WHERE dossier = '$C3' AND role = 'result'")" "result|t|ket-qua.pdf"

# --- 8. the lookup page never shows or links a file ---------------------------------
page=$(c_public "/tra-cuu/$C1")$(c_public "/v1/dossiers/$C1")
expect_match "lookup still answers" "$page" "$C1"
if printf '%s' "$page" | grep -qiE "$SHA|big\.pdf|/files|\.pdf"; then bad "lookup shows a file"; else ok "lookup shows no file"; fi
expect_eq "files need the office certificate" "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$PKI/ca.pem" "https://localhost:$CPORT/v1/offices/$OFFICE/files/$SHA")" "401"
finish
