/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sync.h - the desk's sync worker: push the outbox to the central service,
 * pull the back office's changes, retry with backoff.  See docs/sync.md.
 *
 * Transport: HTTPS only (libcurl), the server verified against the
 * configured CA file and its host name, the office authenticated by its
 * client certificate (mTLS).  There is no switch that turns verification
 * off.  Every failure is classified (sync_err) so the clerk and the log get
 * a precise message: unknown CA, expired certificate, wrong host name,
 * client certificate refused, server error, timeout...
 */
#ifndef MOTCUA_SYNC_H
#define MOTCUA_SYNC_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "desk.h"

/* X(enum, tag used in JSON and logs, Vietnamese message head) */
#define SYNC_ERR_LIST(X)                                                       \
    X(SYNC_OK, "ok", N_("Đồng bộ xong"))                                       \
    X(SYNC_E_CONFIG, "config",                                                 \
      N_("Cấu hình đồng bộ chưa đúng"))                                        \
    X(SYNC_E_UNKNOWN_CA, "unknown_ca",                                         \
      N_("Không tin được máy chủ trung tâm: chứng chỉ của máy chủ không do "   \
         "CA trong sync.ca_file cấp"))                                         \
    X(SYNC_E_EXPIRED_CERT, "expired_certificate",                              \
      N_("Chứng chỉ của máy chủ trung tâm đã hết hạn (hoặc chưa có hiệu "      \
         "lực)"))                                                              \
    X(SYNC_E_WRONG_HOST, "wrong_host_name",                                    \
      N_("Chứng chỉ của máy chủ trung tâm không mang tên máy chủ trong "       \
         "sync.url"))                                                          \
    X(SYNC_E_SERVER_CERT, "server_certificate",                                \
      N_("Chứng chỉ của máy chủ trung tâm không hợp lệ"))                      \
    X(SYNC_E_CLIENT_CERT_REFUSED, "client_certificate_refused",                \
      N_("Máy chủ trung tâm từ chối chứng chỉ của văn phòng"))                 \
    X(SYNC_E_CLIENT_CERT_FILE, "client_certificate_file",                      \
      N_("Không dùng được chứng chỉ hoặc khóa riêng của văn phòng "            \
         "(sync.client_cert, sync.client_key)"))                               \
    X(SYNC_E_CONNECT, "connect",                                               \
      N_("Không kết nối được tới máy chủ trung tâm"))                          \
    X(SYNC_E_CONNECTION_LOST, "connection_lost",                               \
      N_("Mất kết nối với máy chủ trung tâm giữa chừng"))                      \
    X(SYNC_E_TIMEOUT, "timeout",                                               \
      N_("Máy chủ trung tâm không trả lời kịp"))                               \
    X(SYNC_E_SERVER, "server_error",                                           \
      N_("Máy chủ trung tâm gặp lỗi"))                                         \
    X(SYNC_E_REFUSED, "request_refused",                                       \
      N_("Máy chủ trung tâm từ chối yêu cầu"))                                 \
    X(SYNC_E_PROTOCOL, "protocol",                                             \
      N_("Câu trả lời của máy chủ trung tâm không đúng giao thức"))            \
    X(SYNC_E_DB, "database", N_("Lỗi cơ sở dữ liệu của văn phòng"))

typedef enum sync_err {
#define X(e, tag, msg) e,
    SYNC_ERR_LIST(X)
#undef X
} sync_err;

const char *sync_err_tag(sync_err e);

typedef struct sync_opts {
    const char *url; /* base URL of the central service (https://...) */
    const char *ca_file, *client_cert, *client_key;
    int batch_size;       /* events per push, 1..1000 */
    int interval_seconds; /* daemon: between two runs */
    long timeout_seconds; /* one request, whole */
    long connect_timeout_seconds;
    long upload_chunk_kib; /* dossier files: bytes per PUT / 1024 (0 = 1024) */
} sync_opts;

typedef struct sync_result {
    sync_err err;
    char message[768]; /* translated head + the precise detail */
    long http_status;  /* last HTTP status seen, 0 when none */
    int64_t pushed;    /* events the centre acknowledged in this run */
    int64_t set_aside; /* events it rejected in this run */
    int64_t gaps;      /* gap answers (resent from the expected point) */
    int64_t pulled, applied, remote_rejected;
    int64_t pending;   /* left unacknowledged after the run */
    int64_t renumbered; /* pending events moved after a seq_conflict */
    int64_t lost_codes; /* dossier numbers recorded as lost (reconcile) */
    bool reconciled;    /* the run reconciled a restored database */
    /* dossier files (upload.c): confirmed complete by the centre in this
     * run, bytes sent, set aside; waiting after the run (bytes the centre
     * does not have yet) */
    int64_t files_uploaded, file_bytes_sent, files_set_aside;
    int64_t files_waiting, file_bytes_waiting;
    int64_t online_new, online_changed; /* online inbox: items pulled */
    int64_t online_files;               /* portal files fetched and kept */
} sync_result;

/* Push every pending event, pull and apply the changes, push again what
 * applying produced.  The outcome (last_success / last_error) is recorded
 * in the database.  SYNC_OK only when nothing the push saw is left
 * pending (events written by the other desks while the run was under way
 * wait for the next run: res->pending counts them). */
sync_err sync_once(mc_desk *d, const sync_opts *o, sync_result *res);

/* After a restore: ask the centre for this office's state (GET
 * /v1/offices/OFFICE/state), record the dossier numbers the lost database
 * issued as 'lost' so numbering continues after the centre's highest, then
 * push (a rewound outbox is renumbered on seq_conflict).  The signed-in
 * user must be an admin.  sync_once does the same by itself when the
 * database is marked restored. */
sync_err sync_reconcile(mc_desk *d, const sync_opts *o, sync_result *res);

/* Run sync_once every interval until *stop is set; after a failure wait
 * with exponential backoff and full jitter (2 s doubling up to 5 minutes,
 * never longer than the interval... or 5 min).  One line per run on log. */
void sync_daemon(mc_desk *d, const sync_opts *o, volatile sig_atomic_t *stop,
                 FILE *log);

/* The backoff before retry number `failures` (1, 2, ...): a uniformly
 * random delay in [cap/2, cap] where cap = min(max, base * 2^(failures-1)).
 * rnd is a random 32-bit value (exposed for tests). */
unsigned sync_backoff_seconds(unsigned failures, unsigned base, unsigned max,
                              uint32_t rnd);

#endif
