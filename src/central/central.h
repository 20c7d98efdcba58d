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
    char *connector_ca;          /* CA of the portal connector's certificate */
    char *connector_cn;          /* the portal connector's Common Name */
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
    const char *connector_identity; /* the portal connector (its CN), or
                                     * NULL; never an office at once */
    bool backoffice;             /* a valid back-office token was given */
    const char *body;
    size_t body_len;
    void *conn;                  /* struct MHD_Connection * */
} central_req;

typedef struct central_resp {
    unsigned status;
    char *body;          /* malloc'd */
    size_t body_len;     /* bytes of body; 0 = a NUL-terminated text */
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
/* The request handlers' shorthands.  This thread's connection, or NULL
 * with the answer set: 503 database_unavailable (why holds the reason). */
PGconn *central_db_or_503(central_resp *r, char *why, size_t why_size);
/* Execute a statement (text results); on failure answer 500
 * database_error with the statement's message and return NULL. */
PGresult *central_exec_or_500(PGconn *c, enum central_stmt id, int n,
                              const char *const *params, central_resp *r);
/* central_ok(res); else answer 500 database_error with its message
 * (res is not cleared). */
bool central_ok_or_500(PGresult *res, central_resp *r);
/* Execute a statement whose result is not needed; false with its message
 * in why on failure. */
bool central_run(PGconn *c, enum central_stmt id, int n,
                 const char *const *params, char *why, size_t why_size);
/* Roll back the transaction and answer this error. */
void central_rollback_error(PGconn *c, central_resp *r, unsigned status,
                            const char *code, const char *field,
                            const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* A database error inside a transaction: roll back and answer 500
 * database_error "nothing was changed: " with the connection's message. */
void central_rollback_500(PGconn *c, central_resp *r);
bool central_begin(PGconn *c);
bool central_commit(PGconn *c);
void central_rollback(PGconn *c);
void central_db_shutdown(void);
/* Forward-only migrations; prints what it did.  0 on success. */
int central_migrate(const char *conninfo);
/* The schema version the database has and the one this binary needs. */
int central_schema_version(PGconn *c);
int central_schema_latest(void);

/* The office endpoints' check (http.c): the verified identity is this
 * office (or, when backoffice_ok, the back office); else the error is set
 * in r and false returned. */
bool central_office_allowed(const central_req *q, const char *office,
                            bool backoffice_ok, central_resp *r);

/* --- paged office feeds (paged.c) --- */
typedef struct central_page {
    enum central_stmt stmt;  /* (office, after, limit + 1), column 0 the
                              * row's cursor, ascending */
    int default_limit, max_limit;
    int after_quote_max;     /* bytes of a bad "after" quoted; -1: all */
    const char *key;         /* the answer's array: "changes", "items" */
    json_t *(*item)(PGresult *res, int row, long long cursor); /* new ref */
} central_page;
/* Answer GET ...?after=N&limit=M with the page of rows after N:
 * {"v", KEY: [...], "next_after", "more"}; 400 on a bad argument. */
void central_paged(const central_req *q, const char *office,
                   const central_page *pg, central_resp *r);

/* --- online dossiers (online.c; docs/sync.md "Online dossiers") --- */
/* The online endpoints: true when the path is one of them (r is set). */
bool central_online_route(const central_req *q, central_resp *r);
/* Apply an intake carrying a portal_ref, or an online_decision, of a push
 * (inside its transaction, the office row locked).  Returns false on a
 * database error (why set); *rejected with reason when the centre refuses
 * the event (unknown reference, another office's, already decided). */
bool central_online_apply(PGconn *c, const char *office, long long seq,
                          const json_t *ev, bool *rejected, char *reason,
                          size_t reason_size, char *why, size_t why_size);
/* The public lookup object of an online dossier by its portal reference
 * (the linked dossier's when accepted), NULL when there is none; on a
 * database error NULL with r set. */
json_t *central_online_lookup(PGconn *c, const char *ref, central_resp *r);

/* --- handlers --- */
void central_push(const central_req *q, const char *office, central_resp *r);
void central_changes(const central_req *q, const char *office,
                     central_resp *r);
void central_status_update(const central_req *q, const char *code,
                           central_resp *r);
/* The back office's dossier endpoints (changes.c): whether code is a
 * dossier code (else 400); BEGIN and the dossier's row (office, status)
 * locked, or NULL with the answer set (404, or 500 rolled back). */
bool central_dossier_code_ok(const char *code, central_resp *r);
PGresult *central_dossier_lock(PGconn *c, const char *code, central_resp *r);
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
/* For both (files.c): the body must be a JSON object (else NULL after a
 * 400); a failed statement rolls back and answers 500; the file's dossier must be known to the centre and belong to the office, in
 * the open transaction, else the answer (403/409/500) is made, the
 * transaction rolled back and false returned. */
void central_file_db_error(PGconn *c, PGresult *res, central_resp *r);
json_t *central_file_body(const central_req *q, central_resp *r);
bool central_file_dossier_ok(PGconn *c, const char *office,
                             const char *dossier, central_resp *r);
/* POST /v1/offices/OFFICE/files/SHA256/detach (files_detach.c). */
void central_files_detach(const central_req *q, const char *office,
                          const char *sha256, central_resp *r);
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
/* The portal connector's CA (PEM file), loaded once before serving. */
bool central_tls_connector_ca(const char *pem, char *why, size_t why_size);
/* Whether the (verified) client certificate chains to the connector's
 * CA; false when none is configured. */
bool central_tls_by_connector_ca(void *gnutls_session);
void central_tls_connector_free(void);

#endif
