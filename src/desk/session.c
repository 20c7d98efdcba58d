/* SPDX-License-Identifier: GPL-3.0-or-later */
/* session.c - sign-in sessions for scripted and concurrent CLI use: one
 * argon2id check at `motcua login`, then a random token stands for it
 * until logout, idleness, 12 hours or a lockout ends it. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "desk_internal.h"
#include "log.h"
#include "store_session.h"

#define SESSION_MAX_SECONDS (12 * 3600)
/* used_at is written at most this often (a command is not a write) */
#define SESSION_TOUCH_SECONDS 60

static void token_hash(const char *token, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, 65, h, sizeof h);
}

static bool token_ok(const char *token)
{
    if (!token || strlen(token) != DESK_SESSION_TOKEN_LEN)
        return false;
    for (const char *p = token; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

static mc_ts idle_seconds(const mc_desk *d)
{
    long m = d->cfg ? cfg_get_int(d->cfg, "desk", "session_idle_minutes", 60)
                    : 60;
    if (m < 1)
        m = 1;
    return (mc_ts)m * 60;
}

mc_status desk_session_start(mc_desk *d, char token[DESK_SESSION_TOKEN_LEN + 1],
                             mc_error *err)
{
    token[0] = '\0';
    if (!d->user.login || d->user.id <= 0)
        return mc_fail(err, MC_EAUTH, "user",
                       _("Cần đăng nhập bằng mật khẩu để mở phiên"));
    unsigned char raw[DESK_SESSION_TOKEN_LEN / 2];
    randombytes_buf(raw, sizeof raw);
    char tok[DESK_SESSION_TOKEN_LEN + 1];
    sodium_bin2hex(tok, sizeof tok, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    char hash[65];
    token_hash(tok, hash);
    mc_ts now = desk_now(d);
    mc_status rc = store_begin(d->store, err);
    if (rc)
        return rc;
    rc = store_session_insert(d->store, hash, d->user.id, now, err);
    if (!rc)
        rc = desk_audit(d, now, "session.start", d->user.login,
                        json_pack("{s:s, s:I}", "session", hash + 56,
                                  "idle_minutes",
                                  (json_int_t)(idle_seconds(d) / 60)),
                        err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    if (!rc)
        memcpy(token, tok, sizeof tok);
    sodium_memzero(tok, sizeof tok);
    return rc;
}

static mc_status session_refused(mc_error *err)
{
    return mc_fail(err, MC_EAUTH, "session",
                   _("Phiên đăng nhập không hợp lệ hoặc đã kết thúc: hãy "
                     "đăng nhập lại (motcua login)"));
}

mc_status desk_session_resume(mc_desk *d, const char *login,
                              const char *token, mc_error *err)
{
    if (!token_ok(token))
        return mc_fail(err, MC_EAUTH, "session",
                       _("Mã phiên đăng nhập phải gồm 64 chữ số thập lục "
                         "phân"));
    store_user u;
    mc_status rc = store_user_get(d->store, login ? login : "", &u, err);
    if (rc == MC_ENOTFOUND)
        return session_refused(err);
    if (rc)
        return rc;
    mc_ts now = desk_now(d);
    char hash[65];
    token_hash(token, hash);
    store_session ss;
    if ((rc = desk_user_usable(&u, now, err)))
        goto out;
    rc = store_session_get(d->store, hash, &ss, err);
    if (rc == MC_ENOTFOUND || (!rc && (ss.user_id != u.id || ss.ended_at))) {
        rc = session_refused(err);
        goto out;
    }
    if (rc)
        goto out;
    if (now - ss.used_at > idle_seconds(d) ||
        now - ss.created_at > SESSION_MAX_SECONDS) {
        rc = mc_fail(err, MC_EAUTH, "session",
                     _("Phiên đăng nhập đã hết hạn: hãy đăng nhập lại "
                       "(motcua login)"));
        goto out;
    }
    if (now - ss.used_at >= SESSION_TOUCH_SECONDS) {
        if (!(rc = store_begin(d->store, err))) {
            rc = store_session_touch(d->store, hash, now, err);
            if (!rc)
                rc = store_commit(d->store, err);
            else
                store_rollback(d->store);
        }
        if (rc)
            goto out;
    }
    desk_set_user(d, &u);
out:
    store_user_free(&u);
    return rc;
}

mc_status desk_session_end(mc_desk *d, const char *login, const char *token,
                           mc_error *err)
{
    if (!token_ok(token))
        return mc_fail(err, MC_EAUTH, "session",
                       _("Mã phiên đăng nhập phải gồm 64 chữ số thập lục "
                         "phân"));
    store_user u;
    mc_status rc = store_user_get(d->store, login ? login : "", &u, err);
    if (rc == MC_ENOTFOUND)
        return mc_fail(err, MC_ENOTFOUND, "session",
                       _("Không có phiên đăng nhập này"));
    if (rc)
        return rc;
    char hash[65];
    token_hash(token, hash);
    mc_ts now = desk_now(d);
    store_session ss;
    if ((rc = store_begin(d->store, err)))
        goto out;
    rc = store_session_get(d->store, hash, &ss, err);
    bool ended = false;
    if (!rc && ss.user_id == u.id)
        rc = store_session_end(d->store, hash, now, &ended, err);
    if (!rc && !ended)
        rc = mc_fail(err, MC_ENOTFOUND, "session",
                     _("Không có phiên đăng nhập này"));
    if (rc == MC_ENOTFOUND)
        mc_strlcpy(err->field, "session", sizeof err->field);
    if (!rc) {
        /* the audit row names the session's owner */
        char *saved = d->user.login;
        d->user.login = u.login;
        rc = desk_audit(d, now, "session.end", u.login,
                        json_pack("{s:s}", "session", hash + 56), err);
        d->user.login = saved;
    }
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
out:
    store_user_free(&u);
    return rc;
}
