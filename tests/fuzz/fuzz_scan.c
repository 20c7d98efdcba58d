/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_scan.c - libFuzzer target: the scanned-file checks (scanfile.h) on
 * any bytes under any of the names a clerk's file may have.  An accepted
 * file's type is the one its first bytes announce and agrees with its
 * name; a refusal always names the file and says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scanfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"a.pdf", "b.png", "c.jpg", "d.JPEG",
                                        "scan",  "e.tif", NULL,    "dir/f.Pdf"};
    if (size < 1)
        return 0;
    const char *name = names[data[0] % (sizeof names / sizeof *names)];
    /* the rest in a buffer of its own size, so reading past it is caught */
    size_t n = size - 1;
    unsigned char *buf = malloc(n ? n : 1);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, n);
    scan_info info;
    mc_error err;
    memset(&err, 0, sizeof err);
    mc_status rc = scan_check(n ? buf : NULL, n, name, &info, &err);
    if (rc == MC_OK) {
        if (info.kind == SCAN_NONE || info.kind != scan_sniff(buf, n) ||
            !info.mime || !info.ext || info.pages < 0)
            abort();
        if (info.kind != SCAN_PDF && info.pages != 1)
            abort();
    } else {
        if (rc != MC_EINVAL || !err.msg[0] || strcmp(err.field, "file") != 0)
            abort();
        if (name && !strstr(err.msg, name))
            abort();
    }
    free(buf);
    return 0;
}
