#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every CLI option and field given hostile values (tests/cli/bad_input_sweep.py):
# no crash, a specific refusal that writes nothing, or clean NFC text stored.
# CI runs the quick set; SWEEP=full runs every value kind on every option and
# writes the table for docs/reliability.md to $SWEEP_TABLE.
. "$MOTCUA_TESTS/cli/lib.sh"
init_office
code=$(m --json dossier new --procedure $PROC --applicant-name "Nguyễn Thị Hường" \
    --id-number 001190012345 --document "$REQDOC|original|1" | jget code)
m queue ticket --service A >/dev/null || { echo "FATAL: ticket"; exit 1; }
quick=--quick
[ "${SWEEP:-quick}" = full ] && quick=
python3 "$MOTCUA_TESTS/cli/bad_input_sweep.py" --motcua "$MOTCUA" --db "$MOTCUA_DB" \
    --src "$MOTCUA_TESTS/../src/cli" --code "$code" --workdir "$T" \
    --table "${SWEEP_TABLE:-$T/sweep.md}" $quick
