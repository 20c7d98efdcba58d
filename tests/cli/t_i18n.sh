#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Translations: every message of the sources is in po/en.po and translated
# (no empty or fuzzy msgstr, printf directives matching); English comes
# through the environment (LANG=en_...) or desk.language = en; Vietnamese,
# the msgids themselves, stays the default.  See docs/i18n.md.
. "$(dirname "$0")/lib.sh"
: "${MOTCUA_BUILD:?MOTCUA_BUILD must point at the build folder}"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PO="$SRC/po/en.po"
LOCALEDIR="$MOTCUA_BUILD/locale"
unset LANGUAGE LC_ALL LC_MESSAGES LANG

# --- (a) the catalogue covers the sources --------------------------------
if command -v xgettext >/dev/null && command -v msgmerge >/dev/null && command -v cmake >/dev/null; then
    out=$(cmake -DXGETTEXT="$(command -v xgettext)" -DSRC="$SRC" -DPOT="$T/fresh.pot" \
        -P "$SRC/po/potfiles.cmake" 2>&1); rc=$?
    expect_eq "xgettext extracts the sources ($out)" "$rc" "0"
    n=$(grep -c '^msgid ' "$T/fresh.pot"); n=$((n - 1))
    if [ "$n" -gt 500 ]; then ok "the sources carry $n messages"; else bad "only $n messages extracted"; fi
    # the committed pot is the sources' (regenerate: cmake --build B --target pot)
    cmp_out=$(diff <(msgcat --no-location --sort-output "$SRC/po/motcua.pot" 2>&1 | grep -v POT-Creation-Date) \
                   <(msgcat --no-location --sort-output "$T/fresh.pot" 2>&1 | grep -v POT-Creation-Date) | grep '^[<>] msgid' | head -5)
    expect_eq "po/motcua.pot lists the sources' messages" "$cmp_out" ""
    # merged with today's flags, en.po must be complete and format-correct
    msgmerge --quiet --no-fuzzy-matching -o "$T/merged.po" "$PO" "$T/fresh.pot" 2>"$T/merge.err"
    expect_eq "msgmerge en.po" "$?" "0"
    # (msgcmp without --use-untranslated: empty and fuzzy msgstrs count as missing)
    msgcmp "$PO" "$T/fresh.pot" >"$T/msgcmp.out" 2>&1
    expect_eq "msgcmp: every message of the sources is translated in en.po" "$?" "0"
    todo=$(python3 - "$T/merged.po" <<'PY'
import re, sys
for b in open(sys.argv[1], encoding='utf-8').read().split('\n\n'):
    if re.search(r'^#~', b, re.M):
        continue
    m = re.search(r'^msgid ((?:".*"\n?)+)^msgstr ((?:".*"\n?)+)', b + '\n', re.M)
    if not m:
        continue
    mid = ''.join(re.findall(r'"(.*)"', m.group(1)))
    mstr = ''.join(re.findall(r'"(.*)"', m.group(2)))
    if mid and (not mstr or re.search(r'^#,.*fuzzy', b, re.M)):
        print(mid[:70])
PY
)
    expect_eq "en.po has no empty or fuzzy translation (update: docs/i18n.md)" "$todo" ""
    chk=$(msgfmt --check --check-format -o /dev/null "$T/merged.po" 2>&1); rc=$?
    expect_eq "msgfmt --check passes with the sources' format flags ($chk)" "$rc" "0"
    # every message with a % directive is marked c-format
    nofmt=$(python3 - "$T/fresh.pot" <<'PY'
import re, sys
blocks = open(sys.argv[1], encoding='utf-8').read().split('\n\n')
for b in blocks[1:]:
    mid = ''.join(re.findall(r'^(?:msgid )?"(.*)"$', b.split('msgstr')[0], re.M))
    if re.search(r'%(?!%)[-+ #0-9.]*(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp]', mid) and 'c-format' not in b:
        print(mid[:60])
PY
)
    expect_eq "messages with printf directives are c-format" "$nofmt" ""
else
    echo "ok - # skip: xgettext/msgmerge/cmake not installed"
fi

# --- (b) English through the environment -----------------------------------
if [ ! -f "$LOCALEDIR/en/LC_MESSAGES/motcua.mo" ]; then
    bad "no $LOCALEDIR/en/LC_MESSAGES/motcua.mo (build the translations target)"
    finish; exit
fi
init_office
export MOTCUA_LOCALEDIR="$LOCALEDIR"
EN() { LANG=en_US.UTF-8 m "$@"; }

out=$(EN validate cccd 12345 2>&1); rc=$?
expect_eq "bad CCCD still fails in English (exit)" "$rc" "3"
expect_match "bad CCCD: English message" "$out" "The CCCD number must have 12 digits \(it has 5\)"
out=$(EN dossier new --procedure $PROC --applicant-name "Nguyễn Thị Hường" --id-number 0011900123 \
    --document "$REQDOC|original|1" 2>&1); rc=$?
expect_eq "intake with a bad CCCD refused (exit)" "$rc" "3"
expect_match "intake error in English" "$out" "must have 12 digits.*\(it has 10\)"
out=$(env LC_ALL=en_GB.UTF-8 "$MOTCUA" validate phone 0912 2>&1)
expect_match "LC_ALL=en_GB gives English" "$out" "A mobile number must have 10 digits"
out=$(LANGUAGE=en m validate phone 0912 2>&1)
expect_match "LANGUAGE=en gives English" "$out" "A mobile number must have 10 digits"
out=$(EN help 2>&1)
expect_match "help in English" "$out" "Usage: motcua .*COMMAND"

code=$(m dossier new --procedure $PROC --applicant-name "Nguyễn Thị Hường" --id-number 001190012345 \
    --document "$REQDOC|original|1")
json=$(EN --json dossier show "$code")
expect_eq "status stays a key in JSON" "$(echo "$json" | jget status)" "received"
expect_eq "status label in English" "$(echo "$json" | jget status_label)" "Received"
out=$(EN dossier show "$code")
expect_match "dossier show labels in English" "$out" "Procedure:"

# --- (c) Vietnamese by default --------------------------------------------
out=$(m validate cccd 12345 2>&1)
expect_match "no LANG: Vietnamese" "$out" "Số CCCD phải có 12 chữ số \(đang có 5\)"
out=$(LANG=C m validate cccd 12345 2>&1)
expect_match "LANG=C: Vietnamese" "$out" "Số CCCD phải có 12 chữ số"
out=$(LANG=vi_VN.UTF-8 m validate cccd 12345 2>&1)
expect_match "LANG=vi_VN: Vietnamese" "$out" "Số CCCD phải có 12 chữ số"
expect_eq "status label in Vietnamese" "$(m --json dossier show "$code" | jget status_label)" "Đã tiếp nhận"
out=$(MOTCUA_LOCALEDIR=$T/nowhere LANG=en_US.UTF-8 m validate cccd 12345 2>&1)
expect_match "no catalogue installed: Vietnamese" "$out" "Số CCCD phải có 12 chữ số"

# --- (d) desk.language = en -----------------------------------------------
printf '[desk]\nlanguage = en\n' >"$T/en.conf"
out=$(m --config "$T/en.conf" validate cccd 12345 2>&1)
expect_match "desk.language = en: English" "$out" "The CCCD number must have 12 digits"
expect_eq "desk.language = en: status label" \
    "$(m --config "$T/en.conf" --json dossier show "$code" | jget status_label)" "Received"
out=$(LANG=vi_VN.UTF-8 m --config "$T/en.conf" validate cccd 12345 2>&1)
expect_match "a Vietnamese environment outranks desk.language" "$out" "Số CCCD phải có 12 chữ số"
printf '[desk]\nlanguage = vi\n' >"$T/vi.conf"
out=$(m --config "$T/vi.conf" validate cccd 12345 2>&1)
expect_match "desk.language = vi: Vietnamese" "$out" "Số CCCD phải có 12 chữ số"

finish
