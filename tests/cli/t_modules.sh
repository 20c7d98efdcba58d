#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Printing and sync are modules loaded on first use (docs/print.md): the
# motcua binary itself links neither cairo/pango/CUPS nor libcurl, prints
# and syncs through motcua-print.so / motcua-sync.so, and a missing module
# is a clear error naming it - the clerk's data untouched - not a crash.
. "$(dirname "$0")/lib.sh"
export MOTCUA_LOCALEDIR="$MOTCUA_BUILD/locale"
init_office

libs=$(ldd "$MOTCUA")
for lib in libcurl libcairo libpango libcups libfontconfig libqrencode libX11 libavahi libkrb5 libldap; do
    if printf '%s' "$libs" | grep -q "$lib"; then bad "motcua does not link $lib"; else ok "motcua does not link $lib"; fi
done
echo "# motcua links $(printf '%s\n' "$libs" | wc -l) shared libraries"

code=$(m --json dossier new --procedure "$PROC" --applicant-name "Nguyễn Thị Hường" \
       --id-number 001190012345 --document "$REQDOC|original|1" | jget code)
expect_eq "an intake without loading any module" "$code" "000.00.06.H56-260213-0001"

# with the modules (found next to the binary in the build tree)
out=$(m --json print receipt "$code" --pdf "$T/r.pdf")
expect_eq "print through motcua-print.so: recorded" "$(printf '%s' "$out" | jget state)" "file"
expect_eq "print through motcua-print.so: a PDF" "$(head -c 5 "$T/r.pdf")" "%PDF-"

# without them
mkdir -p "$T/nomodules"
before=$(row_count)
err=$(MOTCUA_MODULE_DIR="$T/nomodules" LANG=en_US.UTF-8 m print receipt "$code" --pdf "$T/r2.pdf" 2>&1)
rc=$?
expect_eq "no print module: fails" "$(( rc != 0 && rc < 128 ))" "1"
expect_match "no print module: says so in English" "$err" "printing module not installed: .*nomodules/motcua-print.so"
err=$(MOTCUA_MODULE_DIR="$T/nomodules" m print receipt "$code" --pdf "$T/r2.pdf" 2>&1)
expect_match "no print module: says so in Vietnamese" "$err" "Chưa cài mô-đun in: .*motcua-print.so"
expect_eq "no print module: no file written" "$([ -e "$T/r2.pdf" ] && echo yes || echo no)" "no"
expect_eq "no print module: nothing recorded" "$(row_count)" "$before"

printf '[sync]\nurl = https://localhost:1\nclient_cert = x\nclient_key = y\n' > "$T/sync.conf"
err=$(MOTCUA_CONFIG="$T/sync.conf" MOTCUA_MODULE_DIR="$T/nomodules" LANG=en_US.UTF-8 m sync --once 2>&1)
rc=$?
expect_eq "no sync module: fails" "$(( rc != 0 && rc < 128 ))" "1"
expect_match "no sync module: says so" "$err" "sync module not installed: .*nomodules/motcua-sync.so"
expect_eq "no sync module: sync status still works" "$(MOTCUA_MODULE_DIR="$T/nomodules" m sync status --json | jget pending)" "1"

# a file that is not a module
printf 'not an ELF file' > "$T/nomodules/motcua-print.so"
err=$(MOTCUA_MODULE_DIR="$T/nomodules" LANG=en_US.UTF-8 m print receipt "$code" --pdf "$T/r2.pdf" 2>&1)
rc=$?
expect_eq "a broken module: fails without crashing" "$(( rc != 0 && rc < 128 ))" "1"
expect_match "a broken module: the loader's reason" "$err" "printing module not installed: .*motcua-print.so"
finish
