/* SPDX-License-Identifier: GPL-3.0-or-later */
/* backup_files_internal.h - the dossier files of a backup, shared by
 * backup.c and backup_files.c only (see desk_backup.h). */
#ifndef MOTCUA_BACKUP_FILES_INTERNAL_H
#define MOTCUA_BACKUP_FILES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "desk_backup.h"
#include "store_backup_files.h"

/* Copy every file the database file `db_copy` names from `live_dir` into
 * `out_dir` (desk_backup.h).  A file missing or damaged in live_dir is
 * counted in rep->files_failed and described in `first_failure` (the first
 * few, "; " between them); an error writing out_dir fails the call. */
mc_status bf_backup_copy(const char *db_copy, const char *live_dir,
                         const char *out_dir, desk_backup_report *rep,
                         char *first_failure, size_t n,
                         mc_error *err) MC_MUST_USE;

/* What a restore will copy (bf_restore_plan, then bf_restore_copy). */
typedef struct bf_plan {
    store_blob_ref *refs;
    size_t n;
    bool *copy; /* per ref: to copy from the backup's folder */
} bf_plan;

/* Check (nothing written): see desk_restore in desk_backup.h. */
mc_status bf_restore_plan(const char *db_copy, const char *backup,
                          const char *backup_dir, const char *target_dir,
                          bool allow_missing, bf_plan *plan,
                          desk_restore_report *rep, mc_error *err) MC_MUST_USE;
/* Copy the planned files into target_dir. */
mc_status bf_restore_copy(const bf_plan *plan, const char *backup_dir,
                          const char *target_dir, desk_restore_report *rep,
                          mc_error *err) MC_MUST_USE;
void bf_plan_free(bf_plan *plan);

#endif
