/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_name_match.h - the name matcher of the batched name index. */
#ifndef MOTCUA_STORE_NAME_MATCH_H
#define MOTCUA_STORE_NAME_MATCH_H

#include <sqlite3.h>

/* Registers motcua_name_match(name_key, query) on db: 1 when an FTS5 table
 * with tokenize='unicode61' holding name_key would match the query (the
 * desk's form: "word" "word"*).  SQLITE_OK, or SQLite's error code (no
 * FTS5, no memory). */
int store_name_match_register(sqlite3 *db);

#endif
