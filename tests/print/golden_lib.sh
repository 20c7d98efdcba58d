# golden_lib.sh - the fixed receipt behind tests/print/golden/receipt_a5.png
# (used by t_golden.sh and regen_golden.sh; source after tests/cli/lib.sh
# and init_office, with the clock pinned by lib.sh).
GOLDEN_DPI=30
GOLDEN_PNG="$(dirname "${BASH_SOURCE[0]}")/golden/receipt_a5.png"

# golden_receipt OUT.pdf
golden_receipt() {
    cat >"$T/golden.conf" <<'CONF'
[office]
name = Bộ phận Tiếp nhận và Trả kết quả
parent_agency = BẢO HIỂM XÃ HỘI TỈNH THANH HÓA
address = Số 1 Đại lộ Lê Lợi, TP Thanh Hóa
phone = 0237 3852 123
[print]
paper = A5
[lookup]
url_base = https://tracuu.example.vn/hoso/
CONF
    local code
    code=$(m --config "$T/golden.conf" dossier new --procedure "$PROC" \
        --applicant-name "Nguyễn Thị Hường" --id-number 001190012345 \
        --phone 0912345678 --email huong@example.vn \
        --address "Số 1 Phố Huế, Hà Nội" --document "$REQDOC|original|1") || return 1
    m --config "$T/golden.conf" print receipt "$code" --pdf "$1" >/dev/null
}

# golden_page PDF OUT_PREFIX -> OUT_PREFIX-1.pgm (page 1, grey)
golden_page() {
    pdftoppm -r "$GOLDEN_DPI" -gray -f 1 -l 1 "$1" "$2"
    ls "$2"-*1.pgm
}
