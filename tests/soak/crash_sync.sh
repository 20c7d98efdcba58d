#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# crash_sync.sh [KILLS] [EVENTS] - sync survives kill -9 of either side.
#
# A desk takes in EVENTS dossiers (default 1000; MOTCUA_SOAK_EVENTS) in
# small transactions while its sync worker (`motcua sync --daemon`, batches
# of 20) pushes them to motcua-central over HTTPS (private PostgreSQL, test
# PKI, loopback; tests/sync/lib_sync.sh), and the back office moves
# dossiers on at the centre, which the worker pulls.  Meanwhile a killer
# sends SIGKILL to the worker or to motcua-central at random moments until
# KILLS (default 10; MOTCUA_SOAK_KILLS) processes have died of it; each is
# restarted at once.  Then one last `sync --once`, and:
#   - the centre holds every desk event once, event for event (seq and
#     payload), nothing pending at the desk;
#   - every dossier is at the centre, and each status the back office set
#     is the status at the desk, applied once;
#   - the desk's database passes integrity_check and `audit verify`.
# Prints `soak: NAME VALUE` figures (docs/reliability.md).  Needs root (the
# PostgreSQL of tests/sync); skips otherwise.
#
#   MOTCUA=build/motcua MOTCUA_CENTRAL=build/motcua-central MOTCUA_BUILD=build \
#     MOTCUA_TESTS=tests MOTCUA_FORMS_DIR=forms bash tests/soak/crash_sync.sh 50 10000
MOTCUA_TESTS=${MOTCUA_TESTS:-$(cd "$(dirname "$0")/.." && pwd)}
if [ "$(id -u)" != 0 ] || [ ! -x "${PGBIN:-/usr/lib/postgresql/15/bin}/initdb" ]; then
    echo "skipped: needs root and PostgreSQL 15 (as tests/sync)"; echo "0 passed, 0 failed"; exit 0
fi
. "$MOTCUA_TESTS/sync/lib_sync.sh"
KILLS=${1:-${MOTCUA_SOAK_KILLS:-10}}
EVENTS=${2:-${MOTCUA_SOAK_EVENTS:-1000}}
MAX_SECONDS=${MOTCUA_SOAK_MAX_SECONDS:-$((120 + 3 * KILLS + EVENTS / 50))}
pg_start
pki_make
central_start
init_office
BATCH=20 desk_config

# a dead process leaves PIDS (its number may be reused before the cleanup)
forget() { local p keep=(); for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done; PIDS=("${keep[@]}"); }
WORKER_PID=""
worker_start() {
    "$MOTCUA" sync --daemon --interval 1 --timeout 5 2>>"$T/worker.log" &
    WORKER_PID=$!
    PIDS+=("$WORKER_PID")
}
worker_start

# the desk: intakes in transactions of 25 until EVENTS
(
    n=0
    while [ "$n" -lt "$EVENTS" ]; do
        k=$(( EVENTS - n < 25 ? EVENTS - n : 25 ))
        "$MOTCUA_BUILD/tests/intake_many" "$MOTCUA_DB" admin "$MOTCUA_PASSWORD" "$k" >>"$T/codes.txt" \
            || { echo "intake_many failed" >>"$T/producer.err"; exit 1; }
        n=$((n + k))
    done
) &
PRODUCER=$!
PIDS+=("$PRODUCER")

# the back office: moves dossiers the centre has to "processing" (pulls)
: > "$T/bo.ok"
(
    while [ ! -e "$T/stop" ]; do
        code=$(psql_q "SELECT code FROM dossiers WHERE status = 'received' ORDER BY random() LIMIT 1" 2>/dev/null)
        if [ -n "$code" ]; then
            r=$(c_backoffice "$code" '{"status":"processing","department":"Phòng Chế độ"}' 2>/dev/null)
            [ "$(printf '%s' "$r" | jget change.to 2>/dev/null)" = processing ] && echo "$code" >>"$T/bo.ok"
        fi
        sleep 0.2
    done
) 2>/dev/null &
BACKOFFICE=$!
PIDS+=("$BACKOFFICE")

start=$(date +%s)
kills_worker=0 kills_central=0 timed_out=0
while [ $((kills_worker + kills_central)) -lt "$KILLS" ]; do
    if [ $(( $(date +%s) - start )) -ge "$MAX_SECONDS" ]; then timed_out=1; break; fi
    # a random moment, 0..2 s apart on average 1 s (MOTCUA_SOAK_GAP_MS)
    gap=$(( RANDOM * 2 * ${MOTCUA_SOAK_GAP_MS:-1000} / 32768 ))
    sleep "$(printf '%d.%03d' $((gap / 1000)) $((gap % 1000)))"
    if [ $(( RANDOM % 2 )) = 0 ]; then
        kill -0 "$WORKER_PID" 2>/dev/null || worker_start
        kill -9 "$WORKER_PID" 2>/dev/null && kills_worker=$((kills_worker + 1))
        wait "$WORKER_PID" 2>/dev/null
        forget "$WORKER_PID"
        worker_start
    else
        kill -9 "$CENTRAL_PID" 2>/dev/null && kills_central=$((kills_central + 1))
        wait "$CENTRAL_PID" 2>/dev/null
        forget "$CENTRAL_PID"
        central_start # the same port
    fi
done
kill_seconds=$(( $(date +%s) - start ))
wait "$PRODUCER"
producer_rc=$?
forget "$PRODUCER"
touch "$T/stop"
wait "$BACKOFFICE" 2>/dev/null
forget "$BACKOFFICE"
# one more back-office change after the storm, so the last pull matters
last=$(psql_q "SELECT code FROM dossiers WHERE status = 'received' LIMIT 1")
c_backoffice "$last" '{"status":"processing"}' >/dev/null && echo "$last" >>"$T/bo.ok"
kill "$WORKER_PID" 2>/dev/null
wait "$WORKER_PID" 2>/dev/null
forget "$WORKER_PID"
elapsed=$(( $(date +%s) - start ))
final_rc=1
for _ in 1 2 3 4 5; do
    m sync --once >/dev/null 2>>"$T/final.err" && { final_rc=0; break; }
    sleep 1
done

n_desk=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM outbox")
n_central=$(psql_q "SELECT count(*) FROM events WHERE office = '$OFFICE'")
n_bo=$(sort -u "$T/bo.ok" | grep -c .)
echo "soak: kills $((kills_worker + kills_central))"
echo "soak: kills_worker $kills_worker"
echo "soak: kills_central $kills_central"
echo "soak: desk_events $n_desk"
echo "soak: centre_events $n_central"
echo "soak: backoffice_changes $n_bo"
echo "soak: kill_phase_seconds $kill_seconds"
echo "soak: seconds $elapsed"

[ "$timed_out" = 0 ] && ok "$KILLS kills (worker $kills_worker, centre $kills_central) in ${elapsed} s" \
    || bad "only $((kills_worker + kills_central)) of $KILLS kills within $MAX_SECONDS s"
expect_eq "the desk took in every dossier" "$producer_rc/$(dossier_count)" "0/$EVENTS"
expect_eq "the last sync --once succeeds" "$final_rc" "0"
[ "$final_rc" = 0 ] || tail -5 "$T/final.err"
expect_eq "the centre has every desk event once" "$n_central" "$n_desk"
if [ "$(desk_events)" = "$(central_events)" ]; then ok "desk and centre agree event for event"; else bad "desk and centre event lists differ"; fi
expect_eq "nothing pending at the desk" "$(m sync status --json | jget pending)" "0"
expect_eq "no event set aside or rejected" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM outbox WHERE set_aside_reason IS NOT NULL")/$(psql_q "SELECT count(*) FROM events WHERE rejected_reason IS NOT NULL")" "0/0"
expect_eq "every dossier is at the centre" "$(summary | jget dossiers)" "$(dossier_count)"
desk_processing=$(sqlite3 "$MOTCUA_DB" "SELECT code FROM dossiers WHERE status = 'processing' ORDER BY code")
expect_eq "each back-office change reached the desk" "$desk_processing" "$(sort -u "$T/bo.ok")"
expect_eq "and was applied once" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM history WHERE to_status = 'processing'")" "$n_bo"
expect_eq "centre and desk agree on every status" \
    "$(psql_q "SELECT code||' '||status FROM dossiers WHERE office = '$OFFICE' ORDER BY code")" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT code||' '||status FROM dossiers ORDER BY code")"
expect_eq "desk database: integrity_check" "$(sqlite3 "$MOTCUA_DB" "PRAGMA integrity_check")" "ok"
expect_match "desk database: audit verify" "$(m audit verify 2>&1)" "nguyên vẹn"
finish
