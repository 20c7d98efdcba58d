#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every shipped procedure can be taken in at the counter: the ones with a
# statutory processing time straight away (one dossier each, all accepted,
# due date counted from the catalogue's time), the ones without after the
# office sets the time with `catalogue set-time`.  `catalogue list` says
# which procedures still need a time, before anyone tries an intake; a later
# import of the shipped catalogue keeps the time the office set.
. "$(dirname "$0")/lib.sh"
init_office
PROCS="$MOTCUA_FORMS_DIR/procedures"

# --- catalogue list: which procedures need a time --------------------------
list=$(m --json catalogue list)
need=$(echo "$list" | python3 -c '
import json, sys
print(" ".join(sorted(p["code"] for p in json.load(sys.stdin) if p["needs_processing_time"])))')
want=$(python3 - "$PROCS" <<'PY'
import glob, json, os, sys
print(" ".join(sorted(json.load(open(f, encoding="utf-8"))["code"]
      for f in glob.glob(os.path.join(sys.argv[1], "*.json"))
      if "processing_days" not in json.load(open(f, encoding="utf-8")))))
PY
)
expect_eq "needs_processing_time is true exactly for the files without a time" "$need" "$want"
n_need=$(echo "$need" | wc -w)
expect_eq "8 shipped procedures wait for the office's time" "$n_need" "8"
expect_eq "every list entry has needs_processing_time" \
    "$(echo "$list" | python3 -c 'import json,sys; print(all(isinstance(p.get("needs_processing_time"), bool) for p in json.load(sys.stdin)))')" "True"
expect_eq "a procedure that needs a time carries its note" \
    "$(echo "$list" | python3 -c 'import json,sys; p=[p for p in json.load(sys.stdin) if p["code"]=="601"][0]; print("catalogue set-time 601" in p["processing_time_note"])')" "True"
text=$(m catalogue list)
expect_eq "the text list marks each of them" "$(echo "$text" | grep -c '! cần đặt thời hạn')" "$n_need"
expect_match "the text list ends with what to do" "$text" "^$n_need thủ tục cần đặt thời hạn trước khi tiếp nhận: motcua catalogue set-time"
expect_match "catalogue show prints the note" "$(m catalogue show bhxh.uy-quyen-linh-thay)" "Ghi chú thời hạn: .*set-time"

# --- one dossier for every procedure that has a time -----------------------
# (applicant kind, channel and required papers as the file lists them)
python3 - "$PROCS" >"$T/timed.txt" <<'PY'
import glob, json, os, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    d = json.load(open(f, encoding="utf-8"))
    if "processing_days" not in d:
        continue
    kind = d["applicant_kinds"][0]
    chan = "direct" if "direct" in d["channels"] else d["channels"][0]
    docs = [f'{x["name"]}|{x["form"]}|{x["count"]}' for x in d.get("documents", []) if x["required"]]
    print("\t".join([d["code"], str(d["processing_days"]), d["processing_unit"], kind, chan] + docs))
PY
n_timed=0
accepted=0
while IFS=$'\t' read -r code days unit kind chan rest; do
    n_timed=$((n_timed + 1))
    args=(--procedure "$code" --applicant-kind "$kind" --channel "$chan")
    if [ "$kind" = organisation ]; then
        args+=(--applicant-name "Công ty TNHH Minh Phát")
    else
        args+=(--applicant-name "Nguyễn Thị Lan")
    fi
    IFS=$'\t' read -r -a docs <<<"$rest"
    for doc in "${docs[@]}"; do [ -n "$doc" ] && args+=(--document "$doc"); done
    out=$(m --json dossier new "${args[@]}" 2>&1); rc=$?
    if [ "$rc" = 0 ] && [ "$(echo "$out" | jget processing_days)" = "$days" ] &&
        [ "$(echo "$out" | jget status)" = "received" ]; then
        accepted=$((accepted + 1))
    else
        bad "intake of $code ($days $unit) refused or wrong: rc=$rc $out"
    fi
done <"$T/timed.txt"
expect_eq "every procedure with a time takes a dossier ($n_timed)" "$accepted" "$n_timed"
expect_eq "21 shipped procedures have a time" "$n_timed" "21"
expect_eq "the funeral allowance runs 10 working days (Art. 91(3))" \
    "$(grep -c "^1.014177	10	workdays" "$T/timed.txt")" "1"

# --- a procedure without a time: refused, then set-time, then accepted -----
P=bhxh.uy-quyen-linh-thay
before=$(dossier_count)
out=$(m dossier new --procedure $P --applicant-name "Trần Văn Bình" --document "Giấy ủy quyền|original|1" 2>&1); rc=$?
expect_eq "intake without a time is refused (bad input)" "$rc" "3"
expect_match "the refusal says how to set the time" "$out" "catalogue set-time $P"
expect_eq "nothing written by the refusal" "$(dossier_count)" "$before"

echo "clerk-pass-1" | m user add canbo1 --role clerk --password-stdin >/dev/null
MOTCUA_PASSWORD=clerk-pass-1 m --user canbo1 catalogue set-time $P 3 >/dev/null 2>&1; rc=$?
expect_eq "a clerk cannot set the time" "$rc" "5"
set=$(m --json catalogue set-time $P 3)
expect_eq "set-time answers the time" "$(echo "$set" | jget processing_days)" "3"
show=$(m --json catalogue show $P)
expect_eq "the procedure no longer needs a time" "$(echo "$show" | jget needs_processing_time)" "false"
expect_eq "set-time makes a new version" "$(echo "$show" | jget version)" "3"
expect_eq "set-time is audited" "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM audit WHERE action='catalogue.set_time' AND object='$P'")" "1"
new=$(m --json dossier new --procedure $P --applicant-name "Trần Văn Bình" --document "Giấy ủy quyền|original|1")
expect_eq "after set-time the intake is accepted" "$(echo "$new" | jget status)" "received"
expect_eq "the dossier runs the office's 3 working days" "$(echo "$new" | jget processing_days)" "3"
due=$(echo "$new" | jget due_date)
expect_match "the due date is counted" "$due" "^2026-"
expect_eq "one list marker fewer" "$(m catalogue list | grep -c '! cần đặt thời hạn')" "$((n_need - 1))"

# the other unit: calendar days without public holidays
m catalogue set-time 601 10 --unit days_excluding_holidays >/dev/null
expect_eq "601 counts days excluding holidays" "$(m --json catalogue show 601 | jget processing_unit)" "days_excluding_holidays"
new=$(m --json dossier new --procedure 601 --applicant-kind organisation --applicant-name "Công ty TNHH Minh Phát" \
      --extra '{"from_month": "2025-01", "to_month": "2025-06"}')
expect_eq "601 is taken in after set-time" "$(echo "$new" | jget status)" "received"

# --- re-importing the shipped catalogue keeps the office's times -----------
imp=$(m --json catalogue import "$MOTCUA_FORMS_DIR/procedures")
expect_eq "re-import of the shipped files changes nothing" "$(echo "$imp" | jget updated)" "0"
expect_eq "the office's time survives a re-import" "$(m --json catalogue show $P | jget processing_days)" "3"
expect_eq "and so does its unit" "$(m --json catalogue show 601 | jget processing_unit)" "days_excluding_holidays"
finish
