#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# TLS failures each get their own message; another office's certificate
# can neither push nor read this office's data.
. "$MOTCUA_TESTS/sync/lib_sync.sh"
pg_start
pki_make
init_office
intake_n 2

# run sync --once --json; prints "exit kind" and keeps the message in $T/msg
try_sync() {
    local out
    out=$(m --json sync --once --timeout 10 2>"$T/msg")
    local rc=$?
    printf '%s %s' "$rc" "$(printf '%s' "$out" | jget kind 2>/dev/null)"
}

central_start
desk_config "https://localhost:$CPORT" "$PKI/other-ca.pem"
expect_eq "server cert from an unknown CA" "$(try_sync)" "11 unknown_ca"
expect_match "unknown CA message names the CA file" "$(cat "$T/msg")" "sync.ca_file"

desk_config "https://localhost:$CPORT" "$PKI/ca.pem" foreign
expect_eq "client cert from a foreign CA" "$(try_sync)" "11 client_certificate_refused"
expect_match "foreign client cert: reason" "$(cat "$T/msg")" "client_certificate_untrusted"

desk_config "https://localhost:$CPORT" "$PKI/ca.pem" office-expired
expect_eq "expired client cert" "$(try_sync)" "11 client_certificate_refused"
expect_match "expired client cert: reason" "$(cat "$T/msg")" "client_certificate_expired"

desk_config "https://localhost:$CPORT" "$PKI/ca.pem" office2
expect_eq "another office's certificate cannot push" "$(try_sync)" "11 client_certificate_refused"
expect_match "another office: reason" "$(cat "$T/msg")" "office_mismatch"
expect_eq "another office cannot read changes" \
    "$(c_office office2 GET "/v1/offices/$OFFICE/changes?after=0" | tail -n1)" "403"
expect_eq "another office cannot read the summary" \
    "$(c_office office2 GET "/v1/offices/$OFFICE/summary" | tail -n1)" "403"
nocert=$(curl -s --cacert "$PKI/ca.pem" -w '\n%{http_code}' "https://localhost:$CPORT/v1/offices/$OFFICE/changes?after=0")
expect_eq "no client certificate: 401" "$(printf '%s' "$nocert" | tail -n1)" "401"
expect_match "no client certificate: named" "$nocert" "client_certificate_required"

desk_config "https://localhost:$CPORT" "$PKI/ca.pem" missing
expect_eq "missing client cert file" "$(try_sync)" "11 client_certificate_file"

cat >"$T/motcua.conf" <<EOC
[sync]
url = https://localhost:$CPORT
ca_file = $PKI/ca.pem
EOC
expect_eq "no client cert configured" "$(try_sync)" "3 config"

central_stop
expect_eq "nothing reached the centre" "$(psql_q "SELECT count(*) FROM events")" "0"

CPORT=""
central_start expired
desk_config "https://localhost:$CPORT" "$PKI/ca.pem"
expect_eq "expired server certificate" "$(try_sync)" "11 expired_certificate"
central_stop

CPORT=""
central_start wrongname
desk_config "https://localhost:$CPORT" "$PKI/ca.pem"
expect_eq "server certificate for another name" "$(try_sync)" "11 wrong_host_name"
central_stop

CPORT=""
central_start otherserver
desk_config "https://localhost:$CPORT" "$PKI/ca.pem"
expect_eq "server certificate from another CA" "$(try_sync)" "11 unknown_ca"
central_stop

# nobody listening
desk_config "https://localhost:$(free_port)" "$PKI/ca.pem"
expect_eq "connection refused" "$(try_sync)" "11 connect"

# a listener that never answers
python3 -c 'import socket,time
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(5); print(s.getsockname()[1], flush=True)
c=[]
while True: c.append(s.accept()[0])' >"$T/silent.port" &
PIDS+=($!)
for _ in $(seq 50); do [ -s "$T/silent.port" ] && break; sleep 0.05; done
desk_config "https://localhost:$(cat "$T/silent.port")" "$PKI/ca.pem"
start=$(date +%s)
out=$(m --json sync --once --timeout 2 2>"$T/msg" | jget kind)
expect_eq "timeout" "$out" "timeout"
expect_eq "timeout within bounds" "$(( $(date +%s) - start < 10 ))" "1"

st=$(m sync status --json)
expect_eq "last error recorded" "$(printf '%s' "$st" | jget last_error.kind)" "timeout"
expect_eq "events still pending" "$(printf '%s' "$st" | jget pending)" "2"
finish
