/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_sql_online.h - the online inbox statements (the online dossiers
 * migration).  X(id, SQL). */
#ifndef MOTCUA_STORE_SQL_ONLINE_H
#define MOTCUA_STORE_SQL_ONLINE_H

#define ONLINE_COLS                                                            \
    "portal_ref, rev, submitted_at, state, centre_state, procedure_code,"      \
    " applicant_name, dossier, pulled_at, decided_by, decided_at,"             \
    " decided_here, dossier_id, code, reasons, missing"

#define STORE_STMT_LIST_ONLINE(X)                                              \
    X(STMT_ONLINE_GET, "SELECT " ONLINE_COLS " FROM online_inbox"              \
                       " WHERE portal_ref = ?1")                               \
    X(STMT_ONLINE_BY_DOSSIER, "SELECT " ONLINE_COLS " FROM online_inbox"       \
                              " WHERE dossier_id = ?1")                        \
    X(STMT_ONLINE_INSERT,                                                      \
      "INSERT INTO online_inbox(portal_ref, rev, submitted_at, state,"         \
      " centre_state, procedure_code, applicant_name, dossier, pulled_at,"     \
      " decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"   \
      " ?10, ?11)")                                                            \
    X(STMT_ONLINE_UPDATE_CENTRE,                                               \
      "UPDATE online_inbox SET rev = ?2, centre_state = ?3, state = ?4,"       \
      " decided_by = COALESCE(decided_by, ?5),"                                \
      " decided_at = COALESCE(decided_at, ?6),"                                \
      " code = COALESCE(code, ?7), pulled_at = ?8 WHERE portal_ref = ?1")      \
    X(STMT_ONLINE_DECIDE,                                                      \
      "UPDATE online_inbox SET state = ?2, decided_by = ?3, decided_at = ?4,"  \
      " decided_here = 1, dossier_id = ?5, code = ?6, reasons = ?7,"           \
      " missing = ?8 WHERE portal_ref = ?1 AND state = 'waiting'")             \
    X(STMT_ONLINE_EACH, "SELECT " ONLINE_COLS " FROM online_inbox"             \
                        " ORDER BY submitted_at, portal_ref LIMIT ?1")         \
    X(STMT_ONLINE_EACH_STATE, "SELECT " ONLINE_COLS " FROM online_inbox"       \
                              " WHERE state = ?2"                              \
                              " ORDER BY submitted_at, portal_ref LIMIT ?1")   \
    X(STMT_ONLINE_COUNT, "SELECT COUNT(*) FROM online_inbox WHERE state = ?1") \
    X(STMT_ONLINE_FILE_PUT,                                                    \
      "INSERT INTO online_files(portal_ref, ord, paper, name, mime, size,"     \
      " sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"                           \
      " ON CONFLICT(portal_ref, ord) DO NOTHING")                              \
    X(STMT_ONLINE_FILES, "SELECT ord, paper, name, mime, size, sha256,"        \
                         " fetched_at FROM online_files WHERE portal_ref = ?1" \
                         " ORDER BY ord")                                      \
    X(STMT_ONLINE_FILES_WAITING,                                               \
      "SELECT f.portal_ref, f.ord, f.paper, f.name, f.mime, f.size, f.sha256," \
      " f.fetched_at FROM online_files f WHERE f.fetched_at IS NULL"           \
      " ORDER BY f.portal_ref, f.ord LIMIT ?1")                                \
    X(STMT_ONLINE_FILE_FETCHED, "UPDATE online_files SET fetched_at = ?3"      \
                                " WHERE portal_ref = ?1 AND sha256 = ?2"       \
                                " AND fetched_at IS NULL")

#endif
