/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_backup_files.h - which stored files (blobs) a database file's
 * dossiers name, for backing up and restoring the files with the database
 * (src/desk/backup_files.c).  The database file is opened read-only and
 * never migrated: it is a backup copy, not the live database. */
#ifndef MOTCUA_STORE_BACKUP_FILES_H
#define MOTCUA_STORE_BACKUP_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "mc_error.h"

/* One blob the dossier_files rows name, with one dossier and file name
 * that use it (the first recorded), to name it in messages. */
typedef struct store_blob_ref {
    char sha256[65];
    int64_t size; /* the blobs row's size */
    char *code;   /* a dossier code that has the file */
    char *name;   /* the file's name on that dossier */
} store_blob_ref;

/* Every blob named by a dossier_files row of the database file `path`,
 * ordered by hash (*out malloc'd; store_blob_refs_free).  A database from
 * before dossier files existed has none. */
mc_status store_blob_refs(const char *path, store_blob_ref **out, size_t *n,
                          mc_error *err) MC_MUST_USE;
void store_blob_refs_free(store_blob_ref *r, size_t n);

#endif
