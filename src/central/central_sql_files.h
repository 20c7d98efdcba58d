/* SPDX-License-Identifier: GPL-3.0-or-later */
/* central_sql_files.h - the statements of the dossier files the desks send
 * (src/central/files.c, central migration 2, docs/sync.md "Files").
 * X(id, SQL); included in CENTRAL_STMT_LIST.
 *
 * file_blobs holds each file's bytes once per SHA-256, in a PostgreSQL
 * large object (lo) written chunk by chunk; `received` is how many bytes
 * of it are stored, complete_at is set only after the whole SHA-256 was
 * checked.  dossier_files says which dossier (of which office) has which
 * blob, as what (role, paper, name, mime). */
#ifndef MOTCUA_CENTRAL_SQL_FILES_H
#define MOTCUA_CENTRAL_SQL_FILES_H

#define CENTRAL_STMT_LIST_FILES(X)                                             \
    X(CS_FILE_DOSSIER_OFFICE, "SELECT office FROM dossiers WHERE code = $1")  \
    X(CS_FILE_BLOB_DECLARE,                                                    \
      "INSERT INTO file_blobs(sha256, size) VALUES ($1, $2::bigint)"           \
      " ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256"           \
      " RETURNING size, received, complete_at IS NOT NULL")                    \
    X(CS_FILE_RECORD,                                                          \
      "INSERT INTO dossier_files(office, dossier, role, paper, sha256,"       \
      " mime, name) VALUES ($1, $2, $3, $4::integer, $5, $6, $7)"              \
      " ON CONFLICT (dossier, role, (COALESCE(paper, 0)), sha256)"             \
      " DO UPDATE SET detached_at = NULL, detached_by = NULL,"                 \
      " detach_reason = NULL WHERE dossier_files.detached_at IS NOT NULL"      \
      " RETURNING id")                                                         \
    X(CS_FILE_DETACH,                                                          \
      "UPDATE dossier_files SET detached_at = now(), detached_by = $5,"        \
      " detach_reason = $6 WHERE office = $1 AND dossier = $2"                 \
      " AND role = 'scan' AND paper = $3::integer AND sha256 = $4"             \
      " AND detached_at IS NULL RETURNING id")                                 \
    X(CS_FILE_DETACHED_STATE,                                                  \
      "SELECT detached_at IS NOT NULL FROM dossier_files WHERE office = $1"    \
      " AND dossier = $2 AND role = 'scan' AND paper = $3::integer"            \
      " AND sha256 = $4")                                                      \
    X(CS_FILE_BLOB_STATE,                                                      \
      "SELECT size, received, complete_at IS NOT NULL FROM file_blobs"        \
      " WHERE sha256 = $1 AND EXISTS (SELECT 1 FROM dossier_files"             \
      " WHERE sha256 = $1 AND office = $2)")                                   \
    X(CS_FILE_BLOB_LOCK,                                                       \
      "SELECT size, received, complete_at IS NOT NULL, lo FROM file_blobs"    \
      " WHERE sha256 = $1 AND EXISTS (SELECT 1 FROM dossier_files"             \
      " WHERE sha256 = $1 AND office = $2) FOR UPDATE")                        \
    X(CS_FILE_LO_NEW, "SELECT lo_from_bytea(0, $1::bytea)")                    \
    X(CS_FILE_LO_PUT, "SELECT lo_put($1::oid, $2::bigint, $3::bytea)")         \
    X(CS_FILE_LO_GET, "SELECT lo_get($1::oid, $2::bigint, $3::integer)")       \
    X(CS_FILE_LO_UNLINK, "SELECT lo_unlink($1::oid)")                          \
    X(CS_FILE_BLOB_PROGRESS,                                                   \
      "UPDATE file_blobs SET lo = $2::oid, received = $3::bigint,"             \
      " updated_at = now() WHERE sha256 = $1")                                 \
    X(CS_FILE_BLOB_COMPLETE,                                                   \
      "UPDATE file_blobs SET complete_at = now(), updated_at = now()"         \
      " WHERE sha256 = $1")                                                    \
    X(CS_FILE_BLOB_RESET,                                                      \
      "UPDATE file_blobs SET lo = NULL, received = 0, updated_at = now(),"     \
      " hash_failures = hash_failures + 1 WHERE sha256 = $1")

/* central migration 2 (appended to central_migrations) */
#define CENTRAL_MIGRATION_FILES                                                \
    "CREATE TABLE file_blobs("                                                 \
    " sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),"              \
    " size bigint NOT NULL CHECK (size > 0),"                                  \
    " lo oid, received bigint NOT NULL DEFAULT 0"                              \
    "  CHECK (received >= 0 AND received <= size),"                            \
    " hash_failures integer NOT NULL DEFAULT 0,"                               \
    " created_at timestamptz NOT NULL DEFAULT now(),"                          \
    " updated_at timestamptz NOT NULL DEFAULT now(),"                          \
    " complete_at timestamptz,"                                                \
    " CHECK (complete_at IS NULL OR (received = size AND lo IS NOT NULL)));"   \
    "CREATE TABLE dossier_files("                                              \
    " id bigserial PRIMARY KEY, office text NOT NULL,"                         \
    " dossier text NOT NULL REFERENCES dossiers(code),"                        \
    " role text NOT NULL CHECK (role IN ('scan', 'result')),"                  \
    " paper integer CHECK ((role = 'scan' AND paper >= 1)"                     \
    "  OR (role = 'result' AND paper IS NULL)),"                               \
    " sha256 text NOT NULL REFERENCES file_blobs(sha256),"                     \
    " mime text NOT NULL, name text NOT NULL,"                                 \
    " created_at timestamptz NOT NULL DEFAULT now());"                         \
    "CREATE UNIQUE INDEX dossier_files_key ON dossier_files(dossier, role,"    \
    " COALESCE(paper, 0), sha256);"                                            \
    "CREATE INDEX dossier_files_sha ON dossier_files(sha256, office);"

/* central migration 5 (appended to central_migrations): a scan the desk
 * detached (motcua dossier detach) is marked, never deleted; the blob
 * stays (another dossier may share it).  Declaring the same file again
 * (attached again at the desk) clears the mark. */
#define CENTRAL_MIGRATION_FILES_DETACH                                         \
    "ALTER TABLE dossier_files ADD COLUMN detached_at timestamptz,"            \
    " ADD COLUMN detached_by text, ADD COLUMN detach_reason text;"

#endif
