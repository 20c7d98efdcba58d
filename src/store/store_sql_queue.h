/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_sql_queue.h - the queue and report statements (migration 4).
 * X(id, SQL); owned by the queue work. */
#ifndef MOTCUA_STORE_SQL_QUEUE_H
#define MOTCUA_STORE_SQL_QUEUE_H

#define QT_COLS                                                                \
    "id, day, issued_service, number, label, service, priority, state,"       \
    " issued_at, queued_at, called_at, started_at, finished_at, calls, skips," \
    " counter, clerk, target_counter, transfers, transferred_from,"           \
    " dossier_code, rating, rated_at"

/* The status of a dossier at an instant: the to_status of its last history
 * event before ?T (the row's own status when it has no history).  A
 * dossier open now was open at any earlier instant (finished statuses are
 * never left), so only the finished ones need their history read at p0.  The unary
 * "+" keeps SQLite on history_dossier (one dossier's few events) instead of
 * history_to_status_at (every event of that status: quadratic). */
#define QR_STATUS_AT(T)                                                        \
    "COALESCE((SELECT h.to_status FROM history h WHERE h.dossier_id = d.id"   \
    " AND +h.at < " T " AND +h.to_status IS NOT NULL"                            \
    " ORDER BY h.at DESC, h.id DESC LIMIT 1), d.status)"
#define QR_FINISHED "('done','returned','refused','withdrawn','stopped')"
/* every other status of the CHECK in migration 1 */
#define QR_OPEN "('received','processing','supplement_requested')"

#define STORE_STMT_LIST_QUEUE(X)                                               \
    X(STMT_Q_READ_BEGIN, "BEGIN")                                              \
    X(STMT_Q_SERVICE_EACH, "SELECT code, name, active, ord"                    \
                           " FROM queue_services ORDER BY ord, code")          \
    X(STMT_Q_SERVICE_GET, "SELECT code, name, active, ord"                     \
                          " FROM queue_services WHERE code = ?1")              \
    X(STMT_Q_SERVICE_ADD,                                                      \
      "INSERT INTO queue_services(code, name, ord, updated_at) VALUES"        \
      " (?1, ?2, (SELECT COALESCE(MAX(ord), 0) + 1 FROM queue_services), ?3)") \
    X(STMT_Q_SERVICE_SET, "UPDATE queue_services SET name = ?2, active = ?3,"  \
                          " updated_at = ?4 WHERE code = ?1")                  \
    X(STMT_Q_CLOSE_BEFORE,                                                     \
      "UPDATE queue_tickets SET state = 'not_served', finished_at = ?2"       \
      " WHERE day < ?1 AND state IN ('waiting','called','serving')")           \
    X(STMT_Q_NEXT_NUMBER, "SELECT COALESCE(MAX(number), 0) + 1"                \
                          " FROM queue_tickets WHERE day = ?1"                 \
                          " AND issued_service = ?2")                          \
    X(STMT_Q_INSERT,                                                           \
      "INSERT INTO queue_tickets(day, issued_service, number, label, service," \
      " priority, state, issued_at, queued_at)"                                \
      " VALUES (?1, ?2, ?3, ?4, ?2, ?5, 'waiting', ?6, ?6)")                   \
    X(STMT_Q_PICK,                                                             \
      "SELECT " QT_COLS " FROM queue_tickets WHERE day = ?1"                   \
      " AND state = 'waiting' AND (target_counter IS NULL"                     \
      "  OR target_counter = ?2) AND (?3 IS NULL OR instr(?3, service) > 0)"   \
      " ORDER BY priority DESC, queued_at, id LIMIT 1")                        \
    X(STMT_Q_BY_LABEL, "SELECT " QT_COLS " FROM queue_tickets"                 \
                       " WHERE day = ?1 AND label = ?2")                       \
    X(STMT_Q_CURRENT, "SELECT " QT_COLS " FROM queue_tickets"                  \
                      " WHERE counter = ?1 AND day = ?2"                       \
                      " AND state IN ('called','serving')"                     \
                      " ORDER BY called_at DESC, id DESC LIMIT 1")             \
    X(STMT_Q_UPDATE,                                                           \
      "UPDATE queue_tickets SET service = ?2, state = ?3, queued_at = ?4,"     \
      " called_at = ?5, started_at = ?6, finished_at = ?7, calls = ?8,"       \
      " skips = ?9, counter = ?10, clerk = ?11, target_counter = ?12,"         \
      " transfers = ?13, transferred_from = ?14, dossier_code = ?15,"          \
      " rating = ?16, rated_at = ?17 WHERE id = ?1")                           \
    X(STMT_Q_CALL_LOG, "INSERT INTO queue_calls(ticket_id, at, counter,"       \
                       " label) VALUES (?1, ?2, ?3, ?4)")                      \
    X(STMT_Q_RECENT_CALLS,                                                     \
      "SELECT c.label, c.counter, c.at FROM queue_calls c"                     \
      " WHERE c.at >= ?1 ORDER BY c.id DESC LIMIT ?2")                         \
    X(STMT_Q_EACH_DAYS, "SELECT " QT_COLS " FROM queue_tickets"                \
                        " WHERE day >= ?1 AND day <= ?2 ORDER BY id")          \
    X(STMT_Q_WAITING,                                                          \
      "SELECT service, COUNT(*), MIN(queued_at), SUM(priority)"               \
      " FROM queue_tickets WHERE day = ?1 AND state = 'waiting'"               \
      " GROUP BY service")                                                     \
    X(STMT_Q_COUNTERS,                                                         \
      "SELECT counter, clerk, COUNT(*) FILTER (WHERE state = 'done'),"        \
      " MAX(CASE WHEN state IN ('called','serving') THEN id END)"              \
      " FROM queue_tickets WHERE day = ?1 AND counter IS NOT NULL"             \
      " GROUP BY counter ORDER BY counter")                                    \
    X(STMT_Q_BY_ID, "SELECT " QT_COLS " FROM queue_tickets WHERE id = ?1")     \
    X(STMT_Q_DOSSIER_EXISTS, "SELECT 1 FROM dossiers WHERE code = ?1")         \
    /* The month's dossiers: received in [?1, ?2), or open at ?1.  The       \
     * candidates come from three index ranges, each as large as the month  \
     * or the open backlog, never the table: received in the period          \
     * (dossiers_received), open now and received before (so open at ?1: a  \
     * finished status is never left; dossiers_status_due), and finished   \
     * since ?1 (the finishing event, history_to_status_at: every status    \
     * change writes history).  The same test decides on each candidate.    \
     */                                                                        \
    X(STMT_R_DOSSIERS,                                                         \
      "WITH c(id) AS ("                                                        \
      "  SELECT id FROM dossiers WHERE received_at >= ?1 AND received_at < ?2" \
      "  UNION SELECT id FROM dossiers WHERE status IN " QR_OPEN               \
      "  AND received_at < ?1"                                                 \
      "  UNION SELECT dossier_id FROM history WHERE to_status IN " QR_FINISHED \
      "  AND at >= ?1),"                                                       \
      " s AS MATERIALIZED (SELECT d.id,"                                       \
      "  CASE WHEN d.received_at >= ?1 THEN NULL"                              \
      "  WHEN d.status NOT IN " QR_FINISHED " THEN d.status"                   \
      "  ELSE " QR_STATUS_AT("?1") " END AS start_status"                      \
      "  FROM c JOIN dossiers d ON d.id = c.id WHERE d.received_at < ?2)"      \
      " SELECT d.procedure_code, d.procedure_name, d.procedure_field,"         \
      " d.channel, d.received_at, d.due_at, s.start_status, "                  \
      QR_STATUS_AT("?2") ","                                                   \
      " COALESCE((SELECT MIN(h.at) FROM history h WHERE h.dossier_id = d.id"   \
      "  AND +h.to_status = 'done' AND +h.at < ?2), NULLIF(d.returned_at, 0)," \
      "  d.updated_at),"                                                       \
      " (SELECT COUNT(*) FROM history h WHERE h.dossier_id = d.id"             \
      "  AND +h.to_status = 'supplement_requested'"                            \
      "  AND h.from_status IS NOT 'supplement_requested'"                      \
      "  AND +h.at >= ?1 AND +h.at < ?2),"                                     \
      " d.returned_via, d.result_sent_at"                                      \
      " FROM s JOIN dossiers d ON d.id = s.id"                                 \
      " WHERE s.start_status IS NULL OR s.start_status NOT IN " QR_FINISHED)   \
    X(STMT_R_SLIPS, "SELECT procedure_code, COUNT(*) FROM slips"               \
                    " WHERE created_at >= ?1 AND created_at < ?2"              \
                    " AND dossier_id IS NULL"                                  \
                    " GROUP BY procedure_code")                                \
    X(STMT_D_RECEIVED, "SELECT COUNT(*) FROM dossiers"                         \
                       " WHERE received_at >= ?1 AND received_at < ?2")        \
    /* due_at lies on due_date: the range keeps it on dossiers_status_due */ \
    X(STMT_D_DUE_ON, "SELECT COUNT(*) FROM dossiers"                           \
                     " WHERE status IN ('received','processing')"              \
                     " AND due_at >= ?2 AND due_at < ?3 AND due_date = ?1")    \
    X(STMT_D_OVERDUE, "SELECT COUNT(*) FROM dossiers"                          \
                      " WHERE status IN ('received','processing')"             \
                      " AND due_at > 0 AND due_at < ?1")                       \
    X(STMT_D_RESOLVED,                                                         \
      "SELECT COUNT(*), COALESCE(SUM(h.at <= d.due_at OR d.due_at = 0), 0)"   \
      " FROM history h JOIN dossiers d INDEXED BY dossiers_due_by_id"         \
      " ON d.id = h.dossier_id"                                                \
      " WHERE h.to_status = 'done' AND h.from_status IS NOT 'done'"            \
      " AND h.at >= ?1 AND h.at < ?2")                                         \
    X(STMT_D_OUTBOX, "SELECT COUNT(*), COALESCE(MIN(created_at), 0)"           \
                     " FROM outbox WHERE acked_at IS NULL")                    \
    X(STMT_D_PRINTS_FAILED, "SELECT COUNT(*) FROM print_jobs"                  \
                            " WHERE state = 'failed' AND created_at >= ?1")

#endif
