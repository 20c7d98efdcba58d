# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh - shared by the CLI tests: a private folder, a pinned clock, a
# fresh office database, and small assertion helpers.
set -u
: "${MOTCUA:?MOTCUA must point at the motcua binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/motcua-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export MOTCUA_DB="$T/office.db"
export MOTCUA_NOW="${MOTCUA_NOW:-2026-02-13T10:00:00+07:00}"
export MOTCUA_PASSWORD="admin-pass-1"
export MOTCUA_USER=admin
export HOME="$T" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
unset MOTCUA_CONFIG
# Vietnamese, whatever the developer's language: a build finds its own
# English catalogue (build/locale) without MOTCUA_LOCALEDIR now, so an
# English LANG would otherwise translate the messages the tests look for
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
PROC=1.014166
REQDOC="Danh sách do người sử dụng lao động lập"
FAILS=0
PASSES=0

m() { "$MOTCUA" "$@"; }

init_office() {
    echo "$MOTCUA_PASSWORD" | m init --office-code 000.00.06.H56 \
        --office-name "BHXH tỉnh Thanh Hóa" --admin admin --password-stdin >/dev/null \
        || { echo "FATAL: init failed"; exit 1; }
}

ok() { PASSES=$((PASSES + 1)); echo "ok - $1"; }
bad() { FAILS=$((FAILS + 1)); echo "not ok - $1"; }

# expect_eq WHAT GOT WANT
expect_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got [$2], want [$3]"; fi
}
# expect_match WHAT TEXT PATTERN (grep -E)
expect_match() {
    if printf '%s' "$2" | grep -qE -- "$3"; then ok "$1"; else bad "$1: [$2] does not match /$3/"; fi
}

# jq-free JSON field reader (python3 is on every Debian)
jget() { python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."):
    d = d[int(k)] if isinstance(d, list) else d[k]
print("null" if d is None else (str(d).lower() if isinstance(d, bool) else d))' "$1"; }

dossier_count() { sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossiers"; }
row_count() { sqlite3 "$MOTCUA_DB" "SELECT (SELECT COUNT(*) FROM dossiers)||'/'||(SELECT COUNT(*) FROM history)||'/'||(SELECT COUNT(*) FROM audit)||'/'||(SELECT COUNT(*) FROM outbox)||'/'||(SELECT COUNT(*) FROM issued_codes)"; }

finish() {
    echo "$PASSES passed, $FAILS failed"
    [ "$FAILS" -eq 0 ]
}
