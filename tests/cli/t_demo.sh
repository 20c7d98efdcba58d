#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_demo.sh - `motcua demo`: the first day needs three logins (the clerk
# takes in and hands over, only a supervisor marks a dossier done, the
# admin runs the office), so the demo prints all three with their
# passwords and each one works; it sets a demo lookup.url_base in the
# user's configuration so the receipt's QR holds a lookup URL.
. "$MOTCUA_TESTS/cli/lib.sh"
unset MOTCUA_DB MOTCUA_USER MOTCUA_PASSWORD
DB="$XDG_DATA_HOME/motcua/motcua.db"
CONF="$XDG_CONFIG_HOME/motcua/motcua.conf"

out=$(m demo --help) || bad "demo --help failed: $out"
expect_match "demo --help says what demo does" "$out" "^motcua demo: "
expect_eq "demo --help creates no office" "$(test -e "$DB" && echo made || echo none)" "none"

out=$(m demo) || bad "demo failed: $out"
expect_match "the clerk's login and password" "$out" "canbo1 +demo-clerk-2026 "
expect_match "the supervisor's login and password" "$out" "lanhdao1 +demo-lead-2026 "
expect_match "the admin's login and password" "$out" "admin +demo-admin-2026 "
expect_match "the lookup address is said" "$out" \
    "lookup.url_base = https://tracuu.example.gov.vn/tra-cuu/ trong $CONF"
expect_eq "url_base is in the user's configuration" \
    "$(m --json config show | python3 -c 'import json,sys
for o in json.load(sys.stdin)["options"]:
    if o["section"] == "lookup" and o["key"] == "url_base": print(o["value"])')" \
    "https://tracuu.example.gov.vn/tra-cuu/"

CODE=$(MOTCUA_PASSWORD=demo-clerk-2026 m --db "$DB" --user canbo1 --json dossier list | jget 0.code)
expect_match "the clerk signs in and sees the demo dossier" "$CODE" "^000\.00\.31\.H29-"
if MOTCUA_PASSWORD=demo-clerk-2026 m --db "$DB" --user canbo1 dossier advance "$CODE" --to done >/dev/null 2>&1; then
    bad "a clerk marked the dossier done"
else
    ok "a clerk may not mark it done"
fi
expect_eq "the supervisor may" \
    "$(MOTCUA_PASSWORD=demo-lead-2026 m --db "$DB" --user lanhdao1 --json dossier advance "$CODE" --to done | jget status)" "done"
if echo "mat-khau-moi-1" | MOTCUA_PASSWORD=demo-admin-2026 m --db "$DB" --user admin \
    user add canbo2 --name "Phạm Văn Nam" --role clerk --password-stdin >/dev/null; then
    ok "the admin signs in and adds a clerk"
else
    bad "the admin's printed password does not work"
fi

# a second run reuses the office and leaves the user's url_base alone
m config set lookup.url_base https://tra-cuu.test/ >/dev/null
out=$(m demo) || bad "second demo failed: $out"
expect_match "reused, the logins are printed again" "$out" "lanhdao1 +demo-lead-2026 "
expect_match "the url_base the user set is kept" "$out" "https://tra-cuu.test/<mã hồ sơ>"
finish
