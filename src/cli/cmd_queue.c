/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_queue.c - motcua queue services|service|ticket|next|recall|skip|
 * start|finish|no-show|transfer|link|rate|show|status.
 *
 * The counter's actions name the ticket by its label (A001, today's) or by
 * --counter N (the ticket called or served there).  Plain output is the
 * ticket's label (and its new state); --json prints the ticket object,
 * whose "number" is the label. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "desk_queue.h"

typedef struct qargs {
    int counter, to_counter;
    const char *service, *to_service, *dossier, *rating, *name, *label;
    bool priority;
} qargs;

static int parse_int(const char *cmd, const char *opt, const char *s, int *out)
{
    long v;
    if (!cli_parse_long(s, 1, 1000000, &v))
        return cli_usage(cmd, _("%s \"%s\" phải là số nguyên dương"), opt, s);
    *out = (int)v;
    return 0;
}

/* Parse the options every queue subcommand may take; at most one
 * positional argument (the label, or the service code). */
static int parse(const char *cmd, int argc, char **argv, qargs *a)
{
    enum { O_COUNTER = 1, O_SERVICE, O_PRIORITY, O_TO_SERVICE, O_TO_COUNTER,
           O_DOSSIER, O_RATING, O_NAME };
    static const struct option opts[] = {
        {"counter", required_argument, NULL, O_COUNTER},
        {"service", required_argument, NULL, O_SERVICE},
        {"priority", no_argument, NULL, O_PRIORITY},
        {"to-service", required_argument, NULL, O_TO_SERVICE},
        {"to-counter", required_argument, NULL, O_TO_COUNTER},
        {"dossier", required_argument, NULL, O_DOSSIER},
        {"rating", required_argument, NULL, O_RATING},
        {"name", required_argument, NULL, O_NAME},
        {0, 0, 0, 0},
    };
    memset(a, 0, sizeof *a);
    int c, rc;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_COUNTER:
            if ((rc = parse_int(cmd, "--counter", optarg, &a->counter)))
                return rc;
            break;
        case O_TO_COUNTER:
            if ((rc = parse_int(cmd, "--to-counter", optarg, &a->to_counter)))
                return rc;
            break;
        case O_SERVICE: a->service = optarg; break;
        case O_PRIORITY: a->priority = true; break;
        case O_TO_SERVICE: a->to_service = optarg; break;
        case O_DOSSIER: a->dossier = optarg; break;
        case O_RATING: a->rating = optarg; break;
        case O_NAME: a->name = optarg; break;
        default: return 2;
        }
    }
    if (optind < argc)
        a->label = argv[optind++];
    if (optind < argc)
        return cli_usage(cmd, _("đối số thừa \"%s\""), argv[optind]);
    return 0;
}

static int print_ticket(cli_ctx *ctx, desk_ticket *t, bool with_state)
{
    if (ctx->json) {
        cli_print_json(desk_ticket_json(t));
    } else if (with_state) {
        printf("%s %s", t->label, t->state);
        if (t->counter)
            printf(" %s %d", _("quầy"), t->counter);
        printf("\n");
    } else {
        printf("%s\n", t->label);
    }
    desk_ticket_free(t);
    return 0;
}

struct svc_print {
    json_t *arr;
};

static void print_service(const desk_service *sv, void *ud)
{
    struct svc_print *p = ud;
    if (p->arr)
        json_array_append_new(p->arr,
                              json_pack("{s:s, s:s, s:b}", "code", sv->code,
                                        "name", sv->name, "active",
                                        sv->active));
    else
        printf("%s  %s%s\n", sv->code, sv->name,
               sv->active ? "" : _("  (tạm ngừng)"));
}

static int q_services(cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 1)
        return cli_usage("queue services", _("đối số thừa \"%s\""), argv[1]);
    int rc;
    mc_desk *d = cli_desk(ctx, false, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    struct svc_print p = {ctx->json ? json_array() : NULL};
    if (desk_queue_services(d, print_service, &p, &err)) {
        json_decref(p.arr);
        return cli_fail(ctx, &err);
    }
    return p.arr ? cli_print_json(p.arr) : 0;
}

/* queue service add CODE --name N | rename CODE --name N | enable CODE |
 * disable CODE  (admin) */
static int q_service(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("queue service", "%s",
                         _("cần add, rename, enable hoặc disable"));
    const char *op = argv[1];
    qargs a;
    int rc = parse("queue service", argc - 1, argv + 1, &a);
    if (rc)
        return rc;
    if (!a.label)
        return cli_usage("queue service", "%s", _("cần MÃ nhóm (ví dụ E)"));
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    mc_status st;
    if (strcmp(op, "add") == 0)
        st = desk_queue_service_add(d, a.label, a.name, &err);
    else if (strcmp(op, "rename") == 0) {
        if (!a.name)
            return cli_usage("queue service rename", "%s", _("cần --name"));
        st = desk_queue_service_set(d, a.label, a.name, -1, &err);
    } else if (strcmp(op, "enable") == 0)
        st = desk_queue_service_set(d, a.label, NULL, 1, &err);
    else if (strcmp(op, "disable") == 0)
        st = desk_queue_service_set(d, a.label, NULL, 0, &err);
    else
        return cli_usage("queue service", _("không có thao tác \"%s\""), op);
    if (st)
        return cli_fail(ctx, &err);
    if (ctx->json)
        return cli_print_json(json_pack("{s:s, s:s}", "code", a.label,
                                        "result", "ok"));
    printf("%s\n", a.label);
    return 0;
}

static int q_ticket(cli_ctx *ctx, int argc, char **argv)
{
    qargs a;
    int rc = parse("queue ticket", argc, argv, &a);
    if (rc)
        return rc;
    if (!a.service)
        return cli_usage("queue ticket", "%s",
                         _("cần --service MÃ (xem motcua queue services)"));
    if (a.label)
        return cli_usage("queue ticket", _("đối số thừa \"%s\""), a.label);
    /* a kiosk issues tickets without signing in; a clerk may too */
    mc_desk *d = cli_desk(ctx, ctx->user != NULL, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    desk_ticket t;
    if (desk_queue_ticket(d, a.service, a.priority, &t, &err))
        return cli_fail(ctx, &err);
    return print_ticket(ctx, &t, false);
}

static int q_next(cli_ctx *ctx, int argc, char **argv)
{
    qargs a;
    int rc = parse("queue next", argc, argv, &a);
    if (rc)
        return rc;
    if (!a.counter)
        return cli_usage("queue next", "%s", _("cần --counter SỐ_QUẦY"));
    if (a.label)
        return cli_usage("queue next", _("đối số thừa \"%s\""), a.label);
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    desk_ticket t;
    if (desk_queue_next(d, a.counter, a.service, &t, &err))
        return cli_fail(ctx, &err);
    return print_ticket(ctx, &t, false);
}

static int q_act(cli_ctx *ctx, const char *sub, int argc, char **argv)
{
    static const struct {
        const char *name;
        desk_queue_action a;
    } acts[] = {
        {"recall", QA_RECALL}, {"skip", QA_SKIP},       {"start", QA_START},
        {"finish", QA_FINISH}, {"no-show", QA_NO_SHOW},
    };
    char cmd[64];
    snprintf(cmd, sizeof cmd, "queue %s", sub);
    qargs a;
    int rc = parse(cmd, argc, argv, &a);
    if (rc)
        return rc;
    if (!a.label && !a.counter)
        return cli_usage(cmd, "%s", _("cần SỐ_THỨ_TỰ (ví dụ A001) hoặc "
                                      "--counter SỐ_QUẦY"));
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    desk_ticket_ref ref = {a.label, a.counter};
    mc_error err = {0};
    desk_ticket t;
    mc_status st;
    if (strcmp(sub, "transfer") == 0)
        st = desk_queue_transfer(d, &ref, a.to_service, a.to_counter, &t, &err);
    else if (strcmp(sub, "link") == 0)
        st = desk_queue_link(d, &ref, a.dossier, &t, &err);
    else if (strcmp(sub, "rate") == 0)
        st = desk_queue_rate(d, &ref, a.rating, &t, &err);
    else if (strcmp(sub, "show") == 0)
        st = desk_queue_get(d, &ref, &t, &err);
    else {
        size_t i = 0;
        while (i < sizeof acts / sizeof *acts && strcmp(acts[i].name, sub))
            i++;
        st = desk_queue_act(d, &ref, acts[i].a, &t, &err);
    }
    if (st)
        return cli_fail(ctx, &err);
    return print_ticket(ctx, &t, true);
}

static int q_status(cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 1)
        return cli_usage("queue status", _("đối số thừa \"%s\""), argv[1]);
    int rc;
    mc_desk *d = cli_desk(ctx, false, &rc);
    if (!d)
        return rc;
    mc_error err = {0};
    desk_queue_state q;
    if (desk_queue_state_get(d, &q, &err))
        return cli_fail(ctx, &err);
    if (ctx->json) {
        cli_print_json(desk_queue_state_json(&q));
        desk_queue_state_free(&q);
        return 0;
    }
    printf(_("Ngày %s — đang chờ: %d\n"), q.day, q.waiting_total);
    for (size_t i = 0; i < q.n_services; i++) {
        const desk_queue_service_state *s = &q.services[i];
        printf("  %s  %-50s %3d %s", s->code, s->name, s->waiting,
               _("đang chờ"));
        if (s->priority_waiting)
            printf(_(" (%d ưu tiên)"), s->priority_waiting);
        if (s->waiting)
            printf(_(", lâu nhất %lld phút"), (long long)s->longest_wait / 60);
        printf("\n");
    }
    for (size_t i = 0; i < q.n_counters; i++) {
        const desk_queue_counter_state *c = &q.counters[i];
        printf(_("  Quầy %-3d %-12s %-8s %-6s đã phục vụ %d\n"), c->counter,
               c->clerk ? c->clerk : "-", c->state,
               c->label[0] ? c->label : "-", c->served);
    }
    desk_queue_state_free(&q);
    return 0;
}

int cmd_queue(cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("queue", "%s",
                         _("cần services, service, ticket, next, recall, "
                           "skip, start, finish, no-show, transfer, link, "
                           "rate, show hoặc status"));
    const char *sub = argv[1];
    if (strcmp(sub, "services") == 0)
        return q_services(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "service") == 0)
        return q_service(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "ticket") == 0)
        return q_ticket(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "next") == 0)
        return q_next(ctx, argc - 1, argv + 1);
    if (strcmp(sub, "status") == 0)
        return q_status(ctx, argc - 1, argv + 1);
    static const char *const acts[] = {"recall", "skip", "start", "finish",
                                       "no-show", "transfer", "link", "rate",
                                       "show"};
    for (size_t i = 0; i < sizeof acts / sizeof *acts; i++)
        if (strcmp(sub, acts[i]) == 0)
            return q_act(ctx, sub, argc - 1, argv + 1);
    return cli_usage("queue", _("không có lệnh con \"%s\""), sub);
}
