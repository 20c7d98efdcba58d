/* SPDX-License-Identifier: GPL-3.0-or-later */
/* app.c - the TUI's main loop: terminal set-up and restore (also on a
 * crash), the screen stack, key routing through the key table, the status
 * line and key bar, the idle lock and the scan detector.
 *
 * Scan detector: a barcode scanner "types" the QR text and Enter within a
 * few milliseconds.  Printable keys are delivered at once (no latency for
 * a clerk), but a run of keys arriving less than SCAN_GAP apart is also
 * remembered, with a snapshot of the focused field taken before the run.
 * When Enter closes such a run and the text is a dossier code or a lookup
 * URL (dcode_from_scan), the field is put back as it was and the dossier
 * opens (at the return step when its result is ready).  A clerk typing
 * the code by hand gets the screen's own Enter instead. */
#include "ui_internal.h"

#include <errno.h>
#include <execinfo.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "dossier_code.h"

#define SCAN_GAP 0.040    /* seconds between two keys of one scan */
#define SCAN_MIN_CHARS 8
#define IDLE_LOCK_DEFAULT (10 * 60)

static const ui_screen_ops *const screens[SCR__COUNT] = {
    [SCR_LOGIN] = &ui_login_screen,   [SCR_HOME] = &ui_home_screen,
    [SCR_INTAKE] = &ui_intake_screen, [SCR_SEARCH] = &ui_search_screen,
    [SCR_DOSSIER] = &ui_dossier_screen, [SCR_RETURN] = &ui_return_screen,
    [SCR_ONLINE] = &ui_online_screen, [SCR_HELP] = &ui_help_screen,
};

static volatile sig_atomic_t got_term;
static void scan_forget(void);
static bool curses_on;

/* --- crash and signal handling ----------------------------------------- */
static void on_term(int sig)
{
    (void)sig;
    got_term = 1;
}

static void write_str(const char *s)
{
    ssize_t r = write(STDERR_FILENO, s, strlen(s));
    (void)r;
}

/* Restore the terminal first (the clerk's screen must not stay broken),
 * then say what happened with a backtrace, then die with the signal. */
static void on_crash(int sig)
{
    if (curses_on)
        endwin();
    curses_on = false;
    char line[96];
    snprintf(line, sizeof line, "\nmotcua %s: crashed (signal %d)\n",
             MOTCUA_VERSION, sig);
    write_str(line);
    void *frames[64];
    int n = backtrace(frames, 64);
    backtrace_symbols_fd(frames, n, STDERR_FILENO);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND;
    int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof crash / sizeof *crash; i++)
        sigaction(crash[i], &sa, NULL);
    /* load libgcc's unwinder now: backtrace() may malloc the first time */
    void *warm[2];
    backtrace(warm, 2);
}

static void restore_terminal(void)
{
    if (curses_on) {
        endwin();
        curses_on = false;
    }
}

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* --- screen stack and messages ----------------------------------------- */
ui_screen_id ui_current(const ui_app *a)
{
    return a->depth ? a->stack[a->depth - 1] : SCR_LOGIN;
}

void ui_push(ui_app *a, ui_screen_id s)
{
    if (a->depth && a->stack[a->depth - 1] == s) {
        if (screens[s]->enter)
            screens[s]->enter(a);
        return;
    }
    /* a screen already on the stack is brought back, not duplicated */
    for (int i = 0; i < a->depth; i++)
        if (a->stack[i] == s) {
            a->depth = i;
            break;
        }
    if (a->depth < (int)(sizeof a->stack / sizeof *a->stack))
        a->stack[a->depth++] = s;
    if (screens[s]->enter)
        screens[s]->enter(a);
}

void ui_pop(ui_app *a)
{
    if (a->depth > 1)
        a->depth--;
    ui_screen_id s = ui_current(a);
    if (screens[s]->enter)
        screens[s]->enter(a);
}

void ui_reset(ui_app *a, ui_screen_id s)
{
    a->depth = 0;
    ui_push(a, s);
}

void ui_msg(ui_app *a, ui_msg_kind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->msg, sizeof a->msg, fmt, ap);
    va_end(ap);
    a->msg_kind = kind;
}

void ui_msg_clear(ui_app *a)
{
    a->msg[0] = '\0';
    a->msg_kind = MSG_INFO;
}

void ui_msg_err(ui_app *a, const mc_error *err)
{
    ui_msg(a, MSG_ERROR, "%s", err->msg[0] ? err->msg : mc_status_tag(err->code));
}

void ui_lock(ui_app *a, bool idle)
{
    if (ui_current(a) == SCR_LOGIN)
        return;
    const mc_user *u = desk_user(a->desk);
    const char *login = u && u->login ? u->login : "";
    if (intake_has_draft())
        mc_strlcpy(a->draft_owner, login, sizeof a->draft_owner);
    else
        intake_discard(); /* the picker's filter too */
    a->logged_in = false;
    /* whoever signs in next sees nothing of this clerk: no user name in
     * the login box, no search query or results, no open dossier, no
     * return in progress, the default input method.  The intake draft
     * alone is kept, offered back to its own clerk only (login.c). */
    login_prefill("");
    search_reset();
    dossier_forget();
    return_forget();
    home_forget();
    online_forget();
    a->ime = IME_TELEX;
    scan_forget();
    ui_reset(a, SCR_LOGIN);
    if (idle)
        ui_msg(a, MSG_WARN, "%s",
               _("Đã khoá màn hình do không thao tác; đăng nhập lại để "
                 "tiếp tục (hồ sơ đang nhập được giữ làm bản nháp)"));
    else
        ui_msg(a, MSG_INFO, "%s", _("Đã khoá màn hình"));
}

/* --- time helpers for the screens --------------------------------------- */
void ui_fmt_ts(mc_ts t, char *buf, size_t size)
{
    if (!t) {
        snprintf(buf, size, "%s", "");
        return;
    }
    mc_date d = mc_ts_vn_date(t);
    int m = mc_ts_vn_minute(t);
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%02d/%02d/%04d %02d:%02d", d.d, d.m, d.y,
             m / 60, m % 60);
    mc_strlcpy(buf, tmp, size);
}

void ui_fmt_due(ui_app *a, const mc_dossier *ds, char *buf, size_t size,
                bool *overdue)
{
    mc_ts now = desk_now(a->desk);
    *overdue = mc_dossier_overdue(ds, now);
    if (ds->status == ST_SUPPLEMENT_REQUESTED) {
        snprintf(buf, size, "%s", _("tạm dừng (chờ bổ sung)"));
        return;
    }
    if (!status_counts_for_overdue(ds->status) || !ds->due_at) {
        snprintf(buf, size, "%s", "");
        return;
    }
    const mc_calendar *cal = NULL;
    mc_error err = {0};
    mc_date today = mc_ts_vn_date(now);
    mc_date due = mc_ts_vn_date(ds->due_at);
    int n;
    if (desk_calendar(a->desk, &cal, &err) != MC_OK || !cal)
        cal = NULL;
    if (*overdue) {
        n = cal ? cal_workdays_between(cal, due, today)
                : (int)(mc_date_to_days(today) - mc_date_to_days(due));
        if (n <= 0)
            snprintf(buf, size, "%s", _("QUÁ HẠN (hôm nay)"));
        else
            snprintf(buf, size, _("QUÁ HẠN %d ngày làm việc"), n);
        return;
    }
    n = cal ? cal_workdays_between(cal, today, due)
            : (int)(mc_date_to_days(due) - mc_date_to_days(today));
    if (n <= 0)
        snprintf(buf, size, "%s", _("đến hạn hôm nay"));
    else
        snprintf(buf, size, _("còn %d ngày làm việc"), n);
}

/* --- frame: title, status line, key bar ---------------------------------- */
static void draw_title(ui_app *a, const ui_screen_ops *s)
{
    draw_fill(0, 0, COLS, UA_TITLE);
    const char *office = desk_office_name(a->desk);
    char left[300];
    snprintf(left, sizeof left, " motcua · %s", _(s->title));
    int used = draw_text(0, 0, COLS, left, UA_TITLE);
    char right[200], when[24];
    ui_fmt_ts(desk_now(a->desk), when, sizeof when);
    const mc_user *u = desk_user(a->desk);
    char badge[64];
    counter_queue_badge(a, badge, sizeof badge);
    if (a->logged_in && u && u->name)
        snprintf(right, sizeof right, "%s%s · %s ", badge, u->name, when);
    else
        snprintf(right, sizeof right, "%s · %s ", office ? office : "", when);
    int rw = draw_width(right);
    if (used + 2 + rw <= COLS)
        draw_text(0, COLS - rw, rw, right, UA_TITLE);
}

static const char *ime_name(ui_ime m)
{
    switch (m) {
    case IME_TELEX:
        return "Telex";
    case IME_VNI:
        return "VNI";
    default:
        return _("tắt");
    }
}

static void draw_status(ui_app *a, ui_field *focus)
{
    int y = LINES - 2;
    draw_fill(y, 0, COLS, UA_NORMAL);
    char right[64] = "";
    if (focus && (focus->flags & UF_VN))
        snprintf(right, sizeof right, _("Gõ: %s"), ime_name(a->ime));
    int rw = draw_width(right);
    static const ui_attr_role role[] = {UA_NORMAL, UA_OK, UA_WARN, UA_ERROR};
    /* a long message (a printer's reason and what to do, a file path)
     * grows upwards over the screen, up to three rows, rather than being
     * cut: the clerk must be able to read all of it */
    int w = COLS - rw - 3;
    int rows = draw_wrap(-1000, 1, w, 3, a->msg, role[a->msg_kind]);
    for (int r = 1; r < rows; r++)
        draw_fill(y - r, 0, COLS, UA_NORMAL);
    draw_wrap(y - (rows > 1 ? rows - 1 : 0), 1, w, 3, a->msg,
              role[a->msg_kind]);
    if (rw)
        draw_text(y, COLS - rw - 1, rw, right, UA_KEY);
}

static void draw_keybar(ui_app *a)
{
    int y = LINES - 1;
    draw_fill(y, 0, COLS, UA_NORMAL);
    ui_screen_id scr = ui_current(a);
    int x = 0;
    for (size_t i = 0; i < keys_count(); i++) {
        const ui_binding *b = keys_at(i);
        if (!b->bar || !(b->screens & (1u << scr)))
            continue;
        char name[16];
        keys_name(b, name, sizeof name);
        const char *label = _(b->bar);
        if (b->act == ACT_BACK && scr != SCR_HOME && scr != SCR_LOGIN)
            label = _("Quay lại");
        int need = (int)strlen(name) + draw_width(label) + 1;
        if (x + need > COLS)
            break;
        x += draw_text(y, x, COLS - x, name, UA_KEY);
        x += draw_text(y, x, COLS - x, label, UA_KEYLABEL);
        if (x < COLS)
            x += draw_text(y, x, 1, " ", UA_NORMAL);
    }
}

static void draw_all(ui_app *a)
{
    erase();
    if (COLS < 80 || LINES < 24) {
        char m[200];
        snprintf(m, sizeof m, _("Cửa sổ quá nhỏ: cần ít nhất 80×24 (đang là "
                                "%d×%d)"),
                 COLS, LINES);
        draw_text(0, 0, COLS, m, UA_WARN);
        curs_set(0);
        refresh();
        return;
    }
    const ui_screen_ops *s = screens[ui_current(a)];
    draw_title(a, s);
    s->draw(a, 1, LINES - 3);
    ui_field *f = s->focus ? s->focus(a) : NULL;
    draw_status(a, f);
    draw_keybar(a);
    if (f) {
        curs_set(1);
        move(f->cy, f->cx);
    } else {
        curs_set(0);
        move(LINES - 1, COLS - 1);
    }
    refresh();
}

/* --- scan detector ------------------------------------------------------- */
typedef struct scan_run {
    wchar_t text[160];
    int n;
    double first, last;
    ui_screen_id screen;
    ui_field *field;
    ui_field before; /* the focused field before the run */
    bool have_before;
} scan_run;

static scan_run scan;

static void scan_forget(void)
{
    memset(&scan, 0, sizeof scan);
}

static void scan_note(ui_app *a, wint_t ch, double t, ui_field *focus)
{
    if (t - scan.last > SCAN_GAP || scan.n == 0) {
        scan.n = 0;
        scan.first = t;
        scan.screen = ui_current(a);
        scan.field = focus;
        scan.have_before = focus != NULL;
        if (focus)
            scan.before = *focus;
    }
    if (scan.n < (int)(sizeof scan.text / sizeof *scan.text) - 1)
        scan.text[scan.n++] = (wchar_t)ch;
    scan.last = t;
}

/* Enter arrived at time t: true when it ended a scan (handled here). */
static bool scan_enter(ui_app *a, double t)
{
    bool fast = scan.n >= SCAN_MIN_CHARS && t - scan.last <= SCAN_GAP &&
                (scan.last - scan.first) / (scan.n - 1) <= SCAN_GAP;
    int n = scan.n;
    scan.n = 0;
    if (!fast || !a->logged_in)
        return false;
    char text[sizeof scan.text / sizeof *scan.text * 4 + 1];
    size_t used = 0;
    for (int i = 0; i < n; i++)
        if (scan.text[i] < 128)
            text[used++] = (char)scan.text[i];
    text[used] = '\0';
    char code[DCODE_MAX];
    if (!dcode_from_scan(text, code))
        return false;
    if (scan.have_before && scan.screen == ui_current(a) && scan.field)
        *scan.field = scan.before;
    ui_open_dossier(a, code, true);
    return true;
}

/* --- key routing --------------------------------------------------------- */
static void route(ui_app *a, wint_t ch, bool fn, double t)
{
    ui_screen_id scr = ui_current(a);
    const ui_screen_ops *s = screens[scr];
    ui_field *focus = s->focus ? s->focus(a) : NULL;
    bool alt = false;
    if (!fn && ch == UI_ESC) {
        /* Alt+key arrives as Esc then the key */
        wint_t next;
        timeout(0);
        int r = get_wch(&next);
        if (r == OK && next >= 32 && next < 127) {
            alt = true;
            ch = next;
        } else if (r == KEY_CODE_YES) {
            ungetch((int)next); /* a function key: Esc then F2 is two keys */
        } else if (r != ERR) {
            unget_wch(next);
        }
    }
    if (!fn && !alt && ch >= 32 && ch != 127)
        scan_note(a, ch, t, focus);
    else if (!fn && (ch == '\n' || ch == '\r')) {
        if (scan_enter(a, t))
            return;
    } else
        scan.n = 0;
    if (fn && ch == KEY_ENTER)
        ch = '\n', fn = false;
    /* where text can be typed, a printable key never acts */
    bool typing = focus != NULL || (scr == SCR_INTAKE && intake_typing());
    ui_key k = {ch, fn, alt, keys_lookup(scr, (int)ch, fn, alt, typing)};
    switch (k.act) {
    case ACT_HELP:
        help_set_from(scr);
        ui_push(a, SCR_HELP);
        return;
    case ACT_IME:
        a->ime = (ui_ime)((a->ime + 1) % 3);
        ui_msg(a, MSG_INFO, _("Kiểu gõ tiếng Việt: %s"), ime_name(a->ime));
        return;
    case ACT_SEARCH:
        if (scr != SCR_SEARCH)
            ui_push(a, SCR_SEARCH);
        return;
    default:
        break;
    }
    if (counter_queue_key(a, &k))
        return;
    s->key(a, &k);
}

static void setup_locale(void);

/* --- the terminal (shared with the displays: dashboard, board, kiosk) ---- */
bool ui_term_start(ui_app *a)
{
    setup_locale();
    install_signals();
    if (!initscr())
        return false;
    curses_on = true;
    atexit(restore_terminal);
    mc_set_oom_hook(restore_terminal); /* out of memory exits via _exit */
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    const char *nc = getenv("NO_COLOR");
    a->color = has_colors() && !(nc && *nc);
    if (a->color)
        start_color();
    draw_init_colors(a->color);
    return true;
}

void ui_term_stop(void)
{
    restore_terminal();
}

bool ui_term_quit_requested(void)
{
    return got_term != 0;
}

/* --- start and run -------------------------------------------------------- */
/* The desk speaks Vietnamese: UTF-8 is not optional.  (The language of
 * the messages is chosen by main() from the environment and config.) */
static void setup_locale(void)
{
    const char *cs = nl_langinfo(CODESET);
    if (!cs || strcmp(cs, "UTF-8") != 0) {
        if (!setlocale(LC_CTYPE, "C.UTF-8"))
            setlocale(LC_CTYPE, "C.utf8");
    }
}

static int idle_seconds(const struct mc_config *cfg)
{
    long v = -1;
    if (cfg && cfg_get(cfg, "desk", "idle_lock_minutes"))
        v = cfg_get_int(cfg, "desk", "idle_lock_minutes", -1) * 60;
    const char *env = getenv("MOTCUA_IDLE_LOCK_SECONDS");
    if (env && *env) {
        char *end;
        long e = strtol(env, &end, 10);
        if (!*end && e >= 0)
            v = e;
    }
    return v < 0 ? IDLE_LOCK_DEFAULT : (int)v;
}

int ui_run(const ui_opts *opts)
{
    ui_app app;
    memset(&app, 0, sizeof app);
    app.opts = opts;
    mc_error err = {0};
    int rc = 0;
    if (cfg_load(opts->config_path, &app.cfg, &err) != MC_OK) {
        fprintf(stderr, "motcua: %s\n", err.msg);
        return mc_status_exit_code(err.code);
    }
    setup_locale();
    if (desk_open(opts->db_path, &app.desk, &err) != MC_OK) {
        fprintf(stderr, "motcua: %s\n", err.msg);
        rc = mc_status_exit_code(err.code);
        goto out;
    }
    desk_configure(app.desk, app.cfg);
    app.idle_lock_s = idle_seconds(app.cfg);
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s\n",
                _("motcua: giao diện cần một màn hình terminal; dùng các lệnh "
                  "con (motcua help) trong script"));
        rc = 2;
        goto out;
    }

    if (!ui_term_start(&app)) {
        rc = 1;
        goto out;
    }
    if (opts->user)
        login_prefill(opts->user);
    ui_reset(&app, SCR_LOGIN);
    double last_input = mono_now();
    while (!app.quit && !got_term) {
        draw_all(&app);
        wint_t ch;
        int r = ERR;
        const ui_screen_ops *cur = screens[ui_current(&app)];
        if (cur->idle) {
            /* deferred work only when no key is waiting: typing (or a
             * paste, a scan) is echoed at once and searched once */
            timeout(0);
            r = get_wch(&ch);
            if (r == ERR && cur->idle(&app))
                continue;
        }
        if (r == ERR) {
            timeout(500);
            r = get_wch(&ch);
        }
        double t = mono_now();
        if (r == ERR) {
            if (app.idle_lock_s > 0 && app.logged_in &&
                t - last_input >= app.idle_lock_s)
                ui_lock(&app, true);
            continue;
        }
        last_input = t;
        if (r == KEY_CODE_YES && ch == KEY_RESIZE)
            continue; /* ncurses has the new size: redraw */
        route(&app, ch, r == KEY_CODE_YES, t);
    }
    restore_terminal();
out:
    if (app.desk)
        desk_close(app.desk);
    intake_discard();
    search_reset();
    dossier_forget();
    ui_print_shutdown();
    cfg_free(app.cfg);
    return rc;
}
