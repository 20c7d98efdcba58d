/* SPDX-License-Identifier: GPL-3.0-or-later */
/* catalogue_pos.h - where a member of a JSON text stands (line, column).
 *
 * jansson reports positions only for syntax errors.  The catalogue's
 * semantic errors ("field processing_days must be a positive integer") must
 * point at the offending key too, so this small scanner walks the raw text
 * again and finds the token of a member named by a path.  Internal to the
 * catalogue loader.
 */
#ifndef MOTCUA_CATALOGUE_POS_H
#define MOTCUA_CATALOGUE_POS_H

#include <stdbool.h>

/* Find `path` in the JSON text `text` (which jansson has already accepted).
 * Paths: "" is the root value; "code" a member of the root object;
 * "documents[2]" the third element of the root's "documents" array;
 * "documents[2].form" a member of that element.  For an object member the
 * position is that of its key's opening quote, unless `value` is true, in
 * which case it is the first character of the member's value; an array
 * element's position is always its value's.  Lines and columns are 1-based;
 * columns count Unicode code points, as jansson's do.  Returns false (and
 * 1:1) when the path is not in the text. */
bool cat_json_locate(const char *text, const char *path, bool value,
                     int *line, int *col);

#endif
