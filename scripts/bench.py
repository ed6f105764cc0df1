#!/usr/bin/env python3
"""Benchmark backlint on generated Jira exports, against the floor of reading them.

    python3 scripts/bench.py                                  # CSV, 1k and 100k stories
    python3 scripts/bench.py --sizes 1000,100000,1000000 --inputs csv --formats json
    python3 scripts/bench.py --sizes 10000,20000 --inputs w1252,json --runs 3

Inputs (`--inputs`, comma-separated):
  csv     the Jira CSV export; every output format (`--formats`).
  csv-short  a lean CSV export (`generate_export.py --short`: 18 columns, short
          descriptions, about two findings per story); every output format (`--formats`).
  w1252   the CSV export with a few accented characters per story, in UTF-8 and re-encoded
          as Windows-1252 (as Excel re-saves it): the two should take about the same time.
  json    Jira REST search responses, v2 (wiki markup) and v3 (ADF descriptions): the whole
          response in one minified file (one line, as Jira sends it), the same pretty-printed,
          and pages of `--page-size` issues (minified), each in its own file.
  json-one-line  only the v3 response on one line (the shape that was quadratic).
  json-pages     only the v3 pages (with a small `--page-size`: a folder of many files).

For each input and size it prints wall time, CPU time (user + system), stories/s, MB/s and
peak RSS for: the floor (csv_core locating every field: examples/csv_floor.rs; for JSON,
jsonc-parser building and walking the tree of every file: examples/json_floor.rs), read
only (`backlint fields`), read + all rules (`check --statistics`), and read + all rules +
output. "vs floor" is throughput as a share of the floor's; "RSS / file" is peak RSS over
the input's size. With `--runs N` every figure is the median of N runs. `--backlint PATH`
measures another build (for before/after) and builds nothing; `--timeout S` stops a run
after S seconds.
Release builds; generated inputs are cached in target/bench-data/.
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts/generate_export.py"
FORMATS = ["json", "concise", "human", "sarif", "github", "markdown", "junit"]
TODAY = ["--today", "2026-03-01"]


def run(command, timeout):
    """Runs `command`; returns (wall seconds, CPU seconds, peak RSS in MiB, exit code or None if stopped)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stopper = threading.Timer(timeout, process.kill)
    stopper.start()
    _, status, usage = os.wait4(process.pid, 0)
    stopped = not stopper.is_alive()
    stopper.cancel()
    wall = time.perf_counter() - start
    code = None if stopped else os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code


def generate(path, arguments, encoding=None):
    """Writes the generator's output for `arguments` to `path` (re-encoded if asked), once.

    Streamed, never held: a child's peak RSS counts the memory of this process when it forked.
    """
    if path.exists():
        return path
    print(f"generating {path.name} …", file=sys.stderr)
    utf8 = path.with_suffix(".utf8.tmp")
    with open(utf8, "wb") as out:
        subprocess.run([sys.executable, str(GENERATOR), *arguments], stdout=out, check=True)
    if encoding:
        with open(utf8, encoding="utf-8", newline="") as text, open(path, "w", encoding=encoding, newline="") as out:
            while chunk := text.read(1 << 20):
                out.write(chunk)
        utf8.unlink()
    else:
        utf8.rename(path)
    return path


def pages(directory, arguments):
    """The page files the generator writes into `directory` for `arguments`, once."""
    if not directory.exists():
        print(f"generating {directory.name}/ …", file=sys.stderr)
        subprocess.run([sys.executable, str(GENERATOR), *arguments, "--pages", str(directory)], check=True)
    return sorted(directory.glob("page-*.json"))


def inputs(kind, size, data_dir, page_size):
    """(label, files, floor program or None) for one kind of input at `size` stories."""
    stories = ["--stories", str(size)]
    if kind == "csv":
        return [("CSV", [generate(data_dir / f"stories-{size}.csv", stories)], "csv_floor")]
    if kind == "csv-short":
        return [("CSV, short rows", [generate(data_dir / f"short-{size}.csv", [*stories, "--short"])], "csv_floor")]
    if kind == "w1252":
        accented = [*stories, "--non-ascii"]
        return [("CSV, UTF-8, accented", [generate(data_dir / f"accented-{size}.csv", accented)], None),
                ("CSV, Windows-1252", [generate(data_dir / f"w1252-{size}.csv", accented, "cp1252")], None)]
    json = [*stories, "--format", "json"]
    one_line = ("JSON v3, one line", [generate(data_dir / f"v3-minified-{size}.json",
                                               [*json, "--api", "3", "--layout", "minified"])], "json_floor")
    if kind == "json-one-line":
        return [one_line]
    if kind == "json-pages":
        directory = data_dir / f"v3-pages-{page_size}-{size}"
        return [(f"JSON v3, pages of {page_size}",
                 pages(directory, [*json, "--api", "3", "--layout", "minified", "--page-size", str(page_size)]),
                 "json_floor")]
    if kind != "json":
        sys.exit(f"unknown input {kind}")
    listed = []
    for api in (2, 3):
        api_json = [*json, "--api", str(api)]
        if api == 3:
            listed.append(one_line)
        else:
            listed.append((f"JSON v{api}, one line", [generate(data_dir / f"v{api}-minified-{size}.json",
                                                               [*api_json, "--layout", "minified"])], "json_floor"))
        listed.append((f"JSON v{api}, pretty", [generate(data_dir / f"v{api}-pretty-{size}.json",
                                                         [*api_json, "--layout", "pretty"])], "json_floor"))
        directory = data_dir / f"v{api}-pages-{page_size}-{size}"
        listed.append((f"JSON v{api}, pages of {page_size}",
                       pages(directory, [*api_json, "--layout", "minified", "--page-size", str(page_size)]),
                       "json_floor"))
    return listed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--inputs", default="csv")
    parser.add_argument("--formats", default=",".join(FORMATS), help="output formats measured on CSV")
    parser.add_argument("--runs", type=int, default=1, help="runs per figure; the median counts")
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--backlint", type=Path,
                        help="measure this binary and build nothing (the floors of an earlier run are used)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is stopped")
    args = parser.parse_args()
    if not args.backlint:
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "backlint", "--example", "csv_floor",
                        "--example", "json_floor"], cwd=ROOT, check=True)
    backlint = args.backlint or ROOT / "target/release/backlint"
    data_dir = ROOT / "target/bench-data"
    data_dir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; {os.uname().sysname} {os.uname().release}; "
          f"{args.runs} run(s) per figure, median")
    print("| input | stories | MB | stage | wall s | CPU s | stories/s | MB/s | vs floor | peak RSS MiB | RSS / file |")
    print("|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|")
    for kind in args.inputs.split(","):
        for size in [int(s) for s in args.sizes.split(",")]:
            for label, files, floor in inputs(kind, size, data_dir, args.page_size):
                stages = [] if floor is None else [(f"floor: {floor}", [ROOT / "target/release/examples" / floor])]
                stages += [("read only (fields)", [backlint, "fields"]),
                           ("read + rules (--statistics)", [backlint, "check", "--exit-zero", "--statistics", *TODAY])]
                formats = args.formats.split(",") if kind.startswith("csv") else ["json"]
                stages += [(f"read + rules + {f}", [backlint, "check", "--exit-zero", "--format", f, *TODAY])
                           for f in formats]
                measure(label, size, files, stages, args)


def measure(label, size, files, stages, args):
    """Prints one table row per stage, run on `files`."""
    mb = sum(f.stat().st_size for f in files) / 1e6
    floor_wall = None
    for name, command in stages:
        runs = [run([str(c) for c in [*command, *files]], args.timeout) for _ in range(args.runs)]
        failed = [r for r in runs if r[3] not in (0, 1)]
        if failed:
            code = failed[0][3]
            why = f"stopped after {args.timeout:g} s" if code is None else f"failed with exit code {code}"
            print(f"| {label} | {size} | {mb:.1f} | {name} | {why} | | | | | | |")
            continue
        wall, cpu, rss = (statistics.median(r[i] for r in runs) for i in range(3))
        if name.startswith("floor"):
            floor_wall = wall
        share = f"{100 * floor_wall / wall:.0f}%" if floor_wall else "—"
        print(f"| {label} | {size} | {mb:.1f} | {name} | {wall:.2f} | {cpu:.2f} | {size / wall:,.0f} | "
              f"{mb / wall:.0f} | {share} | {rss:.0f} | {rss * 1.048576 / mb:.1f}× |", flush=True)


if __name__ == "__main__":
    main()
