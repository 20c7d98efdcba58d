/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_upload.h - what the sync worker asks of the desk to move dossier
 * files (scans, results: every dossier_files row) to the centre
 * (docs/sync.md "Files").  Each file has an upload row, made with it; the
 * worker takes the ready ones in order (a file is ready once its dossier's
 * intake event was acknowledged by the centre), records how far the centre
 * says it is, and marks it done when the centre confirmed the whole file
 * by its SHA-256, or sets it aside with a reason (shown by `motcua sync
 * status`) when it can never go (the desk's own copy is damaged). */
#ifndef MOTCUA_DESK_UPLOAD_H
#define MOTCUA_DESK_UPLOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "desk.h"
#include "store_upload.h"

typedef store_upload_row desk_upload_file;

/* The first ready file with id > after; *found false when none. */
mc_status desk_upload_next(mc_desk *d, int64_t after, desk_upload_file *out,
                           bool *found, mc_error *err) MC_MUST_USE;
/* The centre has `sent` bytes of the file. */
mc_status desk_upload_sent(mc_desk *d, int64_t file_id, int64_t sent,
                           mc_error *err) MC_MUST_USE;
/* The centre confirmed the whole file. */
mc_status desk_upload_done(mc_desk *d, int64_t file_id, int64_t size,
                           mc_error *err) MC_MUST_USE;
mc_status desk_upload_failed(mc_desk *d, int64_t file_id, const char *why,
                             mc_error *err) MC_MUST_USE;
/* Give up on a file (audited as sync.file_aside). */
mc_status desk_upload_set_aside(mc_desk *d, int64_t file_id,
                                const char *reason, mc_error *err) MC_MUST_USE;

typedef struct desk_upload_waiting {
    int64_t files; /* not yet confirmed by the centre (not set aside) */
    int64_t bytes; /* their bytes the centre does not have yet */
    int64_t held;  /* of them, waiting for their dossier's intake */
} desk_upload_waiting;
mc_status desk_upload_waiting_get(mc_desk *d, desk_upload_waiting *out,
                                  mc_error *err) MC_MUST_USE;
typedef void (*desk_upload_fn)(const desk_upload_file *f, void *ud);
mc_status desk_upload_aside_each(mc_desk *d, desk_upload_fn fn, void *ud,
                                 mc_error *err) MC_MUST_USE;
/* Files still pending whose last try failed (last_error set). */
mc_status desk_upload_failing_each(mc_desk *d, desk_upload_fn fn, void *ud,
                                   mc_error *err) MC_MUST_USE;

/* Detached files (desk_files_detach) the centre must learn of, once each:
 * the first with id > after whose dossier's intake was acknowledged. */
typedef store_detach_row desk_detach_notice;
mc_status desk_upload_detach_next(mc_desk *d, int64_t after,
                                  desk_detach_notice *out, bool *found,
                                  mc_error *err) MC_MUST_USE;
mc_status desk_upload_detach_told(mc_desk *d, int64_t file_id,
                                  mc_error *err) MC_MUST_USE;

#endif
