#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# crash_intake.sh [KILLS] [LOOPS] - intake survives kill -9 at any moment.
#
# LOOPS clerks (default 4) take in dossiers on one office database at the
# same time, each with the real CLI (`motcua --json dossier new`), one
# process per dossier, while a killer sends SIGKILL to a random one of
# them at a random moment, until KILLS (default 30; MOTCUA_SOAK_KILLS)
# processes have died of it.  A code is *acknowledged* when the CLI printed
# it (--json) before it exited or was killed.  Then:
#   - every acknowledged code is in the database, none was printed twice;
#   - for each day the codes are exactly 0001..N (no gap, no duplicate);
#   - each dossier has its one history row, one audit row and one outbox
#     event (nothing half-written), and every issued code has its dossier;
#   - PRAGMA integrity_check and foreign_key_check are clean;
#   - `motcua audit verify` passes;
#   - the next intake after the storm gets the next number.
# Prints `soak: NAME VALUE` figures (docs/reliability.md).  Loopback only,
# bounded: MOTCUA_SOAK_MAX_SECONDS (default 60 + 2 x KILLS) stops the storm.
#
#   MOTCUA=build/motcua MOTCUA_FORMS_DIR=forms bash tests/soak/crash_intake.sh 1000
. "$(dirname "$0")/../cli/lib.sh"
KILLS=${1:-${MOTCUA_SOAK_KILLS:-30}}
LOOPS=${2:-4}
MAX_SECONDS=${MOTCUA_SOAK_MAX_SECONDS:-$((60 + 2 * KILLS))}
init_office
for i in $(seq 1 "$LOOPS"); do
    echo "$MOTCUA_PASSWORD" | m user add "canbo$i" --name "Cán bộ $i" --role clerk \
        --password-stdin >/dev/null || { echo "FATAL: user add canbo$i"; exit 1; }
done
MOTCUA_BIN=$(readlink -f "$MOTCUA")
# the days the loops take dossiers on (each loop moves to the next day
# every 200 of its intakes, so several days' sequences grow at once)
DAYS=(2026-02-09 2026-02-10 2026-02-11 2026-02-12 2026-02-13)
CODE_RE='[0-9A-Z.]+-[0-9]{6}-[0-9]{4}'

intake() { # LOGIN DAY-INDEX
    MOTCUA_NOW="${DAYS[$2]}T09:30:00+07:00" exec "$MOTCUA" --json --user "$1" \
        dossier new --procedure "$PROC" --applicant-name "Nguyễn Thị Hường" \
        --id-number 001190012345 --document "$REQDOC|original|1"
}

# one clerk: an intake after another until $T/stop appears
loop() {
    local i=$1 n=0 rc code
    while [ ! -e "$T/stop" ]; do
        intake "canbo$i" $(( (n / 200) % ${#DAYS[@]} )) > "$T/out.$i" 2> "$T/err.$i" &
        echo $! > "$T/pid.$i"
        wait $!
        rc=$?
        : > "$T/pid.$i"
        n=$((n + 1))
        echo "$rc" >> "$T/rc.$i"
        code=$(grep -m1 -oE "\"code\": \"$CODE_RE\"" "$T/out.$i" | cut -d'"' -f4)
        [ -n "$code" ] && echo "$code $rc" >> "$T/acked.$i"
        if [ "$rc" != 0 ] && [ "$rc" != 137 ]; then
            { echo "exit $rc:"; cat "$T/err.$i"; } >> "$T/unexpected.$i"
        fi
    done
}

# how long one intake takes here (the killer aims within that window)
t0=$(date +%s%N)
for k in 1 2 3; do (intake admin 0) > /dev/null || { echo "FATAL: intake failed"; exit 1; }; done
one_ms=$(( ($(date +%s%N) - t0) / 3000000 ))
# with LOOPS processes on this machine's cores each one runs longer
window_ms=$(( one_ms * (LOOPS > 2 ? LOOPS : 2) ))
echo "# one intake takes ${one_ms} ms alone; kills land within ${window_ms} ms"
base=$(sqlite3 "$MOTCUA_DB" "SELECT (SELECT COUNT(*) FROM dossiers)||' '||(SELECT COUNT(*) FROM outbox)")

start=$(date +%s)
lpids=()
for i in $(seq 1 "$LOOPS"); do
    : > "$T/pid.$i"; : > "$T/rc.$i"; : > "$T/acked.$i"
    loop "$i" 2>/dev/null & # (not bash's "Killed" notices)
    lpids+=($!)
done

killed() { cat "$T"/rc.* | grep -c '^137$'; }
sent=0
timed_out=0
while [ "$(killed)" -lt "$KILLS" ]; do
    if [ $(( $(date +%s) - start )) -ge "$MAX_SECONDS" ]; then timed_out=1; break; fi
    # a random moment: 0 .. window ms
    sleep "$(printf '0.%03d' $(( RANDOM % (window_ms < 999 ? window_ms + 1 : 1000) )))"
    i=$(( RANDOM % LOOPS + 1 ))
    pid=$(cat "$T/pid.$i" 2>/dev/null)
    [ -n "$pid" ] || continue
    # only our own intake process: the motcua binary, child of loop $i
    [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$MOTCUA_BIN" ] || continue
    [ "$(awk '/^PPid:/ {print $2}' "/proc/$pid/status" 2>/dev/null)" = "${lpids[$((i - 1))]}" ] || continue
    kill -9 "$pid" 2>/dev/null && sent=$((sent + 1))
done
touch "$T/stop"
for p in "${lpids[@]}"; do wait "$p"; done
elapsed=$(( $(date +%s) - start ))

kills=$(killed)
runs=$(cat "$T"/rc.* | wc -l)
acked=$(cat "$T"/acked.* | wc -l)
acked_then_killed=$(cat "$T"/acked.* | grep -c ' 137$')
db_codes=$(sqlite3 "$MOTCUA_DB" "SELECT code FROM dossiers" | sort)
echo "soak: kills $kills"
echo "soak: signals_sent $sent"
echo "soak: intake_processes $runs"
echo "soak: acknowledged $acked"
echo "soak: acknowledged_then_killed $acked_then_killed"
dossiers=$(printf '%s\n' "$db_codes" | grep -c .)
echo "soak: dossiers $dossiers"
# killed after COMMIT, before the code reached the screen: the dossier is
# kept (and can be found and its receipt reprinted), its number is used
echo "soak: committed_not_acknowledged $((dossiers - ${base%% *} - acked))"
echo "soak: seconds $elapsed"

[ "$timed_out" = 0 ] && ok "$KILLS intake processes killed with SIGKILL (in ${elapsed} s)" \
    || bad "only $kills of $KILLS kills within $MAX_SECONDS s"
expect_eq "no intake failed other than by the kill" "$(cat "$T"/unexpected.* 2>/dev/null | head -20)" ""
expect_eq "every acknowledged code is in the database" \
    "$(cat "$T"/acked.* | cut -d' ' -f1 | sort -u | comm -23 - <(printf '%s\n' "$db_codes"))" ""
expect_eq "no code was acknowledged twice" "$(cat "$T"/acked.* | cut -d' ' -f1 | sort | uniq -d)" ""
expect_eq "no duplicate code in the database" "$(printf '%s\n' "$db_codes" | uniq -d)" ""
gaps=$(sqlite3 "$MOTCUA_DB" "SELECT day||': '||COUNT(*)||' codes, '||MIN(seq)||'..'||MAX(seq)
        FROM issued_codes GROUP BY agency, day HAVING MIN(seq) != 1 OR MAX(seq) != COUNT(*)")
expect_eq "each day's codes are exactly 0001..N (no gap)" "$gaps" ""
echo "# per day: $(sqlite3 "$MOTCUA_DB" "SELECT day||'='||COUNT(*) FROM issued_codes GROUP BY day" | tr '\n' ' ')"
expect_eq "every issued code has its dossier" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT code FROM issued_codes WHERE code NOT IN (SELECT code FROM dossiers)")" ""
expect_eq "each dossier has one history row and one audit row" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT d.code FROM dossiers d
        WHERE (SELECT COUNT(*) FROM history h WHERE h.dossier_id = d.id) != 1
           OR (SELECT COUNT(*) FROM audit a WHERE a.object = d.code) != 1 LIMIT 5")" ""
read -r base_d base_o <<< "$base"
expect_eq "one outbox event per new dossier" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT (SELECT COUNT(*) FROM outbox) - $base_o = (SELECT COUNT(*) FROM dossiers) - $base_d")" "1"
expect_eq "PRAGMA integrity_check" "$(sqlite3 "$MOTCUA_DB" "PRAGMA integrity_check")" "ok"
expect_eq "PRAGMA foreign_key_check" "$(sqlite3 "$MOTCUA_DB" "PRAGMA foreign_key_check")" ""
expect_match "motcua audit verify" "$(m audit verify 2>&1)" "nguyên vẹn"
day=${DAYS[0]}
n=$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM issued_codes WHERE day = '${day:2:2}${day:5:2}${day:8:2}'")
next=$( (intake admin 0) | grep -m1 -oE "\"code\": \"$CODE_RE\"" | cut -d'"' -f4)
expect_eq "the next intake gets the next number" "${next##*-}" "$(printf '%04d' $((n + 1)))"
finish
