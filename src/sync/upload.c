/* SPDX-License-Identifier: GPL-3.0-or-later */
/* upload.c - the sync step that moves dossier files (scans, results) to the
 * centre, after the events (docs/sync.md "Files").
 *
 * For each ready file (its dossier's intake acknowledged), in order:
 *   1. POST /v1/offices/OFFICE/files declares it (dossier, role, paper,
 *      sha256, size, mime, name); the answer says how many bytes the centre
 *      already has ("received") and whether it is complete (the same bytes
 *      may be there already, from another dossier);
 *   2. PUT .../files/SHA256 sends the rest in chunks of sync.upload_chunk_kib,
 *      each with its Content-Range and its own SHA-256, read from the
 *      desk's copy at the offset the centre names - never from zero after a
 *      kill or a dropped connection;
 *   3. the last chunk makes the centre check the whole SHA-256; only then
 *      is the file done here.
 * A dropped connection, a stall or a 5xx is retried at once a few times
 * (the centre keeps every chunk it acknowledged); after that the run ends
 * with the classified error and the next run resumes.  A damaged chunk
 * (400 chunk_digest_mismatch) is sent again; a whole-file mismatch (422)
 * makes the desk check its own copy: a damaged copy is set aside with the
 * reason (`motcua sync status`), never sent as if it were the scan. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "desk_files.h"
#include "desk_upload.h"
#include "protocol.h"
#include "sync_http.h"

#define MIN_CHUNK (64 * 1024)
#define NET_RETRIES 8    /* network failures in a row, without progress */
#define DIGEST_RETRIES 3 /* damaged chunks in a row */
#define HASH_RETRIES 2   /* whole-file mismatches with a sound local copy */

typedef struct progress {
    long long size, received;
    bool complete;
} progress;

static bool progress_decode(const char *text, size_t len, progress *p)
{
    json_t *root = json_loadb(text, len, 0, NULL);
    json_t *size = json_object_get(root, "size");
    json_t *rec = json_object_get(root, "received");
    json_t *comp = json_object_get(root, "complete");
    bool ok = json_is_integer(size) && json_is_integer(rec) &&
              json_is_boolean(comp);
    if (ok) {
        p->size = (long long)json_integer_value(size);
        p->received = (long long)json_integer_value(rec);
        p->complete = json_is_true(comp);
        ok = p->received >= 0 && p->received <= p->size;
    }
    json_decref(root);
    return ok;
}

/* error.received of a 409 offset_mismatch, or -1 */
static long long error_received(const char *text, size_t len)
{
    json_t *root = json_loadb(text, len, 0, NULL);
    json_t *v = json_object_get(json_object_get(root, "error"), "received");
    long long r = json_is_integer(v) ? (long long)json_integer_value(v) : -1;
    json_decref(root);
    return r;
}

static void hexify(const unsigned char *d, size_t n, char *out)
{
    static const char h[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = h[d[i] >> 4];
        out[2 * i + 1] = h[d[i] & 15];
    }
    out[2 * n] = '\0';
}

/* The SHA-256 of the whole local copy; false when it cannot be read. */
static bool file_sha256(int fd, long long size, char out[65])
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char buf[1 << 16];
    long long off = 0;
    while (off < size) {
        ssize_t n = pread(fd, buf, sizeof buf, (off_t)off);
        if (n <= 0)
            return false;
        crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
        off += n;
    }
    unsigned char d[32];
    crypto_hash_sha256_final(&st, d);
    hexify(d, sizeof d, out);
    return true;
}

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* A failure worth retrying at once: the network or the centre's load. */
static bool transient(sync_err e, long status)
{
    return e == SYNC_E_CONNECT || e == SYNC_E_CONNECTION_LOST ||
           e == SYNC_E_TIMEOUT || (e == SYNC_OK && status >= 500);
}

typedef enum { FILE_DONE, FILE_ASIDE, FILE_FAILED } file_outcome;

typedef struct upctx {
    mc_desk *d;
    sync_link *L;
    const sync_opts *o;
    sync_result *res;
    size_t chunk;
    unsigned char *buf;
} upctx;

static sync_err set_aside(upctx *u, const desk_upload_file *f,
                          const char *reason, file_outcome *out)
{
    mc_error err = {0};
    *out = FILE_ASIDE;
    u->res->files_set_aside++;
    if (desk_upload_set_aside(u->d, f->file_id, reason, &err))
        return sync_fail(u->res, SYNC_E_DB, "%s", err.msg);
    return SYNC_OK;
}

/* Send a request again while the failure is transient (up to NET_RETRIES
 * in a row, with a short growing pause). */
static sync_err request(upctx *u, const char *method, const char *path,
                        const char *const *headers, const void *body,
                        size_t len, long *status, const char **ans,
                        size_t *ans_len)
{
    sync_err rc = SYNC_OK;
    for (int i = 0; i < NET_RETRIES; i++) {
        if (i)
            pause_ms(i < 5 ? 100L << i : 2000);
        rc = sync_http_request(u->L, method, path, headers, body, len, status,
                               ans, ans_len, u->res);
        if (!transient(rc, *status))
            return rc;
    }
    if (rc == SYNC_OK) /* 5xx every time */
        rc = sync_http_error(u->L, u->res);
    return rc;
}

static sync_err declare(upctx *u, const desk_upload_file *f, progress *p,
                        file_outcome *out)
{
    json_t *body = json_pack("{s:i, s:s, s:s, s:o, s:s, s:I, s:s, s:s}", "v",
                             1, "dossier", f->dossier, "role", f->role,
                             "paper",
                             f->paper > 0 ? json_integer(f->paper)
                                          : json_null(),
                             "sha256", f->sha256, "size", (json_int_t)f->size,
                             "mime", f->mime, "name", f->name);
    if (!body) /* a name or type that is not UTF-8 text */
        return set_aside(u, f,
                         "the file's recorded name or type is not valid "
                         "UTF-8 text",
                         out);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    char path[256];
    snprintf(path, sizeof path, "/v1/offices/%s/files",
             desk_office_code(u->d));
    static const char *const hdr[] = {"Content-Type: application/json", NULL};
    long status = 0;
    const char *ans;
    size_t alen;
    sync_err rc = request(u, "POST", path, hdr, text, strlen(text), &status,
                          &ans, &alen);
    free(text);
    if (rc)
        return rc;
    if (status == 200 || status == 201) {
        if (!progress_decode(ans, alen, p) || p->size != f->size)
            return sync_fail(u->res, SYNC_E_PROTOCOL,
                             "files: expected {\"size\":%lld, \"received\", "
                             "\"complete\"}",
                             (long long)f->size);
        return SYNC_OK;
    }
    wire_error we;
    if (status == 409 && wire_error_decode(ans, alen, &we) &&
        strcmp(we.code, "size_conflict") == 0) {
        /* the centre holds these bytes under another size: a hash
         * collision cannot happen, so our row is wrong */
        char why[1200];
        snprintf(why, sizeof why, "%s: %s", we.code, we.message);
        return set_aside(u, f, why, out);
    }
    *out = FILE_FAILED;
    return sync_http_error(u->L, u->res);
}

/* Send the bytes from where the centre is until it says complete. */
static sync_err send_bytes(upctx *u, const desk_upload_file *f, int fd,
                           progress *p, file_outcome *out)
{
    mc_error err = {0};
    char path[256];
    snprintf(path, sizeof path, "/v1/offices/%s/files/%s",
             desk_office_code(u->d), f->sha256);
    int damaged = 0, mismatches = 0;
    while (!p->complete) {
        long long first = p->received;
        size_t n = u->chunk;
        if ((long long)n > p->size - first)
            n = (size_t)(p->size - first);
        ssize_t got = pread(fd, u->buf, n, (off_t)first);
        if (got != (ssize_t)n) {
            char why[512];
            snprintf(why, sizeof why,
                     "the desk's copy of %s cannot be read at byte %lld "
                     "(%s)",
                     f->sha256, first, got < 0 ? strerror(errno) : "short");
            return set_aside(u, f, why, out);
        }
        unsigned char d[32];
        char dh[65];
        crypto_hash_sha256(d, u->buf, n);
        hexify(d, sizeof d, dh);
        char range[96], digest[96];
        snprintf(range, sizeof range, "Content-Range: bytes %lld-%lld/%lld",
                 first, first + (long long)n - 1, p->size);
        snprintf(digest, sizeof digest, "X-Content-SHA256: %s", dh);
        const char *const hdr[] = {"Content-Type: application/octet-stream",
                                   range, digest, NULL};
        long status = 0;
        const char *ans;
        size_t alen;
        sync_err rc = request(u, "PUT", path, hdr, u->buf, n, &status, &ans,
                              &alen);
        if (rc)
            return rc;
        wire_error we;
        bool has = status >= 400 && wire_error_decode(ans, alen, &we);
        if (status == 200) {
            long long before = p->received;
            if (!progress_decode(ans, alen, p) || p->size != f->size)
                return sync_fail(u->res, SYNC_E_PROTOCOL,
                                 "files: a chunk's answer is not progress");
            if (p->received > before)
                u->res->file_bytes_sent += p->received - before;
            damaged = 0;
            if (!p->complete &&
                desk_upload_sent(u->d, f->file_id, p->received, &err))
                return sync_fail(u->res, SYNC_E_DB, "%s", err.msg);
        } else if (status == 409 && has &&
                   strcmp(we.code, "offset_mismatch") == 0) {
            /* the centre is elsewhere (a chunk it stored whose answer was
             * lost, another desk): go on from where it says */
            long long r = error_received(ans, alen);
            if (r < 0 || r > p->size)
                return sync_fail(u->res, SYNC_E_PROTOCOL,
                                 "offset_mismatch without a usable "
                                 "\"received\"");
            p->received = r;
        } else if (status == 413 && u->chunk > MIN_CHUNK) {
            u->chunk /= 2; /* the centre's --max-body is smaller */
        } else if (status == 400 && has &&
                   strcmp(we.code, "chunk_digest_mismatch") == 0 &&
                   ++damaged <= DIGEST_RETRIES) {
            /* damaged on the way: the centre kept nothing, send again */
        } else if (status == 422 && has &&
                   strcmp(we.code, "hash_mismatch") == 0) {
            char local[65];
            if (!file_sha256(fd, f->size, local) ||
                strcmp(local, f->sha256) != 0) {
                char why[512];
                snprintf(why, sizeof why,
                         "the desk's copy of the file is damaged: its bytes "
                         "hash to %s, not %s",
                         local, f->sha256);
                return set_aside(u, f, why, out);
            }
            if (++mismatches > HASH_RETRIES) {
                *out = FILE_FAILED;
                return sync_http_error(u->L, u->res);
            }
            p->received = 0; /* the centre forgot the bytes: from 0 */
        } else {
            *out = FILE_FAILED;
            return sync_http_error(u->L, u->res);
        }
    }
    return SYNC_OK;
}

static sync_err upload_one(upctx *u, const desk_upload_file *f,
                           file_outcome *out)
{
    mc_error err = {0};
    *out = FILE_FAILED;
    char *path = NULL;
    if (desk_files_blob_path(u->d, f->sha256, &path, &err)) {
        char why[1200];
        snprintf(why, sizeof why, "the desk's copy of the file is missing: %s",
                 err.msg);
        free(path);
        return set_aside(u, f, why, out);
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || sb.st_size != f->size) {
        char why[1200];
        snprintf(why, sizeof why,
                 "the desk's copy of the file is missing or damaged: %s (%s)",
                 path,
                 fd < 0 ? strerror(errno) : "its size is not the recorded one");
        if (fd >= 0)
            close(fd);
        free(path);
        return set_aside(u, f, why, out);
    }
    free(path);
    progress p = {0};
    sync_err rc = declare(u, f, &p, out);
    if (!rc && *out != FILE_ASIDE)
        rc = send_bytes(u, f, fd, &p, out);
    close(fd);
    if (rc || *out == FILE_ASIDE)
        return rc;
    if (desk_upload_done(u->d, f->file_id, f->size, &err))
        return sync_fail(u->res, SYNC_E_DB, "%s", err.msg);
    *out = FILE_DONE;
    u->res->files_uploaded++;
    return SYNC_OK;
}

sync_err sync_upload_files(mc_desk *d, sync_link *L, const sync_opts *o,
                           sync_result *res)
{
    mc_error err = {0};
    long kib = o->upload_chunk_kib > 0 ? o->upload_chunk_kib : 1024;
    upctx u = {.d = d, .L = L, .o = o, .res = res,
               .chunk = (size_t)kib * 1024};
    u.buf = mc_xmalloc(u.chunk);
    sync_err first = SYNC_OK;
    char first_msg[sizeof res->message] = "";
    long first_status = 0;
    int64_t after = 0;
    for (;;) {
        desk_upload_file f;
        bool found = false;
        if (desk_upload_next(d, after, &f, &found, &err)) {
            first = sync_fail(res, SYNC_E_DB, "%s", err.msg);
            break;
        }
        if (!found)
            break;
        after = f.file_id;
        file_outcome out;
        sync_err rc = upload_one(&u, &f, &out);
        if (rc == SYNC_E_DB) {
            first = rc;
            break;
        }
        if (rc) {
            mc_error e2 = {0};
            if (desk_upload_failed(d, f.file_id, res->message, &e2)) {
                first = sync_fail(res, SYNC_E_DB, "%s", e2.msg);
                break;
            }
            if (!first) {
                first = rc;
                mc_strlcpy(first_msg, res->message, sizeof first_msg);
                first_status = res->http_status;
            }
            /* the network is down: the other files would fail alike */
            if (transient(rc, res->http_status))
                break;
        }
    }
    free(u.buf);
    desk_upload_waiting w;
    if (!desk_upload_waiting_get(d, &w, &err)) {
        res->files_waiting = w.files;
        res->file_bytes_waiting = w.bytes;
    }
    if (first && first != SYNC_E_DB && first_msg[0]) {
        res->err = first;
        mc_strlcpy(res->message, first_msg, sizeof res->message);
        res->http_status = first_status;
    }
    return first;
}
