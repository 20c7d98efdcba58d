#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fold what fuzzing found back into the repository's corpora, minimised
# (libFuzzer -merge=1 keeps only inputs that add coverage).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
. "$here/targets.sh"
fuzz_build "$build"
for t in ${*:-$FUZZ_TARGETS}; do
    [ -d "$build/corpus/$t" ] || continue
    tmp=$(mktemp -d)
    "$build/$t" -merge=1 -max_len="$(fuzz_max_len "$t")" "$tmp" \
        "$here/corpus/$t" "$build/corpus/$t" 2>/dev/null
    rm -rf "$here/corpus/$t"
    mkdir -p "$here/corpus/$t"
    cp "$tmp"/* "$here/corpus/$t/" 2>/dev/null || true
    rm -rf "$tmp"
    echo "$t: $(find "$here/corpus/$t" -type f | wc -l) inputs"
done
