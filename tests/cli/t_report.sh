#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The periodic dossier report for 2-6 March 2026 against an independent
# count: python3 reads the history in the database file and applies the
# definitions (status at an instant = the last event before it) on its own.
# Also: the counts add up, CSV and XLSX files with Vietnamese headings, the
# queue report's CSV, and who may run reports.
. "$(dirname "$0")/lib.sh"
init_office
OMDAU=bhxh.om-dau
OMDOC="Danh sách người lao động nghỉ việc hưởng chế độ ốm đau do người sử dụng lao động lập|original|1"
echo "clerk-pass-1" | m user add canbo1 --name "Trần Thị Mai" --role clerk --password-stdin >/dev/null
echo "super-pass-1" | m user add tp1 --name "Lê Văn Sơn" --role supervisor --password-stdin >/dev/null
S() { MOTCUA_PASSWORD=super-pass-1 m --user tp1 "$@"; }
at() { export MOTCUA_NOW="$1T$2:00+07:00"; }
new() { # new DATE TIME PROC [options...] -> code
    local d=$1 t=$2 p=$3; shift 3
    local doc="$REQDOC|original|1"; [ "$p" = "$OMDAU" ] && doc=$OMDAU_DOC
    at "$d" "$t"; m dossier new --procedure "$p" --applicant-name "Nguyễn Văn Bình" --document "$doc" "$@"
}
OMDAU_DOC=$OMDOC
adv() { at "$2" "$3"; m dossier advance "$1" --to "$4" "${@:5}" >/dev/null || echo "FAILED advance $1 $4"; }
ret() { at "$2" "$3"; m dossier return "$1" --receiver-name "Nguyễn Văn Bình" --receiver-id 001090012345 >/dev/null || echo "FAILED return $1"; }

# before the period
d1=$(new 2026-02-24 09:00 $PROC);  adv "$d1" 2026-02-24 10:00 processing; adv "$d1" 2026-02-27 10:00 done; ret "$d1" 2026-03-03 09:00
d2=$(new 2026-02-25 09:00 $PROC);  adv "$d2" 2026-02-25 10:00 processing; adv "$d2" 2026-03-03 15:00 done
d3=$(new 2026-01-06 09:00 $OMDAU); adv "$d3" 2026-01-06 10:00 processing  # overdue all along
d4=$(new 2026-02-26 09:00 $PROC);  adv "$d4" 2026-03-04 09:00 supplement_requested --missing "Giấy ra viện"
d5=$(at 2026-02-20 09:00; m dossier new --procedure $PROC --applicant-name "Lê Thị C" --refuse --reason "Không thuộc thẩm quyền")
d13=$(new 2026-01-05 09:00 $PROC); adv "$d13" 2026-01-05 10:00 processing; adv "$d13" 2026-03-04 11:00 done  # late
d14=$(new 2026-02-27 16:00 $OMDAU) # still received, carried
# in the period
d6=$(new 2026-03-02 08:30 $PROC);  adv "$d6" 2026-03-02 09:00 processing; adv "$d6" 2026-03-04 16:00 done; ret "$d6" 2026-03-05 08:00  # early
d7=$(at 2026-03-03 09:00; m dossier new --procedure $OMDAU --applicant-name "Phạm Văn D" --refuse --reason "Hồ sơ không hợp lệ")
d8=$(new 2026-03-03 10:00 $PROC);  adv "$d8" 2026-03-04 10:00 withdrawn --note "Công dân rút hồ sơ"
d9=$(new 2026-03-05 10:00 $OMDAU --channel postal)
d10=$(new 2026-03-05 11:00 $PROC --channel online)
d12=$(new 2026-03-06 14:00 $PROC); adv "$d12" 2026-03-06 15:00 processing; adv "$d12" 2026-03-10 09:00 done  # done after the period
d15=$(new 2026-03-02 09:00 $PROC); adv "$d15" 2026-03-02 09:30 processing; adv "$d15" 2026-03-03 09:00 supplement_requested --missing "Sổ BHXH"; adv "$d15" 2026-03-05 09:00 processing
at 2026-03-04 14:00; m dossier guide --procedure $OMDAU --applicant-name "Vũ Thị E" --missing "Giấy ra viện" >/dev/null
# after the period
d11=$(new 2026-03-09 09:00 $PROC)
expect_eq "scenario built" "$(dossier_count)" "15"

at 2026-03-20 10:00
json=$(S --json report dossiers --from 2026-03-02 --to 2026-03-06)
echo "$json" > "$T/report.json"
python3 - "$MOTCUA_DB" "$T/report.json" > "$T/check" <<'PY'
import json, sqlite3, sys, datetime
db = sqlite3.connect(sys.argv[1])
rep = json.load(open(sys.argv[2]))
VN = datetime.timezone(datetime.timedelta(hours=7))
def inst(s):  # midnight of a date in Vietnam time
    return int(datetime.datetime.fromisoformat(s).replace(tzinfo=VN).timestamp())
p0 = inst("2026-03-02"); p1 = inst("2026-03-07")
FIN = {"done", "returned", "refused", "withdrawn", "stopped"}
hist = {}
for did, at, to in db.execute("SELECT dossier_id, at, to_status FROM history WHERE to_status IS NOT NULL ORDER BY at, id"):
    hist.setdefault(did, []).append((at, to))
def status_at(did, t):
    s = None
    for at, to in hist.get(did, []):
        if at < t: s = to
    return s
def vnday(t): return datetime.datetime.fromtimestamp(t, VN).date()
keys = ["carried_over", "received", "received_direct", "received_postal", "received_online",
        "resolved", "resolved_early", "resolved_on_time", "resolved_late", "returned",
        "in_progress", "in_progress_within_time", "in_progress_overdue", "waiting_supplement",
        "refused", "withdrawn", "stopped", "supplement_requests", "reception_supplement_slips"]
rows = {}
def row(code): return rows.setdefault(code, {k: 0 for k in keys})
for did, code, ch, rec, due in db.execute("SELECT id, procedure_code, channel, received_at, due_at FROM dossiers"):
    if rec >= p1: continue
    s0 = status_at(did, p0) if rec < p0 else None
    if s0 in FIN: continue
    r = row(code)
    if rec < p0: r["carried_over"] += 1
    else:
        r["received"] += 1
        r[{1: "received_direct", 2: "received_postal", 4: "received_online"}[ch]] += 1
    s1 = status_at(did, p1)
    r["supplement_requests"] += sum(1 for at, to in hist.get(did, []) if to == "supplement_requested" and p0 <= at < p1)
    if s1 in ("done", "returned"):
        r["resolved"] += 1
        done_at = min(at for at, to in hist[did] if to == "done")
        if done_at <= due:
            r["resolved_on_time"] += 1
            if vnday(done_at) < vnday(due): r["resolved_early"] += 1
        else: r["resolved_late"] += 1
        if s1 == "returned": r["returned"] += 1
    elif s1 in ("refused", "withdrawn", "stopped"): r[s1] += 1
    else:
        r["in_progress"] += 1
        if s1 == "supplement_requested":
            r["waiting_supplement"] += 1; r["in_progress_within_time"] += 1
        elif due < p1: r["in_progress_overdue"] += 1
        else: r["in_progress_within_time"] += 1
for code, n in db.execute("SELECT procedure_code, COUNT(*) FROM slips WHERE dossier_id IS NULL AND created_at >= ? AND created_at < ? GROUP BY 1", (p0, p1)):
    row(code)["reception_supplement_slips"] += n
got = {r["procedure_code"]: {k: r[k] for k in keys} for r in rep["rows"]}
total = {k: sum(r[k] for r in rows.values()) for k in keys}
print("rows", "same" if got == rows else "DIFFERENT got=%s want=%s" % (got, rows))
print("total", "same" if {k: rep["total"][k] for k in keys} == total else "DIFFERENT %s %s" % (rep["total"], total))
t = rep["total"]
print("balance", t["carried_over"] + t["received"] == t["resolved"] + t["in_progress"] + t["refused"] + t["withdrawn"] + t["stopped"])
print("summary", " ".join("%s=%d" % (k, total[k]) for k in keys))
PY
expect_eq "per-procedure rows equal the independent count" "$(grep '^rows' "$T/check")" "rows same"
expect_eq "totals equal the independent count" "$(grep '^total' "$T/check")" "total same"
expect_eq "carried + received = resolved + in progress + finals" "$(grep '^balance' "$T/check")" "balance True"
# and the scenario means what we think it means
expect_eq "the scenario's counts" "$(grep '^summary' "$T/check")" \
    "summary carried_over=5 received=7 received_direct=5 received_postal=1 received_online=1 resolved=3 resolved_early=2 resolved_on_time=2 resolved_late=1 returned=1 in_progress=7 in_progress_within_time=6 in_progress_overdue=1 waiting_supplement=1 refused=1 withdrawn=1 stopped=0 supplement_requests=2 reception_supplement_slips=1"
expect_eq "rows by field, then code" "$(echo "$json" | python3 -c 'import json,sys; print(" ".join(r["procedure_code"] for r in json.load(sys.stdin)["rows"]))')" "1.014166 bhxh.om-dau"

# files
out=$(S report dossiers --from 2026-03-02 --to 2026-03-06 --csv "$T/r.csv")
expect_eq "CSV written" "$out" "$T/r.csv"
expect_eq "CSV header" "$(head -1 "$T/r.csv" | cut -d, -f1-5)" "Lĩnh vực,Mã thủ tục,Tên thủ tục,Kỳ trước chuyển sang,Tiếp nhận trong kỳ"
expect_eq "CSV: header, 2 procedures, total" "$(wc -l < "$T/r.csv")" "4"
expect_eq "CSV total row" "$(tail -1 "$T/r.csv" | cut -d, -f2,4,5)" "TỔNG CỘNG,5,7"
expect_eq "CSV parses with the same numbers" "$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding="utf-8"))); print(r[-1]["Đã giải quyết"], r[-1]["Quá hạn (đang giải quyết)"])' "$T/r.csv")" "3 1"
out=$(S report dossiers --from 2026-03-02 --to 2026-03-06 --xlsx "$T/r.xlsx" 2>&1); rc=$?
if [ $rc -eq 0 ]; then
    expect_match "XLSX is a workbook" "$(unzip -l "$T/r.xlsx")" "xl/sharedStrings.xml"
    strings=$(unzip -p "$T/r.xlsx" xl/sharedStrings.xml)
    expect_match "XLSX title" "$strings" "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ"
    expect_match "XLSX headings in Vietnamese" "$strings" "Kỳ trước chuyển sang.*Tiếp nhận trong kỳ"
    expect_match "XLSX period" "$strings" "từ ngày 02/03/2026 đến ngày 06/03/2026"
    expect_match "XLSX rows" "$strings" "Hưởng trợ cấp ốm đau"
    out=$(S report queue --from 2026-03-02 --to 2026-03-06 --xlsx "$T/q.xlsx")
    expect_match "queue XLSX headings" "$(unzip -p "$T/q.xlsx" xl/sharedStrings.xml)" "Chờ P90 \(giây\)"
else
    echo "# motcua built without libxlsxwriter: checking the refusal only"
    expect_eq "XLSX without libxlsxwriter: invalid" "$rc" "3"
    expect_match "XLSX without libxlsxwriter: says so" "$out" "libxlsxwriter"
fi

# queue report CSV
at 2026-03-05 08:00; m queue ticket --service A >/dev/null; m queue ticket --service B --priority >/dev/null
at 2026-03-05 08:10; m queue next --counter 1 >/dev/null
at 2026-03-05 08:20; m queue finish --counter 1 >/dev/null
at 2026-03-20 10:00
S report queue --from 2026-03-01 --to 2026-03-31 --csv "$T/q.csv" >/dev/null
expect_eq "queue CSV header" "$(head -1 "$T/q.csv" | cut -d, -f1-6)" "Theo,Mã,Tên,Số phát,Đã phục vụ,Vắng mặt"
# the priority B001 went first; A001 was never called, and its day is over
expect_eq "queue CSV total" "$(tail -1 "$T/q.csv" | cut -d, -f1,4,5,7,8,12)" "Tổng,2,1,1,0,600.0"

# who may report, and bad periods
out=$(MOTCUA_PASSWORD=clerk-pass-1 m --user canbo1 report dossiers --from 2026-03-02 --to 2026-03-06 2>&1); rc=$?
expect_eq "a clerk may not run reports" "$rc" "5"
out=$(S report dossiers --from 2026-03-06 --to 2026-03-02 2>&1); rc=$?
expect_eq "from after to refused" "$rc" "3"
out=$(S report dossiers --from 2026-02-30 --to 2026-03-02 2>&1); rc=$?
expect_eq "impossible date refused" "$rc" "2"
expect_match "plain table" "$(S report dossiers --from 2026-03-02 --to 2026-03-06)" "Tổng"
finish
