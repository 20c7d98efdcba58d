/* SPDX-License-Identifier: GPL-3.0-or-later */
/* returns_files.h - the electronic result file: read, checked, signed when
 * the office has a key, and kept as a dossier file of role "result"
 * (Contract A, desk_files.h) inside the caller's transaction.  The
 * uploader (Contract B) sends every dossier file to the centre. */
#ifndef MOTCUA_RETURNS_FILES_H
#define MOTCUA_RETURNS_FILES_H

#include <stdbool.h>
#include <stdint.h>

#include "desk_files.h"
#include "desk_internal.h"

typedef struct returns_file {
    desk_file_staged staged; /* sha256, size, name (Contract A) */
    bool is_signed;
    char *signer; /* who signed (the office) when signed */
} returns_file;

/* Before the transaction: read the PDF, check it, sign it when the office
 * has a key, and stage it in the files folder (desk_files_stage). */
mc_status returns_file_prepare(mc_desk *d, const char *code, const char *path,
                               mc_ts now, returns_file *out,
                               mc_error *err) MC_MUST_USE;
/* Inside the caller's transaction: the dossier_files row (role "result")
 * and its audit row. */
mc_status returns_file_record_locked(mc_desk *d, const mc_dossier *ds,
                                     returns_file *f,
                                     mc_error *err) MC_MUST_USE;
/* Discard what was staged and not recorded; free. */
void returns_file_free(returns_file *f);

#endif
