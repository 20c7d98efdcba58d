/* SPDX-License-Identifier: GPL-3.0-or-later */
/* http.h - the HTTP(S) server of motcua-central (libmicrohttpd). */
#ifndef MOTCUA_CENTRAL_HTTP_H
#define MOTCUA_CENTRAL_HTTP_H

#include "central.h"

typedef struct central_server central_server;

/* Start listening (a thread pool of cfg->threads); NULL with a reason. */
central_server *central_server_start(const central_config *cfg, char *why,
                                     size_t why_size);
/* The bound port (useful with --listen ADDR:0). */
unsigned short central_server_port(const central_server *s);
void central_server_stop(central_server *s);

#endif
