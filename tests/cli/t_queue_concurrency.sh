#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# 8 counters press "next" (then "finish") at the same time on one database
# until 1,000 tickets are gone: every ticket is served exactly once, by the
# counter that printed it, priority tickets were all called before the
# ordinary ones of the same moment, and nothing is left waiting.
. "$(dirname "$0")/lib.sh"
init_office
TOOL="${MOTCUA_BUILD:?}/tests/queue_next_many"
P=${MOTCUA_CONC_PROCS:-8}
N=${MOTCUA_QUEUE_TICKETS:-1000}
for i in $(seq 1 "$P"); do
    echo "clerk-pass-$i" | m user add "quay$i" --name "Cán bộ quầy $i" --role clerk --password-stdin >/dev/null
done
"$TOOL" issue "$MOTCUA_DB" "$N" A > "$T/issued" || { echo "FATAL: issue failed"; exit 1; }
expect_eq "tickets issued" "$(wc -l < "$T/issued")" "$N"
expect_eq "labels distinct" "$(sort -u "$T/issued" | wc -l)" "$N"
expect_eq "numbering starts at 001" "$(head -2 "$T/issued" | tr '\n' ' ')" "A001 A002 "
[ "$N" -ge 1000 ] && expect_eq "past 999 the number grows a digit" "$(sed -n 1000p "$T/issued")" "A1000"

pids=()
mkdir -p "$T/start"
for i in $(seq 1 "$P"); do
    MOTCUA_QUEUE_START="$T/start" "$TOOL" serve "$MOTCUA_DB" "quay$i" "clerk-pass-$i" "$i" \
        > "$T/served.$i" 2> "$T/err.$i" &
    pids+=($!)
done
# every counter signed in, then all press "next" together
for _ in $(seq 600); do
    [ "$(ls "$T/start" | grep -c '^ready\.')" -ge "$P" ] && break
    sleep 0.1
done
touch "$T/start/go"
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
expect_eq "every counter finished cleanly" "$failed" "0"
[ "$failed" -eq 0 ] || cat "$T"/err.*
cat "$T"/served.* | awk '{print $1}' | sort > "$T/served"
expect_eq "tickets served" "$(wc -l < "$T/served")" "$N"
expect_eq "no ticket served twice" "$(uniq -d "$T/served" | wc -l)" "0"
expect_eq "served = issued" "$(sort "$T/issued" | diff - "$T/served" && echo same)" "same"
busy=0
for i in $(seq 1 "$P"); do [ -s "$T/served.$i" ] && busy=$((busy + 1)); done
expect_match "several counters took tickets" "$busy" "^[2-9]$"
expect_eq "database: every ticket done once" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*)||'/'||SUM(state='done')||'/'||COUNT(DISTINCT label) FROM queue_tickets")" "$N/$N/$N"
# the counter recorded in the database is the one that printed the ticket
mism=$(cat "$T"/served.* | while read -r label counter; do echo "$label|$counter"; done | sort > "$T/pairs"
    sqlite3 "$MOTCUA_DB" "SELECT label||'|'||counter FROM queue_tickets ORDER BY 1" | diff - "$T/pairs" | wc -l)
expect_eq "each ticket's counter matches its caller" "$mism" "0"
expect_eq "one call logged per ticket" "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*), COUNT(DISTINCT ticket_id) FROM queue_calls")" "$N|$N"
# every priority ticket was called before every ordinary ticket (all were
# issued before the first call)
expect_eq "priority first" "$(sqlite3 "$MOTCUA_DB" "SELECT (SELECT MAX(c.id) FROM queue_calls c JOIN queue_tickets t ON t.id = c.ticket_id WHERE t.priority = 1) < (SELECT MIN(c.id) FROM queue_calls c JOIN queue_tickets t ON t.id = c.ticket_id WHERE t.priority = 0)")" "1"
expect_eq "nothing waiting" "$(m --json queue status | jget waiting_total)" "0"
finish
