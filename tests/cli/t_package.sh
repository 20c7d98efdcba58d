#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian packages: packaging/build-deb.sh builds motcua and
# motcua-central; both are unpacked into a clean root (a fresh folder with
# only the packages' files and the shared libraries they link), and there
# `motcua --version`, `motcua init` and one intake run against the
# installed files, with MOTCUA_FORMS_DIR unset (the installed default must
# work).  Lintian must report no error.  Skips cleanly when the Debian
# build tools are not installed.
. "$(dirname "$0")/lib.sh"
SRC="${MOTCUA_TESTS:?}/.."
skip() { echo "skipped: $1"; echo "0 passed, 0 failed"; exit 0; }
command -v dpkg-buildpackage >/dev/null || skip "dpkg-buildpackage is not installed (apt-get install dpkg-dev)"
dpkg-query -W -f='${Status}' debhelper 2>/dev/null | grep -q "ok installed" \
    || skip "debhelper is not installed (apt-get install debhelper)"
[ "${MOTCUA_SKIP_PACKAGE:-0}" = 1 ] && skip "MOTCUA_SKIP_PACKAGE=1"

OUT="$T/out"
if ! bash "$SRC/packaging/build-deb.sh" "$OUT" > "$T/build.log" 2>&1; then
    bad "dpkg-buildpackage builds the packages"
    tail -40 "$T/build.log"
    finish
    exit 1
fi
ok "dpkg-buildpackage builds the packages"
desk_deb=$(ls "$OUT"/motcua_*.deb)
central_deb=$(ls "$OUT"/motcua-central_*.deb 2>/dev/null)
[ -n "$central_deb" ] && ok "motcua-central package built" || bad "motcua-central package built"

expect_match "motcua depends on its shared libraries" \
    "$(dpkg-deb -f "$desk_deb" Depends)" 'libsqlite3-0.*libsodium|libsodium.*libsqlite3-0'
expect_match "motcua-central depends on libpq and libmicrohttpd" \
    "$(dpkg-deb -f "$central_deb" Depends)" 'libmicrohttpd.*libpq5'

ROOT="$T/root"
mkdir -p "$ROOT"
for deb in "$desk_deb" $central_deb; do dpkg -x "$deb" "$ROOT"; done
for f in usr/bin/motcua usr/sbin/motcua-central etc/motcua/motcua.conf \
         etc/motcua/central.conf usr/share/motcua/forms/procedures/1.014166.json \
         usr/share/motcua/forms/calendar/holidays_vn_announced.tsv \
         usr/share/man/man1/motcua.1.gz usr/share/man/man5/motcua.conf.5.gz \
         usr/share/man/man8/motcua-central.8.gz \
         lib/systemd/system/motcua-sync.service \
         lib/systemd/system/motcua-central.service \
         usr/share/locale/en/LC_MESSAGES/motcua.mo; do
    [ -e "$ROOT/$f" ] && ok "installed: /$f" || bad "installed: /$f"
done
expect_eq "the default configuration is the shipped one" \
    "$(cmp -s "$ROOT/etc/motcua/motcua.conf" "$SRC/forms/motcua.conf" && echo same)" "same"
ctl="$T/ctl"
dpkg-deb -e "$desk_deb" "$ctl"
expect_match "/etc/motcua/motcua.conf is a conffile" "$(cat "$ctl/conffiles")" '^/etc/motcua/motcua.conf$'
expect_eq "maintainer scripts are valid sh" "$(sh -n "$ctl/postinst" && sh -n "$ctl/postrm" && echo ok)" "ok"
expect_match "postinst creates the motcua user and a 0750 data folder" \
    "$(cat "$ctl/postinst")" 'chmod 0750'

# printing and sync are modules in ${libdir}/motcua (docs/print.md)
mods=$(cd "$ROOT" && ls usr/lib/*/motcua/motcua-print.so usr/lib/*/motcua/motcua-sync.so usr/lib/motcua/motcua-*.so 2>/dev/null)
expect_match "installed: the print module" "$mods" 'motcua/motcua-print\.so'
expect_match "installed: the sync module" "$mods" 'motcua/motcua-sync\.so'
expect_match "motcua depends on the modules' libraries" \
    "$(dpkg-deb -f "$desk_deb" Depends)" 'libcups.*libcurl|libcurl.*libcups'

# the shared libraries, so the root runs without the build machine's /usr
for bin in usr/bin/motcua usr/sbin/motcua-central $mods; do
    ldd "$ROOT/$bin" | grep -oE '/[^ ]+' | while read -r lib; do
        cp -L --parents "$lib" "$ROOT" 2>/dev/null || true
    done
done
mkdir -p "$ROOT/var/lib/motcua" "$ROOT/tmp" "$ROOT/dev"
run_root() {
    local envs=(MOTCUA_DB=/var/lib/motcua/motcua.db MOTCUA_NOW="$MOTCUA_NOW"
                MOTCUA_PASSWORD="$MOTCUA_PASSWORD" MOTCUA_USER=admin
                HOME=/var/lib/motcua PATH=/usr/bin:/usr/sbin:/bin TZ=UTC)
    if [ "$MODE" = chroot ]; then
        env -i "${envs[@]}" chroot "$ROOT" "$@"
    elif [ "$MODE" = userns ]; then
        env -i "${envs[@]}" unshare -r chroot "$ROOT" "$@"
    else
        local prog="$1"; shift
        env -i "${envs[@]}" MOTCUA_DB="$ROOT/var/lib/motcua/motcua.db" \
            MOTCUA_FORMS_DIR="$ROOT/usr/share/motcua/forms" \
            MOTCUA_MODULE_DIR="$(dirname "$ROOT/$(printf '%s\n' $mods | head -1)")" \
            "$ROOT$prog" "$@"
    fi
}
if [ "$(id -u)" = 0 ] && chroot "$ROOT" /usr/bin/motcua --version >/dev/null 2>&1; then
    MODE=chroot
elif unshare -r chroot "$ROOT" /usr/bin/motcua --version >/dev/null 2>&1; then
    MODE=userns
else
    MODE=plain
    echo "# note: cannot chroot here; running the unpacked binary with MOTCUA_FORMS_DIR set"
fi
echo "# clean root: $MODE"
expect_eq "motcua --version in the clean root" \
    "$(run_root /usr/bin/motcua --version)" "motcua $(sed -n 's/^project(motcua VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")"
expect_match "motcua-central --version in the clean root" \
    "$(run_root /usr/sbin/motcua-central --version 2>&1)" '^motcua-central '
out=$(echo "$MOTCUA_PASSWORD" | run_root /usr/bin/motcua --json init --office-code 000.00.06.H56 \
        --office-name "BHXH tỉnh Thanh Hóa" --admin admin --password-stdin 2>"$T/init.err")
expect_match "motcua init imports the installed catalogue" \
    "$(printf '%s' "$out" | jget catalogue.procedures 2>/dev/null)" '^[1-9][0-9]*$'
# The packaged build is a production build: MOTCUA_NOW (set by lib.sh)
# cannot backdate an intake; the real clock is used, with a warning.
intake_root() {
    run_root /usr/bin/motcua --json dossier new --procedure "$PROC" \
        --applicant-name "Nguyễn Thị Hường" --id-number 001190012345 \
        --document "$REQDOC|original|1" 2> "$T/intake.err"
}
today=$(TZ=Asia/Ho_Chi_Minh date +%y%m%d)
out=$(intake_root)
expect_eq "one intake in the clean root: today's date, not MOTCUA_NOW's" \
    "$(printf '%s' "$out" | jget code 2>/dev/null)" "000.00.06.H56-$today-0001"
[ "$(printf '%s' "$out" | jget code 2>/dev/null)" = "000.00.06.H56-$today-0001" ] \
    || { echo "$out" | head -5; cat "$T/intake.err"; }
expect_match "the packaged build refuses MOTCUA_NOW, saying so" "$(cat "$T/intake.err")" \
    "bỏ qua MOTCUA_NOW"
expect_eq "clock-pin: not a test build, not allowed" \
    "$(run_root /usr/bin/motcua --json config clock-pin 2>/dev/null | jget test_build)/$(run_root /usr/bin/motcua --json config clock-pin 2>/dev/null | jget allowed)" \
    "false/false"
# an administrator allows it for this (training) database: used, audited
run_root /usr/bin/motcua config clock-pin allow >/dev/null 2>&1
out=$(intake_root)
expect_eq "clock-pin allowed by the admin: MOTCUA_NOW is used" \
    "$(printf '%s' "$out" | jget code 2>/dev/null)" "000.00.06.H56-260213-0001"
expect_eq "clock-pin: the setting and each use are in the audit chain" \
    "$(sqlite3 "$ROOT/var/lib/motcua/motcua.db" "SELECT action FROM audit WHERE action LIKE 'clock.%' ORDER BY id" | tr '\n' ' ')" \
    "clock.pin_allowed clock.pinned "
expect_match "audit verifies in the clean root" "$(run_root /usr/bin/motcua audit verify 2>&1)" "nguyên vẹn"
# the modules load from the installed place (RTLD_NOW: every library found)
expect_eq "print module loads in the clean root" \
    "$(run_root /usr/bin/motcua --json print status 000.00.06.H56-260213-0001 2>&1 | jget code 2>/dev/null)" \
    "000.00.06.H56-260213-0001"
expect_match "sync module loads in the clean root (then wants a sync.url)" \
    "$(run_root /usr/bin/motcua sync --once 2>&1)" 'sync\.url'
expect_eq "the database is mode 0600" "$(stat -c %a "$ROOT/var/lib/motcua/motcua.db")" "600"

if command -v systemd-analyze >/dev/null; then
    units="$T/units"; mkdir -p "$units"
    for u in "$ROOT"/lib/systemd/system/*.service; do
        n=$(basename "$u"); [ "$n" = "motcua-central@.service" ] && n=motcua-central@8441.service
        sed -e "s|/usr/bin/motcua|$ROOT/usr/bin/motcua|" -e "s|/usr/sbin/motcua-central|$ROOT/usr/sbin/motcua-central|" "$u" > "$units/$n"
    done
    # only the man: links are unknown to this host
    w=$(systemd-analyze verify "$units"/*.service 2>&1 | grep -v "Command 'man " || true)
    expect_eq "systemd-analyze verify: the units are clean" "$w" ""
fi

if command -v lintian >/dev/null; then
    lintian --fail-on error "$OUT"/motcua_*.changes > "$T/lintian.log" 2>&1
    rc=$?
    expect_eq "lintian reports no error" "$rc" "0"
    [ "$rc" -eq 0 ] || cat "$T/lintian.log"
    grep -E '^(E|W):' "$T/lintian.log" | sed 's/^/# lintian: /'
else
    echo "# lintian is not installed: not run"
fi
finish
