#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Bad input: each invalid field is refused with its own message naming the
# field, the exit status is non-zero, and nothing at all is written (no
# dossier, no history, no audit row, no outbox event, no code).
. "$(dirname "$0")/lib.sh"
init_office
good=(--procedure $PROC --applicant-name "Nguyễn Văn An" --document "$REQDOC")
m dossier new "${good[@]}" >/dev/null
before=$(row_count)

# case: label | extra args | pattern the message must contain
while IFS='|' read -r label pattern args; do
    [ -z "$label" ] && continue
    eval "extra=($args)"
    out=$(m dossier new "${good[@]}" "${extra[@]}" 2>&1); rc=$?
    if [ "$rc" -ne 0 ] && printf '%s' "$out" | grep -qE -- "$pattern"; then
        ok "$label"
    else
        bad "$label: rc=$rc out=[$out]"
    fi
    expect_eq "$label wrote nothing" "$(row_count)" "$before"
done <<'CASES'
unknown procedure|Thủ tục "9.999999" không có|--procedure 9.999999
CCCD too short|12 chữ số.*\(đang có 11\)|--id-number 00119001234
CCCD with a letter|chỉ gồm chữ số|--id-number 00119001234X
phone too short|Số điện thoại|--phone 091234
bad email|email "huong@@x" không hợp lệ|--email huong@@x
bad tax code|Mã số thuế|--tax-code 12
bad BHXH number|BHXH|--bhxh-number 123
bad channel|Kênh nộp "fax"|--channel fax
bad applicant kind|Loại người nộp "robot"|--applicant-kind robot
digits in a person's name|không được chứa chữ số|--applicant-name "Nguyễn Văn 3"
name too short|quá ngắn|--applicant-name "A"
empty name|Cần nhập tên|--applicant-name "   "
bad paper form|hình thức "photocopy"|--document "Giấy X|photocopy|1"
bad paper count|số lượng "0"|--document "Giấy X|copy|0"
paper without a name|chưa có tên|--document "|copy|1"
reason without refusal|Lý do chỉ dùng khi từ chối|--reason "x"
invalid UTF-8|UTF-8|--address $'\xff\xfe'
control character|ký tự điều khiển|--note $'a\x01b'
representative without a name|người được uỷ quyền|--rep-id-number 001090012345
sets out of range|Số bộ hồ sơ|--sets 500
extra fields not an object|đối tượng JSON|--extra "[1,2]"
address too long|tối đa 300 ký tự|--address "$(printf 'a%.0s' $(seq 1 301))"
CASES

# usage errors exit 2 and write nothing
out=$(m dossier new --procedure $PROC --applicant-name X --bogus 2>&1); rc=$?
expect_eq "unknown option is a usage error" "$rc" "2"
out=$(m dossier advance 000.00.06.H56-260213-0001 2>&1); rc=$?
expect_eq "advance without --to is a usage error" "$rc" "2"
out=$(m dossier advance 000.00.06.H56-260213-0001 --to overdue 2>&1); rc=$?
expect_match "overdue is not a status" "$out" 'Trạng thái "overdue" không có'
out=$(m dossier show 000.00.06.H56-260213-0999 2>&1); rc=$?
expect_eq "unknown code exit" "$rc" "4"
out=$(m --json dossier new --procedure $PROC --applicant-name "Nguyễn Văn An" --phone 12 2>/dev/null); rc=$?
expect_eq "--json error names the field" "$(echo "$out" | jget error.field)" "phone"
expect_eq "nothing written by any refused command" "$(row_count)" "$before"

# the next good intake still gets the next number: nothing was consumed
expect_eq "no number consumed by failures" "$(m dossier new "${good[@]}")" "000.00.06.H56-260213-0002"
finish
