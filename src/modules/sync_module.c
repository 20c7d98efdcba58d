/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sync_module.c - the table motcua-sync.so exports (modules.h): the sync
 * worker (src/sync/) with libcurl, loaded by `motcua sync`. */
#include "modules.h"

__attribute__((visibility("default"))) const motcua_sync_api
    motcua_sync_module = {
        .abi = MOTCUA_MODULE_ABI,
        .version = MOTCUA_VERSION,
        .once = sync_once,
        .reconcile = sync_reconcile,
        .daemon = sync_daemon,
        .err_tag = sync_err_tag,
};
