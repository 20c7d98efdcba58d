#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make_pdf.py OUT SIZE [SEED] - a whole one-page PDF of exactly SIZE bytes
(an image stream of pseudo-random bytes: it does not compress, as a real
scan does not), for the upload tests and benchmarks."""
import random, sys

out, size = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 12)


def build(n):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /XObject << /Im1 4 0 R >> >> >>"]
    data = rng.randbytes(n)
    # keep the random bytes from spelling PDF keywords a checker looks for
    data = data.replace(b"/", b"_").replace(b"endstream", b"endstreaX")
    objs.append(b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1"
                b" /ColorSpace /DeviceGray /BitsPerComponent 8 /Length "
                + str(n).encode() + b" >>\nstream\n" + data + b"\nendstream")
    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(body))
        body += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for o in offs:
        body += f"{o:010d} 00000 n \n".encode()
    body += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\n"
             f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(body)


n = size - len(build(0))
for _ in range(5):  # the lengths' digits grow with n: settle in a few steps
    pdf = build(n)
    if len(pdf) == size:
        break
    n -= len(pdf) - size
assert len(pdf) == size, (len(pdf), size)
with open(out, "wb") as f:
    f.write(pdf)
