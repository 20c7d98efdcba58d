/* SPDX-License-Identifier: GPL-3.0-or-later */
/* config.h - the office configuration (an INI file read with inih).
 *
 * Every key is declared once, in CFG_OPTION_LIST below: section, key, type,
 * default, constraint and a Vietnamese description.  The same list gives
 * the parser, `motcua config check/show`, the shipped default file
 * forms/motcua.conf (cfg_default_text(); a unit test keeps the two equal)
 * and, later, the man page.
 *
 * Search order (the first file found is used, there is no merging):
 *   1. the explicit path (--config), which must exist;
 *   2. $MOTCUA_CONFIG, which must exist when set;
 *   3. $XDG_CONFIG_HOME/motcua/motcua.conf (or ~/.config/motcua/motcua.conf);
 *   4. /etc/motcua/motcua.conf.
 * Keys the file does not set keep their default.  A bad key or value never
 * stops loading: it is recorded as a problem (file:line) and the default
 * stays in force; cfg_check lists every problem.
 */
#ifndef MOTCUA_CONFIG_H
#define MOTCUA_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "mc_error.h"

typedef enum {
    CFG_STRING, /* free text (one line) */
    CFG_AGENCY, /* agency id: up to 35 of 0-9 A-Z . (empty = not set) */
    CFG_INT,    /* integer in the range given as "min..max" */
    CFG_ENUM,   /* one of the words given as "a|b" */
    CFG_TIME,   /* HH:MM, 24-hour */
    CFG_URL,    /* http(s)://... ("https" constraint: https only); empty = not set */
    CFG_PATH,   /* absolute path; empty = not set */
} cfg_type;

/* Dossier files and scanned papers (issue 12; src/desk/desk_files.h). */
#define CFG_OPTION_LIST_FILES(X)                                               \
    X("files", "dir", CFG_PATH, "", NULL,                                      \
      N_("Thư mục (đường dẫn tuyệt đối) lưu các tệp của hồ sơ (bản quét, "    \
         "kết quả), đặt tên theo mã băm SHA-256; để trống dùng thư mục "       \
         "files cạnh tệp cơ sở dữ liệu."))                                     \
    X("files", "max_file_mib", CFG_INT, "20", "1..1024",                       \
      N_("Dung lượng tối đa (MiB) của một tệp đính kèm."))                     \
    X("files", "max_dossier_mib", CFG_INT, "200", "1..10240",                  \
      N_("Tổng dung lượng tối đa (MiB) các tệp của một hồ sơ."))               \
    X("scans", "mandatory", CFG_ENUM, "no", "no|yes",                          \
      N_("yes = mỗi giấy tờ bắt buộc của hồ sơ phải có bản quét; màn hình "    \
         "tiếp nhận chỉ ra giấy tờ nào còn thiếu bản quét."))                  \
    X("scans", "folder", CFG_PATH, "", NULL,                                   \
      N_("Thư mục máy quét mạng lưu tệp vào (đường dẫn tuyệt đối); cán bộ "    \
         "chọn các tệp mới nhất để đính kèm. Để trống khi không dùng."))       \
    X("scans", "device", CFG_STRING, "", NULL,                                 \
      N_("Tên thiết bị SANE của máy quét gắn vào máy này (như scanimage -L "   \
         "liệt kê); để trống dùng thiết bị mặc định."))                        \
    X("scans", "resolution", CFG_INT, "200", "75..600",                        \
      N_("Độ phân giải (dpi) khi quét bằng máy quét gắn vào máy này."))

/* X(section, key, type, default, constraint, description) */
#define CFG_OPTION_LIST(X)                                                     \
    X("office", "code", CFG_AGENCY, "", NULL,                                  \
      N_("Mã định danh của cơ quan tiếp nhận, dùng làm phần đầu của mã hồ "    \
         "sơ (ví dụ 000.00.06.H56 hoặc H56.14): tối đa 35 ký tự 0-9 A-Z và "   \
         "dấu chấm."))                                                         \
    X("office", "name", CFG_STRING, "", NULL,                                  \
      N_("Tên bộ phận tiếp nhận và trả kết quả, in trên các phiếu."))          \
    X("office", "parent_agency", CFG_STRING, "", NULL,                         \
      N_("Tên cơ quan chủ quản, in ở đầu các phiếu (ví dụ BẢO HIỂM XÃ HỘI "    \
         "TỈNH ...)."))                                                        \
    X("office", "address", CFG_STRING, "", NULL,                               \
      N_("Địa chỉ nơi tiếp nhận và trả kết quả."))                             \
    X("office", "phone", CFG_STRING, "", NULL,                                 \
      N_("Số điện thoại liên hệ in trên phiếu."))                              \
    X("office", "place", CFG_STRING, "", NULL,                                 \
      N_("Địa danh in trước ngày tháng trên các phiếu (ví dụ Thanh Hóa)."))    \
    X("hours", "open", CFG_TIME, "08:00", NULL,                                \
      N_("Giờ mở cửa (HH:MM). Hồ sơ nhận ngoài giờ hẹn trả theo giờ mở "       \
         "cửa."))                                                              \
    X("hours", "lunch_start", CFG_TIME, "12:00", NULL,                         \
      N_("Giờ bắt đầu nghỉ trưa (HH:MM)."))                                    \
    X("hours", "lunch_end", CFG_TIME, "13:00", NULL,                           \
      N_("Giờ làm việc lại buổi chiều (HH:MM)."))                              \
    X("hours", "close", CFG_TIME, "17:00", NULL,                               \
      N_("Giờ đóng cửa (HH:MM)."))                                             \
    X("lookup", "url_base", CFG_URL, "", NULL,                                 \
      N_("Đầu địa chỉ trang tra cứu công khai; mã QR trên phiếu là địa chỉ "   \
         "này nối với mã hồ sơ. Để trống khi chưa có trang tra cứu."))         \
    X("print", "paper", CFG_ENUM, "A4", "A4|A5",                               \
      N_("Khổ giấy in giấy tiếp nhận và hẹn trả kết quả: A4 hoặc A5."))        \
    X("print", "receipt_queue", CFG_STRING, "", NULL,                          \
      N_("Tên hàng đợi CUPS của máy in phiếu; để trống dùng máy in mặc "      \
         "định."))                                                             \
    X("print", "ticket_queue", CFG_STRING, "", NULL,                           \
      N_("Tên hàng đợi CUPS của máy in số thứ tự; để trống dùng máy in mặc "  \
         "định."))                                                             \
    X("print", "receipts_dir", CFG_PATH, "", NULL,                             \
      N_("Thư mục (đường dẫn tuyệt đối) lưu bản PDF các phiếu đã in; để "     \
         "trống thì không lưu."))                                              \
    X("sync", "url", CFG_URL, "", "https",                                     \
      N_("Địa chỉ HTTPS của máy chủ trung tâm; để trống khi văn phòng chạy "   \
         "độc lập."))                                                          \
    X("sync", "ca_file", CFG_PATH, "", NULL,                                   \
      N_("Tệp chứng chỉ CA (PEM) để xác thực máy chủ trung tâm; để trống "     \
         "dùng kho chứng chỉ của hệ thống."))                                  \
    X("sync", "client_cert", CFG_PATH, "", NULL,                               \
      N_("Tệp chứng chỉ của văn phòng (PEM) cho xác thực hai chiều (mTLS)."))  \
    X("sync", "client_key", CFG_PATH, "", NULL,                                \
      N_("Tệp khóa riêng của văn phòng (PEM), chỉ người chạy motcua được "     \
         "đọc."))                                                              \
    X("sync", "batch_size", CFG_INT, "100", "1..1000",                         \
      N_("Số sự kiện gửi lên máy chủ trong một lần."))                         \
    X("sync", "interval_seconds", CFG_INT, "60", "5..86400",                   \
      N_("Khoảng cách (giây) giữa hai lần đồng bộ."))                          \
    X("desk", "language", CFG_ENUM, "vi", "vi|en",                             \
      N_("Ngôn ngữ giao diện: vi (tiếng Việt) hoặc en (tiếng Anh)."))          \
    X("desk", "idle_lock_minutes", CFG_INT, "10", "1..240",                    \
      N_("Số phút không thao tác thì màn hình tự khoá về đăng nhập (biểu "     \
         "mẫu đang nhập dở được giữ lại)."))                                   \
    X("desk", "session_idle_minutes", CFG_INT, "60", "1..720",                 \
      N_("Số phút không dùng thì phiên đăng nhập của dòng lệnh (motcua "       \
         "login) hết hạn; phiên nào cũng hết hạn sau 12 giờ."))                \
    X("desk", "supplement_clock", CFG_ENUM, "restart", "restart|extend",       \
      N_("Khi công dân nộp đủ giấy tờ bổ sung: restart = tính lại thời hạn "   \
         "giải quyết từ đầu; extend = cộng thêm số ngày đã chờ bổ sung."))   \
    X("desk", "counter", CFG_INT, "0", "0..99",                                \
      N_("Số quầy của máy này (1-99): màn hình tiếp nhận gọi số thứ tự cho "   \
         "quầy này; 0 = máy không gọi số."))                                   \
    CFG_OPTION_LIST_FILES(X)

typedef struct cfg_option {
    const char *section;
    const char *key;
    cfg_type type;
    const char *def;
    const char *constraint; /* "min..max", "a|b", "https" or NULL */
    const char *desc;       /* msgid (Vietnamese) */
} cfg_option;

/* The table, in declaration order. */
size_t cfg_option_count(void);
const cfg_option *cfg_option_at(size_t i);
const cfg_option *cfg_option_find(const char *section, const char *key);
const char *cfg_type_name(cfg_type t); /* "string", "int", ... */

typedef struct mc_config mc_config;

/* One bad line, key or value. */
typedef struct cfg_problem {
    const char *file;    /* the file it is in */
    int line;            /* 1-based; 0 when about a default */
    const char *section; /* may be "" */
    const char *key;     /* may be "" (a line that is not key = value) */
    const char *msg;     /* "file:line: khóa \"sync.url\": reason" */
} cfg_problem;

/* Find and load the configuration (see the search order above).  Fails
 * only when a named file (explicit or $MOTCUA_CONFIG) is missing, a file
 * cannot be read, or it is larger than CFG_MAX_FILE_BYTES; bad keys and
 * values are problems (cfg_check), not failures. */
mc_status cfg_load(const char *explicit_path, mc_config **out,
                   mc_error *err) MC_MUST_USE;
/* Load exactly this file (no search). */
mc_status cfg_load_file(const char *path, mc_config **out,
                        mc_error *err) MC_MUST_USE;
/* Parse configuration text already in memory (`path` names it in
 * messages and cfg_path); what cfg_load_file does after reading the file. */
mc_status cfg_load_text(const char *text, size_t len, const char *path,
                        mc_config **out, mc_error *err) MC_MUST_USE;
/* Defaults only. */
mc_config *cfg_defaults(void);
void cfg_free(mc_config *c);

#define CFG_MAX_FILE_BYTES (64 * 1024)

/* The file that was loaded, or NULL (defaults only). */
const char *cfg_path(const mc_config *c);

/* The effective value ("" for an empty one), or NULL for an unknown key. */
const char *cfg_get(const mc_config *c, const char *section, const char *key);
/* Typed getters; an unknown key or wrong type gives the fallback. */
long cfg_get_int(const mc_config *c, const char *section, const char *key,
                 long fallback);
/* CFG_TIME as minutes after midnight. */
int cfg_get_minutes(const mc_config *c, const char *section, const char *key,
                    int fallback);
/* true when the value is set (not empty). */
bool cfg_is_set(const mc_config *c, const char *section, const char *key);
/* Where the value comes from: "file:line" or "default". */
const char *cfg_origin(const mc_config *c, const char *section,
                       const char *key);

/* Call fn for every problem (bad line, unknown key, bad value, keys that
 * disagree); returns how many there are. */
size_t cfg_check(const mc_config *c,
                 void (*fn)(const cfg_problem *p, void *ud), void *ud);

/* Check `value` for `section.key` and set it in the file that was loaded
 * (or, when none was, in the user's file under $XDG_CONFIG_HOME, made with
 * its folder), keeping the rest of the file as it is.  The file is written
 * atomically: a temporary file in the same folder (mkstemp, mode 0600),
 * write, fsync, rename over the old one, fsync the folder.  On success *c
 * is reloaded from the new file. */
mc_status cfg_set_and_save(mc_config *c, const char *section, const char *key,
                           const char *value, mc_error *err) MC_MUST_USE;

/* The commented default file (malloc'd): every key with its description,
 * type, constraint and default.  forms/motcua.conf is this text. */
char *cfg_default_text(void);

#endif
