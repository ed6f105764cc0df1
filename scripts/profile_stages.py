#!/usr/bin/env python3
"""Where backlint's instructions go, stage by stage, from one callgrind run.

    python3 scripts/profile_stages.py EXPORT [--backlint target/release/backlint] [--format json] [--items N]
    python3 scripts/profile_stages.py --profile callgrind.out.123     # a run made before

Runs `backlint check --today 2026-03-01 --format FORMAT EXPORT` under
`valgrind --tool=callgrind` (instruction counts do not depend on the machine's load) and
prints the inclusive cost of the functions each stage is made of. An indented row is part
of the row above it; a function called from two stages counts in both, and malloc and free
count in the stage that calls them, so the rows do not add up to the total. With
`--items N`, instructions per item too. Needs valgrind's callgrind_annotate.
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

# Each row: its label (indented: part of the row above), and the functions whose inclusive
# costs add up to it, as callgrind names them. Only functions that start no parallel work
# are named: one that waits on rayon runs other jobs meanwhile (work stealing), and their
# cost counts in its own. So the backlog-wide verdicts, which run side by side, are not a
# row, nor is the serial rest of the report or of a CSV read.
STAGES = [
    ("loading the rule catalog (fixed per run)", ["backlint::rules::linter::Linter::from_config"]),
    ("reading and splitting the file", ["backlint::ingest::csv_reader::Reading::piece",
                                        "backlint::ingest::jira_json::read"]),
    ("decoding a few fields of items (sprints, ranks, parents, report summaries)",
     ["backlint::backlog::Backlog::values_of", "backlint::backlog::Backlog::values"]),
    ("decoding items", ["<backlint::ingest::csv_rows::CsvRows as backlint::backlog::stored::Decoder>::item",
                        "<backlint::ingest::jira_json::issues::Issues as backlint::backlog::stored::Decoder>::item"]),
    ("  of which markup to plain text (wiki, ADF)", ["backlint::ingest::wiki::to_plain", "backlint::ingest::adf::to_plain"]),
    ("`when` conditions", ["backlint::rules::conditions::Conditions::hold"]),
    ("the per-item rules and the observations of the backlog-wide checks",
     ["backlint::rules::check::Check::run_capped", "backlint::rules::builtin::Builtin::observe"]),
    ("  of which parsing the story sentence (for whichever check asks first)", ["backlint::text::story::find"]),
    ("  of which finding and judging acceptance criteria", ["backlint::text::criteria::in_description",
                                                            "backlint::text::criteria::judge::judge"]),
    ("  of which duplicates' word hashes", ["backlint::text::similarity::word_hashes"]),
    ("building findings", ["backlint::rules::engine::finding"]),
    ("the JSON report's findings", ["backlint::report::json_array::elements"]),
]

# `  1,234 (12.34%)  /path/file.rs:symbol [/path/binary]`: a function's whole inclusive cost
# (lines without the binary are parts of it inlined from other files).
LINE = re.compile(r"^\s*([\d,]+) \([\s\d.]+%\)\s+\S+?:(.+) \[/[^\]]*\]$")


def inclusive_costs(profile):
    """The total, and the inclusive cost of every function, as callgrind_annotate prints them.

    Run from `/`: where it finds the sources (as from the repository), it attributes some
    inlined code differently and prints other totals for the same function.
    """
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(profile)],
                         capture_output=True, text=True, check=True, cwd="/").stdout
    costs = {}
    total = 0
    for line in out.splitlines():
        if "PROGRAM TOTALS" in line:
            total = int(line.split()[0].replace(",", ""))
        elif match := LINE.match(line):
            cost = int(match.group(1).replace(",", ""))
            costs[match.group(2)] = max(cost, costs.get(match.group(2), 0))
    return total, costs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", nargs="?")
    parser.add_argument("--backlint", default="target/release/backlint")
    parser.add_argument("--format", default="json")
    parser.add_argument("--profile", help="a callgrind output file to read instead of running")
    parser.add_argument("--items", type=int, help="divide by this many items for instructions per item")
    args = parser.parse_args()
    if args.profile:
        profile = Path(args.profile)
    elif args.export:
        profile = Path(tempfile.mkdtemp()) / "callgrind.out"
        args.backlint = str(Path(args.backlint).resolve())
        args.export = str(Path(args.export).resolve())
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}", args.backlint,
                        "check", "--today", "2026-03-01", "--format", args.format, args.export],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    else:
        parser.error("give an export to profile, or --profile")
    total, costs = inclusive_costs(profile)
    print(f"| stage | instructions | share |{' per item |' if args.items else ''}")
    print(f"|---|--:|--:|{'--:|' if args.items else ''}")
    for label, functions in [*STAGES, ("total", None)]:
        cost = total if functions is None else sum(costs.get(f, 0) for f in functions)
        name = label.replace("  ", "&nbsp;&nbsp;", 1) if label.startswith("  ") else label
        each = f" {cost / args.items:,.0f} |" if args.items else ""
        print(f"| {name} | {cost / 1e6:,.0f}M | {100 * cost / total:.1f}% |{each}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
