#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The receipt's layout on A5 and A4 against committed low-resolution
# images, so layout changes are deliberate (regenerate with
# regen_golden.sh and look at them).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../cli/lib.sh"
. "$here/golden_lib.sh"
export CUPS_SERVER="$T/no-cups.sock"
init_office
for paper in A5 A4; do
    golden_receipt "$T/r-$paper.pdf" "$paper"
    expect_eq "$paper golden receipt rendered" "$?" "0"
    case $paper in
        A5) size='419\.5.* x 595' ;;
        A4) size='595\.2.* x 841' ;;
    esac
    expect_match "$paper page" "$(pdfinfo "$T/r-$paper.pdf" | grep 'Page size')" "$size"
    page=$(golden_page "$T/r-$paper.pdf" "$T/page-$paper")
    if out=$(python3 "$here/imgcmp.py" compare "$(golden_png "$paper")" "$page"); then
        ok "$paper receipt layout matches the golden image ($out)"
    else
        keep="${TMPDIR:-/tmp}/motcua-receipt-$paper-actual.pgm"
        cp "$page" "$keep" 2>/dev/null
        bad "$paper receipt layout differs from the golden image: $out (actual page kept in $keep)"
    fi
done
finish
