/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_sql_sync.h - the sync statements (outbox, sync_state,
 * applied_remote; migration 3).  X(id, SQL); owned by the sync work. */
#ifndef MOTCUA_STORE_SQL_SYNC_H
#define MOTCUA_STORE_SQL_SYNC_H

#define STORE_STMT_LIST_SYNC(X)                                                \
    X(STMT_SYNC_PUSH_START,                                                    \
      "SELECT COALESCE(MAX(seq), 0) FROM outbox WHERE seq < COALESCE("        \
      "(SELECT MIN(seq) FROM outbox WHERE acked_at IS NULL"                    \
      " AND set_aside_reason IS NULL), 9223372036854775807)")                 \
    X(STMT_SYNC_OUTBOX_AFTER,                                                  \
      "SELECT seq, kind, payload, created_at, attempts, set_aside_reason"      \
      " FROM outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2")                     \
    X(STMT_SYNC_ACK, "UPDATE outbox SET acked_at = ?2, attempts = attempts + 1" \
                     " WHERE seq <= ?1 AND acked_at IS NULL"                   \
                     " AND set_aside_reason IS NULL")                          \
    X(STMT_SYNC_SET_ASIDE, "UPDATE outbox SET set_aside_reason = ?2,"          \
                           " attempts = attempts + 1"                          \
                           " WHERE seq = ?1 AND acked_at IS NULL")             \
    X(STMT_SYNC_ATTEMPT, "UPDATE outbox SET attempts = attempts + 1"           \
                         " WHERE seq > ?1 AND seq <= ?2 AND acked_at IS NULL") \
    X(STMT_SYNC_PENDING, "SELECT COUNT(*), MIN(created_at) FROM outbox"        \
                         " WHERE acked_at IS NULL"                             \
                         " AND set_aside_reason IS NULL")                      \
    X(STMT_SYNC_ASIDE_EACH,                                                    \
      "SELECT seq, kind, payload, created_at, attempts, set_aside_reason"      \
      " FROM outbox WHERE set_aside_reason IS NOT NULL ORDER BY seq")          \
    X(STMT_SYNC_STATE_GET, "SELECT value FROM sync_state WHERE key = ?1")      \
    X(STMT_SYNC_STATE_SET,                                                     \
      "INSERT INTO sync_state(key, value) VALUES (?1, ?2)"                     \
      " ON CONFLICT(key) DO UPDATE SET value = excluded.value")                \
    X(STMT_SYNC_STATE_RANGE, "SELECT key, value FROM sync_state"               \
                             " WHERE key >= ?1 AND key < ?2 ORDER BY key")     \
    X(STMT_SYNC_APPLIED_GET, "SELECT 1 FROM applied_remote"                    \
                             " WHERE event_id = ?1")                           \
    X(STMT_SYNC_APPLIED_PUT, "INSERT INTO applied_remote(event_id,"            \
                             " applied_at) VALUES (?1, ?2)")                   \
    X(STMT_SYNC_STATE_DEL, "DELETE FROM sync_state WHERE key = ?1")            \
    X(STMT_SYNC_RENUM_RANGE,                                                   \
      "SELECT MIN(seq), MAX(seq), COUNT(*) FROM outbox WHERE seq >= ?1"       \
      " AND acked_at IS NULL AND set_aside_reason IS NULL")                    \
    X(STMT_SYNC_RENUM_BASE,                                                    \
      "SELECT MAX(?1, COALESCE((SELECT MAX(seq) FROM outbox WHERE NOT"        \
      " (seq >= ?2 AND acked_at IS NULL AND set_aside_reason IS NULL)), 0))")  \
    /* before the events move: their dossiers' intake_seq (migration 12)    \
     * moves with them, found through outbox.intake_of */                   \
    X(STMT_SYNC_RENUM_DOSSIERS,                                                \
      "UPDATE dossiers SET intake_seq = intake_seq + ?2 WHERE intake_seq >= ?1" \
      " AND code IN (SELECT intake_of FROM outbox WHERE seq >= ?1"             \
      " AND acked_at IS NULL AND set_aside_reason IS NULL"                     \
      " AND intake_of IS NOT NULL)")                                           \
    X(STMT_SYNC_RENUM_AWAY,                                                    \
      "UPDATE outbox SET seq = -seq WHERE seq >= ?1 AND acked_at IS NULL"     \
      " AND set_aside_reason IS NULL")                                         \
    X(STMT_SYNC_RENUM_BACK, "UPDATE outbox SET seq = ?1 - seq WHERE seq < 0")  \
    X(STMT_SYNC_RENUM_SEQUENCE,                                                \
      "UPDATE sqlite_sequence SET seq = (SELECT MAX(seq) FROM outbox)"        \
      " WHERE name = 'outbox' AND seq < (SELECT MAX(seq) FROM outbox)")        \
    X(STMT_SYNC_CODE_LOST,                                                     \
      "INSERT INTO issued_codes(agency, day, seq, code, kind, issued_at)"     \
      " VALUES (?1, ?2, ?3, ?4, 'lost', ?5) ON CONFLICT DO NOTHING")

#endif
