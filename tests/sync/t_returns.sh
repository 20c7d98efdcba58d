#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Electronic return through a real centre (issue 12, Contract D): the desk
# sends the signed result (result_sent event, a dossier file of role
# "result"); the portal connector / back office confirms the delivery at
# POST /v1/dossiers/CODE/delivered (bearer token; refused before the centre
# knows the result was sent, for another file's hash, for a dossier
# returned by post, for a stranger); the confirmation comes down with the
# pull and marks the dossier returned, channel electronic, exactly once:
# confirming twice answers the first confirmation, pulling twice (the
# cursor rewound) applies nothing more.  The report then counts it as an
# electronic return.  The result file travels by Contract B's uploader
# in the same run as the events; a delivery is confirmed only once the
# centre holds it whole.
. "$MOTCUA_TESTS/sync/lib_sync.sh"
pg_start
pki_make
central_start
init_office
desk_config
export CUPS_SERVER="$T/no-cups.sock"
# the office's signing key: a certificate valid around the pinned clock
mkdir -p "$T/ca"
: >"$T/ca/index.txt"; echo 1000 >"$T/ca/serial"
cat >"$T/ca/ca.cnf" <<CNF
[ca]
default_ca = d
[d]
dir = $T/ca
database = \$dir/index.txt
new_certs_dir = \$dir
serial = \$dir/serial
default_md = sha256
policy = p
unique_subject = no
[p]
commonName = supplied
CNF
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/sign.key" 2>/dev/null
openssl req -new -key "$T/sign.key" -subj "/CN=BHXH Thanh Hoa" -out "$T/sign.csr"
openssl ca -batch -notext -selfsign -config "$T/ca/ca.cnf" -keyfile "$T/sign.key" -in "$T/sign.csr" \
    -startdate 20200101000000Z -enddate 20400101000000Z -out "$T/sign.pem" >/dev/null 2>&1 \
    || bad "test signing certificate"
cat >>"$T/motcua.conf" <<CONF

[returns]
sign_cert = $T/sign.pem
sign_key = $T/sign.key
CONF

new() { m dossier new --procedure $PROC --applicant-name "Trần Thị Hoa" --document "$REQDOC" "$@"; }
done_() { m dossier advance "$1" --to processing >/dev/null && m dossier advance "$1" --to done >/dev/null; }
js() { m --json dossier show "$1" | jget "$2"; }
deliver() { # CODE JSON [TOKEN]
    curl -s -w '\n%{http_code}' --cacert "$PKI/ca.pem" \
        -H "Authorization: Bearer ${3:-$(cat "$PKI/backoffice.token")}" \
        -H 'Content-Type: application/json' --data-binary "$2" \
        "https://localhost:$CPORT/v1/dossiers/$1/delivered"
}
status_of() { printf '%s' "$1" | tail -n1; }
body_of() { printf '%s' "$1" | head -n -1; }
returns_in_history() { sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM history h JOIN dossiers d ON d.id = h.dossier_id WHERE d.code = '$1' AND h.to_status = 'returned'"; }

ce=$(new --return-channel electronic --email hoa.tran@example.vn)
cp_=$(new --return-channel post --address "Số 12, đường Lê Lợi, Thanh Hóa")
done_ "$ce"; done_ "$cp_"
m print receipt "$cp_" --pdf "$T/result.pdf" >/dev/null
m dossier return "$cp_" --tracking-number EA123456789VN >/dev/null || bad "post return"
out=$(m dossier return "$ce" --result "$T/result.pdf")
expect_eq "sent electronically" "$out" "$ce result_sent"
sha=$(sqlite3 "$MOTCUA_DB" "SELECT sha256 FROM dossier_files WHERE role = 'result'")
expect_match "pdfsig: the kept result is signed and valid" \
    "$(pdfsig "$(find "$T" -path '*files*' -name "$sha")" 2>&1)" "Signature is Valid"

# before the centre has the dossier's events
r=$(deliver "$ce" '{}')
expect_eq "unknown at the centre: 404" "$(status_of "$r")" "404"

m sync --once >/dev/null || bad "push"
expect_eq "the centre stored result_sent" \
    "$(psql_q "SELECT payload->'data'->'data'->>'sha256' FROM events WHERE kind = 'result_sent' AND dossier = '$ce' AND rejected_reason IS NULL")" "$sha"
expect_eq "nothing set aside" "$(m sync status --json | jget set_aside 2>/dev/null | tr -d '[]')" ""
# Contract B: the result file went up with the same run, checked whole
expect_eq "the result file is at the centre, whole, as the result of the dossier" \
    "$(psql_q "SELECT f.role || ' ' || (b.complete_at IS NOT NULL) FROM dossier_files f JOIN file_blobs b ON b.sha256 = f.sha256 WHERE f.dossier = '$ce' AND f.sha256 = '$sha'")" "result true"

# who may confirm, and what
r=$(curl -s -w '\n%{http_code}' --cacert "$PKI/ca.pem" --data-binary '{}' "https://localhost:$CPORT/v1/dossiers/$ce/delivered")
expect_eq "no token: 401" "$(status_of "$r")" "401"
r=$(c_office office POST "/v1/dossiers/$ce/delivered" '{}')
expect_eq "an office certificate cannot confirm" "$(status_of "$r")" "401"
r=$(deliver "$ce" '{}' "not-the-token")
expect_eq "a wrong token: 401" "$(status_of "$r")" "401"
r=$(curl -s -w '\n%{http_code}' --cacert "$PKI/ca.pem" -H "Authorization: Bearer $(cat "$PKI/backoffice.token")" "https://localhost:$CPORT/v1/dossiers/$ce/delivered")
expect_eq "GET: 405" "$(status_of "$r")" "405"
r=$(deliver "$cp_" '{}')
expect_eq "returned by post: 409" "$(status_of "$r")" "409"
expect_eq "returned by post: result_not_sent" "$(body_of "$r" | jget error.code)" "result_not_sent"
r=$(deliver "$ce" "{\"sha256\":\"$(printf '0%.0s' $(seq 64))\"}")
expect_eq "another file's hash: 409 result_mismatch" "$(status_of "$r") $(body_of "$r" | jget error.code)" "409 result_mismatch"
r=$(deliver "$ce" '{"delivered_at":"yesterday"}')
expect_eq "a bad time: 400 naming delivered_at" "$(status_of "$r") $(body_of "$r" | jget error.field)" "400 delivered_at"
r=$(deliver "$ce" '{"sha256":')
expect_eq "bad JSON: 400" "$(status_of "$r")" "400"
psql_q "UPDATE file_blobs SET complete_at = NULL WHERE sha256 = '$sha'" >/dev/null
r=$(deliver "$ce" '{}')
expect_eq "the file not yet whole at the centre: 409 result_not_uploaded" "$(status_of "$r") $(body_of "$r" | jget error.code)" "409 result_not_uploaded"
psql_q "UPDATE file_blobs SET complete_at = now() WHERE sha256 = '$sha'" >/dev/null
r=$(deliver "000.00.06.H56-200101-0001" '{}')
expect_eq "unknown dossier: 404" "$(status_of "$r")" "404"
expect_eq "nothing confirmed yet" "$(psql_q "SELECT COUNT(*) FROM deliveries")/$(psql_q "SELECT COUNT(*) FROM changes")" "0/0"

# the confirmation
r=$(deliver "$ce" "{\"sha256\":\"$sha\",\"delivered_at\":\"2026-02-13T15:30:00+07:00\",\"actor\":\"portal-connector\"}")
expect_eq "confirmed: 200" "$(status_of "$r")" "200"
b=$(body_of "$r")
expect_eq "confirmed: the change done -> returned" "$(printf '%s' "$b" | jget change.from) $(printf '%s' "$b" | jget change.to)" "done returned"
expect_eq "confirmed: channel electronic" "$(printf '%s' "$b" | jget delivery.channel)" "electronic"
expect_eq "confirmed: not a repeat" "$(printf '%s' "$b" | jget repeat)" "false"
id1=$(printf '%s' "$b" | jget change.id)
r=$(deliver "$ce" '{}')
expect_eq "confirmed twice: 200" "$(status_of "$r")" "200"
expect_eq "confirmed twice: the first confirmation" "$(body_of "$r" | jget change.id) $(body_of "$r" | jget repeat)" "$id1 true"
expect_eq "confirmed twice: one delivery, one change" "$(psql_q "SELECT COUNT(*) FROM deliveries")/$(psql_q "SELECT COUNT(*) FROM changes")" "1/1"
expect_eq "the centre's lookup: returned" "$(c_public "/v1/dossiers/$ce" | jget status)" "returned"
# two confirmations at once: still one
par=()
for i in 1 2 3 4; do deliver "$ce" '{}' >"$T/par.$i" & par+=($!); done
wait "${par[@]}"   # not a bare wait: the centre is a child too
expect_eq "four at once: one delivery, one change" "$(psql_q "SELECT COUNT(*) FROM deliveries")/$(psql_q "SELECT COUNT(*) FROM changes")" "1/1"
expect_eq "four at once: all answered 200" "$(for i in 1 2 3 4; do status_of "$(cat "$T/par.$i")"; echo; done | sort -u)" "200"

# the desk pulls it: returned, channel electronic, once
expect_eq "desk: still awaiting before the pull" "$(js "$ce" status)" "done"
out=$(m --json sync --once)
expect_eq "sync exits 0" "$?" "0"
expect_eq "pulled 1" "$(printf '%s' "$out" | jget pulled)" "1"
expect_eq "applied 1" "$(printf '%s' "$out" | jget applied)" "1"
expect_eq "desk: returned" "$(js "$ce" status)" "returned"
expect_eq "desk: returned_via electronic" "$(js "$ce" returned_via)" "electronic"
expect_eq "desk: returned at the delivery time" "$(js "$ce" returned_at)" "2026-02-13T15:30:00+07:00"
expect_eq "desk: one return in the history" "$(returns_in_history "$ce")" "1"
show=$(m dossier show "$ce")
expect_match "show: returned electronically" "$show" "Đã trả kết quả: Trực tuyến \(bản điện tử\) — 2026-02-13T15:30:00\+07:00"
expect_match "history: the return by central" "$show" "central +return +done → returned"
# pull twice: the cursor rewound, everything seen again, nothing applied
sqlite3 "$MOTCUA_DB" "UPDATE sync_state SET value = '0' WHERE key = 'pull_cursor'"
out=$(m --json sync --once)
expect_eq "re-pull: seen again" "$(printf '%s' "$out" | jget pulled)" "1"
expect_eq "re-pull: nothing applied" "$(printf '%s' "$out" | jget applied)" "0"
expect_eq "re-pull: still one return" "$(returns_in_history "$ce")" "1"
expect_eq "the echo is acknowledged" "$(m sync status --json | jget pending)" "0"
expect_eq "the centre keeps returned after the echo" "$(c_public "/v1/dossiers/$ce" | jget status)" "returned"
expect_eq "the echo: a return event by central, channel electronic" \
    "$(psql_q "SELECT actor || ' ' || (payload->'data'->'data'->>'channel') FROM events WHERE kind = 'return' AND dossier = '$ce' AND rejected_reason IS NULL")" "central electronic"

# the report counts it per channel
counts=$(m --json report dossiers --from 2026-02-01 --to 2026-02-28 | python3 -c 'import json,sys; t=json.load(sys.stdin)["total"]
print(" ".join("%s=%d" % (k, t[k]) for k in ("returned","returned_desk","returned_post","returned_electronic","sent_electronic_awaiting_delivery")))')
expect_eq "report: per channel" "$counts" "returned=2 returned_desk=0 returned_post=1 returned_electronic=1 sent_electronic_awaiting_delivery=0"

# a confirmation the desk can no longer take is recorded, not applied:
# meanwhile the citizen came to the counter for the paper result
ce2=$(new --return-channel electronic --email hoa.tran@example.vn)
done_ "$ce2"
m dossier return "$ce2" --result "$T/result.pdf" >/dev/null || bad "second send"
m sync --once >/dev/null
r=$(deliver "$ce2" '{}')
expect_eq "second dossier confirmed at the centre" "$(status_of "$r")" "200"
out=$(m dossier return "$ce2" --channel desk --receiver-name "Trần Thị Hoa" --receiver-id 001090012345)
expect_eq "handed over at the desk first" "$out" "$ce2 returned desk"
out=$(m --json sync --once)
expect_eq "sync still exits 0" "$?" "0"
expect_eq "the late confirmation is a rejected change" "$(printf '%s' "$out" | jget remote_rejected)" "1"
expect_match "with the reason" "$(m sync status --json | jget remote_rejected.0.reason)" "đã trả kết quả"
expect_eq "desk keeps the desk return" "$(js "$ce2" returned_via)" "desk"
expect_eq "still one return in its history" "$(returns_in_history "$ce2")" "1"

finish
