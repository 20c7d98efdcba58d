/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_config.c - libFuzzer target: the configuration file reader and its
 * checks on any bytes (read from a memory file, as from disk).  Every
 * problem carries a message; every key the program knows still answers. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_problem(const cfg_problem *p, void *ud)
{
    (void)ud;
    if (!p->msg || p->msg[0] == '\0')
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("motcua.conf", 0);
        if (fd < 0)
            return 0;
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        return 0;
    mc_config *c = NULL;
    mc_error err;
    mc_error_clear(&err);
    if (cfg_load_file(path, &c, &err) == MC_OK) {
        (void)cfg_check(c, on_problem, NULL);
        for (size_t i = 0; i < cfg_option_count(); i++) {
            const cfg_option *o = cfg_option_at(i);
            if (!cfg_get(c, o->section, o->key))
                abort(); /* a known key always has a value */
            (void)cfg_origin(c, o->section, o->key);
        }
        cfg_free(c);
    } else if (err.msg[0] == '\0') {
        abort();
    }
    return 0;
}
