/* SPDX-License-Identifier: GPL-3.0-or-later */
/* alloc_fail_shim.c - an LD_PRELOAD library that makes one allocation fail,
 * as curl's torture tests do.  Loaded into a plain (non-ASan) motcua:
 *
 *   MOTCUA_FAIL_ALLOC=N   the N-th call of malloc/calloc/realloc/
 *                         posix_memalign/aligned_alloc/memalign (counted
 *                         from main() on, every library included: the
 *                         libraries' constructors before main cannot be
 *                         handled by anyone - GLib's even deadlocks)
 *                         returns NULL with errno ENOMEM; every other call
 *                         succeeds.  N = 0 or unset: nothing fails.
 *   MOTCUA_ALLOC_COUNT=F  at normal exit, write the number of calls counted
 *                         to file F (the counting run that sizes the loop).
 *   MOTCUA_ALLOC_BACKTRACE=1  print the stack of the failing call (stderr).
 *   MOTCUA_ALLOC_FAILED=F when the N-th call happened, append "failed N\n"
 *                         to F (so a run can tell whether N was reached).
 *
 * When the process then dies of SIGSEGV, SIGBUS or SIGABRT, the shim writes
 * "crash SIG in OBJECT" to that file: OBJECT is the first stack frame that is
 * neither libc nor the shim (the motcua binary itself, or the library that
 * crashed - fontconfig dereferences its own failed mallocs, GLib aborts by
 * design), so the run can tell our bugs from a library's.
 *
 * strdup, asprintf, fopen and the like allocate through malloc, so they are
 * counted too.  The real allocator is glibc's __libc_* entry points (no
 * dlsym, which itself allocates).  Threads (libcurl's resolver) share one
 * atomic counter. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <signal.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t m);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t a, size_t n);

static atomic_ulong calls;
static atomic_int in_main; /* set when main() starts */
static unsigned long fail_at;
static const char *count_file;
static const char *failed_file;

static void append_line(const char *line, size_t len)
{
    if (!failed_file)
        return;
    int fd = open(failed_file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ssize_t w = write(fd, line, len);
        (void)w;
        close(fd);
    }
}

static void on_crash(int sig)
{
    alarm(5); /* if unwinding itself hangs (a lock held), SIGALRM ends it */
    void *frames[64];
    int n = backtrace(frames, 64);
    Dl_info self, libc, info;
    dladdr((void *)on_crash, &self);
    dladdr((void *)abort, &libc);
    const char *who = "?";
    for (int i = 0; i < n; i++) {
        if (!dladdr(frames[i], &info) || !info.dli_fname)
            continue;
        if (info.dli_fbase == self.dli_fbase || info.dli_fbase == libc.dli_fbase)
            continue;
        who = info.dli_fname;
        break;
    }
    char line[512];
    int len = snprintf(line, sizeof line, "crash %d in %s\n", sig, who);
    if (len > 0)
        append_line(line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Read lazily, from the first allocation on: other libraries' constructors
 * allocate before this library's constructor runs. */
static int env_read;

static void read_env(void)
{
    const char *v = getenv("MOTCUA_FAIL_ALLOC");
    fail_at = v ? strtoul(v, NULL, 10) : 0;
    count_file = getenv("MOTCUA_ALLOC_COUNT");
    failed_file = getenv("MOTCUA_ALLOC_FAILED");
    if (fail_at && failed_file) {
        int sigs[] = {SIGSEGV, SIGBUS, SIGABRT, SIGTRAP};
        for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
            signal(sigs[i], on_crash);
    }
    env_read = 1;
}

__attribute__((constructor)) static void shim_init(void)
{
    if (!env_read)
        read_env();
    /* load the unwinder now, not in the crash handler */
    void *warm[2];
    backtrace(warm, 2);
}

static void note_failed(unsigned long n)
{
    char line[48];
    int len = snprintf(line, sizeof line, "failed %lu\n", n);
    append_line(line, (size_t)len);
}

/* true when this call is the one to fail */
static int should_fail(void)
{
    if (!atomic_load(&in_main))
        return 0;
    if (!env_read)
        read_env();
    unsigned long n = atomic_fetch_add(&calls, 1) + 1;
    if (fail_at && n == fail_at) {
        note_failed(n);
        if (getenv("MOTCUA_ALLOC_BACKTRACE")) { /* where the N-th call is */
            void *frames[32];
            backtrace_symbols_fd(frames, backtrace(frames, 32), STDERR_FILENO);
        }
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

__attribute__((destructor)) static void shim_fini(void)
{
    if (!count_file)
        return;
    char line[32];
    int len = snprintf(line, sizeof line, "%lu\n", (unsigned long)atomic_load(&calls));
    int fd = open(count_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ssize_t w = write(fd, line, (size_t)len);
        (void)w;
        close(fd);
    }
}

void *malloc(size_t n)
{
    return should_fail() ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
    return should_fail() ? NULL : __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
    if (p && n == 0) /* a free, not an allocation */
        return __libc_realloc(p, n);
    return should_fail() ? NULL : __libc_realloc(p, n);
}

void *memalign(size_t a, size_t n)
{
    return should_fail() ? NULL : __libc_memalign(a, n);
}

void *aligned_alloc(size_t a, size_t n)
{
    return should_fail() ? NULL : __libc_memalign(a, n);
}

int posix_memalign(void **out, size_t a, size_t n)
{
    if (should_fail())
        return ENOMEM;
    void *p = __libc_memalign(a, n);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

/* main() is wrapped through __libc_start_main so that counting starts there */
typedef int (*main_fn)(int, char **, char **);
static main_fn real_main;

static int counted_main(int argc, char **argv, char **envp)
{
    atomic_store(&in_main, 1);
    return real_main(argc, argv, envp);
}

int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
                      void (*fini)(void), void (*rtld_fini)(void), void *stack_end);
int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
                      void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
    typedef int (*start_fn)(main_fn, int, char **, void (*)(void),
                            void (*)(void), void (*)(void), void *);
    start_fn real = (start_fn)dlsym(RTLD_NEXT, "__libc_start_main");
    real_main = main;
    return real(counted_main, argc, argv, init, fini, rtld_fini, stack_end);
}
