#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# 1,000 dossiers and their events reach the centre exactly once; repeats
# change nothing; a gap is refused with the expected sequence; malformed
# events are set aside with a reason and the rest flows; bad input gets a
# 4xx JSON error naming the problem; the QR lookup page shows each status
# and nothing personal.
. "$MOTCUA_TESTS/sync/lib_sync.sh"
pg_start
pki_make
central_start
init_office
BATCH=100 desk_config
intake_n 1000
codes=($(cat "$T/codes.txt"))
m dossier advance "${codes[1]}" --to processing --department "Phòng Chế độ BHXH" >/dev/null
m dossier advance "${codes[2]}" --to supplement_requested --missing "Giấy ra viện" --note "Thiếu" >/dev/null
m dossier advance "${codes[3]}" --to processing >/dev/null
m dossier advance "${codes[3]}" --to done >/dev/null
m dossier advance "${codes[4]}" --to processing >/dev/null
m dossier advance "${codes[4]}" --to done >/dev/null
m dossier advance "${codes[4]}" --to returned --receiver-name "Nguyễn Thị Hường" --receiver-id 001190012345 >/dev/null
m dossier advance "${codes[5]}" --to withdrawn --note "Công dân rút" >/dev/null
refused=$(m --json dossier new --procedure $PROC --applicant-name "Phạm Đức" --refuse --reason "Không thuộc thẩm quyền" | jget code)
n_out=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM outbox")

out=$(m --json sync --once)
expect_eq "sync --once exits 0" "$?" "0"
expect_eq "every event acknowledged" "$(printf '%s' "$out" | jget pushed)" "$n_out"
# eleven batches, two in flight at a time: none taken out of order
expect_eq "two batches in flight: no gap answer counted" "$(printf '%s' "$out" | jget gaps)" "0"
expect_eq "nothing pending" "$(m sync status --json | jget pending)" "0"
s=$(summary)
expect_eq "centre: 1001 dossiers" "$(printf '%s' "$s" | jget dossiers)" "1001"
expect_eq "centre: every event once" "$(printf '%s' "$s" | jget events)" "$n_out"
expect_eq "centre: by status" "$(printf '%s' "$s" | python3 -c 'import json,sys; print(sorted(json.load(sys.stdin)["by_status"].items()))')" \
    "[('done', 1), ('processing', 1), ('received', 995), ('refused', 1), ('returned', 1), ('supplement_requested', 1), ('withdrawn', 1)]"
if [ "$(desk_events)" = "$(central_events)" ]; then ok "centre and desk agree event-for-event"; else bad "event lists differ"; fi
expect_eq "desk outbox all acked" "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM outbox WHERE acked_at IS NULL")" "0"

out=$(m --json sync --once)
expect_eq "second run pushes nothing" "$(printf '%s' "$out" | jget pushed)" "0"
expect_eq "second run: centre unchanged" "$(summary | jget events)" "$n_out"

# a repeated batch is acknowledged and changes nothing
batch=$(sqlite3 "$MOTCUA_DB" "SELECT seq, payload FROM outbox WHERE seq <= 3 ORDER BY seq" |
    python3 -c 'import sys,json
ev=[]
for l in sys.stdin:
    s,_,p=l.rstrip("\n").partition("|"); ev.append({"seq":int(s),"event":json.loads(p)})
print(json.dumps({"v":1,"office":sys.argv[1],"after":0,"events":ev}))' "$OFFICE")
r=$(c_office office POST "/v1/offices/$OFFICE/events" "$batch")
expect_eq "repeat: 200" "$(printf '%s' "$r" | tail -n1)" "200"
expect_eq "repeat: acked through 3" "$(printf '%s' "$r" | head -n1 | jget acked_through)" "3"
expect_eq "repeat: nothing added" "$(summary | jget events)" "$n_out"

# a gap is refused with the expected sequence
last=$(summary | jget last_seq)
gap=$(printf '{"v":1,"office":"%s","after":%d,"events":[{"seq":%d,"event":{}}]}' "$OFFICE" $((last + 5)) $((last + 6)))
r=$(c_office office POST "/v1/offices/$OFFICE/events" "$gap")
expect_eq "gap: 409" "$(printf '%s' "$r" | tail -n1)" "409"
expect_eq "gap: code" "$(printf '%s' "$r" | head -n1 | jget error.code)" "gap"
expect_eq "gap: expected sequence" "$(printf '%s' "$r" | head -n1 | jget error.expected_after)" "$last"

# malformed events are set aside with the reason; the rest flows
sqlite3 "$MOTCUA_DB" "INSERT INTO outbox(kind, payload, created_at) VALUES
  ('bogus', '{\"v\":1,\"kind\":\"bogus\",\"office\":\"$OFFICE\",\"at\":\"2026-02-13T10:00:00+07:00\",\"actor\":\"admin\",\"dossier\":null,\"data\":{}}', 0),
  ('advance', 'this is not json', 0);"
intake_n 2
out=$(m --json sync --once)
expect_eq "sync with bad events exits 0" "$?" "0"
expect_eq "two set aside" "$(printf '%s' "$out" | jget set_aside)" "2"
expect_eq "the rest flows" "$(printf '%s' "$out" | jget pushed)" "2"
st=$(m sync status --json)
expect_eq "status: set-aside list" "$(printf '%s' "$st" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["set_aside"]))')" "2"
expect_match "status: unknown kind reason" "$(printf '%s' "$st" | jget set_aside.0.reason)" 'unknown event kind "bogus"'
expect_match "status: not-JSON reason" "$(printf '%s' "$st" | jget set_aside.1.reason)" "must be a JSON object"
expect_match "status (text) shows them" "$(m sync status)" "bogus"
expect_eq "nothing pending" "$(printf '%s' "$st" | jget pending)" "0"
s=$(summary)
expect_eq "centre: rejected 2" "$(printf '%s' "$s" | jget rejected)" "2"
expect_eq "centre: events +2" "$(printf '%s' "$s" | jget events)" "$((n_out + 2))"

# bad input: 4xx with a JSON error naming the problem, nothing written
post() { c_office office POST "/v1/offices/$OFFICE/events" "$1"; }
r=$(post '{"v":1,"office":'); expect_eq "bad JSON: 400" "$(printf '%s' "$r" | tail -n1)" "400"
expect_match "bad JSON: named" "$(printf '%s' "$r" | head -n1)" '"code":"bad_request".*not JSON'
r=$(post '{"v":1,"office":"'$OFFICE'","after":"x","events":[]}')
expect_eq "wrong type: field after" "$(printf '%s' "$r" | head -n1 | jget error.field)" "after"
r=$(post '{"v":1,"office":"'$OFFICE'","after":0,"events":{}}')
expect_eq "wrong type: field events" "$(printf '%s' "$r" | head -n1 | jget error.field)" "events"
r=$(post '{"v":2,"office":"'$OFFICE'","after":0,"events":[]}')
expect_eq "unknown version: field v" "$(printf '%s' "$r" | head -n1 | jget error.field)" "v"
r=$(post '{"v":1,"office":"000.00.07.H57","after":0,"events":[]}')
expect_eq "wrong office in the batch: 400" "$(printf '%s' "$r" | tail -n1)" "400"
expect_eq "wrong office: named" "$(printf '%s' "$r" | head -n1 | jget error.code)" "office_mismatch"
r=$(post '{"v":1,"office":"'$OFFICE'","after":0,"events":[{"seq":2,"event":{}},{"seq":1,"event":{}}]}')
expect_match "unordered seq: named" "$(printf '%s' "$r" | head -n1 | jget error.message)" "does not follow"
python3 -c 'print("{\"v\":1,\"pad\":\"" + "x" * (17 * 1024 * 1024) + "\"}")' >"$T/big.json"
code=$(curl -s -o "$T/big.out" -w '%{http_code}' --cacert "$PKI/ca.pem" --cert "$PKI/office.pem" --key "$PKI/office.key" \
    -H 'Content-Type: application/json' --data-binary @"$T/big.json" "https://localhost:$CPORT/v1/offices/$OFFICE/events")
expect_eq "oversized body: 413" "$code" "413"
expect_eq "oversized body: named" "$(jget error.code <"$T/big.out")" "body_too_large"
expect_eq "bad input wrote nothing" "$(summary | jget events)" "$((n_out + 2))"
r=$(c_office office GET "/v1/offices/$OFFICE/changes?after=-1")
expect_eq "bad cursor: field after" "$(printf '%s' "$r" | head -n1 | jget error.field)" "after"

# the lookup page and JSON: each status, nothing personal
for pair in "${codes[0]}:Đã tiếp nhận" "${codes[1]}:Đang giải quyết" "${codes[2]}:Chờ bổ sung hồ sơ" \
            "${codes[3]}:Đã có kết quả" "${codes[4]}:Đã trả kết quả" "${codes[5]}:Đã rút hồ sơ" "$refused:Từ chối tiếp nhận"; do
    code=${pair%%:*} label=${pair#*:}
    page=$(c_public "/tra-cuu/$code")
    expect_match "lookup page $code: $label" "$page" "<td>$label</td>"
    if printf '%s' "$page" | grep -qE "Nguyễn|Hường|Phạm|001190012345"; then bad "lookup page $code shows personal data"; else ok "lookup page $code: nothing personal"; fi
done
expect_match "lookup page: department" "$(c_public "/tra-cuu/${codes[1]}")" "Phòng Chế độ BHXH"
expect_match "lookup page: agency" "$(c_public "/tra-cuu/${codes[1]}")" "$OFFICE"
j=$(c_public "/v1/dossiers/${codes[2]}")
expect_eq "lookup JSON: status" "$(printf '%s' "$j" | jget status)" "supplement_requested"
expect_eq "lookup JSON: portal code" "$(printf '%s' "$j" | jget status_portal_code)" "5"
if printf '%s' "$j" | grep -qE "applicant|id_number|Nguyễn"; then bad "lookup JSON shows personal data"; else ok "lookup JSON: nothing personal"; fi
expect_eq "lookup: unknown code 404" "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$PKI/ca.pem" "https://localhost:$CPORT/tra-cuu/000.00.06.H56-200101-9999")" "404"
expect_eq "lookup: bad code 400" "$(c_public "/v1/dossiers/nonsense" | jget error.field)" "code"
expect_eq "healthz" "$(c_public /healthz | jget status)" "ok"
finish
