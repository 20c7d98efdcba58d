/* SPDX-License-Identifier: GPL-3.0-or-later */
/* db.c - PostgreSQL for motcua-central: one connection per worker thread
 * (made on first use, reset when it breaks), every statement prepared once
 * per connection, and the forward-only migrations. */
#include "central.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc_error.h"

static const char *const stmt_sql[CS__COUNT] = {
#define X(id, sql) [id] = sql,
    CENTRAL_STMT_LIST(X)
#undef X
};

static char *g_conninfo;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static PGconn **g_all; /* every thread's connection, closed at shutdown */
static size_t g_n, g_cap;
static _Thread_local PGconn *t_conn;

void central_db_setup(const char *conninfo)
{
    g_conninfo = mc_xstrdup(conninfo);
}

static bool prepare_all(PGconn *c, char *why, size_t n)
{
    for (int i = 0; i < CS__COUNT; i++) {
        char name[16];
        snprintf(name, sizeof name, "s%d", i);
        PGresult *r = PQprepare(c, name, stmt_sql[i], 0, NULL);
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok)
            snprintf(why, n, "preparing statement %d: %s", i,
                     PQresultErrorMessage(r));
        PQclear(r);
        if (!ok)
            return false;
    }
    return true;
}

static void forget(PGconn *c)
{
    pthread_mutex_lock(&g_lock);
    for (size_t i = 0; i < g_n; i++)
        if (g_all[i] == c) {
            g_all[i] = g_all[--g_n];
            break;
        }
    pthread_mutex_unlock(&g_lock);
}

PGconn *central_db(char *why, size_t n)
{
    if (t_conn && PQstatus(t_conn) == CONNECTION_OK &&
        PQtransactionStatus(t_conn) == PQTRANS_IDLE)
        return t_conn;
    if (t_conn) { /* broken (server restarted) or left mid-transaction */
        forget(t_conn);
        PQfinish(t_conn);
        t_conn = NULL;
    }
    PGconn *c = PQconnectdb(g_conninfo);
    if (PQstatus(c) != CONNECTION_OK) {
        snprintf(why, n, "%s", PQerrorMessage(c));
        size_t l = strlen(why);
        while (l && (why[l - 1] == '\n' || why[l - 1] == ' '))
            why[--l] = '\0';
        PQfinish(c);
        return NULL;
    }
    if (!prepare_all(c, why, n)) {
        PQfinish(c);
        return NULL;
    }
    pthread_mutex_lock(&g_lock);
    if (g_n == g_cap) {
        g_cap = g_cap ? g_cap * 2 : 16;
        g_all = mc_xrealloc(g_all, g_cap * sizeof *g_all);
    }
    g_all[g_n++] = c;
    pthread_mutex_unlock(&g_lock);
    return t_conn = c;
}

PGresult *central_exec(PGconn *c, enum central_stmt id, int n,
                       const char *const *params)
{
    char name[16];
    snprintf(name, sizeof name, "s%d", (int)id);
    return PQexecPrepared(c, name, n, params, NULL, NULL, 0);
}

PGresult *central_exec_bin(PGconn *c, enum central_stmt id, int n,
                           const char *const *params, const int *lengths,
                           const int *formats, int result_format)
{
    char name[16];
    snprintf(name, sizeof name, "s%d", (int)id);
    return PQexecPrepared(c, name, n, params, lengths, formats,
                          result_format);
}

bool central_ok(PGresult *r)
{
    ExecStatusType s = PQresultStatus(r);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

PGconn *central_db_or_503(central_resp *r, char *why, size_t n)
{
    PGconn *c = central_db(why, n);
    if (!c)
        central_error(r, 503, "database_unavailable", NULL, "%s", why);
    return c;
}

bool central_ok_or_500(PGresult *res, central_resp *r)
{
    if (central_ok(res))
        return true;
    central_error(r, 500, "database_error", NULL, "%s",
                  PQresultErrorMessage(res));
    return false;
}

PGresult *central_exec_or_500(PGconn *c, enum central_stmt id, int n,
                              const char *const *params, central_resp *r)
{
    PGresult *res = central_exec(c, id, n, params);
    if (central_ok_or_500(res, r))
        return res;
    PQclear(res);
    return NULL;
}

bool central_run(PGconn *c, enum central_stmt id, int n,
                 const char *const *params, char *why, size_t wn)
{
    PGresult *res = central_exec(c, id, n, params);
    bool ok = central_ok(res);
    if (!ok)
        snprintf(why, wn, "%s", PQresultErrorMessage(res));
    PQclear(res);
    return ok;
}

void central_rollback_error(PGconn *c, central_resp *r, unsigned status,
                            const char *code, const char *field,
                            const char *fmt, ...)
{
    char msg[768]; /* central_error's own limit */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    central_rollback(c);
    central_error(r, status, code, field, "%s", msg);
}

void central_rollback_500(PGconn *c, central_resp *r)
{
    char why[768];
    snprintf(why, sizeof why, "%s", PQerrorMessage(c)); /* before ROLLBACK */
    central_rollback(c);
    central_error(r, 500, "database_error", NULL, "nothing was changed: %s",
                  why);
}

static bool simple(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    bool ok = central_ok(r);
    PQclear(r);
    return ok;
}

bool central_begin(PGconn *c)
{
    return simple(c, "BEGIN");
}

bool central_commit(PGconn *c)
{
    return simple(c, "COMMIT");
}

void central_rollback(PGconn *c)
{
    if (PQtransactionStatus(c) != PQTRANS_IDLE)
        (void)simple(c, "ROLLBACK");
}

void central_db_shutdown(void)
{
    pthread_mutex_lock(&g_lock);
    for (size_t i = 0; i < g_n; i++)
        PQfinish(g_all[i]);
    free(g_all);
    g_all = NULL;
    g_n = g_cap = 0;
    pthread_mutex_unlock(&g_lock);
    free(g_conninfo);
    g_conninfo = NULL;
}

int central_schema_latest(void)
{
    return CENTRAL_N_MIGRATIONS;
}

int central_schema_version(PGconn *c)
{
    PGresult *r = PQexec(c, "SELECT COALESCE(max(version), 0)"
                            " FROM schema_migrations");
    int v = -1;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        v = (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return v;
}

int central_migrate(const char *conninfo)
{
    PGconn *c = PQconnectdb(conninfo);
    int rc = 1;
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "motcua-central migrate: %s", PQerrorMessage(c));
        goto out;
    }
    /* one transaction, serialised against a concurrent migrate */
    if (!simple(c, "BEGIN") ||
        !simple(c, "SET LOCAL client_min_messages = warning") ||
        !simple(c, "SELECT pg_advisory_xact_lock(735100001)") ||
        !simple(c, "CREATE TABLE IF NOT EXISTS schema_migrations("
                   " version integer PRIMARY KEY,"
                   " applied_at timestamptz NOT NULL DEFAULT now())")) {
        fprintf(stderr, "motcua-central migrate: %s", PQerrorMessage(c));
        goto out;
    }
    int have = central_schema_version(c);
    if (have < 0) {
        fprintf(stderr, "motcua-central migrate: %s", PQerrorMessage(c));
        goto out;
    }
    if (have > CENTRAL_N_MIGRATIONS) {
        fprintf(stderr,
                "motcua-central migrate: the database is at schema %d, newer "
                "than this program (%d); refusing to touch it\n",
                have, CENTRAL_N_MIGRATIONS);
        goto out;
    }
    for (int v = have + 1; v <= CENTRAL_N_MIGRATIONS; v++) {
        char vs[16];
        snprintf(vs, sizeof vs, "%d", v);
        const char *p[1] = {vs};
        PGresult *r = PQexec(c, central_migrations[v - 1]);
        bool ok = central_ok(r);
        PQclear(r);
        if (ok) {
            r = PQexecParams(c, "INSERT INTO schema_migrations(version)"
                                " VALUES ($1::integer)",
                             1, NULL, p, NULL, NULL, 0);
            ok = central_ok(r);
            PQclear(r);
        }
        if (!ok) {
            fprintf(stderr, "motcua-central migrate: migration %d: %s", v,
                    PQerrorMessage(c));
            goto out;
        }
        printf("migration %d applied\n", v);
    }
    if (!simple(c, "COMMIT")) {
        fprintf(stderr, "motcua-central migrate: %s", PQerrorMessage(c));
        goto out;
    }
    printf("schema at version %d\n", CENTRAL_N_MIGRATIONS);
    rc = 0;
out:
    PQfinish(c);
    return rc;
}
