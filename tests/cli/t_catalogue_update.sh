#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A catalogue update never changes an existing dossier: each dossier keeps
# the procedure version it was received under (processing time, papers);
# new dossiers get the new version.  Import is admin-only and audited, and
# a broken file is skipped without stopping the others.
. "$(dirname "$0")/lib.sh"
init_office
v1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$MOTCUA_FORMS_DIR/procedures/$PROC.json")
v2=$((v1 + 1))
old=$(m --json dossier new --procedure $PROC --applicant-name "Đỗ Thị Hoa" --document "$REQDOC")
old_code=$(echo "$old" | jget code)
expect_eq "received under the shipped version $v1" "$(echo "$old" | jget procedure_version)" "$v1"

# an admin publishes a changed catalogue: 7 -> 10 days, one more paper
mkdir -p "$T/forms"
cp "$MOTCUA_FORMS_DIR"/procedures/*.json "$T/forms/"
python3 - "$T/forms/$PROC.json" "$v2" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p, encoding="utf-8"))
d["processing_days"] = 10
d["documents"].append({"name": "Giấy xác nhận mới", "required": True, "form": "copy", "count": 1})
d["version"] = int(sys.argv[2])
json.dump(d, open(p, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
printf '{"code": "broken", ' > "$T/forms/zz-broken.json"
echo "clerk-pass-1" | m user add canbo1 --role clerk --password-stdin >/dev/null
out=$(MOTCUA_PASSWORD=clerk-pass-1 m --user canbo1 catalogue import "$T/forms" 2>&1); rc=$?
expect_eq "a clerk cannot import the catalogue" "$rc" "5"
json=$(m --json catalogue import "$T/forms" 2>"$T/err")
expect_eq "one procedure updated" "$(echo "$json" | jget updated)" "1"
expect_eq "the others unchanged" "$(echo "$json" | jget unchanged)" "28"
expect_eq "the broken file skipped" "$(echo "$json" | jget skipped)" "1"
expect_match "the skipped file is named" "$(cat "$T/err")" "zz-broken.json"

after=$(m --json dossier show "$old_code")
expect_eq "old dossier keeps its version" "$(echo "$after" | jget procedure_version)" "$v1"
expect_eq "old dossier keeps its processing time" "$(echo "$after" | jget processing_days)" "7"
expect_eq "old dossier keeps its due date" "$(echo "$after" | jget due_date)" "$(echo "$old" | jget due_date)"
expect_eq "old dossier keeps its papers" "$(echo "$after" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["documents"]))')" "1"

out=$(m dossier new --procedure $PROC --applicant-name "Đỗ Văn Nam" --document "$REQDOC" 2>&1); rc=$?
expect_match "the new version's required paper is now asked for" "$out" "Giấy xác nhận mới"
new=$(m --json dossier new --procedure $PROC --applicant-name "Đỗ Văn Nam" --document "$REQDOC" --document "Giấy xác nhận mới|copy|1")
expect_eq "new dossier uses version $v2" "$(echo "$new" | jget procedure_version)" "$v2"
expect_eq "new dossier uses the new time" "$(echo "$new" | jget processing_days)" "10"
expect_eq "catalogue show gives the new version" "$(m --json catalogue show $PROC | jget version)" "$v2"
expect_eq "import is audited" "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit WHERE action='catalogue.update' AND object='$PROC'")" "1"
json=$(m --json catalogue import "$T/forms" 2>/dev/null)
expect_eq "re-import changes nothing" "$(echo "$json" | jget updated)" "0"
expect_match "catalogue list --json keys" "$(m --json catalogue list | python3 -c 'import json,sys; d=json.load(sys.stdin)[0]; print(sorted(k for k in d if k in ("code","name","processing_days","processing_unit","documents")))')" "code.*documents.*name.*processing_days.*processing_unit"
expect_eq "unknown time is null" "$(m --json catalogue list | python3 -c 'import json,sys; print([p for p in json.load(sys.stdin) if p["code"]=="bhxh.uy-quyen-linh-thay"][0]["processing_days"])')" "None"
finish
