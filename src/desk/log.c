/* SPDX-License-Identifier: GPL-3.0-or-later */
/* log.c - syslog with levels, stderr when interactive (see log.h). */
#include "log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

static struct {
    bool ready;
    const char *ident;
    int facility;
    int max_syslog;     /* most detailed level sent to syslog */
    int max_stderr;     /* most detailed level shown on a terminal */
    bool to_syslog;
    bool to_stderr;     /* stderr is a terminal (or MOTCUA_LOG=stderr) */
} lg = {.ident = "motcua", .facility = LOG_USER};

int mc_log_level_parse(const char *name)
{
    static const struct {
        const char *name;
        int level;
    } names[] = {{"err", MC_LOG_ERR},       {"error", MC_LOG_ERR},
                 {"warning", MC_LOG_WARNING}, {"warn", MC_LOG_WARNING},
                 {"notice", MC_LOG_NOTICE}, {"info", MC_LOG_INFO},
                 {"debug", MC_LOG_DEBUG}};
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i].name) == 0)
            return names[i].level;
    return -1;
}

static void setup(void)
{
    if (lg.ready)
        return;
    lg.ready = true;
    lg.max_syslog = MC_LOG_INFO;
    lg.max_stderr = MC_LOG_WARNING;
    int lvl = mc_log_level_parse(getenv("MOTCUA_LOG_LEVEL"));
    if (lvl >= 0)
        lg.max_syslog = lg.max_stderr = lvl;
    const char *where = getenv("MOTCUA_LOG");
    if (where && strcmp(where, "stderr") == 0) {
        lg.to_syslog = false;
        lg.to_stderr = true;
        lg.max_stderr = lg.max_syslog;
    } else if (where && strcmp(where, "syslog") == 0) {
        lg.to_syslog = true;
        lg.to_stderr = false;
    } else {
        lg.to_syslog = true;
        lg.to_stderr = isatty(STDERR_FILENO);
    }
    if (lg.to_syslog)
        openlog(lg.ident, LOG_PID | LOG_NDELAY, lg.facility);
}

void mc_log_init(const char *ident, int daemon)
{
    if (lg.ready && lg.to_syslog)
        closelog();
    lg.ready = false;
    lg.ident = ident && *ident ? ident : "motcua";
    lg.facility = daemon ? LOG_DAEMON : LOG_USER;
    setup();
}

void mc_log_set_level(mc_log_level max)
{
    setup();
    lg.max_syslog = lg.max_stderr = (int)max;
}

static const char *level_name(int level)
{
    switch (level) {
    case MC_LOG_ERR: return "error";
    case MC_LOG_WARNING: return "warning";
    case MC_LOG_NOTICE: return "notice";
    case MC_LOG_INFO: return "info";
    default: return "debug";
    }
}

void mc_log(mc_log_level level, const char *fmt, ...)
{
    setup();
    int lv = (int)level;
    bool sys = lg.to_syslog && lv <= lg.max_syslog;
    bool err = lg.to_stderr && lv <= lg.max_stderr;
    if (!sys && !err)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    /* one line: no newline or escape from outside text reaches the log */
    for (unsigned char *p = (unsigned char *)msg; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            *p = '?';
    if (sys)
        syslog(lv, "%s", msg);
    if (err)
        fprintf(stderr, "%s: %s: %s\n", lg.ident, level_name(lv), msg);
}

const char *mc_log_mask_id(const char *id, char buf[static MC_LOG_MASK_MAX])
{
    buf[0] = '\0';
    if (!id)
        return buf;
    size_t n = strlen(id);
    if (n >= MC_LOG_MASK_MAX)
        n = MC_LOG_MASK_MAX - 1;
    size_t head = 0, tail = 0;
    bool ascii = true;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)id[i] >= 0x80)
            ascii = false;
    if (ascii && n >= 10) {
        head = 4;
        tail = 2;
    } else if (ascii && n >= 7) {
        head = 2;
        tail = 2;
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = (i < head || i >= n - tail) ? id[i] : '*';
    buf[n] = '\0';
    return buf;
}
