/* SPDX-License-Identifier: GPL-3.0-or-later */
/* correct.c - corrections after intake.  Nothing is overwritten silently:
 * a correction is a new history event with the reason and both values,
 * audited and sent to the centre like every other change. */
#include "desk_internal.h"

#include <stdlib.h>
#include <string.h>

#include "ids.h"

/* Validate and normalise the new value for field f into *out (NULL clears
 * an optional field). */
static mc_status check_value(mc_desk *d, const mc_dossier *ds, mc_correctable f,
                             const char *value, char **out, mc_error *err)
{
    *out = NULL;
    const char *name = correctable_name(f);
    int year = mc_ts_vn_date(desk_now(d)).y;
    char id[ID_MAX] = "";
    mc_status rc = MC_OK;
    bool empty = !value || !*value;
    switch (f) {
    case CF_APPLICANT_NAME:
        if ((rc = desk_text(value, name, 200, out, err)) ||
            (rc = desk_check_name(*out, name,
                                  ds->applicant_kind == APPLICANT_ORGANISATION,
                                  err)))
            break;
        return MC_OK;
    case CF_REP_NAME:
        if ((rc = desk_text(value, name, 200, out, err)))
            break;
        if (*out && (rc = desk_check_name(*out, name, false, err)))
            break;
        return MC_OK;
    case CF_ID_NUMBER:
    case CF_REP_ID_NUMBER:
        if (empty)
            return MC_OK;
        if (f == CF_ID_NUMBER && ds->applicant_kind == APPLICANT_ORGANISATION)
            rc = id_check_taxcode(value, name, id, err);
        else
            rc = id_check_person(value, year, name, id, err);
        break;
    case CF_BHXH_NUMBER:
        if (empty)
            return MC_OK;
        rc = id_check_bhxh(value, year, name, id, err);
        break;
    case CF_TAX_CODE:
        if (empty)
            return MC_OK;
        rc = id_check_taxcode(value, name, id, err);
        break;
    case CF_PHONE:
    case CF_REP_PHONE:
        if (empty)
            return MC_OK;
        rc = id_check_phone(value, name, id, err);
        break;
    case CF_EMAIL:
        if ((rc = desk_text(value, name, 254, out, err)) ||
            (rc = desk_check_email(*out, err)))
            break;
        return MC_OK;
    case CF_ADDRESS:
    case CF_RESULT_DELIVERY:
        return desk_text(value, name, 300, out, err);
    case CF_NOTE:
        return desk_text(value, name, 2000, out, err);
    case CF__COUNT:
        break;
    }
    if (rc) {
        free(*out);
        *out = NULL;
        return rc;
    }
    if (id[0])
        *out = mc_xstrdup(id);
    return MC_OK;
}

mc_status desk_correct(mc_desk *d, const char *code, const char *field,
                       const char *value, const char *reason, mc_dossier *out,
                       mc_error *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    mc_status rc = desk_require(d, ROLE_DESK, _("sửa thông tin hồ sơ"), err);
    if (rc)
        return rc;
    mc_correctable f;
    if (!correctable_parse(field, &f))
        return mc_fail(err, MC_EINVAL, "field",
                       _("Không sửa được trường \"%s\". Các trường sửa được: "
                         "applicant-name, id-number, bhxh-number, tax-code, "
                         "phone, email, address, rep-name, rep-id-number, "
                         "rep-phone, result-delivery, note"),
                       field ? field : "");
    char *why = NULL, *nv = NULL;
    mc_dossier ds = {0};
    if ((rc = desk_text(reason, "reason", 2000, &why, err)))
        return rc;
    if (!why)
        return mc_fail(err, MC_EINVAL, "reason",
                       _("Sửa thông tin phải ghi rõ lý do (--reason)"));
    mc_ts now = desk_now(d);
    if ((rc = store_begin(d->store, err)))
        goto out;
    if ((rc = store_dossier_get(d->store, code ? code : "", &ds, err)) ||
        (rc = check_value(d, &ds, f, value, &nv, err)))
        goto rollback;
    const char *old = mc_dossier_field(&ds, f);
    if ((old == NULL && nv == NULL) || (old && nv && strcmp(old, nv) == 0)) {
        rc = mc_fail(err, MC_EINVAL, "value",
                     _("Giá trị mới của \"%s\" giống giá trị cũ; không có gì "
                       "để sửa"),
                     correctable_name(f));
        goto rollback;
    }
    if ((rc = store_dossier_correct(d->store, ds.id, f, nv, now, err)))
        goto rollback;
    json_t *data = json_pack("{s:s, s:s?, s:s?}", "field", correctable_name(f),
                             "old", old, "new", nv);
    rc = desk_record(d, &ds, now, "correct", status_name(ds.status),
                     status_name(ds.status), why, data, err);
    json_decref(data);
    if (rc)
        goto rollback;
    if ((rc = store_commit(d->store, err)))
        goto out;
    if (out)
        rc = store_dossier_get(d->store, ds.code, out, err);
    goto out;
rollback:
    store_rollback(d->store);
out:
    mc_dossier_free(&ds);
    free(nv);
    free(why);
    return rc;
}
