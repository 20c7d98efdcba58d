#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# dev.sh - set-up on a fresh Debian 12 machine, in one command each.
#
#   packaging/dev.sh run    install what is missing, build, create the demo
#                           office in your data folder and start motcua
#   packaging/dev.sh test   install what is missing, build with ASan+UBSan
#                           and -Werror, run every test (CTest)
#   packaging/dev.sh deps   only install the Debian packages
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

PACKAGES=(
    build-essential cmake pkg-config gettext git
    libncurses-dev libsqlite3-dev sqlite3 libcurl4-openssl-dev libqrencode-dev
    libcups2-dev cups cups-client cups-filters libcairo2-dev libpango1.0-dev
    fonts-dejavu-core fonts-noto-core poppler-utils zbar-tools tmux
    postgresql libpq-dev libmicrohttpd-dev libgnutls28-dev libjansson-dev libunistring-dev
    libinih-dev uuid-dev libsodium-dev libcmocka-dev openssl nginx
    python3 python3-jsonschema valgrind
    clang libclang-rt-14-dev
    libxlsxwriter-dev
    sane-utils qpdf
    debhelper dpkg-dev fakeroot lintian man-db
)

deps() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "dev.sh: installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

jobs=$(nproc 2>/dev/null || echo 2)

case "${1:-}" in
deps)
    deps
    ;;
run)
    deps
    cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build build -j"$jobs"
    # the demo office lives in the user's data folder
    export MOTCUA_FORMS_DIR="$here/forms"
    ./build/motcua demo
    exec ./build/motcua
    ;;
test)
    deps
    cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DMOTCUA_SANITIZE=ON -DMOTCUA_WERROR=ON >/dev/null
    cmake --build build-test -j"$jobs"
    # valgrind cannot run an ASan build: a plain build for the memcheck tests
    cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOTCUA_WERROR=ON >/dev/null
    cmake --build build-valgrind -j"$jobs" --target motcua motcua-central alloc_fail_shim
    # ...which also runs the allocation-failure pass (an LD_PRELOAD shim)
    (cd build-valgrind && ctest --output-on-failure -L 'valgrind|allocfail' --timeout 900)
    # the fuzz targets, briefly (libFuzzer, clang)
    FUZZ_SECONDS=${FUZZ_SECONDS:-10} bash tests/fuzz/run_briefly.sh
    # then every test on the sanitized build (its summary closes the run)
    cd build-test
    ctest --output-on-failure -j"$jobs" --timeout 900
    ;;
*)
    sed -n '2,10p' "$0"
    exit 2
    ;;
esac
