#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""imgcmp.py - compare a rendered page with a golden image (no PIL).

  imgcmp.py compare GOLDEN.png PAGE.pgm   exit 0 when within tolerance
  imgcmp.py write PAGE.pgm GOLDEN.png     (re)write the golden image

Images are 8-bit grey: the page comes from `pdftoppm -gray` (PGM), the
golden is stored as PNG.  Tolerance: same size, mean absolute difference
at most 4 grey levels, and at most 1.5% of the pixels differing by more
than 96 (fonts and antialiasing may move a little between library
versions; a moved block, a missing line or a different QR does not pass).
"""
import struct
import sys
import zlib


def read_pgm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    if fields[0] != b"P5" or int(fields[3]) != 255:
        raise SystemExit("%s: not an 8-bit PGM" % path)
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[pos:pos + w * h]


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("%s: not a PNG" % path)
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype != 0 or interlace:
                raise SystemExit("%s: want 8-bit grey, not interlaced" % path)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, out, prev = zlib.decompress(idat), bytearray(), bytearray(w)
    for r in range(h):
        f, line = raw[r * (w + 1)], bytearray(raw[r * (w + 1) + 1:(r + 1) * (w + 1)])
        for x in range(w):
            a = line[x - 1] if x else 0
            b, c = prev[x], prev[x - 1] if x else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pred) & 255
        out += line
        prev = line
    return w, h, bytes(out)


def write_png(path, w, h, pixels):
    raw = b"".join(b"\x00" + pixels[r * w:(r + 1) * w] for r in range(h))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))
    png = (b"\x89PNG\r\n\x1a\n" +
           chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) +
           chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    open(path, "wb").write(png)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("compare", "write"):
        raise SystemExit(__doc__)
    if sys.argv[1] == "write":
        w, h, px = read_pgm(sys.argv[2])
        write_png(sys.argv[3], w, h, px)
        return 0
    gw, gh, g = read_png(sys.argv[2])
    pw, ph, p = read_pgm(sys.argv[3])
    if (gw, gh) != (pw, ph):
        print("size differs: golden %dx%d, page %dx%d" % (gw, gh, pw, ph))
        return 1
    diff = [abs(x - y) for x, y in zip(g, p)]
    mean = sum(diff) / len(diff)
    big = sum(1 for d in diff if d > 96) / len(diff)
    print("mean abs diff %.2f, pixels off by >96: %.2f%%" % (mean, big * 100))
    return 0 if mean <= 4 and big <= 0.015 else 1


if __name__ == "__main__":
    sys.exit(main())
