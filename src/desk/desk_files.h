/* SPDX-License-Identifier: GPL-3.0-or-later */
/* desk_files.h - dossier files: scanned papers (role "scan", one paper of
 * the dossier each) and result files (role "result"), issue 12, Contract A.
 *
 * Bytes are stored content-addressed by SHA-256 under the office's files
 * folder (files.dir, else "files" next to the database):
 * <dir>/ab/abcdef...  (folders 0700, files 0600).  A file is copied to a
 * temporary file in <dir> while it is hashed and counted against
 * files.max_file_mib, fsync'ed, checked (src/core/scanfile.h: PDF, PNG or
 * JPEG, whole, not password-protected; pages), then renamed to its hash
 * before the dossier_files row commits: a row never points at missing
 * bytes; a file without a row (a crash between the rename and the commit)
 * is harmless and reused by the next attach of the same bytes.
 *
 * Two ways in:
 *   - desk_files_attach: everything in one call (stage every file first;
 *     nothing is stored or recorded when one is refused), one transaction
 *     for the rows and the audit row;
 *   - desk_files_stage + desk_files_record_locked: for a caller that owns a
 *     bigger transaction (accepting an online dossier, recording a result)
 *     and stages its files before BEGIN.
 * No outbox event is written: moving files to the centre (Contract B)
 * works from the dossier_files rows themselves.
 */
#ifndef MOTCUA_DESK_FILES_H
#define MOTCUA_DESK_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "desk.h"

#define DESK_FILE_SCAN "scan"
#define DESK_FILE_RESULT "result"
/* sources: where the bytes came from */
#define DESK_SRC_FILE "file"     /* a path given by the clerk */
#define DESK_SRC_FOLDER "folder" /* the network scanners' folder */
#define DESK_SRC_SANE "sane"     /* scanimage on this machine */
#define DESK_SRC_PORTAL "portal" /* an online dossier's file */
#define DESK_SRC_DESK "desk"     /* made by motcua (a result PDF) */

/* A file copied and checked, waiting to be recorded. */
typedef struct desk_file_staged {
    char sha256[65];
    int64_t size;
    const char *mime; /* static text */
    int pages;        /* 0 = could not be counted (scanfile.h) */
    char *name;       /* the name recorded (NFC, no folder) */
    char *tmp_path;   /* the temporary copy; NULL once published */
} desk_file_staged;

/* The files folder (malloc'd): files.dir, else <db folder>/files. */
char *desk_files_dir(const mc_desk *d);
/* The same for a database path and configuration (cfg may be NULL) without
 * an open desk: restore fills a database that is not open yet. */
struct mc_config;
char *desk_files_dir_for(const struct mc_config *cfg, const char *db_path);
/* Where the bytes of `sha256` live (malloc'd; the file may be absent when
 * no row names it).  MC_EINVAL for a malformed hash; MC_ENOTFOUND when no
 * blob row has it or its file is missing. */
mc_status desk_files_blob_path(mc_desk *d, const char *sha256, char **path,
                               mc_error *err) MC_MUST_USE;

/* The effective limits in bytes (files.max_file_mib, max_dossier_mib). */
int64_t desk_files_max_file(const mc_desk *d);
int64_t desk_files_max_dossier(const mc_desk *d);

/* Copy `path` into the files folder as a temporary file, hash it, check it.
 * `name` is the name to record (NULL = the path's last component).  On
 * refusal (MC_EINVAL type/truncated/protected, MC_ELIMIT too large, MC_EIO
 * unreadable) nothing is left behind and the message names the file. */
mc_status desk_files_stage(mc_desk *d, const char *path, const char *name,
                           desk_file_staged *out, mc_error *err) MC_MUST_USE;
/* Remove a staged file's temporary copy (if still there) and free it. */
void desk_files_discard(desk_file_staged *f);

typedef struct desk_files_record_in {
    int64_t dossier_id;
    const char *code;   /* the dossier code (audit object) */
    const char *role;   /* DESK_FILE_SCAN | DESK_FILE_RESULT */
    int paper;          /* 1-based paper of a scan (one the dossier has:
                           the caller checks); 0 for a result */
    const char *source; /* DESK_SRC_* */
    desk_file_staged *files;
    size_t n_files;
} desk_files_record_in;

/* Inside a transaction the caller owns: check the dossier's total against
 * files.max_dossier_mib, publish each staged file (rename to its hash, or
 * drop the copy when the bytes are already stored), write the blob rows,
 * the dossier_files rows (the same bytes already on this dossier, role and
 * paper are not recorded twice: *skipped counts them) and one audit row
 * ("file.attach").  *added (may be NULL) counts the new rows.  On failure
 * the caller rolls back; staged files stay for desk_files_discard. */
mc_status desk_files_record_locked(mc_desk *d, const desk_files_record_in *in,
                                   int *added, int *skipped,
                                   mc_error *err) MC_MUST_USE;

/* Record files staged earlier (the intake screen stages scans while the
 * dossier has no code yet) on a dossier, in a transaction of its own:
 * desk_files_record_locked between BEGIN and COMMIT.  The staged files are
 * published (or stay for desk_files_discard on failure). */
mc_status desk_files_attach_staged(mc_desk *d, const char *code,
                                   const char *role, int paper,
                                   const char *source, desk_file_staged *files,
                                   size_t n, int *added,
                                   mc_error *err) MC_MUST_USE;

typedef struct desk_attach_in {
    const char *code;   /* dossier code */
    const char *role;   /* NULL = DESK_FILE_SCAN */
    int paper;          /* 1-based paper number (scans) */
    const char *source; /* NULL = DESK_SRC_FILE */
    const char *const *paths;
    const char *const *names; /* NULL, or a name per path (NULL entries ok) */
    size_t n_paths;
} desk_attach_in;

typedef struct desk_attach_result {
    int added, skipped; /* rows written, same bytes already there */
    /* per path, in order (n_paths entries, malloc'd; desk_attach_result_free) */
    desk_file_staged *files;
    size_t n_files;
} desk_attach_result;
void desk_attach_result_free(desk_attach_result *r);

/* Attach files to a dossier (any signed-in desk user): every file is copied
 * and checked first; when one is refused nothing is stored or recorded and
 * the error names that file.  Then one transaction: rows + audit.
 * MC_ENOTFOUND for an unknown dossier, MC_EINVAL for a paper number the
 * dossier does not have. */
mc_status desk_files_attach(mc_desk *d, const desk_attach_in *in,
                            desk_attach_result *res, mc_error *err) MC_MUST_USE;

/* --- reading ------------------------------------------------------------ */
typedef struct desk_file {
    int64_t id;
    const char *role;
    int paper; /* 0 for a result */
    const char *sha256, *name, *source, *added_by, *mime;
    mc_ts added_at;
    int64_t size;
    int pages;
    mc_ts detached_at; /* 0 = attached (desk_files_each lists only those) */
    const char *detached_by, *detach_reason;
} desk_file;
typedef void (*desk_file_fn)(const desk_file *f, void *ud);
/* A dossier's files: results, then scans by paper, in the order added.
 * The strings live until fn returns. */
mc_status desk_files_each(mc_desk *d, const char *code, desk_file_fn fn,
                          void *ud, mc_error *err) MC_MUST_USE;
/* The same by dossier id (no dossier lookup). */
mc_status desk_files_each_id(mc_desk *d, int64_t dossier_id, desk_file_fn fn,
                             void *ud, mc_error *err) MC_MUST_USE;

/* The detached files of a dossier (desk_files_detach), in the order
 * detached. */
mc_status desk_files_each_detached(mc_desk *d, int64_t dossier_id,
                                   desk_file_fn fn, void *ud,
                                   mc_error *err) MC_MUST_USE;

/* --- detaching (files_detach.c) ------------------------------------------ */
typedef struct desk_detach_result {
    int64_t id;
    int paper, pages;
    int64_t size;
    char sha256[65];
    char *name; /* malloc'd; desk_detach_result_free */
} desk_detach_result;
void desk_detach_result_free(desk_detach_result *r);

/* Take back a scan attached by mistake (clerk, supervisor, admin): file
 * `file_id` (the id "dossier scans --json" lists) of dossier `code` is
 * marked detached (who, when, `reason`: required) with an audit row
 * ("file.detach"), in one transaction.  Nothing is deleted: the row stays
 * (listed by desk_files_each_detached) and the bytes stay in the blob
 * store; the detached file leaves the pages per paper, the mandatory-scan
 * check and the dossier size.  The uploader skips it if not yet sent and
 * tells the centre once if it may know it.  MC_ENOTFOUND: no such dossier,
 * or the file is not one of its files; MC_EINVAL: no reason, a result file;
 * MC_ESTATE: the dossier is closed (returned, refused, withdrawn, stopped)
 * or the file is detached already. */
mc_status desk_files_detach(mc_desk *d, const char *code, int64_t file_id,
                            const char *reason, desk_detach_result *res,
                            mc_error *err) MC_MUST_USE;

/* Per paper of a dossier: how many scans, pages and bytes. */
typedef struct desk_paper_scans {
    int files, pages;
    int64_t bytes;
    bool required;
} desk_paper_scans;
/* out gets ds->n_papers entries (malloc'd; NULL when the dossier has no
 * papers). */
mc_status desk_files_per_paper(mc_desk *d, const mc_dossier *ds,
                               desk_paper_scans **out,
                               mc_error *err) MC_MUST_USE;
/* scans.mandatory = yes in the office configuration. */
bool desk_scans_mandatory(const mc_desk *d);

/* --- sources: the scanner folder and SANE (scan_sources.c) ---------------- */
typedef struct desk_folder_file {
    char *name; /* in the folder */
    char *path;
    int64_t size;
    mc_ts mtime;
} desk_folder_file;
/* The scanner folder (scans.folder; MC_EINVAL when not configured): its
 * regular, non-hidden files, newest first (then by name), at most `newest`
 * of them (0 = all).  *out malloc'd; desk_folder_free. */
mc_status desk_scan_folder_list(mc_desk *d, size_t newest,
                                desk_folder_file **out, size_t *n,
                                mc_error *err) MC_MUST_USE;
void desk_folder_free(desk_folder_file *f, size_t n);

/* Scan one page with SANE (`scanimage`, Debian's sane-utils; $MOTCUA_SCANIMAGE
 * overrides the program) from `device` (NULL/"" = scans.device, else SANE's
 * default) at scans.resolution dpi as PNG, and attach it to paper `paper` of
 * the dossier (source "sane").  MC_EIO naming scanimage's own message when
 * the scan fails; nothing is attached then. */
/* The scan alone, staged (desk_files_stage) for a dossier not yet saved:
 * the intake screen attaches it with the dossier's code after the save. */
mc_status desk_files_scan_stage(mc_desk *d, const char *device,
                                desk_file_staged *out,
                                mc_error *err) MC_MUST_USE;
mc_status desk_files_scan(mc_desk *d, const char *code, int paper,
                          const char *device, desk_attach_result *res,
                          mc_error *err) MC_MUST_USE;

#endif
