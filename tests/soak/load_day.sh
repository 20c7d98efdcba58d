#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# load_day.sh - one office day under load, compressed: 2 offices x 4 desks
# (each office one SQLite database shared by its desks, as in
# ARCHITECTURE.md "Multi-desk offices"), each office with its ticket kiosk
# and its sync worker pushing to ONE motcua-central over loopback HTTPS
# with client certificates (PostgreSQL, PKI and centre from
# tests/sync/lib_sync.sh).  The desks, kiosks and sync workers are
# tests/tools/load_day processes: each signs in once and acts through the
# desk API, timing every action; the simulated clock (MOTCUA_NOW) runs
# through the working day 07:30-11:30, 13:00-17:00 at SPEED times real
# time.  Method and figures: docs/reliability.md §6.
#
#   tests/soak/load_day.sh                 short (CTest soak_load_day):
#                                          45 simulated minutes at 90x
#   tests/soak/load_day.sh --long          the whole 8-hour day at 40x
#                                          (12 minutes of wall time)
#   options: --minutes M --speed S --rate ARRIVALS_PER_HOUR_PER_OFFICE
#            --desks N (per office, default 4) --title TEXT
#            --report FILE (append the Markdown figures)
#
# Outside CTest it finds the binaries in $MOTCUA_BUILD (default build/;
# use an optimised build for figures).  Needs root (PostgreSQL runs as
# the postgres user), loopback only.  Fails on any error a clerk or the
# sync worker saw, and unless at the end: every dossier code and ticket
# number gap-free per office and day, desk and centre agree event for
# event, PRAGMA integrity_check ok, the audit chain verifies.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export MOTCUA_BUILD=${MOTCUA_BUILD:-$ROOT/build}
export MOTCUA=${MOTCUA:-$MOTCUA_BUILD/motcua}
export MOTCUA_CENTRAL=${MOTCUA_CENTRAL:-$MOTCUA_BUILD/motcua-central}
export MOTCUA_TESTS=${MOTCUA_TESTS:-$ROOT/tests}
export MOTCUA_FORMS_DIR=${MOTCUA_FORMS_DIR:-$ROOT/forms}
MINUTES=45 SPEED=90 RATE=40 REPORT="" TITLE="short" DESKS=4
while [ $# -gt 0 ]; do
    case $1 in
        --long) MINUTES=480 SPEED=40 TITLE="long" ;;
        --minutes) MINUTES=$2; shift ;;
        --speed) SPEED=$2; shift ;;
        --rate) RATE=$2; shift ;;
        --desks) DESKS=$2; shift ;;
        --title) TITLE=$2; shift ;;
        --report) REPORT=$2; shift ;;
        *) echo "usage: load_day.sh [--long] [--minutes M] [--speed S] [--rate R] [--desks N] [--title T] [--report FILE]" >&2; exit 2 ;;
    esac
    shift
done
. "$MOTCUA_TESTS/sync/lib_sync.sh"
TOOL=$MOTCUA_BUILD/tests/load_day
[ -x "$TOOL" ] || { echo "FATAL: $TOOL not built"; exit 1; }
DAY=2026-03-10 # a Tuesday
EVE="2026-03-09T16:00:00+07:00"
OFFICES=(000.00.06.H56 000.00.07.H57)
CERTS=(office office2)
SEED_DONE=40 # yesterday's results waiting for their owners, per office

pg_start
pki_make
central_start "" --threads 4
mkdir -p "$T/out"

for i in 0 1; do
    db=$T/office$i.db conf=$T/office$i.conf
    cat >"$conf" <<EOF
[sync]
url = https://localhost:$CPORT
ca_file = $PKI/ca.pem
client_cert = $PKI/${CERTS[$i]}.pem
client_key = $PKI/${CERTS[$i]}.key
batch_size = 100
interval_seconds = 60
EOF
    echo "$MOTCUA_PASSWORD" | MOTCUA_DB=$db MOTCUA_NOW=$EVE m init \
        --office-code "${OFFICES[$i]}" --office-name "BHXH văn phòng $i" \
        --admin admin --password-stdin >/dev/null || { echo "FATAL: init $i"; exit 1; }
    MOTCUA_CONFIG=$conf MOTCUA_NOW=$EVE "$TOOL" seed "$db" admin "$MOTCUA_PASSWORD" $DESKS $SEED_DONE \
        || { echo "FATAL: seed $i"; exit 1; }
    # yesterday's events reach the centre yesterday: the day pushes its own
    MOTCUA_DB=$db MOTCUA_CONFIG=$conf MOTCUA_NOW=$EVE m sync --once >/dev/null \
        || { echo "FATAL: first sync $i"; exit 1; }
done

# the day: every process shares T0 (the wall instant of 07:30)
export LOAD_T0=$(python3 -c 'import time; print(time.time() + 1)')
export LOAD_DAY=$DAY LOAD_SPEED=$SPEED LOAD_MINUTES=$MINUTES LOAD_RATE=$RATE
wall=$(python3 -c "print(round($MINUTES * 60 / $SPEED))")
echo "# $TITLE: ${#OFFICES[@]} offices x $DESKS desks, $MINUTES simulated minutes at ${SPEED}x (~${wall} s), $RATE arrivals/h per office"
WORKERS=() SYNCS=()
for i in 0 1; do
    db=$T/office$i.db conf=$T/office$i.conf
    MOTCUA_CONFIG=$conf LOAD_SEED=$((i + 1)) "$TOOL" kiosk "$db" "$T/out/kiosk$i.tsv" 2>>"$T/tool.err" &
    WORKERS+=($!)
    MOTCUA_CONFIG=$conf "$TOOL" sync "$db" "$conf" "$T/out/sync$i.tsv" 2>>"$T/tool.err" &
    SYNCS+=($!)
    for k in $(seq $DESKS); do
        MOTCUA_CONFIG=$conf LOAD_SEED=$((i + 1)) "$TOOL" desk "$db" desk$k desk-pass-1 "$k" $DESKS \
            "$T/out/desk$i-$k.tsv" 2>>"$T/tool.err" &
        WORKERS+=($!)
    done
done
PIDS+=("${WORKERS[@]}" "${SYNCS[@]}")
# bounded: the day's end plus a margin for the last citizen and the drain
deadline=$(($(date +%s) + wall + 180))
bounded_wait() {
    local p
    for p in "$@"; do
        while kill -0 "$p" 2>/dev/null; do
            if [ "$(date +%s)" -gt "$deadline" ]; then
                bad "process $p still running at the deadline"
                kill "$p"
            fi
            sleep 0.5
        done
    done
}
bounded_wait "${WORKERS[@]}"
# every desk is done: the sync workers drain the outbox and stop
kill -TERM "${SYNCS[@]}"
bounded_wait "${SYNCS[@]}"
st=0
for p in "${WORKERS[@]}" "${SYNCS[@]}"; do
    wait "$p" || st=1
done
expect_eq "every desk, kiosk and sync worker exits 0" "$st" "0"
[ -s "$T/tool.err" ] && { echo "--- tool stderr"; head -20 "$T/tool.err"; }

echo
sum=$(python3 "$MOTCUA_TESTS/soak/load_summary.py" "$T/out" \
    "$TITLE: ${#OFFICES[@]} offices x $DESKS desks, $MINUTES min at ${SPEED}x, $RATE arrivals/h/office ($(date -u +%F), $(nproc) cores)")
sumst=$?
echo "$sum"
[ -n "$REPORT" ] && printf '%s\n\n' "$sum" | grep -v '^load: ' >>"$REPORT"
expect_eq "no error seen by a clerk, the kiosk or the sync worker" "$sumst" "0"
expect_match "desks took dossiers in" "$sum" "load: intake n=[1-9]"
expect_match "the sync worker pushed" "$sum" "load: push n=[1-9]"

# --- the end-of-day checks, per office -----------------------------------
gapfree() { # reads "GROUP NUMBER" lines; prints the groups with a gap
    python3 -c 'import sys
g = {}
for l in sys.stdin:
    k, _, n = l.strip().rpartition(" ")
    if k:
        g.setdefault(k, []).append(int(n))
bad = [k for k, v in g.items() if sorted(v) != list(range(1, len(v) + 1))]
print(" ".join(bad) if bad else "ok %d" % len(g))'
}
for i in 0 1; do
    export MOTCUA_DB=$T/office$i.db OFFICE=${OFFICES[$i]} MOTCUA_NOW="${DAY}T17:30:00+07:00"
    o="office $OFFICE"
    q() { sqlite3 "$MOTCUA_DB" "$1"; }
    n_today=$(q "SELECT count(*) FROM dossiers WHERE code LIKE '%-260310-%'")
    echo "# $o: $n_today dossiers today, $(q "SELECT count(*) FROM queue_tickets WHERE day = '$DAY'") tickets, $(q "SELECT count(*) FROM outbox") events"
    expect_match "$o: desk codes gap-free per day" \
        "$(q "SELECT code FROM dossiers" | sed -E 's/^(.*)-([0-9]+)$/\1 \2/' | gapfree)" "^ok 2$"
    expect_match "$o: centre codes gap-free per day" \
        "$(psql_q "SELECT code FROM dossiers WHERE office = '$OFFICE'" | sed -E 's/^(.*)-([0-9]+)$/\1 \2/' | gapfree)" "^ok 2$"
    expect_eq "$o: centre holds every dossier" \
        "$(psql_q "SELECT count(*) FROM dossiers WHERE office = '$OFFICE'")" "$(q "SELECT count(*) FROM dossiers")"
    expect_match "$o: ticket numbers gap-free per day and group" \
        "$(q "SELECT day || '/' || issued_service || ' ' || number FROM queue_tickets" | gapfree)" "^ok"
    expect_eq "$o: yesterday's waiting tickets closed as not_served" \
        "$(q "SELECT count(*) FROM queue_tickets WHERE day < '$DAY' AND state = 'not_served'")" "3"
    expect_eq "$o: nothing left to push" "$(q "SELECT count(*) FROM outbox WHERE acked_at IS NULL")" "0"
    if [ "$(desk_events)" = "$(central_events)" ]; then
        ok "$o: desk and centre agree event for event ($(q "SELECT count(*) FROM outbox") events)"
    else
        bad "$o: desk and centre event lists differ"
    fi
    expect_eq "$o: integrity_check" "$(q "PRAGMA integrity_check")" "ok"
    out=$(m audit verify 2>&1)
    expect_eq "$o: audit chain verifies" "$?" "0"
done
finish
