/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ids.h - Vietnamese identity numbers (DOMAIN.md section 6).
 *
 * Every validator returns MC_OK or MC_EINVAL with a specific reason naming
 * `field` ("Số CCCD phải có 12 chữ số (đang có 11)"), never just "invalid".
 * Inputs may carry surrounding spaces; the canonical form goes to `out`
 * when out is not NULL.
 */
#ifndef MOTCUA_IDS_H
#define MOTCUA_IDS_H

#include <stdbool.h>
#include <stddef.h>

#include "mc_error.h"

#define ID_MAX 32 /* buffer size for any canonical identity number */

/* 12-digit personal identification number (CCCD): province of birth
 * registration from the official list, century/gender digit, birth year not
 * after `current_year`. */
mc_status id_check_cccd(const char *s, int current_year, const char *field,
                        char out[ID_MAX], mc_error *err) MC_MUST_USE;

/* The old 9-digit identity card (CMND). */
mc_status id_check_cmnd(const char *s, const char *field, char out[ID_MAX],
                        mc_error *err) MC_MUST_USE;

/* A person's identity number as the desk accepts it: 12-digit CCCD or the
 * old 9-digit CMND. */
mc_status id_check_person(const char *s, int current_year, const char *field,
                          char out[ID_MAX], mc_error *err) MC_MUST_USE;

/* 10-digit BHXH number; since 2025-07-01 the 12-digit CCCD is accepted in
 * its place. */
mc_status id_check_bhxh(const char *s, int current_year, const char *field,
                        char out[ID_MAX], mc_error *err) MC_MUST_USE;

/* Mobile (10 digits, current prefix) or landline (11 digits, 02x area);
 * accepts "+84", spaces, dots and dashes; out gets the canonical 0-form. */
mc_status id_check_phone(const char *s, const char *field, char out[ID_MAX],
                         mc_error *err) MC_MUST_USE;

/* 10-digit tax code with its check digit, or the 13-character branch form
 * NNNNNNNNNN-NNN. */
mc_status id_check_taxcode(const char *s, const char *field, char out[ID_MAX],
                           mc_error *err) MC_MUST_USE;

/* The province name for a 3-digit code ("001" -> "Hà Nội"), or NULL. */
const char *id_province_name(const char *code3);
/* The official list, in code order: the i-th code (NULL past the end) and
 * its name in *name. */
size_t id_province_count(void);
const char *id_province_at(size_t i, const char **name);

/* The check digit (0..9) of a 10-digit tax code from its first nine
 * digits, or -1 when no digit fits (weighted sum = 0 mod 11). */
int id_taxcode_check_digit(const char first9[9]);

#endif
