/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dossier_code.h - the dossier code (DOMAIN.md section 3).
 *
 *   <agency id>-<YYMMDD>-<sequence>      e.g. 000.00.06.H56-231027-0361
 *
 * The agency id is an opaque configured string of 1..35 characters from
 * [0-9A-Z.]; no meaning is ever parsed out of it.  YYMMDD is the receipt
 * date in Vietnam time.  The sequence counts the agency's dossiers of that
 * day from 1, zero-padded to at least four digits and longer when needed.
 * Numbers are allocated by the store inside the transaction that writes the
 * dossier (see docs/code-issuance.md); this module only formats and parses.
 */
#ifndef MOTCUA_DOSSIER_CODE_H
#define MOTCUA_DOSSIER_CODE_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "mc_error.h"

#define DCODE_AGENCY_MAX 35
#define DCODE_MAX 64 /* buffer size that fits every valid code */

/* MC_OK, or MC_EINVAL naming what is wrong with the agency id. */
mc_status dcode_check_agency(const char *agency, mc_error *err);

/* Writes the code into buf (DCODE_MAX bytes).  seq >= 1. */
mc_status dcode_format(const char *agency, mc_date day, unsigned long seq,
                       char buf[static DCODE_MAX], mc_error *err);

/* "YYMMDD" of a date (buf at least 7 bytes). */
void dcode_day_key(mc_date day, char buf[static 7]);

typedef struct dcode_parts {
    char agency[DCODE_AGENCY_MAX + 1];
    int yy, mm, dd;
    unsigned long seq;
} dcode_parts;

/* Strict parse; false when the text is not a well-formed code. */
bool dcode_parse(const char *code, dcode_parts *out);

/* A scanner or a clerk may give either the bare code or the lookup URL
 * printed in the receipt's QR (".../<code>" or "...?code=<code>").  Copies
 * the code into out and returns true when one is found. */
bool dcode_from_scan(const char *text, char out[static DCODE_MAX]);

#endif
