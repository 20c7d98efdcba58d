/* SPDX-License-Identifier: GPL-3.0-or-later */
/* person_name.h - the rule for the name of an applicant or of a
 * representative, in one place for the desk (intake, corrections, online
 * acceptance) and the centre (the portal connector's filings), so that the
 * centre never takes a name the desk would refuse.
 *
 * A name has at least 2 characters and a letter; a person's name (not an
 * organisation's) has no digit and none of the symbols @#$%^&*_=+<>{}[]|\/;
 * Pure: no I/O, no messages (each caller words its own). */
#ifndef MOTCUA_PERSON_NAME_H
#define MOTCUA_PERSON_NAME_H

#include <stdbool.h>

typedef enum name_verdict {
    NAME_OK,
    NAME_MISSING,   /* NULL */
    NAME_TOO_SHORT, /* fewer than 2 characters */
    NAME_NO_LETTER, /* not a single letter */
    NAME_BAD_CHAR,  /* a person's name with a digit or a symbol (*bad) */
} name_verdict;

/* The verdict on `name` (UTF-8); *bad (may be NULL) receives the offending
 * character of NAME_BAD_CHAR, else '\0'. */
name_verdict name_check(const char *name, bool organisation, char *bad);

#endif
