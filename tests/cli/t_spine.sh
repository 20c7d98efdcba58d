#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The desk's whole flow through the CLI contract: init, users and roles,
# intake with the JSON keys admins script, the status machine, return,
# extension, refusal, the supplement slip, lists and search.
. "$(dirname "$0")/lib.sh"
init_office

mode=$(stat -c %a "$MOTCUA_DB")
expect_eq "database file is private" "$mode" "600"
out=$(echo x | m init --office-code 000.00.06.H56 --office-name X --admin a2 --password-stdin 2>&1)
expect_match "init refuses an initialised database" "$out" "đã được khởi tạo"

# users and roles
echo "clerk-pass-1" | m user add canbo1 --name "Trần Thị Mai" --role clerk --password-stdin >/dev/null
echo "super-pass-1" | m user add tp1 --name "Lê Văn Sơn" --role supervisor --password-stdin >/dev/null
out=$(echo "x-pass-123" | MOTCUA_PASSWORD=clerk-pass-1 m --user canbo1 user add hacker --role admin --password-stdin 2>&1); rc=$?
expect_eq "a clerk cannot add users (exit)" "$rc" "5"
expect_match "a clerk cannot add users (message)" "$out" "không được"
out=$(MOTCUA_PASSWORD=wrong m --user canbo1 dossier list 2>&1); rc=$?
expect_eq "wrong password refused" "$rc" "8"

C() { MOTCUA_PASSWORD=clerk-pass-1 m --user canbo1 "$@"; }
S() { MOTCUA_PASSWORD=super-pass-1 m --user tp1 "$@"; }

# intake: Friday 13 Feb 2026 10:00, before the Tết 2026 break
json=$(C --json dossier new --procedure $PROC --applicant-name "Nguyễn Thị Hường" \
    --id-number 001190012345 --phone "+84 912 345 678" --email huong@example.vn \
    --address "Số 1 Phố Huế, Hà Nội" --document "$REQDOC|original|1" --channel direct)
code=$(echo "$json" | jget code)
expect_eq "first code of the day" "$code" "000.00.06.H56-260213-0001"
expect_eq "status received" "$(echo "$json" | jget status)" "received"
expect_eq "received_at in +07:00" "$(echo "$json" | jget received_at)" "2026-02-13T10:00:00+07:00"
expect_eq "due date skips the announced Tết break" "$(echo "$json" | jget due_date)" "2026-03-03"
expect_eq "due time keeps the receipt clock time" "$(echo "$json" | jget due_at)" "2026-03-03T10:00:00+07:00"
expect_eq "phone stored canonical" "$(echo "$json" | jget phone)" "0912345678"
expect_eq "paper marked required" "$(echo "$json" | jget documents.0.required)" "true"
expect_eq "receiving clerk recorded" "$(echo "$json" | jget received_by)" "canbo1"

plain=$(C dossier new --procedure $PROC --applicant-name "Trần Văn Bình" --document "2")
expect_eq "plain output is the code; checklist ticked by number" "$plain" "000.00.06.H56-260213-0002"

# the status machine: a forbidden move names the current and allowed statuses
out=$(C dossier advance "$code" --to returned 2>&1); rc=$?
expect_eq "forbidden transition exit code" "$rc" "6"
expect_match "forbidden transition names statuses" "$out" '"received".*processing, supplement_requested, withdrawn'
out=$(C dossier advance "$code" --to processing --department "Phòng Chế độ BHXH")
expect_eq "hand over to processing" "$out" "$code processing"
out=$(C dossier advance "$code" --to done 2>&1); rc=$?
expect_eq "a clerk may not mark done" "$rc" "5"
out=$(C dossier advance "$code" --to supplement_requested 2>&1); rc=$?
expect_match "supplement request needs the missing list" "$out" "missing"
json=$(MOTCUA_NOW=2026-02-24T09:00:00+07:00 C --json dossier advance "$code" --to supplement_requested \
    --missing "Giấy ra viện" --missing "Bản sao sổ BHXH" --note "Thiếu giấy tờ")
expect_eq "paused" "$(echo "$json" | jget paused_at)" "2026-02-24T09:00:00+07:00"
expect_eq "paused dossier is not overdue" "$(echo "$json" | jget overdue)" "false"
json=$(MOTCUA_NOW=2026-03-02T14:00:00+07:00 C --json dossier advance "$code" --to processing)
expect_eq "clock restarts from zero when papers return" "$(echo "$json" | jget due_date)" "2026-03-11"
out=$(S dossier extend "$code" --new-due 2026-03-20 2>&1); rc=$?
expect_match "extension needs a reason" "$out" "lý do"
out=$(S dossier extend "$code" --new-due 2026-03-20 --reason "Chờ xác minh quá trình đóng")
expect_eq "extension sets the new date" "$out" "$code 2026-03-20"
out=$(S dossier extend "$code" --new-due 2026-03-27 --reason "again" 2>&1); rc=$?
expect_match "only one extension" "$out" "một lần"
S dossier advance "$code" --to done >/dev/null
out=$(C dossier return "$code" --receiver-name "Lê Văn A" 2>&1); rc=$?
expect_match "return needs the receiver's id" "$out" "receiver-id"
out=$(C dossier return "$code" --receiver-name "Lê Văn A" --receiver-id 12345 2>&1); rc=$?
expect_eq "return validates the receiver's id" "$rc" "3"
json=$(MOTCUA_NOW=2026-03-18T15:00:00+07:00 C --json dossier return "$code" --receiver-name "Lê Văn A" --receiver-id 001090012345 --receiver-relation "chồng")
expect_eq "returned" "$(echo "$json" | jget status)" "returned"
expect_eq "portal code of returned" "$(echo "$json" | jget status_portal_code)" "10"
out=$(C dossier advance "$code" --to processing 2>&1); rc=$?
expect_match "returned is final" "$out" "không có: trạng thái cuối"

json=$(C --json dossier show "$code")
expect_eq "history is complete" "$(echo "$json" | python3 -c 'import json,sys; print(" ".join(e["action"] for e in json.load(sys.stdin)["history"]))')" \
    "intake advance advance advance extend advance return"
expect_eq "history names the actor" "$(echo "$json" | jget history.4.actor)" "tp1"

# refusal at reception gets a code and needs reasons
out=$(C dossier new --procedure $PROC --applicant-name "Phạm Đức" --refuse 2>&1); rc=$?
expect_match "refusal needs a reason" "$out" "lý do"
json=$(C --json dossier new --procedure $PROC --applicant-name "Phạm Đức" --refuse --reason "Không thuộc thẩm quyền")
expect_eq "refused status" "$(echo "$json" | jget status)" "refused"
expect_eq "refusal takes the next code" "$(echo "$json" | jget code)" "000.00.06.H56-260213-0003"

# incomplete papers: intake refuses, the slip is numbered, no code is used
out=$(C dossier new --procedure $PROC --applicant-name "Vũ Thị Lan" 2>&1); rc=$?
expect_match "missing required paper refused" "$out" "$REQDOC.*dossier guide"
slip=$(C dossier guide --procedure $PROC --applicant-name "Vũ Thị Lan" --missing "$REQDOC" --reason "Chưa có danh sách")
expect_eq "slip number (numbered per day)" "$slip" "000.00.06.H56-260213-BS0001"
json=$(C --json dossier new --procedure $PROC --applicant-name "Vũ Thị Lan" --document "$REQDOC")
expect_eq "no dossier number was consumed" "$(echo "$json" | jget code)" "000.00.06.H56-260213-0004"

# unknown processing time: listed, but intake refuses and says what to do
out=$(C dossier new --procedure bhxh.uy-quyen-linh-thay --applicant-name "Hồ Văn Tư" 2>&1); rc=$?
expect_match "procedure without time refused with the fix" "$out" "catalogue set-time bhxh.uy-quyen-linh-thay"
m catalogue set-time bhxh.uy-quyen-linh-thay 10 >/dev/null
out=$(C --json dossier new --procedure bhxh.uy-quyen-linh-thay --applicant-name "Hồ Văn Tư" --document "1" | jget processing_days)
expect_eq "after set-time intake works" "$out" "10"

# lists, overdue (derived) and search
expect_eq "list all" "$(C --json dossier list | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" "5"
expect_eq "list by status" "$(C --json dossier list --status refused | jget 0.code)" "000.00.06.H56-260213-0003"
n=$(MOTCUA_NOW=2026-03-04T08:00:00+07:00 C --json dossier list --overdue | python3 -c 'import json,sys; print(" ".join(d["code"] for d in json.load(sys.stdin)))')
expect_eq "overdue is derived from the clock" "$n" "000.00.06.H56-260213-0002 000.00.06.H56-260213-0004"
expect_eq "due-on filter" "$(C --json dossier list --due-on 2026-03-03 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" "2"
expect_eq "search folds diacritics" "$(C --json dossier search nguyen thi huong | jget 0.code)" "$code"
expect_eq "search folds đ" "$(C --json dossier search "pham duc" | jget 0.code)" "000.00.06.H56-260213-0003"
expect_eq "search by prefix as you type" "$(C --json dossier search "vu thi l" | jget 0.applicant_name)" "Vũ Thị Lan"
expect_eq "search by identity number" "$(C --json dossier search 001190012345 | jget 0.code)" "$code"
expect_eq "search by scanned lookup URL" "$(C --json dossier search "https://tracuu.example.vn/hs/$code" | jget 0.code)" "$code"
expect_eq "search never matches FTS syntax" "$(C --json dossier search '"NEAR(*' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" "0"

# corrections are new events with a reason; the old value stays in history
out=$(C dossier correct 000.00.06.H56-260213-0002 --field phone --value "0987 654 321" 2>&1); rc=$?
expect_match "correction needs a reason" "$out" "lý do"
out=$(C dossier correct 000.00.06.H56-260213-0002 --field phone --value 12 --reason "Gõ nhầm" 2>&1); rc=$?
expect_eq "correction is validated like intake" "$rc" "3"
out=$(C dossier correct 000.00.06.H56-260213-0002 --field status --value done --reason x 2>&1); rc=$?
expect_match "status cannot be corrected" "$out" "Không sửa được trường"
json=$(C --json dossier correct 000.00.06.H56-260213-0002 --field applicant-name --value "Trần Văn Bính" --reason "Sai dấu")
expect_eq "name corrected" "$(echo "$json" | jget applicant_name)" "Trần Văn Bính"
expect_eq "corrected name is searchable" "$(C --json dossier search "tran van binh" | jget 0.code)" "000.00.06.H56-260213-0002"
hist=$(C --json dossier show 000.00.06.H56-260213-0002 | python3 -c 'import json,sys; e=json.load(sys.stdin)["history"][-1]; print(e["action"], e["data"]["old"], "->", e["data"]["new"], "|", e["note"])')
expect_eq "correction kept in history" "$hist" "correct Trần Văn Bình -> Trần Văn Bính | Sai dấu"

# audit and outbox
out=$(m audit verify)
expect_match "audit chain verifies" "$out" "nguyên vẹn"
pending=$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM outbox WHERE acked_at IS NULL")
expect_match "every change is in the outbox" "$pending" "^[1-9][0-9]*$"
expect_eq "outbox events are versioned JSON" "$(sqlite3 "$MOTCUA_DB" "SELECT json_extract(payload,'$.v')||json_extract(payload,'$.dossier') FROM outbox WHERE kind='intake' LIMIT 1")" "1$code"

# a newer database is refused
sqlite3 "$MOTCUA_DB" "PRAGMA user_version=99"
out=$(m dossier list 2>&1); rc=$?
expect_eq "newer schema exit code" "$rc" "9"
expect_match "newer schema message" "$out" "phiên bản motcua mới hơn"
finish
