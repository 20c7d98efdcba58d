/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_online.h - the online inbox rows (online dossiers pulled from the
 * centre, issue 12) and the files the portal attached to them.  The desk
 * (src/desk/online.c) owns the rules; these are the statements. */
#ifndef MOTCUA_STORE_ONLINE_H
#define MOTCUA_STORE_ONLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "mc_error.h"
#include "store.h"

typedef struct store_online_row {
    char *portal_ref;
    int64_t rev;
    char *submitted_at;
    char *state;        /* the desk's view */
    char *centre_state; /* the centre's last word */
    char *procedure_code, *applicant_name;
    char *dossier;      /* JSON object text, as the centre sent it */
    mc_ts pulled_at;
    char *decided_by;   /* NULL while waiting */
    mc_ts decided_at;
    bool decided_here;  /* decided at one of this office's desks */
    int64_t dossier_id; /* 0 unless accepted here */
    char *code;         /* the dossier code once accepted */
    char *reasons, *missing; /* JSON arrays or NULL */
} store_online_row;
void store_online_row_free(store_online_row *r);

/* *found false (and *r zeroed) when there is no such row. */
mc_status store_online_get(mc_store *s, const char *portal_ref,
                           store_online_row *r, bool *found,
                           mc_error *err) MC_MUST_USE;
mc_status store_online_by_dossier(mc_store *s, int64_t dossier_id,
                                  store_online_row *r, bool *found,
                                  mc_error *err) MC_MUST_USE;
/* A new row (every field but the decision ones from r). */
mc_status store_online_insert(mc_store *s, const store_online_row *r,
                              mc_error *err) MC_MUST_USE;
/* The centre's new word on a row: rev, centre_state, the desk's state,
 * who decided and when (kept when already set), code. */
mc_status store_online_update_centre(mc_store *s, const store_online_row *r,
                                     mc_error *err) MC_MUST_USE;
/* The clerk's decision, only when the row is still 'waiting': *changed
 * false when another desk decided first (nothing written). */
mc_status store_online_decide(mc_store *s, const store_online_row *r,
                              bool *changed, mc_error *err) MC_MUST_USE;
/* Rows in submission order (state NULL: every state); fn returns false to
 * stop; the row is only valid during the call. */
typedef bool (*store_online_fn)(const store_online_row *r, void *ud);
mc_status store_online_each(mc_store *s, const char *state, int limit,
                            store_online_fn fn, void *ud,
                            mc_error *err) MC_MUST_USE;
mc_status store_online_count(mc_store *s, const char *state, int64_t *n,
                             mc_error *err) MC_MUST_USE;

typedef struct store_online_file {
    const char *portal_ref;
    int ord;
    int paper; /* 0 when the file is for no paper in particular */
    const char *name, *mime, *sha256;
    int64_t size;
    mc_ts fetched_at; /* 0 until the bytes are kept */
} store_online_file;
typedef bool (*store_online_file_fn)(const store_online_file *f, void *ud);
mc_status store_online_file_put(mc_store *s, const store_online_file *f,
                                mc_error *err) MC_MUST_USE;
mc_status store_online_files(mc_store *s, const char *portal_ref,
                             store_online_file_fn fn, void *ud,
                             mc_error *err) MC_MUST_USE;
/* Files whose bytes were not fetched yet, at most `limit`. */
mc_status store_online_files_waiting(mc_store *s, int limit,
                                     store_online_file_fn fn, void *ud,
                                     mc_error *err) MC_MUST_USE;
mc_status store_online_file_fetched(mc_store *s, const char *portal_ref,
                                    const char *sha256, mc_ts at,
                                    mc_error *err) MC_MUST_USE;

#endif
