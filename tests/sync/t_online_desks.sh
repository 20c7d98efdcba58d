#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The online-dossier concurrency test (issue 12): the portal's connector
# files 200 online dossiers for two offices (100 each, one in five without
# the procedure's required paper); at each office two desks (two clerks,
# two processes on the office's one SQLite database) pull them and, both
# walking the same list at once, accept, ask for supplements and refuse -
# for some dossiers the two desks want different outcomes - while syncing
# with the centre.  Afterwards every dossier is in exactly one state, the
# same at the desk and at the centre; exactly one decision per dossier
# succeeded and every other attempt was refused naming the clerk who took
# it; the accepted dossiers' codes are 1..N with no gap; nothing was set
# aside by the centre.
. "$MOTCUA_TESTS/sync/lib_sync.sh"
pg_start
pki_make
OFFICE2=000.00.07.H57
CONN=motcua-portal-connector
mkca connca "motcua test portal connector CA"
mkcert connector connca "$CONN" "" client
central_start server --connector-ca "$PKI/connca.pem"
N=${ONLINE_N:-100}

# two offices, each its own database and certificate, two clerks each
setup_office() { # N CODE CERT
    local db="$T/office$1.db" conf="$T/office$1.conf"
    echo "$MOTCUA_PASSWORD" | MOTCUA_DB=$db m init --office-code "$2" \
        --office-name "BHXH văn phòng $1" --admin admin --password-stdin >/dev/null ||
        { echo "FATAL: init $2"; exit 1; }
    cat >"$conf" <<CONF
[sync]
url = https://localhost:$CPORT
ca_file = $PKI/ca.pem
client_cert = $PKI/$3.pem
client_key = $PKI/$3.key
CONF
    local u
    for u in lan minh; do
        echo "$u-pass-123" | MOTCUA_DB=$db m user add $u --name "Cán bộ $u" --role clerk \
            --password-stdin >/dev/null || { echo "FATAL: user $u"; exit 1; }
    done
}
setup_office 1 "$OFFICE" office
setup_office 2 "$OFFICE2" office2
on() { # OFFICE_N CMD... (as admin)
    local n=$1
    shift
    MOTCUA_DB="$T/office$n.db" MOTCUA_CONFIG="$T/office$n.conf" m "$@"
}

out=$(python3 "$MOTCUA_TESTS/sync/online_file.py" --port "$CPORT" --ca "$PKI/ca.pem" \
    --cert "$PKI/connector.pem" --key "$PKI/connector.key" \
    --office "$OFFICE" --office "$OFFICE2" --count "$N" --incomplete-every 5 --files 1 \
    --prefix G22.99-260213)
expect_eq "the connector filed $((2 * N)) dossiers" "$(printf '%s' "$out" | jget filed)" "$((2 * N))"
printf '%s' "$out" | python3 -c 'import json,sys; r=json.load(sys.stdin)["refs"]
for i,(o,refs) in enumerate(r.items()):
    open(sys.argv[1]+"/refs%d.txt" % (i+1),"w").write("\n".join(refs)+"\n")' "$T"

# One desk: walk the office's list in order, deciding each dossier by its
# place in the list; sync every 25 dossiers.  Desk "lan" accepts 3 in 5;
# desk "minh" refuses some of those (the two want different outcomes).
desk_run() { # OFFICE_N LOGIN
    local n=$1 who=$2 i=0 ref rc tok
    export MOTCUA_DB="$T/office$n.db" MOTCUA_CONFIG="$T/office$n.conf"
    tok=$(MOTCUA_PASSWORD="$who-pass-123" m --user "$who" login --print) ||
        { echo "FATAL: login $who"; return 1; }
    m sync --once >>"$T/sync-$n-$who.log" 2>&1
    while read -r ref; do
        local act=accept k=$((i % 5))
        if [ $k -eq 0 ]; then act=supplement
        elif [ $k -eq 1 ]; then act=refuse
        elif [ $k -eq 2 ] && [ "$who" = minh ]; then act=refuse
        fi
        case $act in
        accept) MOTCUA_SESSION=$tok m --user "$who" online accept "$ref" >"$T/o.$n.$who" 2>&1 ;;
        supplement) MOTCUA_SESSION=$tok m --user "$who" online supplement "$ref" \
            --missing "Danh sách do người sử dụng lao động lập" \
            --reason "Hồ sơ thiếu danh sách của đơn vị" >"$T/o.$n.$who" 2>&1 ;;
        refuse) MOTCUA_SESSION=$tok m --user "$who" online refuse "$ref" \
            --reason "Không thuộc thẩm quyền giải quyết" >"$T/o.$n.$who" 2>&1 ;;
        esac
        rc=$?
        printf '%s %s %s %s\n' "$ref" "$act" "$rc" "$(tr '\n' ' ' <"$T/o.$n.$who")" >>"$T/run-$n-$who.log"
        i=$((i + 1))
        [ $((i % 25)) -eq 0 ] && m sync --once >>"$T/sync-$n-$who.log" 2>&1
    done <"$T/refs$n.txt"
    m sync --once >>"$T/sync-$n-$who.log" 2>&1
    return 0
}
# both offices' first pull before the race (the desks pull again as they go)
on 1 sync --once >/dev/null 2>&1
on 2 sync --once >/dev/null 2>&1
t0=$(date +%s.%N)
pids=()
for n in 1 2; do
    for who in lan minh; do
        desk_run $n $who &
        pids+=($!)
    done
done
for p in "${pids[@]}"; do wait "$p" || bad "a desk process failed"; done
t1=$(date +%s.%N)
for n in 1 2; do on $n sync --once >/dev/null 2>&1; on $n sync --once >/dev/null 2>&1; done
echo "bench: online_desks_decisions $(python3 -c "print(round(4 * $N / ($t1 - $t0), 1))") attempts/s"

for n in 1 2; do
    office=$OFFICE
    [ $n -eq 2 ] && office=$OFFICE2
    db="$T/office$n.db"
    # exactly one successful decision per dossier; every other attempt a
    # conflict (exit 7) naming the clerk who won
    verdict=$(cat "$T/run-$n-lan.log" "$T/run-$n-minh.log" | python3 -c '
import sys, re, collections
wins = collections.defaultdict(list); lost = collections.defaultdict(list); other = []
for line in sys.stdin:
    ref, act, rc, msg = (line.rstrip("\n").split(" ", 3) + [""])[:4]
    if rc == "0": wins[ref].append(act)
    elif rc == "7": lost[ref].append(msg)
    else: other.append(line.strip())
print("refs", len(set(wins) | set(lost)))
print("one_win", sum(1 for r in wins if len(wins[r]) == 1), "double", sum(1 for r in wins if len(wins[r]) > 1))
print("no_win", len([r for r in lost if r not in wins]))
print("other", len(other))
for o in other[:3]: print("OTHER", o)
')
    expect_eq "office $n: every dossier decided by exactly one desk" \
        "$(printf '%s\n' "$verdict" | head -4 | tr '\n' ' ')" "refs $N one_win $N double 0 no_win 0 other 0 "
    printf '%s\n' "$verdict" | grep '^OTHER' | head -3
    # who won each dossier, and what the losers were told
    python3 - "$T/run-$n-lan.log" "$T/run-$n-minh.log" >"$T/names-$n.txt" <<'PY'
import sys
wins, msgs = {}, []
for path, who in ((sys.argv[1], "lan"), (sys.argv[2], "minh")):
    for line in open(path):
        ref, act, rc, msg = (line.rstrip("\n").split(" ", 3) + [""])[:4]
        if rc == "0": wins[ref] = who
        elif rc == "7": msgs.append((ref, msg))
bad = [r for r, m in msgs if ("đã được %s " % wins.get(r)) not in m and ("đã bị %s " % wins.get(r)) not in m]
print(len(msgs), len(bad))
for r in bad[:3]: print("BAD", r, [m for x, m in msgs if x == r][0])
PY
    read -r nconf nbad <"$T/names-$n.txt"
    expect_eq "office $n: each of the $nconf refused attempts names the clerk who took the dossier" "$nbad" "0"
    grep '^BAD' "$T/names-$n.txt"
    if [ "$nconf" -gt 0 ]; then ok "office $n: the desks really raced ($nconf conflicts)"; else bad "office $n: no conflict at all: the desks did not race"; fi
    # the desk: none waiting, each in one final state
    expect_eq "office $n: no online dossier left waiting" \
        "$(sqlite3 "$db" "SELECT count(*) FROM online_inbox WHERE state = 'waiting'")" "0"
    acc=$(sqlite3 "$db" "SELECT count(*) FROM online_inbox WHERE state = 'accepted'")
    expect_eq "office $n: one dossier per accepted online dossier" "$(sqlite3 "$db" "SELECT count(*) FROM dossiers")" "$acc"
    expect_eq "office $n: the inbox holds its $N dossiers, once each" \
        "$(sqlite3 "$db" "SELECT count(*) FROM online_inbox")" "$N"
    # codes: 1..acc, no gap, no reuse
    expect_eq "office $n: the codes are 1..$acc, gap-free" \
        "$(sqlite3 "$db" "SELECT count(*) || ' ' || min(seq) || ' ' || max(seq) || ' ' || count(DISTINCT code) FROM issued_codes")" \
        "$acc 1 $acc $acc"
    expect_eq "office $n: each accepted online dossier has its own code" \
        "$(sqlite3 "$db" "SELECT count(DISTINCT code) FROM online_inbox WHERE state = 'accepted'")" "$acc"
    # the centre agrees, dossier by dossier
    sqlite3 -separator '|' "$db" "SELECT portal_ref, state, coalesce(code, '') FROM online_inbox ORDER BY portal_ref" >"$T/desk-$n.txt"
    psql_q "SELECT portal_ref || '|' || state || '|' || coalesce(code, '') FROM online_dossiers WHERE office = '$office' ORDER BY portal_ref" >"$T/centre-$n.txt"
    if diff -q "$T/desk-$n.txt" "$T/centre-$n.txt" >/dev/null; then
        ok "office $n: the centre holds the same state (and code) for each of the $N dossiers"
    else
        bad "office $n: desk and centre differ"; diff "$T/desk-$n.txt" "$T/centre-$n.txt" | head -5
    fi
    st=$(on $n --json sync status)
    expect_eq "office $n: nothing pending" "$(printf '%s' "$st" | jget pending)" "0"
    expect_eq "office $n: nothing set aside by the centre" \
        "$(sqlite3 "$db" "SELECT count(*) FROM outbox WHERE set_aside_reason IS NOT NULL")" "0"
    echo "office $n: $(sqlite3 "$db" "SELECT group_concat(state || ' ' || c, ', ') FROM (SELECT state, count(*) c FROM online_inbox GROUP BY state)")"
done
expect_eq "the centre: $((2 * N)) online dossiers, none waiting" \
    "$(psql_q "SELECT count(*) || ' ' || count(*) FILTER (WHERE state = 'waiting') FROM online_dossiers")" "$((2 * N)) 0"
finish
