/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_upload.h - where each dossier file stands on its way to the centre
 * (file_uploads: one row per dossier_files row, made by a trigger when the
 * file is recorded).  A row is pending until the centre confirmed the whole
 * file (hash checked: done_at) or the desk gave up on it (set aside with a
 * reason, shown by `motcua sync status`).  `sent` is what the centre last
 * said it had; the worker always resumes from the centre's own figure. */
#ifndef MOTCUA_STORE_UPLOAD_H
#define MOTCUA_STORE_UPLOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "mc_error.h"
#include "store.h"

typedef struct store_upload_row {
    int64_t file_id;
    char dossier[64];
    char role[8];
    int paper; /* 0 for a result */
    char sha256[65];
    int64_t size;
    char mime[128];
    char name[1024];
    int64_t sent;
    int attempts;
    const char *set_aside_reason; /* only in store_upload_aside_each */
    const char *last_error;       /* only in store_upload_failing_each */
} store_upload_row;

/* The first ready file with id > after (pending, its dossier's intake
 * acknowledged); *found false when none. */
mc_status store_upload_next(mc_store *s, int64_t after, store_upload_row *out,
                            bool *found, mc_error *err) MC_MUST_USE;
mc_status store_upload_sent(mc_store *s, int64_t file_id, int64_t sent,
                            mc_error *err) MC_MUST_USE;
mc_status store_upload_done(mc_store *s, int64_t file_id, int64_t size,
                            mc_ts at, mc_error *err) MC_MUST_USE;
/* One more failed try, and why (kept for `sync status`). */
mc_status store_upload_failed(mc_store *s, int64_t file_id, const char *why,
                              mc_error *err) MC_MUST_USE;
mc_status store_upload_set_aside(mc_store *s, int64_t file_id,
                                 const char *reason,
                                 mc_error *err) MC_MUST_USE;
/* Pending files, their bytes not yet at the centre, and how many of them
 * wait for their dossier's intake to be acknowledged. */
mc_status store_upload_waiting(mc_store *s, int64_t *files, int64_t *bytes,
                               int64_t *held, mc_error *err) MC_MUST_USE;
typedef void (*store_upload_fn)(const store_upload_row *r, void *ud);
mc_status store_upload_aside_each(mc_store *s, store_upload_fn fn, void *ud,
                                  mc_error *err) MC_MUST_USE;
/* The pending files whose last try failed, with why. */
mc_status store_upload_failing_each(mc_store *s, store_upload_fn fn, void *ud,
                                    mc_error *err) MC_MUST_USE;

/* A detached file (dossier detach) the centre may know and has not been
 * told of yet: its dossier's intake was acknowledged. */
typedef struct store_detach_row {
    int64_t file_id;
    char dossier[64];
    char role[8];
    int paper;
    char sha256[65];
    char by[128];
    char reason[8192]; /* up to 2000 characters */
} store_detach_row;
/* The first such file with id > after; *found false when none. */
mc_status store_upload_detach_next(mc_store *s, int64_t after,
                                   store_detach_row *out, bool *found,
                                   mc_error *err) MC_MUST_USE;
/* The centre has learnt that the file is detached. */
mc_status store_upload_detach_told(mc_store *s, int64_t file_id, mc_ts at,
                                   mc_error *err) MC_MUST_USE;

#endif
