/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_report.h - the periodic reports and the supervisor's dashboard.
 *
 * Dossier report, per procedure (and its field), for the days from..to
 * (Vietnam time, inclusive).  The population is every dossier received
 * before the end that was not finished at the start: carried over from
 * before the period, plus received in the period.  Each one ends the
 * period in exactly one of: resolved (done or returned; split on time -
 * early included - and late, early also given alone), in progress (within
 * time - a dossier waiting for papers has its clock paused - or overdue),
 * refused, withdrawn, stopped.  So, by construction and checked in code:
 *     carried + received = resolved + in_progress + refused + withdrawn
 *                          + stopped
 * and resolved = on_time + late, in_progress = within + overdue, received =
 * direct + postal + online.  "returned" (results handed over) is part of
 * resolved, split by the channel the result went back by (returned =
 * returned_desk + returned_post + returned_electronic); a result sent
 * electronically and not yet confirmed delivered is resolved, not returned,
 * and counted in sent_electronic_awaiting_delivery; supplement requests are events counted in the period (on
 * dossiers, and slips given at reception).  Statuses are read from the
 * history at the instants; due times are the dossiers' current ones.
 *
 * Queue report, per service group (the group that issued the number) and
 * per clerk: issued, served, no-show, not served (closed at rollover),
 * still open (an open ticket of an earlier day counts as not served: the
 * next write closes it so); average and 90th-percentile (nearest rank)
 * waiting and service time in seconds; satisfaction counts. */
#ifndef MOTCUA_DESK_REPORT_H
#define MOTCUA_DESK_REPORT_H

#include <jansson.h>
#include <stdint.h>

#include "desk.h"
#include "desk_queue.h"

/* X(member, JSON key, Vietnamese heading) - the counting columns. */
#define DESK_REPORT_DOSSIER_COLS(X)                                            \
    X(carried, "carried_over", "Kỳ trước chuyển sang")                         \
    X(received, "received", "Tiếp nhận trong kỳ")                              \
    X(received_direct, "received_direct", "Trực tiếp")                         \
    X(received_postal, "received_postal", "Qua bưu chính")                     \
    X(received_online, "received_online", "Trực tuyến")                        \
    X(resolved, "resolved", "Đã giải quyết")                                   \
    X(resolved_early, "resolved_early", "Trước hạn")                           \
    X(resolved_on_time, "resolved_on_time", "Đúng hạn (gồm trước hạn)")        \
    X(resolved_late, "resolved_late", "Quá hạn")                               \
    X(returned, "returned", "Đã trả kết quả")                                  \
    X(returned_desk, "returned_desk", "Trả tại quầy")                          \
    X(returned_post, "returned_post", "Trả qua bưu chính")                     \
    X(returned_electronic, "returned_electronic", "Trả điện tử")               \
    X(awaiting_delivery, "sent_electronic_awaiting_delivery",                  \
      "Đã gửi điện tử, chờ xác nhận")                                          \
    X(in_progress, "in_progress", "Đang giải quyết")                           \
    X(in_progress_within, "in_progress_within_time", "Trong hạn")              \
    X(in_progress_overdue, "in_progress_overdue", "Quá hạn (đang giải quyết)") \
    X(waiting_supplement, "waiting_supplement", "Chờ bổ sung")                 \
    X(refused, "refused", "Từ chối tiếp nhận")                                 \
    X(withdrawn, "withdrawn", "Rút hồ sơ")                                     \
    X(stopped, "stopped", "Dừng giải quyết")                                   \
    X(supplement_requests, "supplement_requests", "Yêu cầu bổ sung")           \
    X(guide_slips, "reception_supplement_slips",                               \
      "Phiếu hướng dẫn bổ sung tại quầy")

typedef struct desk_report_dossier_row {
    char *procedure_code, *procedure_name, *field; /* NULL in the total */
#define X(m, k, h) int64_t m;
    DESK_REPORT_DOSSIER_COLS(X)
#undef X
} desk_report_dossier_row;

typedef struct desk_report_dossiers {
    mc_date from, to;
    desk_report_dossier_row *rows; /* by field, then procedure code */
    size_t n_rows;
    desk_report_dossier_row total;
} desk_report_dossiers;

mc_status desk_report_dossiers_make(mc_desk *d, mc_date from, mc_date to,
                                    desk_report_dossiers *out,
                                    mc_error *err) MC_MUST_USE;
void desk_report_dossiers_free(desk_report_dossiers *r);
json_t *desk_report_dossiers_json(const desk_report_dossiers *r);

/* X(member, JSON key, Vietnamese heading) */
#define DESK_REPORT_QUEUE_COUNTS(X)                                            \
    X(issued, "issued", "Số phát")                                             \
    X(served, "served", "Đã phục vụ")                                          \
    X(no_show, "no_show", "Vắng mặt")                                          \
    X(not_served, "not_served", "Không được phục vụ (qua ngày)")               \
    X(open, "open", "Đang chờ/đang phục vụ")                                   \
    X(satisfied, "satisfied", "Hài lòng")                                      \
    X(normal, "normal", "Bình thường")                                         \
    X(not_satisfied, "not_satisfied", "Không hài lòng")
#define DESK_REPORT_QUEUE_TIMES(X)                                             \
    X(wait_avg, "wait_avg_seconds", "Chờ TB (giây)")                           \
    X(wait_p90, "wait_p90_seconds", "Chờ P90 (giây)")                          \
    X(service_avg, "service_avg_seconds", "Phục vụ TB (giây)")                 \
    X(service_p90, "service_p90_seconds", "Phục vụ P90 (giây)")

typedef struct desk_report_queue_row {
    char key[64]; /* service code or clerk login; "" in the total */
    char *name;   /* service name (NULL for a clerk) */
#define X(m, k, h) int64_t m;
    DESK_REPORT_QUEUE_COUNTS(X)
#undef X
#define X(m, k, h) double m;
    DESK_REPORT_QUEUE_TIMES(X)
#undef X
    /* working storage for the percentiles */
    double *waits, *services;
    size_t n_waits, n_services;
} desk_report_queue_row;

typedef struct desk_report_queue {
    mc_date from, to;
    desk_report_queue_row *by_service, *by_clerk;
    size_t n_service, n_clerk;
    desk_report_queue_row total;
} desk_report_queue;

mc_status desk_report_queue_make(mc_desk *d, mc_date from, mc_date to,
                                 desk_report_queue *out,
                                 mc_error *err) MC_MUST_USE;
void desk_report_queue_free(desk_report_queue *r);
json_t *desk_report_queue_json(const desk_report_queue *r);

/* Files: CSV (UTF-8, one header line) and XLSX (Vietnamese headings; only
 * when built with libxlsxwriter, else MC_EINVAL saying so). */
mc_status desk_report_dossiers_csv(const desk_report_dossiers *r,
                                   const char *path, mc_error *err) MC_MUST_USE;
mc_status desk_report_dossiers_xlsx(const desk_report_dossiers *r,
                                    const char *office, const char *path,
                                    mc_error *err) MC_MUST_USE;
mc_status desk_report_queue_csv(const desk_report_queue *r, const char *path,
                                mc_error *err) MC_MUST_USE;
mc_status desk_report_queue_xlsx(const desk_report_queue *r,
                                 const char *office, const char *path,
                                 mc_error *err) MC_MUST_USE;

/* --- the supervisor's dashboard (one refresh) ---------------------------- */
typedef struct desk_dashboard {
    desk_queue_state queue;
    int64_t received_today, due_today, overdue;
    int64_t resolved_month, resolved_month_on_time; /* on-time rate */
    int64_t outbox_pending;
    mc_ts outbox_oldest;
    int64_t prints_failed_today;
    int64_t online_waiting; /* online dossiers waiting for reception */
} desk_dashboard;
/* Read-only: no write lock, no sign-in; many may run at once. */
mc_status desk_dashboard_get(mc_desk *d, desk_dashboard *out,
                             mc_error *err) MC_MUST_USE;
void desk_dashboard_free(desk_dashboard *db);
json_t *desk_dashboard_json(const desk_dashboard *db);

#endif
