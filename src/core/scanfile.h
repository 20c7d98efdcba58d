/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scanfile.h - is this byte string a whole, readable PDF, PNG or JPEG?
 *
 * Pure: the caller hands the bytes (the desk maps the copy it is about to
 * store, so the bytes checked are the bytes kept).  No I/O, no allocation
 * beyond the error text; fuzzed by tests/fuzz/fuzz_scan.c.
 *
 * Refused, each with its own message naming the file:
 *   - an empty file, or bytes that are none of PDF, PNG, JPEG;
 *   - a name whose extension says one type while the bytes are another
 *     (a known extension must agree; another extension is refused);
 *   - a truncated file: a PDF without its startxref / %%EOF trailer (or a
 *     startxref that points outside the file), a PNG whose chunks run past
 *     the end or never reach IEND (a chunk's CRC must match), a JPEG whose
 *     segments run past the end or that never reaches EOI;
 *   - a password-protected PDF (an /Encrypt entry).
 * Pages: a PDF's page objects (/Type /Page), else the largest /Count of its
 * page tree; 0 when they sit in compressed object streams and cannot be
 * counted without decompressing.  PNG and JPEG are one page.
 */
#ifndef MOTCUA_SCANFILE_H
#define MOTCUA_SCANFILE_H

#include <stddef.h>

#include "mc_error.h"

typedef enum scan_kind {
    SCAN_NONE = 0,
    SCAN_PDF,
    SCAN_PNG,
    SCAN_JPEG,
} scan_kind;

typedef struct scan_info {
    scan_kind kind;
    const char *mime; /* "application/pdf", "image/png", "image/jpeg" */
    const char *ext;  /* "pdf", "png", "jpg" */
    int pages;        /* >= 1, or 0 when it cannot be counted */
} scan_info;

/* The type the first bytes announce (SCAN_NONE when none of ours). */
scan_kind scan_sniff(const unsigned char *buf, size_t len);
const char *scan_kind_name(scan_kind k); /* "PDF", "PNG", "JPEG", "?" */

/* Check buf[0..len) as the file `name` (a display name; its extension, if
 * any, must agree with the bytes; NULL = no name).  MC_EINVAL with the
 * field "file" and a message beginning with the name on refusal. */
mc_status scan_check(const unsigned char *buf, size_t len, const char *name,
                     scan_info *out, mc_error *err) MC_MUST_USE;

#endif
