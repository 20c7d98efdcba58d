/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_internal.h - what the screens of the TUI share: the application
 * state, the screen contract, the text-field widget and drawing helpers.
 *
 * Model: one process, one clerk, one ncurses stdscr.  Every key redraws
 * the whole screen from state (ncurses sends only the difference), so a
 * resize at any moment is just another redraw and never loses what was
 * typed: the values live in the screens' state, not in the terminal.
 * Each screen (one file each) keeps its own static state and exports a
 * ui_screen_ops; app.c routes keys, keeps the screen stack, the status
 * line, the idle lock and the scan detector. */
#ifndef MOTCUA_UI_INTERNAL_H
#define MOTCUA_UI_INTERNAL_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "desk.h"
#include "keys.h"
#include "mc_error.h"
#include "telex.h"
#include "ui.h"

struct mc_config;

/* --- text fields ------------------------------------------------------- */
#define UI_FIELD_MAX 200 /* characters (code points) in one field */

enum {
    UF_VN = 1 << 0,     /* Vietnamese text: Telex/VNI applies */
    UF_SECRET = 1 << 1, /* shown as bullets */
};

/* What a field holds, for live validation. */
typedef enum ui_field_kind {
    FK_TEXT,
    FK_NAME,   /* a person's name */
    FK_PERSON, /* CCCD (12) or CMND (9) */
    FK_BHXH,
    FK_PHONE,
    FK_TAX,
    FK_EMAIL,
    FK_DATE,  /* dd/mm/yyyy or yyyy-mm-dd */
    FK_MONTH, /* mm/yyyy */
    FK_CODE,  /* a dossier code or scanned lookup URL */
} ui_field_kind;

typedef struct ui_field {
    const char *label; /* msgid */
    ui_field_kind kind;
    unsigned flags;
    bool required;
    wchar_t text[UI_FIELD_MAX + 1];
    int len, cur;
    int scroll;     /* first character shown */
    telex tx;       /* the word being composed (Telex/VNI) */
    int word_start; /* where that word starts in text, -1: none */
    int cy, cx;     /* where the cursor was drawn */
} ui_field;

typedef enum { IME_TELEX = 0, IME_VNI, IME_OFF } ui_ime;

void field_init(ui_field *f, const char *label, ui_field_kind kind,
                unsigned flags, bool required);
void field_clear(ui_field *f);
/* Set the text from UTF-8 (invalid bytes dropped). */
void field_set(ui_field *f, const char *utf8);
/* The text as UTF-8 (NUL-terminated, truncated to size). */
void field_get(const ui_field *f, char *buf, size_t size);
bool field_empty(const ui_field *f);
/* Feed one key; true when the text changed.  `fn` as from get_wch. */
bool field_key(ui_field *f, wint_t ch, bool fn, ui_ime ime);
/* Draw the field's value in [y, x, x+w) and remember the cursor spot. */
void field_draw(ui_field *f, int y, int x, int w, bool focused);
/* A FK_DATE field's date (dd/mm/yyyy or yyyy-mm-dd); false if not one. */
bool field_date(const ui_field *f, mc_date *out);
/* Live validation: MC_OK, or the message (naming the field) in err.
 * Empty optional fields pass; `strict` also checks required ones. */
mc_status field_check(const ui_field *f, int year, bool strict,
                      mc_error *err);

/* --- the application --------------------------------------------------- */
typedef enum { MSG_INFO, MSG_OK, MSG_WARN, MSG_ERROR } ui_msg_kind;

typedef struct ui_key {
    wint_t ch;
    bool fn;  /* KEY_* code */
    bool alt; /* Alt+ch */
    ui_action act;
} ui_key;

typedef struct ui_app {
    const ui_opts *opts;
    mc_desk *desk;
    struct mc_config *cfg;
    bool quit;
    bool color;
    ui_screen_id stack[16];
    int depth; /* stack[depth-1] is shown */
    ui_ime ime;
    char msg[768];
    ui_msg_kind msg_kind;
    int idle_lock_s;      /* 0: never */
    char draft_owner[64]; /* login that owns the intake draft */
    bool logged_in;
} ui_app;

typedef struct ui_screen_ops {
    const char *title; /* msgid */
    void (*enter)(ui_app *a);
    void (*draw)(ui_app *a, int top, int rows);
    void (*key)(ui_app *a, const ui_key *k);
    ui_field *(*focus)(ui_app *a); /* the focused text field, or NULL */
    /* Deferred work (a search) run when no key is waiting, after the
     * typed key has been echoed; true when the screen must be redrawn. */
    bool (*idle)(ui_app *a);
} ui_screen_ops;

extern const ui_screen_ops ui_login_screen, ui_home_screen, ui_intake_screen,
    ui_search_screen, ui_dossier_screen, ui_return_screen, ui_help_screen,
    ui_online_screen;

ui_screen_id ui_current(const ui_app *a);
void ui_push(ui_app *a, ui_screen_id s);
void ui_pop(ui_app *a);
/* Replace the whole stack with `s` (after login: home). */
void ui_reset(ui_app *a, ui_screen_id s);
void ui_msg(ui_app *a, ui_msg_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ui_msg_clear(ui_app *a);
void ui_msg_err(ui_app *a, const mc_error *err);
/* The signed-in clerk signs out (idle lock or F9): back to login. */
void ui_lock(ui_app *a, bool idle);

/* Screen entry points other screens use. */
void login_prefill(const char *login);
void search_reset(void);
/* Open a dossier (by code or scanned text); at_return: go to the return
 * step when the dossier is ready for it. */
void ui_open_dossier(ui_app *a, const char *code, bool at_return);
void return_begin(ui_app *a, const char *code);
bool intake_has_draft(void);
void intake_draft_summary(char *buf, size_t size);
void intake_discard(void);
/* The intake form has the focus (on a field or a paper row): printable
 * keys never trigger an action there. */
bool intake_typing(void);
void help_set_from(ui_screen_id s);
void dossier_forget(void);
void home_refresh(ui_app *a);
/* Forget the screen's state (a sign-out: nothing of one clerk is left for
 * the next). */
void return_forget(void);
void home_forget(void);
void online_forget(void);

/* --- the attach box (attach.c): intake checklist and dossier screen ------ */
typedef struct ui_attach {
    bool open;
    bool ask_paper; /* the dossier screen asks which paper */
    int n_papers;
    int focus;      /* 0: paper number, 1: path */
    ui_field paper, path;
    char what[256]; /* the paper or dossier, shown in the box */
    /* resolved on Enter */
    int paper_out;
    char path_out[4096], name_out[256];
    const char *source; /* DESK_SRC_FILE, _FOLDER, or _SANE (F9 in the box:
                           scan, no path) */
} ui_attach;
/* Open the box for a paper (1-based; 0: ask for it). */
void attach_open(ui_attach *w, int paper, int n_papers, const char *what);
void attach_draw(ui_app *a, ui_attach *w, int top);
/* A key: 1 when resolved (path_out, name_out, source, paper_out), -1 when
 * cancelled, 0 while open. */
int attach_key(ui_app *a, ui_attach *w, const ui_key *k);
ui_field *attach_focus(ui_attach *w);

/* --- the detach box (detach.c): the dossier screen, x -------------------- */
/* Open it on a dossier's scans; false (the message says why) when the
 * dossier is closed or has none. */
bool detach_open(ui_app *a, const mc_dossier *ds);
bool detach_is_open(void);
void detach_close(void);
void detach_draw(ui_app *a, int top);
/* A key: 1 when a file was detached, -1 when cancelled, 0 while open. */
int detach_key(ui_app *a, const ui_key *k);
ui_field *detach_focus(void);

/* --- the counter's queue (counter_queue.c) ------------------------------- */
/* desk.counter, 0 when this desk calls no tickets. */
int counter_queue_number(const ui_app *a);
/* Read the ticket called or served at this counter again. */
void counter_queue_refresh(ui_app *a);
/* The ACT_Q_* keys: true when the key was one of them (handled). */
bool counter_queue_key(ui_app *a, const ui_key *k);
/* The clerk opened intake or return: a called ticket is now served. */
void counter_queue_serving(ui_app *a);
/* A dossier was saved (intake) or handed over (return): link it to the
 * ticket served here unless that has one already (a->msg says). */
void counter_queue_saved(ui_app *a, const char *code);
/* "Quầy 3: A001 · " for the title bar, or "". */
void counter_queue_badge(const ui_app *a, char *buf, size_t size);
/* The home screen's queue line at row y. */
void counter_queue_draw(ui_app *a, int y);

/* --- the terminal, and the displays (display.c) -------------------------- */
/* Locale, signals, initscr and colours (NO_COLOR): a->color is set. */
bool ui_term_start(ui_app *a);
void ui_term_stop(void);
/* SIGTERM, SIGHUP or SIGINT arrived. */
bool ui_term_quit_requested(void);

/* A full-screen display: refreshed from the database every `period`
 * seconds, drawn whole after each refresh and each key. */
typedef struct ui_display_ops {
    const char *name; /* for messages */
    double period;    /* seconds between refreshes */
    /* read a new snapshot; false keeps the previous one (a->msg says why) */
    bool (*load)(ui_app *a);
    void (*draw)(ui_app *a);
    /* a key; false: quit */
    bool (*key)(ui_app *a, wint_t ch, bool fn);
    void (*done)(void); /* release the snapshot */
} ui_display_ops;
extern const ui_display_ops ui_dashboard_display, ui_board_display,
    ui_kiosk_display;
void display_title(ui_app *a, const char *title);
void display_duration(int64_t secs, char *buf, size_t size);
void display_hhmm(mc_ts t, char buf[8]);

/* --- drawing ------------------------------------------------------------ */
typedef enum {
    UA_NORMAL,
    UA_TITLE,    /* top bar */
    UA_KEY,      /* key name on the key bar */
    UA_KEYLABEL, /* label on the key bar */
    UA_LABEL,    /* field label */
    UA_FIELD,    /* field value */
    UA_FOCUS,    /* focused field value */
    UA_SELECT,   /* selected list row */
    UA_OK,
    UA_WARN,
    UA_ERROR,
    UA_DIM,
    UA_BIG,      /* the issued code */
    UA__COUNT
} ui_attr_role;

void draw_init_colors(bool color);
attr_t draw_attr(ui_attr_role r);
/* Print UTF-8 at (y, x), at most w columns wide; returns columns used. */
int draw_text(int y, int x, int w, const char *utf8, ui_attr_role r);
int draw_textf(int y, int x, int w, ui_attr_role r, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Columns a UTF-8 text takes. */
int draw_width(const char *utf8);
/* s padded with spaces to `cols` columns (printf's %-Ns counts bytes,
 * which misaligns Vietnamese); returns out. */
const char *draw_pad(char *out, size_t size, const char *s, int cols);
/* s cut to `cols` columns (ending in "…" when cut) and padded to them. */
const char *draw_fit(char *out, size_t size, const char *s, int cols);
void draw_fill(int y, int x, int w, ui_attr_role r);
void draw_box(int y, int x, int h, int w, ui_attr_role r);
/* A label: value row of a form; returns nothing, draws the field. */
void draw_field_row(int y, ui_field *f, int label_w, bool focused,
                    bool invalid);
/* Digits in a 5-row block font (the code's sequence, shown large). */
void draw_big(int y, int x, const char *digits, ui_attr_role r);
/* Digits and capital letters in the block font, each cell `scale` rows by
 * 2*scale columns (5*scale rows high); and the columns it takes. */
void draw_big_scaled(int y, int x, const char *text, int scale,
                     ui_attr_role r);
int draw_big_width(const char *text, int scale);
/* Word-wrapped text in at most max_rows rows of w columns (a word longer
 * than a row, such as a path, is cut); returns the rows used.  A y far
 * above the screen draws nothing and only counts the rows. */
int draw_wrap(int y, int x, int w, int max_rows, const char *utf8,
              ui_attr_role r);

/* --- dates --------------------------------------------------------------- */
/* "dd/mm/yyyy hh:mm" of a timestamp (buf >= 20). */
void ui_fmt_ts(mc_ts t, char *buf, size_t size);
/* "còn 3 ngày làm việc" / "quá hạn 2 ngày" / "hạn hôm nay" for a dossier. */
void ui_fmt_due(ui_app *a, const mc_dossier *ds, char *buf, size_t size,
                bool *overdue);

/* --- printing seam (print_glue.c) --------------------------------------- */
typedef enum {
    UP_RECEIPT,    /* Mẫu 01 of a dossier */
    UP_REFUSAL,    /* the refusal of a refused dossier */
    UP_SUPPLEMENT, /* the supplement request of a dossier */
    UP_SLIP,       /* the supplement request given at reception (no code) */
    UP_APOLOGY,    /* apology and new date, after an extension */
} ui_print_kind;
typedef struct ui_print_req {
    ui_print_kind kind;
    const char *code;          /* the committed dossier (not UP_SLIP) */
    const desk_guide_in *slip; /* UP_SLIP: what the clerk entered */
    const char *number;        /* UP_SLIP: the slip number */
    bool copy;                 /* a reprint: stamped BẢN SAO */
} ui_print_req;
typedef struct ui_print_out {
    char msg[700]; /* for the clerk: where it went */
    bool file;     /* written to a file (no printer) */
    bool planned;  /* the file is the normal outcome: no printer is set
                      up ([print] receipt_queue empty, no CUPS default) */
} ui_print_out;
/* Print a form through the CLI's path (desk_print_run.h).  MC_OK: sent to
 * the printer or kept as a PDF (out->msg says where); otherwise err says
 * why the printer could not print, and that the dossier is kept. */
mc_status ui_print(ui_app *a, const ui_print_req *rq, ui_print_out *out,
                   mc_error *err);
/* A queue ticket on the ticket printer ([print] ticket_queue), or the
 * ESC/POS file in the receipts folder when there is none. */
mc_status ui_print_ticket(ui_app *a, const char *number, const char *service,
                          ui_print_out *out, mc_error *err);
/* Release the font caches before exit (leak checkers). */
void ui_print_shutdown(void);

#endif
