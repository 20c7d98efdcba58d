#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source and build file carries the project's licence identifier
# (GPL-3.0-or-later) in its first lines; a new file without it fails here.
set -u
root=${1:-.}
cd "$root" || exit 2
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "style: not a git checkout, SPDX check skipped"
    exit 0
fi
missing=$(git ls-files -- '*.c' '*.h' '*.sh' '*.py' 'CMakeLists.txt' '*.cmake' \
          | while read -r f; do
              [ -f "$f" ] || continue
              head -n 3 "$f" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later' || echo "$f"
          done)
if [ -n "$missing" ]; then
    echo "files without 'SPDX-License-Identifier: GPL-3.0-or-later' in their first lines:"
    echo "$missing"
    exit 1
fi
echo "style: every source file carries its SPDX licence line"
