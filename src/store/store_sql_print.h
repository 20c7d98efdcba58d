/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_sql_print.h - the printing statements (print_jobs, migration 2).
 * X(id, SQL); owned by the printing work. */
#ifndef MOTCUA_STORE_SQL_PRINT_H
#define MOTCUA_STORE_SQL_PRINT_H

#define PRINT_JOB_COLS                                                         \
    "id, dossier_id, document, copy_no, destination, cups_job_id, state,"      \
    " reason, actor, created_at, updated_at"

#define STORE_STMT_LIST_PRINT(X)                                               \
    X(STMT_PRINT_INSERT,                                                       \
      "INSERT INTO print_jobs(dossier_id, document, copy_no, destination,"    \
      " cups_job_id, state, reason, actor, created_at, updated_at)"            \
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)")                      \
    X(STMT_PRINT_UPDATE,                                                       \
      "UPDATE print_jobs SET state = ?2, cups_job_id = ?3, reason = ?4,"      \
      " updated_at = ?5 WHERE id = ?1")                                        \
    X(STMT_PRINT_COUNT,                                                        \
      "SELECT COUNT(*) FROM print_jobs WHERE dossier_id IS ?1"                 \
      " AND document = ?2 AND state <> 'failed'")                              \
    X(STMT_PRINT_EACH, "SELECT " PRINT_JOB_COLS " FROM print_jobs"             \
                       " WHERE dossier_id = ?1 ORDER BY id")

#endif
