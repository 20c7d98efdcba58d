/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_sql_files.h - dossier files and their blobs (migration 6).
 * X(id, SQL). */
#ifndef MOTCUA_STORE_SQL_FILES_H
#define MOTCUA_STORE_SQL_FILES_H

#define STORE_FILE_COLS                                                        \
    "f.id, f.dossier_id, f.role, f.paper, f.sha256, f.name, f.source,"         \
    " f.added_by, f.added_at, b.size, b.mime, b.pages, f.detached_at,"       \
    " f.detached_by, f.detach_reason"

#define STORE_STMT_LIST_FILES(X)                                               \
    X(STMT_BLOB_PUT, "INSERT INTO blobs(sha256, size, mime, pages, stored_at)" \
                     " VALUES (?1, ?2, ?3, ?4, ?5)"                            \
                     " ON CONFLICT(sha256) DO NOTHING")                        \
    X(STMT_BLOB_GET, "SELECT size, mime, pages, stored_at FROM blobs"          \
                     " WHERE sha256 = ?1")                                     \
    X(STMT_FILE_INSERT, "INSERT INTO dossier_files(dossier_id, role, paper,"   \
                        " sha256, name, source, added_by, added_at)"           \
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")            \
    X(STMT_FILE_FIND, "SELECT id FROM dossier_files WHERE dossier_id = ?1"     \
                      " AND role = ?2 AND paper IS ?3 AND sha256 = ?4"         \
                      " AND detached_at IS NULL")                              \
    X(STMT_FILE_HAS, "SELECT 1 FROM dossier_files WHERE dossier_id = ?1"        \
                     " AND sha256 = ?2 AND detached_at IS NULL LIMIT 1")       \
    X(STMT_FILE_BYTES, "SELECT COALESCE(SUM(size), 0) FROM blobs"              \
                       " WHERE sha256 IN (SELECT sha256 FROM dossier_files"    \
                       " WHERE dossier_id = ?1 AND detached_at IS NULL)")      \
    X(STMT_FILE_EACH, "SELECT " STORE_FILE_COLS " FROM dossier_files f"        \
                      " JOIN blobs b ON b.sha256 = f.sha256"                   \
                      " WHERE f.dossier_id = ?1 AND f.detached_at IS NULL"     \
                      " ORDER BY f.role DESC, f.paper, f.id")                  \
    X(STMT_FILE_EACH_DETACHED,                                                 \
      "SELECT " STORE_FILE_COLS " FROM dossier_files f"                        \
      " JOIN blobs b ON b.sha256 = f.sha256"                                   \
      " WHERE f.dossier_id = ?1 AND f.detached_at IS NOT NULL"                 \
      " ORDER BY f.detached_at, f.id")                                         \
    X(STMT_FILE_DETACH, "UPDATE dossier_files SET detached_at = ?2,"           \
                        " detached_by = ?3, detach_reason = ?4"                \
                        " WHERE id = ?1 AND detached_at IS NULL")              \
    X(STMT_FILE_GET, "SELECT " STORE_FILE_COLS " FROM dossier_files f"         \
                     " JOIN blobs b ON b.sha256 = f.sha256 WHERE f.id = ?1")

#endif
