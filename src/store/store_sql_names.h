/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_sql_names.h - the applicant-name index in batches (migration 11,
 * store_names.c).  X(id, SQL).
 *
 * dossier_names (FTS5) holds the dossiers up to dossier_names_upto.upto;
 * the few newer ones are indexed together once STORE_NAMES_BATCH of them
 * wait, and a search reads them from dossiers with the same tokenizer. */
#ifndef MOTCUA_STORE_SQL_NAMES_H
#define MOTCUA_STORE_SQL_NAMES_H

#define STORE_STMT_LIST_NAMES(X)                                               \
    X(STMT_NAMES_UPTO, "SELECT upto FROM dossier_names_upto")                  \
    X(STMT_NAMES_MAX_ID, "SELECT COALESCE(MAX(id), 0) FROM dossiers")          \
    X(STMT_NAMES_INDEX, "INSERT INTO dossier_names(rowid, name_key)"           \
                        " SELECT id, name_key FROM dossiers"                   \
                        " WHERE id > ?1 AND id <= ?2 ORDER BY id")             \
    X(STMT_NAMES_SET_UPTO, "UPDATE dossier_names_upto SET upto = ?1")        \
    X(STMT_NAMES_MERGE, "INSERT INTO dossier_names(dossier_names, rank)"      \
                        " VALUES ('merge', ?1)")

#endif
