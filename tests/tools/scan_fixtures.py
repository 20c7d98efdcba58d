#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# scan_fixtures.py - small scanned-paper files for the tests, benches and
# fuzz seeds, made without image libraries:
#   scan_fixtures.py png PATH [BYTES]     a valid PNG (padded to about BYTES
#                                          with a private ancillary chunk)
#   scan_fixtures.py pdf PATH [PAGES]     a valid PDF of PAGES blank pages
#   scan_fixtures.py jpeg PATH            a valid 157x196 grey JPEG
#   scan_fixtures.py encrypted PATH       a PDF whose trailer has /Encrypt
#   scan_fixtures.py cut PATH IN N        the first N bytes of IN
import base64
import os
import struct
import sys
import zlib

JPEG = (
    "/9j/4AAQSkZJRgABAQEAMgAyAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRof"
    "Hh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCADEAJ0BAREA/8QAHwAA"
    "AQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQR"
    "BRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RF"
    "RkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ip"
    "qrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEB"
    "AAA/APn+" + "i" * 499 + "v/9k="
)


def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)


def png(size=0):
    w = h = 16
    raw = b"".join(b"\x00" + bytes([(x * 16 + y) & 0xFF for x in range(w)]) * 3 for y in range(h))
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    body += chunk(b"IDAT", zlib.compress(raw))
    out = b"\x89PNG\r\n\x1a\n" + body
    pad = size - len(out) - 12 - 12
    if pad > 0:
        # a private ancillary chunk ("prVt"): readers skip it
        seed = os.urandom(64)
        out += chunk(b"prVt", (seed * (pad // 64 + 1))[:pad])
    return out + chunk(b"IEND", b"")


def pdf(pages=1, encrypt=False):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join("%d 0 R" % (3 + i) for i in range(pages))
    objs.append(("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)).encode())
    for _ in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    if encrypt:
        objs.append(b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904"
                    b" /O <00> /U <00> >>")
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += ("%d 0 obj\n" % (i + 1)).encode() + o + b"\nendobj\n"
    x = len(out)
    out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)).encode()
    for o in offs:
        out += ("%010d 00000 n \n" % o).encode()
    extra = (" /Encrypt %d 0 R /ID [<01> <01>]" % len(objs)) if encrypt else ""
    out += ("trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, extra, x)).encode()
    return out


def main(argv):
    kind, path = argv[1], argv[2]
    if kind == "png":
        data = png(int(argv[3]) if len(argv) > 3 else 0)
    elif kind == "pdf":
        data = pdf(int(argv[3]) if len(argv) > 3 else 1)
    elif kind == "encrypted":
        data = pdf(1, encrypt=True)
    elif kind == "jpeg":
        data = base64.b64decode(JPEG)
    elif kind == "cut":
        data = open(argv[3], "rb").read()[: int(argv[4])]
    else:
        sys.exit("unknown kind " + kind)
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main(sys.argv)
