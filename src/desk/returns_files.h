/* SPDX-License-Identifier: GPL-3.0-or-later */
/* returns_files.h - the electronic result file: read, checked, signed when
 * the office has a key, and kept as a dossier file of role "result"
 * (Contract A, desk_files.h) inside the caller's transaction.  The
 * uploader (Contract B) sends every dossier file to the centre. */
#ifndef MOTCUA_RETURNS_FILES_H
#define MOTCUA_RETURNS_FILES_H

#include <stdbool.h>
#include <stdint.h>

#include "desk_internal.h"

typedef struct returns_file {
    char sha256[65];
    char *name;   /* the file's name as the citizen receives it */
    int64_t size; /* bytes, as kept (signed) */
    bool is_signed;
    char *signer; /* the certificate's common name when signed */
} returns_file;

mc_status returns_file_attach_locked(mc_desk *d, const mc_dossier *ds,
                                     const char *path, mc_ts now,
                                     returns_file *out,
                                     mc_error *err) MC_MUST_USE;
void returns_file_free(returns_file *f);

#endif
