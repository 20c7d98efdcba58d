#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sign-in sessions: `motcua login` checks the password once (argon2id) and
# later commands of that user pass without it - from the 0600 session file
# under $XDG_RUNTIME_DIR or from MOTCUA_SESSION (concurrent scripts); logout,
# idleness and a lockout end it; start and end are audited.
. "$(dirname "$0")/lib.sh"
init_office
export XDG_RUNTIME_DIR="$T/run"
mkdir -m 0700 "$XDG_RUNTIME_DIR"
echo 'canbo-pass-1' | m user add canbo1 --name "Trần Thị Mai" --role clerk \
    --password-stdin >/dev/null
intake() {
    m dossier new --procedure "$PROC" --applicant-name "Nguyễn Thị Hường" \
        --id-number 001190012345 --document "$REQDOC|original|1" </dev/null
}

out=$(m login)
expect_match "login names the session file" "$out" "$XDG_RUNTIME_DIR/motcua/session-"
f=$(ls "$XDG_RUNTIME_DIR"/motcua/session-*-admin)
expect_eq "the session file is 0600" "$(stat -c %a "$f")" "600"
expect_eq "the file holds no password" "$(grep -c "$MOTCUA_PASSWORD" "$f")" "0"
expect_eq "only the token's hash is stored" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM sessions WHERE token_hash = '$(head -c 64 "$f")'")" "0"

m login >/dev/null
expect_eq "a second login replaces the file's session" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL")" "1"
f=$(ls "$XDG_RUNTIME_DIR"/motcua/session-*-admin)

# no password anywhere: the session file signs in
saved_pw=$MOTCUA_PASSWORD
unset MOTCUA_PASSWORD
code=$(intake)
expect_match "intake through the session" "$code" '^000\.00\.06\.H56-260213-0001$'
expect_eq "received by the session's user" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT received_by FROM dossiers WHERE code = '$code'")" "admin"
expect_eq "no wrong password counted" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT failed_logins FROM users WHERE login = 'admin'")" "0"

# another user has no session here
err=$(m --user canbo1 dossier list </dev/null 2>&1); rc=$?
expect_eq "another user's command without password is refused" "$rc" "8"

# MOTCUA_SESSION for concurrent scripts
tok=$(MOTCUA_PASSWORD=canbo-pass-1 m --user canbo1 login --print)
expect_match "login --print gives the token" "$tok" '^[0-9a-f]{64}$'
pids=()
names=(x "Lê Văn Nam" "Phạm Thị Lan" "Hoàng Văn Sơn" "Vũ Thị Yến")
for i in 1 2 3 4; do
    MOTCUA_SESSION=$tok m --user canbo1 dossier new --procedure "$PROC" \
        --applicant-name "${names[$i]}" --document "$REQDOC|original|1" \
        </dev/null >"$T/conc.$i" 2>&1 &
    pids+=($!)
done
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
expect_eq "4 concurrent intakes on one session" "$failed" "0"
[ "$failed" -eq 0 ] || cat "$T"/conc.*
expect_eq "all 4 received by canbo1" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM dossiers WHERE received_by = 'canbo1'")" "4"
out=$(MOTCUA_SESSION=$tok m --user admin dossier list </dev/null 2>&1); rc=$?
expect_eq "a session is its own user's only" "$rc" "8"
bad_tok=$(printf '%064d' 7)
out=$(MOTCUA_SESSION=$bad_tok m --user canbo1 --json dossier list </dev/null 2>/dev/null); rc=$?
expect_eq "an unknown token is refused" "$rc" "8"
expect_eq "the error names the session" "$(printf '%s' "$out" | jget error.field)" "session"
out=$(MOTCUA_SESSION=xyz m --user canbo1 dossier list </dev/null 2>&1); rc=$?
expect_match "a malformed token is refused by name" "$rc:$out" '^8:.*64'

# lockout: wrong passwords still count (login always asks for it), and a
# locked account's sessions are refused - also after the lock ends
for i in 1 2 3 4 5; do
    MOTCUA_PASSWORD=wrong-pass m --user canbo1 login --print >/dev/null 2>&1
done
expect_eq "five wrong passwords lock the account" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT locked_until > 0 FROM users WHERE login = 'canbo1'")" "1"
out=$(MOTCUA_SESSION=$tok m --user canbo1 dossier list </dev/null 2>&1); rc=$?
expect_match "the locked account's session is refused" "$rc:$out" '^8:.*tạm khoá'
out=$(MOTCUA_NOW=2026-02-13T10:20:00+07:00 MOTCUA_SESSION=$tok \
      m --user canbo1 dossier list </dev/null 2>&1); rc=$?
expect_match "the lock ended the session for good" "$rc:$out" '^8:.*đã kết thúc'

# idle expiry (desk.session_idle_minutes, 60 by default)
out=$(MOTCUA_NOW=2026-02-13T11:01:00+07:00 m dossier list </dev/null 2>&1); rc=$?
expect_match "an idle session expires" "$rc:$out" '^8:.*hết hạn'
out=$(MOTCUA_NOW=2026-02-13T10:50:00+07:00 m dossier list </dev/null 2>&1); rc=$?
expect_eq "a session used within the idle time lives on" "$rc" "0"
out=$(MOTCUA_NOW=2026-02-13T11:40:00+07:00 m dossier list </dev/null 2>&1); rc=$?
expect_eq "each use restarts the idle time" "$rc" "0"
out=$(MOTCUA_NOW=2026-02-13T11:40:00+07:00 MOTCUA_PASSWORD=$saved_pw m dossier list </dev/null 2>&1); rc=$?
expect_eq "with a password at hand a stale file gives way" "$rc" "0"

# a token file others can read is not trusted
chmod 0640 "$f"
out=$(MOTCUA_NOW=2026-02-13T11:41:00+07:00 m dossier list </dev/null 2>&1); rc=$?
expect_eq "a group-readable session file is ignored" "$rc" "8"
chmod 0600 "$f"

# logout ends it and removes the file
out=$(MOTCUA_NOW=2026-02-13T11:41:00+07:00 m logout)
expect_match "logout" "$out" "admin"
[ ! -e "$f" ] && ok "the session file is gone" || bad "the session file is still there"
expect_eq "ended in the database" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.login = 'admin' AND s.ended_at IS NULL")" "0"
out=$(MOTCUA_NOW=2026-02-13T11:41:00+07:00 m dossier list </dev/null 2>&1); rc=$?
expect_eq "after logout a password is needed again" "$rc" "8"
out=$(MOTCUA_SESSION=$tok m --user canbo1 logout 2>&1); rc=$?
expect_eq "logout of an ended session still succeeds" "$rc" "0"

export MOTCUA_PASSWORD=$saved_pw
expect_eq "session starts and ends are audited" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT group_concat(action || ':' || object, ' ') FROM audit WHERE action LIKE 'session.%'")" \
    "session.start:admin session.start:admin session.end:admin session.start:canbo1 session.end:admin"
expect_match "audit chain verifies" "$(m audit verify)" "nguyên vẹn"
out=$(env -u XDG_RUNTIME_DIR "$MOTCUA" login 2>&1); rc=$?
expect_match "without XDG_RUNTIME_DIR login asks for --print" "$rc:$out" '^3:.*--print'
finish
