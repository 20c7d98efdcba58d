/* SPDX-License-Identifier: GPL-3.0-or-later */
/* load_day - one simulated office day, driven through the desk API (the
 * same calls the TUI and the CLI make), for tests/soak/load_day.sh.
 *
 *   load_day seed  DB ADMIN PASSWORD DESKS N   the evening before: DESKS
 *        users (desk1 a supervisor, the others clerks), N dossiers taken in
 *        and brought to "done" (their owners come back today), 3 tickets
 *        left waiting (today's first write closes them as not_served)
 *   load_day kiosk DB OUT                      the ticket machine
 *   load_day desk  DB LOGIN PASSWORD COUNTER DESKS OUT
 *                                              one counter and its clerk
 *   load_day sync  DB CONFIG OUT               the office's sync worker
 *                                              (until SIGTERM, then drains)
 *
 * Every process signs in once (as a clerk's terminal does) and keeps a
 * shared simulated clock: LOAD_T0 (wall epoch seconds), LOAD_DAY
 * (YYYY-MM-DD), LOAD_SPEED (simulated seconds per wall second) and
 * LOAD_MINUTES (working minutes to simulate, at most 480) map the wall
 * clock onto the working day 07:30-11:30, 13:00-17:00 (lunch skipped); the
 * time is put into MOTCUA_NOW before every action, so numbering, due
 * dates and the queue's day behave as on a real day.  LOAD_RATE is the
 * kiosk's arrivals per hour, LOAD_SEED the random seed.
 *
 * OUT gets one line per action, "KIND<TAB>MICROSECONDS[<TAB>N]", and
 * "ERROR<TAB>KIND<TAB>MESSAGE" for every failure a clerk would see
 * (SQLITE_BUSY included).  tests/soak/load_summary.py reads them. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "desk.h"
#include "desk_queue.h"
#include "sync.h"

/* --- the shared clock -------------------------------------------------- */
static double g_t0, g_speed = 30;
static int g_minutes = 480;
static int g_y, g_mo, g_d;
static FILE *g_out;
static long g_errors;
static unsigned long long g_rng = 88172645463325252ULL;

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double rnd(void) /* [0, 1) */
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return (double)(g_rng >> 11) / 9007199254740992.0;
}

static double uniform(double lo, double hi) { return lo + (hi - lo) * rnd(); }

/* Working seconds elapsed since 07:30 on the simulated day. */
static double worked(void) { return (wall() - g_t0) * g_speed; }

static bool day_over(void) { return worked() >= g_minutes * 60.0; }

/* Put the simulated time into MOTCUA_NOW. */
static void set_now(void)
{
    double w = worked();
    if (w < 0)
        w = 0;
    if (w > g_minutes * 60.0)
        w = g_minutes * 60.0;
    long s = (long)w;
    long tod = s < 240 * 60 ? 7 * 3600 + 30 * 60 + s : 13 * 3600 + (s - 240 * 60);
    char buf[80];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02ld:%02ld:%02ld+07:00", g_y,
             g_mo, g_d, tod / 3600, tod / 60 % 60, tod % 60);
    setenv("MOTCUA_NOW", buf, 1);
}

/* Wait a simulated duration (seconds). */
static void nap(double sim_seconds)
{
    double s = sim_seconds / g_speed;
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) && errno == EINTR) {
    }
}

static void rec(const char *kind, double t0, long n)
{
    long us = (long)((mono() - t0) * 1e6);
    if (n >= 0)
        fprintf(g_out, "%s\t%ld\t%ld\n", kind, us, n);
    else
        fprintf(g_out, "%s\t%ld\n", kind, us);
}

static void fail(const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(g_out, "ERROR\t%s\t", kind);
    vfprintf(g_out, fmt, ap);
    fputc('\n', g_out);
    va_end(ap);
    fflush(g_out);
    g_errors++;
}

static int setup_clock(void)
{
    const char *t0 = getenv("LOAD_T0"), *day = getenv("LOAD_DAY");
    const char *sp = getenv("LOAD_SPEED"), *mi = getenv("LOAD_MINUTES");
    const char *seed = getenv("LOAD_SEED");
    if (!t0 || !day || sscanf(day, "%d-%d-%d", &g_y, &g_mo, &g_d) != 3) {
        fprintf(stderr, "load_day: LOAD_T0 and LOAD_DAY must be set\n");
        return 1;
    }
    g_t0 = strtod(t0, NULL);
    if (sp)
        g_speed = strtod(sp, NULL);
    if (mi)
        g_minutes = (int)strtol(mi, NULL, 10);
    if (g_speed <= 0 || g_minutes < 1 || g_minutes > 480) {
        fprintf(stderr, "load_day: LOAD_SPEED > 0, LOAD_MINUTES 1..480\n");
        return 1;
    }
    if (seed)
        g_rng ^= strtoull(seed, NULL, 10) * 0x9E3779B97F4A7C15ULL;
    return 0;
}

/* --- what citizens bring ----------------------------------------------- */
static const char *const FAMILY[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng",
                                     "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"};
static const char *const MIDDLE[] = {"Thị", "Văn", "Đức", "Minh", "Thu",
                                     "Quang", "Ngọc", "Hữu"};
static const char *const GIVEN[] = {"Hường", "An", "Bình", "Lan", "Dũng",
                                    "Hoa", "Tuấn", "Mai", "Sơn", "Hạnh",
                                    "Phúc", "Yến", "Khánh", "Thảo"};
#define PICK(a) (a[(size_t)(rnd() * (double)(sizeof a / sizeof a[0]))])

static void person(char name[96], char idn[32])
{
    snprintf(name, 96, "%s %s %s", PICK(FAMILY), PICK(MIDDLE), PICK(GIVEN));
    snprintf(idn, 32, "038%d%02d%06d", rnd() < 0.5 ? 0 : 1,
             60 + (int)(rnd() * 40), (int)(rnd() * 1000000));
}

/* The procedures a person can bring at the counter with no extra field:
 * their required papers, ready for desk_intake. */
typedef struct proc {
    char *code;
    desk_paper_in *papers;
    size_t n;
} proc;
static proc g_procs[16];
static size_t g_nprocs;

static void take_proc(const cat_procedure *p, void *ud)
{
    (void)ud;
    if (g_nprocs == sizeof g_procs / sizeof g_procs[0] ||
        p->processing_days <= 0 || !(p->applicant_kinds & APPLICANT_PERSON) ||
        !(p->channels & CHANNEL_DIRECT))
        return;
    for (size_t i = 0; i < p->n_fields; i++)
        if (p->fields[i].required)
            return;
    proc *q = &g_procs[g_nprocs++];
    q->code = strdup(p->code);
    q->papers = calloc(p->n_papers ? p->n_papers : 1, sizeof *q->papers);
    for (size_t i = 0; i < p->n_papers; i++) {
        if (!p->papers[i].required)
            continue;
        desk_paper_in *pp = &q->papers[q->n++];
        pp->name = strdup(p->papers[i].name);
        pp->form = p->papers[i].form == PAPER_ORIGINAL         ? "original"
                   : p->papers[i].form == PAPER_CERTIFIED_COPY ? "certified_copy"
                                                               : "copy";
        pp->count = p->papers[i].count;
    }
}

static int load_procs(mc_desk *d)
{
    mc_error err = {0};
    if (desk_catalogue_each(d, take_proc, NULL, &err) || !g_nprocs) {
        fprintf(stderr, "load_day: catalogue: %s\n",
                err.msg[0] ? err.msg : "no procedure fits");
        return 1;
    }
    return 0;
}

static void free_procs(void)
{
    for (size_t i = 0; i < g_nprocs; i++) {
        for (size_t j = 0; j < g_procs[i].n; j++)
            free((char *)g_procs[i].papers[j].name);
        free(g_procs[i].papers);
        free(g_procs[i].code);
    }
}

/* --- the desk's actions, each timed ------------------------------------ */
typedef struct desk_ctx {
    mc_desk *d;
    int counter, desks, index; /* index = counter - 1 */
    char (*mine)[DCODE_MAX];   /* dossiers this desk took in, received */
    size_t n_mine, cap_mine;
    char names[64][96];        /* applicants seen, for searches */
    size_t n_names;
} desk_ctx;

static void remember(desk_ctx *c, const char *code, const char *name)
{
    if (c->n_mine == c->cap_mine) {
        c->cap_mine = c->cap_mine ? 2 * c->cap_mine : 64;
        c->mine = realloc(c->mine, c->cap_mine * sizeof *c->mine);
    }
    snprintf(c->mine[c->n_mine++], DCODE_MAX, "%s", code);
    snprintf(c->names[c->n_names++ % 64], 96, "%s", name);
}

static bool count_one(const mc_dossier *ds, void *ud)
{
    (void)ds;
    (*(long *)ud)++;
    return true;
}

static int do_intake(desk_ctx *c, bool refuse, char code[DCODE_MAX])
{
    char name[96], idn[32];
    person(name, idn);
    const proc *p = &g_procs[(size_t)(rnd() * (double)g_nprocs)];
    desk_intake_in in = {
        .procedure_code = p->code, .applicant_name = name, .id_number = idn,
        .papers = p->papers, .n_papers = p->n, .refuse = refuse,
        .reason = refuse ? "Không thuộc thẩm quyền giải quyết của cơ quan"
                         : NULL,
    };
    mc_dossier ds;
    mc_error err = {0};
    set_now();
    double t0 = mono();
    if (desk_intake(c->d, &in, &ds, &err)) {
        fail(refuse ? "intake_refuse" : "intake", "%s", err.msg);
        return 1;
    }
    rec(refuse ? "intake_refuse" : "intake", t0, -1);
    snprintf(code, DCODE_MAX, "%s", ds.code);
    if (!refuse)
        remember(c, ds.code, name);
    mc_dossier_free(&ds);
    return 0;
}

static void do_link(desk_ctx *c, const char *code)
{
    desk_ticket_ref ref = {NULL, c->counter};
    mc_error err = {0};
    set_now();
    double t0 = mono();
    if (desk_queue_link(c->d, &ref, code, NULL, &err))
        fail("queue_link", "%s: %s", code, err.msg);
    else
        rec("queue_link", t0, -1);
}

static void do_search(desk_ctx *c, const char *text)
{
    long n = 0;
    mc_error err = {0};
    set_now();
    double t0 = mono();
    if (desk_search(c->d, text, 20, count_one, &n, &err))
        fail("search", "%s: %s", text, err.msg);
    else
        rec("search", t0, n);
}

static void do_advance(desk_ctx *c, const desk_advance_in *in)
{
    mc_error err = {0};
    set_now();
    double t0 = mono();
    if (desk_advance(c->d, in, NULL, &err))
        fail("advance", "%s -> %s: %s", in->code, in->to, err.msg);
    else
        rec("advance", t0, -1);
}

typedef struct pick {
    const desk_ctx *c;
    char code[DCODE_MAX];
} pick;

/* A dossier of this office whose number falls to this desk (no two desks
 * ever act on the same dossier: a clerk's error would be a false alarm). */
static bool pick_mine(const mc_dossier *ds, void *ud)
{
    pick *p = ud;
    size_t len = strlen(ds->code);
    long num = len > 4 ? strtol(ds->code + len - 4, NULL, 10) : 0;
    if (num % p->c->desks != p->c->index)
        return true;
    snprintf(p->code, DCODE_MAX, "%s", ds->code);
    return false;
}

static bool list_pick(desk_ctx *c, const char *status, char code[DCODE_MAX])
{
    pick p = {c, ""};
    desk_list_filter f = {.status = status, .limit = 200};
    mc_error err = {0};
    set_now();
    double t0 = mono();
    if (desk_list(c->d, &f, pick_mine, &p, &err)) {
        fail("list", "%s", err.msg);
        return false;
    }
    rec("list", t0, -1);
    snprintf(code, DCODE_MAX, "%s", p.code);
    return p.code[0] != 0;
}

static bool first_code(const mc_dossier *ds, void *ud)
{
    snprintf(ud, DCODE_MAX, "%s", ds->code);
    return false;
}

/* Between two citizens: forward a dossier to the department, ask for a
 * supplement, answer a phone call (a search); the supervisor (desk 1)
 * records the results the departments sent back. */
static void back_office(desk_ctx *c)
{
    if (c->n_mine && rnd() < 0.7) {
        char code[DCODE_MAX];
        snprintf(code, sizeof code, "%s", c->mine[0]);
        memmove(c->mine, c->mine + 1, --c->n_mine * sizeof *c->mine);
        const char *missing[] = {"Giấy ra viện (bản chính)"};
        desk_advance_in in = {.code = code, .to = "processing",
                              .department = "Phòng Chế độ BHXH"};
        if (rnd() < 0.04) {
            in.to = "supplement_requested";
            in.department = NULL;
            in.missing = missing;
            in.n_missing = 1;
            in.note = "Thiếu giấy tờ";
        }
        do_advance(c, &in);
    }
    if (c->index == 0 && rnd() < 0.9) {
        for (int i = 0; i < 2; i++) {
            char code[DCODE_MAX] = "";
            desk_list_filter f = {.status = "processing", .limit = 1};
            mc_error err = {0};
            set_now();
            double t0 = mono();
            if (desk_list(c->d, &f, first_code, code, &err)) {
                fail("list", "%s", err.msg);
                break;
            }
            rec("list", t0, -1);
            if (!code[0])
                break;
            desk_advance_in in = {.code = code, .to = "done"};
            do_advance(c, &in);
        }
    }
    if (rnd() < 0.25 && c->n_names)
        do_search(c, c->names[(size_t)(rnd() * (double)(c->n_names < 64 ? c->n_names : 64))]);
}

static int run_desk(mc_desk *d, int counter, int desks)
{
    desk_ctx c = {.d = d, .counter = counter, .desks = desks,
                  .index = counter - 1};
    mc_error err = {0};
    nap(uniform(0, 120)); /* the clerks do not all sit down at 07:30:00 */
    while (!day_over()) {
        desk_ticket t;
        set_now();
        double t0 = mono();
        mc_status rc = desk_queue_next(d, counter, NULL, &t, &err);
        if (rc == MC_ENOTFOUND) {
            rec("queue_next_empty", t0, -1);
            if (rnd() < 0.3)
                back_office(&c);
            nap(30);
            continue;
        }
        if (rc) {
            fail("queue_next", "%s", err.msg);
            nap(30);
            continue;
        }
        rec("queue_next", t0, -1);
        char svc = t.service[0];
        desk_ticket_free(&t);
        desk_ticket_ref ref = {NULL, counter};
        if (rnd() < 0.05) { /* not at the counter yet: call again */
            nap(45);
            set_now();
            t0 = mono();
            if (desk_queue_act(d, &ref, QA_RECALL, NULL, &err))
                fail("queue_recall", "%s", err.msg);
            else
                rec("queue_recall", t0, -1);
        }
        nap(uniform(15, 40));
        set_now();
        t0 = mono();
        if (desk_queue_act(d, &ref, QA_START, NULL, &err))
            fail("queue_start", "%s", err.msg);
        else
            rec("queue_start", t0, -1);
        char code[DCODE_MAX] = "";
        double r = rnd();
        if (svc == 'D') { /* result return: a dossier of yesterday's */
            nap(uniform(90, 240));
            if (list_pick(&c, "done", code)) {
                do_search(&c, code);
                desk_advance_in in = {.code = code, .to = "returned",
                                      .receiver_name = "Nguyễn Văn An",
                                      .receiver_id = "038090012345",
                                      .receiver_relation = "bản thân"};
                do_advance(&c, &in);
                do_link(&c, code);
            } else {
                do_search(&c, PICK(GIVEN)); /* "not ready yet" */
            }
        } else if (r < 0.75) { /* accepted */
            nap(uniform(240, 540));
            if (!do_intake(&c, false, code))
                do_link(&c, code);
        } else if (r < 0.85) { /* incomplete papers: the Mẫu 02 slip */
            nap(uniform(180, 300));
            char name[96], idn[32], number[64];
            person(name, idn);
            const char *missing[] = {"Giấy chứng nhận nghỉ việc hưởng BHXH"};
            desk_guide_in in = {.procedure_code = g_procs[0].code,
                                .applicant_name = name, .id_number = idn,
                                .missing = missing, .n_missing = 1,
                                .reason = "Hồ sơ chưa đủ giấy tờ"};
            set_now();
            t0 = mono();
            if (desk_guide(d, &in, number, &err))
                fail("guide", "%s", err.msg);
            else
                rec("guide", t0, -1);
        } else if (r < 0.88) { /* not ours: refused, with a reason */
            nap(uniform(120, 240));
            if (!do_intake(&c, true, code))
                do_link(&c, code);
        } else { /* a question: the clerk looks the person up */
            nap(uniform(120, 300));
            do_search(&c, c.n_names ? c.names[0] : PICK(FAMILY));
        }
        set_now();
        t0 = mono();
        if (desk_queue_act(d, &ref, QA_FINISH, NULL, &err))
            fail("queue_finish", "%s", err.msg);
        else
            rec("queue_finish", t0, -1);
        fflush(g_out);
        back_office(&c);
    }
    free(c.mine);
    return 0;
}

static int run_kiosk(mc_desk *d)
{
    const char *rs = getenv("LOAD_RATE");
    double rate = rs ? strtod(rs, NULL) : 40; /* arrivals per hour */
    mc_error err = {0};
    if (rate <= 0)
        rate = 40;
    while (!day_over()) {
        double r = rnd();
        const char *svc = r < 0.35 ? "A" : r < 0.65 ? "B" : r < 0.80 ? "C" : "D";
        desk_ticket t;
        set_now();
        double t0 = mono();
        if (desk_queue_ticket(d, svc, rnd() < 0.1, &t, &err)) {
            fail("queue_ticket", "%s", err.msg);
        } else {
            rec("queue_ticket", t0, -1);
            desk_ticket_free(&t);
        }
        fflush(g_out);
        /* Poisson arrivals; fewer at the start of the afternoon */
        nap(-3600.0 / rate * log1p(-rnd()));
    }
    return 0;
}

static volatile sig_atomic_t g_stop;
static void on_term(int sig)
{
    (void)sig;
    g_stop = 1;
}

/* Push on the daemon's cadence (interval_seconds of simulated time) until
 * SIGTERM - sent when every desk has finished its last citizen - then
 * drain the outbox. */
static int run_sync(mc_desk *d, const mc_config *cfg)
{
    struct sigaction sa = {.sa_handler = on_term};
    sigaction(SIGTERM, &sa, NULL);
    sync_opts o = {
        .url = cfg_get(cfg, "sync", "url"),
        .ca_file = cfg_get(cfg, "sync", "ca_file"),
        .client_cert = cfg_get(cfg, "sync", "client_cert"),
        .client_key = cfg_get(cfg, "sync", "client_key"),
        .batch_size = (int)cfg_get_int(cfg, "sync", "batch_size", 100),
        .interval_seconds = (int)cfg_get_int(cfg, "sync", "interval_seconds", 60),
        .timeout_seconds = 30,
        .connect_timeout_seconds = 10,
    };
    for (int last = 0; last < 20;) {
        bool over = g_stop;
        sync_result r;
        set_now();
        double t0 = mono();
        sync_err e = sync_once(d, &o, &r);
        if (e != SYNC_OK)
            fail("push", "[%s] %s", sync_err_tag(e), r.message);
        else if (r.pushed)
            rec("push", t0, (long)r.pushed);
        else
            rec("push_idle", t0, 0);
        fflush(g_out);
        if (over) {
            last++;
            if (e == SYNC_OK && r.pending == 0)
                break;
        }
        nap(o.interval_seconds);
    }
    return 0;
}

static int run_seed(mc_desk *d, int desks, long n)
{
    mc_error err = {0};
    for (int i = 1; i <= desks; i++) {
        char login[16];
        snprintf(login, sizeof login, "desk%d", i);
        if (desk_user_add(d, login, login, i == 1 ? "supervisor" : "clerk",
                          "desk-pass-1", &err)) {
            fprintf(stderr, "load_day: user %s: %s\n", login, err.msg);
            return 1;
        }
    }
    for (long i = 0; i < n; i++) {
        char name[96], idn[32];
        person(name, idn);
        const proc *p = &g_procs[(size_t)i % g_nprocs];
        desk_intake_in in = {.procedure_code = p->code,
                             .applicant_name = name, .id_number = idn,
                             .papers = p->papers, .n_papers = p->n};
        mc_dossier ds;
        if (desk_intake(d, &in, &ds, &err)) {
            fprintf(stderr, "load_day: seed intake: %s\n", err.msg);
            return 1;
        }
        desk_advance_in a1 = {.code = ds.code, .to = "processing"};
        desk_advance_in a2 = {.code = ds.code, .to = "done"};
        mc_status rc = desk_advance(d, &a1, NULL, &err);
        if (!rc)
            rc = desk_advance(d, &a2, NULL, &err);
        mc_dossier_free(&ds);
        if (rc) {
            fprintf(stderr, "load_day: seed advance: %s\n", err.msg);
            return 1;
        }
    }
    for (int i = 0; i < 3; i++) {
        desk_ticket t;
        if (desk_queue_ticket(d, "A", false, &t, &err)) {
            fprintf(stderr, "load_day: seed ticket: %s\n", err.msg);
            return 1;
        }
        desk_ticket_free(&t);
    }
    return 0;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: load_day seed DB ADMIN PASSWORD DESKS N\n"
            "       load_day kiosk DB OUT\n"
            "       load_day desk DB LOGIN PASSWORD COUNTER DESKS OUT\n"
            "       load_day sync DB CONFIG OUT\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    const char *mode = argv[1], *db = argv[2];
    bool seed = !strcmp(mode, "seed"), kiosk = !strcmp(mode, "kiosk");
    bool desk = !strcmp(mode, "desk"), sync = !strcmp(mode, "sync");
    if ((seed && argc != 7) || (kiosk && argc != 4) || (desk && argc != 8) ||
        (sync && argc != 5) || !(seed || kiosk || desk || sync))
        return usage();
    if (!seed && setup_clock())
        return 2;
    if (seed) {
        g_out = stdout;
    } else {
        g_out = fopen(argv[argc - 1], "w");
        if (!g_out) {
            fprintf(stderr, "load_day: %s: %s\n", argv[argc - 1],
                    strerror(errno));
            return 1;
        }
        if (desk)
            g_rng ^= (unsigned long long)strtol(argv[5], NULL, 10) << 20;
        if (kiosk)
            g_rng ^= 0xABCDEFULL;
    }
    mc_config *cfg = NULL;
    mc_desk *d = NULL;
    mc_error err = {0};
    int rc = 1;
    if (sync ? cfg_load_file(argv[3], &cfg, &err) : cfg_load(NULL, &cfg, &err))
        goto out;
    if (desk_open(db, &d, &err))
        goto out;
    desk_configure(d, cfg);
    if ((seed || desk) && desk_login(d, argv[3], argv[4], &err))
        goto out;
    if ((seed || desk) && load_procs(d))
        goto done;
    if (seed)
        rc = run_seed(d, (int)strtol(argv[5], NULL, 10),
                      strtol(argv[6], NULL, 10));
    else if (desk)
        rc = run_desk(d, (int)strtol(argv[5], NULL, 10),
                      (int)strtol(argv[6], NULL, 10));
    else if (kiosk)
        rc = run_kiosk(d);
    else
        rc = run_sync(d, cfg);
    goto done;
out:
    fprintf(stderr, "load_day %s: %s\n", mode, err.msg);
done:
    desk_close(d);
    cfg_free(cfg);
    free_procs();
    if (g_out && g_out != stdout)
        fclose(g_out);
    return rc ? rc : g_errors ? 1 : 0;
}
