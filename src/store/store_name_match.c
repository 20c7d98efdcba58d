/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_name_match.c - motcua_name_match(name_key, query): does FTS5 match?
 *
 * The applicant-name index is written in batches (store_names.c), so a
 * search also reads the few dossiers not yet in it, and must find exactly
 * what FTS5 would.  This SQL function tokenizes with FTS5's own unicode61
 * tokenizer (from the connection's fts5_api, created with the table's
 * options) and evaluates the queries the desk builds (desk/query.c: quoted
 * words, an implicit AND, the last word a prefix) the way FTS5 does, down
 * to a phrase with no token being ignored.  Kept apart from the store so
 * that tests/fuzz/fuzz_names.c can hold it to FTS5 on any input;
 * test_names does the same through the store. */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mc_error.h"
#include "store_name_match.h"

/* --- tokens -------------------------------------------------------------- */
typedef struct toks {
    char *buf;
    size_t used, cap;
    size_t *off, *len;
    size_t n, ncap;
} toks;

static void toks_free(toks *t)
{
    free(t->buf);
    free(t->off);
    free(t->len);
    memset(t, 0, sizeof *t);
}

static int on_token(void *ud, int tflags, const char *tok, int n, int start,
                    int end)
{
    (void)tflags;
    (void)start;
    (void)end;
    toks *t = ud;
    if (n < 0)
        return SQLITE_OK;
    if (t->n == t->ncap) {
        t->ncap = t->ncap ? 2 * t->ncap : 8;
        t->off = mc_xrealloc(t->off, t->ncap * sizeof *t->off);
        t->len = mc_xrealloc(t->len, t->ncap * sizeof *t->len);
    }
    if (t->used + (size_t)n > t->cap) {
        t->cap = 2 * (t->used + (size_t)n) + 32;
        t->buf = mc_xrealloc(t->buf, t->cap);
    }
    if (n)
        memcpy(t->buf + t->used, tok, (size_t)n);
    t->off[t->n] = t->used;
    t->len[t->n] = (size_t)n;
    t->used += (size_t)n;
    t->n++;
    return SQLITE_OK;
}

typedef struct names_ctx {
    fts5_tokenizer tk;
    Fts5Tokenizer *tok;
    toks doc; /* a row's tokens, kept from row to row (one connection) */
} names_ctx;

static void names_ctx_free(void *p)
{
    names_ctx *c = p;
    if (c && c->tok)
        c->tk.xDelete(c->tok);
    if (c)
        toks_free(&c->doc);
    free(c);
}

static int tokenize(names_ctx *c, int flags, const char *text, size_t n,
                    toks *out)
{
    if (n > (size_t)0x7fffffff)
        return SQLITE_TOOBIG;
    return c->tk.xTokenize(c->tok, out, flags, text, (int)n, on_token);
}

/* --- the query ----------------------------------------------------------- */
typedef struct phrase {
    size_t first, n; /* its tokens in query.t */
    bool prefix;     /* "..."*: the last token is a prefix */
} phrase;

typedef struct names_query {
    toks t;
    phrase *ph;
    size_t n_ph;
} names_query;

static void query_free(void *p)
{
    names_query *q = p;
    if (!q)
        return;
    toks_free(&q->t);
    free(q->ph);
    free(q);
}

/* The queries desk/query.c builds: "word" ["word" ...] with an optional *
 * after the closing quote ("" inside quotes is a quote, as in FTS5).  NULL
 * for anything else. */
static names_query *query_parse(names_ctx *c, const char *s)
{
    names_query *q = mc_xcalloc(1, sizeof *q);
    size_t n = strlen(s);
    char *word = mc_xmalloc(n + 1);
    const char *p = s;
    for (;;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        if (*p != '"')
            goto bad;
        p++;
        size_t w = 0;
        for (;;) {
            if (!*p)
                goto bad;
            if (*p == '"') {
                if (p[1] != '"')
                    break;
                p++;
            }
            word[w++] = *p++;
        }
        p++; /* the closing quote */
        bool prefix = false;
        if (*p == '*') {
            prefix = true;
            p++;
        }
        if (*p && *p != ' ')
            goto bad;
        size_t first = q->t.n;
        int flags = FTS5_TOKENIZE_QUERY | (prefix ? FTS5_TOKENIZE_PREFIX : 0);
        if (tokenize(c, flags, word, w, &q->t) != SQLITE_OK)
            goto bad;
        if (q->t.n == first)
            continue; /* FTS5 leaves out a phrase without a token */
        q->ph = mc_xrealloc(q->ph, (q->n_ph + 1) * sizeof *q->ph);
        q->ph[q->n_ph++] = (phrase){first, q->t.n - first, prefix};
    }
    free(word);
    return q;
bad:
    free(word);
    query_free(q);
    return NULL;
}

static bool tok_eq(const toks *d, size_t i, const toks *q, size_t j,
                   bool prefix)
{
    if (prefix ? d->len[i] < q->len[j] : d->len[i] != q->len[j])
        return false;
    return memcmp(d->buf + d->off[i], q->buf + q->off[j], q->len[j]) == 0;
}

static bool phrase_in(const toks *doc, const names_query *q, const phrase *ph)
{
    for (size_t i = 0; i + ph->n <= doc->n; i++) {
        size_t j = 0;
        while (j < ph->n &&
               tok_eq(doc, i + j, &q->t, ph->first + j,
                      ph->prefix && j + 1 == ph->n))
            j++;
        if (j == ph->n)
            return true;
    }
    return false;
}

/* motcua_name_match(name_key, query): 1 when FTS5 would match the row. */
static void name_match(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    names_ctx *c = sqlite3_user_data(ctx);
    names_query *q = sqlite3_get_auxdata(ctx, 1);
    if (!q) {
        const char *qs = (const char *)sqlite3_value_text(argv[1]);
        q = qs ? query_parse(c, qs) : NULL;
        if (!q) {
            sqlite3_result_error(ctx, "motcua_name_match: not a name query",
                                 -1);
            return;
        }
        sqlite3_set_auxdata(ctx, 1, q, query_free);
        q = sqlite3_get_auxdata(ctx, 1);
        if (!q) { /* SQLite could not keep it: it was freed */
            sqlite3_result_error_nomem(ctx);
            return;
        }
    }
    const char *key = (const char *)sqlite3_value_text(argv[0]);
    if (!key || q->n_ph == 0) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    toks *doc = &c->doc;
    doc->used = doc->n = 0;
    if (tokenize(c, FTS5_TOKENIZE_DOCUMENT, key,
                 (size_t)sqlite3_value_bytes(argv[0]), doc) != SQLITE_OK) {
        sqlite3_result_error(ctx, "motcua_name_match: tokenizer failed", -1);
        return;
    }
    bool all = true;
    for (size_t i = 0; all && i < q->n_ph; i++)
        all = phrase_in(doc, q, &q->ph[i]);
    sqlite3_result_int(ctx, all);
}

static fts5_api *fts5_of(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

int store_name_match_register(sqlite3 *db)
{
    fts5_api *api = fts5_of(db);
    names_ctx *c = mc_xcalloc(1, sizeof *c);
    void *ud = NULL;
    if (!api || api->iVersion < 2 ||
        api->xFindTokenizer(api, "unicode61", &ud, &c->tk) != SQLITE_OK ||
        c->tk.xCreate(ud, NULL, 0, &c->tok) != SQLITE_OK) {
        names_ctx_free(c);
        return SQLITE_ERROR;
    }
    /* the destructor runs when the connection closes, or now on failure */
    return sqlite3_create_function_v2(db, "motcua_name_match", 2,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                          SQLITE_INNOCUOUS,
                                      c, name_match, NULL, NULL,
                                      names_ctx_free);
}
