/* catalogue.c - placeholder until the catalogue loader lands. */
#include "catalogue.h"

#include <stdlib.h>
#include <string.h>

const char *paper_form_name(mc_paper_form f)
{
    switch (f) {
    case PAPER_ORIGINAL: return "original";
    case PAPER_CERTIFIED_COPY: return "certified_copy";
    case PAPER_COPY: return "copy";
    }
    return "?";
}

const char *paper_form_label(mc_paper_form f)
{
    switch (f) {
    case PAPER_ORIGINAL: return _("Bản chính");
    case PAPER_CERTIFIED_COPY: return _("Bản sao chứng thực");
    case PAPER_COPY: return _("Bản sao");
    }
    return "?";
}

bool paper_form_parse(const char *name, mc_paper_form *out)
{
    for (int f = PAPER_ORIGINAL; f <= PAPER_COPY; f++)
        if (name && strcmp(name, paper_form_name((mc_paper_form)f)) == 0) {
            *out = (mc_paper_form)f;
            return true;
        }
    return false;
}

mc_status cat_parse(const char *json_text, const char *filename,
                    cat_procedure *out, mc_error *err)
{
    (void)json_text;
    memset(out, 0, sizeof *out);
    return mc_fail(err, MC_EINVAL, "catalogue", "%s: not implemented", filename);
}

void cat_procedure_free(cat_procedure *p) { (void)p; }
char *cat_to_json(const cat_procedure *p) { (void)p; return mc_xstrdup("{}"); }
mc_status cat_load_dir(const char *dir, cat_list *out, cat_skip_fn on_skip,
                       void *ud, mc_error *err)
{
    (void)dir; (void)on_skip; (void)ud; (void)err;
    out->items = NULL;
    out->n = 0;
    return MC_OK;
}
void cat_list_free(cat_list *l) { (void)l; }
