#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A desk database restored from an older backup rewinds its outbox seq and
# its dossier numbers.  Nothing may be lost or reused: the centre refuses a
# "repeat" that differs from what it stored (409 seq_conflict), the desk
# renumbers its pending events after the centre's last seq and pushes
# again; an intake whose code the centre holds for another dossier is
# rejected with "code already used" (set aside, never dropped); `sync
# reconcile` records the numbers the lost database issued as 'lost' so the
# next intake continues after the centre's highest; `sync --once` does it
# by itself on a database marked restored.
. "$MOTCUA_TESTS/sync/lib_sync.sh"
pg_start
pki_make
central_start
init_office
desk_config
DAY=260213
code_of() { printf '%s-%s-%04d' "$OFFICE" "$DAY" "$1"; }
outbox_json() { # SEQ: the desk's event as JSON
    sqlite3 "$MOTCUA_DB" "SELECT payload FROM outbox WHERE seq = $1"
}
# every desk row not set aside is at the centre under its seq, same event;
# every set-aside row is there too, as rejected
agree() {
    local missing
    missing=$(comm -23 <(desk_events | sort) <(central_events | sort) | wc -l)
    expect_eq "$1: every desk event is at the centre (same seq, same event)" "$missing" "0"
    [ "${2:-}" = events-only ] && return
    local aside_desk aside_centre
    aside_desk=$(sqlite3 "$MOTCUA_DB" "SELECT seq FROM outbox WHERE set_aside_reason IS NOT NULL ORDER BY seq" | tr '\n' ' ')
    aside_centre=$(psql_q "SELECT seq FROM events WHERE office = '$OFFICE' AND rejected_reason IS NOT NULL ORDER BY seq" | tr '\n' ' ')
    expect_eq "$1: set-aside events are the centre's rejected ones" "$aside_desk" "$aside_centre"
}

# 1. five dossiers, pushed; a backup; three more, pushed
intake_n 5
m sync --once >/dev/null || bad "first sync"
m backup "$T/before.db" >/dev/null || { echo "FATAL: backup"; exit 1; }
intake_n 3
m dossier advance "$(code_of 7)" --to processing >/dev/null
m sync --once >/dev/null || bad "second sync"
last=$(summary | jget last_seq)
expect_eq "centre: 8 dossiers before the restore" "$(summary | jget dossiers)" "8"
name8=$(psql_q "SELECT snapshot->>'applicant_name' FROM dossiers WHERE code = '$(code_of 6)'")

# 2. the disk fails: restore the backup
m restore --force "$T/before.db" >/dev/null 2>"$T/restore.err" || { cat "$T/restore.err"; echo "FATAL: restore"; exit 1; }
expect_eq "restored: flagged for reconcile" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM sync_state WHERE key = 'restored_unreconciled'")" "1"

# 3. intake before reconciling warns (does not block); the number is rewound
out=$(m --json dossier new --procedure $PROC --applicant-name "Trần Văn Mới" \
    --document "$REQDOC|original|1" 2>"$T/warn.err")
expect_eq "intake works before reconcile" "$?" "0"
dup=$(printf '%s' "$out" | jget code)
expect_eq "the rewound desk re-issued number 0006" "$dup" "$(code_of 6)"
expect_match "intake warns: not reconciled" "$(cat "$T/warn.err")" "sync reconcile"
m dossier advance "$dup" --to processing >/dev/null
m dossier advance "$(code_of 1)" --to processing >/dev/null

# 4. push without reconciling (flag cleared by hand, as an old desk would):
# seq_conflict -> renumber -> every event stored, nothing lost
sqlite3 "$MOTCUA_DB" "DELETE FROM sync_state WHERE key = 'restored_unreconciled'"
pending_before=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM outbox WHERE acked_at IS NULL AND set_aside_reason IS NULL")
expect_match "the rewound outbox reuses the centre's seqs" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT min(seq) FROM outbox WHERE acked_at IS NULL")" "^[0-9]+$"
out=$(m --json sync --once 2>"$T/sync.err")
expect_eq "sync after restore exits 0" "$?" "0"
expect_eq "renumbered the pending events" "$(printf '%s' "$out" | jget renumbered)" "$pending_before"
expect_eq "nothing pending" "$(m sync status --json | jget pending)" "0"
expect_eq "renumbered after the centre's last seq" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT min(seq) FROM outbox WHERE seq > 5")" "$((last + 1))"
# (the outbox's seq is its rowid since migration 5: the next event takes
# the largest + 1, and no row is ever deleted)
expect_eq "the next event follows the renumbered ones" \
    "$(sqlite3 "$MOTCUA_DB" "BEGIN; INSERT INTO outbox(kind, payload, created_at) VALUES ('probe', '{}', 0); SELECT seq - (SELECT max(seq) FROM outbox WHERE kind <> 'probe') FROM outbox WHERE kind = 'probe'; ROLLBACK;")" \
    "1"
expect_eq "every dossier still names its own intake event (migration 12)" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM dossiers d WHERE d.intake_seq > 0 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.seq = d.intake_seq AND json_extract(o.payload, '\$.dossier') = d.code)")" "0"
expect_eq "renumber audited" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT json_extract(detail, '\$.new_first') FROM audit WHERE action = 'sync.renumber'")" "$((last + 1))"
expect_eq "centre: every new event stored (3 more)" "$(summary | jget last_seq)" "$((last + 3))"
agree "after the renumber"
st=$(m sync status --json)
expect_eq "duplicate-code intake and its advance set aside" \
    "$(printf '%s' "$st" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["set_aside"]))')" "2"
expect_match "reason: code already used" "$(printf '%s' "$st" | jget set_aside.0.reason)" "code already used"
expect_eq "centre keeps the original dossier $(code_of 6)" \
    "$(psql_q "SELECT snapshot->>'applicant_name' FROM dossiers WHERE code = '$(code_of 6)'")" "$name8"
expect_eq "centre: still 8 dossiers" "$(summary | jget dossiers)" "8"
expect_eq "the valid new event reached the centre" \
    "$(psql_q "SELECT status FROM dossiers WHERE code = '$(code_of 1)'")" "processing"

# 5. reconcile: the numbers the lost database issued are recorded as lost
out=$(m --json sync reconcile)
expect_eq "sync reconcile exits 0" "$?" "0"
expect_eq "two numbers lost (0007, 0008)" "$(printf '%s' "$out" | jget lost_codes)" "2"
expect_eq "issued_codes: kind lost" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT group_concat(code, ' ') FROM issued_codes WHERE kind = 'lost' ORDER BY seq")" \
    "$(code_of 7) $(code_of 8)"
expect_eq "reconcile audited" "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM audit WHERE action = 'sync.reconcile'")" "1"
out=$(m --json dossier new --procedure $PROC --applicant-name "Lê Thị Sau" \
    --document "$REQDOC|original|1" 2>"$T/warn2.err")
expect_eq "next intake continues after the centre's highest" "$(printf '%s' "$out" | jget code)" "$(code_of 9)"
expect_eq "no warning once reconciled" "$(cat "$T/warn2.err")" ""
m sync --once >/dev/null || bad "sync after reconcile"
expect_eq "centre: 9 dossiers" "$(summary | jget dossiers)" "9"
agree "after reconcile"

# 6. restore again: sync --once reconciles by itself
m restore --force "$T/before.db" >/dev/null 2>>"$T/restore.err" || bad "second restore"
out=$(m --json sync --once)
expect_eq "auto: sync exits 0" "$?" "0"
expect_eq "auto: reconciled" "$(printf '%s' "$out" | jget reconciled)" "true"
expect_eq "auto: 0006..0009 lost" "$(printf '%s' "$out" | jget lost_codes)" "4"
code=$(m --json dossier new --procedure $PROC --applicant-name "Đỗ Văn Bảy" \
    --document "$REQDOC|original|1" 2>/dev/null | jget code)
expect_eq "auto: next number 0010" "$code" "$(code_of 10)"
out=$(m --json sync --once)
expect_eq "auto: the new intake is pushed (renumbered)" "$(printf '%s' "$out" | jget renumbered)" "1"
expect_eq "centre: 10 dossiers" "$(summary | jget dossiers)" "10"
agree "after the second restore" events-only
expect_eq "the centre never holds one code twice" \
    "$(psql_q "SELECT count(*) FROM (SELECT dossier FROM events WHERE office = '$OFFICE' AND kind IN ('intake','refuse') AND rejected_reason IS NULL GROUP BY dossier HAVING count(*) > 1) x")" "0"
expect_match "audit verifies" "$(m audit verify)" "nguyên vẹn"

# 7. the centre directly: a different "repeat" -> 409 seq_conflict, nothing
# written; an intake with a code held by another dossier -> rejected
events_before=$(summary | jget events)
last=$(summary | jget last_seq)
changed=$(outbox_json 1 | python3 -c 'import json,sys; e=json.load(sys.stdin); e["actor"]="someone-else"; print(json.dumps(e))')
r=$(c_office office POST "/v1/offices/$OFFICE/events" \
    "{\"v\":1,\"office\":\"$OFFICE\",\"after\":0,\"events\":[{\"seq\":1,\"event\":$changed}]}")
expect_eq "different repeat: 409" "$(printf '%s' "$r" | tail -n1)" "409"
expect_eq "different repeat: seq_conflict" "$(printf '%s' "$r" | head -n1 | jget error.code)" "seq_conflict"
expect_eq "different repeat: names the seq" "$(printf '%s' "$r" | head -n1 | jget error.seq)" "1"
expect_eq "different repeat: expected_after" "$(printf '%s' "$r" | head -n1 | jget error.expected_after)" "$last"
same=$(outbox_json 1)
r=$(c_office office POST "/v1/offices/$OFFICE/events" \
    "{\"v\":1,\"office\":\"$OFFICE\",\"after\":0,\"events\":[{\"seq\":1,\"event\":$same}]}")
expect_eq "true repeat: 200" "$(printf '%s' "$r" | tail -n1)" "200"
other=$(outbox_json 1 | python3 -c 'import json,sys; e=json.load(sys.stdin); e["data"]["dossier"]["applicant_name"]="Người Khác"; print(json.dumps(e))')
r=$(c_office office POST "/v1/offices/$OFFICE/events" \
    "{\"v\":1,\"office\":\"$OFFICE\",\"after\":$last,\"events\":[{\"seq\":$((last + 1)),\"event\":$other}]}")
expect_eq "duplicate code: 200" "$(printf '%s' "$r" | tail -n1)" "200"
expect_match "duplicate code: rejected with the reason" "$(printf '%s' "$r" | head -n1 | jget rejected.0.reason)" "code already used"
expect_eq "duplicate code: stored as rejected" \
    "$(psql_q "SELECT rejected_reason LIKE 'code already used%' FROM events WHERE office = '$OFFICE' AND seq = $((last + 1))")" "t"
expect_eq "duplicate code: the original dossier untouched" \
    "$(psql_q "SELECT snapshot->>'applicant_name' FROM dossiers WHERE code = '$(code_of 1)'")" \
    "$(outbox_json 1 | jget data.dossier.applicant_name)"
expect_eq "the conflict wrote nothing" "$(summary | jget events)" "$events_before"
r=$(c_office office GET "/v1/offices/$OFFICE/state")
expect_eq "state: last_seq" "$(printf '%s' "$r" | head -n1 | jget last_seq)" "$((last + 1))"
expect_eq "state: highest number of the day" "$(printf '%s' "$r" | head -n1 | jget codes.0.max_seq)" "10"
expect_eq "state: another office's certificate refused" \
    "$(c_office office2 GET "/v1/offices/$OFFICE/state" | tail -n1)" "403"
finish
