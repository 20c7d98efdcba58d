#!/usr/bin/env bash
# Regenerate tests/print/golden/receipt_a5.png after a deliberate layout
# change:  MOTCUA=build/motcua bash tests/print/regen_golden.sh
# Look at the new image before committing it.
here=$(cd "$(dirname "$0")" && pwd)
: "${MOTCUA:=$here/../../build/motcua}"
: "${MOTCUA_FORMS_DIR:=$here/../../forms}"
export MOTCUA MOTCUA_FORMS_DIR
. "$here/../cli/lib.sh"
. "$here/golden_lib.sh"
init_office
golden_receipt "$T/golden.pdf" || { echo "FATAL: receipt"; exit 1; }
page=$(golden_page "$T/golden.pdf" "$T/page")
mkdir -p "$here/golden"
python3 "$here/imgcmp.py" write "$page" "$GOLDEN_PNG"
echo "wrote $GOLDEN_PNG"
