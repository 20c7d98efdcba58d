/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_files_internal.h - shared by files.c and pdf_pages.c only. */
#ifndef MOTCUA_DESK_FILES_INTERNAL_H
#define MOTCUA_DESK_FILES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* Pages of a PDF by libqpdf (dlopen'ed on first call); 0 when libqpdf is
 * not installed or cannot read it.  *encrypted when libqpdf says so. */
int desk_pdf_pages_qpdf(const void *buf, size_t len, bool *encrypted);

#endif
