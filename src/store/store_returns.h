/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_returns.h - the return of the result (channel chosen at intake,
 * the channel used, postal tracking, electronic sending). */
#ifndef MOTCUA_STORE_RETURNS_H
#define MOTCUA_STORE_RETURNS_H

#include <stdint.h>

#include "store.h"

/* The channel chosen at intake (only written when it is not the desk,
 * the column's default). */
mc_status store_return_channel_set(mc_store *s, int64_t dossier_id,
                                   unsigned channel, mc_error *err) MC_MUST_USE;
/* returned_via, post_tracking, posted_on and result_sent_at from d. */
mc_status store_return_update(mc_store *s, const mc_dossier *d,
                              mc_error *err) MC_MUST_USE;
#endif
