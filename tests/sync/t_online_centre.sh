#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Online dossiers at the centre (docs/sync.md, "Online dossiers"), over
# HTTPS against PostgreSQL: the portal's connector files with its own
# certificate (idempotent on the portal reference, 409 on a changed body,
# a 400 naming each bad key, files verified by hash); office certificates
# cannot file and the connector cannot push or pull; the office's desks
# page through their online dossiers and fetch the files; an intake event
# carrying the portal_ref accepts one exactly once, online_decision events
# ask for a supplement or refuse, and every decision the centre cannot take
# is rejected with its reason; the lookup follows a portal reference
# (nothing personal; "Chờ tiếp nhận" while waiting); the connector reads
# the outcome and the form PDF.
. "$MOTCUA_TESTS/sync/lib_sync.sh"
pg_start
pki_make
OFFICE2=000.00.07.H57
CONN=motcua-portal-connector
mkca connca "motcua test portal connector CA"
mkcert connector connca "$CONN" "" client        # the connector (its own CA)
mkcert connbycn clientca "$CONN" "" client       # the connector by its name
mkcert connoffice connca "$OFFICE" "" client     # connector CA, office's name
central_start server --connector-ca "$PKI/connca.pem" --connector-cn "$CONN"

TOOL="python3 $MOTCUA_TESTS/tools/online_connector.py --port $CPORT --ca $PKI/ca.pem"
CONNECTOR="$TOOL --cert $PKI/connector.pem --key $PKI/connector.key"
body() { $TOOL --cert x --key x body --office "$1" --ref "$2" --index "${3:-0}" --files "${4:-1}"; }
# mutate BODY PYTHON-STATEMENT (on `b`): prints the changed body
mutate() { python3 -c 'import json,sys; b=json.loads(sys.argv[1]); exec(sys.argv[2]); print(json.dumps(b, ensure_ascii=False))' "$1" "$2"; }
code_of() { tail -n1; }
first() { head -n1; }
n_online() { psql_q "SELECT count(*) FROM online_dossiers"; }
file_as() { # CERT BODY
    c_office "$1" POST /v1/online/dossiers "$2"
}

# --- filing ------------------------------------------------------------------
R1=G22.99-260213-000001
B1=$(body "$OFFICE" $R1 1 2)
r=$(file_as connector "$B1")
expect_eq "connector files: 201" "$(printf '%s' "$r" | code_of)" "201"
expect_eq "filed: waiting" "$(printf '%s' "$r" | first | jget state)" "waiting"
r=$(file_as connector "$B1")
expect_eq "the same body again: 200" "$(printf '%s' "$r" | code_of)" "200"
r=$(file_as connbycn "$B1")
expect_eq "the connector known by its name (office CA): 200" "$(printf '%s' "$r" | code_of)" "200"
r=$(file_as connector "$(mutate "$B1" 'b["dossier"]["applicant_name"]="Trần Thị Khác"')")
expect_eq "the same reference, another body: 409" "$(printf '%s' "$r" | code_of)" "409"
expect_eq "409 names the conflict" "$(printf '%s' "$r" | first | jget error.code)" "portal_ref_conflict"
# the files are compared by their hashes: another file under the same ref
r=$(file_as connector "$(body "$OFFICE" $R1 1 1)")
expect_eq "the same reference with one file fewer: 409" "$(printf '%s' "$r" | code_of)" "409"
expect_eq "one online dossier stored" "$(n_online)" "1"
expect_eq "its two files stored" "$(psql_q "SELECT count(*) FROM online_files WHERE portal_ref = '$R1'")" "2"

# every bad key: 400 naming it, nothing written
bad_case() { # WHAT FIELD PYTHON
    local r
    r=$(file_as connector "$(mutate "$(body "$OFFICE" G22.99-BAD 7)" "$3")")
    expect_eq "400 $1" "$(printf '%s' "$r" | code_of) $(printf '%s' "$r" | first | jget error.field)" "400 $2"
}
bad_case "portal_ref missing" portal_ref 'del b["portal_ref"]'
bad_case "portal_ref with a slash" portal_ref 'b["portal_ref"]="a/b"'
bad_case "portal_ref too long" portal_ref 'b["portal_ref"]="A"*65'
bad_case "portal_ref .." portal_ref 'b["portal_ref"]=".."'
bad_case "v 2" v 'b["v"]=2'
bad_case "unknown top-level key" extra 'b["extra"]=1'
bad_case "office missing" office 'del b["office"]'
bad_case "office with a space" office 'b["office"]="000 00"'
bad_case "submitted_at not a time" submitted_at 'b["submitted_at"]="yesterday"'
bad_case "dossier not an object" dossier 'b["dossier"]=[]'
bad_case "applicant_name missing" dossier.applicant_name 'del b["dossier"]["applicant_name"]'
bad_case "procedure_code a number" dossier.procedure_code 'b["dossier"]["procedure_code"]=7'
bad_case "id_number of 11 digits" dossier.id_number 'b["dossier"]["id_number"]="00109000000"'
bad_case "phone not a phone" dossier.phone 'b["dossier"]["phone"]="12345"'
bad_case "tax_code check digit" dossier.tax_code 'b["dossier"]["tax_code"]="0100109107"'
bad_case "email without @" dossier.email 'b["dossier"]["email"]="nobody"'
bad_case "applicant_kind unknown" dossier.applicant_kind 'b["dossier"]["applicant_kind"]="robot"'
bad_case "return_channel unknown" dossier.return_channel 'b["dossier"]["return_channel"]="pigeon"'
bad_case "a control character in the name" dossier.applicant_name 'b["dossier"]["applicant_name"]="A\u0007B"'
bad_case "a person's name with digits (the desk would refuse it)" dossier.applicant_name 'b["dossier"]["applicant_name"]="Nguyễn Văn An 2"'
bad_case "a representative's name with a symbol" dossier.rep_name 'b["dossier"]["rep_name"]="Trần Thị #Bình"'
bad_case "a name of one letter" dossier.applicant_name 'b["dossier"]["applicant_name"]="A"'
bad_case "unknown dossier key" dossier.aplicant_name 'b["dossier"]["aplicant_name"]="x"'
bad_case "papers missing" dossier.papers 'del b["dossier"]["papers"]'
bad_case "a paper listed twice" 'dossier.papers[1]' 'b["dossier"]["papers"][1]["no"]=1'
bad_case "a file of an unlisted paper" 'files[0].paper' 'b["files"][0]["paper"]=9'
bad_case "a file hash that does not match" 'files[0].sha256' 'b["files"][0]["sha256"]="0"*64'
bad_case "a file hash in capitals" 'files[0].sha256' 'b["files"][0]["sha256"]=b["files"][0]["sha256"].upper()'
bad_case "file data not base64" 'files[0].data' 'b["files"][0]["data"]="JVBER i0x"'
bad_case "file bytes not of its type" 'files[0].data' 'b["files"][0]["mime"]="image/png"'
bad_case "file type not allowed" 'files[0].mime' 'b["files"][0]["mime"]="text/html"'
bad_case "file name with a slash" 'files[0].name' 'b["files"][0]["name"]="../x.pdf"'
bad_case "an empty file" 'files[0].data' 'b["files"][0]["data"]=""'
bad_case "files not an array" files 'b["files"]={}'
r=$(file_as connector 'not json')
expect_eq "400 not JSON" "$(printf '%s' "$r" | code_of) $(printf '%s' "$r" | first | jget error.field)" "400 body"
expect_eq "the bad filings wrote nothing" "$(n_online)/$(psql_q "SELECT count(*) FROM online_blobs")" "1/2"

# --- who may do what -----------------------------------------------------------
r=$(file_as office "$(body "$OFFICE" G22.99-OFFICE 8)")
expect_eq "an office certificate cannot file: 403" "$(printf '%s' "$r" | code_of) $(printf '%s' "$r" | first | jget error.code)" "403 not_the_connector"
r=$(file_as connoffice "$(body "$OFFICE" G22.99-OFFICE 8)")
expect_eq "a connector-CA certificate with another name cannot file" "$(printf '%s' "$r" | code_of)" "403"
r=$(curl -s --cacert "$PKI/ca.pem" -X POST --data-binary "$(body "$OFFICE" G22.99-OFFICE 8)" -w '\n%{http_code}' "https://localhost:$CPORT/v1/online/dossiers")
expect_eq "no certificate cannot file: 401" "$(printf '%s' "$r" | code_of)" "401"
r=$(c_office connector POST "/v1/offices/$OFFICE/events" '{"v":1,"office":"'$OFFICE'","after":0,"events":[]}')
expect_eq "the connector cannot push events" "$(printf '%s' "$r" | code_of) $(printf '%s' "$r" | first | jget error.code)" "403 connector_not_an_office"
r=$(c_office connbycn GET "/v1/offices/$OFFICE/changes?after=0")
expect_eq "the connector cannot pull changes" "$(printf '%s' "$r" | code_of)" "403"
r=$(c_office connector GET "/v1/offices/$OFFICE/online?after=0")
expect_eq "the connector cannot pull an office's online feed" "$(printf '%s' "$r" | code_of)" "403"
r=$(c_office connoffice POST "/v1/offices/$OFFICE/events" '{"v":1,"office":"'$OFFICE'","after":0,"events":[]}')
expect_eq "a connector-CA certificate named as the office cannot push" "$(printf '%s' "$r" | code_of)" "403"
r=$(c_office office GET "/v1/online/dossiers/$R1")
expect_eq "an office cannot read the connector's read-back" "$(printf '%s' "$r" | code_of)" "403"
expect_eq "nothing was pushed" "$(psql_q "SELECT count(*) FROM events")" "0"

# --- the desk feed ---------------------------------------------------------------
R2=G22.99-260213-000002
R3=G22.99-260213-000003
R4=G22.99-260213-000004
RX=G22.99-260213-000099   # office 2's
for x in "$R2 2" "$R3 3" "$R4 4"; do
    set -- $x
    expect_eq "filed $1" "$(file_as connector "$(body "$OFFICE" "$1" "$2")" | code_of)" "201"
done
expect_eq "filed $RX for office 2" "$(file_as connector "$(body "$OFFICE2" $RX 99)" | code_of)" "201"
feed=$(c_office office GET "/v1/offices/$OFFICE/online?after=0")
expect_eq "feed: 200" "$(printf '%s' "$feed" | code_of)" "200"
feed=$(printf '%s' "$feed" | first)
expect_eq "feed: the office's four, in rev order, waiting" \
    "$(printf '%s' "$feed" | python3 -c 'import json,sys; d=json.load(sys.stdin); it=d["items"]
print(" ".join(i["portal_ref"][-2:]+":"+i["state"] for i in it), [i["rev"] for i in it]==sorted(i["rev"] for i in it), d["more"])')" \
    "01:waiting 02:waiting 03:waiting 04:waiting True False"
expect_eq "feed: the dossier and its files, not their bytes" \
    "$(printf '%s' "$feed" | python3 -c 'import json,sys; i=json.load(sys.stdin)["items"][0]
print(i["dossier"]["applicant_name"], len(i["files"]), sorted(i["files"][0]), "data" in i["files"][0])')" \
    "Trần Văn An 2 ['mime', 'name', 'paper', 'sha256', 'size'] False"
p1=$(c_office office GET "/v1/offices/$OFFICE/online?after=0&limit=3" | first)
expect_eq "page 1 of 3: more" "$(printf '%s' "$p1" | jget more) $(printf '%s' "$p1" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')" "true 3"
p2=$(c_office office GET "/v1/offices/$OFFICE/online?after=$(printf '%s' "$p1" | jget next_after)&limit=3" | first)
expect_eq "page 2: the last one, no more" "$(printf '%s' "$p2" | jget more) $(printf '%s' "$p2" | jget items.0.portal_ref)" "false $R4"
expect_eq "office 2 sees only its own" \
    "$(c_office office2 GET "/v1/offices/$OFFICE2/online?after=0" | first | jget items.0.portal_ref)" "$RX"
expect_eq "office 2 cannot read this office's feed" "$(c_office office2 GET "/v1/offices/$OFFICE/online?after=0" | code_of)" "403"
expect_eq "feed: bad after is 400" "$(c_office office GET "/v1/offices/$OFFICE/online?after=-1" | code_of)" "400"

# --- files -----------------------------------------------------------------------
sha=$(printf '%s' "$feed" | jget items.0.files.1.sha256)
curl -s --cacert "$PKI/ca.pem" --cert "$PKI/office.pem" --key "$PKI/office.key" \
    -o "$T/f.pdf" -w '%{http_code} %{content_type}' "https://localhost:$CPORT/v1/offices/$OFFICE/online/$R1/files/$sha" >"$T/f.code"
expect_eq "file download: 200 PDF" "$(cat "$T/f.code")" "200 application/pdf"
expect_eq "the bytes hash to the sha256" "$(sha256sum "$T/f.pdf" | cut -d' ' -f1)" "$sha"
expect_eq "the bytes are the connector's" "$(sha256sum <"$T/f.pdf" | cut -d' ' -f1)" \
    "$(mutate "$B1" 'import base64,hashlib; print(hashlib.sha256(base64.b64decode(b["files"][1]["data"])).hexdigest()); sys.exit()')"
expect_eq "a file of another dossier: 404" "$(c_office office GET "/v1/offices/$OFFICE/online/$R2/files/$sha" | code_of)" "404"
expect_eq "another office's certificate: 403" "$(c_office office2 GET "/v1/offices/$OFFICE/online/$R1/files/$sha" | code_of)" "403"
expect_eq "a bad hash: 400" "$(c_office office GET "/v1/offices/$OFFICE/online/$R1/files/xyz" | code_of)" "400"

# --- desk events: accept, supplement, refuse ----------------------------------------
DAY=260214
code1="$OFFICE-$DAY-0001"
code2="$OFFICE-$DAY-0002"
code3="$OFFICE-$DAY-0003"
PDF_B64=$(printf '%%PDF-1.4\n%% Mau 02\n%%%%EOF\n' | base64 -w0)
# ev KIND SEQ ...: one event of a batch
intake_ev() { # SEQ CODE REF
    printf '{"seq":%d,"event":{"v":1,"kind":"intake","office":"%s","at":"2026-02-14T08:00:00+07:00","actor":"lan","dossier":"%s","data":{"to":"received","dossier":{"code":"%s","status":"received","channel":"online","portal_ref":"%s","procedure_code":"1.014166","received_at":"2026-02-14T08:00:00+07:00","due_date":"2026-02-28"}}}}' \
        "$1" "$OFFICE" "$2" "$2" "$3"
}
decision_ev() { # SEQ REF DECISION [FORM]
    printf '{"seq":%d,"event":{"v":1,"kind":"online_decision","office":"%s","at":"2026-02-14T09:00:00+07:00","actor":"%s","dossier":null,"data":{"portal_ref":"%s","decision":"%s","reasons":["Thiếu giấy ra viện"],"missing":["Giấy ra viện"],"form_pdf":"%s"}}}' \
        "$1" "$OFFICE" "${5:-hoa}" "$2" "$3" "${4-$PDF_B64}"
}
push() { # AFTER EVENTS...
    local after=$1
    shift
    local evs
    evs=$(IFS=,; echo "$*")
    c_office office POST "/v1/offices/$OFFICE/events" "{\"v\":1,\"office\":\"$OFFICE\",\"after\":$after,\"events\":[$evs]}"
}
rejected() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(";".join("%d:%s" % (r["seq"], r["reason"]) for r in d["rejected"]))'; }
rev_of() { psql_q "SELECT rev FROM online_dossiers WHERE portal_ref = '$1'"; }

rev_before=$(rev_of $R1)
r=$(push 0 "$(intake_ev 1 "$code1" $R1)")
expect_eq "accept: 200, nothing rejected" "$(printf '%s' "$r" | code_of) [$(printf '%s' "$r" | first | rejected)]" "200 []"
read1=$(c_office connector GET "/v1/online/dossiers/$R1" | first)
expect_eq "read-back: accepted as the code, by whom, when" \
    "$(printf '%s' "$read1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["state"], d["code"], d["by"], d["at"], d["status_portal_code"])')" \
    "accepted $code1 lan 2026-02-14T08:00:00+07:00 2"
rev_after=$(rev_of $R1)
expect_eq "accepting gives the item a higher rev" "$(( rev_after > rev_before ))" "1"
again=$(c_office office GET "/v1/offices/$OFFICE/online?after=$(printf '%s' "$feed" | jget items.3.rev)" | first)
expect_eq "the accepted dossier re-appears in the feed, with who took it" \
    "$(printf '%s' "$again" | python3 -c 'import json,sys; i=json.load(sys.stdin)["items"]; print(len(i), i[0]["portal_ref"], i[0]["state"], i[0]["code"], i[0]["by"])')" \
    "1 $R1 accepted $code1 lan"
expect_eq "the centre holds the dossier" "$(psql_q "SELECT status FROM dossiers WHERE code = '$code1'")" "received"
# the same batch again: a repeat, nothing moves
r=$(push 0 "$(intake_ev 1 "$code1" $R1)")
expect_eq "the same intake again: acknowledged" "$(printf '%s' "$r" | code_of)" "200"
expect_eq "... and the rev did not move" "$(rev_of $R1)" "$rev_after"

r=$(push 1 "$(intake_ev 2 "$code2" $R1)" "$(decision_ev 3 $R1 refuse)" \
    "$(decision_ev 4 $R2 supplement)" "$(decision_ev 5 $R2 refuse)" \
    "$(decision_ev 6 G22.99-UNKNOWN refuse)" "$(decision_ev 7 $RX refuse)" \
    "$(intake_ev 8 "$code3" G22.99-UNKNOWN)" "$(decision_ev 9 $R3 refuse "")" \
    "$(decision_ev 10 $R3 refuse "$PDF_B64" minh)")
expect_eq "a batch of decisions: 200" "$(printf '%s' "$r" | code_of)" "200"
rej=$(printf '%s' "$r" | first | rejected)
printf '%s\n' "$rej" | tr ';' '\n' >"$T/rej"
expect_eq "rejected: exactly the ones the centre cannot take" "$(cut -d: -f1 "$T/rej" | tr '\n' ' ')" "2 3 5 6 7 8 9 "
expect_match "a second accept names the first" "$(grep '^2:' "$T/rej")" "already accepted as $code1 by lan at 2026-02-14T08:00:00"
expect_match "a decision on an accepted dossier" "$(grep '^3:' "$T/rej")" "already accepted"
expect_match "a second decision names the first" "$(grep '^5:' "$T/rej")" "already supplement_requested by hoa"
expect_match "an unknown reference" "$(grep '^6:' "$T/rej")" "no online dossier \"G22.99-UNKNOWN\""
expect_match "another office's reference" "$(grep '^7:' "$T/rej")" "belongs to another office"
expect_match "an intake of an unknown reference" "$(grep '^8:' "$T/rej")" "no online dossier"
expect_match "a decision without its form" "$(grep '^9:' "$T/rej")" "data.form_pdf"
expect_eq "the rejected intakes created no dossier" "$(psql_q "SELECT count(*) FROM dossiers WHERE code IN ('$code2', '$code3')")" "0"
expect_eq "the rejected events are kept with their reasons" "$(psql_q "SELECT count(*) FROM events WHERE rejected_reason IS NOT NULL")" "7"
expect_eq "states at the centre" \
    "$(psql_q "SELECT string_agg(right(portal_ref, 2) || ':' || state, ' ' ORDER BY portal_ref) FROM online_dossiers")" \
    "01:accepted 02:supplement_requested 03:refused 04:waiting 99:waiting"

read2=$(c_office connector GET "/v1/online/dossiers/$R2" | first)
expect_eq "read-back of a supplement request" \
    "$(printf '%s' "$read2" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["state"], d["decision"], d["reasons"], d["missing"], d["code"], d["status_portal_code"], d["form_pdf"])')" \
    "supplement_requested supplement ['Thiếu giấy ra viện'] ['Giấy ra viện'] None 5 /v1/online/dossiers/$R2/form.pdf"
curl -s --cacert "$PKI/ca.pem" --cert "$PKI/connector.pem" --key "$PKI/connector.key" \
    -o "$T/form.pdf" -w '%{http_code} %{content_type}' "https://localhost:$CPORT/v1/online/dossiers/$R2/form.pdf" >"$T/form.code"
expect_eq "form.pdf: 200 PDF" "$(cat "$T/form.code")" "200 application/pdf"
expect_eq "form.pdf: the desk's bytes" "$(base64 -w0 <"$T/form.pdf")" "$PDF_B64"
expect_eq "read-back of a refusal: by minh" "$(c_office connector GET "/v1/online/dossiers/$R3" | first | jget by) $(c_office connector GET "/v1/online/dossiers/$R3" | first | jget status_portal_code)" "minh 3"
expect_eq "no form while waiting: 404" "$(c_office connector GET "/v1/online/dossiers/$R4/form.pdf" | code_of)" "404"
expect_eq "an unknown reference: 404" "$(c_office connector GET "/v1/online/dossiers/G22.99-NONE" | code_of)" "404"
expect_eq "a malformed reference: 400" "$(c_office connector GET "/v1/online/dossiers/a%20b" | code_of)" "400"

# --- withdrawal through the portal ------------------------------------------------
r=$(c_office connector POST "/v1/online/dossiers/$R4/withdraw")
expect_eq "withdraw a waiting dossier" "$(printf '%s' "$r" | code_of) $(printf '%s' "$r" | first | jget state)" "200 withdrawn"
expect_eq "an accepted one cannot be withdrawn: 409" "$(c_office connector POST "/v1/online/dossiers/$R1/withdraw" | code_of)" "409"
r=$(push 10 "$(intake_ev 11 "$code3" $R4)")
expect_match "accepting a withdrawn dossier is rejected" "$(printf '%s' "$r" | first | rejected)" "^11:.*already withdrawn"

# --- the citizen supplements through the portal ----------------------------------
rev2=$(rev_of $R2)
B2=$(body "$OFFICE" $R2 2 2)   # now with the missing paper's file
r=$(file_as connector "$B2")
expect_eq "filing again after a supplement request: 200, waiting again" \
    "$(printf '%s' "$r" | code_of) $(printf '%s' "$r" | first | jget state) $(printf '%s' "$r" | first | jget supplemented)" "200 waiting true"
expect_eq "... with a higher rev" "$(( $(rev_of $R2) > rev2 ))" "1"
expect_eq "... and the new files" "$(psql_q "SELECT count(*) FROM online_files WHERE portal_ref = '$R2'")" "2"
rev2=$(rev_of $R2)
expect_eq "the supplemented body again: 200, nothing moves" "$(file_as connector "$B2" | code_of) $(rev_of $R2)" "200 $rev2"
expect_eq "read-back: one supplement, the last decision kept" \
    "$(c_office connector GET "/v1/online/dossiers/$R2" | first | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["state"], d["supplements"], d["decision"])')" \
    "waiting 1 supplement"
expect_eq "a refused dossier cannot be filed again: 409" "$(file_as connector "$(body "$OFFICE" $R3 3 2)" | code_of)" "409"
r=$(push 11 "$(intake_ev 12 "$OFFICE-$DAY-0004" $R2)")
expect_eq "the supplemented dossier is accepted" "$(printf '%s' "$r" | code_of) [$(printf '%s' "$r" | first | rejected)] $(psql_q "SELECT state || ' ' || code FROM online_dossiers WHERE portal_ref = '$R2'")" \
    "200 [] accepted $OFFICE-$DAY-0004"

# --- lookup by portal reference ------------------------------------------------
l=$(c_public "/v1/dossiers/$R1")
expect_eq "lookup by an accepted reference shows its dossier" "$(printf '%s' "$l" | jget code) $(printf '%s' "$l" | jget portal_ref)" "$code1 $R1"
l=$(c_public "/v1/dossiers/$R4")
r5=G22.99-260213-000005
file_as connector "$(body "$OFFICE" $r5 5)" >/dev/null
l=$(c_public "/v1/dossiers/$r5")
expect_eq "a waiting one: chờ tiếp nhận, portal code 1, no code" \
    "$(printf '%s' "$l" | jget status_label) $(printf '%s' "$l" | jget status_portal_code) $(printf '%s' "$l" | jget code) $(printf '%s' "$l" | jget agency)" \
    "Chờ tiếp nhận 1 null $OFFICE"
expect_eq "nothing personal in the lookup" "$(printf '%s' "$l" | grep -c -e 'Nguyễn' -e '00109' -e 'example.vn' -e 'Lê Lợi')" "0"
page=$(c_public "/tra-cuu/$r5")
expect_match "the page says chờ tiếp nhận" "$page" "Chờ tiếp nhận"
expect_match "the page shows the portal reference" "$page" "$r5"
expect_eq "nothing personal on the page" "$(printf '%s' "$page" | grep -c -e 'Nguyễn' -e '00109' -e 'Lê Lợi')" "0"
expect_match "the page of an accepted reference shows its code" "$(c_public "/tra-cuu/$R1")" "$code1"
r6=G22.99-260213-000006
file_as connector "$(body "$OFFICE" $r6 6)" >/dev/null
push 12 "$(decision_ev 13 $r6 supplement)" >/dev/null
expect_match "a supplement request: chờ bổ sung" "$(c_public "/v1/dossiers/$r6" | jget status_label)" "Chờ bổ sung"
expect_eq "a withdrawn one: đã rút hồ sơ, portal code 7" \
    "$(c_public "/v1/dossiers/$R4" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["status_label"], d["status_portal_code"], d["status"])')" \
    "Đã rút hồ sơ 7 withdrawn"
expect_eq "an unknown reference: 404" "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$PKI/ca.pem" "https://localhost:$CPORT/v1/dossiers/G22.99-NONE")" "404"
expect_eq "a code still looks up as before" "$(c_public "/v1/dossiers/$code1" | jget status)" "received"

# --- the connector tool (for the 200-dossier test) ---------------------------------
out=$($CONNECTOR file --office "$OFFICE" --office "$OFFICE2" --count 25 --prefix G22.99-TOOL --files 1 --jobs 4)
expect_eq "the tool files 25 for each of two offices" "$(printf '%s' "$out" | jget filed) $(printf '%s' "$out" | jget errors)" "50 0"
out=$($CONNECTOR file --office "$OFFICE" --office "$OFFICE2" --count 25 --prefix G22.99-TOOL --files 1 --jobs 4)
expect_eq "run again: 50 repeats, nothing new" "$(printf '%s' "$out" | jget filed) $(printf '%s' "$out" | jget repeat)" "0 50"
expect_eq "the centre holds them per office" \
    "$(psql_q "SELECT string_agg(office || '=' || n, ' ' ORDER BY office) FROM (SELECT office, count(*) n FROM online_dossiers WHERE portal_ref LIKE 'G22.99-TOOL%' GROUP BY office) x")" \
    "$OFFICE=25 $OFFICE2=25"
expect_eq "one blob per distinct file" "$(psql_q "SELECT count(*) = count(DISTINCT sha256) FROM online_blobs")" "t"
# paging 7 at a time gives every online dossier of the office once, in rev order
pages=$(cursor=0; while :; do
    p=$(c_office office GET "/v1/offices/$OFFICE/online?after=$cursor&limit=7" | first)
    printf '%s' "$p" | python3 -c 'import json,sys; [print(i["rev"], i["portal_ref"]) for i in json.load(sys.stdin)["items"]]'
    [ "$(printf '%s' "$p" | jget more)" = true ] || break
    cursor=$(printf '%s' "$p" | jget next_after)
done)
expect_eq "paging 7 at a time: every dossier of the office once" \
    "$(printf '%s\n' "$pages" | cut -d' ' -f2 | sort | uniq | wc -l) $(printf '%s\n' "$pages" | wc -l)" \
    "$(psql_q "SELECT count(*) FROM online_dossiers WHERE office = '$OFFICE'") $(psql_q "SELECT count(*) FROM online_dossiers WHERE office = '$OFFICE'")"
expect_eq "... in increasing rev" "$(printf '%s\n' "$pages" | cut -d' ' -f1 | sort -n -c && echo sorted)" "sorted"

# --- connector identity by CA alone ----------------------------------------------
central_stop
central_start server --connector-ca "$PKI/connca.pem"
r=$(c_office connoffice POST "/v1/offices/$OFFICE/events" '{"v":1,"office":"'$OFFICE'","after":0,"events":[]}')
expect_eq "a connector-CA certificate is never an office, whatever its name" "$(printf '%s' "$r" | code_of) $(printf '%s' "$r" | first | jget error.code)" "403 connector_not_an_office"
expect_eq "... it is the connector" "$(c_office connoffice GET "/v1/online/dossiers/$R1" | code_of)" "200"
expect_eq "without --connector-cn the office CA's certificate named so is not" "$(c_office connbycn GET "/v1/online/dossiers/$R1" | code_of)" "403"
if grep -qE 'AddressSanitizer|runtime error|LeakSanitizer' "$T/central.log"; then
    bad "the centre's log shows a sanitizer report"; grep -m5 -E 'AddressSanitizer|runtime error|LeakSanitizer' "$T/central.log"
else ok "no sanitizer report in the centre's log"; fi
finish
