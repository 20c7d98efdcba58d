/* SPDX-License-Identifier: GPL-3.0-or-later */
/* online_sql.h - the statements of the online dossiers (online.c), spliced
 * into CENTRAL_STMT_LIST (central_sql.h) by one line.  Tables: central
 * migration "online dossiers" (central_sql.h). */
#ifndef MOTCUA_ONLINE_SQL_H
#define MOTCUA_ONLINE_SQL_H

#define ONLINE_VN_TS(x)                                                        \
    "to_char(" x " AT TIME ZONE 'Asia/Ho_Chi_Minh',"                          \
    " 'YYYY-MM-DD\"T\"HH24:MI:SS\"+07:00\"')"

#define ONLINE_STMT_LIST(X)                                                    \
    /* the office's next online rev; creates and locks the office row, so   \
     * revs of one office commit in order */                                 \
    X(CS_ONLINE_NEXT_REV,                                                      \
      "INSERT INTO offices(office, online_rev) VALUES ($1, 1)"                 \
      " ON CONFLICT (office) DO UPDATE"                                        \
      " SET online_rev = offices.online_rev + 1 RETURNING online_rev")         \
    X(CS_ONLINE_SAME,                                                          \
      "SELECT office, state, request = $2::jsonb, rev FROM online_dossiers"    \
      " WHERE portal_ref = $1")                                                \
    X(CS_ONLINE_INSERT,                                                        \
      "INSERT INTO online_dossiers(portal_ref, office, rev, state,"            \
      " submitted_at, request) VALUES ($1, $2, $3::bigint, 'waiting',"         \
      " $4::timestamptz, $5::jsonb) ON CONFLICT (portal_ref) DO NOTHING"       \
      " RETURNING rev")                                                        \
    /* the citizen's supplement: the new request replaces the old, its     \
     * files too (the old bytes stay, shared by hash); waiting again; the   \
     * last decision is kept for the record */                              \
    X(CS_ONLINE_SUPPLEMENTED,                                                  \
      "WITH u AS (UPDATE online_dossiers SET state = 'waiting',"              \
      "  rev = $3::bigint, submitted_at = $4::timestamptz,"                    \
      "  request = $5::jsonb, supplements = supplements + 1,"                  \
      "  updated_at = now() WHERE portal_ref = $1 AND office = $2"            \
      "  AND state = 'supplement_requested' RETURNING rev),"                   \
      " d AS (DELETE FROM online_files WHERE portal_ref = $1"                  \
      "  AND EXISTS (SELECT 1 FROM u))"                                        \
      " SELECT rev FROM u")                                                    \
    X(CS_ONLINE_BLOB_PUT,                                                      \
      "INSERT INTO online_blobs(sha256, size, data)"                           \
      " VALUES ($1, $2::bigint, decode($3, 'base64'))"                         \
      " ON CONFLICT (sha256) DO NOTHING")                                      \
    X(CS_ONLINE_FILES_PUT,                                                     \
      "INSERT INTO online_files(portal_ref, ord, paper, name, mime, sha256)"   \
      " SELECT $1, x.ord, x.paper, x.name, x.mime, x.sha256"                   \
      " FROM jsonb_to_recordset($2::jsonb) AS x(ord int, paper int,"           \
      " name text, mime text, sha256 text)")                                   \
    X(CS_ONLINE_FEED,                                                          \
      "SELECT o.rev, o.portal_ref, " ONLINE_VN_TS("o.submitted_at") ","        \
      " o.state, (o.request->'dossier')::text,"                                \
      " COALESCE((SELECT jsonb_agg(jsonb_build_object('paper', f.paper,"      \
      "  'name', f.name, 'mime', f.mime, 'size', b.size, 'sha256',"           \
      "  f.sha256) ORDER BY f.ord) FROM online_files f JOIN online_blobs b"   \
      "  ON b.sha256 = f.sha256 WHERE f.portal_ref = o.portal_ref),"           \
      "  '[]'::jsonb)::text,"                                                  \
      " o.code, o.by_actor, " ONLINE_VN_TS("o.at") ", o.decision,"            \
      " o.reasons::text, o.missing::text, o.supplements"                       \
      " FROM online_dossiers o WHERE o.office = $1 AND o.rev > $2::bigint"    \
      " ORDER BY o.rev LIMIT $3::int")                                         \
    X(CS_ONLINE_FILE_GET,                                                      \
      "SELECT f.mime, b.data FROM online_dossiers o"                           \
      " JOIN online_files f ON f.portal_ref = o.portal_ref"                    \
      " JOIN online_blobs b ON b.sha256 = f.sha256"                            \
      " WHERE o.portal_ref = $1 AND o.office = $2 AND f.sha256 = $3 LIMIT 1")  \
    X(CS_ONLINE_READ,                                                          \
      "SELECT o.office, o.state, " ONLINE_VN_TS("o.submitted_at") ","          \
      " o.rev, o.code, o.by_actor, " ONLINE_VN_TS("o.at") ", o.decision,"     \
      " o.reasons::text, o.missing::text, o.form_pdf IS NOT NULL, d.status,"  \
      " o.supplements"                                                         \
      " FROM online_dossiers o LEFT JOIN dossiers d ON d.code = o.code"        \
      " WHERE o.portal_ref = $1")                                              \
    X(CS_ONLINE_FORM_GET,                                                      \
      "SELECT form_pdf FROM online_dossiers WHERE portal_ref = $1"             \
      " AND form_pdf IS NOT NULL")                                             \
    X(CS_ONLINE_LOCK,                                                          \
      "SELECT office, state, code, by_actor, " ONLINE_VN_TS("at")              \
      " FROM online_dossiers WHERE portal_ref = $1 FOR UPDATE")                \
    X(CS_ONLINE_ACCEPT,                                                        \
      "UPDATE online_dossiers SET state = 'accepted', code = $2,"              \
      " by_actor = $3, at = $4::timestamptz, decision_seq = $5::bigint,"      \
      " rev = $6::bigint, updated_at = now() WHERE portal_ref = $1")           \
    X(CS_ONLINE_DECIDE,                                                        \
      "UPDATE online_dossiers SET state = $2, decision = $3,"                  \
      " reasons = $4::jsonb, missing = $5::jsonb,"                             \
      " form_pdf = decode($6, 'base64'), by_actor = $7,"                       \
      " at = $8::timestamptz, decision_seq = $9::bigint, rev = $10::bigint,"  \
      " updated_at = now() WHERE portal_ref = $1")                             \
    X(CS_ONLINE_WITHDRAW,                                                      \
      "UPDATE online_dossiers SET state = 'withdrawn', by_actor = 'portal',"  \
      " at = now(), rev = $2::bigint, updated_at = now()"                      \
      " WHERE portal_ref = $1")                                                \
    X(CS_ONLINE_LOOKUP,                                                        \
      "SELECT office, state, code FROM online_dossiers WHERE portal_ref = $1")

#endif
