/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_session.h - sign-in sessions (rows keyed by the token's hash). */
#ifndef MOTCUA_STORE_SESSION_H
#define MOTCUA_STORE_SESSION_H

#include "store.h"

typedef struct store_session {
    int64_t user_id;
    mc_ts created_at, used_at;
    mc_ts ended_at; /* 0 while live */
} store_session;

mc_status store_session_insert(mc_store *s, const char *token_hash,
                               int64_t user_id, mc_ts at,
                               mc_error *err) MC_MUST_USE;
/* MC_ENOTFOUND when no session has this hash. */
mc_status store_session_get(mc_store *s, const char *token_hash,
                            store_session *out, mc_error *err) MC_MUST_USE;
mc_status store_session_touch(mc_store *s, const char *token_hash, mc_ts at,
                              mc_error *err) MC_MUST_USE;
/* End one live session (*ended: whether one was live) or every live
 * session of a user. */
mc_status store_session_end(mc_store *s, const char *token_hash, mc_ts at,
                            bool *ended, mc_error *err) MC_MUST_USE;
mc_status store_session_end_user(mc_store *s, int64_t user_id, mc_ts at,
                                 mc_error *err) MC_MUST_USE;

#endif
