#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""online_file.py - file online dossiers at the centre as the portal's
connector does, for the desk's tests (t_online.sh, t_online_desks.sh).

It reuses tests/tools/online_connector.py (the connector's client, its
deterministic bodies and its small real PDFs) and only changes what the
desk's tests need: the dossier lists the procedure's own required paper
(so a clerk can accept it), or, with --incomplete-every K, every K-th
dossier lacks it (the clerk must ask for a supplement).

  online_file.py --port P --ca CA --cert C --key K --office O [--office O2]
                 --count N [--prefix G22.99-260213] [--files 1]
                 [--incomplete-every K] [--submitted ISO]
prints {"filed": n, "errors": n, "refs": {"OFFICE": [...]}}; exit 1 on any
answer other than 201/200.
"""
import argparse
import concurrent.futures
import json
import os
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
import online_connector as oc  # noqa: E402

REQUIRED = "Danh sách do người sử dụng lao động lập"  # 1.014166's paper


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="localhost")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--ca", required=True)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--office", action="append", required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--prefix", default="G22.99-260213")
    ap.add_argument("--files", type=int, default=1)
    ap.add_argument("--incomplete-every", type=int, default=0)
    ap.add_argument("--submitted", default=None)
    ap.add_argument("--jobs", type=int, default=8)
    args = ap.parse_args()
    client = oc.Client(args)
    jobs, refs = [], {}
    for oi, office in enumerate(args.office):
        refs[office] = []
        for i in range(args.count):
            ref = "%s-%d%05d" % (args.prefix, oi + 1, i + 1)
            refs[office].append(ref)
            jobs.append((office, ref, oi * 100000 + i, i))
    counts = {"filed": 0, "repeat": 0}
    errors = []
    lock = threading.Lock()

    def one(job):
        office, ref, index, i = job
        b = oc.body_for(office, ref, index, args.files, "1.014166")
        incomplete = args.incomplete_every and i % args.incomplete_every == 0
        b["dossier"]["papers"] = [{"no": 1, "name": "Tờ khai"}]
        if not incomplete:
            b["dossier"]["papers"].append({"no": 2, "name": REQUIRED})
        if args.submitted:
            b["submitted_at"] = args.submitted
        st, data = client.request("POST", "/v1/online/dossiers",
                                  json.dumps(b).encode())
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
