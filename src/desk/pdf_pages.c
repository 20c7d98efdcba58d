/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf_pages.c - the page count of a PDF whose pages sit in compressed
 * object streams (src/core/scanfile.c cannot see them without inflating),
 * from libqpdf (Debian's libqpdf29, a dependency of the qpdf tool), opened
 * with dlopen on first need only: the counter process does not carry a
 * PDF library for the common scanner PDF, whose pages scanfile.c counts. */
#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>

#include "desk_files_internal.h"

typedef void *qpdf_data;
struct qpdf_api {
    qpdf_data (*init)(void);
    void (*cleanup)(qpdf_data *);
    int (*read_memory)(qpdf_data, const char *, const char *,
                       unsigned long long, const char *);
    int (*num_pages)(qpdf_data);
    int (*is_encrypted)(qpdf_data);
    void (*suppress_warnings)(qpdf_data, int);
    void (*silence_errors)(qpdf_data);
};

static bool load(struct qpdf_api *a)
{
    static void *lib;
    static bool tried;
    if (!tried) {
        tried = true;
        lib = dlopen("libqpdf.so.29", RTLD_NOW | RTLD_LOCAL);
    }
    if (!lib)
        return false;
    *(void **)&a->init = dlsym(lib, "qpdf_init");
    *(void **)&a->cleanup = dlsym(lib, "qpdf_cleanup");
    *(void **)&a->read_memory = dlsym(lib, "qpdf_read_memory");
    *(void **)&a->num_pages = dlsym(lib, "qpdf_get_num_pages");
    *(void **)&a->is_encrypted = dlsym(lib, "qpdf_is_encrypted");
    *(void **)&a->suppress_warnings = dlsym(lib, "qpdf_set_suppress_warnings");
    *(void **)&a->silence_errors = dlsym(lib, "qpdf_silence_errors");
    return a->init && a->cleanup && a->read_memory && a->num_pages &&
           a->is_encrypted && a->suppress_warnings && a->silence_errors;
}

int desk_pdf_pages_qpdf(const void *buf, size_t len, bool *encrypted)
{
    *encrypted = false;
    struct qpdf_api a;
    if (!load(&a))
        return 0;
    qpdf_data q = a.init();
    if (!q)
        return 0;
    a.silence_errors(q);
    a.suppress_warnings(q, 1);
    int pages = 0;
    /* QPDF_SUCCESS 0, QPDF_WARNINGS 1: both read the file */
    int r = a.read_memory(q, "scan", (const char *)buf, len, "");
    if ((r & 2) == 0) {
        *encrypted = a.is_encrypted(q) != 0;
        int n = a.num_pages(q);
        pages = n > 0 ? n : 0;
    }
    a.cleanup(&q);
    return pages;
}
