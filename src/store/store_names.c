/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_names.c - the applicant-name search index, written in batches.
 *
 * FTS5 writes a new segment in every transaction that touched it (its
 * pending terms are flushed at the next statement savepoint or at the
 * commit), so indexing each intake's name in the intake's own transaction
 * cost about 160k instructions and 4 of its 22 WAL pages (issue 15).  Now
 * the names are indexed together once STORE_NAMES_BATCH dossiers wait, in
 * the transaction of the insert that fills the batch;
 * dossier_names_upto.upto (migration 11) says which dossiers are indexed.
 *
 * A search still finds the waiting ones at once, exactly as FTS5 would:
 * STMT_DOSSIER_BY_NAME_WAITING reads them from dossiers (at most a batch,
 * by rowid) and keeps the rows motcua_name_match(name_key, query) accepts
 * (store_name_match.c: FTS5's own tokenizer, FTS5's rule), and
 * store_dossier_by_name merges them with the index's matches. */
#include <stdbool.h>
#include <stdlib.h>

#include "mc_error.h"
#include "store_internal.h"
#include "store_name_match.h"

mc_status store_names_open(mc_store *s, mc_error *err)
{
    int rc = store_name_match_register(s->db);
    if (rc == SQLITE_NOMEM)
        mc_oom();
    if (rc != SQLITE_OK)
        return mc_fail(err, MC_EDB, "db",
                       _("Lỗi cơ sở dữ liệu: SQLite không có FTS5 (tìm theo "
                         "tên)"));
    return MC_OK;
}

/* --- the batches --------------------------------------------------------- */
static mc_status read_id(mc_store *s, enum store_stmt_id id, int64_t *out,
                         mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, id, err);
    if (!st)
        return MC_EDB;
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW)
        return store_err(s, err, "dossier_names_upto");
    return MC_OK;
}

/* Index the dossiers upto < id <= to and move upto to `to`; in the caller's
 * transaction. */
static mc_status index_range(mc_store *s, int64_t upto, int64_t to,
                             mc_error *err)
{
    sqlite3_stmt *st = store_stmt(s, STMT_NAMES_INDEX, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, upto);
    sqlite3_bind_int64(st, 2, to);
    mc_status rc = store_step_done(s, st, err, "dossier_names");
    if (rc)
        return rc;
    st = store_stmt(s, STMT_NAMES_SET_UPTO, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int64(st, 1, to);
    rc = store_step_done(s, st, err, "dossier_names_upto");
    if (rc)
        return rc;
    /* FTS5 merges its segments in proportion to the pages a flush writes:
     * one flush per batch gives it too little to do, and a search pays for
     * every segment it reads.  Bounded merge work after each batch, with
     * usermerge 2 (migration 11: two segments of a level are enough to
     * merge), keeps them fewer than one flush per dossier used to: 7
     * against 5-8 at 100,000 dossiers, searches 2% cheaper */
    st = store_stmt(s, STMT_NAMES_MERGE, err);
    if (!st)
        return MC_EDB;
    sqlite3_bind_int(st, 1, STORE_NAMES_MERGE_PAGES);
    return store_step_done(s, st, err, "dossier_names");
}

mc_status store_names_after_insert(mc_store *s, int64_t id, mc_error *err)
{
    /* dossier ids are the table's rowids, max + 1 (no dossier is ever
     * deleted): every STORE_NAMES_BATCH-th insert looks, and indexes what
     * waits; the others do not even read the position */
    if (id % STORE_NAMES_BATCH != 0)
        return MC_OK;
    int64_t upto;
    mc_status rc = read_id(s, STMT_NAMES_UPTO, &upto, err);
    if (rc || id <= upto)
        return rc;
    return index_range(s, upto, id, err);
}

int64_t store_names_waiting(mc_store *s)
{
    int64_t upto, top;
    if (read_id(s, STMT_NAMES_UPTO, &upto, NULL) ||
        read_id(s, STMT_NAMES_MAX_ID, &top, NULL))
        return -1;
    return top > upto ? top - upto : 0;
}

mc_status store_names_index_all(mc_store *s, mc_error *err)
{
    bool own = sqlite3_get_autocommit(s->db) != 0;
    mc_status rc = own ? store_begin(s, err) : MC_OK;
    int64_t upto = 0, top = 0;
    if (!rc)
        rc = read_id(s, STMT_NAMES_UPTO, &upto, err);
    if (!rc)
        rc = read_id(s, STMT_NAMES_MAX_ID, &top, err);
    if (!rc && top > upto)
        rc = index_range(s, upto, top, err);
    if (own) {
        if (!rc)
            rc = store_commit(s, err);
        else
            store_rollback(s);
    }
    return rc;
}
