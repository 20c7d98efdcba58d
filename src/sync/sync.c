/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sync.c - the desk's sync worker (sync.h).
 *
 * Push: start after the last event the centre has confirmed; send up to
 * batch_size outbox rows as one batch {"after":P, "events":[...]}; on 200
 * record the answer (rejected rows set aside, the rest acknowledged) in
 * one transaction and continue after acked_through; on 409 "gap" restart
 * from the centre's expected_after (those rows are sent again: the centre
 * skips what it has).  A row is marked acknowledged only after the centre
 * said so; a crash in between just sends it again.
 * Pull: GET changes after the stored cursor, apply each through the desk
 * (sync_apply.h), which moves the cursor in the same transaction.
 */
#include "sync.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "event.h"
#include "protocol.h"
#include "sync_apply.h"
#include "sync_http.h"
#include "sync_internal.h"

static const struct {
    const char *tag, *msg;
} errs[] = {
#define X(e, tag, msg) [e] = {tag, msg},
    SYNC_ERR_LIST(X)
#undef X
};

const char *sync_err_tag(sync_err e)
{
    return errs[e].tag;
}

static sync_err fail(sync_result *res, sync_err e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static sync_err fail(sync_result *res, sync_err e, const char *fmt, ...)
{
    char detail[512] = "";
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(detail, sizeof detail, fmt, ap);
        va_end(ap);
    }
    res->err = e;
    snprintf(res->message, sizeof res->message, "%s%s%s", _(errs[e].msg),
             detail[0] ? ": " : "", detail);
    return e;
}

/* --- HTTP -------------------------------------------------------------- */

/* One connection to the centre.  Every transfer runs through the multi
 * handle its link shares, so a push can keep two batches in flight on two
 * connections (HTTP/1.1 has no multiplexing). */
typedef struct http {
    CURL *c;
    CURLM *m; /* the link's multi handle (not owned) */
    const sync_opts *o;
    struct curl_slist *headers;
    char *body;
    size_t len, cap;
    bool too_large;
    bool busy, done; /* added to the multi handle; finished */
    CURLcode cc;     /* the transfer's result once done */
    long status;
    char errbuf[CURL_ERROR_SIZE];
} http;

/* The worker's connections: h[0] for single requests and the first batch
 * in flight, h[1] for the second. */
typedef struct link {
    CURLM *m;
    http h[2];
} sync_link;

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
    http *h = ud;
    size_t add = size * n;
    if (h->len + add > WIRE_MAX_BODY) {
        h->too_large = true;
        return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
    }
    if (h->len + add + 1 > h->cap) {
        h->cap = (h->len + add + 1) * 2;
        h->body = mc_xrealloc(h->body, h->cap);
    }
    memcpy(h->body + h->len, p, add);
    h->len += add;
    h->body[h->len] = '\0';
    return add;
}

static sync_err http_open(http *h, CURLM *m, const sync_opts *o,
                          sync_result *res)
{
    memset(h, 0, sizeof *h);
    h->o = o;
    h->m = m;
    if (!o->url || strncmp(o->url, "https://", 8) != 0)
        return fail(res, SYNC_E_CONFIG,
                    _("sync.url phải là địa chỉ https:// (đang là \"%s\")"),
                    o->url ? o->url : "");
    if (!o->client_cert || !*o->client_cert || !o->client_key ||
        !*o->client_key)
        return fail(res, SYNC_E_CONFIG,
                    _("cần sync.client_cert và sync.client_key (chứng chỉ "
                      "của văn phòng)"));
    h->c = curl_easy_init();
    if (!h->c)
        return fail(res, SYNC_E_CONFIG, "curl_easy_init failed");
    CURL *c = h->c;
    /* verification is always on: there is deliberately no option for it */
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (o->ca_file && *o->ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_file);
    curl_easy_setopt(c, CURLOPT_SSLCERT, o->client_cert);
    curl_easy_setopt(c, CURLOPT_SSLKEY, o->client_key);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout_seconds);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o->connect_timeout_seconds);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, h);
    curl_easy_setopt(c, CURLOPT_PRIVATE, h);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "motcua/" MOTCUA_VERSION);
    h->headers = curl_slist_append(NULL, "Content-Type: application/json");
    h->headers = curl_slist_append(h->headers, "Accept: application/json");
    h->headers = curl_slist_append(h->headers, "Expect:");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h->headers);
    return SYNC_OK;
}

/* Stop a transfer still running (its answer is not wanted). */
static void http_abort(http *h)
{
    if (h->busy && h->c)
        curl_multi_remove_handle(h->m, h->c);
    h->busy = false;
}

static void http_close(http *h)
{
    http_abort(h);
    if (h->c)
        curl_easy_cleanup(h->c);
    curl_slist_free_all(h->headers);
    free(h->body);
    memset(h, 0, sizeof *h);
}

/* The TLS verification failure, told apart by OpenSSL's verify result. */
static sync_err classify_verify(http *h, sync_result *res)
{
    long vr = 0;
    curl_easy_getinfo(h->c, CURLINFO_SSL_VERIFYRESULT, &vr);
    switch (vr) {
    case 2:  /* unable to get issuer certificate */
    case 18: /* self-signed certificate */
    case 19: /* self-signed certificate in chain */
    case 20: /* unable to get local issuer certificate */
    case 21: /* unable to verify the first certificate */
        return fail(res, SYNC_E_UNKNOWN_CA, "%s (verify result %ld)",
                    h->errbuf, vr);
    case 9:  /* not yet valid */
    case 10: /* expired */
        return fail(res, SYNC_E_EXPIRED_CERT, "%s (verify result %ld)",
                    h->errbuf, vr);
    case 62: /* host name mismatch */
        return fail(res, SYNC_E_WRONG_HOST, "%s", h->errbuf);
    default:
        /* libcurl checks the name itself after a verified chain; OpenSSL
         * then reports "ok" (0) or unspecified (1) */
        if (vr == 0 || vr == 1 || strstr(h->errbuf, "host name") ||
            strstr(h->errbuf, "subject name") ||
            strstr(h->errbuf, "alternative certificate subject name"))
            return fail(res, SYNC_E_WRONG_HOST, "%s", h->errbuf);
        return fail(res, SYNC_E_SERVER_CERT, "%s (verify result %ld)",
                    h->errbuf, vr);
    }
}

/* Start a request on h (POST when post is set: the buffer must live until
 * the transfer is done); http_wait collects it. */
static void http_start(http *h, const char *url, const char *post,
                       size_t post_len)
{
    h->len = 0;
    h->too_large = false;
    h->errbuf[0] = '\0';
    h->status = 0;
    h->done = false;
    h->cc = CURLE_OK;
    if (h->body)
        h->body[0] = '\0';
    curl_easy_setopt(h->c, CURLOPT_URL, url);
    if (post) {
        curl_easy_setopt(h->c, CURLOPT_POST, 1L);
        curl_easy_setopt(h->c, CURLOPT_POSTFIELDS, post);
        curl_easy_setopt(h->c, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)post_len);
    } else {
        curl_easy_setopt(h->c, CURLOPT_HTTPGET, 1L);
    }
    CURLMcode mc = curl_multi_add_handle(h->m, h->c);
    h->busy = mc == CURLM_OK;
    if (!h->busy) {
        h->done = true;
        h->cc = CURLE_OUT_OF_MEMORY;
        snprintf(h->errbuf, sizeof h->errbuf, "%s", curl_multi_strerror(mc));
    }
}

/* Drive every transfer of the multi handle until h's is done. */
static void http_run(http *h)
{
    while (!h->done) {
        int running = 0;
        CURLMcode mc = curl_multi_perform(h->m, &running);
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(h->m, &left))) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            char *xp = NULL;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &xp);
            http *x = (http *)(void *)xp;
            CURLcode cc = msg->data.result;
            curl_multi_remove_handle(h->m, msg->easy_handle);
            if (x) {
                x->cc = cc;
                x->done = true;
                x->busy = false;
            }
        }
        if (h->done)
            break;
        if (mc == CURLM_OK)
            mc = curl_multi_poll(h->m, NULL, 0, 1000, NULL);
        if (mc != CURLM_OK) {
            http_abort(h);
            h->cc = CURLE_SEND_ERROR;
            snprintf(h->errbuf, sizeof h->errbuf, "%s",
                     curl_multi_strerror(mc));
            h->done = true;
        }
    }
}

/* Wait for h's answer; SYNC_OK when an HTTP answer arrived (any status). */
static sync_err http_wait(http *h, sync_result *res)
{
    http_run(h);
    CURLcode cc = h->cc;
    curl_easy_getinfo(h->c, CURLINFO_RESPONSE_CODE, &h->status);
    res->http_status = h->status;
    const char *eb = h->errbuf[0] ? h->errbuf : curl_easy_strerror(cc);
    switch (cc) {
    case CURLE_OK: return SYNC_OK;
    case CURLE_PEER_FAILED_VERIFICATION: return classify_verify(h, res);
    case CURLE_SSL_CACERT_BADFILE:
        return fail(res, SYNC_E_CONFIG, _("không đọc được sync.ca_file: %s"),
                    eb);
    case CURLE_SSL_CERTPROBLEM:
        return fail(res, SYNC_E_CLIENT_CERT_FILE, "%s", eb);
    case CURLE_OPERATION_TIMEDOUT:
        return fail(res, SYNC_E_TIMEOUT, _("quá %ld giây (%s)"),
                    h->o->timeout_seconds, eb);
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
        return fail(res, SYNC_E_CONNECT, "%s", eb);
    case CURLE_WRITE_ERROR:
        if (h->too_large)
            return fail(res, SYNC_E_PROTOCOL,
                        _("câu trả lời dài quá %u byte"), WIRE_MAX_BODY);
        return fail(res, SYNC_E_CONNECTION_LOST, "%s", eb);
    case CURLE_SSL_CONNECT_ERROR:
        /* the server ended the handshake with an alert about our
         * certificate (a proxy requiring client certificates) */
        if (strstr(eb, "certificate") || strstr(eb, "alert"))
            return fail(res, SYNC_E_CLIENT_CERT_REFUSED, "%s", eb);
        return fail(res, SYNC_E_CONNECT, "%s", eb);
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        if (strstr(eb, "certificate") && strstr(eb, "alert"))
            return fail(res, SYNC_E_CLIENT_CERT_REFUSED, "%s", eb);
        return fail(res, SYNC_E_CONNECTION_LOST, "%s", eb);
    default: return fail(res, SYNC_E_CONNECT, "%s", eb);
    }
}

/* Perform a request; SYNC_OK when an HTTP answer arrived (any status). */
static sync_err http_do(http *h, const char *url, const char *post,
                        size_t post_len, sync_result *res)
{
    http_start(h, url, post, post_len);
    return http_wait(h, res);
}

/* A non-2xx answer as an error. */
static sync_err http_status_error(http *h, sync_result *res)
{
    wire_error we;
    bool has = wire_error_decode(h->body, h->len, &we);
    if (h->status == 401 || h->status == 403 ||
        (h->status == 400 && !has && h->body &&
         strstr(h->body, "certificate"))) {
        if (!has || strncmp(we.code, "client_certificate", 18) == 0 ||
            strcmp(we.code, "office_mismatch") == 0)
            return fail(res, SYNC_E_CLIENT_CERT_REFUSED, "HTTP %ld %s: %s",
                        h->status, has ? we.code : "",
                        has ? we.message : _("máy chủ không nói lý do"));
    }
    if (h->status >= 500)
        return fail(res, SYNC_E_SERVER, "HTTP %ld %s%s%s", h->status,
                    has ? we.code : "", has ? ": " : "",
                    has ? we.message : "");
    return fail(res, SYNC_E_REFUSED, "HTTP %ld %s%s%s", h->status,
                has ? we.code : "", has ? ": " : "", has ? we.message : "");
}

static sync_err link_open(sync_link *L, const sync_opts *o, sync_result *res)
{
    memset(L, 0, sizeof *L);
    L->m = curl_multi_init();
    if (!L->m)
        return fail(res, SYNC_E_CONFIG, "curl_multi_init failed");
    /* two connections to the centre at most: one per batch in flight */
    curl_multi_setopt(L->m, CURLMOPT_MAX_HOST_CONNECTIONS, 2L);
    sync_err rc = http_open(&L->h[0], L->m, o, res);
    if (!rc)
        rc = http_open(&L->h[1], L->m, o, res);
    return rc;
}

static void link_close(sync_link *L)
{
    http_close(&L->h[0]);
    http_close(&L->h[1]);
    if (L->m)
        curl_multi_cleanup(L->m);
    memset(L, 0, sizeof *L);
}

static char *url_join(const char *base, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static char *url_join(const char *base, const char *fmt, ...)
{
    char path[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    size_t n = strlen(base);
    while (n && base[n - 1] == '/')
        n--;
    return mc_xasprintf("%.*s%s", (int)n, base, path);
}

/* --- push ---------------------------------------------------------------- */

/* The batch is written as text: each payload is checked to be JSON (the
 * desk wrote it, but a damaged row must not break the whole batch) and
 * then copied as it is, which saves re-encoding a thousand events. */
struct batch_ctx {
    char *buf;
    size_t len, cap;
    int64_t first, last;
    size_t n;
};

static void buf_add(struct batch_ctx *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->buf = mc_xrealloc(b->buf, b->cap);
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

static void buf_add_str(struct batch_ctx *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

static void buf_add_json_string(struct batch_ctx *b, const char *s)
{
    json_t *str = json_string(s);
    char *t = str ? json_dumps(str, JSON_ENCODE_ANY) : NULL;
    if (t)
        buf_add(b, t, strlen(t));
    else /* not UTF-8: the centre rejects it and the queue moves on */
        buf_add_str(b, "\"(payload is not UTF-8 text)\"");
    free(t);
    json_decref(str);
}

static bool add_row(const desk_sync_row *r, void *ud)
{
    struct batch_ctx *b = ud;
    char head[64];
    int n = snprintf(head, sizeof head, "%s{\"seq\":%lld,\"event\":",
                     b->n ? "," : "", (long long)r->seq);
    buf_add(b, head, (size_t)n);
    size_t plen = strlen(r->payload);
    json_t *ev = json_loadb(r->payload, plen, JSON_REJECT_DUPLICATES, NULL);
    if (ev)
        buf_add(b, r->payload, plen);
    else /* a payload that is not JSON still goes, as a string: the centre
          * rejects it with a reason and the queue behind it keeps moving */
        buf_add_json_string(b, r->payload);
    json_decref(ev);
    buf_add_str(b, "}");
    if (!b->n)
        b->first = r->seq;
    b->last = r->seq;
    b->n++;
    return true;
}

static sync_err db_fail(sync_result *res, const mc_error *e)
{
    return fail(res, SYNC_E_DB, "%s", e->msg);
}

/* The seq a 409 seq_conflict names (0 when the answer is not one). */
static long long conflict_seq(const http *h, const wire_error *we)
{
    if (!wire_error_decode(h->body, h->len, (wire_error *)we) ||
        strcmp(we->code, "seq_conflict") != 0 || we->expected_after < 0)
        return 0;
    json_t *root = json_loadb(h->body, h->len, 0, NULL);
    json_t *seq = json_object_get(json_object_get(root, "error"), "seq");
    long long v = json_is_integer(seq) ? (long long)json_integer_value(seq)
                                       : 0;
    json_decref(root);
    return v;
}

/* One batch on its way: its body (curl reads it while sending), the
 * point it claims to follow, the connection it went on. */
typedef struct inflight {
    struct batch_ctx b;
    int64_t after;
    bool behind; /* sent while an earlier batch was still unanswered */
    http *h;
} inflight;

/* Read up to batch_size rows after `after` into a batch body; *n == 0 at
 * the end of the outbox. */
static sync_err build_batch(mc_desk *d, const sync_opts *o, int64_t after,
                            struct batch_ctx *b, sync_result *res)
{
    mc_error err = {0};
    memset(b, 0, sizeof *b);
    buf_add_str(b, "{\"v\":1,\"office\":");
    buf_add_json_string(b, desk_office_code(d));
    char mid[64];
    int ml = snprintf(mid, sizeof mid, ",\"after\":%lld,\"events\":[",
                      (long long)after);
    buf_add(b, mid, (size_t)ml);
    if (desk_sync_outbox_after(d, after, o->batch_size, add_row, b, &err)) {
        free(b->buf);
        memset(b, 0, sizeof *b);
        return db_fail(res, &err);
    }
    buf_add_str(b, "]}");
    return SYNC_OK;
}

/* Drop the batches in flight from index `from` on (their answers are not
 * wanted: what the centre stored is acknowledged as a repeat later). */
static void drop_inflight(inflight *q, size_t *nq, size_t from)
{
    for (size_t i = from; i < *nq; i++) {
        http_abort(q[i].h);
        free(q[i].b.buf);
    }
    if (*nq > from)
        *nq = from;
}

/* The answer to the oldest batch in flight, q[0]: 200 is recorded (and
 * *after moves on); SYNC_OK with *retry set means "send again from
 * *after" (gap, renumbered after seq_conflict); anything else ends the
 * push. */
static sync_err push_answer(mc_desk *d, inflight *f, int64_t *after,
                            int *gaps_in_row, int *conflicts_in_row,
                            bool *retry, sync_result *res)
{
    mc_error err = {0};
    http *h = f->h;
    *retry = false;
    sync_err rc = http_wait(h, res);
    if (rc == SYNC_OK && h->status == 200) {
        wire_ack ack;
        char why[256];
        if (!wire_ack_decode(h->body, h->len, &ack, why, sizeof why))
            return fail(res, SYNC_E_PROTOCOL, "%s", why);
        if (ack.acked_through < f->b.first || ack.acked_through > f->b.last) {
            rc = fail(res, SYNC_E_PROTOCOL,
                      "acked_through %lld is outside the batch %lld..%lld",
                      ack.acked_through, (long long)f->b.first,
                      (long long)f->b.last);
            wire_ack_free(&ack);
            return rc;
        }
        if (desk_sync_record_ack(d, ack.acked_through, ack.rejected,
                                 ack.n_rejected, &err)) {
            wire_ack_free(&ack);
            return db_fail(res, &err);
        }
        int64_t n_rej = 0;
        for (size_t i = 0; i < ack.n_rejected; i++)
            if (ack.rejected[i].seq > f->after)
                n_rej++;
        res->set_aside += n_rej;
        /* rows of this batch up to acked_through, minus rejected */
        res->pushed += (int64_t)f->b.n - n_rej;
        *after = ack.acked_through;
        *gaps_in_row = *conflicts_in_row = 0;
        wire_ack_free(&ack);
        return SYNC_OK;
    }
    if (rc == SYNC_OK && h->status == 409) {
        wire_error we;
        bool gap = wire_error_decode(h->body, h->len, &we) &&
                   strcmp(we.code, "gap") == 0 && we.expected_after >= 0;
        if (gap && f->behind) {
            /* the centre took this batch before the one in front of it
             * (two connections): not a real gap, send it again */
            *retry = true;
            return SYNC_OK;
        }
        if (gap && we.expected_after < *after && ++*gaps_in_row <= 3) {
            /* the centre misses events before this batch: resend */
            res->gaps++;
            *after = we.expected_after;
            *retry = true;
            return SYNC_OK;
        }
        long long bad = conflict_seq(h, &we);
        if (bad > 0 && ++*conflicts_in_row <= 3) {
            /* this database was rewound (restored from a backup): the
             * centre has other events under these seqs */
            desk_sync_renumbered rn;
            if (desk_sync_renumber(d, bad, we.expected_after, &rn, &err))
                return db_fail(res, &err);
            res->renumbered += rn.count;
            if (rn.count) {
                *retry = true;
                return SYNC_OK;
            }
        }
    }
    if (rc == SYNC_OK)
        rc = http_status_error(h, res);
    if (desk_sync_record_attempt(d, *after, f->b.last, &err))
        rc = db_fail(res, &err);
    return rc;
}

/* Push with up to two batches in flight (docs/sync.md): the second
 * batch's `after` is the first one's last seq, so the centre, which
 * serialises an office's batches on its row lock, stores them in order.
 * Answers are taken in the order the batches were sent; when the first
 * is not a 200, the second is dropped and the push goes on from where
 * the centre says. */
/* *seen gets the seq after which the outbox was found empty (every row up
 * to it acknowledged or set aside); rows written later are the next run's. */
static sync_err push(mc_desk *d, sync_link *L, const sync_opts *o,
                     sync_result *res, int64_t *seen)
{
    mc_error err = {0};
    int64_t after;
    if (desk_sync_push_start(d, &after, &err))
        return db_fail(res, &err);
    char *url = url_join(o->url, "/v1/offices/%s/events", desk_office_code(d));
    sync_err rc = SYNC_OK;
    int gaps_in_row = 0, conflicts_in_row = 0;
    inflight q[2];
    memset(q, 0, sizeof q);
    size_t nq = 0;
    int64_t next = after; /* where the next batch to send starts */
    bool end = false;     /* no row after `next` */
    for (;;) {
        while (nq < 2 && !end) {
            inflight *f = &q[nq];
            if ((rc = build_batch(d, o, next, &f->b, res)))
                break;
            if (!f->b.n) {
                free(f->b.buf);
                end = true;
                break;
            }
            f->after = next;
            f->behind = nq > 0;
            f->h = nq > 0 && q[0].h == &L->h[0] ? &L->h[1] : &L->h[0];
            http_start(f->h, url, f->b.buf, f->b.len);
            next = f->b.last;
            nq++;
        }
        if (rc || nq == 0)
            break;
        bool retry = false;
        rc = push_answer(d, &q[0], &after, &gaps_in_row, &conflicts_in_row,
                         &retry, res);
        int64_t last = q[0].b.last;
        free(q[0].b.buf);
        q[0] = q[1];
        nq--;
        if (rc || retry || after != last) {
            /* start again from `after`: what was sent behind is dropped */
            drop_inflight(q, &nq, 0);
            next = after;
            end = false;
        }
        if (rc)
            break;
    }
    drop_inflight(q, &nq, 0);
    free(url);
    if (!rc)
        *seen = next; /* the loop ends only when nothing followed `next` */
    return rc;
}

/* --- pull ------------------------------------------------------------------ */

static sync_err pull(mc_desk *d, sync_link *L, const sync_opts *o,
                     sync_result *res)
{
    http *h = &L->h[0];
    mc_error err = {0};
    char *cur = NULL;
    if (desk_sync_state_get(d, "pull_cursor", &cur, &err))
        return db_fail(res, &err);
    long long cursor = cur ? strtoll(cur, NULL, 10) : 0;
    free(cur);
    sync_err rc = SYNC_OK;
    for (int round = 0; round < 1000; round++) {
        char *url = url_join(o->url, "/v1/offices/%s/changes?after=%lld",
                             desk_office_code(d), cursor);
        rc = http_do(h, url, NULL, 0, res);
        free(url);
        if (rc)
            break;
        if (h->status != 200) {
            rc = http_status_error(h, res);
            break;
        }
        wire_changes ch;
        char why[256];
        if (!wire_changes_decode(h->body, h->len, &ch, why, sizeof why)) {
            rc = fail(res, SYNC_E_PROTOCOL, "%s", why);
            break;
        }
        for (size_t i = 0; i < ch.n && !rc; i++) {
            if (ch.items[i].id <= cursor)
                continue;
            desk_sync_outcome out;
            char reason[256];
            res->pulled++;
            if (desk_sync_apply_change(d, &ch.items[i], &out, reason, &err)) {
                rc = db_fail(res, &err);
                break;
            }
            if (out == DESK_SYNC_APPLIED)
                res->applied++;
            else if (out == DESK_SYNC_REJECTED)
                res->remote_rejected++;
            cursor = ch.items[i].id;
        }
        bool more = ch.more && ch.n > 0;
        wire_changes_free(&ch);
        if (rc || !more)
            break;
    }
    return rc;
}

/* --- for the other steps of the worker (sync_internal.h) ------------------ */

sync_err sync_link_get(struct link *L, const sync_opts *o, const char *path,
                       long *status, const char **body, size_t *len,
                       sync_result *res)
{
    http *h = &L->h[0];
    char *url = url_join(o->url, "%s", path);
    sync_err rc = http_do(h, url, NULL, 0, res);
    free(url);
    *status = h->status;
    *body = h->body ? h->body : "";
    *len = h->len;
    return rc;
}

sync_err sync_link_status_error(struct link *L, sync_result *res)
{
    return http_status_error(&L->h[0], res);
}

static void record_outcome(mc_desk *d, const sync_result *res);
static void curl_init_once(void);

/* --- after a restore ---------------------------------------------------------- */

/* Ask the centre for this office's state and catch the dossier numbering
 * up (desk_sync_reconcile).  The outbox is caught up by the push that
 * follows: a rewound seq gets 409 seq_conflict and is renumbered. */
static sync_err reconcile_codes(mc_desk *d, sync_link *L, const sync_opts *o,
                                bool as_admin, sync_result *res)
{
    http *h = &L->h[0];
    char *url = url_join(o->url, "/v1/offices/%s/state", desk_office_code(d));
    sync_err rc = http_do(h, url, NULL, 0, res);
    free(url);
    if (rc)
        return rc;
    if (h->status != 200)
        return http_status_error(h, res);
    json_error_t je;
    json_t *root = json_loadb(h->body, h->len, 0, &je);
    json_t *last = json_object_get(root, "last_seq");
    json_t *codes = json_object_get(root, "codes");
    if (!json_is_integer(last) || !json_is_array(codes)) {
        json_decref(root);
        return fail(res, SYNC_E_PROTOCOL,
                    "state: expected {\"last_seq\":N, \"codes\":[...]}");
    }
    size_t n = json_array_size(codes);
    desk_sync_day *days = mc_xcalloc(n + 1, sizeof *days);
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *c = json_array_get(codes, i);
        const char *day = json_string_value(json_object_get(c, "day"));
        json_t *mx = json_object_get(c, "max_seq");
        if (!day || strlen(day) != 6 || !json_is_integer(mx))
            rc = fail(res, SYNC_E_PROTOCOL, "state: codes[%zu]", i);
        else {
            mc_strlcpy(days[i].day, day, sizeof days[i].day);
            days[i].max_seq = (int64_t)json_integer_value(mx);
        }
    }
    mc_error err = {0};
    if (!rc && desk_sync_reconcile(d, (int64_t)json_integer_value(last), days,
                                   n, as_admin, &res->lost_codes, &err))
        rc = err.code == MC_EAUTH || err.code == MC_EFORBIDDEN
                 ? fail(res, SYNC_E_CONFIG, "%s", err.msg)
                 : db_fail(res, &err);
    if (!rc)
        res->reconciled = true;
    free(days);
    json_decref(root);
    return rc;
}

sync_err sync_reconcile(mc_desk *d, const sync_opts *o, sync_result *res)
{
    memset(res, 0, sizeof *res);
    curl_init_once();
    sync_link L;
    sync_err rc = link_open(&L, o, res);
    int64_t seen = 0;
    if (!rc)
        rc = reconcile_codes(d, &L, o, true, res);
    if (!rc)
        rc = push(d, &L, o, res, &seen);
    link_close(&L);
    mc_error err = {0};
    desk_sync_status st;
    if (!desk_sync_pending(d, &st, &err))
        res->pending = st.pending;
    if (!rc)
        fail(res, SYNC_OK, NULL);
    record_outcome(d, res);
    return rc;
}

/* --- one run ------------------------------------------------------------------ */

static void record_outcome(mc_desk *d, const sync_result *res)
{
    mc_error err = {0};
    char at[26];
    mc_ts_format_vn(mc_clock_now(), at);
    if (res->err == SYNC_OK) {
        if (desk_sync_state_set(d, "last_success", at, &err))
            fprintf(stderr, "motcua sync: %s\n", err.msg);
        return;
    }
    json_t *e = json_pack("{s:s, s:s, s:s, s:I}", "at", at, "kind",
                          sync_err_tag(res->err), "message", res->message,
                          "http_status", (json_int_t)res->http_status);
    char *text = wire_dump(e);
    json_decref(e);
    if (desk_sync_state_set(d, "last_error", text, &err))
        fprintf(stderr, "motcua sync: %s\n", err.msg);
    free(text);
}

static void curl_init_once(void)
{
    static bool done;
    if (!done) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        done = true;
    }
}

sync_err sync_once(mc_desk *d, const sync_opts *o, sync_result *res)
{
    memset(res, 0, sizeof *res);
    curl_init_once();
    sync_link L;
    sync_err rc = link_open(&L, o, res);
    bool restored = false;
    mc_error rerr = {0};
    if (!rc && desk_sync_restored(d, &restored, &rerr))
        rc = db_fail(res, &rerr);
    if (!rc && restored) /* restored from a backup: catch up first */
        rc = reconcile_codes(d, &L, o, false, res);
    int64_t seen = 0;
    if (!rc)
        rc = push(d, &L, o, res, &seen);
    if (!rc)
        rc = pull(d, &L, o, res);
    if (!rc)
        rc = sync_online_pull(d, &L, o, res);
    if (!rc && res->applied) /* what applying wrote goes up too */
        rc = push(d, &L, o, res, &seen);
    if (!rc) /* detached scans first: a file attached again goes after */
        rc = sync_upload_detaches(d, &L, res);
    if (!rc) /* dossier files, after their dossiers' events */
        rc = sync_upload_files(d, &L, o, res);
    link_close(&L);
    mc_error err = {0};
    desk_sync_status st;
    if (!desk_sync_pending(d, &st, &err))
        res->pending = st.pending;
    /* Events the other desks wrote after the push found the outbox empty
     * (during the pull, say) are the next run's, not a fault: only a row
     * the push should have delivered and did not is one. */
    int64_t first = 0;
    bool fresh_only = false;
    if (!rc && res->pending && !desk_sync_push_start(d, &first, &err))
        fresh_only = first >= seen;
    if (!rc && res->pending && !fresh_only)
        rc = fail(res, SYNC_E_PROTOCOL,
                  _("còn %lld sự kiện chưa được xác nhận"),
                  (long long)res->pending);
    if (!rc)
        fail(res, SYNC_OK, NULL);
    record_outcome(d, res);
    return rc;
}

/* --- daemon ------------------------------------------------------------------- */

unsigned sync_backoff_seconds(unsigned failures, unsigned base, unsigned max,
                              uint32_t rnd)
{
    if (failures == 0)
        return 0;
    unsigned cap = base ? base : 1;
    for (unsigned i = 1; i < failures && cap < max; i++)
        cap *= 2;
    if (cap > max)
        cap = max;
    unsigned half = cap / 2;
    return half + (cap - half ? rnd % (cap - half + 1) : 0);
}

static void sleep_until_stop(unsigned seconds, volatile sig_atomic_t *stop)
{
    for (unsigned i = 0; i < seconds * 10 && !*stop; i++) {
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

void sync_daemon(mc_desk *d, const sync_opts *o, volatile sig_atomic_t *stop,
                 FILE *log)
{
    unsigned failures = 0;
    unsigned max_wait = 300;
    if ((unsigned)o->interval_seconds > max_wait)
        max_wait = (unsigned)o->interval_seconds;
    while (!*stop) {
        sync_result r;
        sync_err e = sync_once(d, o, &r);
        char at[26];
        mc_ts_format_vn(mc_clock_now(), at);
        unsigned wait;
        if (e == SYNC_OK) {
            failures = 0;
            wait = (unsigned)o->interval_seconds;
            fprintf(log,
                    "%s sync ok: pushed %lld, set aside %lld, pulled %lld, "
                    "applied %lld; files sent %lld (%lld bytes), waiting "
                    "%lld\n",
                    at, (long long)r.pushed, (long long)r.set_aside,
                    (long long)r.pulled, (long long)r.applied,
                    (long long)r.files_uploaded, (long long)r.file_bytes_sent,
                    (long long)r.files_waiting);
        } else {
            failures++;
            wait = sync_backoff_seconds(failures, 2, max_wait,
                                        randombytes_random());
            fprintf(log, "%s sync failed [%s] %s (pushed %lld; retry in %u s)\n",
                    at, sync_err_tag(e), r.message, (long long)r.pushed, wait);
        }
        fflush(log);
        sleep_until_stop(wait, stop);
    }
}

/* --- for the other steps of a run (sync_http.h) --------------------------- */

sync_err sync_fail(sync_result *res, sync_err e, const char *fmt, ...)
{
    char detail[512] = "";
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(detail, sizeof detail, fmt, ap);
        va_end(ap);
    }
    return fail(res, e, detail[0] ? "%s" : NULL, detail);
}

sync_err sync_http_request(sync_link *L, const char *method, const char *path,
                           const char *const *headers, const void *body,
                           size_t body_len, long *status, const char **answer,
                           size_t *answer_len, sync_result *res)
{
    http *h = &L->h[0];
    struct curl_slist *hl = curl_slist_append(NULL, "Accept: application/json");
    hl = curl_slist_append(hl, "Expect:");
    for (size_t i = 0; headers && headers[i]; i++)
        hl = curl_slist_append(hl, headers[i]);
    curl_easy_setopt(h->c, CURLOPT_HTTPHEADER, hl);
    if (strcmp(method, body ? "POST" : "GET") != 0)
        curl_easy_setopt(h->c, CURLOPT_CUSTOMREQUEST, method);
    char *url = url_join(h->o->url, "%s", path);
    sync_err rc = http_do(h, url, body ? (const char *)body : NULL, body_len,
                          res);
    free(url);
    /* back to what push and pull expect of this connection */
    curl_easy_setopt(h->c, CURLOPT_CUSTOMREQUEST, NULL);
    curl_easy_setopt(h->c, CURLOPT_HTTPHEADER, h->headers);
    curl_slist_free_all(hl);
    *status = h->status;
    *answer = h->body ? h->body : "";
    *answer_len = h->len;
    return rc;
}

sync_err sync_http_error(sync_link *L, sync_result *res)
{
    return http_status_error(&L->h[0], res);
}
