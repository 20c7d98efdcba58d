/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.h - what every subcommand shares. */
#ifndef MOTCUA_CLI_H
#define MOTCUA_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "desk.h"
#include "mc_error.h"

typedef struct cli_ctx {
    const char *db_path;     /* --db, $MOTCUA_DB, or the user's data dir */
    const char *config_path; /* --config */
    const char *user;        /* --user, $MOTCUA_USER */
    bool json;               /* --json */
    mc_desk *desk;           /* opened lazily by cli_desk() */
    struct mc_config *cfg;   /* loaded with the desk (cli_desk) */
    bool password_only;      /* cli_desk ignores sessions (motcua login) */
} cli_ctx;

/* A subcommand: argv[0] is its own name; returns the process exit code. */
typedef int (*cli_cmd_fn)(cli_ctx *ctx, int argc, char **argv);

/* Open the database (and log in when `login` is true: --user, password from
 * $MOTCUA_PASSWORD or asked on the terminal).  On failure prints the error
 * and returns NULL; *rc gets the exit code. */
mc_desk *cli_desk(cli_ctx *ctx, bool login, int *rc);

/* Sign-in sessions (cli_session.c).  The token of `login` for this
 * database: $MOTCUA_SESSION, else the session file (*from_env tells which);
 * NULL when there is none.  Malloc'd. */
char *cli_session_token(cli_ctx *ctx, const char *login, bool *from_env);
/* The session file's token alone (NULL when none or not trusted). */
char *cli_session_file_token(cli_ctx *ctx, const char *login);
/* The session file: $XDG_RUNTIME_DIR/motcua/session-<database>-<login>
 * (0600).  false when XDG_RUNTIME_DIR is unset or the login is unusable
 * in a file name. */
bool cli_session_path(cli_ctx *ctx, const char *login, char *out, size_t n);

/* Print the error (stderr; with --json also a JSON object on stdout) and
 * return its exit code. */
int cli_fail(cli_ctx *ctx, const mc_error *err);
/* A usage error: prints "motcua CMD: message" and returns 2. */
int cli_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Print a JSON value (and decref it); returns 0. */
int cli_print_json(json_t *v);

/* A whole decimal number in lo..hi: optional '-', digits, nothing else (no
 * blanks, no '+', no "1e3"), no overflow.  The one parser behind every
 * numeric option, so "--limit abc" is refused like "--copies abc". */
bool cli_parse_long(const char *s, long lo, long hi, long *out);

/* getopt_long wrapper state is per call: subcommands use getopt_long with
 * optind reset to 1 themselves (cli_reset_getopt). */
void cli_reset_getopt(void);

/* --db, $MOTCUA_DB, else $XDG_DATA_HOME/motcua/motcua.db
 * (~/.local/share/motcua/motcua.db). */
const char *cli_db_path(cli_ctx *ctx);
/* One line without its newline (malloc'd), NULL at end of input. */
char *cli_read_line(FILE *in);
/* Ask for a password on the terminal without echo (malloc'd; NULL when
 * there is no terminal). */
char *cli_password(const char *login);
/* Print s padded with spaces to `width` terminal columns, left- or
 * right-aligned (printf's %-10s counts bytes, which misaligns Vietnamese:
 * NFC Vietnamese letters are one column each). */
void cli_cell(const char *s, int width, bool left);
/* Create the folders above a file path (0700); 0 on success. */
int cli_make_parent(const char *path);

#endif
