/* SPDX-License-Identifier: GPL-3.0-or-later */
/* b64.h - strict base64 (RFC 4648, standard alphabet, padded), for files
 * that travel inside JSON: a portal connector's attached files and the
 * Mẫu 02/03 PDF of an online decision. */
#ifndef MOTCUA_WIRE_B64_H
#define MOTCUA_WIRE_B64_H

#include <stdbool.h>
#include <stddef.h>

/* Encode n bytes; a NUL-terminated malloc'd string. */
char *wire_b64_encode(const void *data, size_t n);

/* The decoded size of a well-formed text of length len (0 when len is not
 * a multiple of 4). */
size_t wire_b64_decoded_size(const char *text, size_t len);

/* Decode strictly: no whitespace, no characters outside the alphabet,
 * padding only at the end, length a multiple of 4.  On success *out is
 * malloc'd (never NULL, even for an empty text) and *out_n its size; on
 * failure returns false with the byte offset of the first bad character
 * in *bad_at (len when the length is wrong). */
bool wire_b64_decode(const char *text, size_t len, unsigned char **out,
                     size_t *out_n, size_t *bad_at);

#endif
