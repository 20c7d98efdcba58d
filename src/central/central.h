/* SPDX-License-Identifier: GPL-3.0-or-later */
/* central.h - motcua-central: the national service in front of PostgreSQL.
 *
 * Stateless: every request reads and writes PostgreSQL only, so several
 * instances can run behind a load balancer.  Each worker thread owns one
 * libpq connection (made on first use, reset when it breaks).  Identity:
 *   - a desk office proves itself with its client certificate (mTLS); the
 *     certificate's Common Name is the office code and must equal the office
 *     in the URL;
 *   - or, only when explicitly configured, a trusted reverse proxy (nginx
 *     with ssl_verify_client on) passes the verified CN in a header; the
 *     service then listens without TLS and accepts that header only from
 *     the configured proxy address;
 *   - the back office authenticates separately, with a bearer token.
 * See docs/sync.md.
 */
#ifndef MOTCUA_CENTRAL_H
#define MOTCUA_CENTRAL_H

#include <jansson.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct central_config {
    char *listen;        /* ADDR:PORT */
    char *tls_cert;      /* PEM files */
    char *tls_key;
    char *client_ca;
    char *pg;            /* libpq conninfo */
    char *backoffice_token_file;
    char *proxy_identity_header; /* trusted-proxy mode only */
    char *trusted_proxy;         /* the proxy's address (default 127.0.0.1) */
    int threads;
    size_t max_body;
} central_config;

/* Everything a request handler needs. */
typedef struct central_req {
    const char *method;
    const char *path;
    const char *office_identity; /* verified office code, or NULL */
    const char *identity_problem; /* why there is none (code) */
    const char *identity_detail;
    bool backoffice;             /* a valid back-office token was given */
    const char *body;
    size_t body_len;
    void *conn;                  /* struct MHD_Connection * */
} central_req;

typedef struct central_resp {
    unsigned status;
    char *body;          /* malloc'd */
    const char *content_type;
} central_resp;

/* --- responses (http.c) --- */
void central_json(central_resp *r, unsigned status, json_t *v); /* steals */
void central_error(central_resp *r, unsigned status, const char *code,
                   const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* A query-string argument, or NULL. */
const char *central_arg(const central_req *q, const char *key);

/* --- the batch parser's arena (arena.c) --- */
/* Once at start, before any thread: route jansson's allocations. */
void central_arena_install(void);
/* This thread's jansson allocations go to its arena until _end; they stay
 * valid until _reset, which drops them all (free() on them is a no-op). */
void central_arena_begin(void);
void central_arena_end(void);
void central_arena_reset(void);

/* --- database (db.c) --- */
/* X(id, SQL): every statement, prepared once per connection. */
#include "central_sql.h"
enum central_stmt {
#define X(id, sql) id,
    CENTRAL_STMT_LIST(X)
#undef X
        CS__COUNT
};
void central_db_setup(const char *conninfo);
/* This thread's connection (connected, statements prepared) or NULL with
 * a message in why. */
PGconn *central_db(char *why, size_t why_size);
/* Execute a prepared statement with text parameters (NULL = SQL NULL). */
PGresult *central_exec(PGconn *c, enum central_stmt id, int n,
                       const char *const *params);
/* The same with binary parameters (formats[i] 1: lengths[i] bytes) and
 * binary results when result_format is 1. */
PGresult *central_exec_bin(PGconn *c, enum central_stmt id, int n,
                           const char *const *params, const int *lengths,
                           const int *formats, int result_format);
bool central_ok(PGresult *r); /* COMMAND_OK or TUPLES_OK */
bool central_begin(PGconn *c);
bool central_commit(PGconn *c);
void central_rollback(PGconn *c);
void central_db_shutdown(void);
/* Forward-only migrations; prints what it did.  0 on success. */
int central_migrate(const char *conninfo);
/* The schema version the database has and the one this binary needs. */
int central_schema_version(PGconn *c);
int central_schema_latest(void);

/* --- handlers --- */
void central_push(const central_req *q, const char *office, central_resp *r);
void central_changes(const central_req *q, const char *office,
                     central_resp *r);
void central_status_update(const central_req *q, const char *code,
                           central_resp *r);
void central_lookup_json(const central_req *q, const char *code,
                         central_resp *r);
void central_lookup_html(const central_req *q, const char *code,
                         central_resp *r);
/* GET /v1/offices/OFFICE/state: last_seq and the highest dossier number
 * per day (the office only). */
void central_state(const central_req *q, const char *office, central_resp *r);
void central_summary(const central_req *q, const char *office,
                     central_resp *r);
void central_healthz(const central_req *q, central_resp *r);
/* Dossier files (files.c): whether url is /v1/offices/OFFICE/files[/SHA]
 * (office copied out, *rest the part after "/files"); the handler answers
 * every method on it. */
bool central_files_path(const char *url, char *office, size_t office_size,
                        const char **rest);
void central_files(const central_req *q, const char *office,
                   const char *rest, central_resp *r);
/* POST /v1/dossiers/CODE/delivered: an electronic result reached the
 * citizen (returns.c). */
void central_result_delivered(const central_req *q, const char *code,
                              central_resp *r);

/* --- TLS peer identity (tls_peer.c) --- */
typedef enum {
    PEER_OK,
    PEER_NONE,      /* no certificate presented */
    PEER_UNTRUSTED, /* not signed by the client CA, or otherwise invalid */
    PEER_EXPIRED,
    PEER_ERROR,
} central_peer;
/* Verify the connection's client certificate against the configured client
 * CA and copy its Common Name into cn. */
central_peer central_tls_peer(void *gnutls_session, char *cn, size_t cn_size,
                              char *detail, size_t detail_size);

#endif
