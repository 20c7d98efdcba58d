/* SPDX-License-Identifier: GPL-3.0-or-later */
/* schema.h - forward-only migrations.  Migration N brings user_version from
 * N-1 to N.  Never edit a migration that has shipped: add the next one. */
#ifndef MOTCUA_SCHEMA_H
#define MOTCUA_SCHEMA_H

static const char *const store_migrations[] = {
    /* 1: the spine */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"

    "CREATE TABLE users("
    " id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('clerk','supervisor','admin')),"
    " pw_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1,"
    " failed_logins INTEGER NOT NULL DEFAULT 0,"
    " locked_until INTEGER NOT NULL DEFAULT 0,"
    " created_at INTEGER NOT NULL) STRICT;"

    "CREATE TABLE procedures("
    " code TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,"
    " processing_days INTEGER, doc TEXT NOT NULL,"
    " imported_at INTEGER NOT NULL, PRIMARY KEY (code, version)) STRICT;"

    "CREATE TABLE issued_codes("
    " agency TEXT NOT NULL, day TEXT NOT NULL, seq INTEGER NOT NULL,"
    " code TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,"
    " issued_at INTEGER NOT NULL, PRIMARY KEY (agency, day, seq)) STRICT;"

    "CREATE TABLE dossiers("
    " id INTEGER PRIMARY KEY,"
    " code TEXT NOT NULL UNIQUE REFERENCES issued_codes(code),"
    " status TEXT NOT NULL CHECK (status IN ('received','refused',"
    "  'processing','supplement_requested','withdrawn','stopped','done',"
    "  'returned')),"
    " procedure_code TEXT NOT NULL, procedure_version INTEGER NOT NULL,"
    " procedure_name TEXT NOT NULL, procedure_field TEXT,"
    " processing_days INTEGER NOT NULL, processing_unit INTEGER NOT NULL,"
    " applicant_kind INTEGER NOT NULL, applicant_name TEXT NOT NULL,"
    " name_key TEXT NOT NULL,"
    " id_number TEXT, bhxh_number TEXT, tax_code TEXT, phone TEXT,"
    " email TEXT, address TEXT, rep_name TEXT, rep_id_number TEXT,"
    " rep_phone TEXT, channel INTEGER NOT NULL, result_delivery TEXT,"
    " sets INTEGER NOT NULL DEFAULT 1, note TEXT, refusal_reason TEXT,"
    " extra TEXT, received_at INTEGER NOT NULL, received_by TEXT NOT NULL,"
    " due_date TEXT, due_at INTEGER NOT NULL DEFAULT 0,"
    " original_due_at INTEGER NOT NULL DEFAULT 0,"
    " extended INTEGER NOT NULL DEFAULT 0,"
    " paused_at INTEGER NOT NULL DEFAULT 0, department TEXT,"
    " returned_at INTEGER NOT NULL DEFAULT 0, receiver_name TEXT,"
    " receiver_id TEXT, receiver_relation TEXT,"
    " updated_at INTEGER NOT NULL,"
    " FOREIGN KEY (procedure_code, procedure_version)"
    "  REFERENCES procedures(code, version)) STRICT;"
    "CREATE INDEX dossiers_status_due ON dossiers(status, due_at);"
    "CREATE INDEX dossiers_due_date ON dossiers(due_date);"
    "CREATE INDEX dossiers_received ON dossiers(received_at);"
    "CREATE INDEX dossiers_id_number ON dossiers(id_number)"
    " WHERE id_number IS NOT NULL;"
    "CREATE INDEX dossiers_bhxh ON dossiers(bhxh_number)"
    " WHERE bhxh_number IS NOT NULL;"
    "CREATE INDEX dossiers_tax_code ON dossiers(tax_code)"
    " WHERE tax_code IS NOT NULL;"
    "CREATE INDEX dossiers_rep_id ON dossiers(rep_id_number)"
    " WHERE rep_id_number IS NOT NULL;"
    "CREATE INDEX dossiers_received_by ON dossiers(received_by, received_at);"
    "CREATE TRIGGER dossiers_no_delete BEFORE DELETE ON dossiers"
    " BEGIN SELECT RAISE(ABORT, 'dossiers are never deleted'); END;"
    "CREATE TRIGGER dossiers_code_fixed BEFORE UPDATE OF code ON dossiers"
    " BEGIN SELECT RAISE(ABORT, 'a dossier code never changes'); END;"

    /* the folded applicant name, for diacritic-insensitive search; prefix
     * indexes for the first keystrokes of a word (search as you type) */
    "CREATE VIRTUAL TABLE dossier_names USING fts5("
    " name_key, content='dossiers', content_rowid='id',"
    " tokenize='unicode61', prefix='1 2 3');"
    "CREATE TRIGGER dossiers_names_ai AFTER INSERT ON dossiers BEGIN"
    " INSERT INTO dossier_names(rowid, name_key) VALUES (new.id, new.name_key);"
    " END;"
    "CREATE TRIGGER dossiers_names_au AFTER UPDATE OF name_key ON dossiers"
    " BEGIN"
    " INSERT INTO dossier_names(dossier_names, rowid, name_key)"
    "  VALUES ('delete', old.id, old.name_key);"
    " INSERT INTO dossier_names(rowid, name_key) VALUES (new.id, new.name_key);"
    " END;"

    "CREATE TABLE dossier_papers("
    " dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
    " ord INTEGER NOT NULL, name TEXT NOT NULL, form INTEGER NOT NULL,"
    " count INTEGER NOT NULL CHECK (count >= 1), required INTEGER NOT NULL,"
    " PRIMARY KEY (dossier_id, ord)) STRICT;"

    "CREATE TABLE history("
    " id INTEGER PRIMARY KEY,"
    " dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
    " at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
    " from_status TEXT, to_status TEXT, note TEXT, data TEXT) STRICT;"
    "CREATE INDEX history_dossier ON history(dossier_id, id);"
    "CREATE INDEX history_to_at ON history(to_status, at);"

    "CREATE TABLE audit("
    " id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,"
    " action TEXT NOT NULL, object TEXT NOT NULL, detail TEXT NOT NULL,"
    " prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;"

    "CREATE TABLE outbox("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,"
    " payload TEXT NOT NULL, created_at INTEGER NOT NULL,"
    " acked_at INTEGER, attempts INTEGER NOT NULL DEFAULT 0,"
    " set_aside_reason TEXT);"
    "CREATE INDEX outbox_pending ON outbox(seq) WHERE acked_at IS NULL;"

    "CREATE TABLE slips("
    " id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE,"
    " day TEXT NOT NULL, seq INTEGER NOT NULL,"
    " dossier_id INTEGER REFERENCES dossiers(id),"
    " procedure_code TEXT NOT NULL, applicant_name TEXT NOT NULL,"
    " missing TEXT NOT NULL, reason TEXT, actor TEXT NOT NULL,"
    " created_at INTEGER NOT NULL, UNIQUE (day, seq)) STRICT;"

    "CREATE TABLE calendar_overrides("
    " id INTEGER PRIMARY KEY, date TEXT NOT NULL, working INTEGER NOT NULL,"
    " note TEXT NOT NULL, actor TEXT NOT NULL, at INTEGER NOT NULL) STRICT;"

    /* append-only tables */
    "CREATE TRIGGER history_no_update BEFORE UPDATE ON history"
    " BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"
    "CREATE TRIGGER history_no_delete BEFORE DELETE ON history"
    " BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
    "CREATE TRIGGER codes_no_update BEFORE UPDATE ON issued_codes"
    " BEGIN SELECT RAISE(ABORT, 'issued codes are append-only'); END;"
    "CREATE TRIGGER codes_no_delete BEFORE DELETE ON issued_codes"
    " BEGIN SELECT RAISE(ABORT, 'issued codes are append-only'); END;"
    "CREATE TRIGGER slips_no_update BEFORE UPDATE ON slips"
    " BEGIN SELECT RAISE(ABORT, 'slips are append-only'); END;"
    "CREATE TRIGGER slips_no_delete BEFORE DELETE ON slips"
    " BEGIN SELECT RAISE(ABORT, 'slips are append-only'); END;"
    "CREATE TRIGGER calendar_no_update BEFORE UPDATE ON calendar_overrides"
    " BEGIN SELECT RAISE(ABORT, 'calendar changes are append-only'); END;"
    "CREATE TRIGGER calendar_no_delete BEFORE DELETE ON calendar_overrides"
    " BEGIN SELECT RAISE(ABORT, 'calendar changes are append-only'); END;"
    "CREATE TRIGGER procedures_no_update BEFORE UPDATE ON procedures"
    " BEGIN SELECT RAISE(ABORT, 'catalogue versions are append-only'); END;",

    /* 2: printing - every print or reprint of a desk form, with its CUPS
     * job and state; copy_no 0 is the original, n the n-th reprint */
    "CREATE TABLE print_jobs("
    " id INTEGER PRIMARY KEY,"
    " dossier_id INTEGER REFERENCES dossiers(id),"
    " document TEXT NOT NULL,"
    " copy_no INTEGER NOT NULL DEFAULT 0,"
    " destination TEXT NOT NULL,"
    " cups_job_id INTEGER,"
    " state TEXT NOT NULL CHECK (state IN ('queued','printing','done',"
    "  'failed','file')),"
    " reason TEXT, actor TEXT NOT NULL,"
    " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) STRICT;"
    "CREATE INDEX print_jobs_dossier ON print_jobs(dossier_id, id);",

    /* 3: sync - the worker's state (pull cursor, last success and error)
     * and the central events already applied (pull is idempotent) */
    "CREATE TABLE sync_state(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    " STRICT;"
    "CREATE TABLE applied_remote("
    " event_id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT;",

    /* 4: the queue - service groups (a letter each, renamed by the admin),
     * tickets numbered per day and per group (A001...), the log of every
     * call for the lobby board; and the indexes the reports and the
     * supervisor's dashboard read (when a dossier became done, failed
     * prints).  issued_service keeps the number unique when a ticket is
     * transferred to another group's queue. */
    "CREATE TABLE queue_services("
    " code TEXT PRIMARY KEY CHECK (length(code) = 1 AND code GLOB '[A-Z]'),"
    " name TEXT NOT NULL CHECK (length(name) > 0),"
    " active INTEGER NOT NULL DEFAULT 1, ord INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL) STRICT;"
    "INSERT INTO queue_services(code, name, ord, updated_at) VALUES"
    " ('A', 'Thu – cấp sổ BHXH, thẻ BHYT', 1, 0),"
    " ('B', 'Chế độ chính sách (ốm đau, thai sản, hưu trí, trợ cấp)', 2, 0),"
    " ('C', 'Thu BHXH, BHYT của đơn vị và hộ gia đình', 3, 0),"
    " ('D', 'Trả kết quả', 4, 0);"
    "CREATE TABLE queue_tickets("
    " id INTEGER PRIMARY KEY, day TEXT NOT NULL,"
    " issued_service TEXT NOT NULL REFERENCES queue_services(code),"
    " number INTEGER NOT NULL CHECK (number >= 1), label TEXT NOT NULL,"
    " service TEXT NOT NULL REFERENCES queue_services(code),"
    " priority INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),"
    " state TEXT NOT NULL CHECK (state IN ('waiting','called','serving',"
    "  'done','no_show','not_served')),"
    " issued_at INTEGER NOT NULL, queued_at INTEGER NOT NULL,"
    " called_at INTEGER, started_at INTEGER, finished_at INTEGER,"
    " calls INTEGER NOT NULL DEFAULT 0, skips INTEGER NOT NULL DEFAULT 0,"
    " counter INTEGER, clerk TEXT, target_counter INTEGER,"
    " transfers INTEGER NOT NULL DEFAULT 0, transferred_from TEXT,"
    " dossier_code TEXT, rating TEXT CHECK (rating IN ('satisfied',"
    "  'normal','not_satisfied')), rated_at INTEGER,"
    " UNIQUE (day, issued_service, number)) STRICT;"
    "CREATE INDEX queue_tickets_waiting ON queue_tickets(day, state,"
    " priority DESC, queued_at, id) WHERE state = 'waiting';"
    "CREATE INDEX queue_tickets_counter ON queue_tickets(counter, state)"
    " WHERE state IN ('called','serving');"
    "CREATE INDEX queue_tickets_day ON queue_tickets(day, service);"
    "CREATE TABLE queue_calls("
    " id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL"
    "  REFERENCES queue_tickets(id), at INTEGER NOT NULL,"
    " counter INTEGER NOT NULL, label TEXT NOT NULL) STRICT;"
    /* covering: the month's done events and their due times are read
     * from these two small indexes, never from the wide rows */
    "CREATE INDEX history_to_status_at ON history(to_status, at, dossier_id,"
    " from_status);"
    "CREATE INDEX dossiers_due_by_id ON dossiers(id, due_at);"
    "CREATE INDEX print_jobs_state ON print_jobs(state, created_at);",

    /* 5: fewer pages written per intake (issue 15).  history_to_at is a
     * prefix of history_to_status_at; the clerk's day counts read the
     * day's rows through dossiers_received (one day, never the table), so
     * dossiers_received_by goes; the day's due count reads dossiers_status_due
 * (due_at lies on due_date), so dossiers_due_date goes; issued_codes and dossier_papers keep their
     * primary key as the table itself (WITHOUT ROWID: one b-tree less
     * each); the name index keeps no per-row sizes (columnsize=0: nothing
     * ranks by bm25).  Sign-in sessions (below).  The report's carried-over dossiers are found from
     * the open ones (dossiers_status_due) and the finishing events
     * (history_to_status_at), so no index is added for them.
     * Runs with foreign keys off (store.c), checked before it commits. */
    "DROP INDEX history_to_at;"
    "DROP INDEX dossiers_received_by;"
    "DROP INDEX dossiers_due_date;"

    "CREATE TABLE issued_codes_v5("
    " agency TEXT NOT NULL, day TEXT NOT NULL, seq INTEGER NOT NULL,"
    " code TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,"
    " issued_at INTEGER NOT NULL, PRIMARY KEY (agency, day, seq))"
    " STRICT, WITHOUT ROWID;"
    "INSERT INTO issued_codes_v5(agency, day, seq, code, kind, issued_at)"
    " SELECT agency, day, seq, code, kind, issued_at FROM issued_codes;"
    "DROP TABLE issued_codes;"
    "ALTER TABLE issued_codes_v5 RENAME TO issued_codes;"
    "CREATE TRIGGER codes_no_update BEFORE UPDATE ON issued_codes"
    " BEGIN SELECT RAISE(ABORT, 'issued codes are append-only'); END;"
    "CREATE TRIGGER codes_no_delete BEFORE DELETE ON issued_codes"
    " BEGIN SELECT RAISE(ABORT, 'issued codes are append-only'); END;"

    "CREATE TABLE dossier_papers_v5("
    " dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
    " ord INTEGER NOT NULL, name TEXT NOT NULL, form INTEGER NOT NULL,"
    " count INTEGER NOT NULL CHECK (count >= 1), required INTEGER NOT NULL,"
    " PRIMARY KEY (dossier_id, ord)) STRICT, WITHOUT ROWID;"
    "INSERT INTO dossier_papers_v5(dossier_id, ord, name, form, count,"
    " required) SELECT dossier_id, ord, name, form, count, required"
    " FROM dossier_papers;"
    "DROP TABLE dossier_papers;"
    "ALTER TABLE dossier_papers_v5 RENAME TO dossier_papers;"

    /* the outbox's seq was AUTOINCREMENT (one more page per event, in
     * sqlite_sequence); its rows are never deleted (now a trigger says so)
     * and renumbering only moves seq up, so the largest seq + 1 is never
     * one already used */
    "CREATE TABLE outbox_v5("
    " seq INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
    " payload TEXT NOT NULL, created_at INTEGER NOT NULL,"
    " acked_at INTEGER, attempts INTEGER NOT NULL DEFAULT 0,"
    " set_aside_reason TEXT);"
    "INSERT INTO outbox_v5(seq, kind, payload, created_at, acked_at,"
    " attempts, set_aside_reason) SELECT seq, kind, payload, created_at,"
    " acked_at, attempts, set_aside_reason FROM outbox;"
    "DROP TABLE outbox;"
    "ALTER TABLE outbox_v5 RENAME TO outbox;"
    "CREATE INDEX outbox_pending ON outbox(seq) WHERE acked_at IS NULL;"
    "CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox"
    " BEGIN SELECT RAISE(ABORT, 'outbox events are never deleted'); END;"

    "DROP TABLE dossier_names;"
    "CREATE VIRTUAL TABLE dossier_names USING fts5("
    " name_key, content='dossiers', content_rowid='id',"
    " tokenize='unicode61', prefix='1 2 3', columnsize=0);"
    "INSERT INTO dossier_names(dossier_names) VALUES ('rebuild');"

    /* sign-in sessions: a command with a live session skips the argon2id
     * check.  Only the token's SHA-256 is kept; ended_at is set by logout
     * and by a lockout */
    "CREATE TABLE sessions("
    " token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL"
    "  REFERENCES users(id), created_at INTEGER NOT NULL,"
    " used_at INTEGER NOT NULL, ended_at INTEGER) STRICT, WITHOUT ROWID;"
    "CREATE INDEX sessions_user ON sessions(user_id) WHERE ended_at IS NULL;",

    /* 6: dossier files (issue 12, Contract A): scanned papers and result
     * files.  The bytes live content-addressed under the office's files
     * folder (<dir>/ab/abcdef..., written before the row commits); a blob
     * row is written once per SHA-256 and never changes.  paper is the
     * dossier_papers ord (1-based) of a scan, NULL for a result. */
    "CREATE TABLE blobs("
    " sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),"
    " size INTEGER NOT NULL CHECK (size >= 0), mime TEXT NOT NULL,"
    " pages INTEGER NOT NULL CHECK (pages >= 0),"
    " stored_at INTEGER NOT NULL) STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER blobs_no_update BEFORE UPDATE ON blobs"
    " BEGIN SELECT RAISE(ABORT, 'a blob never changes'); END;"
    "CREATE TABLE dossier_files("
    " id INTEGER PRIMARY KEY,"
    " dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
    " role TEXT NOT NULL CHECK (role IN ('scan','result')),"
    " paper INTEGER CHECK ((role = 'scan' AND paper >= 1)"
    "  OR (role = 'result' AND paper IS NULL)),"
    " sha256 TEXT NOT NULL REFERENCES blobs(sha256), name TEXT NOT NULL,"
    " source TEXT NOT NULL CHECK (source IN ('file','folder','sane',"
    "  'portal','desk')),"
    " added_by TEXT NOT NULL, added_at INTEGER NOT NULL) STRICT;"
    "CREATE INDEX dossier_files_dossier ON dossier_files(dossier_id, role,"
    " paper, id);"
    "CREATE INDEX dossier_files_sha ON dossier_files(sha256);",

    /* 7: dossier files on their way to the centre (issue 12, Contract B;
     * docs/sync.md "Files").  One file_uploads row per dossier_files row,
     * made by a trigger in the transaction that records the file, so any
     * file - a scan, a portal file, a result - travels without its writer
     * doing more.  sent: the bytes the centre last said it had; done_at:
     * the centre confirmed the whole file by its SHA-256; set_aside_reason:
     * the desk gave up on it (its own copy is damaged).  outbox.intake_of,
     * the dossier of an intake or refusal event, is written with the event
     * and indexed, so the worker sees cheaply whether the centre knows a
     * file's dossier yet (an index on json_extract(payload) parsed the
     * whole snapshot twice on every intake). */
    "CREATE TABLE file_uploads("
    " file_id INTEGER PRIMARY KEY REFERENCES dossier_files(id),"
    " sent INTEGER NOT NULL DEFAULT 0 CHECK (sent >= 0),"
    " attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
    " done_at INTEGER, set_aside_reason TEXT) STRICT;"
    "CREATE INDEX file_uploads_pending ON file_uploads(file_id)"
    " WHERE done_at IS NULL AND set_aside_reason IS NULL;"
    "CREATE TRIGGER dossier_files_upload AFTER INSERT ON dossier_files"
    " BEGIN INSERT INTO file_uploads(file_id) VALUES (NEW.id); END;"
    "INSERT INTO file_uploads(file_id) SELECT id FROM dossier_files;"
    "ALTER TABLE outbox ADD COLUMN intake_of TEXT;"
    "UPDATE outbox SET intake_of = json_extract(payload, '$.dossier')"
    " WHERE kind IN ('intake', 'refuse') AND json_valid(payload);"
    "CREATE INDEX outbox_intake_dossier ON outbox(intake_of)"
    " WHERE intake_of IS NOT NULL;",

    /* 8: returns (issue 12): the channel the result goes back by, chosen at
     * intake (desk, post, electronic); the one it went by; the postal
     * tracking number and posting date; when an electronic result was sent
     * (awaiting the centre's confirmation of delivery).  The checks are
     * written with OR: an IN list in a CHECK builds a temporary table on
     * every insert of a dossier. */
    "ALTER TABLE dossiers ADD COLUMN return_channel TEXT NOT NULL"
    " DEFAULT 'desk' CHECK (return_channel = 'desk' OR"
    " return_channel = 'post' OR return_channel = 'electronic');"
    "ALTER TABLE dossiers ADD COLUMN returned_via TEXT"
    " CHECK (returned_via = 'desk' OR returned_via = 'post' OR"
    " returned_via = 'electronic');"
    "ALTER TABLE dossiers ADD COLUMN post_tracking TEXT;"
    "ALTER TABLE dossiers ADD COLUMN posted_on TEXT;"
    "ALTER TABLE dossiers ADD COLUMN result_sent_at INTEGER NOT NULL"
    " DEFAULT 0;",

    /* 9: online dossiers (issue 12): the online inbox pulled from the centre
     * (docs/sync.md, "Online dossiers").  state is the desk's view: a
     * clerk's decision moves it out of 'waiting' in the transaction that
     * issues the code (accept) or writes the online_decision event, only
     * WHERE state = 'waiting', so two desks sharing this database never
     * both decide; centre_state is the centre's last word.  The files the
     * portal attached are listed in online_files (fetched_at once the
     * bytes are kept, verified by SHA-256). */
    "CREATE TABLE online_inbox("
    " portal_ref TEXT PRIMARY KEY, rev INTEGER NOT NULL,"
    " submitted_at TEXT NOT NULL,"
    " state TEXT NOT NULL CHECK (state IN ('waiting','withdrawn','accepted',"
    "  'supplement_requested','refused')),"
    " centre_state TEXT NOT NULL, procedure_code TEXT, applicant_name TEXT,"
    " dossier TEXT NOT NULL, pulled_at INTEGER NOT NULL,"
    " decided_by TEXT, decided_at INTEGER, decided_here INTEGER NOT NULL"
    "  DEFAULT 0, dossier_id INTEGER REFERENCES dossiers(id), code TEXT,"
    " reasons TEXT, missing TEXT) STRICT;"
    "CREATE INDEX online_inbox_state ON online_inbox(state, submitted_at);"
    "CREATE INDEX online_inbox_dossier ON online_inbox(dossier_id)"
    " WHERE dossier_id IS NOT NULL;"
    "CREATE TABLE online_files("
    " portal_ref TEXT NOT NULL REFERENCES online_inbox(portal_ref),"
    " ord INTEGER NOT NULL, paper INTEGER, name TEXT NOT NULL,"
    " mime TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,"
    " fetched_at INTEGER, PRIMARY KEY (portal_ref, ord)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX online_files_waiting ON online_files(portal_ref)"
    " WHERE fetched_at IS NULL;",

    /* 10: detaching a dossier file (issue 12 follow-up, "dossier detach"):
     * a scan attached by mistake is marked detached (who, when, why), never
     * deleted; its bytes stay in the blob store.  A detached row is left
     * out of every count and listing of the dossier's live files; the
     * uploader skips it while it is not sent, and tells the centre once
     * (file_uploads.detach_told_at) when the centre may know it.  Triggers
     * keep the history: no row is deleted, a detach is never undone. */
    "ALTER TABLE dossier_files ADD COLUMN detached_at INTEGER;"
    "ALTER TABLE dossier_files ADD COLUMN detached_by TEXT;"
    "ALTER TABLE dossier_files ADD COLUMN detach_reason TEXT;"
    "ALTER TABLE file_uploads ADD COLUMN detach_told_at INTEGER;"
    "CREATE INDEX dossier_files_detached ON dossier_files(id)"
    " WHERE detached_at IS NOT NULL;"
    "CREATE TRIGGER dossier_files_no_delete BEFORE DELETE ON dossier_files"
    " BEGIN SELECT RAISE(ABORT, 'dossier files are never deleted'); END;"
    "CREATE TRIGGER dossier_files_detach_once BEFORE UPDATE OF detached_at,"
    " detached_by, detach_reason ON dossier_files"
    " WHEN OLD.detached_at IS NOT NULL"
    " BEGIN SELECT RAISE(ABORT, 'a detached file stays detached'); END;",

    /* 11: the applicant-name index written in batches (issue 15,
     * store_names.c).  dossier_names holds the dossiers up to upto; the
     * insert that makes STORE_NAMES_BATCH wait indexes them together, and
     * a search reads the waiting ones from dossiers.  A name corrected
     * before its dossier is indexed needs nothing (the batch reads the
     * current name); upto never goes back (a dossier indexed twice would
     * corrupt the index).  After each batch some merge work (usermerge 2:
     * two segments of a level are merged) keeps searches reading few
     * segments. */
    "CREATE TABLE dossier_names_upto("
    " one INTEGER PRIMARY KEY CHECK (one = 1), upto INTEGER NOT NULL) STRICT;"
    "INSERT INTO dossier_names_upto(one, upto)"
    " SELECT 1, COALESCE(MAX(id), 0) FROM dossiers;"
    "CREATE TRIGGER dossier_names_upto_forward BEFORE UPDATE"
    " ON dossier_names_upto WHEN new.upto < old.upto"
    " BEGIN SELECT RAISE(ABORT, 'the name index never goes back'); END;"
    "CREATE TRIGGER dossier_names_upto_kept BEFORE DELETE ON dossier_names_upto"
    " BEGIN SELECT RAISE(ABORT, 'the name index position is kept'); END;"
    "INSERT INTO dossier_names(dossier_names, rank) VALUES ('usermerge', 2);"
    "DROP TRIGGER dossiers_names_ai;"
    "DROP TRIGGER dossiers_names_au;"
    "CREATE TRIGGER dossiers_names_au AFTER UPDATE OF name_key ON dossiers"
    " WHEN old.id <= (SELECT upto FROM dossier_names_upto) BEGIN"
    " INSERT INTO dossier_names(dossier_names, rowid, name_key)"
    "  VALUES ('delete', old.id, old.name_key);"
    " INSERT INTO dossier_names(rowid, name_key) VALUES (new.id, new.name_key);"
    " END;",

    /* 12: a dossier names its intake (or refusal) event (issue 15): the
     * upload worker's "does the centre know this dossier" follows
     * dossiers.intake_seq to the outbox row by its key, where migration 7
     * searched outbox_intake_dossier, an index every intake wrote a page
     * of.  The dossier's insert reserves the next outbox seq and its event,
     * in the same transaction, takes exactly that seq (store_outbox_append;
     * a taken seq fails the transaction).  outbox.intake_of is still
     * written, no longer indexed: renumbering the pending events after a
     * restore (store_sync_renumber) follows it to move their dossiers'
     * intake_seq along.  The upgrade does not rewrite
     * every dossier: only those with files or with an intake event still
     * unacknowledged get their seq (0: no event, never acknowledged); NULL
     * is left on the others, whose intake the centre has acknowledged, and
     * means just that (STORE_UPLOAD_INTAKE_ACKED). */
    "ALTER TABLE dossiers ADD COLUMN intake_seq INTEGER;"
    "UPDATE dossiers SET intake_seq = COALESCE((SELECT MIN(o.seq) FROM outbox o"
    " WHERE o.intake_of = dossiers.code), 0)"
    " WHERE id IN (SELECT dossier_id FROM dossier_files)"
    " OR code IN (SELECT intake_of FROM outbox WHERE acked_at IS NULL"
    " AND intake_of IS NOT NULL);"
    "DROP INDEX outbox_intake_dossier;",

    /* 13: the dossier's status CHECK as OR'ed comparisons (issue 15).
     * "status IN (8 names)" made SQLite build a temporary index of the
     * names at every insert or status change of a dossier: 37k
     * instructions, a tenth of an intake.  A CHECK is not part of the
     * stored rows, so the table is not rebuilt: its text is edited in
     * sqlite_schema (SQLite's documented procedure for changing
     * constraints: writable_schema, then a schema change so that every
     * connection reads it again; RESET makes this one do so at once).
     * The rule is the same, name for name; test_migrate checks it. */
    "PRAGMA writable_schema=ON;"
    "UPDATE sqlite_schema SET sql = replace(sql,"
    " 'CHECK (status IN (''received'',''refused'',  ''processing'',"
    "''supplement_requested'',''withdrawn'',''stopped'',''done'',  "
    "''returned''))',"
    " 'CHECK (status = ''received'' OR status = ''refused'' OR"
    " status = ''processing'' OR status = ''supplement_requested'' OR"
    " status = ''withdrawn'' OR status = ''stopped'' OR status = ''done'' OR"
    " status = ''returned'')')"
    " WHERE type = 'table' AND name = 'dossiers';"
    "PRAGMA writable_schema=OFF;"
    "CREATE TABLE motcua_schema_changed(x);"
    "DROP TABLE motcua_schema_changed;"
    "PRAGMA writable_schema=RESET;",
};

#define STORE_N_MIGRATIONS                                                     \
    ((int)(sizeof store_migrations / sizeof *store_migrations))

#endif
