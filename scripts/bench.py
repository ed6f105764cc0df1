#!/usr/bin/env python3
"""Benchmark backlint on generated Jira exports, against the floor of reading the CSV.

    python3 scripts/bench.py                          # 1k and 100k stories
    python3 scripts/bench.py --sizes 1000,100000,1000000

For each size it prints wall time, CPU time (user + system), stories/s, MB/s and peak RSS
for: the floor (csv_core alone locating every field: examples/csv_floor.rs), read only
(`backlint fields`), read + all rules (`check --statistics`), and read + all rules + each
output format. Beside each
figure: throughput as a share of the floor's, and peak RSS as a multiple of the file size.
Release builds; generated files are cached in target/bench-data/.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["json", "concise", "human", "sarif", "github", "markdown", "junit"]


def run(command, stdout=subprocess.DEVNULL):
    """Runs `command`; returns (wall seconds, CPU seconds, peak RSS in MiB, exit code)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def export(size, data_dir):
    path = data_dir / f"stories-{size}.csv"
    if not path.exists():
        print(f"generating {size} stories …", file=sys.stderr)
        with open(path, "wb") as out:
            subprocess.run([sys.executable, str(ROOT / "scripts/generate_export.py"), "--stories", str(size)],
                           stdout=out, check=True)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--runs", type=int, default=1, help="runs per figure; the fastest counts")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "backlint", "--example", "csv_floor"],
                   cwd=ROOT, check=True)
    backlint = ROOT / "target/release/backlint"
    floor_bin = ROOT / "target/release/examples/csv_floor"
    data_dir = ROOT / "target/bench-data"
    data_dir.mkdir(parents=True, exist_ok=True)
    today = ["--today", "2026-03-01"]
    print(f"machine: {os.cpu_count()} cores; {os.uname().sysname} {os.uname().release}")
    print("| stories | MB | stage | wall s | CPU s | stories/s | MB/s | vs floor | peak RSS MiB | RSS / file |")
    print("|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|")
    for size in [int(s) for s in args.sizes.split(",")]:
        path = export(size, data_dir)
        mb = path.stat().st_size / 1e6
        stages = [("floor: csv_core fields", [floor_bin, path]),
                  ("read only (fields)", [backlint, "fields", path]),
                  ("read + rules (--statistics)", [backlint, "check", "--exit-zero", "--statistics", *today, path])]
        stages += [(f"read + rules + {f}", [backlint, "check", "--exit-zero", "--format", f, *today, path])
                   for f in args.formats.split(",")]
        floor_wall = None
        for name, command in stages:
            best = min((run([str(c) for c in command]) for _ in range(args.runs)), key=lambda r: r[0])
            wall, cpu, rss, code = best
            if code not in (0, 1):
                print(f"| {size} | {mb:.1f} | {name} | failed with exit code {code} | | | | | | |")
                continue
            floor_wall = floor_wall or wall
            print(f"| {size} | {mb:.1f} | {name} | {wall:.2f} | {cpu:.2f} | {size / wall:,.0f} | {mb / wall:.0f} | "
                  f"{100 * floor_wall / wall:.0f}% | {rss:.0f} | {rss * 1.048576 / mb:.1f}× |")


if __name__ == "__main__":
    main()
