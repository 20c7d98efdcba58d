/* SPDX-License-Identifier: GPL-3.0-or-later */
/* central_sql.h - every statement motcua-central runs (PostgreSQL), as
 * constant text, prepared once per connection; and the migrations.
 *
 * A push batch goes to PostgreSQL as the request body itself (parsed once,
 * by PostgreSQL, the events taken by position) plus small jsonb arrays the
 * service built after validating every event in C:
 *   events  {"i" (position in the batch), "seq", "kind", "dossier", "at",
 *            "actor", "reason" (set when rejected)}
 *   new     {"i", "seq", "dossier", "status", "procedure_code",
 *            "procedure_name", "department", "received_at", "due_date"}
 *            (intake, refuse; the snapshot is taken from the body)
 *   upd     {"seq", "dossier", "to_status", "department", "due_date"}
 * CS_BATCH_STORE writes the events, the new dossiers and the office's
 * last_seq and answers the batch's rejected events in one statement, so a
 * batch of a thousand events costs five round trips (BEGIN, lock, the
 * cheap code check, store, COMMIT; one more when it moves dossiers) and
 * no second copy of the events travels to the database. */
#ifndef MOTCUA_CENTRAL_SQL_H
#define MOTCUA_CENTRAL_SQL_H

#include "central_sql_files.h"
#include "central_sql_returns.h"
#include "online_sql.h"

#define CENTRAL_STMT_LIST(X)                                                   \
    CENTRAL_STMT_LIST_RETURNS(X)                                               \
    X(CS_OFFICE_LOCK,                                                          \
      "INSERT INTO offices(office) VALUES ($1) ON CONFLICT (office)"           \
      " DO UPDATE SET office = EXCLUDED.office RETURNING last_seq")            \
    X(CS_BATCH_STORE,                                                          \
      "WITH b AS MATERIALIZED (SELECT e, ord FROM"                             \
      "  jsonb_array_elements($2::jsonb->'events') WITH ORDINALITY"           \
      "  AS b(e, ord)),"                                                       \
      " ins AS (INSERT INTO events(office, seq, kind, dossier, at, actor,"     \
      "  payload, rejected_reason)"                                            \
      "  SELECT $1, x.seq, x.kind, x.dossier, x.at, x.actor, b.e->'event',"   \
      "  x.reason FROM jsonb_to_recordset($3::jsonb) AS x(i int, seq bigint," \
      "  kind text, dossier text, at timestamptz, actor text, reason text)"   \
      "  JOIN b ON b.ord = x.i + 1"                                            \
      "  ON CONFLICT (office, seq) DO NOTHING RETURNING seq, rejected_reason)," \
      " nd AS (INSERT INTO dossiers(code, office, status, procedure_code,"    \
      "  procedure_name, department, received_at, due_date, snapshot)"        \
      "  SELECT n.dossier, $1, n.status, n.procedure_code, n.procedure_name," \
      "  n.department, n.received_at, n.due_date,"                             \
      "  b.e->'event'->'data'->'dossier'"                                      \
      "  FROM jsonb_to_recordset($4::jsonb) AS n(i int, seq bigint,"          \
      "  dossier text, status text, procedure_code text,"                      \
      "  procedure_name text, department text, received_at timestamptz,"     \
      "  due_date date) JOIN b ON b.ord = n.i + 1"                            \
      "  ORDER BY n.seq ON CONFLICT (code) DO NOTHING),"                       \
      " os AS (UPDATE offices SET last_seq = $5::bigint,"                     \
      "  last_push_at = now() WHERE office = $1)"                              \
      " SELECT seq, rejected_reason FROM events WHERE office = $1"            \
      " AND seq > $6::bigint AND seq <= $5::bigint"                            \
      " AND rejected_reason IS NOT NULL"                                       \
      " UNION ALL SELECT seq, rejected_reason FROM ins"                        \
      " WHERE rejected_reason IS NOT NULL ORDER BY 1")                         \
    X(CS_DOSSIERS_UPDATE,                                                      \
      "UPDATE dossiers d SET status = COALESCE(u.to_status, d.status),"       \
      " department = COALESCE(u.department, d.department),"                   \
      " due_date = COALESCE(u.due_date, d.due_date), updated_at = now()"     \
      " FROM (SELECT x.dossier AS code,"                                       \
      "  (array_agg(x.to_status ORDER BY x.seq DESC)"                          \
      "   FILTER (WHERE x.to_status IS NOT NULL))[1] AS to_status,"           \
      "  (array_agg(x.department ORDER BY x.seq DESC)"                         \
      "   FILTER (WHERE x.department IS NOT NULL))[1] AS department,"         \
      "  (array_agg(x.due_date ORDER BY x.seq DESC)"                           \
      "   FILTER (WHERE x.due_date IS NOT NULL))[1] AS due_date"              \
      "  FROM jsonb_to_recordset($2::jsonb) AS x(seq bigint, dossier text,"   \
      "  to_status text, department text, due_date date) GROUP BY 1) AS u"    \
      " WHERE d.code = u.code AND d.office = $1")                              \
    X(CS_REJECTED_RANGE,                                                       \
      "SELECT seq, rejected_reason FROM events WHERE office = $1"             \
      " AND seq > $2::bigint AND seq <= $3::bigint"                            \
      " AND rejected_reason IS NOT NULL ORDER BY seq")                         \
    X(CS_CHANGES_AFTER,                                                        \
      "SELECT id, dossier, from_status, to_status, department, note,"         \
      " missing::text, actor, to_char(created_at AT TIME ZONE"                 \
      " 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+07:00\"')"          \
      " FROM changes WHERE office = $1 AND id > $2::bigint ORDER BY id"       \
      " LIMIT $3::int")                                                        \
    X(CS_DOSSIER_LOCK, "SELECT office, status FROM dossiers WHERE code = $1"  \
                       " FOR UPDATE")                                          \
    X(CS_DOSSIER_SET_STATUS,                                                   \
      "UPDATE dossiers SET status = $2, department = COALESCE($3,"           \
      " department), updated_at = now() WHERE code = $1")                     \
    X(CS_CHANGE_INSERT,                                                        \
      "INSERT INTO changes(office, dossier, from_status, to_status,"          \
      " department, note, missing, actor)"                                     \
      " VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)"                        \
      " RETURNING id, to_char(created_at AT TIME ZONE 'Asia/Ho_Chi_Minh',"    \
      " 'YYYY-MM-DD\"T\"HH24:MI:SS\"+07:00\"')")                              \
    X(CS_DOSSIER_LOOKUP,                                                       \
      "SELECT code, office, department, to_char(received_at AT TIME ZONE"     \
      " 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+07:00\"'),"         \
      " to_char(due_date, 'YYYY-MM-DD'), status FROM dossiers"                \
      " WHERE code = $1")                                                      \
    X(CS_SUMMARY,                                                              \
      "SELECT (SELECT count(*) FROM dossiers WHERE office = $1),"             \
      " (SELECT count(*) FROM events WHERE office = $1"                       \
      "  AND rejected_reason IS NULL),"                                        \
      " (SELECT count(*) FROM events WHERE office = $1"                       \
      "  AND rejected_reason IS NOT NULL),"                                    \
      " (SELECT COALESCE(max(last_seq), 0) FROM offices WHERE office = $1)")  \
    X(CS_SUMMARY_BY_STATUS, "SELECT status, count(*) FROM dossiers"           \
                            " WHERE office = $1 GROUP BY status"               \
                            " ORDER BY status")                                \
    X(CS_REPEAT_DIFFERS,                                                       \
      "SELECT x.seq FROM jsonb_to_recordset($3::jsonb) AS x(i int,"           \
      " seq bigint) JOIN jsonb_array_elements($2::jsonb->'events')"           \
      " WITH ORDINALITY AS b(e, ord) ON b.ord = x.i + 1"                       \
      " LEFT JOIN events v ON v.office = $1 AND v.seq = x.seq"                 \
      " WHERE v.payload IS DISTINCT FROM b.e->'event' ORDER BY x.seq LIMIT 1") \
    X(CS_CODES_TAKEN,                                                          \
      "SELECT x.seq FROM jsonb_to_recordset($3::jsonb) AS x(i int,"           \
      " seq bigint, kind text, dossier text, reason text)"                     \
      " JOIN jsonb_array_elements($2::jsonb->'events') WITH ORDINALITY"       \
      " AS b(e, ord) ON b.ord = x.i + 1"                                       \
      " WHERE x.reason IS NULL AND x.dossier IS NOT NULL AND ("               \
      " (x.kind IN ('intake', 'refuse') AND EXISTS (SELECT 1 FROM dossiers d" \
      "  WHERE d.code = x.dossier AND (d.office <> $1 OR d.snapshot"           \
      "  IS DISTINCT FROM b.e->'event'->'data'->'dossier')))"                  \
      " OR (x.kind NOT IN ('intake', 'refuse') AND EXISTS (SELECT 1"          \
      "  FROM events v WHERE v.office = $1 AND v.dossier = x.dossier"          \
      "  AND v.kind IN ('intake', 'refuse')"                                   \
      "  AND v.rejected_reason LIKE 'code already used%')))"                  \
      " ORDER BY x.seq")                                                       \
    X(CS_CODES_MAYBE_TAKEN,                                                    \
      "SELECT EXISTS (SELECT 1 FROM dossiers WHERE code = ANY($2::text[]))"    \
      " OR EXISTS (SELECT 1 FROM events WHERE office = $1"                     \
      " AND dossier = ANY($3::text[]) AND kind IN ('intake', 'refuse')"        \
      " AND rejected_reason LIKE 'code already used%')")                       \
    X(CS_STATE_LAST_SEQ, "SELECT COALESCE(max(last_seq), 0) FROM offices"     \
                         " WHERE office = $1")                                 \
    X(CS_STATE_CODES,                                                          \
      "SELECT split_part(dossier, '-', 2),"                                    \
      " max(split_part(dossier, '-', 3)::bigint) FROM events"                  \
      " WHERE office = $1 AND kind IN ('intake', 'refuse')"                    \
      " AND split_part(dossier, '-', 1) = $1"                                  \
      " AND split_part(dossier, '-', 2) ~ '^[0-9]{6}$'"                        \
      " AND split_part(dossier, '-', 3) ~ '^[0-9]{1,9}$'"                      \
      " GROUP BY 1 ORDER BY 1 DESC LIMIT 60")                                  \
    ONLINE_STMT_LIST(X)                                                        \
    CENTRAL_STMT_LIST_FILES(X)                                                 \
    X(CS_PING, "SELECT 1")

/* Forward-only: migration N brings the schema from N-1 to N.  Never edit
 * one that has shipped. */
static const char *const central_migrations[] = {
    /* 1: events (idempotent on office+seq), the dossier projection, the
     * back office's changes that desks pull */
    "CREATE TABLE offices("
    " office text PRIMARY KEY, last_seq bigint NOT NULL DEFAULT 0,"
    " last_push_at timestamptz);"
    "CREATE TABLE events("
    " office text NOT NULL, seq bigint NOT NULL, kind text NOT NULL,"
    " dossier text, at timestamptz, actor text, payload jsonb NOT NULL,"
    " rejected_reason text, received_at timestamptz NOT NULL DEFAULT now(),"
    " PRIMARY KEY (office, seq));"
    "CREATE INDEX events_dossier ON events(dossier);"
    "CREATE TABLE dossiers("
    " code text PRIMARY KEY, office text NOT NULL, status text NOT NULL,"
    " procedure_code text, procedure_name text, department text,"
    " received_at timestamptz, due_date date, snapshot jsonb,"
    " updated_at timestamptz NOT NULL DEFAULT now());"
    "CREATE INDEX dossiers_office_status ON dossiers(office, status);"
    "CREATE TABLE changes("
    " id bigserial PRIMARY KEY, office text NOT NULL, dossier text NOT NULL,"
    " from_status text, to_status text NOT NULL, department text, note text,"
    " missing jsonb, actor text NOT NULL,"
    " created_at timestamptz NOT NULL DEFAULT now());"
    "CREATE INDEX changes_office ON changes(office, id);",
    /* 2: dossier files sent by the desks, their bytes once per SHA-256 in
     * large objects (central_sql_files.h; docs/sync.md "Files") */
    CENTRAL_MIGRATION_FILES,
    /* 3: online dossiers (online.c): filed by the portal's connector, pulled
     * by the office's desks in rev order (offices.online_rev, taken under
     * the office's row lock), accepted or decided through desk events;
     * their files stored once per SHA-256 */
    "ALTER TABLE offices ADD COLUMN online_rev bigint NOT NULL DEFAULT 0;"
    "CREATE TABLE online_dossiers("
    " portal_ref text PRIMARY KEY, office text NOT NULL, rev bigint NOT NULL,"
    " state text NOT NULL CHECK (state IN ('waiting', 'withdrawn',"
    "  'accepted', 'supplement_requested', 'refused')),"
    " submitted_at timestamptz NOT NULL, request jsonb NOT NULL,"
    " filed_at timestamptz NOT NULL DEFAULT now(),"
    " code text UNIQUE, by_actor text, at timestamptz, decision_seq bigint,"
    " decision text CHECK (decision IN ('supplement', 'refuse')),"
    " reasons jsonb, missing jsonb, form_pdf bytea,"
    " supplements int NOT NULL DEFAULT 0,"
    " updated_at timestamptz NOT NULL DEFAULT now());"
    "CREATE UNIQUE INDEX online_dossiers_office_rev"
    " ON online_dossiers(office, rev);"
    "CREATE TABLE online_blobs("
    " sha256 text PRIMARY KEY, size bigint NOT NULL, data bytea NOT NULL);"
    "CREATE TABLE online_files("
    " portal_ref text NOT NULL REFERENCES online_dossiers ON DELETE CASCADE,"
    " ord int NOT NULL, paper int, name text NOT NULL, mime text NOT NULL,"
    " sha256 text NOT NULL REFERENCES online_blobs,"
    " PRIMARY KEY (portal_ref, ord));",
    /* 4: returns (issue 12): electronic result deliveries confirmed by the
     * portal connector or the back office, once per dossier; each is the
     * change (done -> returned) the office pulls */
    "CREATE TABLE deliveries("
    " dossier text PRIMARY KEY REFERENCES dossiers(code),"
    " office text NOT NULL, sha256 text,"
    " delivered_at timestamptz NOT NULL, actor text NOT NULL,"
    " change_id bigint NOT NULL UNIQUE REFERENCES changes(id),"
    " created_at timestamptz NOT NULL DEFAULT now());",
    /* 5: detached scans (central_sql_files.h, docs/sync.md "Files") */
    CENTRAL_MIGRATION_FILES_DETACH,
};

#define CENTRAL_N_MIGRATIONS                                                   \
    ((int)(sizeof central_migrations / sizeof *central_migrations))

#endif
