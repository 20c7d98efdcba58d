/* doc_names.c - the names of the printed documents, for the `motcua`
 * binary, which does not link printers/ (modules.h): the desk records and
 * the CLI parses these names without rendering anything.  The table is
 * form.h's PR_DOC_LIST, the one printers/forms.c (inside motcua-print.so)
 * builds its own copy from, so the two cannot disagree. */
#include <string.h>

#include "form.h"

static const struct {
    const char *name, *title;
} docs[PR__DOC_COUNT] = {
#define X(e, n, t) [e] = {n, t},
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

bool pr_doc_parse(const char *name, pr_doc *out)
{
    for (int i = 0; name && i < PR__DOC_COUNT; i++)
        if (strcmp(name, docs[i].name) == 0) {
            *out = (pr_doc)i;
            return true;
        }
    return false;
}
