/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_text.c - Vietnamese text tools.
 *
 *   motcua text fold STRING...        the folded search key
 *   motcua text nfc STRING...         the NFC form
 *   motcua text telex [--new-style] KEYS...   Telex typing, NFC result
 *   motcua text vni [--new-style] KEYS...     VNI typing, NFC result
 *   motcua text sort-names            names on stdin, one a line, sorted
 *                                     the Vietnamese way
 * Several arguments are joined with one space. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "telex.h"
#include "vntext.h"

#define TEXT_MAX (64 * 1024)       /* one argument string */
#define SORT_MAX_LINES (100 * 1000) /* sort-names input */

/* The non-option arguments after the subcommand joined by spaces (malloc'd)
 * or NULL when too long; flags --json and --new-style are picked out. */
static char *join_args(cli_ctx *ctx, int argc, char **argv, bool *new_style)
{
    size_t len = 0;
    char *s = mc_xstrdup("");
    bool first = true;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            ctx->json = true;
            continue;
        }
        if (new_style && strcmp(argv[i], "--new-style") == 0) {
            *new_style = true;
            continue;
        }
        size_t n = strlen(argv[i]);
        if (len + n + 2 > TEXT_MAX) {
            free(s);
            return NULL;
        }
        s = mc_xrealloc(s, len + n + 2);
        if (!first)
            s[len++] = ' ';
        memcpy(s + len, argv[i], n + 1);
        len += n;
        first = false;
    }
    return s;
}

static int print_result(cli_ctx *ctx, const char *in, const char *out)
{
    if (ctx->json)
        return cli_print_json(json_pack("{s:s, s:s}", "input", in, "output",
                                        out));
    printf("%s\n", out);
    return 0;
}

static int text_sort_names(cli_ctx *ctx)
{
    char **lines = NULL;
    size_t n = 0, cap = 0;
    char *line;
    mc_error err = {0};
    int rc = 0;
    while ((line = cli_read_line(stdin)) != NULL) {
        char *nfc = NULL;
        mc_status st = vn_nfc(line, "name", &nfc, &err);
        free(line);
        if (st != MC_OK) {
            rc = cli_fail(ctx, &err);
            goto out;
        }
        if (!*nfc) {
            free(nfc);
            continue;
        }
        if (n == SORT_MAX_LINES) {
            free(nfc);
            mc_fail(&err, MC_ELIMIT, "name", _("Quá %d dòng"), SORT_MAX_LINES);
            rc = cli_fail(ctx, &err);
            goto out;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            lines = mc_xrealloc(lines, cap * sizeof *lines);
        }
        lines[n++] = nfc;
    }
    /* sort by precomputed keys: one key per name, not one per comparison */
    char **keys = mc_xcalloc(n ? n : 1, sizeof *keys);
    size_t *idx = mc_xcalloc(n ? n : 1, sizeof *idx);
    for (size_t i = 0; i < n; i++) {
        keys[i] = vn_name_key(lines[i]);
        idx[i] = i;
    }
    /* a stable bottom-up merge sort of indices by key */
    size_t *tmp = mc_xcalloc(n ? n : 1, sizeof *tmp);
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t a = lo, b = mid, k = lo;
            while (a < mid || b < hi) {
                bool take_a = b >= hi;
                if (a < mid && b < hi) {
                    int c = strcmp(keys[idx[a]], keys[idx[b]]);
                    if (c == 0)
                        c = strcmp(lines[idx[a]], lines[idx[b]]);
                    take_a = c <= 0;
                }
                tmp[k++] = take_a ? idx[a++] : idx[b++];
            }
        }
        memcpy(idx, tmp, n * sizeof *idx);
    }
    json_t *arr = ctx->json ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        if (arr)
            json_array_append_new(arr, json_string(lines[idx[i]]));
        else
            printf("%s\n", lines[idx[i]]);
    }
    if (arr)
        cli_print_json(arr);
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
    free(idx);
    free(tmp);
out:
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
    return rc;
}

int cmd_text(cli_ctx *ctx, int argc, char **argv)
{
    const char *usage = _("fold CHUỖI | nfc CHUỖI | telex [--new-style] PHÍM "
                          "| vni [--new-style] PHÍM | sort-names < DANH_SÁCH");
    if (argc < 2)
        return cli_usage("text", "%s", usage);
    const char *sub = argv[1];
    if (strcmp(sub, "sort-names") == 0)
        return text_sort_names(ctx);
    bool typing = strcmp(sub, "telex") == 0 || strcmp(sub, "vni") == 0;
    if (!typing && strcmp(sub, "fold") != 0 && strcmp(sub, "nfc") != 0)
        return cli_usage("text", _("không có lệnh con \"%s\"; dùng %s"), sub,
                         usage);
    bool new_style = false;
    char *in = join_args(ctx, argc - 1, argv + 1, typing ? &new_style : NULL);
    if (!in) {
        mc_error err;
        mc_fail(&err, MC_ELIMIT, "text", _("Chuỗi dài quá %d byte"), TEXT_MAX);
        return cli_fail(ctx, &err);
    }
    int rc = 0;
    char *out = NULL;
    mc_error err = {0};
    if (strcmp(sub, "fold") == 0) {
        out = vn_fold(in);
    } else if (strcmp(sub, "nfc") == 0) {
        if (vn_nfc(in, "text", &out, &err) != MC_OK)
            rc = cli_fail(ctx, &err);
    } else {
        out = telex_convert(in, strcmp(sub, "vni") == 0 ? TELEX_METHOD_VNI
                                                        : TELEX_METHOD_TELEX,
                            new_style);
    }
    if (out)
        rc = print_result(ctx, in, out);
    free(out);
    free(in);
    return rc;
}
