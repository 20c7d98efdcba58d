/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_returns.h - returning the result by the channel the citizen chose
 * (Decision 352 Art. 14.3.a; issue 12):
 *   desk        the receiver's name and identity number (desk_advance);
 *   post        the postal tracking number and the posting date;
 *   electronic  the result file (a PDF, signed with the office's key when
 *               [returns] sign_cert/sign_key are set) kept as a dossier
 *               file of role "result"; the dossier is then "sent
 *               electronically, awaiting delivery" (status done,
 *               result_sent_at set) until the centre confirms the
 *               delivery: that change comes down with the pull and marks
 *               it returned (channel electronic), once. */
#ifndef MOTCUA_DESK_RETURNS_H
#define MOTCUA_DESK_RETURNS_H

#include <stdbool.h>

#include "desk.h"

typedef struct desk_return_in {
    const char *code;
    const char *channel; /* desk | post | electronic; NULL = chosen at intake */
    const char *note;
    /* desk */
    const char *receiver_name, *receiver_id, *receiver_relation;
    /* post */
    const char *tracking_number;
    const char *posted_on; /* YYYY-MM-DD; NULL = today */
    /* electronic */
    const char *result_file; /* path of the result PDF */
} desk_return_in;

/* Return (desk, post) or send (electronic) the result: one transaction
 * (dossier, file row, history, audit, outbox); on any error nothing is
 * written.  *out (may be NULL) receives the dossier as committed. */
mc_status desk_return(mc_desk *d, const desk_return_in *in, mc_dossier *out,
                      mc_error *err) MC_MUST_USE;

/* Validate the return channel chosen at intake against the intake's
 * fields (post needs the address, electronic an email or the portal) and
 * parse it (NULL = desk). */
mc_status desk_return_channel_check(const char *channel, unsigned intake_channel,
                                    const char *address, const char *email,
                                    unsigned *out, mc_error *err) MC_MUST_USE;

/* The centre confirmed the delivery of an electronic result (a change of
 * the pull, to "returned"): mark the dossier returned, channel electronic,
 * inside the caller's transaction.  MC_ESTATE when it was not sent
 * electronically or is no longer awaiting delivery. */
mc_status desk_return_delivered_locked(mc_desk *d, const char *code,
                                       const char *delivered_at,
                                       const char *confirmed_by,
                                       const char *note,
                                       mc_error *err) MC_MUST_USE;

/* The office's signing key and certificate ([returns] sign_cert,
 * sign_key) are both set. */
bool desk_return_can_sign(const mc_desk *d);

/* --- PDF signing (pdf_sign.c) ---------------------------------------- */
/* Sign a PDF: an incremental update adding an invisible signature field
 * whose /Sig dictionary carries a detached CMS (PKCS#7) signature, SHA-256,
 * over the /ByteRange (everything but the signature itself).  *out is
 * malloc'd.  MC_EINVAL (field "result") for a PDF it cannot sign
 * (encrypted, no catalog, already a form), MC_EIO/MC_EINVAL (field
 * "returns.sign_cert"/"returns.sign_key") for key problems. */
mc_status desk_pdf_sign(const unsigned char *pdf, size_t n,
                        const char *cert_file, const char *key_file,
                        const char *signer_name, const char *reason,
                        mc_ts when, unsigned char **out, size_t *out_n,
                        mc_error *err) MC_MUST_USE;

#endif
