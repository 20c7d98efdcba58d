#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bench_scan_upload.sh - dossier files to the centre (docs/sync.md "Files"),
# printed as "bench: NAME VALUE UNIT" lines.
#
# BENCH_SCANS (5) scans of BENCH_SCAN_MIB (20) MiB each, different bytes,
# one per dossier, sent to motcua-central over loopback HTTPS (mTLS):
#   1. by curl: per file one POST that declares it and one PUT of the whole
#      file (Content-Range, X-Content-SHA256), one process per request - the
#      same bytes, the same centre, no chunking and no resuming;
#   2. by `motcua sync --once` (the events are pushed before, so the run is
#      the upload step): chunks of sync.upload_chunk_kib (1024, then 8192),
#      each its own transaction at the centre, the whole hash checked at
#      the end;
# and the ratio desk / curl.  Between the runs the centre's file tables and
# large objects are emptied (the centre keeps each SHA-256 once: the same
# bytes again would cost nothing).  The centre runs with --max-body above
# the file size so curl's single PUT fits.
#
# Needs MOTCUA, MOTCUA_CENTRAL, MOTCUA_TESTS, MOTCUA_BUILD, MOTCUA_FORMS_DIR
# (as the CTest script tests get them).  Use an optimised build for figures.
set -u
. "$MOTCUA_TESTS/sync/lib_sync.sh"
N=${BENCH_SCANS:-5}
SMIB=${BENCH_SCAN_MIB:-20}
SIZE=$((SMIB * 1048576))
now() { date +%s.%N; }
mibps() { python3 -c "import sys; print(f'{float(sys.argv[1]) / 1048576 / (float(sys.argv[3]) - float(sys.argv[2])):.1f}')" "$@"; }

pg_start
pki_make
central_start "" --max-body $((SIZE + 1048576))
init_office
intake_n "$N"
desk_config
m sync --once >/dev/null || { echo "bench: the events did not go"; exit 1; }
i=0
while read -r code; do
    i=$((i + 1))
    python3 "$MOTCUA_TESTS/sync/make_pdf.py" "$T/s$i.pdf" "$SIZE" "$i"
    m dossier attach "$code" --paper 1 "$T/s$i.pdf" >/dev/null || { echo "bench: attach failed"; exit 1; }
done <"$T/codes.txt"
total=$((N * SIZE))

reset_centre() {
    psql_q "SELECT lo_unlink(lo) FROM file_blobs WHERE lo IS NOT NULL" >/dev/null
    psql_q "TRUNCATE dossier_files, file_blobs" >/dev/null
}
complete() { psql_q "SELECT count(*) FROM file_blobs WHERE complete_at IS NOT NULL"; }

# --- 1. curl ------------------------------------------------------------------
CURL=(curl -s --fail --cacert "$PKI/ca.pem" --cert "$PKI/office.pem" --key "$PKI/office.key")
for j in $(seq "$N"); do sha256sum "$T/s$j.pdf" | cut -c1-64 >"$T/s$j.sha"; done
t0=$(now)
i=0
while read -r code; do
    i=$((i + 1))
    sha=$(cat "$T/s$i.sha")
    "${CURL[@]}" -o /dev/null -H 'Content-Type: application/json' --data-binary \
        "{\"v\":1,\"dossier\":\"$code\",\"role\":\"scan\",\"paper\":1,\"sha256\":\"$sha\",\"size\":$SIZE,\"mime\":\"application/pdf\",\"name\":\"s$i.pdf\"}" \
        "https://localhost:$CPORT/v1/offices/$OFFICE/files" || { echo "bench: curl declare failed"; exit 1; }
    "${CURL[@]}" -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' -H 'Expect:' \
        -H "Content-Range: bytes 0-$((SIZE - 1))/$SIZE" -H "X-Content-SHA256: $sha" \
        --data-binary @"$T/s$i.pdf" "https://localhost:$CPORT/v1/offices/$OFFICE/files/$sha" \
        || { echo "bench: curl PUT failed"; exit 1; }
done <"$T/codes.txt"
t1=$(now)
[ "$(complete)" = "$N" ] || { echo "bench: curl: $(complete) of $N files complete"; exit 1; }
curl_rate=$(mibps "$total" "$t0" "$t1")
echo "bench: scan_upload_curl_mib_per_s $curl_rate MiB/s ($N x $SMIB MiB, one PUT per file, mTLS over loopback)"

# --- 2. the desk ----------------------------------------------------------------
for kib in 1024 8192; do
    reset_centre
    sqlite3 "$MOTCUA_DB" "UPDATE file_uploads SET done_at = NULL, sent = 0"
    desk_config
    printf 'upload_chunk_kib = %s\n' "$kib" >>"$T/motcua.conf"
    t0=$(now)
    out=$(m --json sync --once --timeout 120) || { echo "bench: sync failed: $out"; exit 1; }
    t1=$(now)
    [ "$(complete)" = "$N" ] || { echo "bench: desk: $(complete) of $N files complete"; exit 1; }
    [ "$(printf '%s' "$out" | jget file_bytes_sent)" = "$total" ] || { echo "bench: desk sent $(printf '%s' "$out" | jget file_bytes_sent) of $total bytes"; exit 1; }
    rate=$(mibps "$total" "$t0" "$t1")
    ratio=$(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$rate" "$curl_rate")
    echo "bench: scan_upload_desk_${kib}k_mib_per_s $rate MiB/s ($N x $SMIB MiB, chunks of $kib KiB, each hashed and its own transaction, whole hash checked)"
    echo "bench: scan_upload_desk_${kib}k_vs_curl_ratio $ratio (desk / curl, same bytes, same centre)"
done
