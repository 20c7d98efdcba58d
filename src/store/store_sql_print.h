/* store_sql_print.h - the printing statements (print_jobs, migration 2).
 * X(id, SQL); owned by the printing work. */
#ifndef MOTCUA_STORE_SQL_PRINT_H
#define MOTCUA_STORE_SQL_PRINT_H

#define STORE_STMT_LIST_PRINT(X)

#endif
