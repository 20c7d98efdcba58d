#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# 8 processes each take in 250 dossiers on one database at the same time:
# 2,000 codes, all distinct, for the day exactly 0001..2000 with no gap, and
# the audit chain verifies.
. "$(dirname "$0")/lib.sh"
init_office
TOOL="${MOTCUA_BUILD:?}/tests/intake_many"
P=${MOTCUA_CONC_PROCS:-8}
N=${MOTCUA_CONC_EACH:-250}
pids=()
for i in $(seq 1 "$P"); do
    "$TOOL" "$MOTCUA_DB" admin "$MOTCUA_PASSWORD" "$N" > "$T/codes.$i" 2> "$T/err.$i" &
    pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
expect_eq "every process finished" "$failed" "0"
[ "$failed" -eq 0 ] || cat "$T"/err.*
total=$((P * N))
expect_eq "codes printed" "$(cat "$T"/codes.* | wc -l)" "$total"
expect_eq "codes distinct" "$(cat "$T"/codes.* | sort -u | wc -l)" "$total"
expected=$(seq -f "000.00.06.H56-260213-%04g" 1 "$total")
expect_eq "exactly 0001..$total, no gap" "$(cat "$T"/codes.* | sort)" "$expected"
expect_eq "each process saw its own numbers rise" \
    "$(for i in $(seq 1 "$P"); do sort -c "$T/codes.$i" 2>/dev/null || echo unsorted; done)" ""
expect_eq "issued codes in the database" "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*)||':'||MIN(seq)||':'||MAX(seq) FROM issued_codes")" "$total:1:$total"
expect_match "audit chain verifies" "$(m audit verify)" "nguyên vẹn"
finish
