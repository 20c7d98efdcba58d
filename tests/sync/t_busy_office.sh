#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# An office where the other desks keep working while the sync worker runs:
# an intake written after the push found the outbox empty (here: while the
# pull's answer is slow) is the next run's, not a failure - the run exits
# 0, reports it pending, and the next run delivers it.  (Found by
# tests/soak/load_day.sh: the run used to fail with [protocol].)
. "$MOTCUA_TESTS/sync/lib_sync.sh"
pg_start
pki_make
central_start
init_office
desk_config
intake_n 5
m sync --once >/dev/null || { echo "FATAL: first sync"; exit 1; }

# every answer of the centre held 1 s: the pull takes seconds
rm -f "$T/proxy.port"
FP_SLOW=1 FP_DELAY=1 python3 "$MOTCUA_TESTS/sync/fault_proxy.py" "$T/proxy.port" "$CPORT" &
PIDS+=($!)
for _ in $(seq 100); do [ -s "$T/proxy.port" ] && break; sleep 0.05; done
desk_config "https://localhost:$(cat "$T/proxy.port")"
m --json sync --once --timeout 30 >"$T/run.json" 2>"$T/run.err" &
run=$!
sleep 0.3 # the push has found nothing to send; the pull is waiting
intake_n 1
wait "$run"
expect_eq "a desk's intake during the run: the run still succeeds" "$?" "0"
expect_eq "it pushed nothing (the intake came after the push)" "$(jget pushed <"$T/run.json")" "0"
expect_eq "the intake is reported pending" "$(jget pending <"$T/run.json")" "1"
expect_eq "no error recorded" "$(m sync status --json | jget last_error)" "null"
desk_config
out=$(m --json sync --once)
expect_eq "the next run delivers it" "$(printf '%s' "$out" | jget pushed)" "1"
if [ "$(desk_events)" = "$(central_events)" ]; then ok "desk and centre agree event for event"; else bad "event lists differ"; fi
finish
