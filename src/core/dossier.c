/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dossier.h"

#include <stdlib.h>
#include <string.h>

void mc_dossier_free(mc_dossier *d)
{
    if (!d)
        return;
    char **strs[] = {
        &d->procedure_code, &d->procedure_name, &d->procedure_field,
        &d->applicant_name, &d->id_number,      &d->bhxh_number,
        &d->tax_code,       &d->phone,          &d->email,
        &d->address,        &d->rep_name,       &d->rep_id_number,
        &d->rep_phone,      &d->result_delivery, &d->note,
        &d->refusal_reason, &d->extra_json,     &d->received_by,
        &d->department,     &d->receiver_name,  &d->receiver_id,
        &d->receiver_relation, &d->post_tracking,
    };
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++) {
        free(*strs[i]);
        *strs[i] = NULL;
    }
    for (size_t i = 0; i < d->n_papers; i++)
        free(d->papers[i].name);
    free(d->papers);
    memset(d, 0, sizeof *d);
}

bool mc_dossier_overdue(const mc_dossier *d, mc_ts now)
{
    return status_counts_for_overdue(d->status) && d->due_at > 0 &&
           now > d->due_at;
}

static const struct {
    unsigned bit;
    const char *name;
} channels[] = {
    {CHANNEL_DIRECT, "direct"},
    {CHANNEL_POSTAL, "postal"},
    {CHANNEL_ONLINE, "online"},
}, kinds[] = {
    {APPLICANT_PERSON, "person"},
    {APPLICANT_ORGANISATION, "organisation"},
};

const char *channel_name(unsigned bit)
{
    for (size_t i = 0; i < sizeof channels / sizeof *channels; i++)
        if (channels[i].bit == bit)
            return channels[i].name;
    return "?";
}

bool channel_parse(const char *name, unsigned *out)
{
    for (size_t i = 0; i < sizeof channels / sizeof *channels; i++)
        if (name && strcmp(channels[i].name, name) == 0) {
            *out = channels[i].bit;
            return true;
        }
    return false;
}

const char *applicant_kind_name(unsigned bit)
{
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (kinds[i].bit == bit)
            return kinds[i].name;
    return "?";
}

bool applicant_kind_parse(const char *name, unsigned *out)
{
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (name && strcmp(kinds[i].name, name) == 0) {
            *out = kinds[i].bit;
            return true;
        }
    return false;
}

static const char *const correctable_names[CF__COUNT] = {
#define X(id, name, col) [id] = name,
    MC_CORRECTABLE_LIST(X)
#undef X
};

bool correctable_parse(const char *name, mc_correctable *out)
{
    for (int i = 0; i < CF__COUNT; i++)
        if (name && strcmp(name, correctable_names[i]) == 0) {
            *out = (mc_correctable)i;
            return true;
        }
    return false;
}

const char *correctable_name(mc_correctable f)
{
    return (unsigned)f < CF__COUNT ? correctable_names[f] : "?";
}

const char *mc_dossier_field(const mc_dossier *d, mc_correctable f)
{
    switch (f) {
    case CF_APPLICANT_NAME: return d->applicant_name;
    case CF_ID_NUMBER: return d->id_number;
    case CF_BHXH_NUMBER: return d->bhxh_number;
    case CF_TAX_CODE: return d->tax_code;
    case CF_PHONE: return d->phone;
    case CF_EMAIL: return d->email;
    case CF_ADDRESS: return d->address;
    case CF_REP_NAME: return d->rep_name;
    case CF_REP_ID_NUMBER: return d->rep_id_number;
    case CF_REP_PHONE: return d->rep_phone;
    case CF_RESULT_DELIVERY: return d->result_delivery;
    case CF_NOTE: return d->note;
    case CF__COUNT: break;
    }
    return NULL;
}
