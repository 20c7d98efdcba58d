#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Build the libFuzzer targets with clang and run each for a short while
# (default 20 s; FUZZ_SECONDS overrides).  Needs clang and libFuzzer
# (Debian: apt-get install clang libclang-rt-14-dev).  Exit non-zero on
# the first crash; the reproducer is left in the build directory.
# The long run (10^7 executions a target) is tests/fuzz/run_long.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-20}
. "$here/targets.sh"
fuzz_build "$build"
cd "$build"
for t in $FUZZ_TARGETS; do
    echo "== $t (${seconds}s)"
    corpus=$(fuzz_corpus "$build" "$t")
    "./$t" -max_total_time="$seconds" -max_len="$(fuzz_max_len "$t")" -timeout=10 \
        -rss_limit_mb=1024 -print_final_stats=1 "$corpus" 2>"$t.log" || {
        tail -40 "$t.log"
        echo "$t FAILED (log: $build/$t.log)"
        exit 1
    }
    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$t.log" || true
done
echo "fuzz: all targets ran clean"
