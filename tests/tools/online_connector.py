#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""online_connector.py - plays the national portal's connector against a
running motcua-central (docs/sync.md, "Online dossiers").

  file: files N online dossiers for each given office, with the
        connector's client certificate; prints a JSON summary
        {"filed": n, "repeat": n, "refs": {"OFFICE": [ref...]}} and exits 1
        when any answer was neither 201 nor 200.  The bodies are a pure
        function of (prefix, office, index): running it again gives 200s.
  body: prints the body it would file for one reference (for tests that
        change a key and expect a 400 naming it).
  read: prints the connector's read-back of one reference.

  online_connector.py --port P --ca CA --cert C --key K \\
      file --office 000.00.06.H56 --office 000.00.07.H57 --count 100 \\
      [--prefix G22.99-260213] [--files 1] [--procedure 1.014166] [--jobs 8]
  online_connector.py ... body --office O --ref R [--files 1]
  online_connector.py ... read --ref R

Each dossier lists two papers; --files K attaches K small real PDFs
(one page, valid xref) to paper 1.
"""
import argparse
import base64
import concurrent.futures
import hashlib
import http.client
import json
import ssl
import sys
import threading


def make_pdf(text):
    """A small valid one-page PDF showing text (ASCII)."""
    text = text.replace("\\", "").replace("(", "").replace(")", "")
    stream = ("BT /F1 14 Tf 72 760 Td (%s) Tj ET" % text).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream +
        b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, xref))
    return bytes(out)


# a person's name has no digits: the centre and the desk check names alike
# (src/core/person_name.h), so the index picks a name from these lists
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Mai",
         "Nam", "Oanh", "Phúc", "Quỳnh", "Sơn", "Tâm", "Uyên"]


def name_of(i):
    """The applicant's name for index i (1024 distinct, then again)."""
    return "%s %s %s" % (FAMILY[i % 8], MIDDLE[(i // 8) % 8],
                         GIVEN[(i // 64) % 16])


def body_for(office, ref, index, files=1, procedure="1.014166"):
    """The online dossier for (office, ref, index): valid, deterministic."""
    n = index % 1000000
    pdfs = []
    for k in range(files):
        data = make_pdf("Online dossier %s, file %d" % (ref, k + 1))
        pdfs.append({
            "paper": 1, "name": "to-khai-%d.pdf" % (k + 1),
            "mime": "application/pdf",
            "sha256": hashlib.sha256(data).hexdigest(),
            "data": base64.b64encode(data).decode(),
        })
    return {
        "v": 1, "portal_ref": ref, "office": office,
        "submitted_at": "2026-02-13T%02d:%02d:00+07:00" % (8 + n % 12,
                                                           n % 60),
        "dossier": {
            "procedure_code": procedure,
            "applicant_kind": "person",
            "applicant_name": name_of(n),
            "id_number": "00109%07d" % n,
            "phone": "09%08d" % (12345678 + n % 80000000),
            "email": "cong.dan%d@example.vn" % n,
            "address": "Số %d đường Lê Lợi, TP Thanh Hóa" % (n + 1),
            "note": "Nộp trực tuyến qua Cổng Dịch vụ công quốc gia",
            "papers": [{"no": 1, "name": "Tờ khai"},
                       {"no": 2, "name": "Giấy ra viện"}],
        },
        "files": pdfs,
    }


class Client:
    def __init__(self, args):
        self.args = args
        self.ctx = ssl.create_default_context(cafile=args.ca)
        self.ctx.load_cert_chain(args.cert, args.key)
        self.local = threading.local()

    def request(self, method, path, body=None):
        conn = getattr(self.local, "conn", None)
        for attempt in (1, 2):
            if conn is None:
                conn = http.client.HTTPSConnection(
                    self.args.host, self.args.port, context=self.ctx,
                    timeout=60)
                self.local.conn = conn
            try:
                conn.request(method, path, body=body,
                             headers={"Content-Type": "application/json"})
                r = conn.getresponse()
                data = r.read()
                return r.status, data
            except (http.client.HTTPException, OSError):
                conn.close()
                conn = self.local.conn = None
                if attempt == 2:
                    raise


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="localhost")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--ca", required=True)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("file")
    f.add_argument("--office", action="append", required=True)
    f.add_argument("--count", type=int, required=True)
    f.add_argument("--prefix", default="G22.99-260213")
    f.add_argument("--files", type=int, default=1)
    f.add_argument("--procedure", default="1.014166")
    f.add_argument("--jobs", type=int, default=8)
    b = sub.add_parser("body")
    b.add_argument("--office", required=True)
    b.add_argument("--ref", required=True)
    b.add_argument("--index", type=int, default=0)
    b.add_argument("--files", type=int, default=1)
    b.add_argument("--procedure", default="1.014166")
    r = sub.add_parser("read")
    r.add_argument("--ref", required=True)
    args = ap.parse_args()

    if args.cmd == "body":
        print(json.dumps(body_for(args.office, args.ref, args.index,
                                  args.files, args.procedure),
                         ensure_ascii=False))
        return 0
    client = Client(args)
    if args.cmd == "read":
        st, data = client.request("GET", "/v1/online/dossiers/" + args.ref)
        print(data.decode("utf-8", "replace"))
        return 0 if st == 200 else 1

    jobs = []
    refs = {}
    for oi, office in enumerate(args.office):
        refs[office] = []
        for i in range(args.count):
            ref = "%s-%d%05d" % (args.prefix, oi + 1, i + 1)
            refs[office].append(ref)
            jobs.append((office, ref, oi * 100000 + i))
    counts = {"filed": 0, "repeat": 0}
    errors = []
    lock = threading.Lock()

    def one(job):
        office, ref, index = job
        body = json.dumps(body_for(office, ref, index, args.files,
                                   args.procedure)).encode()
        st, data = client.request("POST", "/v1/online/dossiers", body)
        with lock:
            if st == 201:
                counts["filed"] += 1
            elif st == 200:
                counts["repeat"] += 1
            else:
                errors.append("%s: HTTP %d %s" % (ref, st, data[:300]))

    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        list(ex.map(one, jobs))
    for e in errors[:10]:
        print(e, file=sys.stderr)
    print(json.dumps({"filed": counts["filed"], "repeat": counts["repeat"],
                      "errors": len(errors), "refs": refs}))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
