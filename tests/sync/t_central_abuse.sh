#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Hostile clients against motcua-central (tests/sync/abuse.py): every
# endpoint answers malformed JSON, wrong types, deep nesting, huge bodies,
# invalid UTF-8, bad paths and numbers with a 4xx JSON error, never a 5xx;
# slow clients holding connections and a burst of clients at once do not
# stop it serving; and none of it writes a row at the centre.  The table of
# cases and answers is written to $ABUSE_TABLE (default: the test folder)
# for docs/reliability.md.
. "$MOTCUA_TESTS/sync/lib_sync.sh"
pg_start
pki_make
mkca connca "motcua test portal connector CA"
mkcert connector connca motcua-portal-connector "" client
central_start server --connector-ca "$PKI/connca.pem"
init_office
BATCH=100 desk_config
intake_n 20
code=$(head -n1 "$T/codes.txt")
m sync --once >/dev/null || { echo "FATAL: first sync"; exit 1; }
counts() { psql_q "SELECT (SELECT count(*) FROM events)||'/'||(SELECT count(*) FROM dossiers)||'/'||(SELECT count(*) FROM offices)||'/'||(SELECT count(*) FROM online_dossiers)||'/'||(SELECT count(*) FROM online_blobs)"; }
before=$(counts)
expect_match "centre holds the desk's events" "$before" '^2[0-9]/20/1/0/0$'

python3 "$MOTCUA_TESTS/sync/abuse.py" --port "$CPORT" --ca "$PKI/ca.pem" \
    --cert "$PKI/office.pem" --key "$PKI/office.key" \
    --token-file "$PKI/backoffice.token" --office "$OFFICE" --code "$code" \
    --connector-cert "$PKI/connector.pem" --connector-key "$PKI/connector.key" \
    --table "${ABUSE_TABLE:-$T/abuse.md}" --slow "${ABUSE_SLOW:-200}" \
    --burst "${ABUSE_BURST:-300}" | tee "$T/abuse.out" | grep -v '^ok - ' || true
n_ok=$(grep -c '^ok - ' "$T/abuse.out")
n_bad=$(grep -c '^not ok - ' "$T/abuse.out")
expect_eq "every hostile case answered as it should ($n_ok cases)" "$n_bad" "0"
expect_eq "the hostile requests wrote nothing" "$(counts)" "$before"
if kill -0 "$CENTRAL_PID" 2>/dev/null; then ok "motcua-central still running"; else bad "motcua-central died"; fi
if grep -qE 'AddressSanitizer|runtime error|Segmentation' "$T/central.log"; then
    bad "the centre's log shows a sanitizer report"; grep -m5 -E 'AddressSanitizer|runtime error' "$T/central.log"
else ok "no sanitizer report in the centre's log"; fi
# and a desk still syncs through the same centre
intake_n 5
out=$(m --json sync --once)
expect_eq "a desk still syncs afterwards" "$(printf '%s' "$out" | jget pushed)" "$(( $(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM outbox") - ${before%%/*} ))"
finish
