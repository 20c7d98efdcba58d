#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_crash_restore.sh - a crash never leaves the clerk's terminal broken:
# the handler restores the terminal (leaves the alternate screen, shows
# the cursor, echo back on), then prints the version and a backtrace.
# SIGTERM (the terminal closing, a shutdown) quits cleanly.
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office

motcua_pid() { pgrep -P "$(tmx display -p '#{pane_pid}')" | head -1; }

tui_start 80 24
tui_login admin
tui_wait "Hôm nay của bạn"
expect_eq "the TUI runs on the alternate screen" "$(tmx display -p '#{alternate_on}')" "1"
kill -SEGV "$(motcua_pid)"
expect_screen "the process died of the signal" "[exit 139]"
expect_eq "terminal restored: alternate screen left" "$(tmx display -p '#{alternate_on}')" "0"
expect_eq "terminal restored: cursor visible" "$(tmx display -p '#{cursor_flag}')" "1"
expect_match "version in the crash report" "$(cat "$T/stderr")" "motcua [0-9.]+: crashed \(signal 11\)"
expect_match "a backtrace follows" "$(cat "$T/stderr")" "motcua\(|\[0x[0-9a-f]+\]"
tui_stop

tui_start 80 24
tui_wait "Tên đăng nhập"
kill -TERM "$(motcua_pid)"
expect_screen "SIGTERM quits cleanly" "[exit 0]"
expect_eq "terminal restored after SIGTERM" "$(tmx display -p '#{alternate_on}')" "0"
finish
