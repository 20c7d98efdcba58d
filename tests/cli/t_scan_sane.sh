#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `motcua dossier scan` end to end through SANE: scanimage (sane-utils) with
# SANE's own `test` backend, configured in a private folder (SANE_CONFIG_DIR
# whose dll.conf lists only `test`), so no system configuration or scanner
# is needed.  The scanned page is attached to the dossier's paper.
. "$(dirname "$0")/lib.sh"
if ! command -v scanimage >/dev/null; then
    echo "ok - # skip: scanimage (sane-utils) not installed"
    exit 0
fi
init_office
mkdir -p "$T/sane"
echo test > "$T/sane/dll.conf"
export SANE_CONFIG_DIR="$T/sane"
out=$(scanimage -L 2>&1)
expect_match "SANE sees the test backend" "$out" "device .test:0'"

code=$(m dossier new --procedure "$PROC" --applicant-name "Nguyễn Thị Hường" \
    --id-number 001190012345 --document "$REQDOC|original|1")

out=$(m --json dossier scan "$code" --paper 1 --device test); rc=$?
expect_eq "scan paper 1 with the test scanner" "$rc" "0"
sha=$(echo "$out" | jget files.0.sha256)
expect_eq "a PNG page" "$(echo "$out" | jget files.0.mime)/$(echo "$out" | jget files.0.pages)" "image/png/1"
stored="$T/files/${sha:0:2}/$sha"
expect_eq "the stored bytes are a PNG" "$(head -c 4 "$stored" | tail -c 3)" "PNG"
expect_eq "... whose SHA-256 is the recorded one" "$(sha256sum "$stored" | cut -d' ' -f1)" "$sha"
expect_eq "recorded as from SANE, on paper 1" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT source || ' ' || paper FROM dossier_files")" "sane 1"
out=$(m --json dossier scans "$code")
expect_eq "dossier scans shows the page" "$(echo "$out" | jget papers.0.pages)" "1"
expect_eq "no scanner output is left in the files folder" \
    "$(find "$T/files" -name '.sane-*' | wc -l)" "0"

# the device from the configuration
export MOTCUA_CONFIG="$T/motcua.conf"
printf '[scans]\ndevice = test:1\nresolution = 75\n' > "$MOTCUA_CONFIG"
out=$(m dossier scan "$code" --paper 1 2>&1); rc=$?
expect_eq "scans.device names the scanner when --device is not given" "$rc" "0"

n=$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files")
out=$(m dossier scan "$code" --paper 1 --device nosuch 2>&1); rc=$?
expect_eq "an unknown scanner: exit 11 (file or device)" "$rc" "11"
expect_match "... with scanimage's reason" "$out" 'Quét không thành công.*nosuch'
expect_eq "... and nothing attached" "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossier_files")" "$n"
out=$(m dossier scan "$code" --paper 2 --device test 2>&1); rc=$?
expect_eq "a paper the dossier does not have: exit 3 before scanning" "$rc" "3"
out=$(m dossier scan "$code" --device test 2>&1); rc=$?
expect_eq "no --paper: usage" "$rc" "2"
out=$(m dossier scan "$code" --paper 1 --device=-L 2>&1); rc=$?
expect_eq "a device name that is an option is refused" "$rc" "3"
finish
