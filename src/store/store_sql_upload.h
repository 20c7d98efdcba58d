/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_sql_upload.h - the upload state of dossier files (file_uploads,
 * the sync migration of issue 12).  X(id, SQL); owned by the sync work.
 *
 * A file is ready to go when its row is pending (not done, not set aside)
 * and the intake (or refusal) event of its dossier was acknowledged by the
 * centre: the centre must know the dossier before its files.  That is
 * found by its key from the dossier (dossiers.intake_seq, migration 12;
 * NULL only on a dossier from before it whose intake was acknowledged). */
#ifndef MOTCUA_STORE_SQL_UPLOAD_H
#define MOTCUA_STORE_SQL_UPLOAD_H

#define STORE_UPLOAD_INTAKE_ACKED                                              \
    "(d.intake_seq IS NULL OR EXISTS (SELECT 1 FROM outbox o"                 \
    " WHERE o.seq = d.intake_seq AND o.acked_at IS NOT NULL))"

#define STORE_STMT_LIST_UPLOAD(X)                                              \
    X(STMT_UPLOAD_NEXT,                                                        \
      "SELECT f.id, d.code, f.role, f.paper, f.sha256, b.size, b.mime,"        \
      " f.name, u.sent, u.attempts FROM file_uploads u"                        \
      " JOIN dossier_files f ON f.id = u.file_id"                              \
      " JOIN blobs b ON b.sha256 = f.sha256"                                   \
      " JOIN dossiers d ON d.id = f.dossier_id"                                \
      " WHERE u.done_at IS NULL AND u.set_aside_reason IS NULL"                \
      " AND f.detached_at IS NULL"                                             \
      " AND u.file_id > ?1 AND " STORE_UPLOAD_INTAKE_ACKED                     \
      " ORDER BY u.file_id LIMIT 1")                                           \
    X(STMT_UPLOAD_SENT, "UPDATE file_uploads SET sent = ?2 WHERE file_id = ?1") \
    X(STMT_UPLOAD_DONE, "UPDATE file_uploads SET sent = ?2, done_at = ?3,"     \
                        " last_error = NULL WHERE file_id = ?1")               \
    X(STMT_UPLOAD_FAILED, "UPDATE file_uploads SET attempts = attempts + 1,"   \
                          " last_error = ?2 WHERE file_id = ?1")               \
    X(STMT_UPLOAD_ASIDE, "UPDATE file_uploads SET set_aside_reason = ?2,"      \
                         " attempts = attempts + 1 WHERE file_id = ?1"         \
                         " AND done_at IS NULL")                               \
    X(STMT_UPLOAD_WAITING,                                                     \
      "SELECT COUNT(*), COALESCE(SUM(b.size - u.sent), 0),"                    \
      " COALESCE(SUM(NOT " STORE_UPLOAD_INTAKE_ACKED "), 0)"                   \
      " FROM file_uploads u JOIN dossier_files f ON f.id = u.file_id"          \
      " JOIN blobs b ON b.sha256 = f.sha256"                                   \
      " JOIN dossiers d ON d.id = f.dossier_id"                                \
      " WHERE u.done_at IS NULL AND u.set_aside_reason IS NULL"                \
      " AND f.detached_at IS NULL")                                            \
    X(STMT_UPLOAD_ASIDE_EACH,                                                  \
      "SELECT f.id, d.code, f.role, f.paper, f.sha256, b.size, b.mime,"        \
      " f.name, u.sent, u.attempts, u.set_aside_reason FROM file_uploads u"    \
      " JOIN dossier_files f ON f.id = u.file_id"                              \
      " JOIN blobs b ON b.sha256 = f.sha256"                                   \
      " JOIN dossiers d ON d.id = f.dossier_id"                                \
      " WHERE u.set_aside_reason IS NOT NULL ORDER BY u.file_id")          \
    X(STMT_UPLOAD_FAILING_EACH,                                                \
      "SELECT f.id, d.code, f.role, f.paper, f.sha256, b.size, b.mime,"        \
      " f.name, u.sent, u.attempts, u.last_error FROM file_uploads u"          \
      " JOIN dossier_files f ON f.id = u.file_id"                              \
      " JOIN blobs b ON b.sha256 = f.sha256"                                   \
      " JOIN dossiers d ON d.id = f.dossier_id"                                \
      " WHERE u.done_at IS NULL AND u.set_aside_reason IS NULL"                \
      " AND u.last_error IS NOT NULL AND f.detached_at IS NULL"                \
      " ORDER BY u.file_id")                                                   \
    X(STMT_UPLOAD_DETACH_NEXT,                                                 \
      "SELECT f.id, d.code, f.role, f.paper, f.sha256, f.detached_by,"         \
      " f.detach_reason FROM dossier_files f"                                  \
      " JOIN file_uploads u ON u.file_id = f.id"                               \
      " JOIN dossiers d ON d.id = f.dossier_id"                                \
      " WHERE f.detached_at IS NOT NULL AND u.detach_told_at IS NULL"          \
      " AND f.id > ?1 AND " STORE_UPLOAD_INTAKE_ACKED                          \
      " ORDER BY f.id LIMIT 1")                                                \
    X(STMT_UPLOAD_DETACH_TOLD, "UPDATE file_uploads SET detach_told_at = ?2"   \
                               " WHERE file_id = ?1")

#endif
