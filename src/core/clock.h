/* SPDX-License-Identifier: GPL-3.0-or-later */
/* clock.h - the one clock.
 *
 * MOTCUA_NOW (ISO 8601) pins it for tests and demos, but only where that
 * cannot be used to backdate an intake or shorten a sign-in lockout:
 *   - a development/test build (CMake MOTCUA_TEST_CLOCK=ON, the default
 *     for builds from the source tree) honours it;
 *   - a production build (MOTCUA_TEST_CLOCK=OFF, the default with
 *     MOTCUA_INSTALLED_LAYOUT=ON, i.e. the Debian package) refuses it with a
 *     warning on stderr and uses the system's real time, unless the desk
 *     has called mc_clock_allow_pin(true) because an administrator allowed
 *     it for this database (the desk audits every such use).
 * A value that is not ISO 8601 is refused with a warning in every build. */
#ifndef MOTCUA_CLOCK_H
#define MOTCUA_CLOCK_H

#include <stdbool.h>

#include "date.h"

mc_ts mc_clock_now(void);

/* True when this build honours MOTCUA_NOW without any setting. */
bool mc_clock_pin_built_in(void);

/* Allow (or stop allowing) MOTCUA_NOW in a production build: the desk calls
 * this after reading the administrator's setting from the database. */
void mc_clock_allow_pin(bool allow);

/* True, with the pinned time in *at (may be NULL), when MOTCUA_NOW is set
 * to a valid time and honoured; false when the real clock is in use. */
bool mc_clock_pinned(mc_ts *at);

/* True when MOTCUA_NOW is set (to anything) but not honoured. */
bool mc_clock_pin_refused(void);

#endif
