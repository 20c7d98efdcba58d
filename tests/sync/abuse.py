#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""abuse.py - hostile clients against a running motcua-central.

Every endpoint gets malformed JSON, wrong types, nulls, deep nesting, huge
strings, invalid UTF-8, NUL bytes, a body over the limit, wrong methods, bad
paths and bad query numbers: each must be answered with a 4xx JSON error
(never a 5xx, never a dropped connection).  Then slow clients hold
connections open (headers or a body trickled a byte at a time) and many
clients connect at once, while ordinary requests must still be answered.

Prints TAP-like "ok - ..." / "not ok - ..." lines, and writes a Markdown
table of every case with its answer to the file named by --table.

Usage: abuse.py --port P --ca CA --cert C --key K --token-file F
                --office OFFICE --code CODE --table OUT.md [--slow N]
                [--connector-cert C --connector-key K]
With the portal connector's certificate, the online-dossier endpoints
(docs/sync.md, "Online dossiers") get the same treatment.
"""
import argparse
import http.client
import json
import socket
import ssl
import sys
import threading
import time

ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--ca", required=True)
ap.add_argument("--cert", required=True)
ap.add_argument("--key", required=True)
ap.add_argument("--token-file", required=True)
ap.add_argument("--office", required=True)
ap.add_argument("--code", required=True)
ap.add_argument("--table", required=True)
ap.add_argument("--slow", type=int, default=200)
ap.add_argument("--burst", type=int, default=300)
ap.add_argument("--connector-cert")
ap.add_argument("--connector-key")
args = ap.parse_args()

TOKEN = open(args.token_file).read().strip()
HOST = "localhost"
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


def context(client=True):
    ctx = ssl.create_default_context(cafile=args.ca)
    if client:
        ctx.load_cert_chain(args.cert, args.key)
    return ctx


CTX = context()


def request(method, path, body=None, headers=None, timeout=20, ctx=None):
    """One request on a fresh connection: (status, parsed JSON or text)."""
    h = {"Content-Type": "application/json"}
    if headers:
        h.update(headers)
    conn = http.client.HTTPSConnection(HOST, args.port, context=ctx or CTX,
                                       timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        try:
            parsed = json.loads(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            parsed = data[:4000]
        return r.status, parsed
    finally:
        conn.close()


def short(b):
    if b is None:
        return ""
    if isinstance(b, str):
        b = b.encode("utf-8", "surrogateescape")
    t = b[:60].decode("utf-8", "backslashreplace").replace("|", "\\|")
    t = t.replace("\n", "\\n").replace("\0", "\\0")
    if len(b) > 60:
        t += "... (%d bytes)" % len(b)
    return t


def case(name, method, path, body=None, headers=None, want_field=None,
         html=False, ctx=None):
    """A hostile request: must get 4xx with a JSON error object (an HTML
    page for the citizens' lookup page)."""
    try:
        status, parsed = request(method, path, body, headers, ctx=ctx)
    except Exception as e:  # a dropped connection is a failure too
        bad("%s: no answer (%s)" % (name, e))
        rows.append((name, method, short(path), short(body), "no answer", ""))
        return
    err = parsed.get("error") if isinstance(parsed, dict) else None
    code = err.get("code", "") if isinstance(err, dict) else ""
    field = (err.get("field") or "") if isinstance(err, dict) else ""
    msg = (err.get("message") or "") if isinstance(err, dict) else ""
    rows.append((name, method, short(path), short(body), str(status),
                 "%s%s: %s" % (code, " (" + field + ")" if field else "",
                               msg[:70].replace("|", "\\|"))))
    if html and 400 <= status < 500:
        text = parsed.decode("utf-8", "replace") if isinstance(parsed, bytes) else ""
        rows[-1] = rows[-1][:5] + ("HTML page",)
        if "<script>" in text:
            bad("%s: the page echoes a script tag" % name)
        else:
            ok("%s: %d HTML page" % (name, status))
        return
    if not 400 <= status < 500:
        bad("%s: HTTP %d, want 4xx" % (name, status))
    elif not err or not msg:
        bad("%s: HTTP %d without a JSON error message" % (name, status))
    elif want_field is not None and field != want_field:
        bad("%s: error names field %r, want %r" % (name, field, want_field))
    else:
        ok("%s: %d %s" % (name, status, code))


O = args.office
EV = "/v1/offices/%s/events" % O
CH = "/v1/offices/%s/changes" % O
ST = "/v1/dossiers/%s/status" % args.code
BO = {"Authorization": "Bearer " + TOKEN}
deep = "[" * 100000 + "]" * 100000
big_name = "Nguyễn " * 200000  # ~1.8 MB, under the body limit?

# --- the push endpoint -----------------------------------------------------
case("push: empty body", "POST", EV, b"")
case("push: not JSON", "POST", EV, b"hello")
case("push: truncated JSON", "POST", EV, b'{"v":1,"office":')
case("push: JSON array", "POST", EV, b"[]")
case("push: JSON null", "POST", EV, b"null")
case("push: number", "POST", EV, b"42")
case("push: invalid UTF-8", "POST", EV,
     b'{"v":1,"office":"\xff\xfe","after":0,"events":[]}')
case("push: NUL inside", "POST", EV, b'{"v":1,\x00"office":"x"}')
case("push: escaped NUL in office", "POST", EV,
     ('{"v":1,"office":"%s\\u0000","after":0,"events":[]}' % O).encode())
case("push: deep nesting", "POST", EV, deep.encode())
case("push: v missing", "POST", EV,
     json.dumps({"office": O, "after": 0, "events": []}).encode(), want_field="v")
case("push: v as string", "POST", EV,
     json.dumps({"v": "1", "office": O, "after": 0, "events": []}).encode(),
     want_field="v")
case("push: after negative", "POST", EV,
     json.dumps({"v": 1, "office": O, "after": -5, "events": []}).encode(),
     want_field="after")
case("push: after huge", "POST", EV,
     b'{"v":1,"office":"' + O.encode() +
     b'","after":99999999999999999999999,"events":[]}')
case("push: after float", "POST", EV,
     json.dumps({"v": 1, "office": O, "after": 1.5, "events": []}).encode(),
     want_field="after")
case("push: events null", "POST", EV,
     json.dumps({"v": 1, "office": O, "after": 0, "events": None}).encode(),
     want_field="events")
case("push: event not an object", "POST", EV,
     json.dumps({"v": 1, "office": O, "after": 0,
                 "events": [{"seq": 1, "event": "x"}]}).encode())
case("push: seq missing", "POST", EV,
     json.dumps({"v": 1, "office": O, "after": 0,
                 "events": [{"event": {}}]}).encode())
case("push: seq as string", "POST", EV,
     json.dumps({"v": 1, "office": O, "after": 0,
                 "events": [{"seq": "1", "event": {}}]}).encode())
case("push: duplicate keys", "POST", EV,
     ('{"v":1,"v":2,"office":"%s","after":0,"events":[]}' % O).encode())
case("push: 10k-character office", "POST", EV,
     json.dumps({"v": 1, "office": "A" * 10000, "after": 0,
                 "events": []}).encode())
case("push: 2 MB office", "POST", EV,
     json.dumps({"v": 1, "office": big_name, "after": 0,
                 "events": []}).encode())
case("push: body over the limit", "POST", EV,
     b'{"v":1,"pad":"' + b"x" * (17 * 1024 * 1024) + b'"}')
case("push: wrong method", "GET", EV)
case("push: other office in URL", "POST", "/v1/offices/000.00.07.H57/events",
     json.dumps({"v": 1, "office": "000.00.07.H57", "after": 0,
                 "events": []}).encode())
case("push: office id with slash", "POST", "/v1/offices/a%2Fb/events", b"{}")
case("push: text/plain body", "POST", EV, b"v=1",
     headers={"Content-Type": "text/plain"})

# --- changes, state, summary ----------------------------------------------
for q in ("after=-1", "after=abc", "after=", "after=1e5",
          "after=99999999999999999999999", "after=%00", "limit=abc",
          "after=0&limit=-1", "after=0&limit=100000000"):
    case("changes: ?" + q, "GET", CH + "?" + q)
case("changes: wrong method", "POST", CH, b"{}")
case("state: wrong method", "DELETE", "/v1/offices/%s/state" % O)
case("summary: other office", "GET", "/v1/offices/000.00.07.H57/summary")

# --- back-office status update ---------------------------------------------
case("status: no token", "POST", ST, b"{}")
case("status: wrong token", "POST", ST, b"{}",
     headers={"Authorization": "Bearer " + "0" * 64})
case("status: not JSON", "POST", ST, b"{{", headers=BO)
case("status: unknown status", "POST", ST,
     json.dumps({"status": "teleported"}).encode(), headers=BO,
     want_field="status")
case("status: status as number", "POST", ST,
     json.dumps({"status": 4}).encode(), headers=BO, want_field="status")
case("status: missing as string", "POST", ST,
     json.dumps({"status": "supplement_requested",
                 "missing": "Giấy ra viện"}).encode(), headers=BO,
     want_field="missing")
case("status: missing with empty item", "POST", ST,
     json.dumps({"status": "supplement_requested",
                 "missing": [""]}).encode(), headers=BO, want_field="missing")
case("status: transition not allowed", "POST", ST,
     json.dumps({"status": "returned"}).encode(), headers=BO)
case("status: 10k-character note", "POST", ST,
     json.dumps({"status": "processing", "note": "x" * 10000,
                 "department": "\u0001\u0002"}).encode(), headers=BO)
case("status: unknown dossier", "POST",
     "/v1/dossiers/%s-200101-9999/status" % O,
     json.dumps({"status": "processing"}).encode(), headers=BO)
case("status: malformed code", "POST", "/v1/dossiers/nonsense/status",
     json.dumps({"status": "processing"}).encode(), headers=BO)

# --- dossier files (declare, progress, chunks) -------------------------------
import hashlib  # noqa: E402
FI = "/v1/offices/%s/files" % O
SHA = "ab" * 32
good = {"v": 1, "dossier": args.code, "role": "scan", "paper": 1,
        "sha256": SHA, "size": 10, "mime": "application/pdf", "name": "a.pdf"}


def declare(label, field, **change):
    d = dict(good)
    for k, v in change.items():
        if v is KeyError:
            d.pop(k, None)
        else:
            d[k] = v
    case("files: " + label, "POST", FI, json.dumps(d).encode(),
         want_field=field)


case("files: not JSON", "POST", FI, b"{{", want_field="body")
case("files: JSON array", "POST", FI, b"[]", want_field="body")
declare("v missing", "v", v=KeyError)
declare("malformed dossier code", "dossier", dossier="nonsense")
declare("unknown dossier", "dossier", dossier="%s-200101-9999" % O)
declare("unknown role", "role", role="selfie")
declare("scan without paper", "paper", paper=KeyError)
declare("paper as string", "paper", paper="1")
declare("result with a paper", "paper", role="result", paper=2)
declare("uppercase sha256", "sha256", sha256="AB" * 32)
declare("short sha256", "sha256", sha256="ab")
declare("size 0", "size", size=0)
declare("negative size", "size", size=-5)
declare("size 1 TB", "size", size=10 ** 12)
declare("size as string", "size", size="10")
declare("mime without slash", "mime", mime="pdf")
declare("mime with a space", "mime", mime="application/ pdf")
declare("empty name", "name", name="")
declare("name with a slash", "name", name="../../etc/passwd")
declare("name with a control character", "name", name="a\u0001.pdf")
declare("2000-byte name", "name", name="x" * 2000)
case("files: wrong method", "DELETE", FI)
case("files: other office", "POST", "/v1/offices/000.00.07.H57/files",
     json.dumps(good).encode())
body = b"0123456789"
dig = hashlib.sha256(body).hexdigest()
FS = FI + "/" + SHA
for rng in (None, "bytes 0-9", "bytes 5-1/10", "bytes -1-8/10",
            "bytes 0-9/99999999999999999999", "items 0-9/10", "bytes 0-9/10x"):
    h = {"X-Content-SHA256": dig}
    if rng:
        h["Content-Range"] = rng
    case("chunk: Content-Range %r" % rng, "PUT", FS, body, headers=h,
         want_field="Content-Range")
case("chunk: range longer than the body", "PUT", FS, body,
     headers={"Content-Range": "bytes 0-19/20", "X-Content-SHA256": dig},
     want_field="Content-Range")
case("chunk: no digest", "PUT", FS, body,
     headers={"Content-Range": "bytes 0-9/10"}, want_field="X-Content-SHA256")
case("chunk: wrong digest", "PUT", FS, body,
     headers={"Content-Range": "bytes 0-9/10", "X-Content-SHA256": "0" * 64},
     want_field="X-Content-SHA256")
case("chunk: file never declared", "PUT", FS, body,
     headers={"Content-Range": "bytes 0-9/10", "X-Content-SHA256": dig},
     want_field="sha256")
case("progress: file never declared", "GET", FS, want_field="sha256")
case("progress: not a hash", "GET", FI + "/nothex", want_field="sha256")
case("progress: wrong method", "POST", FS, b"{}")

# detaching a scan taken back at the desk (docs/sync.md "Files")
FD = FS + "/detach"
gd = {"v": 1, "dossier": "%s-260213-0001" % O, "role": "scan", "paper": 1,
      "reason": "wrong citizen's page", "by": "lan"}


def detach(label, field, **kw):
    d = dict(gd)
    for k, v in kw.items():
        if v is KeyError:
            d.pop(k, None)
        else:
            d[k] = v
    case("detach: " + label, "POST", FD, json.dumps(d).encode(),
         want_field=field)


case("detach: not JSON", "POST", FD, b"{{", want_field="body")
case("detach: JSON array", "POST", FD, b"[]", want_field="body")
detach("v missing", "v", v=KeyError)
detach("malformed dossier code", "dossier", dossier="nonsense")
detach("a result", "role", role="result")
detach("paper 0", "paper", paper=0)
detach("paper as string", "paper", paper="1")
detach("no reason", "reason", reason=KeyError)
detach("empty reason", "reason", reason="")
detach("no user", "by", by=KeyError)
case("detach: wrong method", "GET", FD)

# --- public lookup and routing ---------------------------------------------
case("lookup: malformed code", "GET", "/v1/dossiers/nonsense", want_field="code")
case("lookup: code with NUL", "GET", "/v1/dossiers/%s%%00" % args.code)
case("lookup: 10k-character code", "GET", "/v1/dossiers/" + "A" * 10000)
case("lookup page: unknown code", "GET", "/tra-cuu/%s-200101-9999" % O,
     html=True)
case("lookup page: script in the code", "GET",
     "/tra-cuu/%3Cscript%3Ealert(1)%3C%2Fscript%3E", html=True)
case("lookup: wrong method", "POST", "/v1/dossiers/" + args.code, b"{}")
case("unknown path", "GET", "/v2/whatever")
case("path traversal", "GET", "/../../etc/passwd")
case("healthz: wrong method", "PUT", "/healthz", b"x")

# --- online dossiers (with the portal connector's certificate) --------------
if args.connector_cert:
    CONN = ssl.create_default_context(cafile=args.ca)
    CONN.load_cert_chain(args.connector_cert, args.connector_key)
    OD = "/v1/online/dossiers"
    OF = "/v1/offices/%s/online" % O
    good = {"v": 1, "portal_ref": "G22.99-ABUSE-1", "office": O,
            "submitted_at": "2026-02-13T10:00:00+07:00",
            "dossier": {"procedure_code": "1.014166",
                        "applicant_name": "Nguyễn Văn A",
                        "papers": [{"no": 1, "name": "Tờ khai"}]},
            "files": []}

    def with_(path, value):
        """good with the key at path (a list of keys) set to value (a
        deleted key when value is DEL)."""
        b = json.loads(json.dumps(good))
        o = b
        for k in path[:-1]:
            o = o[k]
        if value is DEL:
            del o[path[-1]]
        else:
            o[path[-1]] = value
        return json.dumps(b).encode()

    DEL = object()
    on = lambda name, body, field=None: case(
        "online file: " + name, "POST", OD, body, want_field=field, ctx=CONN)
    on("empty body", b"", "body")
    on("not JSON", b"{{", "body")
    on("JSON array", b"[]", "body")
    on("JSON null", b"null", "body")
    on("deep nesting", deep.encode(), "body")
    on("invalid UTF-8", b'{"v":1,"portal_ref":"\xff\xfe"}', "body")
    on("escaped NUL in portal_ref", b'{"v":1,"portal_ref":"A\\u0000B"}',
       "body")
    on("duplicate keys", b'{"v":1,"v":1}', "body")
    on("v as string", with_(["v"], "1"), "v")
    on("portal_ref as number", with_(["portal_ref"], 7), "portal_ref")
    on("10k-character portal_ref", with_(["portal_ref"], "A" * 10000),
       "portal_ref")
    on("portal_ref with a script", with_(["portal_ref"], "<script>"),
       "portal_ref")
    on("office null", with_(["office"], None), "office")
    on("submitted_at a number", with_(["submitted_at"], 1), "submitted_at")
    on("dossier a string", with_(["dossier"], "x"), "dossier")
    on("2 MB applicant name", with_(["dossier", "applicant_name"], big_name),
       "dossier.applicant_name")
    on("id_number with letters", with_(["dossier", "id_number"], "00109000000A"),
       "dossier.id_number")
    on("papers an object", with_(["dossier", "papers"], {}), "dossier.papers")
    on("10k papers", with_(["dossier", "papers"],
                           [{"no": i, "name": "x"} for i in range(10000)]),
       "dossier.papers")
    on("paper no huge", with_(["dossier", "papers"],
                              [{"no": 10 ** 30, "name": "x"}]))
    on("paper no float", with_(["dossier", "papers"],
                               [{"no": 1.5, "name": "x"}]),
       "dossier.papers[0]")
    on("files a string", with_(["files"], "x"), "files")
    on("10k files", with_(["files"], [{}] * 10000), "files")
    on("file data 2 MB of junk", with_(["files"], [
        {"paper": 1, "name": "a.pdf", "mime": "application/pdf",
         "sha256": "0" * 64, "data": "!" * 2000000}]), "files[0].data")
    on("file data a number", with_(["files"], [
        {"paper": 1, "name": "a.pdf", "mime": "application/pdf",
         "sha256": "0" * 64, "data": 5}]), "files[0].data")
    on("file of a paper not listed", with_(["files"], [
        {"paper": 2, "name": "a.pdf", "mime": "application/pdf",
         "sha256": "0" * 64, "data": "JVBERi0="}]), "files[0].paper")
    on("body over the limit", b'{"v":1,"pad":"' + b"x" * (17 * 1024 * 1024)
       + b'"}')
    case("online file: an office certificate", "POST", OD,
         with_(["portal_ref"], "G22.99-ABUSE-2"))
    case("online file: wrong method", "PUT", OD, b"{}", ctx=CONN)
    case("online read: unknown reference", "GET", OD + "/G22.99-NONE",
         ctx=CONN)
    case("online read: reference with NUL", "GET", OD + "/A%00B", ctx=CONN)
    case("online read: 10k-character reference", "GET", OD + "/" + "A" * 10000,
         ctx=CONN)
    case("online read: reference with a space", "GET", OD + "/A%20B",
         want_field="portal_ref", ctx=CONN)
    case("online read: extra segments", "GET", OD + "/A/B/C", ctx=CONN)
    case("online read: wrong method", "DELETE", OD + "/A", ctx=CONN)
    case("online form: unknown reference", "GET", OD + "/G22.99-NONE/form.pdf",
         ctx=CONN)
    case("online withdraw: unknown reference", "POST",
         OD + "/G22.99-NONE/withdraw", ctx=CONN)
    case("online withdraw: wrong method", "GET", OD + "/G22.99-NONE/withdraw",
         ctx=CONN)
    case("online read: an office certificate", "GET", OD + "/G22.99-NONE")
    for q in ("after=-1", "after=abc", "after=", "after=1e5",
              "after=99999999999999999999999", "after=%00", "limit=0",
              "after=0&limit=100000000"):
        case("online feed: ?" + q, "GET", OF + "?" + q)
    case("online feed: wrong method", "POST", OF, b"{}")
    case("online feed: the connector", "GET", OF + "?after=0", ctx=CONN)
    case("online feed: other office", "GET",
         "/v1/offices/000.00.07.H57/online?after=0")
    case("online file get: bad hash", "GET", OF + "/G22.99-NONE/files/xyz",
         want_field="sha256")
    case("online file get: unknown file", "GET",
         OF + "/G22.99-NONE/files/" + "0" * 64)
    case("online file get: reference with NUL", "GET",
         OF + "/A%00/files/" + "0" * 64)
    case("online file get: 10k-character hash", "GET",
         OF + "/A/files/" + "a" * 10000)
    case("online file get: extra segment", "GET",
         OF + "/A/files/" + "0" * 64 + "/x")
    case("online file get: path traversal", "GET",
         OF + "/../files/" + "0" * 64)

# --- the server is still serving, nothing was written ----------------------
status, s_after = request("GET", "/v1/offices/%s/summary" % O)
if status == 200:
    ok("summary still served after the hostile requests")
else:
    bad("summary after the hostile requests: HTTP %d" % status)
print("summary %s" % json.dumps(s_after), flush=True)


# --- slow clients -----------------------------------------------------------
def slow_client(stop, mode, held):
    """Hold a connection open, trickling a byte now and then."""
    try:
        raw = socket.create_connection((HOST, args.port), timeout=30)
        s = CTX.wrap_socket(raw, server_hostname=HOST)
        if mode == "headers":
            msg = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
        else:
            msg = (b"POST " + EV.encode() + b" HTTP/1.1\r\nHost: localhost\r\n"
                   b"Content-Type: application/json\r\n"
                   b"Content-Length: 100000\r\n\r\n{")
        s.sendall(msg)
        held.append(1)
        while not stop.is_set():
            s.sendall(b"a")
            stop.wait(1.0)
        s.close()
    except Exception:
        pass


stop = threading.Event()
held = []
slow = [threading.Thread(target=slow_client,
                         args=(stop, "headers" if i % 2 else "body", held),
                         daemon=True) for i in range(args.slow)]
for t in slow:
    t.start()
deadline = time.time() + 30
while len(held) < args.slow * 0.9 and time.time() < deadline:
    time.sleep(0.1)
lat = []
errors = 0
for i in range(20):
    t0 = time.time()
    try:
        st, _ = request("GET", "/healthz", timeout=10)
        if st != 200:
            errors += 1
    except Exception:
        errors += 1
    lat.append(time.time() - t0)
lat.sort()
p50 = lat[len(lat) // 2] * 1000
worst = lat[-1] * 1000
rows.append(("%d slow clients holding connections" % len(held), "GET",
             "/healthz x20", "", "200" if errors == 0 else "%d errors" % errors,
             "p50 %.0f ms, worst %.0f ms" % (p50, worst)))
if len(held) >= args.slow * 0.9 and errors == 0 and worst < 5000:
    ok("with %d slow clients holding connections, /healthz answered 20/20 "
       "(p50 %.0f ms, worst %.0f ms)" % (len(held), p50, worst))
else:
    bad("with %d slow clients: %d errors, worst %.0f ms" % (len(held), errors,
                                                          worst))
stop.set()
for t in slow:
    t.join(5)

# --- many connections at once ----------------------------------------------
results = []
lock = threading.Lock()


def burst_client(i):
    try:
        st, _ = request("GET", "/v1/dossiers/" + args.code, timeout=60)
    except Exception as e:
        st = "exc %s" % type(e).__name__
    with lock:
        results.append(st)


t0 = time.time()
burst = [threading.Thread(target=burst_client, args=(i,), daemon=True)
         for i in range(args.burst)]
for t in burst:
    t.start()
for t in burst:
    t.join(90)
elapsed = time.time() - t0
n200 = sum(1 for r in results if r == 200)
n5xx = sum(1 for r in results if isinstance(r, int) and r >= 500 and r != 503)
nexc = sum(1 for r in results if not isinstance(r, int))
rows.append(("%d clients at once" % args.burst, "GET", "/v1/dossiers/CODE",
             "", "%d x 200, %d refused" % (n200, len(results) - n200),
             "%.1f s in all" % elapsed))
if n200 == args.burst:
    ok("%d clients at once: every one answered 200 (%.1f s)" % (args.burst,
                                                              elapsed))
else:
    bad("%d clients at once: %d x 200, %d 5xx, %d without answer" %
        (args.burst, n200, n5xx, nexc))

try:
    st, _ = request("GET", "/healthz")
    if st == 200:
        ok("still serving at the end")
    else:
        bad("healthz at the end: %d" % st)
except Exception as e:
    bad("healthz at the end: %s" % e)

with open(args.table, "w") as f:
    f.write("| case | method | path | body | HTTP | answer |\n")
    f.write("|---|---|---|---|---|---|\n")
    for r in rows:
        f.write("| " + " | ".join(r) + " |\n")
print("%d passed, %d failed" % (passes, fails))
sys.exit(1 if fails else 0)
