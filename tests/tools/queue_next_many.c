/* SPDX-License-Identifier: GPL-3.0-or-later */
/* queue_next_many - drive the queue as kiosks and counters would.
 *   queue_next_many issue DB N LETTERS   issue N tickets, round-robin over
 *                                        the groups; every 7th is priority
 *   queue_next_many serve DB LOGIN PASSWORD COUNTER
 *                                        next + finish until nobody waits;
 *                                        prints "LABEL COUNTER" per ticket
 * The concurrency test runs several "serve" processes on one database at
 * the same time.  With MOTCUA_QUEUE_START=DIR a counter, once signed in,
 * creates DIR/ready.COUNTER and waits for DIR/go before its first "next",
 * so that every counter is really there when the tickets start to go (the
 * sign-in's argon2id takes longer than serving a thousand tickets). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "desk.h"
#include "desk_queue.h"

static int usage(void)
{
    fprintf(stderr, "usage: queue_next_many issue DB N LETTERS\n"
                    "       queue_next_many serve DB LOGIN PASSWORD COUNTER\n");
    return 2;
}

static int issue(mc_desk *d, long n, const char *letters)
{
    size_t nl = strlen(letters);
    mc_error err = {0};
    for (long i = 0; i < n; i++) {
        char svc[2] = {letters[(size_t)i % nl], 0};
        desk_ticket t;
        if (desk_queue_ticket(d, svc, i % 7 == 3, &t, &err)) {
            fprintf(stderr, "queue_next_many: ticket %ld: %s\n", i + 1,
                    err.msg);
            return 1;
        }
        printf("%s\n", t.label);
        desk_ticket_free(&t);
    }
    return 0;
}

static int serve(mc_desk *d, int counter)
{
    mc_error err = {0};
    for (;;) {
        desk_ticket t;
        mc_status rc = desk_queue_next(d, counter, NULL, &t, &err);
        if (rc == MC_ENOTFOUND)
            return 0;
        if (rc) {
            fprintf(stderr, "queue_next_many: next: %s\n", err.msg);
            return 1;
        }
        printf("%s %d\n", t.label, counter);
        desk_ticket_ref ref = {NULL, counter};
        desk_ticket_free(&t);
        if (desk_queue_act(d, &ref, QA_FINISH, NULL, &err)) {
            fprintf(stderr, "queue_next_many: finish: %s\n", err.msg);
            return 1;
        }
        /* a clerk serves between two calls: without a pause, one process
         * re-takes the write lock at once while the others sleep in
         * SQLite's busy handler, and serves every ticket alone */
        struct timespec pause = {0, 2 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    bool is_issue = strcmp(argv[1], "issue") == 0;
    if ((is_issue && argc != 5) || (!is_issue && (argc != 6 ||
                                                  strcmp(argv[1], "serve"))))
        return usage();
    mc_desk *d = NULL;
    mc_error err = {0};
    if (desk_open(argv[2], &d, &err) ||
        (!is_issue && desk_login(d, argv[3], argv[4], &err))) {
        fprintf(stderr, "queue_next_many: %s\n", err.msg);
        desk_close(d);
        return 1;
    }
    const char *start = getenv("MOTCUA_QUEUE_START");
    if (!is_issue && start && *start) {
        char path[4096];
        snprintf(path, sizeof path, "%s/ready.%s", start, argv[5]);
        FILE *f = fopen(path, "w");
        if (f)
            fclose(f);
        snprintf(path, sizeof path, "%s/go", start);
        struct timespec ts = {0, 10 * 1000 * 1000};
        for (int i = 0; i < 6000 && access(path, F_OK) != 0; i++)
            nanosleep(&ts, NULL); /* at most a minute */
    }
    int rc = is_issue ? issue(d, strtol(argv[3], NULL, 10), argv[4])
                      : serve(d, (int)strtol(argv[5], NULL, 10));
    desk_close(d);
    return rc;
}
