/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_files.h - dossier files (scans, results) and their content-addressed
 * blobs.  The bytes are on disk (src/desk/files.c); these are the rows. */
#ifndef MOTCUA_STORE_FILES_H
#define MOTCUA_STORE_FILES_H

#include "store.h"

typedef struct store_blob {
    int64_t size;
    char *mime;
    int pages;
    mc_ts stored_at;
} store_blob;
void store_blob_free(store_blob *b);

/* Insert the blob row unless one with this hash exists (then nothing). */
mc_status store_blob_put(mc_store *s, const char *sha256, int64_t size,
                         const char *mime, int pages, mc_ts at,
                         mc_error *err) MC_MUST_USE;
/* MC_ENOTFOUND when no blob has this hash. */
mc_status store_blob_get(mc_store *s, const char *sha256, store_blob *out,
                         mc_error *err) MC_MUST_USE;

typedef struct store_file {
    int64_t id, dossier_id;
    const char *role;   /* "scan" | "result" */
    int paper;          /* 1-based paper (ord) of a scan; 0 for a result */
    const char *sha256, *name, *source, *added_by;
    mc_ts added_at;
    int64_t size;
    const char *mime;
    int pages;
    mc_ts detached_at; /* 0 = attached */
    const char *detached_by, *detach_reason; /* NULL when attached */
} store_file;

/* paper 0 is stored as NULL (a result). */
mc_status store_file_insert(mc_store *s, const store_file *f, int64_t *id,
                            mc_error *err) MC_MUST_USE;
/* The row id of the same bytes already on this dossier, role and paper
 * (0 when none). */
mc_status store_file_find(mc_store *s, int64_t dossier_id, const char *role,
                          int paper, const char *sha256, int64_t *id,
                          mc_error *err) MC_MUST_USE;
/* Whether the dossier holds these bytes already (any role or paper). */
mc_status store_file_has(mc_store *s, int64_t dossier_id, const char *sha256,
                         bool *has, mc_error *err) MC_MUST_USE;
/* The bytes a dossier holds: each distinct blob once. */
mc_status store_file_bytes(mc_store *s, int64_t dossier_id, int64_t *bytes,
                           mc_error *err) MC_MUST_USE;
/* Results first, then scans by paper, each in the order added.  The row's
 * strings live until fn returns. */
typedef void (*store_file_fn)(const store_file *f, void *ud);
mc_status store_file_each(mc_store *s, int64_t dossier_id, store_file_fn fn,
                          void *ud, mc_error *err) MC_MUST_USE;
/* One row by id (fn called once); MC_ENOTFOUND when none. */
mc_status store_file_get(mc_store *s, int64_t id, store_file_fn fn, void *ud,
                         mc_error *err) MC_MUST_USE;
/* The detached files of a dossier, in the order detached. */
mc_status store_file_each_detached(mc_store *s, int64_t dossier_id,
                                   store_file_fn fn, void *ud,
                                   mc_error *err) MC_MUST_USE;
/* Mark a row detached; *done is false when it was detached already. */
mc_status store_file_detach(mc_store *s, int64_t id, mc_ts at, const char *by,
                            const char *reason, bool *done,
                            mc_error *err) MC_MUST_USE;

#endif
