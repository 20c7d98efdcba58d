#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bench_cli_session.sh BUILD_DIR - one `motcua dossier new` process signed in
# with the password (argon2id every time) next to the same process signed
# in through a session (`motcua login` once), alternating, in one run.
# Prints "bench: NAME VALUE UNIT" lines.  BENCH_CLI_N intakes each (20).
set -eu
build=${1:?usage: bench_cli_session.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
MOTCUA=$build/motcua
N=${BENCH_CLI_N:-20}
T=$(mktemp -d "${MOTCUA_BENCH_DIR:-${TMPDIR:-/tmp}}/motcua-bench-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
export MOTCUA_FORMS_DIR=${MOTCUA_FORMS_DIR:-$here/../../forms}
export MOTCUA_DB=$T/office.db MOTCUA_NOW=2026-02-13T09:00:00+07:00
export HOME=$T XDG_RUNTIME_DIR=$T/run XDG_DATA_HOME=$T/data XDG_CONFIG_HOME=$T/config
export MOTCUA_USER=admin
unset MOTCUA_PASSWORD MOTCUA_SESSION MOTCUA_CONFIG
mkdir -m 0700 "$XDG_RUNTIME_DIR"
PW=bench-password-2026
echo "$PW" | "$MOTCUA" init --office-code 000.00.06.H56 --office-name Bench \
    --admin admin --password-stdin >/dev/null
TOK=$(MOTCUA_PASSWORD=$PW "$MOTCUA" login --print)
intake() {
    "$MOTCUA" dossier new --procedure 1.014166 --applicant-name "Nguyễn Thị Hường" \
        --document "Danh sách do người sử dụng lao động lập|original|1" </dev/null >/dev/null
}
now() { date +%s.%N; }
tp=0 ts=0
for _ in $(seq 1 "$N"); do
    a=$(now); MOTCUA_PASSWORD=$PW intake; b=$(now); MOTCUA_SESSION=$TOK intake; c=$(now)
    tp=$(python3 -c "print($tp + $b - $a)"); ts=$(python3 -c "print($ts + $c - $b)")
done
python3 - "$N" "$tp" "$ts" <<'PY'
import sys
n, tp, ts = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"bench: cli_intake_n {n} processes")
print(f"bench: cli_intake_password_mean {1e3 * tp / n:.1f} ms")
print(f"bench: cli_intake_session_mean {1e3 * ts / n:.1f} ms")
print(f"bench: cli_intake_session_vs_password_ratio {ts / tp:.3f} ratio")
PY
