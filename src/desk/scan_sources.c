/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scan_sources.c - where scanned papers come from besides a path: the
 * network scanners' folder and SANE's scanimage (desk_files.h). */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "desk_files.h"
#include "desk_internal.h"

extern char **environ;

void desk_folder_free(desk_folder_file *f, size_t n)
{
    for (size_t i = 0; f && i < n; i++) {
        free(f[i].name);
        free(f[i].path);
    }
    free(f);
}

static int newest_first(const void *a, const void *b)
{
    const desk_folder_file *x = a, *y = b;
    if (x->mtime != y->mtime)
        return x->mtime > y->mtime ? -1 : 1;
    return strcmp(x->name, y->name);
}

mc_status desk_scan_folder_list(mc_desk *d, size_t newest,
                                desk_folder_file **out, size_t *n,
                                mc_error *err)
{
    *out = NULL;
    *n = 0;
    mc_status rc = desk_require(d, ROLE_DESK, _("xem thư mục máy quét"), err);
    if (rc)
        return rc;
    const char *dir = d->cfg ? cfg_get(d->cfg, "scans", "folder") : NULL;
    if (!dir || !*dir)
        return mc_fail(err, MC_EINVAL, "scans.folder",
                       _("Chưa cấu hình thư mục máy quét (scans.folder): "
                         "motcua config set scans.folder /đường/dẫn"));
    DIR *dh = opendir(dir);
    if (!dh)
        return mc_fail(err, MC_EIO, "scans.folder",
                       _("Không mở được thư mục máy quét %s: %s"), dir,
                       strerror(errno));
    desk_folder_file *v = NULL;
    size_t cap = 0, count = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* hidden, and files a scanner is still writing */
        char *path = mc_xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            v = mc_xrealloc(v, cap * sizeof *v);
        }
        v[count++] = (desk_folder_file){mc_xstrdup(e->d_name), path,
                                        (int64_t)st.st_size,
                                        (mc_ts)st.st_mtime};
    }
    closedir(dh);
    if (count)
        qsort(v, count, sizeof *v, newest_first);
    if (newest && count > newest) {
        for (size_t i = newest; i < count; i++) {
            free(v[i].name);
            free(v[i].path);
        }
        count = newest;
    }
    *out = v;
    *n = count;
    return MC_OK;
}

/* the first line of a small text file (scanimage's stderr), trimmed */
static void first_line(const char *path, char *buf, size_t size)
{
    buf[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0]) {
            mc_strlcpy(buf, line, size);
            break;
        }
    }
    fclose(f);
}

static mc_status check_device(const char *device, mc_error *err)
{
    if (device && device[0] == '-')
        return mc_fail(err, MC_EINVAL, "device",
                       _("Tên thiết bị máy quét không được bắt đầu bằng "
                         "dấu -"));
    /* SANE device names are printable ASCII ("test:0", "pixma:04A9...",
     * "net:host:backend:..."): anything else is refused unechoed */
    size_t dl = device ? strlen(device) : 0;
    bool dev_ok = dl <= 255;
    for (size_t i = 0; dev_ok && i < dl; i++)
        dev_ok = device[i] > 0x20 && device[i] < 0x7f;
    if (!dev_ok)
        return mc_fail(err, MC_EINVAL, "device",
                       _("Tên thiết bị máy quét chỉ gồm chữ, số và dấu ASCII "
                         "in được, tối đa 255 ký tự (như scanimage -L liệt "
                         "kê)"));
    return MC_OK;
}

mc_status desk_files_scan_stage(mc_desk *d, const char *device,
                                desk_file_staged *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    mc_status rc = desk_require(d, ROLE_DESK, _("quét giấy tờ vào hồ sơ"),
                                err);
    if (rc)
        return rc;
    if (!device || !*device)
        device = d->cfg ? cfg_get(d->cfg, "scans", "device") : NULL;
    if ((rc = check_device(device, err)))
        return rc;
    char *dir = desk_files_dir(d);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        rc = mc_fail(err, MC_EIO, "files.dir",
                     _("Không tạo được thư mục lưu tệp %s: %s"), dir,
                     strerror(errno));
        free(dir);
        return rc;
    }
    char *img = mc_xasprintf("%s/.sane-XXXXXX", dir);
    char *log = mc_xasprintf("%s/.sane-err-XXXXXX", dir);
    free(dir);
    int fd = mkstemp(img), lfd = fd >= 0 ? mkstemp(log) : -1;
    if (fd < 0 || lfd < 0) {
        rc = mc_fail(err, MC_EIO, "files.dir",
                     _("Không tạo được tệp tạm để quét: %s"), strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(img);
        }
        free(img);
        free(log);
        return rc;
    }
    const char *prog = getenv("MOTCUA_SCANIMAGE");
    if (!prog || !*prog)
        prog = "scanimage";
    long dpi = d->cfg ? cfg_get_int(d->cfg, "scans", "resolution", 200) : 200;
    char res_arg[32];
    snprintf(res_arg, sizeof res_arg, "--resolution=%ld", dpi);
    char *dev_arg = device && *device ? mc_xasprintf("--device-name=%s", device)
                                      : NULL;
    char *argv[6];
    int ac = 0;
    argv[ac++] = (char *)prog;
    if (dev_arg)
        argv[ac++] = dev_arg;
    argv[ac++] = (char *)"--format=png";
    argv[ac++] = res_arg;
    argv[ac] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, lfd, STDERR_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY,
                                     0);
    pid_t pid;
    int sp = posix_spawnp(&pid, prog, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd);
    close(lfd);
    free(dev_arg);
    if (sp != 0) {
        rc = mc_fail(err, MC_EIO, "device",
                     _("Không chạy được %s (gói sane-utils): %s"), prog,
                     strerror(sp));
        goto out;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char why[400];
        first_line(log, why, sizeof why);
        rc = mc_fail(err, MC_EIO, "device",
                     _("Quét không thành công (%s%s%s): %s"), prog,
                     device && *device ? " " : "", device ? device : "",
                     why[0] ? why : _("scanimage báo lỗi"));
        goto out;
    }
    char name[64];
    char when[26];
    mc_ts_format_vn(desk_now(d), when);
    /* "scan-2026-02-13T10-00-00.png" */
    snprintf(name, sizeof name, "scan-%.19s.png", when);
    for (char *p = name + 5; *p; p++)
        if (*p == ':')
            *p = '-';
    rc = desk_files_stage(d, img, name, out, err);
out:
    unlink(img);
    unlink(log);
    free(img);
    free(log);
    return rc;
}

mc_status desk_files_scan(mc_desk *d, const char *code, int paper,
                          const char *device, desk_attach_result *res,
                          mc_error *err)
{
    memset(res, 0, sizeof *res);
    mc_status rc = desk_require(d, ROLE_DESK, _("quét giấy tờ vào hồ sơ"),
                                err);
    if (rc)
        return rc;
    if ((rc = check_device(device, err)))
        return rc;
    /* the dossier and paper before the scanner moves */
    mc_dossier ds = {0};
    if ((rc = store_dossier_get(d->store, code ? code : "", &ds, err)))
        return rc;
    size_t np = ds.n_papers;
    mc_dossier_free(&ds);
    if (paper < 1 || (size_t)paper > np)
        return mc_fail(err, MC_EINVAL, "paper",
                       _("Hồ sơ %s không có giấy tờ số %d (có %zu giấy tờ, "
                         "đánh số từ 1)"),
                       code, paper, np);
    res->files = mc_xcalloc(1, sizeof *res->files);
    res->n_files = 1;
    if (!(rc = desk_files_scan_stage(d, device, &res->files[0], err)))
        rc = desk_files_attach_staged(d, code, DESK_FILE_SCAN, paper,
                                      DESK_SRC_SANE, res->files, 1,
                                      &res->added, err);
    if (!rc)
        res->skipped = res->added ? 0 : 1;
    else
        desk_attach_result_free(res);
    return rc;
}
