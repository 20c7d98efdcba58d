/* SPDX-License-Identifier: GPL-3.0-or-later */
/* load.c - find and open the printing and sync modules (modules.h).
 *
 * Where a module is looked for: only in $MOTCUA_MODULE_DIR when it is set
 * (tests); otherwise in the folder of the running binary (the build tree:
 * the modules are built next to `motcua`), then in ../${libdir}/motcua
 * from it (an install moved with --prefix), then in MOTCUA_MODULE_DIR as
 * configured, ${libdir}/motcua (cmake --install, the Debian package).  The first file that exists is opened (RTLD_NOW: a module that does not
 * fit this binary fails here, with the loader's reason, not at a call). */
#include "modules.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MOTCUA_MODULE_DIR
#define MOTCUA_MODULE_DIR "/usr/lib/motcua"
#endif
#ifndef MOTCUA_MODULE_RELDIR
#define MOTCUA_MODULE_RELDIR "lib/motcua"
#endif

/* The folder of the running binary ("" when unknown). */
static void exe_dir(char *out, size_t n)
{
    char buf[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", buf, sizeof buf - 1);
    out[0] = '\0';
    if (len <= 0)
        return;
    buf[len] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return;
    *slash = '\0';
    snprintf(out, n, "%s", buf);
}

/* The path of `file` in the first folder that has it; the last folder
 * tried when none has it. */
static void find_module(const char *file, char *path, size_t n)
{
    char exe[PATH_MAX], rel[PATH_MAX + 64];
    exe_dir(exe, sizeof exe);
    snprintf(rel, sizeof rel, "%s/../%s", exe, MOTCUA_MODULE_RELDIR);
    const char *env = getenv("MOTCUA_MODULE_DIR");
    const char *dirs[4];
    size_t nd = 0;
    if (env && *env) {
        dirs[nd++] = env;
    } else {
        if (exe[0]) {
            dirs[nd++] = exe;
            dirs[nd++] = rel;
        }
        dirs[nd++] = MOTCUA_MODULE_DIR;
    }
    for (size_t i = 0; i < nd; i++) {
        snprintf(path, n, "%s/%s", dirs[i], file);
        if (access(path, F_OK) == 0)
            return;
    }
}

/* "printing module not installed: WHY" (or the sync module's). */
static void not_installed(mc_error *err, bool sync, const char *why)
{
    if (sync)
        mc_fail(err, MC_EIO, "module", _("Chưa cài mô-đun đồng bộ: %s"), why);
    else
        mc_fail(err, MC_EIO, "module", _("Chưa cài mô-đun in: %s"), why);
}

/* Open `file` and return its table `symbol`; checks the ABI and version
 * in the two first fields every table starts with. */
static const void *load(const char *file, const char *symbol, bool sync,
                        mc_error *err)
{
    char path[2 * PATH_MAX + 128];
    find_module(file, path, sizeof path);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        not_installed(err, sync, why ? why : path);
        return NULL;
    }
    const struct {
        int abi;
        const char *version;
    } *t = dlsym(h, symbol);
    if (!t) {
        not_installed(err, sync, path);
        dlclose(h);
        return NULL;
    }
    if (t->abi != MOTCUA_MODULE_ABI || strcmp(t->version, MOTCUA_VERSION)) {
        char why[2 * PATH_MAX + 400];
        snprintf(why, sizeof why,
                 "%s: built for motcua %s (ABI %d), this is motcua %s "
                 "(ABI %d)",
                 path, t->version, t->abi, MOTCUA_VERSION, MOTCUA_MODULE_ABI);
        not_installed(err, sync, why);
        dlclose(h);
        return NULL;
    }
    return t; /* the module stays open until the process ends */
}

static const motcua_print_api *print_api;
static const motcua_sync_api *sync_api;

const motcua_print_api *motcua_print_load(mc_error *err)
{
    if (!print_api)
        print_api = load("motcua-print.so", MOTCUA_PRINT_SYMBOL,
                         false, err);
    return print_api;
}

const motcua_print_api *motcua_print_loaded(void)
{
    return print_api;
}

const motcua_sync_api *motcua_sync_load(mc_error *err)
{
    if (!sync_api)
        sync_api = load("motcua-sync.so", MOTCUA_SYNC_SYMBOL,
                        true, err);
    return sync_api;
}
