#!/bin/sh
# Build the libFuzzer targets with clang and run each for a short while
# (default 20 s; FUZZ_SECONDS overrides).  Needs clang and libFuzzer
# (Debian: apt-get install clang libclang-rt-14-dev).  Exit non-zero on
# the first crash; the reproducer is left in the build directory.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-20}
cc=${CC:-clang}
case "$cc" in *clang*) ;; *) cc=clang ;; esac

CC=$cc cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 --target fuzz_fold fuzz_telex fuzz_ids >/dev/null

# small seed corpora so the runs start from meaningful input
mkdir -p "$build/corpus/fuzz_fold" "$build/corpus/fuzz_telex" "$build/corpus/fuzz_ids"
printf 'Nguyễn Thị Hoà' >"$build/corpus/fuzz_fold/seed1"
printf 'ho\314\200a  THUỶ đĐ' >"$build/corpus/fuzz_fold/seed2"
printf '\000Nguyeenx huwowngf ddi' >"$build/corpus/fuzz_telex/seed1"
printf '\001Vie65t Nam d9i o55' >"$build/corpus/fuzz_telex/seed2"
printf '001090123456' >"$build/corpus/fuzz_ids/seed1"
printf '+84 912 345 678' >"$build/corpus/fuzz_ids/seed2"
printf '0314409058-002' >"$build/corpus/fuzz_ids/seed3"

cd "$build"
for t in fuzz_fold fuzz_telex fuzz_ids; do
    echo "== $t (${seconds}s)"
    "./$t" -max_total_time="$seconds" -max_len=512 -timeout=10 \
        -print_final_stats=1 "corpus/$t" 2>"$t.log" || {
        tail -40 "$t.log"
        echo "$t FAILED (log: $build/$t.log)"
        exit 1
    }
    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$t.log" || true
done
echo "fuzz: all targets ran clean"
