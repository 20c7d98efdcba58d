/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_walbuf.c - a VFS over the platform's that writes a commit's WAL
 * frames with one system call instead of two per page.
 *
 * SQLite writes each WAL frame as two writes (its 24-byte header, then the
 * page): ~44 pwrite calls for an intake's ~21 pages, each a trip into the
 * kernel.  Here the writes to a WAL file are gathered in memory while they
 * follow one another, and reach the file in one write:
 *   - before the file is synced (xSync): so the sync that makes a commit
 *     durable covers exactly the bytes SQLite wrote, as without this VFS;
 *   - before anything else looks at the file (read, size, truncate,
 *     file-control, close), and when a write does not follow on;
 *   - when 1 MiB has gathered (a large transaction spilling its cache).
 * A commit becomes visible to other connections when SQLite publishes the
 * WAL index header, which (synchronous=FULL, as store_open sets) comes
 * after the commit's sync, hence after the frames are in the file.  With
 * synchronous=NORMAL there would be no sync at a commit: the store never
 * runs so.
 * A crash before the sync loses the gathered frames of a commit nobody was
 * told of; SQLite's recovery ignores a WAL tail that is not a whole
 * commit, as it does after a torn write.  Other files (the database, the
 * index) are the platform VFS's own, untouched. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#define WALBUF_VFS "motcua-walbuf"
#define WALBUF_MAX (1 << 20)

typedef struct wb_file {
    sqlite3_file base;
    sqlite3_file *real; /* the platform's file, right after this struct */
    unsigned char *buf;
    size_t len, cap;
    sqlite3_int64 off; /* file offset of buf[0] */
} wb_file;

static sqlite3_vfs wb_vfs;
static sqlite3_vfs *wb_root;

/* the unix VFS writes at most 128 KiB - 1 per call (os_unix.c masks the
 * length with 0x1ffff: larger writes come out short and end as
 * SQLITE_FULL), so the gathered bytes go in pieces below that */
#define WALBUF_PIECE (124 * 1024)

static int wb_flush(wb_file *f)
{
    int rc = SQLITE_OK;
    for (size_t done = 0; done < f->len && rc == SQLITE_OK;) {
        size_t n = f->len - done < WALBUF_PIECE ? f->len - done : WALBUF_PIECE;
        rc = f->real->pMethods->xWrite(f->real, f->buf + done, (int)n,
                                       f->off + (sqlite3_int64)done);
        done += n;
    }
    f->len = 0;
    return rc;
}

static int wb_close(sqlite3_file *p)
{
    wb_file *f = (wb_file *)p;
    int rc = wb_flush(f);
    int rc2 = f->real->pMethods->xClose(f->real);
    free(f->buf);
    f->buf = NULL;
    return rc ? rc : rc2;
}

static int wb_read(sqlite3_file *p, void *out, int amt, sqlite3_int64 off)
{
    wb_file *f = (wb_file *)p;
    int rc = wb_flush(f);
    return rc ? rc : f->real->pMethods->xRead(f->real, out, amt, off);
}

static int wb_write(sqlite3_file *p, const void *in, int amt,
                    sqlite3_int64 off)
{
    wb_file *f = (wb_file *)p;
    size_t n = (size_t)amt;
    bool follows = f->len && off >= f->off &&
                   off <= f->off + (sqlite3_int64)f->len;
    if (!follows || (size_t)(off - f->off) + n > WALBUF_MAX) {
        int rc = wb_flush(f);
        if (rc)
            return rc;
        if (n > WALBUF_PIECE) /* SQLite's own writes are a page or less */
            return f->real->pMethods->xWrite(f->real, in, amt, off);
        f->off = off;
    }
    size_t at = (size_t)(off - f->off);
    if (at + n > f->cap) {
        size_t cap = f->cap ? f->cap : 64 * 1024;
        while (cap < at + n)
            cap *= 2;
        unsigned char *b = realloc(f->buf, cap);
        if (!b) { /* no memory to gather in: write through */
            int rc = wb_flush(f);
            return rc ? rc : f->real->pMethods->xWrite(f->real, in, amt, off);
        }
        f->buf = b;
        f->cap = cap;
    }
    memcpy(f->buf + at, in, n);
    if (at + n > f->len)
        f->len = at + n;
    return SQLITE_OK;
}

static int wb_truncate(sqlite3_file *p, sqlite3_int64 size)
{
    wb_file *f = (wb_file *)p;
    int rc = wb_flush(f);
    return rc ? rc : f->real->pMethods->xTruncate(f->real, size);
}

static int wb_sync(sqlite3_file *p, int flags)
{
    wb_file *f = (wb_file *)p;
    int rc = wb_flush(f);
    return rc ? rc : f->real->pMethods->xSync(f->real, flags);
}

static int wb_size(sqlite3_file *p, sqlite3_int64 *size)
{
    wb_file *f = (wb_file *)p;
    int rc = wb_flush(f);
    return rc ? rc : f->real->pMethods->xFileSize(f->real, size);
}

static int wb_lock(sqlite3_file *p, int lock)
{
    wb_file *f = (wb_file *)p;
    return f->real->pMethods->xLock(f->real, lock);
}

static int wb_unlock(sqlite3_file *p, int lock)
{
    wb_file *f = (wb_file *)p;
    return f->real->pMethods->xUnlock(f->real, lock);
}

static int wb_reserved(sqlite3_file *p, int *out)
{
    wb_file *f = (wb_file *)p;
    return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int wb_fcntl(sqlite3_file *p, int op, void *arg)
{
    wb_file *f = (wb_file *)p;
    int rc = wb_flush(f);
    return rc ? rc : f->real->pMethods->xFileControl(f->real, op, arg);
}

static int wb_sector(sqlite3_file *p)
{
    wb_file *f = (wb_file *)p;
    return f->real->pMethods->xSectorSize(f->real);
}

static int wb_device(sqlite3_file *p)
{
    wb_file *f = (wb_file *)p;
    return f->real->pMethods->xDeviceCharacteristics(f->real);
}

/* version 1: a WAL file has no shared memory and is never mapped */
static const sqlite3_io_methods wb_io = {
    .iVersion = 1,
    .xClose = wb_close,
    .xRead = wb_read,
    .xWrite = wb_write,
    .xTruncate = wb_truncate,
    .xSync = wb_sync,
    .xFileSize = wb_size,
    .xLock = wb_lock,
    .xUnlock = wb_unlock,
    .xCheckReservedLock = wb_reserved,
    .xFileControl = wb_fcntl,
    .xSectorSize = wb_sector,
    .xDeviceCharacteristics = wb_device,
};

static size_t wb_real_offset(void)
{
    size_t a = sizeof(void *) * 2;
    return (sizeof(wb_file) + a - 1) / a * a;
}

static int wb_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *p,
                   int flags, int *out_flags)
{
    (void)vfs;
    if (!(flags & SQLITE_OPEN_WAL)) /* the platform's file, as is */
        return wb_root->xOpen(wb_root, name, p, flags, out_flags);
    wb_file *f = (wb_file *)p;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)((char *)p + wb_real_offset());
    int rc = wb_root->xOpen(wb_root, name, f->real, flags, out_flags);
    /* whenever the platform's file needs closing, ours does (SQLite calls
     * xClose after a failed open when pMethods is set) */
    if (f->real->pMethods)
        f->base.pMethods = &wb_io;
    return rc;
}

/* the rest is the platform's */
static int wb_delete(sqlite3_vfs *v, const char *n, int sync)
{
    (void)v;
    return wb_root->xDelete(wb_root, n, sync);
}

static int wb_access(sqlite3_vfs *v, const char *n, int flags, int *out)
{
    (void)v;
    return wb_root->xAccess(wb_root, n, flags, out);
}

static int wb_fullpath(sqlite3_vfs *v, const char *n, int size, char *out)
{
    (void)v;
    return wb_root->xFullPathname(wb_root, n, size, out);
}

static void *wb_dlopen(sqlite3_vfs *v, const char *n)
{
    (void)v;
    return wb_root->xDlOpen(wb_root, n);
}

static void wb_dlerror(sqlite3_vfs *v, int size, char *out)
{
    (void)v;
    wb_root->xDlError(wb_root, size, out);
}

static void (*wb_dlsym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
    (void)v;
    return wb_root->xDlSym(wb_root, h, sym);
}

static void wb_dlclose(sqlite3_vfs *v, void *h)
{
    (void)v;
    wb_root->xDlClose(wb_root, h);
}

static int wb_random(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return wb_root->xRandomness(wb_root, n, out);
}

static int wb_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return wb_root->xSleep(wb_root, us);
}

static int wb_time(sqlite3_vfs *v, double *out)
{
    (void)v;
    return wb_root->xCurrentTime(wb_root, out);
}

static int wb_lasterror(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return wb_root->xGetLastError ? wb_root->xGetLastError(wb_root, n, out)
                                  : 0;
}

static int wb_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
    (void)v;
    return wb_root->xCurrentTimeInt64(wb_root, out);
}

const char *store_walbuf_vfs(void)
{
    static bool tried;
    if (tried)
        return wb_root ? WALBUF_VFS : NULL;
    tried = true;
    sqlite3_vfs *root = sqlite3_vfs_find(NULL);
    if (!root || root->iVersion < 2 || !root->xCurrentTimeInt64)
        return NULL;
    size_t need = wb_real_offset() + (size_t)root->szOsFile;
    wb_vfs = (sqlite3_vfs){
        .iVersion = 2,
        .szOsFile = (int)(need > (size_t)root->szOsFile ? need
                                                        : (size_t)root->szOsFile),
        .mxPathname = root->mxPathname,
        .zName = WALBUF_VFS,
        .xOpen = wb_open,
        .xDelete = wb_delete,
        .xAccess = wb_access,
        .xFullPathname = wb_fullpath,
        .xDlOpen = wb_dlopen,
        .xDlError = wb_dlerror,
        .xDlSym = wb_dlsym,
        .xDlClose = wb_dlclose,
        .xRandomness = wb_random,
        .xSleep = wb_sleep,
        .xCurrentTime = wb_time,
        .xGetLastError = wb_lasterror,
        .xCurrentTimeInt64 = wb_time64,
    };
    wb_root = root;
    if (sqlite3_vfs_register(&wb_vfs, 0) != SQLITE_OK) {
        wb_root = NULL;
        return NULL;
    }
    return WALBUF_VFS;
}
