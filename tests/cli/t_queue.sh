#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The queue through the CLI contract: service groups (admin changes are
# audited), tickets A001..., priority first, call again up to 3 times then
# no-show, skip, transfer to a group or a counter, start/finish, link to a
# dossier, rating, status, and the midnight rollover.
export MOTCUA_NOW=2026-03-02T07:30:00+07:00
. "$(dirname "$0")/lib.sh"
init_office
echo "clerk-pass-1" | m user add canbo1 --name "Trần Thị Mai" --role clerk --password-stdin >/dev/null
echo "clerk-pass-2" | m user add canbo2 --name "Lê Văn Nam" --role clerk --password-stdin >/dev/null
C1() { MOTCUA_PASSWORD=clerk-pass-1 m --user canbo1 "$@"; }
C2() { MOTCUA_PASSWORD=clerk-pass-2 m --user canbo2 "$@"; }
K() { env -u MOTCUA_USER "$MOTCUA" "$@"; } # the kiosk: nobody signed in
at() { MOTCUA_NOW="2026-03-02T$1:00+07:00"; export MOTCUA_NOW; }

# service groups
json=$(K --json queue services)
expect_eq "seeded groups" "$(echo "$json" | python3 -c 'import json,sys; print(" ".join(s["code"] for s in json.load(sys.stdin)))')" "A B C D"
expect_match "group names are Vietnamese" "$(echo "$json" | jget 1.name)" "Chế độ chính sách"
out=$(C1 queue service add E --name "Giám định BHYT" 2>&1); rc=$?
expect_eq "a clerk cannot add a group" "$rc" "5"
expect_eq "admin adds a group" "$(m queue service add E --name "Giám định BHYT")" "E"
m queue service rename E --name "Giám định, thanh toán BHYT" >/dev/null
expect_match "renamed" "$(K queue services)" "E  Giám định, thanh toán BHYT"
expect_eq "changes are audited" "$(sqlite3 "$MOTCUA_DB" "SELECT group_concat(action||':'||object, ' ') FROM audit WHERE action LIKE 'queue.service%'")" "queue.service.add:E queue.service.set:E"
out=$(m queue service add e --name X 2>&1); rc=$?
expect_eq "a group code is one capital letter" "$rc" "3"
out=$(m queue service add A --name X 2>&1); rc=$?
expect_eq "a group code is unique" "$rc" "7"

# tickets
at 07:31; expect_eq "first ticket" "$(K queue ticket --service A)" "A001"
at 07:32; expect_eq "second ticket" "$(K queue ticket --service A)" "A002"
at 07:33; expect_eq "another group has its own numbers" "$(K queue ticket --service B)" "B001"
at 07:34; json=$(K --json queue ticket --service A --priority)
expect_eq "priority ticket number" "$(echo "$json" | jget number)" "A003"
expect_eq "priority ticket flagged" "$(echo "$json" | jget priority)" "true"
expect_eq "priority ticket waits behind nobody" "$(echo "$json" | jget ahead)" "0"
out=$(K queue ticket --service Z 2>&1); rc=$?
expect_eq "unknown group refused" "$rc" "4"
out=$(K queue next --counter 1 2>&1); rc=$?
expect_eq "calling needs a signed-in clerk" "$rc" "8"

# next: priority first, then first come
at 07:40; json=$(C1 --json queue next --counter 1)
expect_eq "priority called first" "$(echo "$json" | jget number)" "A003"
expect_eq "waiting time kept" "$(echo "$json" | jget waiting_seconds)" "360"
expect_eq "clerk recorded" "$(echo "$json" | jget clerk)" "canbo1"
out=$(C1 queue next --counter 1 2>&1); rc=$?
expect_eq "a busy counter cannot call again" "$rc" "6"
at 07:41; expect_eq "start" "$(C1 queue start --counter 1)" "A003 serving quầy 1"
# link the dossier taken in
code=$(C1 dossier new --procedure $PROC --applicant-name "Nguyễn Thị Hường" --id-number 001190012345 --document "$REQDOC|original|1")
out=$(C1 queue link --counter 1 --dossier 000.00.06.H56-260302-9999 2>&1); rc=$?
expect_eq "link to an unknown dossier refused" "$rc" "4"
expect_eq "link" "$(C1 --json queue link --counter 1 --dossier "$code" | jget dossier_code)" "$code"
at 07:49; json=$(C1 --json queue finish --counter 1)
expect_eq "finished" "$(echo "$json" | jget state)" "done"
expect_eq "service time kept" "$(echo "$json" | jget service_seconds)" "480"
out=$(C1 queue rate A003 --rating great 2>&1); rc=$?
expect_eq "rating must be one of three" "$rc" "3"
expect_eq "rating stored" "$(C1 --json queue rate A003 --rating satisfied | jget rating)" "satisfied"
out=$(C1 queue rate A003 --rating normal 2>&1); rc=$?
expect_eq "rated once" "$rc" "6"

# waits: A003 6 min, A001 19, A002 18, B001 20 -> average 945 s
# two counters: first come A001, then across groups by arrival: A002 (07:32) before B001 (07:33)
at 07:50; expect_eq "counter 2 gets the oldest" "$(C2 queue next --counter 2)" "A001"
at 07:50; expect_eq "counter 1 next" "$(C1 queue next --counter 1)" "A002"
# call again up to 3 times, the 4th marks a no-show
for i in 1 2 3; do out=$(C2 queue recall --counter 2); done
expect_eq "called 4 times (1 + 3 recalls)" "$(C2 --json queue show A001 | jget calls)" "4"
expect_eq "4th recall: no-show" "$(C2 queue recall --counter 2)" "A001 no_show quầy 2"
out=$(C2 queue recall A001 2>&1); rc=$?
expect_eq "a no-show cannot be recalled" "$rc" "6"
# skip: back to the end of the queue
at 07:52; expect_eq "skip" "$(C1 queue skip --counter 1)" "A002 waiting"
at 07:53; K queue ticket --service A >/dev/null # A004
expect_eq "after a skip the next is B001" "$(C1 queue next --counter 1)" "B001"
# transfer B001 to group A: it keeps its arrival (07:33), ahead of A002 (skipped at 07:52)
json=$(C1 --json queue transfer --counter 1 --to-service A)
expect_eq "transferred" "$(echo "$json" | jget service)|$(echo "$json" | jget state)|$(echo "$json" | jget transferred_from)" "A|waiting|B@1"
expect_eq "a transfer keeps the number" "$(echo "$json" | jget number)" "B001"
# reserve for counter 3: other counters pass it over
expect_eq "counter 2 takes the transferred ticket" "$(C2 queue next --counter 2)" "B001"
expect_eq "transfer to counter 3" "$(C2 queue transfer --counter 2 --to-counter 3)" "B001 waiting"
expect_eq "counter 2 skips what is reserved for 3" "$(C2 queue next --counter 2)" "A002"
expect_eq "counter 3 gets it" "$(C1 queue next --counter 3)" "B001"
expect_eq "--service limits a counter to its groups" "$(C1 queue next --counter 4 --service BC >/dev/null 2>&1; echo $?)" "4"

# status
json=$(K --json queue status)
expect_eq "waiting in A" "$(echo "$json" | python3 -c 'import json,sys; d=json.load(sys.stdin); print([s["waiting"] for s in d["services"] if s["code"]=="A"][0])')" "1"
expect_eq "counter 3 serving B001" "$(echo "$json" | python3 -c 'import json,sys; d=json.load(sys.stdin); print([c["number"] for c in d["counters"] if c["counter"]==3][0])')" "B001"
expect_eq "last call first" "$(echo "$json" | jget recent_calls.0.number)" "B001"
expect_match "plain status" "$(K queue status)" "Quầy 3"

# midnight (Vietnam time): numbering restarts, yesterday's open tickets close as not served
export MOTCUA_NOW=2026-03-02T23:59:00+07:00
expect_eq "still the same day at 23:59" "$(K queue ticket --service A)" "A005"
export MOTCUA_NOW=2026-03-02T17:00:30Z # 00:00:30 on 3 March in Vietnam
expect_eq "a new day starts at A001" "$(K queue ticket --service A)" "A001"
expect_eq "yesterday's open tickets closed" "$(sqlite3 "$MOTCUA_DB" "SELECT group_concat(label, ' ') FROM (SELECT label FROM queue_tickets WHERE day='2026-03-02' AND state='not_served' ORDER BY label)")" "A002 A004 A005 B001"
expect_eq "the rollover is audited" "$(sqlite3 "$MOTCUA_DB" "SELECT detail FROM audit WHERE action='queue.rollover'")" '{"not_served":4}'
expect_eq "yesterday's A001 is not today's" "$(K --json queue status | jget waiting_total)" "1"
json=$(m --json report queue --from 2026-03-02 --to 2026-03-02)
expect_eq "queue report: issued/served/no-show/not served" \
    "$(echo "$json" | python3 -c 'import json,sys; t=json.load(sys.stdin)["total"]; print(t["issued"], t["served"], t["no_show"], t["not_served"], t["satisfied"])')" "6 1 1 4 1"
expect_eq "queue report per clerk" \
    "$(echo "$json" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join("%s:%d/%d" % (c["clerk"], c["served"], c["no_show"]) for c in d["by_clerk"]))')" "canbo1:1/0 canbo2:0/1"
expect_eq "queue report waiting average" "$(echo "$json" | jget total.wait_avg_seconds)" "945.0"
finish
