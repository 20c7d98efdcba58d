#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bad_input_sweep.py - every CLI option and positional field of motcua
given hostile values: 10,000-character text, invalid UTF-8, control
characters, NFD text, numbers out of range or not numbers, impossible
dates, and a NUL on standard input.

For each run it asserts what a user would notice:
  * no crash (no signal, no sanitizer report);
  * a refusal exits 2..13 with a message on stderr, and writes nothing
    (dossiers, history, audit, outbox, codes, queue tickets unchanged);
  * an accepted value is stored as valid NFC text with no control
    characters (the TUI, the dashboard and printed forms show it later).
The option list is read from the sources (src/cli/*.c): an option with no
case here fails the test, so a new option cannot escape the sweep.

Writes a Markdown table (case, exit, answer) to --table.
Usage: bad_input_sweep.py --motcua M --db DB --src SRC_CLI --code CODE
                          --table OUT.md [--quick]
"""
import argparse
import glob
import os
import re
import sqlite3
import subprocess
import sys
import unicodedata

ap = argparse.ArgumentParser()
ap.add_argument("--motcua", required=True)
ap.add_argument("--db", required=True)
ap.add_argument("--src", required=True)
ap.add_argument("--code", required=True)
ap.add_argument("--table", required=True)
ap.add_argument("--quick", action="store_true")
ap.add_argument("--workdir", default="/tmp")
args = ap.parse_args()

NFD_NAME = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
VALUES = {
    "long": ("Nguyễn " * 1430).encode(),                 # 10,010 chars
    "bad-utf8": b"Nguy\xff\xfe\xc3 n",
    "control": "Lê\x01\x07\x1b[31mVăn".encode(),
    "nfd": NFD_NAME.encode(),
    "not-number": b"abc",
    "negative": b"-1",
    "huge": b"99999999999999999999",
    "empty": b"",
    "bad-date": b"2026-02-30",
    "bad-month": b"2026-13-01",
    "zero-date": b"0000-00-00",
}
TEXT = ["long", "bad-utf8", "control", "nfd", "empty"]
NUM = ["not-number", "negative", "huge", "empty", "long"]
DATE = ["bad-date", "bad-month", "zero-date", "not-number", "empty", "long"]
if args.quick:
    TEXT = ["long", "bad-utf8", "control"]
    NUM = ["not-number", "huge"]
    DATE = ["bad-date", "not-number"]

C = args.code
PROC = "1.014166"
DOC = "Danh sách do người sử dụng lao động lập|original|1"
NEW = ["dossier", "new", "--procedure", PROC, "--applicant-name",
       "Lê Văn Tám", "--id-number", "001090012345", "--document", DOC]
OUT = os.path.join(args.workdir, "sweep-out.pdf")


def new_with(opt, extra=()):
    return NEW + list(extra) + ["--" + opt, "{}"]


# option -> (command template with "{}" for the value, kinds of values)
CASES = {
    # dossier new
    "applicant-name": (["dossier", "new", "--procedure", PROC,
                        "--applicant-name", "{}", "--id-number",
                        "001090012345", "--document", DOC], TEXT),
    "procedure": (["dossier", "new", "--procedure", "{}", "--applicant-name",
                   "Lê Văn Tám", "--document", DOC], TEXT),
    "applicant-kind": (new_with("applicant-kind"), TEXT),
    "id-number": (["dossier", "new", "--procedure", PROC, "--applicant-name",
                   "Lê Văn Tám", "--id-number", "{}", "--document", DOC],
                  TEXT + NUM),
    "bhxh-number": (new_with("bhxh-number"), TEXT + NUM),
    "tax-code": (new_with("tax-code"), TEXT + NUM),
    "phone": (new_with("phone"), TEXT + NUM),
    "email": (new_with("email"), TEXT),
    "address": (new_with("address"), TEXT),
    "document": (["dossier", "new", "--procedure", PROC, "--applicant-name",
                  "Lê Văn Tám", "--document", "{}"], TEXT),
    "channel": (new_with("channel"), TEXT),
    "note": (new_with("note"), TEXT),
    "reason": (["dossier", "new", "--procedure", PROC, "--applicant-name",
                "Lê Văn Tám", "--refuse", "--reason", "{}"], TEXT),
    "rep-name": (new_with("rep-name", ["--rep-id-number", "001090012346"]),
                 TEXT),
    "rep-id-number": (new_with("rep-id-number", ["--rep-name", "Lê Văn B"]),
                      TEXT + NUM),
    "rep-phone": (new_with("rep-phone", ["--rep-name", "Lê Văn B"]),
                  TEXT + NUM),
    "result-delivery": (new_with("result-delivery"), TEXT),
    "return-channel": (new_with("return-channel"), TEXT),
    "sets": (new_with("sets"), NUM),
    "extra": (new_with("extra"), TEXT),
    # dossier guide (the supplement slip without a code)
    "missing": (["dossier", "guide", "--procedure", PROC, "--applicant-name",
                 "Lê Văn Tám", "--missing", "{}", "--reason", "thiếu"], TEXT),
    # dossier advance / correct / extend / list
    "to": (["dossier", "advance", C, "--to", "{}"], TEXT),
    "department": (["dossier", "advance", C, "--to", "processing",
                    "--department", "{}"], TEXT),
    "receiver-name": (["dossier", "advance", C, "--to", "returned",
                       "--receiver-name", "{}"], TEXT),
    "receiver-id": (["dossier", "advance", C, "--to", "returned",
                     "--receiver-name", "Lê Văn B", "--receiver-id", "{}"],
                    TEXT + NUM),
    "receiver-relation": (["dossier", "advance", C, "--to", "returned",
                           "--receiver-name", "Lê Văn B",
                           "--receiver-relation", "{}"], TEXT),
    # dossier return by post / electronically (the code is not done yet:
    # every value is refused, a bad one by name before the status)
    "tracking-number": (["dossier", "return", C, "--channel", "post",
                         "--tracking-number", "{}"], TEXT),
    "posted-on": (["dossier", "return", C, "--channel", "post",
                   "--tracking-number", "EA123456789VN", "--posted-on", "{}"],
                  DATE),
    "result": (["dossier", "return", C, "--channel", "electronic", "--result",
                "{}"], ["long", "bad-utf8", "empty"]),
    "field": (["dossier", "correct", C, "--field", "{}", "--value", "x",
               "--reason", "sửa"], TEXT),
    "value": (["dossier", "correct", C, "--field", "applicant_name",
               "--value", "{}", "--reason", "sửa lỗi chính tả"], TEXT),
    "new-due": (["dossier", "extend", C, "--new-due", "{}", "--reason",
                 "chờ xác minh"], DATE),
    "status": (["dossier", "list", "--status", "{}"], TEXT),
    "due-on": (["dossier", "list", "--due-on", "{}"], DATE),
    "received-on": (["dossier", "list", "--received-on", "{}"], DATE),
    "limit": (["dossier", "list", "--limit", "{}"], NUM),
    "code (show)": (["dossier", "show", "{}"], TEXT),
    "query (search)": (["dossier", "search", "{}"], TEXT),
    # scanned papers (cmd_scan.c): refused before anything is stored
    "paper": (["dossier", "attach", C, "--paper", "{}", "/dev/null"], NUM),
    "newest": (["dossier", "attach", C, "--paper", "1", "--from-folder",
                "--newest", "{}"], NUM),
    "file (attach)": (["dossier", "attach", C, "--paper", "1", "{}"],
                      ["long", "bad-utf8", "control", "empty"]),
    "code (attach)": (["dossier", "attach", "{}", "--paper", "1",
                       "/dev/null"], TEXT),
    "code (scans)": (["dossier", "scans", "{}"], TEXT),
    # detach (cmd_scan.c): refused before anything is marked
    "file": (["dossier", "detach", C, "--file", "{}", "--reason", "nhầm"],
             NUM),
    "reason (detach)": (["dossier", "detach", C, "--file", "999999",
                         "--reason", "{}"], TEXT),
    "code (detach)": (["dossier", "detach", "{}", "--file", "999999",
                       "--reason", "nhầm"], TEXT),
    "device": (["dossier", "scan", C, "--paper", "1", "--device", "{}"],
               ["long", "bad-utf8", "control"]),
    # calendar and catalogue
    "unit": (["catalogue", "set-time", PROC, "7", "--unit", "{}"], TEXT),
    "days (set-time)": (["catalogue", "set-time", PROC, "{}"], NUM),
    "date (add-workdays)": (["calendar", "add-workdays", "{}", "5"], DATE),
    "n (add-workdays)": (["calendar", "add-workdays", "2026-03-03", "{}"],
                         NUM),
    "year (holidays)": (["calendar", "holidays", "{}"], NUM),
    "date (lunar)": (["calendar", "lunar", "{}"], DATE),
    "note (calendar set)": (["calendar", "set", "2026-12-24", "off", "--note",
                             "{}"], TEXT),
    "date (calendar set)": (["calendar", "set", "{}", "off", "--note", "x"],
                            DATE),
    # users
    "name": (["user", "add", "canbo9", "--name", "{}", "--role", "clerk",
              "--password-stdin"], TEXT),
    "role": (["user", "add", "canbo8", "--name", "Lê Văn B", "--role", "{}",
              "--password-stdin"], TEXT),
    "login (user add)": (["user", "add", "{}", "--name", "Lê Văn B",
                          "--role", "clerk", "--password-stdin"], TEXT),
    # queue
    "service": (["queue", "ticket", "--service", "{}"], TEXT),
    "counter": (["queue", "next", "--counter", "{}"], NUM + ["control"]),
    "to-service": (["queue", "transfer", "A001", "--to-service", "{}"],
                   TEXT),
    "to-counter": (["queue", "transfer", "A001", "--to-counter", "{}"], NUM),
    "dossier": (["queue", "link", "A001", "--dossier", "{}"], TEXT),
    "rating": (["queue", "rate", "A001", "--rating", "{}"], NUM),
    "ticket (show)": (["queue", "show", "{}"], TEXT),
    # reports
    "from": (["report", "dossiers", "--from", "{}", "--to", "2026-03-31"],
             DATE),
    "to (report)": (["report", "dossiers", "--from", "2026-03-01", "--to",
                     "{}"], DATE),
    "csv": (["report", "dossiers", "--from", "2026-03-01", "--to",
             "2026-03-31", "--csv", "{}"], ["long", "bad-utf8", "empty"]),
    "xlsx": (["report", "dossiers", "--from", "2026-03-01", "--to",
              "2026-03-31", "--xlsx", "{}"], ["long", "bad-utf8", "empty"]),
    # sync (no centre configured: refused before any network)
    "interval": (["sync", "--daemon", "--interval", "{}"], NUM),
    "timeout": (["sync", "--once", "--timeout", "{}"], NUM),
    # print
    "copies": (["print", "receipt", C, "--pdf", OUT, "--copies", "{}"], NUM),
    "width": (["print", "ticket", "A001", "--width", "{}"], NUM),
    "qr": (["print", "ticket", "A001", "--qr", "{}"], TEXT),
    "pdf": (["print", "receipt", C, "--pdf", "{}"], ["long", "bad-utf8",
                                                     "empty"]),
    "out": (["print", "ticket", "A001", "--out", "{}"], ["long", "bad-utf8",
                                                         "empty"]),
    "printer": (["print", "receipt", C, "--printer", "{}"], TEXT),
    "wait": (["print", "receipt", C, "--pdf", OUT, "--wait", "{}"], NUM),
    "item": (["print", "form", "supplement", C, "--pdf", OUT, "--item",
              "{}"], TEXT),
    "contact": (["print", "form", "supplement", C, "--pdf", OUT, "--contact",
                 "{}"], TEXT),
    "from (book)": (["print", "book", "--from", "{}", "--to", "2026-03-31",
                     "--pdf", OUT], DATE),
    "code (print)": (["print", "receipt", "{}", "--pdf", OUT], TEXT),
    # online inbox (empty: every value is refused or finds nothing)
    "state": (["online", "list", "--state", "{}"], TEXT),
    "limit (online)": (["online", "list", "--limit", "{}"], NUM),
    "ref (online)": (["online", "accept", "{}"], TEXT),
    "reason (online)": (["online", "refuse", "G1", "--reason", "{}"], TEXT),
    "missing (online)": (["online", "supplement", "G1", "--reason", "x",
                          "--missing", "{}"], TEXT),
    # config
    "config set": (["config", "set", "office.place", "{}"], TEXT),
    "config key": (["config", "set", "{}", "x"], TEXT),
    # backup target
    "backup file": (["backup", "{}"], ["long", "bad-utf8", "empty"]),
    "restore file": (["restore", "{}"], ["long", "bad-utf8", "empty"]),
    "backup-files": (["backup", "--force", "--backup-files", "{}",
                      os.path.join(args.workdir, "sweep-backup.db")],
                     ["long", "bad-utf8", "empty"]),
    "backup-files (restore)": (["restore", "--backup-files", "{}",
                                os.path.join(args.workdir, "sweep-none.db")],
                               ["long", "bad-utf8", "empty"]),
}
# options that take no value or are covered by a case under another name
COVERED = {"json", "overdue", "refuse", "once", "daemon", "force", "copy",
           "priority", "password-stdin", "excluding-holidays", "reason", "print",
           "note", "to", "from", "missing", "admin", "admin-name",
           "office-code", "office-name", "forms", "from-folder",
           "allow-missing-files"}
# init's options are swept against a fresh database each time
INIT = ["init", "--office-code", "000.00.06.H56", "--office-name",
        "BHXH tỉnh Thanh Hóa", "--admin", "admin", "--password-stdin"]
INIT_CASES = {
    "office-code": 1, "office-name": 4, "admin": 6,
}


def source_options():
    opts = set()
    for f in glob.glob(os.path.join(args.src, "*.c")):
        for m in re.finditer(r'\{"([a-z-]+)",\s*(required|no|optional)_argument',
                             open(f, encoding="utf-8").read()):
            opts.add(m.group(1))
    return opts


def counts():
    db = sqlite3.connect("file:%s?mode=ro" % args.db, uri=True, timeout=30)
    try:
        q = ("SELECT (SELECT count(*) FROM dossiers), (SELECT count(*) FROM "
             "history), (SELECT count(*) FROM audit), (SELECT count(*) FROM "
             "outbox), (SELECT count(*) FROM issued_codes), (SELECT count(*) "
             "FROM queue_tickets), (SELECT count(*) FROM users)")
        return db.execute(q).fetchone()
    finally:
        db.close()


def stored_text_ok():
    """Every text the database holds is NFC with no control characters."""
    db = sqlite3.connect("file:%s?mode=ro" % args.db, uri=True, timeout=30)
    db.text_factory = bytes
    problems = []
    try:
        for table, cols in (("dossiers", None), ("history", None),
                            ("users", None), ("queue_tickets", None),
                            ("calendar_overrides", None)):
            names = [r[1].decode() for r in db.execute(
                "SELECT * FROM pragma_table_info(?)", (table,))]
            for row in db.execute("SELECT * FROM " + table):
                for name, v in zip(names, row):
                    if not isinstance(v, bytes):
                        continue
                    try:
                        s = v.decode("utf-8")
                    except UnicodeDecodeError:
                        problems.append("%s.%s: invalid UTF-8" % (table, name))
                        continue
                    if unicodedata.normalize("NFC", s) != s:
                        problems.append("%s.%s: not NFC" % (table, name))
                    if any(ord(ch) < 32 and ch not in "\n\t" or ord(ch) == 127
                           for ch in s):
                        problems.append("%s.%s: control character %r" %
                                        (table, name, s[:40]))
    finally:
        db.close()
    return problems


fails = 0
passes = 0
rows = []


def ok(msg):
    global passes
    passes += 1
    print("ok - " + msg, flush=True)


def bad(msg):
    global fails
    fails += 1
    print("not ok - " + msg, flush=True)


def run(argv, stdin=b"password-9-long\n", env_extra=None):
    env = dict(os.environ)
    if env_extra:
        env.update(env_extra)
    p = subprocess.run(argv, input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, timeout=120)
    return p.returncode, p.stdout, p.stderr


def first_line(b):
    t = b.decode("utf-8", "backslashreplace").strip().splitlines()
    t = t[-1] if t else ""
    t = t.replace("|", "\\|")
    return t[:110]


def check(name, kind, argv, stdin=b"password-9-long\n", db_args=None):
    before = counts()
    full = [args.motcua] + (db_args or ["--db", args.db, "--user", "admin"]) \
        + argv
    rc, out, err = run(full, stdin)
    after = counts()
    text = err.decode("utf-8", "replace")
    label = "%s = %s" % (name, kind)
    answer = first_line(err) if rc else "accepted"
    rows.append((name, kind, str(rc), answer))
    if rc < 0 or rc >= 128:
        bad("%s: crashed (status %d)" % (label, rc))
    elif "AddressSanitizer" in text or "runtime error" in text:
        bad("%s: sanitizer report: %s" % (label, first_line(err)))
    elif rc != 0 and not text.strip():
        bad("%s: refused (exit %d) without a message" % (label, rc))
    elif rc != 0 and before != after and not failed_print_logged(argv,
                                                                before,
                                                                after):
        bad("%s: refused (exit %d) but wrote rows %s -> %s" %
            (label, rc, before, after))
    elif rc == 1:
        bad("%s: exit 1 is not a documented status: %s" % (label, answer))
    else:
        ok("%s: %s" % (label, "exit %d: %s" % (rc, answer) if rc else
                       "accepted"))
    return rc


def failed_print_logged(argv, before, after):
    """A print that fails is itself recorded (print_jobs and one audit row
    'print.failed': the dashboard counts failed prints); nothing else may
    change."""
    if argv[0] != "print":
        return False
    if [a - b for a, b in zip(after, before)] != [0, 0, 1, 0, 0, 0, 0]:
        return False
    db = sqlite3.connect("file:%s?mode=ro" % args.db, uri=True)
    act = db.execute("SELECT action FROM audit ORDER BY id DESC LIMIT 1"
                     ).fetchone()[0]
    db.close()
    return act == "print.failed"


def sub(argv, value):
    out = []
    for a in argv:
        if a == "{}":
            out.append(os.fsdecode(value))
        else:
            out.append(a)
    return out


# every option in the sources has a case
missing = sorted(o for o in source_options()
                 if o not in CASES and o not in COVERED and
                 o not in INIT_CASES)
if missing:
    bad("options with no hostile-input case: " + ", ".join(missing))
else:
    ok("every option in src/cli has a hostile-input case")

for name, (tmpl, kinds) in CASES.items():
    for kind in kinds:
        check(name, kind, sub(tmpl, VALUES[kind]))

# init, against a fresh database each time
for name, pos in INIT_CASES.items():
    for kind in TEXT:
        fresh = os.path.join(args.workdir, "sweep-init.db")
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(fresh + suffix)
            except FileNotFoundError:
                pass
        argv = list(INIT)
        argv[pos] = os.fsdecode(VALUES[kind])
        rc, out, err = run([args.motcua, "--db", fresh] + argv,
                           b"admin-pass-1\n")
        text = err.decode("utf-8", "replace")
        rows.append(("init --" + name, kind, str(rc),
                     first_line(err) if rc else "accepted"))
        if rc < 0 or rc >= 128 or "AddressSanitizer" in text:
            bad("init --%s = %s: crashed (%d)" % (name, kind, rc))
        elif rc != 0 and not text.strip():
            bad("init --%s = %s: refused without a message" % (name, kind))
        elif rc != 0 and os.path.exists(fresh) and os.path.getsize(fresh) > 0:
            bad("init --%s = %s: refused but left a database behind" %
                (name, kind))
        else:
            ok("init --%s = %s: %s" % (name, kind, "exit %d" % rc if rc
                                       else "accepted"))

# standard input: a NUL or invalid UTF-8 inside a password, an empty one
for kind, data in (("NUL in password", b"pass\x00word-long\n"),
                   ("invalid UTF-8 password", b"\xff\xfe\xfdpassword\n"),
                   ("empty password", b"\n"),
                   ("10k password", b"p" * 10000 + b"\n")):
    check("user add --password-stdin", kind,
          ["user", "add", "canbo7", "--name", "Lê Văn B", "--role", "clerk",
           "--password-stdin"], stdin=data)

# global options
for kind in ("long", "bad-utf8", "control"):
    check("--user", kind, ["dossier", "list"],
          db_args=["--db", args.db, "--user", os.fsdecode(VALUES[kind])])
    check("--config", kind, ["dossier", "list"],
          db_args=["--db", args.db, "--config", os.fsdecode(VALUES[kind]),
                   "--user", "admin"])
check("--db", "long", ["dossier", "list"],
      db_args=["--db", os.fsdecode(VALUES["long"]), "--user", "admin"])

# what was accepted is stored clean
problems = stored_text_ok()
if problems:
    for p in sorted(set(problems))[:20]:
        bad("stored text: " + p)
else:
    ok("every text stored is NFC, valid UTF-8, without control characters")

# an NFD name was accepted and stored as NFC
db = sqlite3.connect("file:%s?mode=ro" % args.db, uri=True)
n = db.execute("SELECT count(*) FROM dossiers WHERE applicant_name = ?",
               (unicodedata.normalize("NFC", NFD_NAME),)).fetchone()[0]
db.close()
if n >= 1:
    ok("an NFD name is taken in and stored as NFC")
else:
    bad("the NFD name was not stored as NFC")

with open(args.table, "w") as f:
    f.write("| option or field | value | exit | answer |\n|---|---|---|---|\n")
    for r in rows:
        f.write("| " + " | ".join(r) + " |\n")
print("%d passed, %d failed" % (passes, fails))
sys.exit(1 if fails else 0)
