#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_english_build.sh - English from a build tree without MOTCUA_LOCALEDIR:
# the binary finds the catalogues the build compiled beside it
# (<build>/locale), as a clerk trying a build would run it.  An installed
# binary has no locale/ folder beside it and keeps the installed one.
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office
if [ ! -f "$(dirname "$MOTCUA")/locale/en/LC_MESSAGES/motcua.mo" ]; then
    echo "SKIP: no catalogue beside $MOTCUA (built without msgfmt)"
    exit 0
fi
unset MOTCUA_LOCALEDIR

# the pane's environment is only what tui_start passes: no MOTCUA_LOCALEDIR
tui_start 80 24 LANG=en_US.UTF-8
expect_screen "the login screen is in English" "RECEPTION AND RESULTS RETURN UNIT"
tui_type admin
tui_key Enter
tui_type "$MOTCUA_PASSWORD"
tui_key Enter
expect_screen "so is the home screen" "Your day"
tui_key F10
expect_screen "and the quit confirmation" "Quit motcua? Press F10 again to quit"
tui_key F10
expect_screen "quits" "[exit 0]"

# the CLI from the same binary
out=$(env -u MOTCUA_LOCALEDIR LANG=en_US.UTF-8 "$MOTCUA" validate cccd 12345 2>&1)
expect_match "the CLI speaks English too" "$out" "The CCCD number must have 12 digits"
if printf '%s' "$out" | grep -q "Số CCCD"; then bad "the CLI is still Vietnamese: $out"; else ok "no Vietnamese message"; fi
# Vietnamese stays the default
out=$(env -u MOTCUA_LOCALEDIR -u LANG "$MOTCUA" validate cccd 12345 2>&1)
expect_match "Vietnamese by default" "$out" "CCCD"
# an explicit MOTCUA_LOCALEDIR still wins (here: a folder without English)
out=$(MOTCUA_LOCALEDIR=$T/nowhere LANG=en_US.UTF-8 "$MOTCUA" validate cccd 12345 2>&1)
expect_match "MOTCUA_LOCALEDIR wins over the build's folder" "$out" "Số CCCD"
expect_sanitizers_clean
finish
