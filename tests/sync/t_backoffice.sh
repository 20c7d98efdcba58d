#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Back-office status updates: authenticated separately, checked against the
# status machine, pulled by the desk, applied once (as "central") and shown
# in `dossier show`; a change the desk can no longer take is recorded with
# its reason and does not block the rest.
. "$MOTCUA_TESTS/sync/lib_sync.sh"
pg_start
pki_make
central_start
init_office
desk_config
intake_n 3
codes=($(cat "$T/codes.txt"))
m sync --once >/dev/null || bad "first sync"

bo() { c_backoffice "$@"; }
code_of() { printf '%s' "$1" | jget error.code; }

# authentication
tok=$(cat "$PKI/backoffice.token")
r=$(curl -s -w '\n%{http_code}' --cacert "$PKI/ca.pem" --data-binary '{"status":"processing"}' \
    "https://localhost:$CPORT/v1/dossiers/${codes[0]}/status")
expect_eq "no token: 401" "$(printf '%s' "$r" | tail -n1)" "401"
r=$(curl -s -w '\n%{http_code}' --cacert "$PKI/ca.pem" -H "Authorization: Bearer ${tok}x" \
    --data-binary '{"status":"processing"}' "https://localhost:$CPORT/v1/dossiers/${codes[0]}/status")
expect_eq "wrong token: 401" "$(printf '%s' "$r" | tail -n1)" "401"
r=$(c_office office POST "/v1/dossiers/${codes[0]}/status" '{"status":"processing"}')
expect_eq "an office certificate is not the back office" "$(printf '%s' "$r" | tail -n1)" "401"

# the status machine, as role central
expect_eq "received -> returned refused" "$(code_of "$(bo "${codes[0]}" '{"status":"returned"}')")" "transition_not_allowed"
expect_eq "withdraw is the desk's" "$(code_of "$(bo "${codes[0]}" '{"status":"withdrawn","note":"x"}')")" "transition_not_for_central"
expect_eq "refused is an intake outcome" "$(code_of "$(bo "${codes[0]}" '{"status":"refused"}')")" "transition_not_allowed"
r=$(bo "${codes[1]}" '{"status":"supplement_requested"}')
expect_eq "supplement needs the missing list" "$(printf '%s' "$r" | jget error.field)" "missing"
expect_eq "unknown status named" "$(bo "${codes[0]}" '{"status":"finished"}' | jget error.field)" "status"
expect_eq "bad JSON" "$(bo "${codes[0]}" '{"status":' | jget error.code)" "bad_request"
expect_eq "unknown dossier" "$(code_of "$(bo 000.00.06.H56-200101-0001 '{"status":"processing"}')")" "not_found"

r=$(bo "${codes[0]}" '{"status":"processing","department":"Phòng Thu","actor":"nguyen.van.a"}')
expect_eq "processing accepted" "$(printf '%s' "$r" | jget change.to)" "processing"
bo "${codes[1]}" '{"status":"supplement_requested","missing":["Giấy ra viện"],"note":"Thiếu giấy ra viện"}' >/dev/null
bo "${codes[2]}" '{"status":"processing"}' >/dev/null
r=$(bo "${codes[2]}" '{"status":"done","department":"Phòng Chế độ"}')
expect_eq "done accepted" "$(printf '%s' "$r" | jget change.to)" "done"
expect_eq "centre lookup shows done" "$(c_public "/v1/dossiers/${codes[2]}" | jget status)" "done"

out=$(m --json sync --once)
expect_eq "sync exits 0" "$?" "0"
expect_eq "pulled 4" "$(printf '%s' "$out" | jget pulled)" "4"
expect_eq "applied 4" "$(printf '%s' "$out" | jget applied)" "4"
expect_eq "echoes acknowledged" "$(m sync status --json | jget pending)" "0"
s=$(m --json dossier show "${codes[0]}")
expect_eq "dossier show: processing" "$(printf '%s' "$s" | jget status)" "processing"
expect_eq "dossier show: department" "$(printf '%s' "$s" | jget department)" "Phòng Thu"
expect_match "dossier show (text): status" "$(m dossier show "${codes[2]}")" "Đã có kết quả"
expect_match "history by central" "$(m dossier show "${codes[2]}")" "central"
expect_eq "supplement applied" "$(m --json dossier show "${codes[1]}" | jget status)" "supplement_requested"

# applying is idempotent: pull everything again
sqlite3 "$MOTCUA_DB" "UPDATE sync_state SET value = '0' WHERE key = 'pull_cursor'"
hist=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM history")
out=$(m --json sync --once)
expect_eq "re-pull: 4 seen" "$(printf '%s' "$out" | jget pulled)" "4"
expect_eq "re-pull: none applied" "$(printf '%s' "$out" | jget applied)" "0"
expect_eq "re-pull: history unchanged" "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM history")" "$hist"
expect_eq "centre keeps done after the echo" "$(c_public "/v1/dossiers/${codes[2]}" | jget status)" "done"
if [ "$(desk_events)" = "$(central_events)" ]; then ok "centre and desk agree event-for-event"; else bad "event lists differ"; fi

# the desk moved on meanwhile: the central change is recorded, not applied
m dossier advance "${codes[1]}" --to withdrawn --note "Công dân rút hồ sơ" >/dev/null
bo "${codes[1]}" '{"status":"processing"}' >/dev/null
bo "${codes[0]}" '{"status":"done"}' >/dev/null
out=$(m --json sync --once)
expect_eq "sync still exits 0" "$?" "0"
expect_eq "one rejected remote change" "$(printf '%s' "$out" | jget remote_rejected)" "1"
expect_eq "the next one applied" "$(printf '%s' "$out" | jget applied)" "1"
st=$(m sync status --json)
expect_eq "status lists it" "$(printf '%s' "$st" | jget remote_rejected.0.dossier)" "${codes[1]}"
expect_match "with the reason" "$(printf '%s' "$st" | jget remote_rejected.0.reason)" "withdrawn"
expect_eq "desk keeps withdrawn" "$(m --json dossier show "${codes[1]}" | jget status)" "withdrawn"
expect_eq "centre learns withdrawn" "$(c_public "/v1/dossiers/${codes[1]}" | jget status)" "withdrawn"
expect_eq "desk: done from centre" "$(m --json dossier show "${codes[0]}" | jget status)" "done"
finish
