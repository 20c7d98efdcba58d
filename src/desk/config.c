/* SPDX-License-Identifier: GPL-3.0-or-later */
/* config.c - load, check and save the office configuration.
 *
 * inih does the INI parsing; we feed it through our own line reader so we
 * know the line of every value (Debian's inih is built without
 * INI_HANDLER_LINENO) and so that every malformed line is reported, not
 * just the first: the reader checks each line's shape itself, records a
 * problem and hands inih an empty line instead.  Indented lines are
 * refused because inih would silently read them as the continuation of
 * the previous value.
 *
 * Values that are wrong keep the default (origin "default") and become
 * problems; cfg_check lists them all.  Nothing here aborts on bad input.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vntext.h"

static const cfg_option cfg_options[] = {
#define X(s, k, t, d, c, h) {s, k, t, d, c, h},
    CFG_OPTION_LIST(X)
#undef X
};
enum { CFG_N = sizeof cfg_options / sizeof *cfg_options };

enum {
    CFG_MAX_VALUE = 500, /* bytes of one value */
    CFG_AGENCY_MAX = 35,
};

#define CFG_SYSTEM_PATH "/etc/motcua/motcua.conf"

size_t cfg_option_count(void) { return CFG_N; }

const cfg_option *cfg_option_at(size_t i)
{
    return i < CFG_N ? &cfg_options[i] : NULL;
}

static int cfg_index(const char *section, const char *key)
{
    for (int i = 0; i < CFG_N; i++)
        if (section && key && strcmp(cfg_options[i].section, section) == 0 &&
            strcmp(cfg_options[i].key, key) == 0)
            return i;
    return -1;
}

const cfg_option *cfg_option_find(const char *section, const char *key)
{
    int i = cfg_index(section, key);
    return i < 0 ? NULL : &cfg_options[i];
}

const char *cfg_type_name(cfg_type t)
{
    switch (t) {
    case CFG_STRING: return "string";
    case CFG_AGENCY: return "agency";
    case CFG_INT: return "int";
    case CFG_ENUM: return "enum";
    case CFG_TIME: return "time";
    case CFG_URL: return "url";
    case CFG_PATH: return "path";
    }
    return "?";
}

typedef struct cfg_slot {
    char *value;  /* NULL: the default */
    int line;     /* 0: the default */
    char *origin; /* "file:line" or NULL for "default" */
} cfg_slot;

struct mc_config {
    char *path; /* NULL: defaults only */
    cfg_slot v[CFG_N];
    cfg_problem *problems;
    size_t n_problems, cap_problems;
};

/* ---- problems -------------------------------------------------------- */

static void cfg_problem_add(mc_config *c, int line, const char *section,
                            const char *key, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void cfg_problem_add(mc_config *c, int line, const char *section,
                            const char *key, const char *fmt, ...)
{
    if (c->n_problems == c->cap_problems) {
        c->cap_problems = c->cap_problems ? c->cap_problems * 2 : 8;
        c->problems = mc_xrealloc(c->problems,
                                  c->cap_problems * sizeof *c->problems);
    }
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    const char *file = c->path ? c->path : "default";
    char *msg;
    if (key && *key && section && *section)
        msg = mc_xasprintf(_("%s:%d: khóa \"%s.%s\": %s"), file, line,
                           section, key, reason);
    else if (key && *key)
        msg = mc_xasprintf(_("%s:%d: khóa \"%s\": %s"), file, line, key,
                           reason);
    else
        msg = mc_xasprintf("%s:%d: %s", file, line, reason);
    cfg_problem *p = &c->problems[c->n_problems++];
    p->file = mc_xstrdup(file);
    p->line = line;
    p->section = mc_xstrdup(section ? section : "");
    p->key = mc_xstrdup(key ? key : "");
    p->msg = msg;
}

/* ---- values ---------------------------------------------------------- */

static bool cfg_has_ctl(const char *v)
{
    for (; *v; v++)
        if ((unsigned char)*v < 0x20 || *v == 0x7f)
            return true;
    return false;
}

static bool cfg_time_parse(const char *v, int *minutes)
{
    if (strlen(v) != 5 || v[2] != ':')
        return false;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (v[i] < '0' || v[i] > '9'))
            return false;
    int h = (v[0] - '0') * 10 + (v[1] - '0');
    int m = (v[3] - '0') * 10 + (v[4] - '0');
    if (h > 23 || m > 59)
        return false;
    *minutes = h * 60 + m;
    return true;
}

static bool cfg_long_parse(const char *v, long *out)
{
    if (!*v)
        return false;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end)
        return false;
    *out = n;
    return true;
}

/* Is `v` a valid value of option `o`?  When not, `why` says why. */
static bool cfg_valid(const cfg_option *o, const char *v, char *why, size_t n)
{
    if (strlen(v) > CFG_MAX_VALUE) {
        snprintf(why, n, _("giá trị dài quá %d byte"), CFG_MAX_VALUE);
        return false;
    }
    if (!vn_utf8_valid(v) || cfg_has_ctl(v)) {
        snprintf(why, n, "%s", _("giá trị phải là văn bản UTF-8 một dòng"));
        return false;
    }
    switch (o->type) {
    case CFG_STRING:
        return true;
    case CFG_AGENCY: {
        size_t len = strlen(v);
        bool ok = len <= CFG_AGENCY_MAX;
        for (size_t i = 0; ok && i < len; i++)
            ok = (v[i] >= '0' && v[i] <= '9') || (v[i] >= 'A' && v[i] <= 'Z') ||
                 v[i] == '.';
        if (!ok)
            snprintf(why, n, "%s",
                     _("mã định danh cơ quan gồm tối đa 35 ký tự 0-9, A-Z và "
                       "dấu chấm"));
        return ok;
    }
    case CFG_INT: {
        long lo = 0, hi = 0, x;
        if (sscanf(o->constraint, "%ld..%ld", &lo, &hi) != 2)
            lo = 0, hi = 0;
        if (!cfg_long_parse(v, &x) || x < lo || x > hi) {
            snprintf(why, n, _("phải là số nguyên từ %ld đến %ld"), lo, hi);
            return false;
        }
        return true;
    }
    case CFG_ENUM: {
        const char *p = o->constraint;
        size_t len = strlen(v);
        while (p && *p) {
            const char *bar = strchr(p, '|');
            size_t k = bar ? (size_t)(bar - p) : strlen(p);
            if (k == len && strncmp(p, v, k) == 0)
                return true;
            p = bar ? bar + 1 : NULL;
        }
        snprintf(why, n, _("phải là một trong: %s"), o->constraint);
        return false;
    }
    case CFG_TIME: {
        int m;
        if (!cfg_time_parse(v, &m)) {
            snprintf(why, n, "%s", _("phải là giờ dạng HH:MM (00:00..23:59)"));
            return false;
        }
        return true;
    }
    case CFG_URL: {
        if (!*v)
            return true;
        bool https_only = o->constraint && strcmp(o->constraint, "https") == 0;
        const char *host = NULL;
        if (strncmp(v, "https://", 8) == 0)
            host = v + 8;
        else if (!https_only && strncmp(v, "http://", 7) == 0)
            host = v + 7;
        bool ok = host && *host && *host != '/' && !strpbrk(v, " \t");
        if (!ok)
            snprintf(why, n, "%s",
                     https_only ? _("phải là địa chỉ https://máy-chủ/...")
                                : _("phải là địa chỉ http(s)://máy-chủ/..."));
        return ok;
    }
    case CFG_PATH:
        if (*v && *v != '/') {
            snprintf(why, n, "%s",
                     _("phải là đường dẫn tuyệt đối (bắt đầu bằng /)"));
            return false;
        }
        return true;
    }
    return true;
}

/* ---- reading a file ------------------------------------------------- */

typedef struct cfg_loader {
    mc_config *c;
    const char *text;
    size_t len, pos;
    int line;
} cfg_loader;

static bool cfg_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

/* Is this line something inih reads as we mean it?  `why` when not. */
static bool cfg_line_ok(const char *s, size_t n, const char **why)
{
    if (memchr(s, '\0', n)) {
        *why = _("dòng chứa byte NUL");
        return false;
    }
    if (n == 0 || cfg_blank(s, n))
        return true;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (s[i] == ';' || s[i] == '#')
        return true;
    if (i > 0) {
        *why = _("dòng không được thụt đầu dòng (không dùng giá trị nhiều "
                 "dòng)");
        return false;
    }
    if (s[0] == '[') {
        const char *close = memchr(s, ']', n);
        if (!close || close == s + 1) {
            *why = _("tên mục phải có dạng [tên]");
            return false;
        }
        return true;
    }
    for (size_t k = 0; k < n; k++) {
        if (s[k] == '=' || s[k] == ':')
            return k > 0;
        if (s[k] == ';' && k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
            break;
    }
    *why = _("dòng phải có dạng khóa = giá trị");
    return false;
}

static char *cfg_reader(char *str, int num, void *stream)
{
    cfg_loader *ld = stream;
    if (ld->pos >= ld->len || num < 4)
        return NULL;
    const char *start = ld->text + ld->pos;
    const char *nl = memchr(start, '\n', ld->len - ld->pos);
    size_t n = nl ? (size_t)(nl - start) : ld->len - ld->pos;
    ld->pos += n + (nl ? 1 : 0);
    ld->line++;
    if (n && start[n - 1] == '\r')
        n--;
    const char *body = start;
    size_t bn = n;
    if (ld->line == 1 && bn >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0) {
        body += 3; /* inih skips the BOM itself; we only look past it */
        bn -= 3;
    }
    const char *why = NULL;
    if (n + 3 > (size_t)num)
        cfg_problem_add(ld->c, ld->line, "", "",
                        _("dòng dài quá %d byte"), num - 3);
    else if (!cfg_line_ok(body, bn, &why))
        cfg_problem_add(ld->c, ld->line, "", "", "%s", why);
    else {
        memcpy(str, start, n);
        str[n] = '\n';
        str[n + 1] = '\0';
        return str;
    }
    str[0] = '\n';
    str[1] = '\0';
    return str;
}

static void cfg_slot_set(mc_config *c, int i, const char *value, int line)
{
    cfg_slot *s = &c->v[i];
    free(s->value);
    free(s->origin);
    s->value = mc_xstrdup(value);
    s->line = line;
    s->origin = mc_xasprintf("%s:%d", c->path, line);
}

static int cfg_on_value(void *user, const char *section, const char *name,
                        const char *value)
{
    cfg_loader *ld = user;
    mc_config *c = ld->c;
    int i = cfg_index(section, name);
    if (i < 0) {
        bool known_section = false;
        for (int k = 0; k < CFG_N; k++)
            if (strcmp(cfg_options[k].section, section) == 0)
                known_section = true;
        if (!*section)
            cfg_problem_add(c, ld->line, section, name, "%s",
                            _("khóa nằm ngoài mọi mục [...]"));
        else if (!known_section)
            cfg_problem_add(c, ld->line, section, name,
                            _("không có mục [%s] trong cấu hình"), section);
        else
            cfg_problem_add(c, ld->line, section, name,
                            _("mục [%s] không có khóa này"), section);
        return 1;
    }
    if (c->v[i].line > 0)
        cfg_problem_add(c, ld->line, section, name,
                        _("khóa đã được đặt ở dòng %d"), c->v[i].line);
    char why[256];
    if (!cfg_valid(&cfg_options[i], value, why, sizeof why)) {
        cfg_problem_add(c, ld->line, section, name, "%s", why);
        return 1;
    }
    cfg_slot_set(c, i, value, ld->line);
    return 1;
}

/* Checks between keys, reported at the line of the later key that a file
 * set (a default never disagrees with a default). */
static void cfg_cross_check(mc_config *c)
{
    static const char *const order[] = {"open", "lunch_start", "lunch_end",
                                        "close"};
    int prev = -1;
    int prev_i = -1;
    for (size_t k = 0; k < 4; k++) {
        int i = cfg_index("hours", order[k]);
        int m = cfg_get_minutes(c, "hours", order[k], -1);
        bool strict = k != 2; /* lunch may be empty: start == end */
        if (prev >= 0 && m >= 0 && (strict ? m <= prev : m < prev)) {
            int at = c->v[i].line ? i : prev_i;
            cfg_problem_add(c, c->v[at].line, "hours", cfg_options[at].key,
                            _("giờ phải theo thứ tự open < lunch_start <= "
                              "lunch_end < close (%s = %s, %s = %s)"),
                            cfg_options[prev_i].key, cfg_get(c, "hours",
                                                             cfg_options[prev_i].key),
                            order[k], cfg_get(c, "hours", order[k]));
        }
        if (m >= 0) {
            prev = m;
            prev_i = i;
        }
    }
    bool cert = cfg_is_set(c, "sync", "client_cert");
    bool key = cfg_is_set(c, "sync", "client_key");
    if (cert != key) {
        const char *set = cert ? "client_cert" : "client_key";
        const char *unset = cert ? "client_key" : "client_cert";
        int i = cfg_index("sync", set);
        cfg_problem_add(c, c->v[i].line, "sync", set,
                        _("cần đặt cả \"%s\" (chứng chỉ và khóa đi cùng nhau)"),
                        unset);
    }
}

static mc_status cfg_read_text(const char *path, char **out, size_t *len,
                               mc_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return mc_fail(err, errno == ENOENT ? MC_ENOTFOUND : MC_EIO, "config",
                       _("%s: không mở được tệp cấu hình: %s"), path,
                       strerror(errno));
    mc_status rc = MC_OK;
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = mc_fail(err, MC_EIO, "config",
                     _("%s: tệp cấu hình không phải tệp thường"), path);
        goto out;
    }
    buf = mc_xmalloc(CFG_MAX_FILE_BYTES + 2);
    size_t n = 0;
    for (;;) {
        ssize_t k = read(fd, buf + n, CFG_MAX_FILE_BYTES + 1 - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            rc = mc_fail(err, MC_EIO, "config",
                         _("%s: không đọc được tệp cấu hình: %s"), path,
                         strerror(errno));
            goto out;
        }
        if (k == 0)
            break;
        n += (size_t)k;
        if (n > CFG_MAX_FILE_BYTES) {
            rc = mc_fail(err, MC_ELIMIT, "config",
                         _("%s: tệp cấu hình dài quá %d byte"), path,
                         CFG_MAX_FILE_BYTES);
            goto out;
        }
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    buf = NULL;
out:
    free(buf);
    close(fd);
    return rc;
}

mc_config *cfg_defaults(void)
{
    return mc_xcalloc(1, sizeof(mc_config));
}

void cfg_free(mc_config *c)
{
    if (!c)
        return;
    free(c->path);
    for (int i = 0; i < CFG_N; i++) {
        free(c->v[i].value);
        free(c->v[i].origin);
    }
    for (size_t i = 0; i < c->n_problems; i++) {
        free((char *)c->problems[i].file);
        free((char *)c->problems[i].section);
        free((char *)c->problems[i].key);
        free((char *)c->problems[i].msg);
    }
    free(c->problems);
    free(c);
}

/* Report problems in file order (cross-key checks come last otherwise),
 * keeping problems of one line in the order found.  A merge sort: a file
 * of tens of thousands of bad lines (the fuzzer made one) took seconds
 * with the insertion sort this replaces. */
static void cfg_sort_problems(mc_config *c)
{
    size_t n = c->n_problems;
    if (n < 2)
        return;
    cfg_problem *tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return; /* out of memory: keep the order found */
    cfg_problem *a = c->problems;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = a[j].line < a[i].line ? a[j++] : a[i++];
            while (i < mid)
                tmp[k++] = a[i++];
            while (j < hi)
                tmp[k++] = a[j++];
        }
        memcpy(a, tmp, n * sizeof *a);
    }
    free(tmp);
}

mc_status cfg_load_file(const char *path, mc_config **out, mc_error *err)
{
    *out = NULL;
    char *text;
    size_t len;
    mc_status rc = cfg_read_text(path, &text, &len, err);
    if (rc != MC_OK)
        return rc;
    rc = cfg_load_text(text, len, path, out, err);
    free(text);
    return rc;
}

mc_status cfg_load_text(const char *text, size_t len, const char *path,
                        mc_config **out, mc_error *err)
{
    *out = NULL;
    mc_config *c = cfg_defaults();
    c->path = mc_xstrdup(path);
    cfg_loader ld = {.c = c, .text = text, .len = len};
    int r = ini_parse_stream(cfg_reader, &ld, cfg_on_value, &ld);
    if (r > 0) /* our reader hands inih only well-formed lines */
        cfg_problem_add(c, r, "", "", "%s", _("dòng không đọc được"));
    else if (r < 0) {
        cfg_free(c);
        return mc_fail(err, MC_ENOMEM, "config", _("%s: không đọc được (inih %d)"),
                       path, r);
    }
    cfg_cross_check(c);
    cfg_sort_problems(c);
    *out = c;
    return MC_OK;
}

static bool cfg_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The user's file: $XDG_CONFIG_HOME/motcua/motcua.conf, else
 * $HOME/.config/motcua/motcua.conf; NULL when neither is set. */
static char *cfg_user_path(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg == '/')
        return mc_xasprintf("%s/motcua/motcua.conf", xdg);
    const char *home = getenv("HOME");
    if (home && *home)
        return mc_xasprintf("%s/.config/motcua/motcua.conf", home);
    return NULL;
}

mc_status cfg_load(const char *explicit_path, mc_config **out, mc_error *err)
{
    *out = NULL;
    if (explicit_path && *explicit_path)
        return cfg_load_file(explicit_path, out, err);
    const char *env = getenv("MOTCUA_CONFIG");
    if (env && *env)
        return cfg_load_file(env, out, err);
    char *user = cfg_user_path();
    if (user && cfg_exists(user)) {
        mc_status rc = cfg_load_file(user, out, err);
        free(user);
        return rc;
    }
    free(user);
    if (cfg_exists(CFG_SYSTEM_PATH))
        return cfg_load_file(CFG_SYSTEM_PATH, out, err);
    *out = cfg_defaults();
    return MC_OK;
}

/* ---- getters -------------------------------------------------------- */

const char *cfg_path(const mc_config *c) { return c ? c->path : NULL; }

const char *cfg_get(const mc_config *c, const char *section, const char *key)
{
    int i = cfg_index(section, key);
    if (i < 0)
        return NULL;
    return c && c->v[i].value ? c->v[i].value : cfg_options[i].def;
}

long cfg_get_int(const mc_config *c, const char *section, const char *key,
                 long fallback)
{
    const cfg_option *o = cfg_option_find(section, key);
    long n;
    if (!o || o->type != CFG_INT || !cfg_long_parse(cfg_get(c, section, key), &n))
        return fallback;
    return n;
}

int cfg_get_minutes(const mc_config *c, const char *section, const char *key,
                    int fallback)
{
    const cfg_option *o = cfg_option_find(section, key);
    int m;
    if (!o || o->type != CFG_TIME || !cfg_time_parse(cfg_get(c, section, key), &m))
        return fallback;
    return m;
}

bool cfg_is_set(const mc_config *c, const char *section, const char *key)
{
    const char *v = cfg_get(c, section, key);
    return v && *v;
}

const char *cfg_origin(const mc_config *c, const char *section,
                       const char *key)
{
    int i = cfg_index(section, key);
    if (i < 0)
        return NULL;
    return c && c->v[i].origin ? c->v[i].origin : "default";
}

size_t cfg_check(const mc_config *c,
                 void (*fn)(const cfg_problem *p, void *ud), void *ud)
{
    if (!c)
        return 0;
    for (size_t i = 0; fn && i < c->n_problems; i++)
        fn(&c->problems[i], ud);
    return c->n_problems;
}

/* ---- saving --------------------------------------------------------- */

/* Write `text` to `path` atomically with mode 0600. */
static mc_status cfg_write_atomic(const char *path, const char *text,
                                  size_t len, mc_error *err)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? mc_xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
                      : mc_xstrdup(".");
    char *tmp = mc_xasprintf("%s/.motcua.conf.XXXXXX", dir);
    mc_status rc = MC_OK;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        rc = mc_fail(err, MC_EIO, "config",
                     _("%s: không tạo được tệp tạm trong %s: %s"), path, dir,
                     strerror(errno));
        goto out;
    }
    size_t done = 0;
    bool ok = fchmod(fd, 0600) == 0;
    while (ok && done < len) {
        ssize_t k = write(fd, text + done, len - done);
        if (k < 0 && errno == EINTR)
            continue;
        ok = k > 0;
        if (ok)
            done += (size_t)k;
    }
    ok = ok && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) != 0) {
        saved = errno;
        ok = false;
    }
    if (!ok) {
        unlink(tmp);
        rc = mc_fail(err, MC_EIO, "config", _("%s: không ghi được: %s"), path,
                     strerror(saved ? saved : errno));
        goto out;
    }
    /* the rename itself must reach the disk */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        if (fsync(dfd) != 0)
            rc = mc_fail(err, MC_EIO, "config",
                         _("%s: không đồng bộ được thư mục: %s"), dir,
                         strerror(errno));
        close(dfd);
    }
out:
    free(tmp);
    free(dir);
    return rc;
}

static mc_status cfg_mkdirs(const char *file, mc_error *err)
{
    char *p = mc_xstrdup(file);
    mc_status rc = MC_OK;
    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST) {
            rc = mc_fail(err, MC_EIO, "config", _("%s: không tạo được thư mục: %s"),
                         p, strerror(errno));
            break;
        }
        *s = '/';
    }
    free(p);
    return rc;
}

/* The name of a "key = value" line (trimmed) into buf, or "" if none. */
static void cfg_line_key(const char *s, size_t n, char *buf, size_t bn)
{
    buf[0] = '\0';
    if (n == 0 || s[0] == ' ' || s[0] == '\t' || s[0] == ';' || s[0] == '#' ||
        s[0] == '[')
        return;
    size_t k = 0;
    while (k < n && s[k] != '=' && s[k] != ':')
        k++;
    if (k == n)
        return;
    while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
        k--;
    if (k < bn) {
        memcpy(buf, s, k);
        buf[k] = '\0';
    }
}

/* The section named by a "[name]" line into buf, or false. */
static bool cfg_line_section(const char *s, size_t n, char *buf, size_t bn)
{
    if (n < 2 || s[0] != '[')
        return false;
    const char *close = memchr(s, ']', n);
    if (!close)
        return false;
    const char *a = s + 1, *b = close;
    while (a < b && (*a == ' ' || *a == '\t'))
        a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
        b--;
    size_t k = (size_t)(b - a);
    if (k >= bn)
        k = bn - 1;
    memcpy(buf, a, k);
    buf[k] = '\0';
    return true;
}

/* Replace (or add) section.key in `text`; returns the new text. */
static char *cfg_edit(const char *text, size_t len, const char *section,
                      const char *key, const char *value)
{
    char *line = mc_xasprintf("%s = %s\n", key, value);
    size_t replace_at = 0, replace_end = 0, header_end = 0;
    bool have_key = false, have_section = false;
    char cur[128] = "";
    for (size_t pos = 0; pos < len;) {
        const char *s = text + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        size_t next = pos + n + (nl ? 1 : 0);
        size_t body = n && s[n - 1] == '\r' ? n - 1 : n;
        char name[128];
        if (cfg_line_section(s, body, cur, sizeof cur)) {
            if (strcmp(cur, section) == 0 && !have_section) {
                have_section = true;
                header_end = next;
            }
        } else if (strcmp(cur, section) == 0) {
            cfg_line_key(s, body, name, sizeof name);
            if (strcmp(name, key) == 0) { /* the last one wins, as in inih */
                have_key = true;
                replace_at = pos;
                replace_end = next;
            }
        }
        pos = next;
    }
    char *out;
    if (have_key)
        out = mc_xasprintf("%.*s%s%s", (int)replace_at, text, line,
                           text + replace_end);
    else if (have_section)
        out = mc_xasprintf("%.*s%s%s", (int)header_end, text, line,
                           text + header_end);
    else
        out = mc_xasprintf("%s%s\n[%s]\n%s", text,
                           len && text[len - 1] != '\n' ? "\n" : "", section,
                           line);
    free(line);
    return out;
}

mc_status cfg_set_and_save(mc_config *c, const char *section, const char *key,
                           const char *value, mc_error *err)
{
    const cfg_option *o = cfg_option_find(section, key);
    if (!o)
        return mc_fail(err, MC_EINVAL, key ? key : "",
                       _("không có khóa \"%s.%s\" trong cấu hình"),
                       section ? section : "", key ? key : "");
    char why[256];
    if (!cfg_valid(o, value, why, sizeof why))
        return mc_fail(err, MC_EINVAL, key, _("khóa \"%s.%s\": %s"), section,
                       key, why);
    size_t vlen = strlen(value);
    if ((vlen && (value[0] == ' ' || value[vlen - 1] == ' ')) ||
        strstr(value, " ;") || strstr(value, "\t;") ||
        strlen(key) + vlen + 3 > 190)
        return mc_fail(err, MC_EINVAL, key,
                       _("khóa \"%s.%s\": giá trị không ghi được vào tệp INI "
                         "(khoảng trắng ở đầu/cuối, \" ;\" hoặc quá dài)"),
                       section, key);
    char *path = c->path ? mc_xstrdup(c->path) : cfg_user_path();
    if (!path)
        return mc_fail(err, MC_EINVAL, "config", "%s",
                       _("không biết lưu cấu hình vào đâu: hãy dùng --config "
                         "hoặc đặt $XDG_CONFIG_HOME"));
    char *text = NULL, *edited = NULL;
    size_t len = 0;
    mc_config *fresh = NULL;
    mc_status rc = MC_OK;
    if (cfg_exists(path)) {
        if ((rc = cfg_read_text(path, &text, &len, err)) != MC_OK)
            goto out;
    } else {
        if ((rc = cfg_mkdirs(path, err)) != MC_OK)
            goto out;
        text = mc_xstrdup("");
    }
    edited = cfg_edit(text, len, section, key, value);
    if ((rc = cfg_write_atomic(path, edited, strlen(edited), err)) != MC_OK)
        goto out;
    if ((rc = cfg_load_file(path, &fresh, err)) != MC_OK)
        goto out;
    /* swap the reloaded contents into the caller's object */
    mc_config tmp = *c;
    *c = *fresh;
    *fresh = tmp;
out:
    cfg_free(fresh);
    free(edited);
    free(text);
    free(path);
    return rc;
}

/* ---- the default file ----------------------------------------------- */

typedef struct cfg_buf {
    char *s;
    size_t n, cap;
} cfg_buf;

static void cfg_put(cfg_buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        while (b->n + n + 1 > b->cap)
            b->cap = b->cap ? b->cap * 2 : 4096;
        b->s = mc_xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void cfg_puts(cfg_buf *b, const char *s) { cfg_put(b, s, strlen(s)); }

/* "# " comment lines of at most `width` code points, broken at spaces. */
static void cfg_put_wrapped(cfg_buf *b, const char *text, size_t width)
{
    const char *p = text;
    while (*p) {
        const char *line = p, *brk = NULL;
        size_t cps = 0;
        while (*p && cps < width) {
            if (*p == ' ')
                brk = p;
            if (((unsigned char)*p & 0xC0) != 0x80)
                cps++;
            p++;
        }
        /* p stops after `width` code points; don't split a character */
        while (*p && ((unsigned char)*p & 0xC0) == 0x80)
            p++;
        if (*p && *p != ' ' && brk)
            p = brk;
        cfg_puts(b, "# ");
        cfg_put(b, line, (size_t)(p - line));
        cfg_puts(b, "\n");
        while (*p == ' ')
            p++;
    }
}

char *cfg_default_text(void)
{
    cfg_buf b = {0};
    cfg_puts(&b,
             "# motcua.conf - cấu hình văn phòng motcua (office configuration)\n"
             "#\n"
             "# Tệp này liệt kê mọi khóa với mô tả, kiểu và giá trị mặc định;\n"
             "# khóa nào không đặt thì motcua dùng giá trị mặc định ghi ở đây.\n"
             "# motcua tìm cấu hình theo thứ tự: --config TỆP, $MOTCUA_CONFIG,\n"
             "# $XDG_CONFIG_HOME/motcua/motcua.conf (hoặc\n"
             "# ~/.config/motcua/motcua.conf), /etc/motcua/motcua.conf; chỉ\n"
             "# dùng tệp đầu tiên tìm thấy.\n"
             "#\n"
             "# Cú pháp: [mục], rồi khóa = giá trị, mỗi khóa một dòng, không\n"
             "# thụt đầu dòng. Chú thích bắt đầu bằng ; hoặc #.\n"
             "# Kiểm tra tệp: motcua config check. Xem giá trị đang dùng và nơi\n"
             "# đặt: motcua config show. Tệp này do `motcua config default`\n"
             "# sinh ra từ bảng CFG_OPTION_LIST trong src/desk/config.h.\n");
    const char *section = "";
    for (int i = 0; i < CFG_N; i++) {
        const cfg_option *o = &cfg_options[i];
        if (strcmp(section, o->section) != 0) {
            section = o->section;
            cfg_puts(&b, "\n[");
            cfg_puts(&b, section);
            cfg_puts(&b, "]\n");
        }
        cfg_puts(&b, "\n");
        cfg_put_wrapped(&b, o->desc, 74);
        char *meta = mc_xasprintf("Kiểu: %s%s%s. Mặc định: %s.",
                                  cfg_type_name(o->type),
                                  o->constraint ? " " : "",
                                  o->constraint ? o->constraint : "",
                                  *o->def ? o->def : "(trống)");
        cfg_put_wrapped(&b, meta, 74);
        free(meta);
        char *kv = mc_xasprintf("%s =%s%s\n", o->key, *o->def ? " " : "", o->def);
        cfg_puts(&b, kv);
        free(kv);
    }
    return b.s;
}
