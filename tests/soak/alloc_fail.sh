#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# alloc_fail.sh - allocation-failure run over intake, print and sync, as
# curl's torture tests do: a counting run sizes each path (how many
# allocations it makes, every library included), then for N = 1, 1+k,
# 1+2k, ... the N-th allocation fails (tests/soak/alloc_fail_shim.c, loaded
# with LD_PRELOAD into a plain, non-ASan motcua) and each run is checked:
#
#   - the exit status is 0 or 12 (out of memory), never a signal, and a
#     non-zero exit has a message on stderr;
#   - the database passes PRAGMA integrity_check and `motcua audit verify`;
#   - intake: the database is, dump for dump, either unchanged or exactly the
#     one complete intake a clean run makes (so no code is burned: the next
#     intake gets the next number); an exit 0 printed the code;
#   - print: the dossier tables are unchanged; exit 0 wrote a whole PDF,
#     any other exit wrote no file and left no temporary behind;
#   - sync: afterwards a normal `sync --once` brings the centre to agree with
#     the desk event for event (real PostgreSQL and motcua-central over HTTPS
#     on loopback; needs root like tests/sync; skipped otherwise).
#   - with --valgrind K: every K-th run of intake and print also runs under
#     valgrind, and a definite leak fails it.
#
#   tests/soak/alloc_fail.sh            # the short version (what CI runs)
#   tests/soak/alloc_fail.sh --full     # every N for intake, strided print/sync
#   options: --paths intake,print,sync  --stride-intake K  --stride-print K
#            --stride-sync K  --valgrind K  --offset O (first N, default 1)
#
# Without MOTCUA set it builds build-allocfail (RelWithDebInfo) first.
# Figures and method: docs/reliability.md §9.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

MODE=short
PATHS=intake,print,sync
S_INTAKE="" S_PRINT="" S_SYNC="" VG_EVERY="" OFFSET=1
while [ $# -gt 0 ]; do
    case "$1" in
    --ci | --short) MODE=short ;;
    --full) MODE=full ;;
    --paths) PATHS=$2; shift ;;
    --stride-intake) S_INTAKE=$2; shift ;;
    --stride-print) S_PRINT=$2; shift ;;
    --stride-sync) S_SYNC=$2; shift ;;
    --valgrind) VG_EVERY=$2; shift ;;
    --offset) OFFSET=$2; shift ;;
    *) sed -n '2,29p' "$0"; exit 2 ;;
    esac
    shift
done
# The short version aims at a fixed number of runs per path (< 90 s on a
# loaded two-core machine); the full one tries every N of the intake.
if [ "$MODE" = short ]; then
    RUNS_INTAKE=30 RUNS_PRINT=12 RUNS_SYNC=10 VG_EVERY=${VG_EVERY:-15}
else
    RUNS_INTAKE=0 RUNS_PRINT=1000 RUNS_SYNC=200 VG_EVERY=${VG_EVERY:-100}
fi

if [ -z "${MOTCUA:-}" ]; then
    B="$ROOT/build-allocfail"
    cmake -S "$ROOT" -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOTCUA_WERROR=ON >/dev/null || exit 1
    cmake --build "$B" -j2 --target motcua motcua-central alloc_fail_shim >/dev/null || exit 1
    export MOTCUA="$B/motcua" MOTCUA_CENTRAL="$B/motcua-central" MOTCUA_BUILD="$B"
    export MOTCUA_ALLOCFAIL_SHIM="$B/tests/liballoc_fail_shim.so"
    export MOTCUA_FORMS_DIR="$ROOT/forms" MOTCUA_TESTS="$ROOT/tests"
fi
: "${MOTCUA_ALLOCFAIL_SHIM:?MOTCUA_ALLOCFAIL_SHIM must point at the shim (liballoc_fail_shim.so)}"
export MOTCUA_TESTS=${MOTCUA_TESTS:-$ROOT/tests}
if ldd "$MOTCUA" | grep -q libasan; then
    echo "alloc_fail: $MOTCUA is an ASan build (ASan owns malloc); use a plain build"
    exit 77
fi

want() { case ",$PATHS," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
SYNC_OK=0
if want sync && [ "$(id -u)" -eq 0 ] && [ -n "${MOTCUA_CENTRAL:-}" ] &&
    [ -x "${PGBIN:-/usr/lib/postgresql/15/bin}/initdb" ]; then
    SYNC_OK=1
    . "$MOTCUA_TESTS/sync/lib_sync.sh"
else
    . "$MOTCUA_TESTS/cli/lib.sh"
    want sync && echo "# sync skipped: needs root, PostgreSQL and motcua-central"
fi
SHIM=$MOTCUA_ALLOCFAIL_SHIM
TMO=${ALLOCFAIL_TIMEOUT:-30} # seconds: a run that takes longer has hung
START=$(date +%s)

# run the desk under the shim: af N OUT ERR ARGS...; sets RC and REACHED
af() {
    local n=$1 out=$2 errf=$3
    shift 3
    rm -f "$T/failed"
    # a hang is stopped with SIGABRT, which the shim's handler attributes
    timeout -s ABRT -k 10 "$TMO" env MOTCUA_FAIL_ALLOC="$n" \
        MOTCUA_ALLOC_FAILED="$T/failed" LD_PRELOAD="$SHIM" \
        "$MOTCUA" "$@" >"$out" 2>"$errf"
    RC=$?
    REACHED=0
    grep -q '^failed' "$T/failed" 2>/dev/null && REACHED=1
}
# how many allocations ARGS makes (a clean run)
count_allocs() {
    rm -f "$T/count"
    MOTCUA_ALLOC_COUNT="$T/count" LD_PRELOAD="$SHIM" "$MOTCUA" "$@" >/dev/null 2>&1 ||
        { echo "FATAL: counting run failed: $*"; exit 1; }
    cat "$T/count"
}
# valgrind under the shim: a definite leak or a memory error exits 99
vg() {
    local n=$1
    shift
    MOTCUA_FAIL_ALLOC=$n LD_PRELOAD="$SHIM" valgrind -q --soname-synonyms=somalloc=nouserintercepts --leak-check=full \
        --errors-for-leak-kinds=definite --error-exitcode=99 \
        --suppressions="$HERE/alloc_fail.supp" "$MOTCUA" "$@" >/dev/null 2>"$T/vg.err"
    local rc=$?
    # (valgrind runs the shim's malloc only with nouserintercepts; the N-th
    # call under valgrind need not be the same call as without it)
    # (a crash is judged by the plain run; here only leaks and bad accesses).
    # A run that ended in mc_oom's _exit stopped in the middle of whatever it
    # was doing - a block held only in a register then looks lost, and the
    # system takes it all back anyway - so only bad accesses count there.
    if [ "$rc" -eq 99 ] && grep -q 'hết bộ nhớ / out of memory' "$T/vg.err" &&
        ! grep -qE 'Invalid (read|write|free)|uninitialised|Mismatched free|overlap' "$T/vg.err"; then
        rc=0
    fi
    if [ "$rc" -eq 99 ]; then
        bad "valgrind N=$n ($1 $2): exit $rc"
        sed 's/^/#   /' "$T/vg.err" | head -40
    fi
    VG_RUNS=$((VG_RUNS + 1))
}
VG_RUNS=0

db_reset() { # DB-FILE
    rm -f "$MOTCUA_DB" "$MOTCUA_DB-wal" "$MOTCUA_DB-shm"
    cp "$1" "$MOTCUA_DB"
}
db_dump() { sqlite3 "$MOTCUA_DB" .dump; }
integrity() { sqlite3 "$MOTCUA_DB" "PRAGMA integrity_check"; }
audit_ok() { "$MOTCUA" audit verify >/dev/null 2>&1; }

declare -A OUTCOME
tally() { # PATH
    local key="$1 exit $RC"
    [ "$REACHED" -eq 0 ] && key="$1 not-reached"
    [ -n "$LIBCRASH" ] && key="$1 library-crash-in-$LIBCRASH"
    case "$LIBCRASH" in hang-*) key="$1 library-hang-in-${LIBCRASH#hang-}" ;; esac
    OUTCOME[$key]=$((${OUTCOME[$key]:-0} + 1))
}
# Third-party code that does not survive a failed malloc: fontconfig 2.14
# dereferences its own NULLs, GLib (under pango) aborts by design.  A crash
# whose first frame outside libc is there is counted apart, not failed; the
# other checks (nothing half-written) still apply.  A crash anywhere else
# (the motcua binary above all) fails the run.
LIBS_NO_OOM='/lib(fontconfig|glib-2|gobject-2|pango|cairo|harfbuzz|freetype|pixman-1|fribidi|thai|datrie|png16|expat|crypto|ssl)[^/]*$'
# common checks: status, message, integrity, audit chain
check_common() { # PATH N
    local what="$1 N=$2"
    LIBCRASH=""
    if [ "$RC" -eq 124 ]; then
        local who
        who=$(sed -n 's/^crash [0-9]* in //p' "$T/failed" 2>/dev/null | head -n1)
        if printf '%s' "$who" | grep -qE "$LIBS_NO_OOM"; then
            LIBCRASH="hang-$(basename "$who" | sed 's/\.so.*//')"
        else
            bad "$what: hung (stopped after ${TMO}s) in ${who:-?}"
        fi
    elif [ "$RC" -ge 128 ]; then
        local who
        who=$(sed -n 's/^crash [0-9]* in //p' "$T/failed" 2>/dev/null | head -n1)
        if printf '%s' "$who" | grep -qE "$LIBS_NO_OOM"; then
            LIBCRASH=$(basename "$who" | sed 's/\.so.*//')
        else
            bad "$what: killed by signal $((RC - 128)) in ${who:-?}"
            sed 's/^/#   /' "$T/err" | head -20
        fi
    elif [ "$RC" -ne 0 ] && [ "$RC" -ne 12 ] && ! { [ "$1" = sync ] && [ "$RC" -eq 11 ]; }; then
        bad "$what: exit $RC (want 0 or 12): $(head -c 300 "$T/err")"
    elif [ "$RC" -ne 0 ] && [ ! -s "$T/err" ]; then
        bad "$what: exit $RC with no message"
    fi
    local ic
    ic=$(integrity)
    [ "$ic" = ok ] || bad "$what: integrity_check: $ic"
    audit_ok || bad "$what: audit verify fails"
}
stride_for() { # TOTAL RUNS EXPLICIT
    if [ -n "$3" ]; then echo "$3"; elif [ "$2" -eq 0 ]; then echo 1; else
        local s=$(($1 / $2))
        [ "$s" -lt 1 ] && s=1
        echo "$s"
    fi
}

init_office
cp "$MOTCUA_DB" "$T/base.db"
INTAKE=(dossier new --procedure "$PROC" --applicant-name "Nguyễn Thị Hường"
    --id-number 001190012345 --document "$REQDOC|original|1")

# --- intake ---------------------------------------------------------------
if want intake; then
    base_dump=$(db_dump)
    "$MOTCUA" "${INTAKE[@]}" >/dev/null || { echo "FATAL: clean intake"; exit 1; }
    ref_dump=$(db_dump)
    db_reset "$T/base.db"
    total=$(count_allocs "${INTAKE[@]}")
    stride=$(stride_for "$total" "$RUNS_INTAKE" "$S_INTAKE")
    echo "# intake: $total allocations, N = $OFFSET..$total step $stride"
    tried=0
    for ((n = OFFSET; n <= total; n += stride)); do
        db_reset "$T/base.db"
        af "$n" "$T/out" "$T/err" "${INTAKE[@]}"
        tried=$((tried + 1))
        check_common intake "$n"
        tally intake
        d=$(db_dump)
        if [ "$d" = "$ref_dump" ]; then
            [ "$RC" -eq 0 ] && ! grep -q -- "-260213-0001" "$T/out" &&
                bad "intake N=$n: exit 0 but no code printed"
            [ "$RC" -ne 0 ] && OUTCOME["intake exit $RC after commit"]=$((${OUTCOME["intake exit $RC after commit"]:-0} + 1))
        elif [ "$d" = "$base_dump" ]; then
            [ "$RC" -eq 0 ] && bad "intake N=$n: exit 0 but nothing saved"
        else
            bad "intake N=$n: the database is neither unchanged nor one whole intake"
            diff <(echo "$ref_dump") <(echo "$d") | head -10 | sed 's/^/#   /'
        fi
        if [ "$VG_EVERY" -gt 0 ] && [ $((tried % VG_EVERY)) -eq 0 ]; then
            db_reset "$T/base.db"
            vg "$n" "${INTAKE[@]}"
        fi
    done
    echo "# intake: $tried runs"
    TRIED_intake=$tried TOTAL_intake=$total STRIDE_intake=$stride
fi

# --- print ------------------------------------------------------------------
if want print; then
    db_reset "$T/base.db"
    code=$("$MOTCUA" "${INTAKE[@]}") || { echo "FATAL: intake for print"; exit 1; }
    cp "$MOTCUA_DB" "$T/print.db"
    dossier_dump() {
        sqlite3 "$MOTCUA_DB" "SELECT * FROM dossiers; SELECT * FROM dossier_papers;
            SELECT * FROM history; SELECT * FROM issued_codes; SELECT * FROM outbox;"
    }
    base_d=$(dossier_dump)
    mkdir -p "$T/pdf"
    PRINT=(print receipt "$code" --pdf "$T/pdf/r.pdf")
    total=$(count_allocs "${PRINT[@]}")
    stride=$(stride_for "$total" "$RUNS_PRINT" "$S_PRINT")
    echo "# print: $total allocations, N = $OFFSET..$total step $stride"
    tried=0
    for ((n = OFFSET; n <= total; n += stride)); do
        db_reset "$T/print.db"
        rm -rf "$T/pdf"/*
        af "$n" "$T/out" "$T/err" "${PRINT[@]}"
        tried=$((tried + 1))
        check_common print "$n"
        tally print
        [ "$(dossier_dump)" = "$base_d" ] || bad "print N=$n: the dossier changed"
        if [ "$RC" -eq 0 ]; then
            head -c 5 "$T/pdf/r.pdf" 2>/dev/null | grep -q '%PDF-' &&
                tail -c 8 "$T/pdf/r.pdf" | grep -q '%%EOF' ||
                bad "print N=$n: exit 0 without a whole PDF"
        fi
        if [ "$RC" -ne 0 ] && [ -e "$T/pdf/r.pdf" ]; then
            # out of memory after the file was renamed into place: it must
            # be whole
            head -c 5 "$T/pdf/r.pdf" | grep -q '%PDF-' && tail -c 8 "$T/pdf/r.pdf" | grep -q '%%EOF' ||
                bad "print N=$n: exit $RC left a partial PDF"
        fi
        left=$(find "$T/pdf" -name '*.tmp.*' | wc -l)
        [ "$left" -eq 0 ] || bad "print N=$n: $left temporary file(s) left behind"
        if [ "$VG_EVERY" -gt 0 ] && [ $((tried % VG_EVERY)) -eq 0 ]; then
            db_reset "$T/print.db"
            vg "$n" "${PRINT[@]}"
        fi
    done
    echo "# print: $tried runs"
    TRIED_print=$tried TOTAL_print=$total STRIDE_print=$stride
fi

# --- sync -------------------------------------------------------------------
if want sync && [ "$SYNC_OK" -eq 1 ]; then
    pg_start
    pki_make
    central_start
    BATCH=100 desk_config
    db_reset "$T/base.db"
    # one intake, one status change: what a failing sync has to push
    more_events() {
        local c
        c=$("$MOTCUA" "${INTAKE[@]}") || { echo "FATAL: intake for sync"; exit 1; }
        "$MOTCUA" dossier advance "$c" --to processing >/dev/null ||
            { echo "FATAL: advance for sync"; exit 1; }
    }
    more_events
    total=$(count_allocs sync --once)
    stride=$(stride_for "$total" "$RUNS_SYNC" "$S_SYNC")
    echo "# sync: $total allocations, N = $OFFSET..$total step $stride (the count varies a little: TLS, threads)"
    tried=0
    for ((n = OFFSET; n <= total; n += stride)); do
        more_events
        af "$n" "$T/out" "$T/err" sync --once
        tried=$((tried + 1))
        check_common sync "$n"
        tally sync
        # OpenSSL reports a failed allocation as a certificate or TLS error:
        # the sync ends with exit 11 (file or device error) and that message.
        # Accepted (a documented status with a message; nothing is written)
        # and counted; what matters is that the next sync agrees.
        if "$MOTCUA" sync --once >"$T/out2" 2>"$T/err2"; then
            [ "$(desk_events)" = "$(central_events)" ] ||
                bad "sync N=$n: centre and desk disagree after a clean sync"
            [ "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM outbox WHERE acked_at IS NULL")" = 0 ] ||
                bad "sync N=$n: events left unacknowledged"
        else
            bad "sync N=$n: the clean sync after it failed: $(head -c 300 "$T/err2")"
        fi
    done
    echo "# sync: $tried runs"
    TRIED_sync=$tried TOTAL_sync=$total STRIDE_sync=$stride
fi

# --- summary ----------------------------------------------------------------
for p in intake print sync; do
    v=TRIED_$p
    [ -n "${!v:-}" ] || continue
    t=TOTAL_$p s=STRIDE_$p
    line="alloc_fail: $p allocations=${!t} stride=${!s} runs=${!v}"
    for k in $(printf '%s\n' "${!OUTCOME[@]}" | grep "^$p " | sort | sed "s/^$p //; s/ /_/g"); do
        key="$p ${k//_/ }"
        line="$line ${k}=${OUTCOME[$key]}"
    done
    echo "$line"
done
[ "$VG_RUNS" -gt 0 ] && echo "alloc_fail: valgrind runs=$VG_RUNS"
echo "alloc_fail: mode=$MODE seconds=$(($(date +%s) - START))"
finish
