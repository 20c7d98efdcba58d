#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerate tests/print/golden/receipt_a5.png and receipt_a4.png after a
# deliberate layout change:  MOTCUA=build/motcua bash tests/print/regen_golden.sh
# Look at the new images (and at the PDFs at 100 dpi) before committing.
here=$(cd "$(dirname "$0")" && pwd)
: "${MOTCUA:=$here/../../build/motcua}"
: "${MOTCUA_FORMS_DIR:=$here/../../forms}"
export MOTCUA MOTCUA_FORMS_DIR
. "$here/../cli/lib.sh"
. "$here/golden_lib.sh"
export CUPS_SERVER="$T/no-cups.sock"
init_office
mkdir -p "$GOLDEN_DIR"
for paper in A5 A4; do
    golden_receipt "$T/golden-$paper.pdf" "$paper" || { echo "FATAL: receipt $paper"; exit 1; }
    page=$(golden_page "$T/golden-$paper.pdf" "$T/page-$paper")
    python3 "$here/imgcmp.py" write "$page" "$(golden_png "$paper")"
    echo "wrote $(golden_png "$paper")"
done
