/* store_sql_queue.h - the queue and report statements (migration 4).
 * X(id, SQL); owned by the queue work. */
#ifndef MOTCUA_STORE_SQL_QUEUE_H
#define MOTCUA_STORE_SQL_QUEUE_H

#define STORE_STMT_LIST_QUEUE(X)

#endif
