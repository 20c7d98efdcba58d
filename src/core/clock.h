/* clock.h - the one clock.  MOTCUA_NOW (ISO 8601) pins it for tests and
 * demos; otherwise it is the system's real time. */
#ifndef MOTCUA_CLOCK_H
#define MOTCUA_CLOCK_H

#include "date.h"

mc_ts mc_clock_now(void);

#endif
