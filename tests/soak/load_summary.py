#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""load_summary.py DIR [TITLE] - the figures of tests/soak/load_day.sh.

Reads every DIR/*.tsv written by tests/tools/load_day ("KIND<TAB>US[<TAB>N]"
and "ERROR<TAB>KIND<TAB>MESSAGE"), prints a Markdown table of each action's
count and p50/p95/p99/max latency in milliseconds, the push figures, then
one "load: ..." line per figure, and the errors.  Exit status 1 when any
error was recorded."""
import glob
import os
import sys

ORDER = ["queue_ticket", "queue_next", "queue_next_empty", "queue_recall",
         "queue_start", "intake", "intake_refuse", "guide", "queue_link",
         "queue_finish", "advance", "search", "list", "push", "push_idle"]


def pct(xs, p):
    """Nearest-rank percentile of a sorted list."""
    if not xs:
        return 0
    k = max(0, min(len(xs) - 1, -(-len(xs) * p // 100) - 1))
    return xs[int(k)]


def main():
    d = sys.argv[1]
    title = sys.argv[2] if len(sys.argv) > 2 else ""
    lat, pushed, errors = {}, 0, []
    for f in sorted(glob.glob(os.path.join(d, "*.tsv"))):
        for line in open(f, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if parts[0] == "ERROR":
                errors.append("%s: %s" % (os.path.basename(f), "\t".join(parts[1:])))
                continue
            if len(parts) < 2:
                continue
            lat.setdefault(parts[0], []).append(int(parts[1]))
            if parts[0] == "push":
                pushed += int(parts[2])
    kinds = [k for k in ORDER if k in lat] + sorted(k for k in lat if k not in ORDER)
    if title:
        print("### " + title)
        print()
    print("| action | count | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for k in kinds:
        xs = sorted(lat[k])
        print("| %s | %d | %.1f | %.1f | %.1f | %.1f |" % (
            k, len(xs), pct(xs, 50) / 1e3, pct(xs, 95) / 1e3,
            pct(xs, 99) / 1e3, xs[-1] / 1e3))
    runs = lat.get("push", [])
    busy = sum(runs) / 1e6
    print()
    print("push: %d events in %d runs that carried events (%.1f events a run), "
          "%.0f events/s while pushing; errors: %d" % (
              pushed, len(runs), pushed / len(runs) if runs else 0,
              pushed / busy if busy else 0, len(errors)))
    print()
    for k in kinds:
        xs = sorted(lat[k])
        print("load: %s n=%d p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms" % (
            k, len(xs), pct(xs, 50) / 1e3, pct(xs, 95) / 1e3,
            pct(xs, 99) / 1e3, xs[-1] / 1e3))
    print("load: errors %d" % len(errors))
    for e in errors[:50]:
        print("ERROR " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
