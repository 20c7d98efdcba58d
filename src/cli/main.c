/* main.c - `motcua`: global options, then one subcommand.
 *
 *   motcua [--db PATH] [--config PATH] [--user LOGIN] [--json] COMMAND ...
 *
 * Global options may also follow the subcommand's name; they are taken out
 * before the subcommand parses its own. */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "config.h"

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

static void setup_i18n(void)
{
    setlocale(LC_ALL, "");
    const char *dir = getenv("MOTCUA_LOCALEDIR");
    bindtextdomain("motcua", dir && *dir ? dir : MOTCUA_LOCALEDIR);
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
    setup_i18n();
    cli_ctx ctx = {0};
    argc = take_globals(&ctx, argc, argv);
    if (argc < 0)
        return 2;
    if (!ctx.user)
        ctx.user = getenv("MOTCUA_USER");
    if (argc < 2) {
        /* The TUI arrives with its own issue; until then, help. */
        usage(stdout);
        return 0;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("motcua %s\n", MOTCUA_VERSION);
        return 0;
    }
    if (strcmp(name, "--help") == 0 || strcmp(name, "help") == 0 ||
        strcmp(name, "-h") == 0) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(name, commands[i].name) == 0) {
            int rc = commands[i].fn(&ctx, argc - 1, argv + 1);
            if (ctx.desk)
                desk_close(ctx.desk);
            cfg_free(ctx.cfg);
            return rc;
        }
    fprintf(stderr, _("motcua: không có lệnh \"%s\"\n\n"), name);
    usage(stderr);
    return 2;
}
