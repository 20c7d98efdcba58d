#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The desk's commands under valgrind memcheck: no invalid access, no leak.
# Runs on the plain build (packaging/dev.sh test builds one for it); an
# ASan build cannot run under valgrind and skips.
. "$(dirname "$0")/../cli/lib.sh"
if ldd "$MOTCUA" | grep -q libasan; then
    echo "skipped: $MOTCUA is built with AddressSanitizer"
    echo "0 passed, 0 failed"
    exit 0
fi
command -v valgrind >/dev/null || { echo "FATAL: valgrind missing"; exit 1; }
VG=(valgrind -q --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=99)
vg() { "${VG[@]}" "$MOTCUA" "$@"; }
echo "$MOTCUA_PASSWORD" | vg init --office-code 000.00.06.H56 --office-name "BHXH" --admin admin --password-stdin >/dev/null
expect_eq "init" "$?" "0"
code=$(vg dossier new --procedure $PROC --applicant-name "Nguyễn Thị Hường" --id-number 001190012345 --document "$REQDOC")
expect_eq "intake" "$?" "0"
vg --json dossier show "$code" >/dev/null; expect_eq "show" "$?" "0"
vg dossier search nguyen thi huong >/dev/null; expect_eq "search" "$?" "0"
vg dossier advance "$code" --to processing >/dev/null; expect_eq "advance" "$?" "0"
vg dossier advance "$code" --to returned >/dev/null 2>&1; expect_eq "refused transition (exit 6, clean)" "$?" "6"
vg dossier new --procedure $PROC --applicant-name "X Y" --phone 12 >/dev/null 2>&1; expect_eq "bad input (exit 3, clean)" "$?" "3"
FIX="python3 $(dirname "$0")/../tools/scan_fixtures.py"
$FIX pdf "$T/s.pdf" 2; $FIX png "$T/s.png"; $FIX cut "$T/cut.pdf" "$T/s.pdf" 100
vg dossier attach "$code" --paper 1 "$T/s.pdf" "$T/s.png" >/dev/null; expect_eq "attach scans" "$?" "0"
vg dossier attach "$code" --paper 1 "$T/cut.pdf" >/dev/null 2>&1; expect_eq "a truncated scan (exit 3, clean)" "$?" "3"
vg --json dossier scans "$code" >/dev/null; expect_eq "dossier scans" "$?" "0"
vg --json catalogue list >/dev/null; expect_eq "catalogue list" "$?" "0"
vg --json dossier list --overdue >/dev/null; expect_eq "list" "$?" "0"
export XDG_RUNTIME_DIR="$T/run"; mkdir -m 0700 "$XDG_RUNTIME_DIR"
vg login >/dev/null; expect_eq "login (session file)" "$?" "0"
(unset MOTCUA_PASSWORD; vg dossier show "$code" </dev/null >/dev/null); expect_eq "a command through the session" "$?" "0"
(unset MOTCUA_PASSWORD; MOTCUA_SESSION=$(printf '%064d' 1) vg dossier show "$code" </dev/null >/dev/null 2>&1); expect_eq "unknown session (exit 8, clean)" "$?" "8"
vg logout >/dev/null; expect_eq "logout" "$?" "0"
# the online inbox (rows as the sync pull leaves them)
for r in OL1 OL2; do
    sqlite3 "$MOTCUA_DB" "INSERT INTO online_inbox(portal_ref, rev, submitted_at, state, centre_state, procedure_code, applicant_name, dossier, pulled_at) VALUES ('$r', 1, '2026-02-12T21:40:00+07:00', 'waiting', 'waiting', '$PROC', 'Lê Thị Hoa', '{\"procedure_code\":\"$PROC\",\"applicant_name\":\"Lê Thị Hoa\",\"papers\":[{\"no\":1,\"name\":\"$REQDOC\"}]}', 0)"
done
vg --json online list >/dev/null; expect_eq "online list" "$?" "0"
vg --json online show OL1 >/dev/null; expect_eq "online show" "$?" "0"
vg online accept OL1 >/dev/null 2>&1; expect_eq "online accept" "$?" "0"
vg online accept OL1 >/dev/null 2>&1; expect_eq "online accept again (exit 7, clean)" "$?" "7"
# (rendering the Mẫu 03 loads fontconfig, whose caches valgrind reports
# even after pango's shutdown: the decisions run under ASan in tests/sync)
vg online refuse OL2 >/dev/null 2>&1; expect_eq "online refuse without a reason (exit 3, clean)" "$?" "3"
vg audit verify >/dev/null; expect_eq "audit verify" "$?" "0"
finish
