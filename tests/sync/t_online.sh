#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Online dossiers at the desk (docs/sync.md, "Online dossiers"), against
# the real centre over HTTPS and PostgreSQL: the portal's connector files
# dossiers; `motcua sync --once` pulls them into the online inbox and
# fetches their files (verified by SHA-256); the clerk lists and shows
# them, accepts one (a code exactly as at the counter: issued_codes,
# history, audit and an intake event carrying portal_ref, channel online;
# the portal's file becomes the dossier's scan), asks for a supplement and
# refuses (Mẫu 02 / Mẫu 03 PDFs that reach the connector); a second accept
# is refused naming who took it and when; a dossier accepted after office
# hours counts from the next working day (Decree 118/2025); a dossier
# withdrawn through the portal leaves the inbox; search and dossier show
# find a dossier by its portal reference.
# Friday 6 March 2026, 21:40: after office hours
export MOTCUA_NOW=2026-03-06T21:40:00+07:00
. "$MOTCUA_TESTS/sync/lib_sync.sh"
pg_start
pki_make
CONN=motcua-portal-connector
mkca connca "motcua test portal connector CA"
mkcert connector connca "$CONN" "" client
central_start server --connector-ca "$PKI/connca.pem"
init_office
desk_config
echo lan-pass-123 | m user add lan --name "Nguyễn Thị Lan" --role clerk --password-stdin >/dev/null ||
    bad "user add lan"
FILE="python3 $MOTCUA_TESTS/sync/online_file.py --port $CPORT --ca $PKI/ca.pem --cert $PKI/connector.pem --key $PKI/connector.key"
CONNECTOR="python3 $MOTCUA_TESTS/tools/online_connector.py --port $CPORT --ca $PKI/ca.pem --cert $PKI/connector.pem --key $PKI/connector.key"
P=G22.99-260306
R1=$P-100001 R2=$P-100002 R3=$P-100003 R4=$P-100004 R5=$P-100005
out=$($FILE --office "$OFFICE" --count 5 --prefix $P --files 1 --submitted 2026-03-06T20:15:00+07:00)
expect_eq "the connector filed 5 dossiers" "$(printf '%s' "$out" | jget filed)" "5"
expect_eq "the inbox is empty before the pull" "$(m online list)" "Không có hồ sơ trực tuyến nào."

# --- the pull -------------------------------------------------------------------
s=$(m --json sync --once)
expect_eq "sync --once exits 0" "$?" "0"
expect_eq "5 online dossiers pulled" "$(printf '%s' "$s" | jget online_new)" "5"
expect_eq "5 waiting in the inbox" "$(m --json online list --state waiting | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" "5"
expect_eq "pulling again adds nothing" "$(m --json sync --once | jget online_new)" "0"
expect_eq "one inbox row per dossier" "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM online_inbox")" "5"
sha=$(sqlite3 "$MOTCUA_DB" "SELECT sha256 FROM online_files WHERE portal_ref = '$R1'")
expect_eq "the file was fetched" "$(sqlite3 "$MOTCUA_DB" "SELECT fetched_at IS NOT NULL FROM online_files WHERE portal_ref = '$R1'")" "1"
kept="$T/files/online/$sha"
expect_eq "kept bytes hash to the listed SHA-256" "$(sha256sum "$kept" | cut -d' ' -f1)" "$sha"
expect_eq "kept file is 0600" "$(stat -c %a "$kept")" "600"
sh=$(m --json online show $R1)
expect_eq "show: applicant" "$(printf '%s' "$sh" | jget dossier.applicant_name)" "Nguyễn Văn An"
expect_eq "show: the file, fetched" "$(printf '%s' "$sh" | jget files.0.fetched)" "true"
expect_match "show (text): the papers and the file" "$(m online show $R1)" "Danh sách do người sử dụng lao động lập.*|to-khai-1.pdf"
expect_match "list (text) shows the reference and the name" "$(m online list)" "$R1 +waiting .*Nguyễn Văn An"

# --- accept, after office hours ----------------------------------------------------
before=$(row_count)
err=$(MOTCUA_USER=lan MOTCUA_PASSWORD=lan-pass-123 m --json online accept $R1 2>&1 >"$T/acc.json")
expect_eq "accept exits 0" "$?" "0"
CODE=$(jget code <"$T/acc.json")
expect_eq "the code is the day's first, as at the counter" "$CODE" "000.00.06.H56-260306-0001"
expect_eq "channel online" "$(jget channel <"$T/acc.json")" "online"
expect_match "the clerk is told the time counts from the next opening" "$err" "Ngoài giờ làm việc.*08:00 thứ Hai 09/03/2026"
# Friday 21:40 counts as Monday 9 March 08:00: 7 working days -> Wed 18 March
expect_eq "due: the 7th working day after Monday 09/03" "$(jget due_date <"$T/acc.json")" "2026-03-18"
expect_eq "due time: the opening" "$(jget due_at <"$T/acc.json")" "2026-03-18T08:00:00+07:00"
expect_eq "one dossier, history, audit, outbox row and code more (+1 file audit)" \
    "$(row_count)" "$(echo "$before" | awk -F/ '{print $1+1"/"$2+1"/"$3+2"/"$4+1"/"$5+1}')"
ev=$(sqlite3 "$MOTCUA_DB" "SELECT payload FROM outbox WHERE kind = 'intake'")
expect_eq "intake snapshot carries portal_ref" "$(printf '%s' "$ev" | jget data.dossier.portal_ref)" "$R1"
expect_eq "intake snapshot channel online" "$(printf '%s' "$ev" | jget data.dossier.channel)" "online"
sc=$(m --json dossier scans "$CODE")
expect_match "the portal's file became the dossier's scan (source portal)" "$sc" "\"source\": \"portal\""
expect_match "scan is on paper 1 with its hash" "$sc" "$sha"
expect_eq "inbox: accepted by lan" "$(m --json online show $R1 | jget decided_by)" "lan"

# --- the second accept is refused, naming who took it ---------------------------------
out=$(m online accept $R1 2>&1)
rc=$?
expect_eq "second accept: exit 7 (conflict)" "$rc" "7"
expect_match "it names who took it and when, and the code" "$out" "đã được lan tiếp nhận lúc 21:40 06/03/2026 \(mã hồ sơ $CODE\)"
expect_eq "nothing written by the refused accept" "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM dossiers")" "1"
out=$(m online refuse $R1 --reason "x" 2>&1)
expect_match "a refusal after the accept is refused too" "$out" "đã được lan tiếp nhận"

# --- papers missing: accepting is refused, the way out is a supplement ---------------------
R7=G22.99-260307-100001
$FILE --office "$OFFICE" --count 1 --prefix G22.99-260307 --incomplete-every 1 >/dev/null ||
    bad "the connector files a dossier without the required paper"
m sync --once >/dev/null || bad "sync pulls it"
out=$(m online accept $R7 2>&1)
expect_eq "accepting without the required paper: exit 3" "$?" "3"
expect_match "the clerk is told which paper, and to ask for a supplement" "$out" \
    "Danh sách do người sử dụng lao động lập.*motcua online supplement $R7"
expect_eq "no code used by the refused accept" "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM issued_codes")" "1"
m online supplement $R7 --missing "Danh sách do người sử dụng lao động lập" \
    --reason "Thiếu danh sách của đơn vị" >/dev/null || bad "supplement R7"

# --- search by portal reference --------------------------------------------------------
expect_eq "dossier show finds it by portal reference" "$(m --json dossier show $R1 | jget code)" "$CODE"
expect_match "search finds it by portal reference" "$(m dossier search $R1)" "^$CODE"
expect_eq "dossier show --json names its portal reference" "$(m --json dossier show "$CODE" | jget portal_ref)" "$R1"
expect_match "dossier show (text) too" "$(m dossier show "$CODE")" "Số hồ sơ trên Cổng: +$R1"

# --- supplement and refuse ---------------------------------------------------------------
out=$(m --json online supplement $R2 --missing "Giấy ra viện" --reason "Thiếu giấy ra viện bản sao")
expect_eq "supplement: state" "$(printf '%s' "$out" | jget state)" "supplement_requested"
pdf=$(printf '%s' "$out" | jget pdf)
expect_match "Mẫu 02 kept as a PDF" "$(head -c 5 "$pdf")" "^%PDF-"
expect_match "Mẫu 02 lists the missing paper" "$(pdftotext "$pdf" - 2>/dev/null | tr '\n' ' ')" "PHIẾU YÊU CẦU BỔ SUNG.*Giấy ra viện"
out=$(m --json online refuse $R3 --reason "Không thuộc thẩm quyền giải quyết của cơ quan" --pdf "$T/refusal.pdf")
expect_eq "refuse: state" "$(printf '%s' "$out" | jget state)" "refused"
expect_match "Mẫu 03 with the reason" "$(pdftotext "$T/refusal.pdf" - 2>/dev/null | tr '\n' ' ')" "TỪ CHỐI.*Không thuộc thẩm quyền"
out=$(m online refuse $R4 2>&1)
expect_eq "refuse without a reason: exit 3" "$?" "3"
expect_match "it names --reason" "$out" "lý do \(--reason\)"
out=$(m online supplement $R4 --reason "x" 2>&1)
expect_match "supplement without --missing is refused" "$out" "missing"
expect_eq "no code issued for supplement/refuse" "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM issued_codes")" "1"
expect_eq "dashboard --json counts the two still waiting" "$(m --json dashboard | jget online.waiting)" "2"

# --- a file that arrives after the acceptance ------------------------------------------------
# as if R4's file had not come with the pull (the fetch failed): the
# dossier is accepted without it, and the next sync fetches it and makes
# it the dossier's scan
sha4=$(sqlite3 "$MOTCUA_DB" "SELECT sha256 FROM online_files WHERE portal_ref = '$R4'")
sqlite3 "$MOTCUA_DB" "UPDATE online_files SET fetched_at = NULL WHERE portal_ref = '$R4'"
rm -f "$T/files/online/$sha4"
expect_match "show says the file is not fetched yet" "$(m online show $R4)" "chưa tải về"
C4=$(m online accept $R4 2>/dev/null)
expect_eq "R4 accepted without its file" "$(m --json dossier scans "$C4" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d if isinstance(d, list) else d.get("files", [])))')" "0"
s=$(m --json sync --once)
expect_eq "the next sync fetches the one file" "$(printf '%s' "$s" | jget online_files)" "1"
expect_match "it became the accepted dossier's scan" "$(m --json dossier scans "$C4")" "$sha4"

# --- withdrawn through the portal ---------------------------------------------------------
r=$(c_office connector POST "/v1/online/dossiers/$R5/withdraw")
expect_eq "the connector withdraws R5" "$(printf '%s' "$r" | tail -n1)" "200"

# --- the decisions reach the centre ----------------------------------------------------------
s=$(m --json sync --once)
expect_eq "sync --once after the decisions exits 0" "$?" "0"
expect_eq "nothing set aside" "$(printf '%s' "$s" | jget set_aside)" "0"
expect_eq "R5 withdrawn at the desk" "$(m --json online show $R5 | jget state)" "withdrawn"
expect_eq "none left waiting" "$(m --json online list --state waiting)" "[]"
st() { psql_q "SELECT state || coalesce(':' || code, '') FROM online_dossiers WHERE portal_ref = '$1'"; }
expect_eq "centre: R1 accepted under the desk's code" "$(st $R1)" "accepted:$CODE"
expect_eq "centre: R2 supplement requested" "$(st $R2)" "supplement_requested"
expect_eq "centre: R3 refused" "$(st $R3)" "refused"
rd=$($CONNECTOR read --ref $R2)
expect_eq "connector reads the missing paper" "$(printf '%s' "$rd" | jget missing.0)" "Giấy ra viện"
curl -s --cacert "$PKI/ca.pem" --cert "$PKI/connector.pem" --key "$PKI/connector.key" \
    -o "$T/centre-02.pdf" "https://localhost:$CPORT/v1/online/dossiers/$R2/form.pdf"
expect_eq "the connector gets the very Mẫu 02 the desk made" "$(sha256sum <"$T/centre-02.pdf")" "$(sha256sum <"$pdf")"
expect_eq "lookup by portal reference shows the dossier" "$(c_public "/v1/dossiers/$R1" | jget code)" "$CODE"
# an accepted dossier's later changes still come through the changes feed
expect_eq "the centre's view comes back to the desk" "$(m --json online show $R1 | jget centre_state)" "accepted"
expect_eq "dashboard --json: none waiting" "$(m --json dashboard | jget online.waiting)" "0"
expect_eq "audit chain verifies" "$(m --json audit verify | jget ok)" "true"
finish
