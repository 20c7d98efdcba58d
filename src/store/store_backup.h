/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_backup.h - copying a whole office database with SQLite's online
 * backup API, and looking at a database file without migrating it.
 *
 * A backup reads the live database inside one read transaction (WAL: the
 * desks keep writing while it runs, and every page comes from the same
 * snapshot, so the copy is the database as it was at one commit).  The
 * copy is written in steps into a file the caller names (normally a
 * temporary file beside the final one) and switched to rollback-journal
 * mode, so a backup is one self-contained file.
 */
#ifndef MOTCUA_STORE_BACKUP_H
#define MOTCUA_STORE_BACKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "mc_error.h"
#include "store.h"

/* Pages copied per sqlite3_backup_step, and how long to wait in all for a
 * busy destination or source before giving up. */
#define STORE_BACKUP_STEP_PAGES 256
#define STORE_BACKUP_BUSY_MS 60000

/* What a database file holds, read without changing it. */
typedef struct store_db_info {
    int schema_version;   /* PRAGMA user_version */
    int64_t dossiers;     /* rows in dossiers */
    int64_t audit_rows;   /* rows in audit */
    int64_t issued_codes; /* rows in issued_codes */
    char last_audit_at[64]; /* the last audit row's time ("" when none) */
    char office_code[64];   /* meta office_code ("" when absent) */
    bool integrity_ok;      /* PRAGMA integrity_check said "ok" */
    char integrity[256];    /* its first line otherwise */
} store_db_info;

/* Copy the database behind `s` into the file `dest_path` (created or
 * truncated; the caller makes it with the mode it wants).  Consistent while
 * other processes write.  *pages gets the page count copied (may be NULL). */
mc_status store_backup_to(mc_store *s, const char *dest_path, int *pages,
                          mc_error *err) MC_MUST_USE;

/* Copy the database file `src_path` (opened read-only, no migrations) into
 * `dest_path`.  For restore: the source is a backup file. */
mc_status store_backup_file(const char *src_path, const char *dest_path,
                            int *pages, mc_error *err) MC_MUST_USE;

/* Read what `path` holds (read-only, no migrations).  integrity=true also
 * runs PRAGMA integrity_check.  MC_ENOTFOUND when the file is missing;
 * MC_EDB when it is not a motcua database. */
mc_status store_inspect(const char *path, bool integrity, store_db_info *out,
                        mc_error *err) MC_MUST_USE;

/* The newest schema version this motcua knows (its last migration). */
int store_schema_latest(void);

/* For restoring over an existing database: checkpoint its WAL into the
 * main file and switch it out of WAL mode, which SQLite allows only when
 * no other connection has it open.  MC_ECONFLICT when a desk or the sync
 * worker still has it open. */
mc_status store_quiesce(const char *path, mc_error *err) MC_MUST_USE;

#endif
