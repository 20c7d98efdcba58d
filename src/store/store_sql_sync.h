/* store_sql_sync.h - the sync statements (outbox, sync_state,
 * applied_remote; migration 3).  X(id, SQL); owned by the sync work. */
#ifndef MOTCUA_STORE_SQL_SYNC_H
#define MOTCUA_STORE_SQL_SYNC_H

#define STORE_STMT_LIST_SYNC(X)

#endif
