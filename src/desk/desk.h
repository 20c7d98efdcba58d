/* desk.h - the desk's use cases.  Each user action is one atomic
 * operation: validate with core, then write the dossier, its history, the
 * audit row and the outbox row in ONE transaction of the store.
 * ui/ and src/cli/ call only this (and core); they never see SQL. */
#ifndef MOTCUA_DESK_H
#define MOTCUA_DESK_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar.h"
#include "catalogue.h"
#include "date.h"
#include "dossier.h"
#include "mc_error.h"
#include "status.h"

typedef struct mc_desk mc_desk;

typedef struct mc_user {
    int64_t id;
    char *login;
    char *name;
    unsigned role; /* one ROLE_* bit */
} mc_user;

/* Where motcua finds its shipped data (catalogue, calendar, provinces):
 * $MOTCUA_FORMS_DIR, else the build-time default. */
const char *desk_forms_dir(void);

typedef struct desk_init_opts {
    const char *office_code; /* the agency id used in dossier codes */
    const char *office_name;
    const char *admin_login;
    const char *admin_name;  /* defaults to the login */
    const char *admin_password;
    const char *forms_dir;   /* catalogue to import; NULL = desk_forms_dir() */
} desk_init_opts;

/* Create a new office database (mode 0600) with its office, first admin
 * and the shipped catalogue.  Refuses an existing initialised database. */
mc_status desk_init(const char *db_path, const desk_init_opts *o,
                    mc_error *err) MC_MUST_USE;

mc_status desk_open(const char *db_path, mc_desk **out,
                    mc_error *err) MC_MUST_USE;
void desk_close(mc_desk *d);

/* Authenticate; on success the user acts in every later call. */
mc_status desk_login(mc_desk *d, const char *login, const char *password,
                     mc_error *err) MC_MUST_USE;
/* Act as the central back office (events applied from sync). */
void desk_act_as_central(mc_desk *d);
const mc_user *desk_user(const mc_desk *d);

/* The office's agency id and name. */
const char *desk_office_code(const mc_desk *d);
const char *desk_office_name(const mc_desk *d);

/* The working-day calendar: statutory rules + the shipped announced
 * schedule + the admin's overrides in the database.  Owned by the desk. */
mc_status desk_calendar(mc_desk *d, const mc_calendar **out,
                        mc_error *err) MC_MUST_USE;
/* Admin: declare a day off or a working day (audited). */
mc_status desk_calendar_set(mc_desk *d, mc_date day, bool working,
                            const char *note, mc_error *err) MC_MUST_USE;
/* A calendar from the shipped data only (no database). */
mc_status desk_calendar_shipped(mc_calendar **out, mc_error *err) MC_MUST_USE;

#endif
