/* SPDX-License-Identifier: GPL-3.0-or-later */
/* intake_many DB LOGIN PASSWORD N - take in N dossiers, one transaction
 * each, as one desk process would; prints the codes.  Used by the
 * concurrency test (several of these run at once on one database). */
#include <stdio.h>
#include <stdlib.h>

#include "desk.h"

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: intake_many DB LOGIN PASSWORD N\n");
        return 2;
    }
    long n = strtol(argv[4], NULL, 10);
    mc_desk *d = NULL;
    mc_error err = {0};
    if (desk_open(argv[1], &d, &err) || desk_login(d, argv[2], argv[3], &err)) {
        fprintf(stderr, "intake_many: %s\n", err.msg);
        desk_close(d);
        return 1;
    }
    desk_paper_in paper = {"Danh sách do người sử dụng lao động lập",
                           "original", 1};
    desk_intake_in in = {
        .procedure_code = "1.014166",
        .applicant_name = "Nguyễn Thị Hường",
        .id_number = "001190012345",
        .papers = &paper,
        .n_papers = 1,
    };
    int rc = 0;
    for (long i = 0; i < n; i++) {
        mc_dossier ds;
        if (desk_intake(d, &in, &ds, &err)) {
            fprintf(stderr, "intake_many: dossier %ld: %s\n", i + 1, err.msg);
            rc = 1;
            break;
        }
        printf("%s\n", ds.code);
        mc_dossier_free(&ds);
    }
    desk_close(d);
    return rc;
}
