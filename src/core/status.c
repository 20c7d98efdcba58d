/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "status.h"

#include <stdio.h>
#include <string.h>

#include "mc_error.h"

static const struct {
    const char *name;
    int portal;
    bool final;
    const char *label;
} statuses[ST__COUNT] = {
#define X(e, n, p, f, l) [e] = {n, p, f, l},
    MC_DOSSIER_STATUS_LIST(X)
#undef X
};

static const struct {
    mc_dossier_status from, to;
    unsigned roles, requires;
} transitions[] = {
#define X(f, t, r, q) {f, t, r, q},
    MC_TRANSITION_LIST(X)
#undef X
};

const char *status_name(mc_dossier_status s)
{
    return (unsigned)s < ST__COUNT ? statuses[s].name : "?";
}

const char *status_label(mc_dossier_status s)
{
    return (unsigned)s < ST__COUNT ? _(statuses[s].label) : "?";
}

int status_portal_code(mc_dossier_status s)
{
    return (unsigned)s < ST__COUNT ? statuses[s].portal : 0;
}

const char *status_label_vi(mc_dossier_status s)
{
    return (unsigned)s < ST__COUNT ? statuses[s].label : "?";
}

bool status_is_final(mc_dossier_status s)
{
    return (unsigned)s < ST__COUNT && statuses[s].final;
}

bool status_counts_for_overdue(mc_dossier_status s)
{
    return s == ST_RECEIVED || s == ST_PROCESSING;
}

bool status_parse(const char *name, mc_dossier_status *out)
{
    for (int i = 0; i < ST__COUNT; i++)
        if (name && strcmp(name, statuses[i].name) == 0) {
            *out = (mc_dossier_status)i;
            return true;
        }
    return false;
}

mc_transition_check status_check(mc_dossier_status from, mc_dossier_status to,
                                 unsigned role, unsigned *requires)
{
    for (size_t i = 0; i < sizeof transitions / sizeof *transitions; i++) {
        if (transitions[i].from != from || transitions[i].to != to)
            continue;
        if (requires)
            *requires = transitions[i].requires;
        return (transitions[i].roles & role) ? TR_OK : TR_ROLE;
    }
    return TR_NOT_ALLOWED;
}

size_t status_next(mc_dossier_status from, unsigned role,
                   mc_dossier_status out[static ST__COUNT])
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof transitions / sizeof *transitions; i++)
        if (transitions[i].from == from &&
            (role == 0 || (transitions[i].roles & role)))
            out[n++] = transitions[i].to;
    return n;
}

void status_next_text(mc_dossier_status from, unsigned role, char *buf,
                      size_t size)
{
    mc_dossier_status next[ST__COUNT];
    size_t n = status_next(from, role, next);
    if (size == 0)
        return;
    buf[0] = '\0';
    if (n == 0) {
        snprintf(buf, size, "%s", _("(không có: trạng thái cuối)"));
        return;
    }
    size_t used = 0;
    for (size_t i = 0; i < n && used < size; i++) {
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
                         status_name(next[i]));
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

static const struct {
    unsigned bit;
    const char *name;
} roles[] = {
    {ROLE_CLERK, "clerk"},
    {ROLE_SUPERVISOR, "supervisor"},
    {ROLE_ADMIN, "admin"},
    {ROLE_CENTRAL, "central"},
};

const char *role_name(unsigned role_bit)
{
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (roles[i].bit == role_bit)
            return roles[i].name;
    return "?";
}

bool role_parse(const char *name, unsigned *out)
{
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (name && strcmp(name, roles[i].name) == 0) {
            *out = roles[i].bit;
            return true;
        }
    return false;
}
