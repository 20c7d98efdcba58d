/* SPDX-License-Identifier: GPL-3.0-or-later */
/* http.c - libmicrohttpd glue: bounded request bodies, who is calling
 * (client certificate, trusted proxy header, back-office token), routing,
 * and JSON/HTML responses. */
#include "http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "mc_error.h"
#include "protocol.h"

struct reqstate {
    char *body;
    size_t len, cap;
    bool too_large;
};

static const central_config *g_cfg;
static char *g_token; /* the back-office bearer token, or NULL */

void central_json(central_resp *r, unsigned status, json_t *v)
{
    r->status = status;
    r->body = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    r->content_type = "application/json; charset=utf-8";
    json_decref(v);
}

void central_error(central_resp *r, unsigned status, const char *code,
                   const char *field, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    central_json(r, status, wire_error_new(code, field, "%s", msg));
}

const char *central_arg(const central_req *q, const char *key)
{
    return MHD_lookup_connection_value((struct MHD_Connection *)q->conn,
                                       MHD_GET_ARGUMENT_KIND, key);
}

/* constant-time comparison of the bearer token */
static bool token_ok(const char *given)
{
    if (!g_token || !given)
        return false;
    size_t a = strlen(g_token), b = strlen(given);
    unsigned char diff = (unsigned char)(a != b);
    for (size_t i = 0; i < a; i++)
        diff |= (unsigned char)(g_token[i] ^ (i < b ? given[i] : 0));
    return diff == 0;
}

static bool peer_is(struct MHD_Connection *c, const char *addr)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr)
        return false;
    char buf[INET6_ADDRSTRLEN] = "";
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf,
                  sizeof buf);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr,
                  buf, sizeof buf);
    return strcmp(buf, addr) == 0;
}

/* The portal connector is calling: it is no office. */
static void connector(central_req *q, const char *cn, char *detail, size_t dn)
{
    q->connector_identity = cn;
    q->identity_problem = "connector_not_an_office";
    snprintf(detail, dn, "\"%.120s\" is the portal connector's certificate: it "
             "files online dossiers, it cannot act for an office", cn);
    q->identity_detail = detail;
}

/* Who is calling: fills q->office_identity (an office),
 * q->connector_identity (the portal connector) or the reason there is
 * none. */
static void identify(struct MHD_Connection *c, central_req *q, char *cn,
                     size_t cn_size, char *detail, size_t dn)
{
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                   MHD_HTTP_HEADER_AUTHORIZATION);
    if (auth && strncmp(auth, "Bearer ", 7) == 0)
        q->backoffice = token_ok(auth + 7);
    if (g_cfg->proxy_identity_header) {
        const char *proxy = g_cfg->trusted_proxy ? g_cfg->trusted_proxy
                                                 : "127.0.0.1";
        if (!peer_is(c, proxy)) {
            q->identity_problem = "untrusted_proxy";
            snprintf(detail, dn, "requests must come through the trusted "
                     "proxy %s", proxy);
            q->identity_detail = detail;
            return;
        }
        const char *v = MHD_lookup_connection_value(
            c, MHD_HEADER_KIND, g_cfg->proxy_identity_header);
        if (!v || !*v) {
            q->identity_problem = "client_certificate_required";
            snprintf(detail, dn, "the proxy passed no client identity (%s)",
                     g_cfg->proxy_identity_header);
            q->identity_detail = detail;
            return;
        }
        mc_strlcpy(cn, v, cn_size);
        if (g_cfg->connector_cn && strcmp(cn, g_cfg->connector_cn) == 0)
            connector(q, cn, detail, dn);
        else
            q->office_identity = cn;
        return;
    }
    if (!g_cfg->tls_cert) {
        q->identity_problem = "client_certificate_required";
        q->identity_detail = "this service runs without TLS and without a "
                             "trusted proxy: no office can be identified";
        return;
    }
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_GNUTLS_SESSION);
    central_peer p = central_tls_peer(ci ? ci->tls_session : NULL, cn,
                                      cn_size, detail, dn);
    q->identity_detail = detail;
    switch (p) {
    case PEER_OK:
        if (central_tls_by_connector_ca(ci ? ci->tls_session : NULL)) {
            /* whatever it signs is the connector, never an office */
            if (!g_cfg->connector_cn || strcmp(cn, g_cfg->connector_cn) == 0)
                connector(q, cn, detail, dn);
            else {
                q->identity_problem = "client_certificate_untrusted";
                snprintf(detail, dn, "the certificate is signed by the "
                         "connector CA but its Common Name \"%.120s\" is not "
                         "the connector's", cn);
            }
        } else if (g_cfg->connector_cn &&
                   strcmp(cn, g_cfg->connector_cn) == 0) {
            connector(q, cn, detail, dn);
        } else {
            q->office_identity = cn;
        }
        break;
    case PEER_NONE: q->identity_problem = "client_certificate_required"; break;
    case PEER_EXPIRED: q->identity_problem = "client_certificate_expired"; break;
    case PEER_UNTRUSTED:
        q->identity_problem = "client_certificate_untrusted";
        break;
    case PEER_ERROR: q->identity_problem = "client_certificate_error"; break;
    }
}

/* The office endpoints: the verified identity must be this office (or,
 * for reading the summary, the back office). */
static bool office_allowed(const central_req *q, const char *office,
                           bool backoffice_ok, central_resp *r)
{
    if (backoffice_ok && q->backoffice)
        return true;
    if (!q->office_identity) {
        unsigned st = strcmp(q->identity_problem, "client_certificate_required")
                          ? 403 : 401;
        central_error(r, st, q->identity_problem, NULL, "%s",
                      q->identity_detail ? q->identity_detail
                                         : "no client identity");
        return false;
    }
    if (strcmp(q->office_identity, office) != 0) {
        central_error(r, 403, "office_mismatch", "office",
                      "the client certificate belongs to office \"%s\", not "
                      "to office \"%s\"",
                      q->office_identity, office);
        return false;
    }
    return true;
}

bool central_office_allowed(const central_req *q, const char *office,
                            bool backoffice_ok, central_resp *r)
{
    return office_allowed(q, office, backoffice_ok, r);
}

/* "/v1/offices/" + X + "/" + tail: copies X (URL segment) into out. */
static bool match(const char *url, const char *prefix, const char *suffix,
                  char *out, size_t n)
{
    size_t pl = strlen(prefix);
    if (strncmp(url, prefix, pl) != 0)
        return false;
    const char *seg = url + pl;
    const char *end = strchr(seg, '/');
    size_t sl = end ? (size_t)(end - seg) : strlen(seg);
    if (sl == 0 || sl >= n)
        return false;
    const char *rest = seg + sl;
    if (strcmp(rest, suffix) != 0)
        return false;
    memcpy(out, seg, sl);
    out[sl] = '\0';
    return true;
}

static void route(central_req *q, central_resp *r)
{
    char seg[128];
    const char *rest;
    bool get = strcmp(q->method, "GET") == 0;
    bool post = strcmp(q->method, "POST") == 0;
    const char *u = q->path;
    if (strcmp(u, "/healthz") == 0) {
        if (get)
            central_healthz(q, r);
        else
            goto method;
    } else if (central_online_route(q, r)) {
        /* online dossiers (online.c) */
    } else if (match(u, "/v1/offices/", "/events", seg, sizeof seg)) {
        if (!post)
            goto method;
        if (office_allowed(q, seg, false, r))
            central_push(q, seg, r);
    } else if (match(u, "/v1/offices/", "/changes", seg, sizeof seg)) {
        if (!get)
            goto method;
        if (office_allowed(q, seg, false, r))
            central_changes(q, seg, r);
    } else if (match(u, "/v1/offices/", "/summary", seg, sizeof seg)) {
        if (!get)
            goto method;
        if (office_allowed(q, seg, true, r))
            central_summary(q, seg, r);
    } else if (match(u, "/v1/offices/", "/state", seg, sizeof seg)) {
        if (!get)
            goto method;
        if (office_allowed(q, seg, false, r))
            central_state(q, seg, r);
    } else if (match(u, "/v1/dossiers/", "/status", seg, sizeof seg)) {
        if (!post)
            goto method;
        if (!q->backoffice)
            central_error(r, 401, "backoffice_token_required", NULL,
                          "status updates need the back office's bearer "
                          "token (Authorization: Bearer ...)");
        else
            central_status_update(q, seg, r);
    } else if (match(u, "/v1/dossiers/", "/delivered", seg, sizeof seg)) {
        if (!post)
            goto method;
        if (!q->backoffice && !q->connector_identity)
            central_error(r, 401, "backoffice_token_required", NULL,
                          "delivery confirmations need the back office's "
                          "bearer token (Authorization: Bearer ...) or the "
                          "portal connector's certificate");
        else
            central_result_delivered(q, seg, r);
    } else if (match(u, "/v1/dossiers/", "", seg, sizeof seg)) {
        if (!get)
            goto method;
        central_lookup_json(q, seg, r);
    } else if (match(u, "/tra-cuu/", "", seg, sizeof seg)) {
        if (!get)
            goto method;
        central_lookup_html(q, seg, r);
    } else if (central_files_path(u, seg, sizeof seg, &rest)) {
        if (office_allowed(q, seg, false, r))
            central_files(q, seg, rest, r);
    } else {
        central_error(r, 404, "not_found", NULL, "no endpoint %s %s",
                      q->method, u);
    }
    return;
method:
    central_error(r, 405, "method_not_allowed", NULL,
                  "%s is not allowed on %s", q->method, u);
}

/* URL and argument unescaping: as MHD's own, except that an escaped NUL
 * ("%00") is left as it is.  Decoded, it would cut the path short where our
 * string functions stop ("/v1/dossiers/CODE%00junk" answered as CODE);
 * left alone, the segment is simply malformed and refused. */
static size_t unescape_cb(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    if (strstr(s, "%00"))
        return strlen(s);
    return MHD_http_unescape(s);
}

static enum MHD_Result access_cb(void *cls, struct MHD_Connection *c,
                                 const char *url, const char *method,
                                 const char *version, const char *upload,
                                 size_t *upload_size, void **con_cls)
{
    struct reqstate *st = *con_cls;
    if (!st) {
        *con_cls = mc_xcalloc(1, sizeof *st);
        return MHD_YES;
    }
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (st->too_large || st->len + n > g_cfg->max_body) {
            st->too_large = true; /* keep reading, answer 413 at the end */
            return MHD_YES;
        }
        if (st->len + n + 1 > st->cap) {
            st->cap = (st->len + n + 1) * 2;
            if (st->cap > g_cfg->max_body + 1)
                st->cap = g_cfg->max_body + 1;
            st->body = mc_xrealloc(st->body, st->cap);
        }
        memcpy(st->body + st->len, upload, n);
        st->len += n;
        st->body[st->len] = '\0';
        return MHD_YES;
    }
    central_resp r = {0};
    char cn[256], detail[256];
    central_req q = {
        .method = method, .path = url, .body = st->body ? st->body : "",
        .body_len = st->len, .conn = c,
    };
    if (st->too_large) {
        central_error(&r, 413, "body_too_large", "body",
                      "the request body is larger than %zu bytes",
                      g_cfg->max_body);
    } else {
        identify(c, &q, cn, sizeof cn, detail, sizeof detail);
        route(&q, &r);
    }
    if (!r.body)
        central_error(&r, 500, "internal", NULL, "no response");
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        r.body_len ? r.body_len : strlen(r.body), r.body,
        MHD_RESPMEM_MUST_FREE);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                            r.content_type ? r.content_type
                                           : "application/json");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    enum MHD_Result ok = MHD_queue_response(c, r.status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static void completed_cb(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct reqstate *st = *con_cls;
    if (st) {
        free(st->body);
        free(st);
        *con_cls = NULL;
    }
}

static char *slurp(const char *path, char *why, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, n, "cannot read %s", path);
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = mc_xmalloc(cap);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (len + 1 >= cap) {
            if (cap > (1u << 20)) {
                snprintf(why, n, "%s is larger than 1 MiB", path);
                fclose(f);
                free(buf);
                return NULL;
            }
            cap *= 2;
            buf = mc_xrealloc(buf, cap);
        }
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

struct central_server {
    struct MHD_Daemon *d;
    char *cert, *key, *ca;
    unsigned short port;
};

central_server *central_server_start(const central_config *cfg, char *why,
                                     size_t n)
{
    g_cfg = cfg;
    central_server *s = mc_xcalloc(1, sizeof *s);
    struct sockaddr_in sa = {.sin_family = AF_INET};
    char host[64];
    const char *colon = strrchr(cfg->listen, ':');
    if (!colon || (size_t)(colon - cfg->listen) >= sizeof host) {
        snprintf(why, n, "--listen must be ADDR:PORT (got \"%s\")",
                 cfg->listen);
        goto fail;
    }
    memcpy(host, cfg->listen, (size_t)(colon - cfg->listen));
    host[colon - cfg->listen] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535) {
        snprintf(why, n, "--listen: bad port \"%s\"", colon + 1);
        goto fail;
    }
    if (strcmp(host, "localhost") == 0)
        mc_strlcpy(host, "127.0.0.1", sizeof host);
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        snprintf(why, n, "--listen: \"%s\" is not an IPv4 address", host);
        goto fail;
    }
    sa.sin_port = htons((unsigned short)port);
    if (cfg->tls_cert) {
        if (!cfg->tls_key || !cfg->client_ca) {
            snprintf(why, n, "TLS needs --tls-cert, --tls-key and "
                     "--client-ca (the CA that signs the offices' "
                     "certificates)");
            goto fail;
        }
        if (!(s->cert = slurp(cfg->tls_cert, why, n)) ||
            !(s->key = slurp(cfg->tls_key, why, n)) ||
            !(s->ca = slurp(cfg->client_ca, why, n)))
            goto fail;
        if (cfg->connector_ca) {
            /* the handshake trusts both CAs; who signed tells the
             * connector from an office (identify) */
            char *cca = slurp(cfg->connector_ca, why, n);
            if (!cca)
                goto fail;
            bool ok = central_tls_connector_ca(cca, why, n);
            if (ok) {
                char *both = mc_xasprintf("%s\n%s", s->ca, cca);
                free(s->ca);
                s->ca = both;
            }
            free(cca);
            if (!ok)
                goto fail;
        }
    } else if (cfg->connector_ca) {
        snprintf(why, n, "--connector-ca needs TLS (--tls-cert); behind a "
                 "proxy, name the connector with --connector-cn");
        goto fail;
    } else if (!cfg->proxy_identity_header) {
        fprintf(stderr, "motcua-central: warning: no TLS and no trusted "
                        "proxy: desks cannot push or pull, only the public "
                        "lookup works\n");
    }
    if (cfg->backoffice_token_file) {
        g_token = slurp(cfg->backoffice_token_file, why, n);
        if (!g_token)
            goto fail;
        g_token[strcspn(g_token, "\r\n")] = '\0';
        if (strlen(g_token) < 16) {
            snprintf(why, n, "the back-office token in %s is shorter than "
                     "16 characters", cfg->backoffice_token_file);
            goto fail;
        }
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
                     MHD_USE_ERROR_LOG;
    if (cfg->tls_cert)
        flags |= MHD_USE_TLS;
    struct MHD_OptionItem tls_opts[] = {
        {MHD_OPTION_HTTPS_MEM_CERT, 0, s->cert},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, s->key},
        {MHD_OPTION_HTTPS_MEM_TRUST, 0, s->ca},
        {MHD_OPTION_END, 0, NULL},
    };
    struct MHD_OptionItem none[] = {{MHD_OPTION_END, 0, NULL}};
    s->d = MHD_start_daemon(
        flags, 0, NULL, NULL, access_cb, NULL, MHD_OPTION_SOCK_ADDR, &sa,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
        MHD_OPTION_NOTIFY_COMPLETED, completed_cb, NULL,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape_cb, NULL, MHD_OPTION_ARRAY,
        cfg->tls_cert ? tls_opts : none, MHD_OPTION_END);
    if (!s->d) {
        snprintf(why, n, "cannot listen on %s (address in use, or bad TLS "
                 "files)", cfg->listen);
        goto fail;
    }
    const union MHD_DaemonInfo *di =
        MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : (unsigned short)port;
    return s;
fail:
    central_server_stop(s);
    return NULL;
}

unsigned short central_server_port(const central_server *s)
{
    return s->port;
}

void central_server_stop(central_server *s)
{
    if (!s)
        return;
    if (s->d)
        MHD_stop_daemon(s->d);
    free(s->cert);
    free(s->key);
    free(s->ca);
    free(s);
    central_tls_connector_free();
    free(g_token);
    g_token = NULL;
}
