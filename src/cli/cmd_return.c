/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_return.c - motcua dossier return CODE: the result goes back by the
 * channel chosen at intake (or --channel):
 *   desk        --receiver-name --receiver-id [--receiver-relation]
 *   post        --tracking-number [--posted-on YYYY-MM-DD]
 *   electronic  --result FILE.pdf (signed when the office has a key; the
 *               dossier then waits for the centre to confirm delivery) */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "desk_returns.h"

int cmd_dossier_return(cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"channel", required_argument, NULL, 'c'},
        {"note", required_argument, NULL, 'n'},
        {"receiver-name", required_argument, NULL, 'R'},
        {"receiver-id", required_argument, NULL, 'I'},
        {"receiver-relation", required_argument, NULL, 'L'},
        {"tracking-number", required_argument, NULL, 'T'},
        {"posted-on", required_argument, NULL, 'P'},
        {"result", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 't'},
        {0, 0, 0, 0},
    };
    const char *cmd = "dossier return";
    desk_return_in in = {0};
    int c;
    cli_reset_getopt();
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'c': in.channel = optarg; break;
        case 'n': in.note = optarg; break;
        case 'R': in.receiver_name = optarg; break;
        case 'I': in.receiver_id = optarg; break;
        case 'L': in.receiver_relation = optarg; break;
        case 'T': in.tracking_number = optarg; break;
        case 'P': in.posted_on = optarg; break;
        case 'F': in.result_file = optarg; break;
        case 't': return cli_usage(cmd, "%s", _("không dùng --to với return"));
        default: return 2;
        }
    }
    if (optind != argc - 1)
        return cli_usage(cmd, "%s", _("cần đúng một MÃ_HỒ_SƠ"));
    in.code = argv[optind];
    int rc;
    mc_desk *d = cli_desk(ctx, true, &rc);
    if (!d)
        return rc;
    mc_dossier ds;
    mc_error err = {0};
    if (desk_return(d, &in, &ds, &err))
        return cli_fail(ctx, &err);
    if (ctx->json)
        rc = cli_print_json(desk_dossier_json(&ds, desk_now(d)));
    else if (ds.status == ST_RETURNED)
        printf("%s %s %s\n", ds.code, status_name(ds.status),
               return_channel_name(ds.returned_via));
    else /* sent electronically, awaiting the centre's confirmation */
        printf("%s %s\n", ds.code, "result_sent");
    mc_dossier_free(&ds);
    return rc;
}

void cli_return_lines(const mc_dossier *ds)
{
    printf("  %-18s %s\n", _("Hình thức trả KQ:"),
           return_channel_label(ds->return_channel ? ds->return_channel
                                                   : RET_DESK));
    if (ds->returned_via) {
        char at[26];
        mc_ts_format_vn(ds->returned_at, at);
        printf("  %-18s %s — %s\n", _("Đã trả kết quả:"),
               return_channel_label(ds->returned_via), at);
    }
    if (ds->post_tracking) {
        char on[11] = "-";
        if (ds->posted_on.y)
            mc_date_format(ds->posted_on, on);
        printf("  %-18s %s (%s %s)\n", _("Số hiệu bưu gửi:"),
               ds->post_tracking, _("gửi ngày"), on);
    }
    if (ds->result_sent_at > 0 && ds->status != ST_RETURNED) {
        char at[26];
        mc_ts_format_vn(ds->result_sent_at, at);
        printf("  %-18s %s — %s\n", _("Đã gửi điện tử:"), at,
               _("chờ xác nhận đã nhận"));
    }
}

void cli_return_event_detail(const char *data)
{
    json_t *o = data ? json_loads(data, 0, NULL) : NULL;
    const char *ch = json_string_value(json_object_get(o, "channel"));
    unsigned c = 0;
    if (ch && return_channel_parse(ch, &c)) {
        const char *tn =
            json_string_value(json_object_get(o, "tracking_number"));
        const char *on = json_string_value(json_object_get(o, "posted_on"));
        const char *sha = json_string_value(json_object_get(o, "sha256"));
        printf("      %s%s%s%s%s", return_channel_label(c), tn ? " " : "",
               tn ? tn : "", on ? " " : "", on ? on : "");
        if (sha)
            printf(" %s %.12s…%s", _("tệp"), sha,
                   json_is_true(json_object_get(o, "signed"))
                       ? _(" (đã ký số)")
                       : "");
        printf("\n");
    }
    json_decref(o);
}
