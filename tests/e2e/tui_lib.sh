# SPDX-License-Identifier: GPL-3.0-or-later
# tui_lib.sh - drive the real `motcua` TUI inside a private tmux server.
#
# Sourced by tests/e2e/t_*.sh after tests/cli/lib.sh (temp folder $T,
# pinned clock, fresh office database, ok/bad/expect_* helpers).
#   tui_start [COLS ROWS [ENV=VALUE...]]  start motcua in a detached pane
#                          (TUI_ARGS=(dashboard ...) runs a subcommand;
#                          CUPS_SERVER points nowhere unless given, so a
#                          print goes to the receipts folder, never to a
#                          printer of the machine running the tests)
#   tui_type TEXT          type literally (send-keys -l)
#   tui_key KEY...         named keys: Enter Tab BTab Escape F1..F12 Up Down
#   tui_scan TEXT          what a barcode scanner does: TEXT and Enter at once
#   tui_wait TEXT [SECS]   poll the screen until TEXT shows (fails after SECS)
#   tui_gone TEXT [SECS]   poll until TEXT is no longer on the screen
#   tui_screen             the current screen as text
#   tui_stop               kill the server and wait until it is gone
# The pane command sets the locale itself (CI may have no LANG; C.UTF-8 is
# the one locale every Debian has).
TUI_SOCK="motcua-e2e-$$-${RANDOM}"
TUI_LAST=""
TUI_ARGS=()

tmx() { tmux -L "$TUI_SOCK" "$@"; }

tui_start() {
    local cols="${1:-80}" rows="${2:-24}"
    shift 2 2>/dev/null || shift $#
    local envs=("LC_ALL=C.UTF-8" "TERM=tmux-256color" "MOTCUA_DB=$MOTCUA_DB"
        "MOTCUA_NOW=$MOTCUA_NOW" "MOTCUA_FORMS_DIR=$MOTCUA_FORMS_DIR"
        "HOME=$HOME" "XDG_CONFIG_HOME=$XDG_CONFIG_HOME"
        "XDG_DATA_HOME=$XDG_DATA_HOME" "ASAN_OPTIONS=${ASAN_OPTIONS:-}"
        "CUPS_SERVER=${CUPS_SERVER:-$T/no-cups.sock}" "$@")
    local cmd="env -i PATH=/usr/bin:/bin"
    local e
    for e in "${envs[@]}"; do cmd+=" $(printf '%q' "$e")"; done
    cmd+=" $(printf '%q' "$MOTCUA")"
    for e in "${TUI_ARGS[@]}"; do cmd+=" $(printf '%q' "$e")"; done
    cmd+=" 2>$(printf '%q' "$T/stderr")"
    cmd+="; echo \"[exit \$?]\"; sleep 30"
    tmx -f /dev/null new-session -d -x "$cols" -y "$rows" "$cmd"
    tmx set-option -g status off >/dev/null
}

tui_screen() { tmx capture-pane -p 2>/dev/null; }
tui_type() { tmx send-keys -l -- "$1"; }
tui_key() { tmx send-keys "$@"; }
tui_scan() { tmx send-keys -l -- "$1"$'\r'; }

tui_wait() {
    local text="$1" secs="${2:-10}" i=0
    local tries=$((secs * 20))
    while [ $i -lt $tries ]; do
        TUI_LAST=$(tui_screen)
        if printf '%s' "$TUI_LAST" | grep -qF -- "$text"; then return 0; fi
        sleep 0.05
        i=$((i + 1))
    done
    echo "--- timed out waiting for [$text]; the screen was:"
    printf '%s\n' "$TUI_LAST"
    echo "--- stderr:"
    cat "$T/stderr" 2>/dev/null | head -40
    return 1
}

tui_gone() {
    local text="$1" secs="${2:-10}" i=0
    local tries=$((secs * 20))
    while [ $i -lt $tries ]; do
        TUI_LAST=$(tui_screen)
        if ! printf '%s' "$TUI_LAST" | grep -qF -- "$text"; then return 0; fi
        sleep 0.05
        i=$((i + 1))
    done
    echo "--- [$text] still on the screen:"
    printf '%s\n' "$TUI_LAST"
    return 1
}

# expect_screen WHAT TEXT: wait for TEXT, ok/bad
expect_screen() {
    if tui_wait "$2" "${3:-10}"; then ok "$1"; else bad "$1"; fi
}

# ok when the program wrote no sanitizer report to its stderr ($T/stderr)
expect_sanitizers_clean() {
    if grep -q "Sanitizer\|runtime error" "$T/stderr"; then
        bad "sanitizers: $(head -5 "$T/stderr")"
    else
        ok "sanitizers clean"
    fi
}

tui_stop() {
    tmx kill-server 2>/dev/null
    local i=0
    while tmx has-session 2>/dev/null && [ $i -lt 100 ]; do
        sleep 0.05
        i=$((i + 1))
    done
}

# The TUI needs tmux; skip (CTest: pass with a note) where there is none.
command -v tmux >/dev/null || { echo "SKIP: tmux not installed"; exit 0; }
trap 'tui_stop; rm -rf "$T"' EXIT

# expect_lines WHAT <<'SCREEN' ... SCREEN
# Every non-blank line of the snapshot must be on the screen (each line as
# a fixed string; leading/trailing blanks of the snapshot line ignored), so
# tests keep readable screen fragments inline.
expect_lines() {
    local what="$1" line missing=""
    local want
    want=$(cat)
    local i=0
    while [ $i -lt 100 ]; do
        TUI_LAST=$(tui_screen)
        missing=""
        while IFS= read -r line; do
            line="${line#"${line%%[![:space:]]*}"}"
            line="${line%"${line##*[![:space:]]}"}"
            [ -z "$line" ] && continue
            printf '%s' "$TUI_LAST" | grep -qF -- "$line" || missing+="  [$line]"$'\n'
        done <<<"$want"
        [ -z "$missing" ] && break
        sleep 0.05
        i=$((i + 1))
    done
    if [ -z "$missing" ]; then
        ok "$what"
    else
        bad "$what: missing on screen:"$'\n'"$missing"
        printf '%s\n' "$TUI_LAST"
    fi
}

# Log in through the login screen.
tui_login() {
    tui_wait "Mật khẩu" || return 1
    tui_type "${1:-admin}"
    tui_key Enter
    tui_type "${2:-$MOTCUA_PASSWORD}"
    tui_key Enter
}
