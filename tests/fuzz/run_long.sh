#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The long fuzzing campaign: every target to FUZZ_RUNS executions (default
# 10,000,000) under ASan+UBSan, one after the other, then a table of the
# figures (executions, seconds, executions/s, coverage, corpus size, peak
# memory) for docs/reliability.md.  Bounded: FUZZ_MAX_SECONDS (default
# 3600) caps each target.  Usage: tests/fuzz/run_long.sh [TARGET...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
runs=${FUZZ_RUNS:-10000000}
cap=${FUZZ_MAX_SECONDS:-3600}
. "$here/targets.sh"
fuzz_build "$build"
cd "$build"
targets=${*:-$FUZZ_TARGETS}
printf '| target | executions | seconds | exec/s | coverage (edges) | corpus | peak RSS MB | crashes |\n'
printf '|---|---|---|---|---|---|---|---|\n'
status=0
for t in $targets; do
    corpus=$(fuzz_corpus "$build" "$t")
    start=$(date +%s)
    crashes=0
    "./$t" -runs="$runs" -max_total_time="$cap" -max_len="$(fuzz_max_len "$t")" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus" \
        2>"$t.long.log" || { crashes=1; status=1; }
    secs=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$t.long.log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$t.long.log")
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$t.long.log")
    cov=$(grep -oE 'cov: [0-9]+' "$t.long.log" | tail -1 | cut -d' ' -f2)
    files=$(find "$corpus" -type f | wc -l)
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$t" "${execs:-?}" "$secs" \
        "${rate:-?}" "${cov:-?}" "$files" "${rss:-?}" "$crashes"
    [ "$crashes" = 0 ] || tail -30 "$t.long.log" >&2
done
exit $status
