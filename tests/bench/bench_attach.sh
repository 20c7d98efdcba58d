#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bench_attach.sh BUILD_DIR - attach throughput: `motcua dossier attach` of
# a 20 MiB scan (copy while hashing, fsync, type check, rename, the row and
# its audit row in one transaction) next to `cp` of the same file to the
# same disk, and to `cp` followed by an fsync of the copy (what attach
# guarantees and cp alone does not).  Each file is a different 20 MiB PNG
# (a file already stored would cost nothing: one blob per hash).  Prints
# "bench: NAME VALUE UNIT" lines.  BENCH_ATTACH_N files (5).
set -eu
build=${1:?usage: bench_attach.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
MOTCUA=$build/motcua
N=${BENCH_ATTACH_N:-5}
T=$(mktemp -d "${MOTCUA_BENCH_DIR:-${TMPDIR:-/tmp}}/motcua-bench-attach.XXXXXX")
trap 'rm -rf "$T"' EXIT
export MOTCUA_FORMS_DIR=${MOTCUA_FORMS_DIR:-$here/../../forms}
export MOTCUA_DB=$T/office.db MOTCUA_NOW=2026-02-13T09:00:00+07:00
export HOME=$T XDG_RUNTIME_DIR=$T/run XDG_DATA_HOME=$T/data XDG_CONFIG_HOME=$T/config
export MOTCUA_USER=admin MOTCUA_PASSWORD=bench-password-2026
unset MOTCUA_SESSION MOTCUA_CONFIG
mkdir -m 0700 "$XDG_RUNTIME_DIR"
echo "$MOTCUA_PASSWORD" | "$MOTCUA" init --office-code 000.00.06.H56 \
    --office-name Bench --admin admin --password-stdin >/dev/null
export MOTCUA_SESSION=$("$MOTCUA" login --print)
unset MOTCUA_PASSWORD
code=$("$MOTCUA" dossier new --procedure 1.014166 --applicant-name "Nguyễn Thị Hường" \
    --document "Danh sách do người sử dụng lao động lập|original|1" </dev/null)
# the whole dossier may hold N files of 20 MiB
export MOTCUA_CONFIG=$T/motcua.conf
printf '[files]\nmax_dossier_mib = %d\n' $((N * 21 + 1)) >"$MOTCUA_CONFIG"
size=$((20 * 1024 * 1024 - 4096))
mkdir -p "$T/in" "$T/cp" "$T/cps"
for i in $(seq 1 "$N"); do
    python3 "$here/../tools/scan_fixtures.py" png "$T/in/scan$i.png" "$size"
done
cat "$T"/in/*.png >/dev/null # every input in the page cache, for both sides
now() { date +%s.%N; }
a=$(now)
for i in $(seq 1 "$N"); do
    "$MOTCUA" dossier attach "$code" --paper 1 "$T/in/scan$i.png" >/dev/null
done
b=$(now)
for i in $(seq 1 "$N"); do cp "$T/in/scan$i.png" "$T/cp/scan$i.png"; done
c=$(now)
for i in $(seq 1 "$N"); do
    cp "$T/in/scan$i.png" "$T/cps/scan$i.png"
    sync "$T/cps/scan$i.png" # fsync(2) of that file (coreutils sync FILE)
done
d=$(now)
stored=$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files")
python3 - "$N" "$size" "$a" "$b" "$c" "$d" "$stored" <<'PY'
import sys
n, size = int(sys.argv[1]), int(sys.argv[2])
a, b, c, d = map(float, sys.argv[3:7])
stored = int(sys.argv[7])
mib = n * size / 1048576
att, cp, cps = mib / (b - a), mib / (c - b), mib / (d - c)
print(f"bench: attach_files {n} files of {size / 1048576:.1f} MiB ({stored} attached)")
print(f"bench: attach_throughput {att:.1f} MiB/s")
print(f"bench: cp_throughput {cp:.1f} MiB/s")
print(f"bench: cp_fsync_throughput {cps:.1f} MiB/s")
print(f"bench: attach_vs_cp_ratio {att / cp:.3f} ratio")
print(f"bench: attach_vs_cp_fsync_ratio {att / cps:.3f} ratio")
print(f"bench: attach_mean {1e3 * (b - a) / n:.1f} ms")
PY
