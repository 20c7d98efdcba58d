/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c - `motcua`: global options, then one subcommand.
 *
 *   motcua [--db PATH] [--config PATH] [--user LOGIN] [--json] COMMAND ...
 *
 * Global options may also follow the subcommand's name; they are taken out
 * before the subcommand parses its own. */
#include <getopt.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "config.h"
#ifdef HAVE_MOTCUA_UI
#include "ui.h"
#endif

static const struct {
    const char *name;
    cli_cmd_fn fn;
    const char *help;
} commands[] = {
#define X(n, f, h) {n, f, h},
    CLI_COMMAND_LIST(X)
#undef X
};

static void usage(FILE *out)
{
    fprintf(out, "%s\n\n", _("Cách dùng: motcua [--db TỆP] [--config TỆP] "
                             "[--user TÊN] [--json] LỆNH ..."));
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, _(commands[i].help));
    fprintf(out, "\n  --version, --help\n");
}

/* Where the message catalogues are: MOTCUA_LOCALEDIR when set; else a
 * build tree's own `locale/` folder beside the binary (po/CMakeLists.txt
 * compiles the catalogues there), so English works from a build without
 * installing; else the installed folder.  An installed binary has no
 * `locale/` folder beside it (bin/locale), so it keeps the installed one. */
static const char *locale_dir(char *buf, size_t size)
{
    const char *dir = getenv("MOTCUA_LOCALEDIR");
    if (dir && *dir)
        return dir;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(buf, size, "%s/locale/en/LC_MESSAGES/motcua.mo", exe);
            struct stat st;
            if (stat(buf, &st) == 0 && S_ISREG(st.st_mode)) {
                snprintf(buf, size, "%s/locale", exe);
                return buf;
            }
        }
    }
    return MOTCUA_LOCALEDIR;
}

static bool starts_en(const char *v)
{
    return v && strncmp(v, "en", 2) == 0;
}

/* Vietnamese is the message ids themselves, so it needs nothing.  English
 * comes from po/en.po when the environment asks for it (LANGUAGE, LC_ALL,
 * LC_MESSAGES or LANG starting with "en") or, when the environment says
 * nothing, the configuration's desk.language.  gettext ignores LANGUAGE
 * under the C locale and an uninstalled en_US locale falls back to C, so
 * messages then run under C.UTF-8, which every Debian has. */
static void setup_i18n(const mc_config *cfg)
{
    if (!setlocale(LC_ALL, ""))
        setlocale(LC_ALL, "C.UTF-8");
    const char *env = NULL;
    static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES",
                                       "LANG"};
    for (size_t i = 0; i < 4 && !env; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v && strcmp(v, "C") != 0 && strcmp(v, "POSIX") != 0 &&
            strncmp(v, "C.", 2) != 0)
            env = v;
    }
    bool english = env ? starts_en(env)
                       : (cfg && starts_en(cfg_get(cfg, "desk", "language")));
    if (english) {
        setenv("LANGUAGE", "en", 1);
        const char *cur = setlocale(LC_MESSAGES, NULL);
        if (!cur || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
            setlocale(LC_MESSAGES, "C.UTF-8");
    } else {
        /* a Vietnamese desk stays Vietnamese whatever else LANGUAGE lists */
        unsetenv("LANGUAGE");
    }
    char buf[4200];
    bindtextdomain("motcua", locale_dir(buf, sizeof buf));
    bind_textdomain_codeset("motcua", "UTF-8");
    textdomain("motcua");
}

/* Remove the global options from argv wherever they stand; returns the new
 * argc, or -1 after printing a usage error. */
static int take_globals(cli_ctx *ctx, int argc, char **argv)
{
    int out = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--") == 0) {
            while (i < argc)
                argv[out++] = argv[i++];
            break;
        }
        if (strcmp(a, "--json") == 0) {
            ctx->json = true;
            continue;
        }
        if (strcmp(a, "--db") == 0)
            slot = &ctx->db_path;
        else if (strcmp(a, "--config") == 0)
            slot = &ctx->config_path;
        else if (strcmp(a, "--user") == 0)
            slot = &ctx->user;
        if (slot) {
            if (i + 1 >= argc) {
                fprintf(stderr, _("motcua: %s cần một giá trị\n"), a);
                return -1;
            }
            *slot = argv[++i];
            continue;
        }
        static const char *eq[] = {"--db=", "--config=", "--user="};
        const char **eqslot[] = {&ctx->db_path, &ctx->config_path, &ctx->user};
        bool taken = false;
        for (int k = 0; k < 3; k++)
            if (strncmp(a, eq[k], strlen(eq[k])) == 0) {
                *eqslot[k] = a + strlen(eq[k]);
                taken = true;
            }
        if (!taken)
            argv[out++] = argv[i];
    }
    argv[out] = NULL;
    return out;
}

int main(int argc, char **argv)
{
    cli_ctx ctx = {0};
    /* jansson out of memory ends the process (exit 12, mc_error.c) instead
     * of returning NULL or quietly dropping a key from an event payload */
    json_set_alloc_funcs(mc_xmalloc, free);
    argc = take_globals(&ctx, argc, argv);
    if (argc < 0)
        return 2;
    /* the configuration picks the language; a load failure is reported
     * by the first command that needs the desk */
    mc_error cfg_err;
    if (cfg_load(ctx.config_path, &ctx.cfg, &cfg_err) != MC_OK)
        ctx.cfg = NULL;
    setup_i18n(ctx.cfg);
    if (!ctx.user)
        ctx.user = getenv("MOTCUA_USER");
    int rc = 0;
    if (argc < 2) {
#ifdef HAVE_MOTCUA_UI
        /* bare `motcua`: the counter TUI */
        ui_opts uo = {cli_db_path(&ctx), ctx.config_path, ctx.user};
        rc = ui_run(&uo);
#else
        usage(stdout);
#endif
        goto out;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("motcua %s\n", MOTCUA_VERSION);
        goto out;
    }
    if (strcmp(name, "--help") == 0 || strcmp(name, "help") == 0 ||
        strcmp(name, "-h") == 0) {
        usage(stdout);
        goto out;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(name, commands[i].name) == 0) {
            /* "motcua demo --help" must never act (demo would create an
             * office): a command asked for help says what it does */
            if (argc > 2 && (strcmp(argv[2], "--help") == 0 ||
                             strcmp(argv[2], "-h") == 0)) {
                printf("motcua %s: %s\n%s\n", name, _(commands[i].help),
                       _("Các lệnh con và tuỳ chọn: man motcua"));
                goto out;
            }
            rc = commands[i].fn(&ctx, argc - 1, argv + 1);
            goto out;
        }
    fprintf(stderr, _("motcua: không có lệnh \"%s\"\n\n"), name);
    usage(stderr);
    rc = 2;
out:
    if (ctx.desk)
        desk_close(ctx.desk);
    cfg_free(ctx.cfg);
    return rc;
}
