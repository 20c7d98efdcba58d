/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_backup.h - backing up and restoring the office database.
 *
 * Backup: a consistent copy while desks keep working (one read snapshot,
 * see store_backup.h), written to a temporary file beside FILE (mode
 * 0600), fsync'd, checked with PRAGMA integrity_check, then renamed into
 * place.  Nothing is written to the live database.
 *
 * Restore: the backup is copied into a temporary file beside the target,
 * checked, compared with the target (a target that is newer - a higher
 * schema version, more audit rows or a later last audit time - is kept
 * unless `force`), the restore is recorded in the restored database's own
 * audit chain (as the signed-in admin), the file is fsync'd and renamed
 * over the target.  Any failure leaves the target as it was and removes
 * the temporary file; there is never a half-written database.
 */
#ifndef MOTCUA_DESK_BACKUP_H
#define MOTCUA_DESK_BACKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "desk.h"
#include "mc_error.h"

typedef struct desk_db_summary {
    int schema_version;
    int64_t dossiers;
    int64_t audit_rows;
    int64_t issued_codes;
    char last_audit_at[64];
    char office_code[64];
    bool integrity_ok;
    char integrity[256];
} desk_db_summary;

typedef struct desk_backup_report {
    desk_db_summary copy; /* what the backup file holds (verified) */
    int pages;
} desk_backup_report;

/* Back up the open office database to `dest`.  Refuses an existing `dest`
 * unless `overwrite`, and never writes over the database itself. */
mc_status desk_backup(mc_desk *d, const char *dest, bool overwrite,
                      desk_backup_report *rep, mc_error *err) MC_MUST_USE;

typedef struct desk_restore_opts {
    const char *login;    /* an admin of the restored database */
    const char *password;
    bool force;           /* replace even a newer database */
} desk_restore_opts;

typedef struct desk_restore_report {
    desk_db_summary backup;  /* what was restored */
    desk_db_summary target;  /* what was there before (when target_existed) */
    bool target_existed;
    bool target_newer;       /* overwritten only because of force */
    char why_newer[256];
} desk_restore_report;

/* Restore `backup` into `target` (see the top of this file).
 * MC_ECONFLICT when the target is newer and !force, or still in use;
 * MC_EVERSION when the backup comes from a newer motcua. */
mc_status desk_restore(const char *backup, const char *target,
                       const desk_restore_opts *o, desk_restore_report *rep,
                       mc_error *err) MC_MUST_USE;

/* Read a database file's summary without opening it as a desk. */
mc_status desk_db_inspect(const char *path, bool integrity,
                          desk_db_summary *out, mc_error *err) MC_MUST_USE;

#endif
