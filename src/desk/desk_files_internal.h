/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_files_internal.h - shared by files.c, pdf_pages.c and the audit
 * chain (desk.c). */
#ifndef MOTCUA_DESK_FILES_INTERNAL_H
#define MOTCUA_DESK_FILES_INTERNAL_H

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>

/* SHA-256 (sha256.c): libcrypto when it can be opened, else libsodium. */
typedef struct desk_sha256 {
    void *ctx; /* EVP_MD_CTX, or NULL: sodium below */
    bool failed;
    crypto_hash_sha256_state sodium;
} desk_sha256;
void desk_sha256_init(desk_sha256 *h);
void desk_sha256_update(desk_sha256 *h, const void *p, size_t n);
/* false when libcrypto failed (the digest is then not to be trusted) */
bool desk_sha256_final(desk_sha256 *h, unsigned char out[32]);
void desk_sha256_abort(desk_sha256 *h);
/* One buffer's digest, the same way (the audit chain's rows: every motcua
 * process maps libcrypto already, through libxlsxwriter). */
void desk_sha256_buf(const void *p, size_t n, unsigned char out[32]);

/* Pages of a PDF by libqpdf (dlopen'ed on first call); 0 when libqpdf is
 * not installed or cannot read it.  *encrypted when libqpdf says so. */
int desk_pdf_pages_qpdf(const void *buf, size_t len, bool *encrypted);

#endif
