/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_sync.c - motcua sync --once [--timeout S]
 *              motcua sync --daemon [--interval S] [--timeout S]
 *              motcua sync status [--json]
 *              motcua sync reconcile        (admin, after a restore)
 *
 * Settings come from the [sync] section of the configuration (url, ca_file,
 * client_cert, client_key, batch_size, interval_seconds).  --once exits 0
 * only when every event was acknowledged by the centre (events it rejected
 * are set aside, shown by `sync status`, and do not block the others). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "commands.h"
#include "config.h"

#ifdef HAVE_MOTCUA_SYNC
#include "modules.h"
#include "sync.h"
#include "sync_apply.h"
#include "desk_upload.h"

/* The worker lives in motcua-sync.so (libcurl), opened by the commands
 * that talk to the centre; `sync status` needs only the database. */
static const motcua_sync_api *S;

static bool load_sync(cli_ctx *ctx, int *rc)
{
    mc_error err = {0};
    if (!(S = motcua_sync_load(&err)))
        *rc = cli_fail(ctx, &err);
    return S != NULL;
}

static volatile sig_atomic_t g_stop;

static void on_signal(int sig)
{
    (void)sig;
    g_stop = 1;
}

static void load_opts(cli_ctx *ctx, sync_opts *o)
{
    const struct mc_config *c = ctx->cfg;
    o->url = cfg_get(c, "sync", "url");
    o->ca_file = cfg_get(c, "sync", "ca_file");
    o->client_cert = cfg_get(c, "sync", "client_cert");
    o->client_key = cfg_get(c, "sync", "client_key");
    o->batch_size = (int)cfg_get_int(c, "sync", "batch_size", 100);
    o->interval_seconds = (int)cfg_get_int(c, "sync", "interval_seconds", 60);
    o->upload_chunk_kib = cfg_get_int(c, "sync", "upload_chunk_kib", 1024);
    o->timeout_seconds = 60;
    o->connect_timeout_seconds = 15;
}

static void upload_result_json(json_t *o, const sync_result *r);

static json_t *result_json(sync_err e, const sync_result *r)
{
    json_t *o = json_pack("{s:b, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I,"
                     " s:I, s:I, s:b}",
                     "ok", e == SYNC_OK, "kind", S->err_tag(e), "message",
                     r->message, "pushed", (json_int_t)r->pushed, "set_aside",
                     (json_int_t)r->set_aside, "gaps", (json_int_t)r->gaps,
                     "pulled", (json_int_t)r->pulled, "applied",
                     (json_int_t)r->applied, "remote_rejected",
                     (json_int_t)r->remote_rejected, "pending",
                     (json_int_t)r->pending, "renumbered",
                     (json_int_t)r->renumbered, "lost_codes",
                     (json_int_t)r->lost_codes, "reconciled", r->reconciled);
    upload_result_json(o, r);
    return o;
}

/* dossier files (docs/sync.md "Files") */
static void upload_result_json(json_t *o, const sync_result *r)
{
    json_object_set_new(o, "files_uploaded", json_integer(r->files_uploaded));
    json_object_set_new(o, "file_bytes_sent", json_integer(r->file_bytes_sent));
    json_object_set_new(o, "files_set_aside", json_integer(r->files_set_aside));
    json_object_set_new(o, "files_waiting", json_integer(r->files_waiting));
    json_object_set_new(o, "file_bytes_waiting",
                        json_integer(r->file_bytes_waiting));
    json_object_set_new(o, "online_new", json_integer(r->online_new));
    json_object_set_new(o, "online_changed", json_integer(r->online_changed));
    json_object_set_new(o, "online_files", json_integer(r->online_files));
}

static void file_aside_row(const desk_upload_file *f, void *ud)
{
    json_array_append_new(
        ud, json_pack("{s:I, s:s, s:s, s:i, s:s, s:I, s:s, s:s}", "file_id",
                      (json_int_t)f->file_id, "dossier", f->dossier, "role",
                      f->role, "paper", f->paper, "sha256", f->sha256, "size",
                      (json_int_t)f->size, "name", f->name, "reason",
                      f->set_aside_reason ? f->set_aside_reason : ""));
}

static void file_failing_row(const desk_upload_file *f, void *ud)
{
    json_array_append_new(
        ud, json_pack("{s:I, s:s, s:s, s:i, s:s, s:I, s:I, s:s, s:i, s:s}",
                      "file_id", (json_int_t)f->file_id, "dossier",
                      f->dossier, "role", f->role, "paper", f->paper,
                      "sha256", f->sha256, "size", (json_int_t)f->size,
                      "sent", (json_int_t)f->sent, "name", f->name,
                      "attempts", f->attempts, "last_error",
                      f->last_error ? f->last_error : ""));
}

static bool aside_row(const desk_sync_row *r, void *ud)
{
    json_t *ev = json_loads(r->payload, 0, NULL);
    const char *dossier = json_string_value(json_object_get(ev, "dossier"));
    char at[26];
    mc_ts_format_vn(r->created_at, at);
    json_array_append_new(
        ud, json_pack("{s:I, s:s, s:s?, s:s, s:i, s:s}", "seq",
                      (json_int_t)r->seq, "kind", r->kind, "dossier", dossier,
                      "created_at", at, "attempts", r->attempts, "reason",
                      r->set_aside_reason ? r->set_aside_reason : ""));
    json_decref(ev);
    return true;
}

static void remote_row(const char *event_id, const char *json, void *ud)
{
    json_t *v = json_loads(json, 0, NULL);
    if (!v)
        v = json_object();
    json_object_set_new(v, "event_id", json_string(event_id));
    json_array_append_new(ud, v);
}

static int sync_status(cli_ctx *ctx, int argc, char **argv)
{
    int rc;
    mc_desk *d = cli_desk(ctx, false, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    desk_sync_status st;
    char *last_ok = NULL, *last_err = NULL, *cursor = NULL;
    json_t *aside = json_array(), *remote = json_array();
    json_t *files_aside = json_array(), *files_failing = json_array();
    desk_upload_waiting fw;
    if (desk_upload_waiting_get(d, &fw, &err) ||
        desk_upload_aside_each(d, file_aside_row, files_aside, &err) ||
        desk_upload_failing_each(d, file_failing_row, files_failing, &err) ||
        desk_sync_pending(d, &st, &err) ||
        desk_sync_state_get(d, "last_success", &last_ok, &err) ||
        desk_sync_state_get(d, "last_error", &last_err, &err) ||
        desk_sync_state_get(d, "pull_cursor", &cursor, &err) ||
        desk_sync_aside_each(d, aside_row, aside, &err) ||
        desk_sync_remote_rejected_each(d, remote_row, remote, &err)) {
        json_decref(aside);
        json_decref(remote);
        json_decref(files_aside);
        json_decref(files_failing);
        free(last_ok);
        free(last_err);
        free(cursor);
        return cli_fail(ctx, &err);
    }
    mc_ts now = mc_clock_now();
    json_t *le = last_err ? json_loads(last_err, 0, NULL) : NULL;
    json_t *o = json_object();
    json_object_set_new(o, "pending", json_integer(st.pending));
    json_object_set_new(o, "oldest_pending_age_seconds",
                        st.pending ? json_integer(now - st.oldest_pending)
                                   : json_null());
    json_object_set_new(o, "last_success",
                        last_ok ? json_string(last_ok) : json_null());
    json_object_set_new(o, "last_error", le ? le : json_null());
    json_object_set_new(o, "pull_cursor",
                        json_integer(cursor ? strtoll(cursor, NULL, 10) : 0));
    json_object_set_new(o, "set_aside", aside);
    json_object_set_new(o, "remote_rejected", remote);
    json_object_set_new(o, "files_waiting", json_integer(fw.files));
    json_object_set_new(o, "file_bytes_waiting", json_integer(fw.bytes));
    json_object_set_new(o, "files_held", json_integer(fw.held));
    json_object_set_new(o, "files_set_aside", files_aside);
    json_object_set_new(o, "files_failing", files_failing);
    free(last_ok);
    free(last_err);
    free(cursor);
    if (ctx->json)
        return cli_print_json(o);
    printf(_("Chờ gửi: %lld sự kiện"), (long long)st.pending);
    if (st.pending)
        printf(_(" (cũ nhất: %lld giây trước)"),
               (long long)(now - st.oldest_pending));
    putchar('\n');
    printf(_("Tệp hồ sơ chờ gửi: %lld tệp, %lld byte"), (long long)fw.files,
           (long long)fw.bytes);
    if (fw.held)
        printf(_(" (%lld tệp chờ sự kiện tiếp nhận của hồ sơ được xác nhận)"),
               (long long)fw.held);
    putchar('\n');
    size_t fi;
    json_t *fv;
    json_array_foreach(files_failing, fi, fv)
    {
        printf(_("  tệp #%lld %s %s: lần gửi trước lỗi (%lld lần): %s\n"),
               (long long)json_integer_value(json_object_get(fv, "file_id")),
               json_string_value(json_object_get(fv, "dossier")),
               json_string_value(json_object_get(fv, "name")),
               (long long)json_integer_value(json_object_get(fv, "attempts")),
               json_string_value(json_object_get(fv, "last_error")));
    }
    const char *s = json_string_value(json_object_get(o, "last_success"));
    printf(_("Lần đồng bộ thành công gần nhất: %s\n"), s ? s : _("chưa có"));
    if (le)
        printf(_("Lỗi gần nhất: %s [%s] %s\n"),
               json_string_value(json_object_get(le, "at")),
               json_string_value(json_object_get(le, "kind")),
               json_string_value(json_object_get(le, "message")));
    size_t i;
    json_t *v;
    if (json_array_size(aside))
        printf(_("Sự kiện bị máy chủ từ chối (để riêng, cần người phụ trách "
                 "xem):\n"));
    json_array_foreach(aside, i, v)
    {
        const char *dj = json_string_value(json_object_get(v, "dossier"));
        printf("  #%lld %s %s: %s\n",
               (long long)json_integer_value(json_object_get(v, "seq")),
               json_string_value(json_object_get(v, "kind")), dj ? dj : "-",
               json_string_value(json_object_get(v, "reason")));
    }
    if (json_array_size(files_aside))
        printf(_("Tệp hồ sơ không gửi được (để riêng, cần người phụ trách "
                 "xem):\n"));
    json_array_foreach(files_aside, i, v)
    {
        printf("  #%lld %s %s: %s\n",
               (long long)json_integer_value(json_object_get(v, "file_id")),
               json_string_value(json_object_get(v, "dossier")),
               json_string_value(json_object_get(v, "name")),
               json_string_value(json_object_get(v, "reason")));
    }
    if (json_array_size(remote))
        printf(_("Thay đổi từ trung tâm không áp dụng được:\n"));
    json_array_foreach(remote, i, v)
    {
        printf("  %s %s -> %s: %s\n",
               json_string_value(json_object_get(v, "event_id")),
               json_string_value(json_object_get(v, "dossier")),
               json_string_value(json_object_get(v, "to")),
               json_string_value(json_object_get(v, "reason")));
    }
    json_decref(o);
    return 0;
}

/* motcua sync reconcile: after a restore, catch up with the centre. */
static int sync_reconcile_cmd(cli_ctx *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        return cli_usage("sync", "%s", _("dùng: sync reconcile"));
    int rc;
    if (!load_sync(ctx, &rc))
        return rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    sync_opts o;
    load_opts(ctx, &o);
    sync_result r;
    sync_err e = S->reconcile(d, &o, &r);
    if (ctx->json)
        cli_print_json(result_json(e, &r));
    if (e != SYNC_OK) {
        fprintf(stderr, "motcua sync reconcile: [%s] %s\n", S->err_tag(e),
                r.message);
        return e == SYNC_E_CONFIG ? mc_status_exit_code(MC_EINVAL)
                                  : mc_status_exit_code(MC_EIO);
    }
    if (!ctx->json)
        printf(_("Đã đối chiếu với trung tâm: %lld số hồ sơ ghi là đã mất, "
                 "%lld sự kiện được đánh số lại, đã gửi %lld sự kiện\n"),
               (long long)r.lost_codes, (long long)r.renumbered,
               (long long)r.pushed);
    return 0;
}

int cmd_sync(cli_ctx *ctx, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "status") == 0)
        return sync_status(ctx, argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "reconcile") == 0)
        return sync_reconcile_cmd(ctx, argc - 1, argv + 1);
    static const struct option opts[] = {
        {"once", no_argument, NULL, 'o'},
        {"daemon", no_argument, NULL, 'd'},
        {"interval", required_argument, NULL, 'i'},
        {"timeout", required_argument, NULL, 't'},
        {0, 0, 0, 0},
    };
    bool once = false, daemon = false;
    long interval = 0, timeout = 0;
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'o': once = true; break;
        case 'd': daemon = true; break;
        case 'i':
            if (!cli_parse_long(optarg, 1, 86400, &interval))
                return cli_usage("sync", "%s",
                                 _("--interval phải là số giây 1..86400"));
            break;
        case 't':
            if (!cli_parse_long(optarg, 1, 3600, &timeout))
                return cli_usage("sync", "%s",
                                 _("--timeout phải là số giây 1..3600"));
            break;
        default: return 2;
        }
    }
    if (once == daemon || optind < argc)
        return cli_usage("sync", "%s",
                         _("dùng: sync --once | sync --daemon | sync status "
                           "[--json] | sync reconcile"));
    int rc;
    if (!load_sync(ctx, &rc))
        return rc;
    mc_desk *d = cli_desk(ctx, false, &rc);
    if (!d)
        return rc;
    sync_opts o;
    load_opts(ctx, &o);
    if (interval)
        o.interval_seconds = (int)interval;
    if (timeout)
        o.timeout_seconds = timeout;
    if (daemon) {
        struct sigaction sa = {.sa_handler = on_signal};
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        signal(SIGPIPE, SIG_IGN);
        S->daemon(d, &o, &g_stop, stderr);
        return 0;
    }
    sync_result r;
    sync_err e = S->once(d, &o, &r);
    if (ctx->json)
        cli_print_json(result_json(e, &r));
    if (e != SYNC_OK) {
        fprintf(stderr, "motcua sync: [%s] %s\n", S->err_tag(e), r.message);
        return e == SYNC_E_CONFIG ? mc_status_exit_code(MC_EINVAL)
                                  : mc_status_exit_code(MC_EIO);
    }
    if (!ctx->json) {
        printf(_("Đã gửi %lld sự kiện, %lld bị từ chối (để riêng); nhận %lld "
                 "thay đổi từ trung tâm, áp dụng %lld\n"),
               (long long)r.pushed, (long long)r.set_aside,
               (long long)r.pulled, (long long)r.applied);
        if (r.files_uploaded || r.files_waiting)
            printf(_("Tệp hồ sơ: đã gửi xong %lld tệp (%lld byte); còn chờ "
                     "%lld tệp, %lld byte\n"),
                   (long long)r.files_uploaded, (long long)r.file_bytes_sent,
                   (long long)r.files_waiting,
                   (long long)r.file_bytes_waiting);
        if (r.online_new || r.online_changed || r.online_files)
            printf(_("Hồ sơ trực tuyến: %lld mới, %lld đổi trạng thái, %lld "
                     "tệp đã tải về\n"),
                   (long long)r.online_new, (long long)r.online_changed,
                   (long long)r.online_files);
    }
    return 0;
}

#else

int cmd_sync(cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    (void)argc;
    (void)argv;
    fprintf(stderr, "motcua sync: %s\n",
            _("bản motcua này được dựng không có phần đồng bộ (libcurl)"));
    return 2;
}

#endif
