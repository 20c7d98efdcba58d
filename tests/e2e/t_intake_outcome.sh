#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_intake_outcome.sh - a Saturday intake at 21:16: the form warns before
# the save that the office is closed and from when the time counts (the
# next opening, Decree 118/2025: Monday 23/02/2026 after the Tết days);
# the done screen shows the appointment large; with no printer set up the
# PDF is the normal outcome, not a CUPS failure.  The CLI warns on stderr.
export MOTCUA_NOW=2026-02-14T21:16:00+07:00
. "$MOTCUA_TESTS/cli/lib.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
init_office
CODE=000.00.06.H56-260214-0001

tui_start 80 24
tui_login admin
tui_wait "Hôm nay của bạn"
tui_key F5
tui_wait "Chọn thủ tục"
tui_type "$PROC"
tui_key Enter
tui_wait "Họ tên người nộp"
expect_lines "outside working hours is said on the form, before the save" <<'SCREEN'
 Thời hạn: 7 ngày làm việc · NGOÀI GIỜ LÀM VIỆC: tính từ 08:00 thứ Hai 23/02
 Ngoài giờ làm việc (thứ Bảy 14/02/2026 21:16): hồ sơ được tính là
 nhận lúc 08:00 thứ Hai 23/02/2026, thời hạn giải quyết tính từ đó
SCREEN
expect_eq "nothing saved yet" "$(dossier_count)" "0"
tui_type "Nguyeenx Thij Huwowngf"
tui_key Tab
tui_type "038196001234"
for _ in 1 2 3 4 5 6 7 8 9 10; do tui_key Tab; done
tui_key Space
expect_screen "the warning stays on the form" "NGOÀI GIỜ LÀM VIỆC: tính từ 08:00 thứ Hai 23/02"
tui_key F2
# 7 working days from Monday 23/02 (the Tết days 16-20/02 are off): 04/03
expect_lines "the appointment is shown large" <<'SCREEN'
  Đã tiếp nhận hồ sơ. Mã hồ sơ:
  Số thứ tự                             HẸN TRẢ KẾT QUẢ
  ██████  ██████  ██████    ██          ██████  ██  ██      ██  ██████  ██████
  ██  ██  ██  ██  ██  ██  ████          ██  ██  ██  ██      ██  ██  ██      ██
                                        04/03/2026 08:00, thứ Tư
SCREEN
expect_screen "no printer set up: the PDF is the normal outcome" "Giấy tiếp nhận: đã lưu bản PDF tại"
expect_screen "where it is" "receipt-$CODE.pdf"
expect_screen "and why there was no paper" "phòng chưa cấu hình máy in)"
if tui_screen | grep -q "Chưa in được\|CUPS"; then
    bad "the PDF reads as a printer failure: $(tui_screen | grep -n "CUPS\|Chưa in")"
else
    ok "no CUPS failure on the screen"
fi
expect_eq "due date stored" "$(m --json dossier show "$CODE" | jget due_date)" "2026-03-04"
expect_eq "due time: the opening" "$(m --json dossier show "$CODE" | jget due_at)" "2026-03-04T08:00:00+07:00"

# --- the CLI says it too, on stderr -------------------------------------------------
out=$(m dossier new --procedure "$PROC" --applicant-name "Lê Văn Tám" --document "$REQDOC" 2>"$T/cli.err")
expect_eq "the CLI still takes it in" "$out" "000.00.06.H56-260214-0002"
expect_match "the CLI warns on stderr" "$(cat "$T/cli.err")" "Cảnh báo: Ngoài giờ làm việc \(thứ Bảy 14/02/2026 21:16\): hồ sơ được tính là nhận lúc 08:00 thứ Hai 23/02/2026"
err=$(MOTCUA_NOW=2026-02-24T10:00:00+07:00 m dossier new --procedure "$PROC" --applicant-name "Lê Văn Chín" --document "$REQDOC" 2>&1 >/dev/null)
expect_eq "within working hours: no warning" "$err" ""
expect_eq "within hours the due time is the receipt's" \
    "$(m --json dossier show 000.00.06.H56-260224-0001 | jget due_at)" "2026-03-05T10:00:00+07:00"

tui_key F10
tui_wait "Hôm nay của bạn"
tui_key F10 F10
expect_screen "quits" "[exit 0]"
expect_sanitizers_clean
finish
