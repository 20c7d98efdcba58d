/* SPDX-License-Identifier: GPL-3.0-or-later */
/* returns.c - the result goes back by the channel the citizen chose
 * (desk_returns.h).  Every path is one transaction that either writes the
 * whole return (dossier, history, audit, outbox; the result file's row for
 * an electronic one) or nothing. */
#include "desk_returns.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "desk_internal.h"
#include "event.h"
#include "returns_files.h"
#include "store_returns.h"

mc_status desk_return_channel_check(const char *channel, unsigned intake_channel,
                                    const char *address, const char *email,
                                    unsigned *out, mc_error *err)
{
    *out = RET_DESK;
    if (channel && *channel && !return_channel_parse(channel, out))
        return mc_fail(err, MC_EINVAL, "return-channel",
                       _("Hình thức trả kết quả \"%s\" không hợp lệ: chọn "
                         "desk (tại quầy), post (bưu chính) hoặc electronic "
                         "(điện tử)"),
                       channel);
    if (*out == RET_POST && !address)
        return mc_fail(err, MC_EINVAL, "address",
                       _("Trả kết quả qua bưu chính cần địa chỉ nhận "
                         "(--address)"));
    if (*out == RET_ELECTRONIC && !email && intake_channel != CHANNEL_ONLINE)
        return mc_fail(err, MC_EINVAL, "email",
                       _("Trả kết quả điện tử cần địa chỉ email (--email) "
                         "hoặc hồ sơ nộp trực tuyến qua Cổng Dịch vụ công"));
    return MC_OK;
}

bool desk_return_can_sign(const mc_desk *d)
{
    const mc_config *c = d->cfg;
    return c && cfg_is_set(c, "returns", "sign_cert") &&
           cfg_is_set(c, "returns", "sign_key");
}

/* The return step is allowed from the dossier's status for this user
 * (done -> returned); the receiver is a desk requirement only. */
static mc_status check_returnable(mc_desk *d, const mc_dossier *ds,
                                  mc_error *err)
{
    unsigned req = 0;
    mc_transition_check c = status_check(ds->status, ST_RETURNED,
                                         d->user.role, &req);
    if (c == TR_OK)
        return MC_OK;
    char next[256];
    status_next_text(ds->status, 0, next, sizeof next);
    if (c == TR_ROLE)
        return mc_fail(err, MC_EFORBIDDEN, "code",
                       _("Vai trò %s không được trả kết quả hồ sơ %s"),
                       role_name(d->user.role), ds->code);
    return mc_fail(err, MC_ESTATE, "code",
                   _("Không thể trả kết quả hồ sơ %s: hồ sơ đang ở trạng "
                     "thái \"%s\". Trạng thái tiếp theo được phép: %s"),
                   ds->code, status_name(ds->status), next);
}

static mc_status only_for(const char *value, const char *field,
                          const char *channel_text, mc_error *err)
{
    if (value && *value)
        return mc_fail(err, MC_EINVAL, field,
                       _("--%s chỉ dùng khi trả kết quả %s"), field,
                       channel_text);
    return MC_OK;
}

static mc_status by_post(mc_desk *d, const desk_return_in *in, mc_dossier *ds,
                         const char *note, mc_ts now, mc_error *err)
{
    char tracking[41];
    mc_status rc;
    if ((rc = only_for(in->receiver_name, "receiver-name", _("tại quầy"),
                       err)) ||
        (rc = only_for(in->receiver_id, "receiver-id", _("tại quầy"), err)) ||
        (rc = only_for(in->receiver_relation, "receiver-relation",
                       _("tại quầy"), err)) ||
        (rc = only_for(in->result_file, "result", _("điện tử"), err)))
        return rc;
    if (!in->tracking_number || !*in->tracking_number)
        return mc_fail(err, MC_EINVAL, "tracking-number",
                       _("Trả kết quả qua bưu chính phải ghi số hiệu bưu gửi "
                         "(--tracking-number)"));
    if (!return_tracking_check(in->tracking_number, tracking))
        return mc_fail(err, MC_EINVAL, "tracking-number",
                       _("Số hiệu bưu gửi \"%s\" không hợp lệ: 4 đến 40 chữ "
                         "cái, chữ số hoặc dấu '-', có ít nhất một chữ số "
                         "(ví dụ EA123456789VN)"),
                       in->tracking_number);
    mc_date today = mc_ts_vn_date(now), on = today;
    if (in->posted_on && *in->posted_on) {
        if (!mc_date_parse(in->posted_on, &on))
            return mc_fail(err, MC_EINVAL, "posted-on",
                           _("Ngày gửi bưu chính \"%s\" không đúng dạng "
                             "YYYY-MM-DD"),
                           in->posted_on);
        if (mc_date_cmp(on, today) > 0)
            return mc_fail(err, MC_EINVAL, "posted-on",
                           _("Ngày gửi bưu chính %s ở tương lai"),
                           in->posted_on);
        if (mc_date_cmp(on, mc_ts_vn_date(ds->received_at)) < 0)
            return mc_fail(err, MC_EINVAL, "posted-on",
                           _("Ngày gửi bưu chính %s trước ngày tiếp nhận hồ "
                             "sơ"),
                           in->posted_on);
    }
    if (!ds->address)
        return mc_fail(err, MC_EINVAL, "address",
                       _("Hồ sơ %s không có địa chỉ nhận để gửi bưu chính; "
                         "sửa địa chỉ trước (motcua dossier correct --field "
                         "address)"),
                       ds->code);
    if ((rc = check_returnable(d, ds, err)))
        return rc;
    char ondate[11];
    mc_date_format(on, ondate);
    ds->status = ST_RETURNED;
    ds->returned_at = now;
    ds->updated_at = now;
    ds->returned_via = RET_POST;
    free(ds->post_tracking);
    ds->post_tracking = mc_xstrdup(tracking);
    ds->posted_on = on;
    if ((rc = store_dossier_update_state(d->store, ds, err)) ||
        (rc = store_return_update(d->store, ds, err)))
        return rc;
    json_t *data = json_pack("{s:s, s:s, s:s, s:s}", "channel", "post",
                             "tracking_number", tracking, "posted_on", ondate,
                             "address", ds->address);
    rc = desk_record(d, ds, now, "return", status_name(ST_DONE),
                     status_name(ST_RETURNED), note, data, err);
    json_decref(data);
    return rc;
}

static mc_status electronic(mc_desk *d, const desk_return_in *in,
                            mc_dossier *ds, const char *note, mc_ts now,
                            returns_file *f, mc_error *err)
{
    mc_status rc;
    if ((rc = only_for(in->receiver_name, "receiver-name", _("tại quầy"),
                       err)) ||
        (rc = only_for(in->receiver_id, "receiver-id", _("tại quầy"), err)) ||
        (rc = only_for(in->receiver_relation, "receiver-relation",
                       _("tại quầy"), err)) ||
        (rc = only_for(in->tracking_number, "tracking-number",
                       _("qua bưu chính"), err)) ||
        (rc = only_for(in->posted_on, "posted-on", _("qua bưu chính"), err)))
        return rc;
    if (!in->result_file || !*in->result_file)
        return mc_fail(err, MC_EINVAL, "result",
                       _("Trả kết quả điện tử phải đính kèm tệp kết quả PDF "
                         "(--result TỆP)"));
    if (!ds->email && ds->channel != CHANNEL_ONLINE)
        return mc_fail(err, MC_EINVAL, "email",
                       _("Hồ sơ %s không có email và không nộp trực tuyến: "
                         "không có nơi nhận kết quả điện tử"),
                       ds->code);
    if (ds->result_sent_at > 0) {
        char at[26];
        mc_ts_format_vn(ds->result_sent_at, at);
        return mc_fail(err, MC_ESTATE, "code",
                       _("Kết quả của hồ sơ %s đã gửi điện tử lúc %s, đang "
                         "chờ trung tâm xác nhận đã nhận"),
                       ds->code, at);
    }
    if ((rc = check_returnable(d, ds, err)))
        return rc;
    if ((rc = returns_file_record_locked(d, ds, f, err)))
        return rc;
    ds->result_sent_at = now;
    ds->updated_at = now;
    if ((rc = store_dossier_update_state(d->store, ds, err)) ||
        (rc = store_return_update(d->store, ds, err)))
        return rc;
    json_t *data = json_pack("{s:s, s:s, s:s, s:I, s:b}", "channel",
                             "electronic", "sha256", f->staged.sha256, "name",
                             f->staged.name, "size",
                             (json_int_t)f->staged.size, "signed",
                             f->is_signed);
    if (f->signer)
        json_object_set_new(data, "signer", json_string(f->signer));
    if (ds->email)
        json_object_set_new(data, "email", json_string(ds->email));
    rc = desk_record(d, ds, now, "result_sent", NULL, NULL, note, data, err);
    json_decref(data);
    return rc;
}

mc_status desk_return(mc_desk *d, const desk_return_in *in, mc_dossier *out,
                      mc_error *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    mc_status rc = desk_require(d, ROLE_DESK, _("trả kết quả"), err);
    if (rc)
        return rc;
    unsigned ch = 0;
    if (in->channel && *in->channel && !return_channel_parse(in->channel, &ch))
        return mc_fail(err, MC_EINVAL, "channel",
                       _("Hình thức trả kết quả \"%s\" không hợp lệ: chọn "
                         "desk, post hoặc electronic"),
                       in->channel);
    char *note = NULL;
    if ((rc = desk_text(in->note, "note", 2000, &note, err)))
        return rc;
    mc_dossier ds = {0};
    returns_file f = {0};
    mc_ts now = desk_now(d);
    /* the result file is read, signed and staged before the write lock
     * (for an electronic return only: the channel given, else the one
     * chosen at intake) */
    unsigned want = ch;
    if (!want && in->result_file && *in->result_file &&
        store_dossier_get(d->store, in->code ? in->code : "", &ds, err) ==
            MC_OK)
        want = ds.return_channel;
    mc_dossier_free(&ds);
    if (in->result_file && *in->result_file && want == RET_ELECTRONIC &&
        (rc = returns_file_prepare(d, in->code ? in->code : "",
                                   in->result_file, now, &f, err)))
        goto out;
    if ((rc = store_begin(d->store, err)))
        goto out;
    if ((rc = store_dossier_get(d->store, in->code ? in->code : "", &ds, err)))
        goto rollback;
    if (!ch)
        ch = ds.return_channel ? ds.return_channel : RET_DESK;
    switch (ch) {
    case RET_POST: rc = by_post(d, in, &ds, note, now, err); break;
    case RET_ELECTRONIC:
        rc = electronic(d, in, &ds, note, now, &f, err);
        break;
    default: {
        if ((rc = only_for(in->tracking_number, "tracking-number",
                           _("qua bưu chính"), err)) ||
            (rc = only_for(in->posted_on, "posted-on", _("qua bưu chính"),
                           err)) ||
            (rc = only_for(in->result_file, "result", _("điện tử"), err)))
            break;
        char code[DCODE_MAX];
        mc_strlcpy(code, ds.code, sizeof code);
        desk_advance_in a = {
            .code = code, .to = "returned", .note = note,
            .receiver_name = in->receiver_name, .receiver_id = in->receiver_id,
            .receiver_relation = in->receiver_relation,
        };
        mc_dossier_free(&ds);
        rc = desk_advance_locked(d, &a, &ds, err);
        break;
    }
    }
    if (rc)
        goto rollback;
    if ((rc = store_commit(d->store, err)))
        goto rollback;
    if (out) {
        *out = ds;
        memset(&ds, 0, sizeof ds);
    }
    goto out;
rollback:
    store_rollback(d->store);
out:
    returns_file_free(&f);
    mc_dossier_free(&ds);
    free(note);
    return rc;
}

mc_status desk_return_delivered_locked(mc_desk *d, const char *code,
                                       const char *delivered_at,
                                       const char *confirmed_by,
                                       const char *note, mc_error *err)
{
    mc_dossier ds = {0};
    mc_status rc = store_dossier_get(d->store, code ? code : "", &ds, err);
    if (rc)
        return rc;
    if (ds.status != ST_DONE || ds.result_sent_at <= 0) {
        rc = mc_fail(err, MC_ESTATE, "code",
                     ds.status == ST_RETURNED
                         ? _("Hồ sơ %s đã trả kết quả trước đó")
                         : _("Hồ sơ %s chưa gửi kết quả điện tử nên không "
                             "thể xác nhận đã nhận"),
                     ds.code);
        goto out;
    }
    mc_ts now = desk_now(d), at = now;
    if (delivered_at && !mc_ts_parse(delivered_at, &at))
        at = now;
    ds.status = ST_RETURNED;
    ds.returned_at = at;
    ds.updated_at = now;
    ds.returned_via = RET_ELECTRONIC;
    if ((rc = store_dossier_update_state(d->store, &ds, err)) ||
        (rc = store_return_update(d->store, &ds, err)))
        goto out;
    char atbuf[26];
    mc_ts_format_vn(at, atbuf);
    json_t *data = json_pack("{s:s, s:s}", "channel", "electronic",
                             "delivered_at", atbuf);
    if (confirmed_by)
        json_object_set_new(data, "confirmed_by", json_string(confirmed_by));
    rc = desk_record(d, &ds, now, "return", status_name(ST_DONE),
                     status_name(ST_RETURNED), note, data, err);
    json_decref(data);
out:
    mc_dossier_free(&ds);
    return rc;
}
