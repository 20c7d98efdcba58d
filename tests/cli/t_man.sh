#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The man pages: motcua(1) names every subcommand of `motcua help` (the
# same table), motcua.conf(5) every key of the option table (as shown by
# `motcua config default`), every exit status is listed, and man renders
# all three pages without a warning.
. "$(dirname "$0")/lib.sh"
MAN="${MOTCUA_BUILD:?}/man"
SRC="${MOTCUA_TESTS:?}/.."
if ! command -v man >/dev/null; then
    echo "skipped: man (man-db) is not installed"
    echo "0 passed, 0 failed"
    exit 0
fi
page1="$MAN/motcua.1"
page5="$MAN/motcua.conf.5"
page8="$SRC/packaging/man/motcua-central.8"
for p in "$page1" "$page5" "$page8"; do
    [ -s "$p" ] && ok "$(basename "$p") exists" || bad "$p is missing (build the man target)"
done
r1=$(MANWIDTH=80 man -l "$page1" 2>/dev/null)
r5=$(MANWIDTH=80 man -l "$page5" 2>/dev/null)

# every subcommand of the table (motcua help prints it) is in motcua(1)
cmds=$(m help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
expect_match "the command table is not empty" "$(printf '%s\n' "$cmds" | wc -l)" '^[1-9][0-9]*$'
missing=""
for c in $cmds; do
    printf '%s\n' "$r1" | grep -qE "^ {7}$c( |$)" || missing="$missing $c"
done
expect_eq "every command is in motcua(1)" "$missing" ""

# every option key of the table (the default file lists them) is in motcua.conf(5)
keys=$(m config default | awk '/^\[/{gsub(/[][]/,""); s=$0} /^[a-z_]+ =/{print s"."$1}' | sort -u)
expect_match "the option table is not empty" "$(printf '%s\n' "$keys" | wc -l)" '^[1-9][0-9]*$'
missing=""
for k in $keys; do
    printf '%s\n' "$r5" | grep -qE "^ {7}$(printf '%s' "$k" | sed 's/\./\\./g')$" || missing="$missing $k"
done
expect_eq "every option key is in motcua.conf(5)" "$missing" ""
nkeys=$(printf '%s\n' "$r5" | grep -cE '^ {7}[a-z]+\.[a-z_]+$')
expect_eq "motcua.conf(5) lists exactly the table's keys" "$nkeys" "$(printf '%s\n' "$keys" | wc -l)"
expect_match "defaults and constraints are shown" "$r5" 'int, 1\.\.1000; default: 100'

# every exit status from 0 to 13
missing=""
for e in $(seq 0 13); do
    printf '%s\n' "$r1" | grep -qE "^ {7}$e( |$)" || missing="$missing $e"
done
expect_eq "every exit status is in motcua(1)" "$missing" ""

# central: every long option of its usage text is documented
if [ -n "${MOTCUA_CENTRAL:-}" ] && [ -x "$MOTCUA_CENTRAL" ]; then
    r8=$(MANWIDTH=80 man -l "$page8" 2>/dev/null)
    missing=""
    for o in $("$MOTCUA_CENTRAL" --help 2>&1 | grep -oE -- '--[a-z-]+' | sort -u); do
        printf '%s\n' "$r8" | grep -q -- "$o" || missing="$missing $o"
    done
    expect_eq "every motcua-central option is in motcua-central(8)" "$missing" ""
fi

# man renders them without warnings
for p in "$page1" "$page5" "$page8"; do
    w=$(MANWIDTH=80 man --warnings -l "$p" 2>&1 >/dev/null)
    expect_eq "$(basename "$p") renders without warnings" "$w" ""
done
finish
