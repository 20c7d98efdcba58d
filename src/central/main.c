/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c - motcua-central: flags, config file, `migrate`, and serving
 * until SIGTERM/SIGINT.
 *
 *   motcua-central [serve] --listen ADDR:PORT --tls-cert F --tls-key F
 *                  --client-ca F --pg CONNINFO [--config F] [--threads N]
 *                  [--backoffice-token-file F] [--port-file F]
 *                  [--proxy-identity-header H --trusted-proxy ADDR]
 *                  [--connector-ca F] [--connector-cn NAME]
 *   motcua-central migrate --pg CONNINFO
 *
 * The config file holds the same settings as `key = value` lines (keys are
 * the long flag names with '_' for '-'); flags win over the file.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central.h"
#include "http.h"
#include "mc_error.h"
#include "protocol.h"

static const struct option opts[] = {
    {"listen", required_argument, NULL, 'l'},
    {"tls-cert", required_argument, NULL, 'c'},
    {"tls-key", required_argument, NULL, 'k'},
    {"client-ca", required_argument, NULL, 'a'},
    {"pg", required_argument, NULL, 'p'},
    {"config", required_argument, NULL, 'f'},
    {"threads", required_argument, NULL, 't'},
    {"backoffice-token-file", required_argument, NULL, 'b'},
    {"proxy-identity-header", required_argument, NULL, 'H'},
    {"trusted-proxy", required_argument, NULL, 'P'},
    {"max-body", required_argument, NULL, 'm'},
    {"connector-ca", required_argument, NULL, 'C'},
    {"connector-cn", required_argument, NULL, 'N'},
    {"port-file", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {0, 0, 0, 0},
};

static void usage(FILE *f)
{
    fputs("usage: motcua-central [serve] --listen ADDR:PORT --tls-cert F "
          "--tls-key F --client-ca F --pg CONNINFO\n"
          "                      [--config F] [--threads N] "
          "[--backoffice-token-file F] [--port-file F]\n"
          "                      [--proxy-identity-header H --trusted-proxy "
          "ADDR] [--max-body BYTES]\n"
          "                      [--connector-ca F] [--connector-cn NAME]\n"
          "       motcua-central migrate --pg CONNINFO [--config F]\n",
          f);
}

static char *port_file;

static int set_opt(central_config *cfg, int c, const char *v)
{
    char **dst = NULL;
    switch (c) {
    case 'l': dst = &cfg->listen; break;
    case 'c': dst = &cfg->tls_cert; break;
    case 'k': dst = &cfg->tls_key; break;
    case 'a': dst = &cfg->client_ca; break;
    case 'p': dst = &cfg->pg; break;
    case 'b': dst = &cfg->backoffice_token_file; break;
    case 'H': dst = &cfg->proxy_identity_header; break;
    case 'P': dst = &cfg->trusted_proxy; break;
    case 'o': dst = &port_file; break;
    case 'C': dst = &cfg->connector_ca; break;
    case 'N': dst = &cfg->connector_cn; break;
    case 't':
    case 'm': {
        char *end;
        errno = 0;
        long long n = strtoll(v, &end, 10);
        if (errno || *end || n < 1 || (c == 't' && n > 256)) {
            fprintf(stderr, "motcua-central: --%s: bad number \"%s\"\n",
                    c == 't' ? "threads" : "max-body", v);
            return -1;
        }
        if (c == 't')
            cfg->threads = (int)n;
        else
            cfg->max_body = (size_t)n;
        return 0;
    }
    default: return -1;
    }
    free(*dst);
    *dst = *v ? mc_xstrdup(v) : NULL;
    return 0;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                 s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static int load_config(central_config *cfg, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "motcua-central: cannot read config %s\n", path);
        return -1;
    }
    char line[4096];
    int lineno = 0, rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#' || *s == ';' || *s == '[')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            fprintf(stderr, "%s:%d: expected key = value\n", path, lineno);
            rc = -1;
            continue;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        for (char *p = key; *p; p++)
            if (*p == '_')
                *p = '-';
        const struct option *o = opts;
        while (o->name && strcmp(o->name, key) != 0)
            o++;
        if (!o->name || o->has_arg != required_argument || o->val == 'f') {
            fprintf(stderr, "%s:%d: unknown key \"%s\"\n", path, lineno, key);
            rc = -1;
            continue;
        }
        if (set_opt(cfg, o->val, val) != 0)
            rc = -1;
    }
    fclose(f);
    return rc;
}

static void free_config(central_config *cfg)
{
    free(cfg->listen);
    free(cfg->tls_cert);
    free(cfg->tls_key);
    free(cfg->client_ca);
    free(cfg->pg);
    free(cfg->backoffice_token_file);
    free(cfg->proxy_identity_header);
    free(cfg->trusted_proxy);
    free(cfg->connector_ca);
    free(cfg->connector_cn);
    free(port_file);
}

static int serve(central_config *cfg)
{
    if (!cfg->pg) {
        fputs("motcua-central: --pg CONNINFO is required\n", stderr);
        return 2;
    }
    if (!cfg->listen)
        cfg->listen = mc_xstrdup("127.0.0.1:8443");
    if (cfg->proxy_identity_header && cfg->tls_cert) {
        fputs("motcua-central: --proxy-identity-header is for running "
              "behind a TLS-terminating proxy; it cannot be combined with "
              "--tls-cert\n",
              stderr);
        return 2;
    }
    central_db_setup(cfg->pg);
    char why[512];
    PGconn *c = central_db(why, sizeof why);
    if (!c) {
        /* the statements need the schema: say which is missing */
        PGconn *raw = PQconnectdb(cfg->pg);
        int v = PQstatus(raw) == CONNECTION_OK ? central_schema_version(raw)
                                               : -2;
        PQfinish(raw);
        if (v == -2)
            fprintf(stderr, "motcua-central: PostgreSQL: %s\n", why);
        else
            fprintf(stderr, "motcua-central: the database schema is not "
                            "ready (run \"motcua-central migrate\"): %s\n",
                    why);
        central_db_shutdown();
        return 1;
    }
    int v = central_schema_version(c);
    if (v != central_schema_latest()) {
        fprintf(stderr, "motcua-central: the database is at schema %d, this "
                        "program needs %d (run \"motcua-central migrate\")\n",
                v, central_schema_latest());
        central_db_shutdown();
        return 1;
    }
    /* signals go to sigwait below, not to the server's threads */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    central_server *s = central_server_start(cfg, why, sizeof why);
    if (!s) {
        fprintf(stderr, "motcua-central: %s\n", why);
        central_db_shutdown();
        return 1;
    }
    fprintf(stderr, "motcua-central: listening on port %u (%s)\n",
            central_server_port(s),
            cfg->tls_cert ? "HTTPS, client certificates"
                          : cfg->proxy_identity_header
                                ? "HTTP behind a trusted proxy"
                                : "HTTP, lookup only");
    if (port_file) {
        FILE *f = fopen(port_file, "w");
        if (f) {
            fprintf(f, "%u\n", central_server_port(s));
            fclose(f);
        }
    }
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "motcua-central: signal %d, stopping\n", sig);
    central_server_stop(s);
    central_db_shutdown();
    return 0;
}

int main(int argc, char **argv)
{
    central_config cfg = {.threads = 8, .max_body = WIRE_MAX_BODY};
    const char *cmd = "serve";
    central_arena_install(); /* before any thread and any JSON */
    if (argc > 1 && argv[1][0] != '-') {
        cmd = argv[1];
        argv++;
        argc--;
    }
    /* the config file first, so flags win whatever their order */
    for (int i = 1; i < argc; i++) {
        const char *cf = NULL;
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            cf = argv[i + 1];
        else if (strncmp(argv[i], "--config=", 9) == 0)
            cf = argv[i] + 9;
        if (cf && load_config(&cfg, cf) != 0) {
            free_config(&cfg);
            return 2;
        }
    }
    int c, rc = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'f')
            continue;
        if (c == 'h') {
            usage(stdout);
            goto out;
        }
        if (c == 'V') {
            printf("motcua-central %s\n", MOTCUA_VERSION);
            goto out;
        }
        if (c == '?' || set_opt(&cfg, c, optarg) != 0) {
            usage(stderr);
            rc = 2;
            goto out;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "motcua-central: unexpected argument \"%s\"\n",
                argv[optind]);
        rc = 2;
    } else if (strcmp(cmd, "migrate") == 0) {
        if (!cfg.pg) {
            fputs("motcua-central migrate: --pg CONNINFO is required\n",
                  stderr);
            rc = 2;
        } else {
            rc = central_migrate(cfg.pg);
        }
    } else if (strcmp(cmd, "serve") == 0) {
        rc = serve(&cfg);
    } else {
        fprintf(stderr, "motcua-central: unknown command \"%s\"\n", cmd);
        usage(stderr);
        rc = 2;
    }
out:
    free_config(&cfg);
    return rc;
}
