/* desk_stats.c - a clerk's day in figures, from the desk's public
 * queries.  "Returned by this clerk" is read from the history: the
 * returned event's actor. */
#include "desk_stats.h"

#include <string.h>

struct ctx {
    mc_desk *d;
    desk_day_stats *s;
    const char *me;
    mc_date today;
    bool mine; /* history: the returned event is this clerk's */
};

static bool count_received(const mc_dossier *ds, void *ud)
{
    struct ctx *c = ud;
    if (ds->received_by && strcmp(ds->received_by, c->me) == 0) {
        if (ds->status == ST_REFUSED)
            c->s->refused++;
        else
            c->s->received++;
    }
    return true;
}

static void returned_event(const desk_event *e, void *ud)
{
    struct ctx *c = ud;
    if (e->to_status && strcmp(e->to_status, "returned") == 0 && e->actor &&
        strcmp(e->actor, c->me) == 0)
        c->mine = true;
}

static bool count_returned(const mc_dossier *ds, void *ud)
{
    struct ctx *c = ud;
    if (!ds->returned_at || mc_date_cmp(mc_ts_vn_date(ds->returned_at),
                                        c->today) != 0)
        return true;
    c->mine = false;
    mc_error err = {0};
    if (desk_history_each(c->d, ds, returned_event, c, &err) == MC_OK &&
        c->mine)
        c->s->returned++;
    return true;
}

static bool count_one(const mc_dossier *ds, void *ud)
{
    (void)ds;
    (*(int64_t *)ud)++;
    return true;
}

static bool count_due(const mc_dossier *ds, void *ud)
{
    if (status_counts_for_overdue(ds->status))
        (*(int64_t *)ud)++;
    return true;
}

mc_status desk_day_stats_get(mc_desk *d, desk_day_stats *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    const mc_user *u = desk_user(d);
    struct ctx c = {d, out, u && u->login ? u->login : "",
                    mc_ts_vn_date(desk_now(d)), false};
    char today[11];
    mc_date_format(c.today, today);
    mc_status rc;
    desk_list_filter f = {.received_on = today};
    if ((rc = desk_list(d, &f, count_received, &c, err)))
        return rc;
    desk_list_filter r = {.status = "returned"};
    if ((rc = desk_list(d, &r, count_returned, &c, err)))
        return rc;
    desk_list_filter due = {.due_on = today};
    if ((rc = desk_list(d, &due, count_due, &out->due_today, err)))
        return rc;
    desk_list_filter od = {.overdue = true};
    if ((rc = desk_list(d, &od, count_one, &out->overdue, err)))
        return rc;
    desk_list_filter ready = {.status = "done"};
    return desk_list(d, &ready, count_one, &out->ready, err);
}
