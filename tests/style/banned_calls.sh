#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Rejects the calls STYLE.md bans in the project's C sources.
set -u
root=${1:-.}
hits=$(grep -rnE '\b(sprintf|vsprintf|strcpy|strcat|atoi|gets|strtok|localtime|system)\s*\(' \
        --include='*.c' --include='*.h' "$root/src" "$root/ui" "$root/printers" "$root/tests" 2>/dev/null \
      | grep -v -- '-- allowed:' | grep -vE '(snprintf|vsnprintf|localtime_r|strtok_r)\s*\(' )
if [ -n "$hits" ]; then
  echo "banned calls found (use snprintf, bounded copies, strtol, localtime_r, fork/exec):"
  echo "$hits"
  exit 1
fi
echo "style: no banned calls"
