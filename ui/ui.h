/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui.h - the counter TUI: what `motcua` (no subcommand) runs.
 *
 * The TUI opens the office database itself and signs the clerk in on its
 * login screen; it calls only src/desk/ (and core for text and ids). */
#ifndef MOTCUA_UI_H
#define MOTCUA_UI_H

typedef struct ui_opts {
    const char *db_path;     /* the office database (required) */
    const char *config_path; /* --config, or NULL for the search order */
    const char *user;        /* login to prefill, or NULL */
} ui_opts;

/* Run the TUI until the clerk quits; returns the process exit code.  The
 * terminal is restored on every way out, including a crash. */
int ui_run(const ui_opts *opts);

/* The full-screen displays that run beside the counters, on the shared
 * office database (src/cli/cmd_dashboard.c, cmd_board.c, cmd_kiosk.c):
 *   UI_SHOW_DASHBOARD  the supervisor's live figures (read-only);
 *   UI_SHOW_BOARD      "now serving" for the lobby TV (read-only);
 *   UI_SHOW_KIOSK      citizens take a queue ticket (printed).
 * The caller opens the desk (and signs in where needed) and keeps
 * ownership of desk and cfg.  Runs until q/F10 (dashboard, board) or a
 * signal (SIGINT, SIGTERM, SIGHUP: the kiosk has no quit key); returns the
 * exit code. */
typedef enum ui_show { UI_SHOW_DASHBOARD, UI_SHOW_BOARD, UI_SHOW_KIOSK } ui_show;
struct mc_desk;
struct mc_config;
int ui_show_run(ui_show which, struct mc_desk *desk, struct mc_config *cfg);

#endif
