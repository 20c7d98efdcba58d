/* SPDX-License-Identifier: GPL-3.0-or-later */
/* central_sql_returns.h - the electronic-return statements of
 * motcua-central (returns.c; the deliveries table of its migration).
 * X(id, SQL). */
#ifndef MOTCUA_CENTRAL_SQL_RETURNS_H
#define MOTCUA_CENTRAL_SQL_RETURNS_H

#define CENTRAL_STMT_LIST_RETURNS(X)                                           \
    X(CS_RET_DELIVERY_GET,                                                     \
      "SELECT v.change_id, v.sha256, to_char(v.delivered_at AT TIME ZONE"     \
      " 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+07:00\"'),"         \
      " v.actor, c.note FROM deliveries v JOIN changes c ON c.id = v.change_id" \
      " WHERE v.dossier = $1")                                                 \
    /* the latest result the office said it sent for the dossier */           \
    X(CS_RET_SENT,                                                             \
      "SELECT payload->'data'->'data'->>'sha256' FROM events"                  \
      " WHERE office = $1 AND dossier = $2 AND kind = 'result_sent'"          \
      " AND rejected_reason IS NULL ORDER BY seq DESC LIMIT 1")                \
    /* the result file itself reached the centre (Contract B, files.c) */   \
    X(CS_RET_FILE_COMPLETE,                                                    \
      "SELECT bool_or(b.complete_at IS NOT NULL) FROM dossier_files f"         \
      " JOIN file_blobs b ON b.sha256 = f.sha256 WHERE f.office = $1"          \
      " AND f.dossier = $2 AND f.role = 'result' AND f.sha256 = $3")           \
    X(CS_RET_CHANGE_INSERT,                                                    \
      "INSERT INTO changes(office, dossier, from_status, to_status, note,"    \
      " actor, created_at)"                                                    \
      " VALUES ($1, $2, 'done', 'returned', $3, $4,"                           \
      " COALESCE($5::timestamptz, now()))"                                     \
      " RETURNING id, to_char(created_at AT TIME ZONE 'Asia/Ho_Chi_Minh',"    \
      " 'YYYY-MM-DD\"T\"HH24:MI:SS\"+07:00\"')")                              \
    X(CS_RET_DELIVERY_INSERT,                                                  \
      "INSERT INTO deliveries(dossier, office, sha256, delivered_at, actor,"  \
      " change_id) VALUES ($1, $2, $3, $4::timestamptz, $5, $6::bigint)")

#endif
