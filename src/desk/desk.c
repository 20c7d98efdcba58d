/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk.c - opening an office database, users and sign-in, the audit chain
 * and the outbox: what every use case shares. */
#include "desk_internal.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "audit.h"
#include "clock.h"
#include "config.h"
#include "desk_files_internal.h"
#include "event.h"
#include "log.h"
#include "store_session.h"
#include "vntext.h"
#include "wire_text.h"

#define MAX_FAILED_LOGINS 5
#define LOCK_SECONDS (15 * 60)

mc_ts desk_now(const mc_desk *d)
{
    (void)d;
    return mc_clock_now();
}

const char *desk_actor(const mc_desk *d)
{
    return d->user.login ? d->user.login : "?";
}

static mc_status load_office(mc_desk *d, mc_error *err)
{
    mc_status rc = store_meta_get(d->store, "office_code", &d->office_code, err);
    if (!rc)
        rc = store_meta_get(d->store, "office_name", &d->office_name, err);
    if (!rc && !d->office_code)
        rc = mc_fail(err, MC_ENOTFOUND, "db",
                     _("Cơ sở dữ liệu %s chưa được khởi tạo (hãy chạy "
                       "\"motcua init\")"),
                     d->db_path);
    return rc;
}

void desk_configure(mc_desk *d, const mc_config *cfg)
{
    d->cfg = cfg;
    if (!cfg)
        return;
    d->open_minute = cfg_get_minutes(cfg, "hours", "open", d->open_minute);
    d->close_minute = cfg_get_minutes(cfg, "hours", "close", d->close_minute);
    const char *clock = cfg_get(cfg, "desk", "supplement_clock");
    d->supplement_extend = clock && strcmp(clock, "extend") == 0;
}

const mc_config *desk_config(const mc_desk *d)
{
    return d->cfg;
}

#define CLOCK_PIN_KEY "allow_pinned_clock"

/* The administrator's setting that lets MOTCUA_NOW pin the clock in a
 * production build (src/core/clock.h). */
static mc_status load_clock_setting(mc_desk *d, mc_error *err)
{
    char *v = NULL;
    mc_status rc = store_meta_get(d->store, CLOCK_PIN_KEY, &v, err);
    d->clock_pin_allowed = !rc && v && strcmp(v, "1") == 0;
    mc_clock_allow_pin(d->clock_pin_allowed);
    free(v);
    return rc;
}

bool desk_clock_pin_allowed(const mc_desk *d)
{
    return d->clock_pin_allowed;
}

mc_status desk_clock_pin_set(mc_desk *d, bool allow, mc_error *err)
{
    mc_status rc = desk_require(d, ROLE_ADMIN,
                                _("cho phép hoặc cấm đặt giờ giả"), err);
    if (rc)
        return rc;
    /* the audit row carries the real time, whatever MOTCUA_NOW says */
    mc_ts real = (mc_ts)time(NULL);
    if ((rc = store_begin(d->store, err)))
        return rc;
    rc = store_meta_set(d->store, CLOCK_PIN_KEY, allow ? "1" : "0", err);
    if (!rc)
        rc = desk_audit(d, real,
                        allow ? "clock.pin_allowed" : "clock.pin_forbidden",
                        d->office_code, json_object(), err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    if (!rc) {
        d->clock_pin_allowed = allow;
        mc_clock_allow_pin(allow);
    }
    return rc;
}

/* A sign-in under a clock pinned by the administrator's setting (not by a
 * test build) leaves an audit row with the pinned and the real time. */
static mc_status audit_pinned_clock(mc_desk *d, mc_error *err)
{
    mc_ts pinned;
    if (mc_clock_pin_built_in() || !mc_clock_pinned(&pinned))
        return MC_OK;
    mc_ts real = (mc_ts)time(NULL);
    char pbuf[26], rbuf[26];
    mc_ts_format_vn(pinned, pbuf);
    mc_ts_format_vn(real, rbuf);
    mc_log(MC_LOG_WARNING, "clock pinned to %s by MOTCUA_NOW for %s", pbuf,
           desk_actor(d));
    mc_status rc = store_begin(d->store, err);
    if (rc)
        return rc;
    rc = desk_audit(d, real, "clock.pinned", d->office_code,
                    json_pack("{s:s, s:s}", "pinned", pbuf, "real", rbuf), err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    return rc;
}

mc_status desk_open(const char *db_path, mc_desk **out, mc_error *err)
{
    *out = NULL;
    if (sodium_init() < 0)
        return mc_fail(err, MC_EIO, "", "libsodium init failed");
    mc_desk *d = mc_xcalloc(1, sizeof *d);
    d->db_path = mc_xstrdup(db_path ? db_path : "");
    /* the shipped defaults until desk_configure says otherwise */
    mc_config *defaults = cfg_defaults();
    d->open_minute = cfg_get_minutes(defaults, "hours", "open", 8 * 60);
    d->close_minute = cfg_get_minutes(defaults, "hours", "close", 17 * 60);
    cfg_free(defaults);
    mc_status rc = store_open(db_path, false, &d->store, err);
    if (!rc)
        rc = load_office(d, err);
    if (!rc)
        rc = load_clock_setting(d, err);
    if (rc) {
        desk_close(d);
        return rc;
    }
    *out = d;
    return MC_OK;
}

long long desk_pages_written(mc_desk *d)
{
    return d ? store_pages_written(d->store) : -1;
}

void desk_close(mc_desk *d)
{
    if (!d)
        return;
    store_close(d->store);
    cal_free(d->cal);
    free(d->db_path);
    free(d->office_code);
    free(d->office_name);
    free(d->user.login);
    free(d->user.name);
    for (size_t i = 0; i < d->n_procs; i++) {
        cat_procedure_free(&d->procs[i].proc);
    }
    free(d->procs);
    free(d);
}

const mc_user *desk_user(const mc_desk *d)
{
    return &d->user;
}

const char *desk_office_code(const mc_desk *d)
{
    return d->office_code;
}

const char *desk_office_name(const mc_desk *d)
{
    return d->office_name;
}

mc_status desk_require(mc_desk *d, unsigned roles, const char *what,
                       mc_error *err)
{
    if (!d->user.login)
        return mc_fail(err, MC_EAUTH, "user",
                       _("Cần đăng nhập để %s (dùng --user)"), what);
    if (!(d->user.role & roles))
        return mc_fail(err, MC_EFORBIDDEN, "user",
                       _("Người dùng %s (vai trò %s) không được %s"),
                       d->user.login, role_name(d->user.role), what);
    return MC_OK;
}

void desk_act_as_central(mc_desk *d)
{
    free(d->user.login);
    free(d->user.name);
    d->user.login = mc_xstrdup("central");
    d->user.name = mc_xstrdup("central");
    d->user.role = ROLE_CENTRAL;
    d->user.id = 0;
}

/* --- audit ---------------------------------------------------------------- */

static void sha256_hex(const char *s, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    desk_sha256_buf(s, strlen(s), h);
    sodium_bin2hex(out, 65, h, sizeof h);
}

mc_status desk_audit(mc_desk *d, mc_ts at, const char *action,
                     const char *object, json_t *detail, mc_error *err)
{
    if (!detail)
        detail = json_object(); /* an action without detail: "{}" */
    char *det = wire_dump(detail);
    json_decref(detail);
    mc_status rc = desk_audit_text(d, at, action, object, det, err);
    free(det);
    return rc;
}

mc_status desk_audit_text(mc_desk *d, mc_ts at, const char *action,
                          const char *object, const char *det, mc_error *err)
{
    int64_t last = 0;
    char prev[65];
    mc_status rc = store_audit_tail(d->store, &last, prev, err);
    if (rc)
        return rc;
    if (!prev[0])
        mc_strlcpy(prev, AUDIT_GENESIS, sizeof prev);
    char atbuf[26];
    mc_ts_format_vn(at, atbuf);
    char *canon = audit_canonical(last + 1, atbuf, desk_actor(d), action,
                                  object, det, prev);
    char hash[65];
    sha256_hex(canon, hash);
    free(canon);
    store_audit_row row = {
        .id = last + 1, .at = atbuf, .actor = desk_actor(d),
        .action = action, .object = object, .detail = det,
        .prev_hash = prev, .hash = hash,
    };
    return store_audit_append(d->store, &row, err);
}

struct verify_ctx {
    desk_audit_result *res;
    char prev[65];
    int64_t expect_id;
};

static bool verify_row(const store_audit_row *r, void *ud)
{
    struct verify_ctx *v = ud;
    v->res->rows++;
    const char *why = NULL;
    if (r->id != v->expect_id)
        why = "row missing before this one";
    else if (!r->prev_hash || strcmp(r->prev_hash, v->prev) != 0)
        why = "prev_hash does not match the previous row";
    else {
        char *canon = audit_canonical(r->id, r->at, r->actor, r->action,
                                      r->object, r->detail, r->prev_hash);
        char hash[65];
        sha256_hex(canon, hash);
        free(canon);
        if (!r->hash || strcmp(hash, r->hash) != 0)
            why = "content does not match its hash";
    }
    if (why) {
        v->res->first_bad = r->id;
        snprintf(v->res->reason, sizeof v->res->reason, "%s", why);
        return false;
    }
    mc_strlcpy(v->prev, r->hash, sizeof v->prev);
    v->expect_id++;
    return true;
}

mc_status desk_audit_verify(mc_desk *d, desk_audit_result *res, mc_error *err)
{
    memset(res, 0, sizeof *res);
    struct verify_ctx v = {.res = res, .expect_id = 1};
    mc_strlcpy(v.prev, AUDIT_GENESIS, sizeof v.prev);
    mc_status rc = store_begin(d->store, err); /* a consistent snapshot */
    if (rc)
        return rc;
    rc = store_audit_each(d->store, verify_row, &v, err);
    store_rollback(d->store);
    return rc;
}

/* --- outbox and the per-action record ------------------------------------- */

mc_status desk_outbox(mc_desk *d, mc_ts at, const char *kind,
                      const char *dossier_code, json_t *data, mc_error *err)
{
    char atbuf[26];
    mc_ts_format_vn(at, atbuf);
    json_t *ev = wire_event_new(kind, d->office_code, atbuf, desk_actor(d),
                                dossier_code, data);
    char *payload = wire_dump(ev);
    json_decref(ev);
    mc_status rc = store_outbox_append(d->store, kind, payload, dossier_code,
                                       at, NULL, err);
    free(payload);
    return rc;
}

mc_status desk_record(mc_desk *d, const mc_dossier *ds, mc_ts at,
                      const char *action, const char *from, const char *to,
                      const char *note, json_t *data, mc_error *err)
{
    char *datatext = data ? wire_dump(data) : NULL;
    store_event ev = {
        .dossier_id = ds->id, .at = at, .actor = desk_actor(d),
        .action = action, .from_status = from, .to_status = to,
        .note = note, .data = datatext,
    };
    mc_status rc = store_history_append(d->store, &ev, err);
    if (rc) {
        free(datatext);
        return rc;
    }
    /* the audit detail and the event's data are written straight to text
     * (wire_text.h): the same bytes wire_dump() would print for
     * {"from", "to", "note", "data"} (+ "dossier" for an intake), without
     * building them in jansson - on intake that was a fifth of the CPU */
    wire_obj det;
    wire_obj_init(&det);
    if (from)
        wire_obj_str(&det, "from", from);
    if (to)
        wire_obj_str(&det, "to", to);
    if (note)
        wire_obj_str(&det, "note", note);
    if (datatext)
        wire_obj_raw(&det, "data", datatext);
    char *dettext = wire_obj_finish(&det);
    rc = desk_audit_text(d, at, action, ds->code, dettext, err);
    free(dettext);
    if (rc) {
        free(datatext);
        return rc;
    }
    wire_obj evdata;
    wire_obj_init(&evdata);
    if (from)
        wire_obj_str(&evdata, "from", from);
    if (to)
        wire_obj_str(&evdata, "to", to);
    if (note)
        wire_obj_str(&evdata, "note", note);
    if (datatext)
        wire_obj_raw(&evdata, "data", datatext);
    char *snapshot = NULL;
    if (strcmp(action, "intake") == 0) {
        json_t *ref = data ? json_object_get(data, "portal_ref") : NULL;
        if (ref) { /* an online dossier: the centre links code and ref */
            json_t *snap = desk_dossier_json(ds, at);
            json_object_set(snap, "portal_ref", ref);
            snapshot = wire_dump(snap);
            json_decref(snap);
        } else {
            snapshot = desk_dossier_text(ds, at);
        }
        wire_obj_raw(&evdata, "dossier", snapshot);
    }
    char *evtext = wire_obj_finish(&evdata);
    free(snapshot);
    free(datatext);
    char atbuf[26];
    mc_ts_format_vn(at, atbuf);
    char *payload = wire_event_text(action, d->office_code, atbuf,
                                    desk_actor(d), ds->code, evtext);
    free(evtext);
    rc = store_outbox_append(d->store, action, payload, ds->code, at, NULL,
                             err);
    free(payload);
    return rc;
}

/* --- sign-in and users -------------------------------------------------- */

static mc_status check_password_rules(const char *pw, mc_error *err)
{
    size_t n = pw ? strlen(pw) : 0;
    if (n < 8)
        return mc_fail(err, MC_EINVAL, "password",
                       _("Mật khẩu phải có ít nhất 8 ký tự (đang có %zu)"), n);
    if (n > 256)
        return mc_fail(err, MC_EINVAL, "password",
                       _("Mật khẩu dài tối đa 256 ký tự"));
    return MC_OK;
}

static mc_status check_login_name(const char *login, mc_error *err)
{
    size_t n = login ? strlen(login) : 0;
    if (n < 2 || n > 32)
        return mc_fail(err, MC_EINVAL, "login",
                       _("Tên đăng nhập phải dài 2–32 ký tự (đang có %zu)"), n);
    for (size_t i = 0; i < n; i++) {
        char c = login[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-'))
            return mc_fail(err, MC_EINVAL, "login",
                           _("Tên đăng nhập chỉ gồm chữ thường a-z, chữ số và "
                             ". _ - (ký tự thứ %zu là '%c')"),
                           i + 1, c);
    }
    if (strcmp(login, "central") == 0)
        return mc_fail(err, MC_EINVAL, "login",
                       _("Tên đăng nhập \"central\" được dành cho hệ thống "
                         "trung tâm"));
    return MC_OK;
}

static mc_status hash_password(const char *pw, char out[crypto_pwhash_STRBYTES],
                               mc_error *err)
{
    if (crypto_pwhash_str_alg(out, pw, strlen(pw),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return mc_fail(err, MC_ENOMEM, "password",
                       _("Không đủ bộ nhớ để băm mật khẩu"));
    return MC_OK;
}

/* Every check on a new user that needs no database: role, login,
 * password rules, display name (its NFC form in *nm, malloc'd). */
static mc_status check_new_user(const char *login, const char *name,
                                const char *role, const char *password,
                                char **nm, mc_error *err)
{
    unsigned rbit;
    *nm = NULL;
    if (!role_parse(role, &rbit) || rbit == ROLE_CENTRAL)
        return mc_fail(err, MC_EINVAL, "role",
                       _("Vai trò \"%s\" không hợp lệ: chọn clerk, supervisor "
                         "hoặc admin"),
                       role ? role : "");
    mc_status rc = check_login_name(login, err);
    if (rc)
        return rc;
    rc = check_password_rules(password, err);
    if (rc)
        return rc;
    return desk_text(name && *name ? name : login, "name", 100, nm, err);
}

static mc_status insert_user(mc_desk *d, const char *login, const char *name,
                             const char *role, const char *password, mc_ts at,
                             mc_error *err)
{
    char *nm = NULL;
    mc_status rc = check_new_user(login, name, role, password, &nm, err);
    if (rc)
        return rc;
    char hash[crypto_pwhash_STRBYTES];
    rc = hash_password(password, hash, err);
    if (!rc)
        rc = store_user_insert(d->store, login, nm, role, hash, at, NULL, err);
    if (!rc) {
        json_t *det = json_pack("{s:s, s:s}", "name", nm, "role", role);
        rc = desk_audit(d, at, "user.add", login, det, err);
    }
    free(nm);
    return rc;
}

mc_status desk_user_add(mc_desk *d, const char *login, const char *name,
                        const char *role, const char *password, mc_error *err)
{
    mc_status rc = desk_require(d, ROLE_ADMIN, _("thêm người dùng"), err);
    if (rc)
        return rc;
    mc_ts now = desk_now(d);
    if ((rc = store_begin(d->store, err)))
        return rc;
    rc = insert_user(d, login, name, role, password, now, err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    return rc;
}

void desk_set_user(mc_desk *d, const store_user *u)
{
    free(d->user.login);
    free(d->user.name);
    d->user.id = u->id;
    d->user.login = mc_xstrdup(u->login);
    d->user.name = mc_xstrdup(u->name);
    unsigned rb = ROLE_CLERK;
    role_parse(u->role, &rb);
    d->user.role = rb;
}

mc_status desk_user_usable(const store_user *u, mc_ts now, mc_error *err)
{
    if (!u->active)
        return mc_fail(err, MC_EAUTH, "user", _("Tài khoản %s đã bị khoá"),
                       u->login);
    if (u->locked_until > now) {
        char until[26];
        mc_ts_format_vn(u->locked_until, until);
        return mc_fail(err, MC_EAUTH, "user",
                       _("Tài khoản %s tạm khoá do nhập sai mật khẩu nhiều "
                         "lần, đến %s"),
                       u->login, until);
    }
    return MC_OK;
}

mc_status desk_login(mc_desk *d, const char *login, const char *password,
                     mc_error *err)
{
    store_user u;
    mc_status rc = store_user_get(d->store, login ? login : "", &u, err);
    if (rc == MC_ENOTFOUND) {
        mc_log(MC_LOG_NOTICE, "sign-in refused: no user \"%s\"",
               login ? login : "");
        return mc_fail(err, MC_EAUTH, "user",
                       _("Sai tên đăng nhập hoặc mật khẩu"));
    }
    if (rc)
        return rc;
    mc_ts now = desk_now(d);
    if ((rc = desk_user_usable(&u, now, err)))
        goto out;
    /* libsodium answers -1 both for a wrong password and when Argon2 could
     * not allocate its work area (64 MiB), and errno does not always tell
     * them apart.  Running out of memory is not a failed sign-in to count
     * against the account: ENOMEM ends here, and a refusal is confirmed by a
     * second verification before it is counted. */
    bool ok = false;
    for (int attempt = 0; password && !ok && attempt < 2; attempt++) {
        errno = 0;
        ok = crypto_pwhash_str_verify(u.pw_hash, password,
                                      strlen(password)) == 0;
        if (!ok && errno == ENOMEM) {
            rc = mc_fail(err, MC_ENOMEM, "password", _("Hết bộ nhớ"));
            goto out;
        }
    }
    if (ok) {
        if (u.failed_logins || u.locked_until)
            rc = store_user_set_login_state(d->store, u.id, 0, 0, err);
        if (rc)
            goto out;
        desk_set_user(d, &u);
        rc = audit_pinned_clock(d, err);
        goto out;
    }
    /* count the failure; lock and audit at the limit */
    int failed = u.failed_logins + 1;
    mc_ts lock = 0;
    if ((rc = store_begin(d->store, err)))
        goto out;
    if (failed >= MAX_FAILED_LOGINS) {
        lock = now + LOCK_SECONDS;
        failed = 0;
    }
    rc = store_user_set_login_state(d->store, u.id, failed, lock, err);
    if (!rc && lock) /* a locked account keeps no session */
        rc = store_session_end_user(d->store, u.id, now, err);
    if (!rc && lock) {
        char *saved = d->user.login;
        d->user.login = u.login; /* the audit row names the locked account */
        rc = desk_audit(d, now, "user.locked", u.login,
                        json_pack("{s:i}", "attempts", MAX_FAILED_LOGINS), err);
        d->user.login = saved;
    }
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    mc_log(lock ? MC_LOG_WARNING : MC_LOG_NOTICE,
           lock ? "sign-in: %s locked after %d wrong passwords"
                : "sign-in: wrong password for %s (%d so far)",
           u.login, lock ? MAX_FAILED_LOGINS : failed);
    if (!rc)
        rc = mc_fail(err, MC_EAUTH, "user",
                     lock ? _("Sai mật khẩu %d lần: tài khoản bị khoá 15 phút")
                          : _("Sai tên đăng nhập hoặc mật khẩu"),
                     MAX_FAILED_LOGINS);
out:
    store_user_free(&u);
    return rc;
}

/* --- init ------------------------------------------------------------------- */

mc_status desk_init(const char *db_path, const desk_init_opts *o, mc_error *err)
{
    if (sodium_init() < 0)
        return mc_fail(err, MC_EIO, "", "libsodium init failed");
    mc_status rc = dcode_check_agency(o->office_code, err);
    if (rc) {
        mc_strlcpy(err->field, "office-code", sizeof err->field);
        return rc;
    }
    char *name = NULL;
    if ((rc = desk_text(o->office_name, "office-name", 200, &name, err)))
        return rc;
    if (!name) {
        return mc_fail(err, MC_EINVAL, "office-name",
                       _("Tên văn phòng không được để trống"));
    }
    /* a new file: the admin is checked before it is made, so a refused
     * init leaves no database behind (on an existing one, "already
     * initialised" is the answer that matters, below) */
    struct stat st;
    char *admin_nm = NULL;
    if (stat(db_path, &st) != 0)
        rc = check_new_user(o->admin_login, o->admin_name, "admin",
                            o->admin_password, &admin_nm, err);
    free(admin_nm);
    if (rc) {
        if (strcmp(err->field, "name") == 0)
            mc_strlcpy(err->field, "admin-name", sizeof err->field);
        free(name);
        return rc;
    }
    mc_desk *d = mc_xcalloc(1, sizeof *d);
    d->db_path = mc_xstrdup(db_path);
    rc = store_open(db_path, true, &d->store, err);
    if (rc)
        goto out;
    char *existing = NULL;
    if ((rc = store_meta_get(d->store, "office_code", &existing, err)))
        goto out;
    if (existing) {
        rc = mc_fail(err, MC_ECONFLICT, "db",
                     _("%s đã được khởi tạo cho văn phòng %s; không khởi tạo "
                       "lại"),
                     db_path, existing);
        free(existing);
        goto out;
    }
    mc_ts now = desk_now(d);
    if ((rc = store_begin(d->store, err)))
        goto out;
    d->office_code = mc_xstrdup(o->office_code);
    d->office_name = mc_xstrdup(name);
    d->user.login = mc_xstrdup(o->admin_login ? o->admin_login : "");
    d->user.role = ROLE_ADMIN;
    rc = store_meta_set(d->store, "office_code", o->office_code, err);
    if (!rc)
        rc = store_meta_set(d->store, "office_name", name, err);
    if (!rc)
        rc = desk_audit(d, now, "office.init", o->office_code,
                        json_pack("{s:s}", "name", name), err);
    if (!rc)
        rc = insert_user(d, o->admin_login, o->admin_name, "admin",
                         o->admin_password, now, err);
    if (!rc)
        rc = store_commit(d->store, err);
    else
        store_rollback(d->store);
    if (!rc) {
        /* the shipped catalogue, as the new admin */
        char *dir = mc_xasprintf("%s/procedures",
                                 o->forms_dir ? o->forms_dir : desk_forms_dir());
        desk_import_report rep = {0};
        rc = desk_catalogue_import(d, dir, o->on_skip, o->skip_ud, &rep, err);
        if (o->report)
            *o->report = rep;
        free(dir);
    }
out:
    free(name);
    desk_close(d);
    return rc;
}
