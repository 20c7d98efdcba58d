#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# build-deb.sh - build the motcua and motcua-central .deb packages.
#
#   packaging/build-deb.sh [OUTDIR]      (default OUTDIR: ./build-deb)
#
# The project's top-level folders are fixed by the design, so debian/
# lives under packaging/.  This copies the source tree (the working tree,
# without .git and build folders) into a temporary folder, puts
# packaging/debian there as ./debian, runs `dpkg-buildpackage -us -uc -b`
# and copies the .deb, .buildinfo and .changes files to OUTDIR.  Set
# LINTIAN=1 to run lintian on the result (fails on errors).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/build-deb}
mkdir -p "$out"
out=$(cd "$out" && pwd)

for tool in dpkg-buildpackage dh; do
    command -v "$tool" >/dev/null || {
        echo "build-deb.sh: $tool is missing (apt-get install dpkg-dev debhelper)" >&2
        exit 3
    }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/motcua-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
src="$work/motcua-0.1.0"
mkdir -p "$src"
# the tree as it is, less what a build or git put there
tar -C "$here" --exclude=./.git --exclude='./build*' --exclude=./debian \
    --exclude='*.o' -cf - . | tar -C "$src" -xf -
cp -r "$here/packaging/debian" "$src/debian"
version=$(sed -n 's/^project(motcua VERSION \([0-9.]*\).*/\1/p' "$here/CMakeLists.txt")
deb_version=$(sed -n '1s/^motcua (\([^)]*\)).*/\1/p' "$src/debian/changelog")
if [ -n "$version" ] && [ "${deb_version%%-*}" != "$version" ]; then
    echo "build-deb.sh: warning: debian/changelog says $deb_version, CMakeLists.txt $version" >&2
fi

(cd "$src" && dpkg-buildpackage -us -uc -b -j"$(nproc 2>/dev/null || echo 2)")
cp "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo "$out"/
echo "build-deb.sh: packages in $out:"
ls -1 "$out"/*.deb

if [ "${LINTIAN:-0}" = 1 ]; then
    command -v lintian >/dev/null || { echo "build-deb.sh: lintian is missing" >&2; exit 3; }
    lintian --fail-on error --info "$out"/motcua_*.changes
fi
