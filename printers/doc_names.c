/* SPDX-License-Identifier: GPL-3.0-or-later */
/* doc_names.c - the names, form numbers and titles of the printed
 * documents (form.h's PR_DOC_LIST).  Plain data with no cairo or CUPS: the
 * printers library and motcua-print.so render with it, and the `motcua`
 * binary, which links no printing library (docs/print.md), compiles this
 * same file so the desk can record and the CLI parse document names. */
#include <string.h>

#include "form.h"

static const struct {
    const char *name, *no, *title;
} docs[PR__DOC_COUNT] = {
#define X(e, n, no, t) [e] = {n, no, t},
    PR_DOC_LIST(X)
#undef X
};

const char *pr_doc_name(pr_doc d)
{
    return (unsigned)d < PR__DOC_COUNT ? docs[d].name : "?";
}

const char *pr_doc_title(pr_doc d)
{
    return (unsigned)d < PR__DOC_COUNT ? docs[d].title : "?";
}

const char *pr_doc_form_no(pr_doc d)
{
    return (unsigned)d < PR__DOC_COUNT ? docs[d].no : NULL;
}

bool pr_doc_parse(const char *name, pr_doc *out)
{
    for (int i = 0; name && i < PR__DOC_COUNT; i++)
        if (strcmp(name, docs[i].name) == 0) {
            *out = (pr_doc)i;
            return true;
        }
    return false;
}
