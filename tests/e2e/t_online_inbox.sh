#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# t_online_inbox.sh - the online inbox in the TUI at 80x24, with the real
# centre: dossiers filed by the portal's connector and pulled by sync show
# as a count on the home screen; F7 lists them; Enter shows one's papers
# and its attached file; F2 accepts after a confirmation (a code, the
# receipt kept as a PDF); F7 asks for a supplement with the missing paper
# and a reason (Mẫu 02 kept, the event queued for the centre); a dossier
# another desk accepted meanwhile is refused with that clerk's name; the
# home count follows; the accepted dossier's screen names its portal
# reference.
. "$MOTCUA_TESTS/sync/lib_sync.sh"
. "$MOTCUA_TESTS/e2e/tui_lib.sh"
trap 'tui_stop; sync_cleanup' EXIT
pg_start
pki_make
mkca connca "motcua test portal connector CA"
mkcert connector connca motcua-portal-connector "" client
central_start server --connector-ca "$PKI/connca.pem"
init_office
desk_config
echo minh-pass-123 | m user add minh --name "Trần Văn Minh" --role clerk --password-stdin >/dev/null
P=G22.99-260213
R1=$P-100001 R2=$P-100002 R3=$P-100003
python3 "$MOTCUA_TESTS/sync/online_file.py" --port "$CPORT" --ca "$PKI/ca.pem" \
    --cert "$PKI/connector.pem" --key "$PKI/connector.key" --office "$OFFICE" \
    --count 3 --prefix $P >/dev/null || bad "the connector files 3 dossiers"
m sync --once >/dev/null || bad "sync pulls them"

tui_start 80 24 "MOTCUA_CONFIG=$MOTCUA_CONFIG"
tui_login admin
tui_wait "Hôm nay của bạn"
expect_lines "home: the waiting online dossiers, and the key to them" <<'SCREEN'
    Trực tuyến chờ tiếp nhận (F7)            3
    F7   o   Hồ sơ nộp trực tuyến chờ tiếp nhận (hộp thư trực tuyến)
SCREEN
tui_key F7
expect_lines "the inbox lists the three, with name and filing time" <<SCREEN
  Hồ sơ nộp trực tuyến chờ tiếp nhận: 3
 $R1     13/02/2026 08:00 1.014166   Nguyễn Văn An
 $R2     13/02/2026 09:01 1.014166   Trần Văn An
SCREEN
tui_key Enter
expect_lines "Enter shows the papers and the attached file" <<SCREEN
  Hồ sơ trực tuyến $R1
  Người nộp:       Nguyễn Văn An
    2. Danh sách do người sử dụng lao động lập
  Tệp đính kèm: 1
    [giấy 1] to-khai-1.pdf (application/pdf,
SCREEN
tui_key F2
expect_screen "F2 asks before issuing a code" "Tiếp nhận hồ sơ trực tuyến $R1 và cấp mã hồ sơ?"
tui_key Enter
expect_screen "accepted: the code as at the counter" "Đã tiếp nhận hồ sơ trực tuyến $R1: mã"
tui_wait "000.00.06.H56-260213-0001"
expect_eq "the dossier exists, channel online" "$(m --json dossier show $R1 | jget channel)" "online"
expect_eq "the receipt kept as a PDF" "$(ls "$T/receipts" | grep -c '^receipt-000.00.06.H56-260213-0001')" "1"
expect_screen "the list now shows two" "chờ tiếp nhận: 2"

# R2: a supplement request, with the missing paper and a reason
tui_key F7
expect_screen "F7 opens the supplement request" "YÊU CẦU BỔ SUNG HỒ SƠ TRỰC TUYẾN $R2"
tui_type "Giay ra vien"
tui_key Tab
tui_type "Thieu giay ra vien"
tui_key F2
expect_screen "sent: Mẫu 02 goes through the centre" "Đã yêu cầu bổ sung hồ sơ trực tuyến $R2"
expect_eq "the inbox row is supplement_requested" "$(m --json online show $R2 | jget state)" "supplement_requested"
expect_eq "the online_decision event waits for the centre" \
    "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM outbox WHERE kind = 'online_decision' AND acked_at IS NULL")" "1"
expect_match "Mẫu 02 kept" "$(head -c 5 "$T/receipts/online-supplement-$R2.pdf")" "^%PDF-"

# R3: another desk accepts it while it is on this screen
expect_screen "R3 is still listed here" "$R3"
MOTCUA_USER=minh MOTCUA_PASSWORD=minh-pass-123 m online accept $R3 >/dev/null || bad "minh accepts R3 at his desk"
tui_key F2
tui_wait "Tiếp nhận hồ sơ trực tuyến $R3"
tui_key Enter
expect_screen "the second accept names who took it" "đã được minh tiếp nhận lúc"
expect_screen "the list is read again: nothing waits" "không có hồ sơ trực tuyến nào chờ tiếp nhận"
expect_eq "one code each for R1 and R3, nothing else" "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM issued_codes")" "2"
tui_key F10
expect_lines "home: the count follows" <<'SCREEN'
    Trực tuyến chờ tiếp nhận (F7)            0
SCREEN
m sync --once >/dev/null || bad "the decisions reach the centre"
# a new online dossier pulled by the sync worker shows on the home screen
# by itself (the count is read again every few seconds)
python3 "$MOTCUA_TESTS/sync/online_file.py" --port "$CPORT" --ca "$PKI/ca.pem" \
    --cert "$PKI/connector.pem" --key "$PKI/connector.key" --office "$OFFICE" \
    --count 1 --prefix G22.99-260214 >/dev/null || bad "the connector files one more"
m sync --once >/dev/null || bad "sync pulls it"
expect_screen "home: the new one is counted without a key pressed" \
    "Trực tuyến chờ tiếp nhận (F7)            1" 20
expect_eq "centre: R2 supplement requested" \
    "$(psql_q "SELECT state FROM online_dossiers WHERE portal_ref = '$R2'")" "supplement_requested"
# the dossier accepted from the inbox names its portal reference
tui_key F3
tui_wait "Tìm hồ sơ:"
tui_type "000.00.06.H56-260213-0001"
tui_wait "Nguyễn Văn An"
tui_key Enter
expect_lines "the dossier screen names the portal reference" <<SCREEN
   Tiếp nhận lúc
   Số hồ sơ trên Cổng         $R1
SCREEN
tui_key F10 F10
tui_wait "Hôm nay của bạn"
tui_key F10
tui_key F10
tui_wait "[exit 0]"
expect_sanitizers_clean
finish
