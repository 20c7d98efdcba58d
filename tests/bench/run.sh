#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run.sh BUILD_DIR - run the benchmarks already built in BUILD_DIR with
# CI-sized defaults and print their "bench: NAME VALUE UNIT" lines.
# Builds nothing.  Override the sizes with MOTCUA_BENCH_INTAKE_N and
# MOTCUA_BENCH_SEARCH_N (MOTCUA_BENCH_REPORT_SMALL and _LARGE: the two
# databases bench_report compares); MOTCUA_BENCH_DIR picks where the databases go
# (the search database is cached there between runs).
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
build=$1
here=$(cd "$(dirname "$0")" && pwd)
bin=$build/tests/bench
for b in bench_intake bench_search; do
    if [ ! -x "$bin/$b" ]; then
        echo "$0: $bin/$b is not built (cmake --build $build)" >&2
        exit 2
    fi
done

: "${MOTCUA_FORMS_DIR:=$here/../../forms}"
export MOTCUA_FORMS_DIR

echo "# bench_intake (N=${MOTCUA_BENCH_INTAKE_N:-200})"
MOTCUA_BENCH_N=${MOTCUA_BENCH_INTAKE_N:-200} "$bin/bench_intake"
echo "# bench_search (N=${MOTCUA_BENCH_SEARCH_N:-100000})"
MOTCUA_BENCH_N=${MOTCUA_BENCH_SEARCH_N:-100000} "$bin/bench_search"
echo "# bench_dashboard (N=${MOTCUA_BENCH_DASHBOARD_N:-100000})"
MOTCUA_BENCH_N=${MOTCUA_BENCH_DASHBOARD_N:-100000} "$bin/bench_dashboard"
echo "# bench_report (N=${MOTCUA_BENCH_REPORT_SMALL:-100000} and ${MOTCUA_BENCH_REPORT_LARGE:-1000000})"
MOTCUA_BENCH_SMALL=${MOTCUA_BENCH_REPORT_SMALL:-100000} \
    MOTCUA_BENCH_LARGE=${MOTCUA_BENCH_REPORT_LARGE:-1000000} "$bin/bench_report"
echo "# bench_cli_session"
"$here/bench_cli_session.sh" "$build"
echo "# bench_attach"
"$here/bench_attach.sh" "$build"
if [ -x "$bin/bench_print" ]; then
    echo "# bench_print"
    "$bin/bench_print"
fi
if [ -x "$bin/bench_tui" ]; then
    echo "# bench_tui"
    "$bin/bench_tui" || true
fi
if [ -x "$build/motcua" ]; then
    echo "# bench_memory"
    MOTCUA=$build/motcua bash "$here/bench_memory.sh" || true
fi
