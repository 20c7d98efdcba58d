# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by run_briefly.sh and run_long.sh: the libFuzzer targets and the
# longest input each one is given.
FUZZ_TARGETS="fuzz_fold fuzz_telex fuzz_ids fuzz_code fuzz_catalogue fuzz_wire fuzz_wire_text fuzz_config fuzz_scan fuzz_names"
fuzz_max_len() {
    case "$1" in
    fuzz_catalogue | fuzz_wire | fuzz_scan) echo 16384 ;;
    fuzz_config | fuzz_wire_text) echo 8192 ;;
    *) echo 512 ;;
    esac
}
# Build every target with clang (libFuzzer + ASan + UBSan) into $1.
fuzz_build() {
    local build=$1 cc=${CC:-clang}
    case "$cc" in *clang*) ;; *) cc=clang ;; esac
    CC=$cc cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    # shellcheck disable=SC2086
    cmake --build "$build" -j2 --target $FUZZ_TARGETS >/dev/null
}
# The working corpus of a target: the seeds kept in the repository
# (tests/fuzz/corpus/TARGET) copied into the build folder, so a run never
# writes into the source tree.  tests/fuzz/merge_corpus.sh folds what a long
# run found back into the repository, minimised.
fuzz_corpus() {
    local build=$1 t=$2
    mkdir -p "$build/corpus/$t"
    cp -n "$here/corpus/$t/"* "$build/corpus/$t/" 2>/dev/null || true
    echo "$build/corpus/$t"
}
