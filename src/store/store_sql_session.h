/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_sql_session.h - the sign-in session statements (migration 5).
 * X(id, SQL). */
#ifndef MOTCUA_STORE_SQL_SESSION_H
#define MOTCUA_STORE_SQL_SESSION_H

#define STORE_STMT_LIST_SESSION(X)                                             \
    X(STMT_SESSION_INSERT, "INSERT INTO sessions(token_hash, user_id,"         \
                           " created_at, used_at) VALUES (?1, ?2, ?3, ?3)")    \
    X(STMT_SESSION_GET, "SELECT user_id, created_at, used_at, ended_at"        \
                        " FROM sessions WHERE token_hash = ?1")                \
    X(STMT_SESSION_TOUCH, "UPDATE sessions SET used_at = ?2"                   \
                          " WHERE token_hash = ?1 AND ended_at IS NULL")       \
    X(STMT_SESSION_END, "UPDATE sessions SET ended_at = ?2"                    \
                        " WHERE token_hash = ?1 AND ended_at IS NULL")         \
    X(STMT_SESSION_END_USER, "UPDATE sessions SET ended_at = ?2"               \
                             " WHERE user_id = ?1 AND ended_at IS NULL")

#endif
