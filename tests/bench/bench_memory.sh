#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bench_memory.sh - what the counter carries before it does anything,
# printed as "bench: NAME VALUE UNIT" lines (issue 15, docs/print.md):
#   - shared libraries `motcua` links (ldd) and maps once the TUI shows its
#     sign-in screen (/proc/PID/maps), and whether printing (cairo, pango,
#     CUPS) or sync (libcurl) is among them: they are modules loaded on
#     first use;
#   - VmRSS of the TUI at the sign-in screen; goal: the TUI after sign-in
#     under 20 MB (bench_tui's tui_rss);
#   - the peak RSS of `motcua --version` (wait4 ru_maxrss).
# MOTCUA names the binary; MOTCUA_BASELINE, when set, names another one
# (say the previous release) measured the same way in the same run, each
# figure next to it.  Use an optimised build without sanitizers.
set -u
: "${MOTCUA:?MOTCUA must point at the motcua binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/motcua-bench-mem.XXXXXX")
trap 'rm -rf "$T"' EXIT
export MOTCUA_DB="$T/office.db" HOME="$T" XDG_DATA_HOME="$T/data"
export MOTCUA_NOW="2026-02-13T10:00:00+07:00" TERM=xterm-256color LANG=C.UTF-8
unset MOTCUA_CONFIG MOTCUA_USER MOTCUA_PASSWORD
echo "bench-password-2026" | "$MOTCUA" init --office-code 000.00.06.H56 \
    --office-name "BHXH tỉnh Thanh Hóa" --admin bench.admin --password-stdin >/dev/null \
    || { echo "bench: init failed"; exit 1; }

python3 - "$MOTCUA" "${MOTCUA_BASELINE:-}" <<'PY'
import os, pty, re, select, subprocess, sys, time

HEAVY = ("libcairo", "libpango", "libcups", "libcurl", "libfontconfig", "libX11", "libavahi", "libkrb5", "libldap")

def ldd_count(binary):
    out = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    return len([l for l in out.splitlines() if l.strip()])

def version_peak_kb(binary):
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.execv(binary, [binary, "--version"])
    _, _, ru = os.wait4(pid, 0)
    return ru.ru_maxrss

def tui_at_sign_in(binary):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(binary, [binary])
    buf, end = b"", time.time() + 10
    # the sign-in screen is drawn when output stops for a moment
    last = time.time()
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            buf += chunk
            last = time.time()
        elif buf and time.time() - last > 0.5:
            break
    maps = open(f"/proc/{pid}/maps").read()
    libs = sorted({l.split()[-1] for l in maps.splitlines() if ".so" in l.split()[-1]})
    status = open(f"/proc/{pid}/status").read()
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return libs, rss

def report(tag, binary):
    sfx = "" if tag == "" else "_" + tag
    n = ldd_count(binary)
    libs, rss = tui_at_sign_in(binary)
    heavy = [l for l in libs if any(h in os.path.basename(l) for h in HEAVY)]
    print(f"bench: motcua_linked_libraries{sfx} {n} count (ldd {binary})")
    print(f"bench: tui_mapped_libraries_at_sign_in{sfx} {len(libs)} count")
    print(f"bench: tui_print_or_sync_libraries_at_sign_in{sfx} {len(heavy)} count (goal 0: loaded on first use)")
    print(f"bench: tui_rss_at_sign_in{sfx} {rss / 1024:.1f} MB")
    print(f"bench: version_rss_peak{sfx} {version_peak_kb(binary) / 1024:.1f} MB")

report("", sys.argv[1])
if sys.argv[2]:
    report("baseline", sys.argv[2])
PY
