/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_sql_returns.h - the return-of-result statements (issue 12).
 * X(id, SQL). */
#ifndef MOTCUA_STORE_SQL_RETURNS_H
#define MOTCUA_STORE_SQL_RETURNS_H

#define STORE_STMT_LIST_RETURNS(X)                                             \
    X(STMT_RET_CHANNEL_SET, "UPDATE dossiers SET return_channel = ?2"          \
                            " WHERE id = ?1")                                  \
    X(STMT_RET_UPDATE, "UPDATE dossiers SET returned_via = ?2,"                \
                       " post_tracking = ?3, posted_on = ?4,"                  \
                       " result_sent_at = ?5 WHERE id = ?1")

#endif
