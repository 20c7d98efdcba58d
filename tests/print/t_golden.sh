#!/usr/bin/env bash
# The receipt's layout against a committed low-resolution image, so layout
# changes are deliberate (regenerate with regen_golden.sh and look at it).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../cli/lib.sh"
. "$here/golden_lib.sh"
export CUPS_SERVER="$T/no-cups.sock"
init_office
golden_receipt "$T/r.pdf"
expect_eq "golden receipt rendered" "$?" "0"
expect_match "A5 page" "$(pdfinfo "$T/r.pdf" | grep 'Page size')" "419.5.* x 595"
page=$(golden_page "$T/r.pdf" "$T/page")
if out=$(python3 "$here/imgcmp.py" compare "$GOLDEN_PNG" "$page"); then
    ok "receipt layout matches the golden image ($out)"
else
    cp "$page" "${TMPDIR:-/tmp}/motcua-receipt-actual.pgm" 2>/dev/null
    bad "receipt layout differs from the golden image: $out (actual page kept in ${TMPDIR:-/tmp}/motcua-receipt-actual.pgm)"
fi
finish
