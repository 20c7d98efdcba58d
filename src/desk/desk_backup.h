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
    /* the dossier files (desk_files.h) the copy names, in its files folder */
    int files;                     /* how many the copy names */
    int files_copied;              /* copied this time */
    int files_present;             /* already there with the right hash */
    int files_failed;              /* missing or damaged in files.dir */
    int64_t bytes_copied, bytes_present;
} desk_backup_report;

/* The files folder of a backup: "<backup>.files" (malloc'd). */
char *desk_backup_files_dir(const char *backup);

/* Back up the open office database to `dest`.  Refuses an existing `dest`
 * unless `overwrite`, and never writes over the database itself.
 *
 * The dossier files: after the database copy (one snapshot), every file the
 * COPY names is copied from files.dir into desk_backup_files_dir(dest)
 * (<dest>.files/ab/<sha256>, folders 0700, files 0600), each through a
 * temporary file, fsync'd, its SHA-256 checked against its name, then
 * renamed; one already there with the right hash is not copied again, so
 * backing up into the same place again copies only the new files.  The
 * files go first and the database file last: a backup file that exists has
 * its files beside it.  A file missing or damaged in files.dir does not
 * stop the backup: the other files and the database are still written (the
 * database is whole and checked), then the call fails with MC_EIO, a
 * message saying the backup is incomplete and naming the first such file's
 * dossier and name, and rep->files_failed; a restore of that backup then
 * asks for --allow-missing-files. */
mc_status desk_backup(mc_desk *d, const char *dest, bool overwrite,
                      desk_backup_report *rep, mc_error *err) MC_MUST_USE;
/* The same with the files copied into `files_dir` (NULL = <dest>.files):
 * one folder shared by dated daily backups holds every file once, and each
 * backup copies only the new ones. */
mc_status desk_backup_into(mc_desk *d, const char *dest, const char *files_dir,
                           bool overwrite, desk_backup_report *rep,
                           mc_error *err) MC_MUST_USE;

typedef struct desk_restore_opts {
    const char *login;    /* an admin of the restored database */
    const char *password;
    bool force;           /* replace even a newer database */
    /* the target's files folder (NULL = "files" beside the target) */
    const char *files_dir;
    /* the backup's files folder (NULL = <backup>.files) */
    const char *backup_files;
    /* restore although files the backup names are missing from, or
     * damaged in, its files folder (those are not restored) */
    bool allow_missing_files;
} desk_restore_opts;

typedef struct desk_restore_report {
    desk_db_summary backup;  /* what was restored */
    desk_db_summary target;  /* what was there before (when target_existed) */
    bool target_existed;
    bool target_newer;       /* overwritten only because of force */
    char why_newer[256];
    /* the dossier files the backup names */
    int files;          /* how many */
    int files_restored; /* copied into the target's files folder */
    int files_present;  /* already there with the right hash */
    int files_missing;  /* missing or damaged in the backup, not restored
                           (only with allow_missing_files) */
    int64_t bytes_restored;
} desk_restore_report;

/* Restore `backup` into `target` (see the top of this file).
 * MC_ECONFLICT when the target is newer and !force, or still in use;
 * MC_EVERSION when the backup comes from a newer motcua.
 *
 * The dossier files: before anything of the target changes, every file the
 * backup names is looked for in the target's files folder (kept when its
 * hash is right) and otherwise in o->backup_files (default
 * desk_backup_files_dir(backup)), checked by
 * SHA-256.  A missing files folder (while the backup names files), a file
 * missing from it or a damaged one is refused (MC_ENOTFOUND / MC_EIO,
 * naming the dossier and file) unless allow_missing_files.  The files
 * needed are then copied into the target's folder (temporary file, fsync,
 * hash checked, rename) before the database is renamed into place: a
 * restored database never names bytes that are not there. */
mc_status desk_restore(const char *backup, const char *target,
                       const desk_restore_opts *o, desk_restore_report *rep,
                       mc_error *err) MC_MUST_USE;

/* Read a database file's summary without opening it as a desk. */
mc_status desk_db_inspect(const char *path, bool integrity,
                          desk_db_summary *out, mc_error *err) MC_MUST_USE;

#endif
