# SPDX-License-Identifier: GPL-3.0-or-later
# header_lib.sh - read the common header of a printed form back from its
# PDF (source after tests/cli/lib.sh).

# left_header PDF -> the lines of the left header of page 1 (the top left
# quarter, down to its "Số:" line)
left_header() {
    local pw ph
    read -r pw ph < <(pdfinfo "$1" | awk '/^Page size:/ {print int($3 / 2), int($5 / 4)}')
    pdftotext -f 1 -l 1 -x 0 -y 0 -W "$pw" -H "$ph" "$1" - |
        awk '/^Số:/ {exit} /^Liên/ || NF == 0 || $0 == "\f" {next} {print}'
}

# expect_balanced_header WHAT PDF PATTERN: the agency and the office are in
# the left header, and no line of it is a word or two left over from the
# line above (every line at least a third as long as the longest)
expect_balanced_header() {
    local left short
    left=$(left_header "$2")
    expect_match "$1: the agency in the left header" "$(echo $left)" "$3"
    short=$(printf '%s\n' "$left" | python3 -c '
import sys
lines = [l.strip() for l in sys.stdin if l.strip()]
longest = max(len(l) for l in lines)
print("|".join(l for l in lines if 3 * len(l) < longest))')
    expect_eq "$1: the agency name wraps in balanced lines (no line a leftover word or two)" "$short" ""
}
