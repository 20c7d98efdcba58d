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

#endif
