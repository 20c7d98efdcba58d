# SPDX-License-Identifier: GPL-3.0-or-later
# golden_lib.sh - the fixed receipts behind tests/print/golden/receipt_a5.png
# and receipt_a4.png (used by t_golden.sh and regen_golden.sh; source after
# tests/cli/lib.sh and init_office, with the clock pinned by lib.sh).
# The dossier is a realistic one: the sickness-allowance procedure with all
# four of its papers, long Vietnamese names, an authorised representative,
# an agency name that wraps, and a lookup URL of production length.
GOLDEN_DPI=30
GOLDEN_DIR="$(dirname "${BASH_SOURCE[0]}")/golden"

# golden_png PAPER -> the golden image of page 1
golden_png() {
    echo "$GOLDEN_DIR/receipt_$(echo "$1" | tr 'A-Z' 'a-z').png"
}

# golden_conf PAPER -> a configuration file for the golden receipts
golden_conf() {
    cat >"$T/golden-$1.conf" <<CONF
[office]
name = Bộ phận Tiếp nhận và Trả kết quả
parent_agency = BẢO HIỂM XÃ HỘI CƠ SỞ THÀNH PHỐ THANH HÓA
address = Số 25 Đại lộ Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa
phone = 0237 3852 123
place = Thanh Hóa
[print]
paper = $1
[lookup]
url_base = https://tracuu.baohiemxahoi.gov.vn/hoso/
CONF
    echo "$T/golden-$1.conf"
}

# golden_dossier CONF [--document ...] -> the new dossier's code
golden_dossier() {
    local conf=$1
    shift
    m --config "$conf" dossier new --procedure bhxh.om-dau \
        --applicant-name "Tôn Nữ Hoàng Thị Phương Quỳnh Anh" \
        --id-number 038190012345 --phone 0912345678 \
        --email phuongquynhanh.tonnu@gmail.com \
        --address "Số 127, ngõ 45, đường Nguyễn Trãi, phường Đông Thọ, tỉnh Thanh Hóa" \
        --rep-name "Nguyễn Lê Hoàng Bảo Ngọc" --rep-id-number 038195067890 \
        --rep-phone 0987654321 \
        --document 1 --document 2 --document 3 --document 4 "$@"
}

# golden_receipt OUT.pdf PAPER
golden_receipt() {
    local conf code
    conf=$(golden_conf "$2")
    code=$(golden_dossier "$conf") || return 1
    m --config "$conf" print receipt "$code" --pdf "$1" >/dev/null
}

# golden_page PDF OUT_PREFIX -> OUT_PREFIX-1.pgm (page 1, grey)
golden_page() {
    pdftoppm -r "$GOLDEN_DPI" -gray -f 1 -l 1 "$1" "$2"
    ls "$2"-*1.pgm
}
