/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_internal.h - shared by the store's files only. */
#ifndef MOTCUA_STORE_INTERNAL_H
#define MOTCUA_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

#define D_COLS                                                                 \
    "id, code, status, procedure_code, procedure_version, procedure_name,"     \
    " procedure_field, processing_days, processing_unit, applicant_kind,"      \
    " applicant_name, id_number, bhxh_number, tax_code, phone, email,"         \
    " address, rep_name, rep_id_number, rep_phone, channel, result_delivery,"  \
    " sets, note, refusal_reason, extra, received_at, received_by, due_date,"  \
    " due_at, original_due_at, extended, paused_at, department, returned_at,"  \
    " receiver_name, receiver_id, receiver_relation, updated_at,"              \
    " return_channel, returned_via, post_tracking, posted_on, result_sent_at"

#include "store_sql_files.h"
#include "store_sql_print.h"
#include "store_sql_queue.h"
#include "store_sql_returns.h"
#include "store_sql_session.h"
#include "store_sql_sync.h"
#include "store_sql_upload.h"
#include "store_sql_online.h"
#include "store_sql_names.h"

/* One UPDATE per correctable field, its column name pasted in at compile
 * time (constant text, never built at run time). */
#define STORE_CORRECT_STMT(id, name, col)                                      \
    X(STMT_##id, "UPDATE dossiers SET " col " = ?2, updated_at = ?3"           \
                 " WHERE id = ?1")

/* X(id, SQL) - every statement the store runs, as constant text.  The
 * printing and sync statements live in their own headers, one per room. */
#define STORE_STMT_LIST(X)                                                     \
    STORE_STMT_LIST_PRINT(X)                                                   \
    STORE_STMT_LIST_QUEUE(X)                                                   \
    STORE_STMT_LIST_SYNC(X)                                                    \
    STORE_STMT_LIST_UPLOAD(X)                                                  \
    STORE_STMT_LIST_SESSION(X)                                                 \
    STORE_STMT_LIST_FILES(X)                                                   \
    STORE_STMT_LIST_RETURNS(X)                                                 \
    STORE_STMT_LIST_ONLINE(X)                                                  \
    STORE_STMT_LIST_NAMES(X)                                                   \
    X(STMT_BEGIN, "BEGIN IMMEDIATE")                                           \
    X(STMT_COMMIT, "COMMIT")                                                   \
    X(STMT_ROLLBACK, "ROLLBACK")                                               \
    X(STMT_META_GET, "SELECT value FROM meta WHERE key = ?1")                  \
    X(STMT_META_SET, "INSERT INTO meta(key, value) VALUES (?1, ?2)"            \
                     " ON CONFLICT(key) DO UPDATE SET value = excluded.value") \
    X(STMT_USER_INSERT, "INSERT INTO users(login, name, role, pw_hash,"        \
                        " created_at) VALUES (?1, ?2, ?3, ?4, ?5)")            \
    X(STMT_USER_GET, "SELECT id, login, name, role, pw_hash, active,"          \
                     " failed_logins, locked_until FROM users"                 \
                     " WHERE login = ?1")                                      \
    X(STMT_USER_EACH, "SELECT id, login, name, role, pw_hash, active,"         \
                      " failed_logins, locked_until FROM users ORDER BY login") \
    X(STMT_USER_LOGIN_STATE, "UPDATE users SET failed_logins = ?2,"            \
                             " locked_until = ?3 WHERE id = ?1")               \
    X(STMT_PROC_PUT, "INSERT INTO procedures(code, version, name,"             \
                     " processing_days, doc, imported_at)"                     \
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")                       \
    X(STMT_PROC_LATEST, "SELECT doc, version FROM procedures WHERE code = ?1"  \
                        " ORDER BY version DESC LIMIT 1")                      \
    X(STMT_PROC_LATEST_VERSION, "SELECT version FROM procedures"              \
                                " WHERE code = ?1 ORDER BY version DESC"      \
                                " LIMIT 1")                                   \
    X(STMT_PROC_VERSION, "SELECT doc FROM procedures"                          \
                         " WHERE code = ?1 AND version = ?2")                  \
    X(STMT_PROC_EACH, "SELECT p.code, p.version, p.doc FROM procedures p"      \
                      " WHERE p.version = (SELECT MAX(version) FROM"           \
                      " procedures q WHERE q.code = p.code) ORDER BY p.code")  \
    X(STMT_CODE_NEXT, "SELECT COALESCE(MAX(seq), 0) + 1 FROM issued_codes"     \
                      " WHERE agency = ?1 AND day = ?2")                       \
    X(STMT_CODE_ISSUE, "INSERT INTO issued_codes(agency, day, seq, code,"      \
                       " kind, issued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")    \
    X(STMT_CODE_EACH, "SELECT seq, code FROM issued_codes"                     \
                      " WHERE agency = ?1 AND day = ?2 ORDER BY seq")          \
    X(STMT_DOSSIER_INSERT,                                                     \
      "INSERT INTO dossiers(code, status, procedure_code, procedure_version,"  \
      " procedure_name, procedure_field, processing_days, processing_unit,"    \
      " applicant_kind, applicant_name, name_key, id_number, bhxh_number,"     \
      " tax_code, phone, email, address, rep_name, rep_id_number, rep_phone,"  \
      " channel, result_delivery, sets, note, refusal_reason, extra,"          \
      " received_at, received_by, due_date, due_at, updated_at, intake_seq)"   \
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"  \
      " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27,"      \
      " ?28, ?29, ?30, ?31, (SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox))")  \
    X(STMT_PAPER_INSERT, "INSERT INTO dossier_papers(dossier_id, ord, name,"   \
                         " form, count, required)"                             \
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")                   \
    X(STMT_DOSSIER_UPDATE,                                                     \
      "UPDATE dossiers SET status = ?2, due_date = ?3, due_at = ?4,"           \
      " original_due_at = ?5, extended = ?6, paused_at = ?7,"                  \
      " department = ?8, returned_at = ?9, receiver_name = ?10,"               \
      " receiver_id = ?11, receiver_relation = ?12, updated_at = ?13"          \
      " WHERE id = ?1")                                                        \
    X(STMT_DOSSIER_GET, "SELECT " D_COLS " FROM dossiers WHERE code = ?1")    \
    X(STMT_PAPERS_GET, "SELECT name, form, count, required FROM"               \
                       " dossier_papers WHERE dossier_id = ?1 ORDER BY ord")   \
    X(STMT_DOSSIER_COUNT, "SELECT COUNT(*) FROM dossiers")                     \
    X(STMT_DAY_STATS,                                                          \
      "SELECT"                                                                 \
      " (SELECT COUNT(*) FROM dossiers WHERE received_by = ?3"                 \
      "  AND received_at >= ?1 AND received_at < ?2 AND status <> 'refused'"   \
      "  ),"                                                                   \
      " (SELECT COUNT(*) FROM dossiers WHERE received_by = ?3"                 \
      "  AND received_at >= ?1 AND received_at < ?2 AND status = 'refused'),"  \
      " (SELECT COUNT(*) FROM history WHERE to_status = 'returned'"            \
      "  AND at >= ?1 AND at < ?2 AND actor = ?3),"                            \
      " (SELECT COUNT(*) FROM dossiers WHERE status IN ('received',"           \
      "  'processing') AND due_at >= ?1 AND due_at < ?2),"                     \
      " (SELECT COUNT(*) FROM dossiers WHERE status IN ('received',"           \
      "  'processing') AND due_at > 0 AND due_at < ?4),"                       \
      " (SELECT COUNT(*) FROM dossiers WHERE status = 'done')")                \
    X(STMT_DOSSIER_LIST,                                                       \
      "SELECT " D_COLS " FROM dossiers"                                        \
      " WHERE (?1 IS NULL OR status = ?1)"                                     \
      " AND (?2 IS NULL OR due_date = ?2)"                                     \
      " AND (?3 = 0 OR (status IN ('received', 'processing')"                  \
      "  AND due_at > 0 AND due_at < ?4))"                                     \
      " AND (?5 IS NULL OR (received_at >= ?5 AND received_at < ?6))"         \
      " ORDER BY received_at, id LIMIT ?7")                                    \
    X(STMT_DOSSIER_BY_ID,                                                      \
      "SELECT " D_COLS " FROM dossiers WHERE id_number = ?1"                   \
      " UNION SELECT " D_COLS " FROM dossiers WHERE bhxh_number = ?1"          \
      " UNION SELECT " D_COLS " FROM dossiers WHERE tax_code = ?1"             \
      " UNION SELECT " D_COLS " FROM dossiers WHERE rep_id_number = ?1"        \
      " ORDER BY 27 DESC LIMIT ?2")                                            \
    /* newest matches first (FTS5 stops after LIMIT rows in rowid order;    \
     * ORDER BY rank would score every match of a common name first), then  \
     * the exact full name ahead of longer names among them.  The last     \
     * column says which are exact (store_dossier_by_name merges) */        \
    X(STMT_DOSSIER_BY_NAME,                                                    \
      "SELECT " D_COLS ", dossiers.name_key = ?3"                              \
      " FROM (SELECT rowid AS m_id FROM dossier_names"                         \
      " WHERE dossier_names MATCH ?1 ORDER BY rowid DESC LIMIT ?2) AS m"       \
      " JOIN dossiers ON dossiers.id = m.m_id"                                 \
      " ORDER BY (dossiers.name_key = ?3) DESC, dossiers.id DESC")             \
    /* the dossiers not yet in the index (the newest, fewer than a batch:    \
     * store_names.c), matched by the index's own rule; rowid order, so no   \
     * sort */                                                               \
    X(STMT_DOSSIER_BY_NAME_WAITING,                                            \
      "SELECT " D_COLS ", name_key = ?3 FROM dossiers"                         \
      " WHERE id > (SELECT upto FROM dossier_names_upto)"                      \
      " AND motcua_name_match(name_key, ?1) ORDER BY id DESC LIMIT ?2")        \
    X(STMT_HISTORY_APPEND, "INSERT INTO history(dossier_id, at, actor,"        \
                           " action, from_status, to_status, note, data)"      \
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")         \
    X(STMT_HISTORY_EACH, "SELECT id, dossier_id, at, actor, action,"           \
                         " from_status, to_status, note, data FROM history"    \
                         " WHERE dossier_id = ?1 ORDER BY id")                 \
    X(STMT_AUDIT_TAIL, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")  \
    X(STMT_AUDIT_APPEND, "INSERT INTO audit(id, at, actor, action, object,"    \
                         " detail, prev_hash, hash)"                           \
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")           \
    X(STMT_AUDIT_EACH, "SELECT id, at, actor, action, object, detail,"         \
                       " prev_hash, hash FROM audit ORDER BY id")              \
    X(STMT_OUTBOX_APPEND, "INSERT INTO outbox(kind, payload, created_at)"     \
                          " VALUES (?1, ?2, ?3)")                              \
    X(STMT_OUTBOX_RESERVED, "SELECT intake_seq FROM dossiers WHERE code = ?1") \
    X(STMT_OUTBOX_APPEND_AT, "INSERT INTO outbox(seq, kind, payload,"          \
                             " created_at, intake_of)"                         \
                             " VALUES (?4, ?1, ?2, ?3, ?5)")                   \
    X(STMT_OUTBOX_PENDING, "SELECT COUNT(*) FROM outbox"                       \
                           " WHERE acked_at IS NULL")                          \
    X(STMT_SLIP_NEXT, "SELECT COALESCE(MAX(seq), 0) + 1 FROM slips"            \
                      " WHERE day = ?1")                                       \
    X(STMT_SLIP_INSERT, "INSERT INTO slips(number, day, seq, dossier_id,"      \
                        " procedure_code, applicant_name, missing, reason,"    \
                        " actor, created_at)"                                  \
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")   \
    X(STMT_CORRECT_NAME, "UPDATE dossiers SET applicant_name = ?2,"            \
                         " name_key = ?4, updated_at = ?3 WHERE id = ?1")      \
    MC_CORRECTABLE_LIST(STORE_CORRECT_STMT)                                    \
    X(STMT_CAL_SET, "INSERT INTO calendar_overrides(date, working, note,"      \
                    " actor, at) VALUES (?1, ?2, ?3, ?4, ?5)")                 \
    X(STMT_CAL_EACH, "SELECT c.date, c.working, c.note FROM"                   \
                     " calendar_overrides c WHERE c.id = (SELECT MAX(id)"      \
                     " FROM calendar_overrides d WHERE d.date = c.date)"       \
                     " ORDER BY c.date")

enum store_stmt_id {
#define X(id, sql) id,
    STORE_STMT_LIST(X)
#undef X
        STMT__COUNT
};

static const char *const store_sql[STMT__COUNT] = {
#define X(id, sql) [id] = sql,
    STORE_STMT_LIST(X)
#undef X
};

struct mc_store {
    sqlite3 *db;
    sqlite3_stmt *stmts[STMT__COUNT];
};

/* The cached statement, reset and unbound; NULL (err filled) on failure. */
sqlite3_stmt *store_stmt(mc_store *s, enum store_stmt_id id, mc_error *err);
/* Before the first connection: SQLite's allocator ends the process with exit
 * status 12 when memory runs out (mc_oom), so a bind or a step can never
 * quietly store NULL or half a row; the open transaction is simply not
 * committed.  Idempotent. */
void store_mem_init(void);
mc_status store_err(mc_store *s, mc_error *err, const char *what);
mc_status store_step_done(mc_store *s, sqlite3_stmt *st, mc_error *err,
                          const char *what);
/* The name of the VFS that gathers a commit's WAL frames into one write
 * (store_walbuf.c), registered on first use; NULL (the default VFS) when it
 * cannot be.  Needs synchronous=FULL, which store_open sets. */
const char *store_walbuf_vfs(void);

void store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* The same without SQLite's copy: v must stay valid until the statement
 * has run (store_step_done clears the bindings).  For the intake's rows. */
void store_bind_text_static(sqlite3_stmt *st, int i, const char *v);
char *store_col_dup(sqlite3_stmt *st, int i);
/* The applicant-name index in batches (store_names.c): a batch is indexed
 * once this many dossiers wait; a search reads the waiting ones directly. */
#define STORE_NAMES_BATCH 64
/* FTS5 merge work (pages) after each batch */
#define STORE_NAMES_MERGE_PAGES 16
/* Registers motcua_name_match on the connection (store_open). */
mc_status store_names_open(mc_store *s, mc_error *err);
/* After a dossier row is inserted: index the batch when it is full, in the
 * caller's transaction. */
mc_status store_names_after_insert(mc_store *s, int64_t id, mc_error *err);

/* The return columns at the end of D_COLS, from column `col` (store_returns.c). */
void store_return_cols(sqlite3_stmt *st, int col, mc_dossier *d);

#endif
