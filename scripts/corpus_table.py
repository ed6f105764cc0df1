#!/usr/bin/env python3
"""Count what backlint's story rules flag on a folder of plain story lists.

Built for the Dalpiaz corpus of real user stories ("Requirements data sets
(user stories)", Mendeley Data 2018, doi 10.17632/7zbk8zsd8y.1, CC BY 4.0):
22 backlogs, one story per line. Each file is checked on its own, as one
backlog, so duplicate-story and template-uniformity compare stories within a
backlog only, as in real use.

Usage:
    python3 scripts/corpus_table.py [CORPUS_DIR] [--backlint PATH]
    python3 scripts/corpus_table.py [CORPUS_DIR] --sample non-atomic [--n 20] [--seed 2018]

CORPUS_DIR defaults to ../shared/corpus/dalpiaz relative to the repository.
The binary is --backlint, else $BACKLINT, else target/debug/backlint, else
target/release/backlint in the repository.

Without --sample, prints Markdown tables: per rule, the distinct stories it
flags (and their share of all non-blank lines), then a per-backlog breakdown
for the five rules of the hand check. With --sample RULE, prints N flagged and
N unflagged stories drawn with a fixed seed, for hand checks. The output only
depends on the corpus, the binary and the arguments.

Standard library only.
"""

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

RULES = [
    "story-format",
    "missing-benefit",
    "non-atomic",
    "not-minimal",
    "vague-language",
    "role-not-user",
    "solution-oriented",
    "duplicate-story",
    "template-uniformity",
    "summary-length",
]

# The rules of the hand check in docs/corpus-evaluation.md.
BREAKDOWN_RULES = [
    "story-format",
    "missing-benefit",
    "non-atomic",
    "not-minimal",
    "vague-language",
]

# Backlogs that drop the "so that" clause by design (see the corpus README).
NO_BENEFIT_BY_DESIGN = ("g16", "g17", "g19", "g23", "g25", "g28")

DEFAULT_SEED = 2018


def find_backlint(explicit):
    if explicit:
        return Path(explicit)
    env = os.environ.get("BACKLINT")
    if env:
        return Path(env)
    for build in ("debug", "release"):
        candidate = REPO / "target" / build / "backlint"
        if candidate.exists():
            return candidate
    sys.exit("corpus_table: no backlint binary; build it or pass --backlint PATH")


def read_stories(path):
    """Return {line number: story text} for the non-blank lines of a file."""
    stories = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.strip()
            if text:
                stories[number] = text
    return stories


def run_backlint(binary, rules, path):
    command = [
        str(binary),
        "check",
        "--format",
        "json",
        "--select",
        ",".join(rules),
        str(path),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    # 0 = nothing to fail on, 1 = findings at a failing severity; both carry a report.
    if result.returncode not in (0, 1):
        sys.exit(
            "corpus_table: backlint exited with %d on %s:\n%s"
            % (result.returncode, path, result.stderr)
        )
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        sys.exit("corpus_table: no JSON report for %s: %s" % (path, error))


def collect(binary, corpus, rules):
    """Run backlint per file.

    Returns (files, stories, flagged, findings):
      files    -- backlog names (file stem), sorted
      stories  -- {(name, line): text}
      flagged  -- {rule: {(name, line): [finding, ...]}}
      findings -- {rule: total number of findings}
    """
    paths = sorted(Path(corpus).glob("*.txt"))
    if not paths:
        sys.exit("corpus_table: no .txt files in %s" % corpus)
    files, stories = [], {}
    flagged = {rule: {} for rule in rules}
    findings = {rule: 0 for rule in rules}
    for path in paths:
        name = path.stem
        files.append(name)
        for line, text in read_stories(path).items():
            stories[(name, line)] = text
        report = run_backlint(binary, rules, path)
        for finding in report.get("findings", []):
            rule = finding.get("rule")
            if rule not in flagged:
                continue
            line = finding.get("line")
            if line is None:  # fall back on the key, "line N"
                line = int(str(finding.get("key", "")).split()[-1])
            findings[rule] += 1
            flagged[rule].setdefault((name, line), []).append(finding)
    return files, stories, flagged, findings


def version_of(binary):
    try:
        out = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        out = ""
    return out or "unknown"


def commit_of():
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        out = ""
    return out or "unknown"


def pct(part, whole):
    return "%.1f%%" % (100.0 * part / whole) if whole else "-"


def severity_of(flagged_rule):
    for found in flagged_rule.values():
        return found[0].get("severity", "")
    return ""


def print_tables(binary, corpus, files, stories, flagged, findings, rules):
    total = len(stories)
    lines_total = 0
    for name in files:
        with open(Path(corpus) / (name + ".txt"), encoding="utf-8") as handle:
            lines_total += sum(1 for _ in handle)
    print(
        "<!-- generated by scripts/corpus_table.py: %s, commit %s -->"
        % (version_of(binary), commit_of())
    )
    print()
    print(
        "%d backlogs, %d stories (%d lines, %d of them blank). "
        "Each backlog checked on its own." % (len(files), total, lines_total, lines_total - total)
    )
    print()
    print("| Rule | Severity | Stories flagged | %% of %d stories | Findings |" % total)
    print("|---|---|--:|--:|--:|")
    for rule in rules:
        count = len(flagged[rule])
        print(
            "| %s | %s | %d | %s | %d |"
            % (rule, severity_of(flagged[rule]) or "-", count, pct(count, total), findings[rule])
        )
    print()
    shown = [rule for rule in BREAKDOWN_RULES if rule in rules]
    if not shown:
        return
    print("Stories flagged per backlog (\\* = the set omits \"so that\" by design):")
    print()
    print("| Backlog | Stories | " + " | ".join(shown) + " |")
    print("|---|--:|" + "--:|" * len(shown))
    for name in files:
        in_file = sum(1 for key in stories if key[0] == name)
        label = name + (" \\*" if name.startswith(NO_BENEFIT_BY_DESIGN) else "")
        cells = []
        for rule in shown:
            count = sum(1 for key in flagged[rule] if key[0] == name)
            cells.append("%d (%s)" % (count, pct(count, in_file)) if count else "0")
        print("| %s | %d | %s |" % (label, in_file, " | ".join(cells)))
    cells = []
    for rule in shown:
        count = len(flagged[rule])
        cells.append("**%d (%s)**" % (count, pct(count, total)))
    print("| **All** | **%d** | %s |" % (total, " | ".join(cells)))


def print_sample(rule, stories, flagged, n, seed):
    hits = sorted(flagged[rule])
    misses = sorted(key for key in stories if key not in flagged[rule])
    rng = random.Random("%s:%d" % (rule, seed))
    picked_hits = sorted(rng.sample(hits, min(n, len(hits))))
    picked_misses = sorted(rng.sample(misses, min(n, len(misses))))
    print("## %s: sample (seed %d)" % (rule, seed))
    print()
    print("### Flagged (%d of %d)" % (len(picked_hits), len(hits)))
    print()
    for index, key in enumerate(picked_hits, start=1):
        print("F%d. %s:%d  %s" % (index, key[0], key[1], stories.get(key, "<no story>")))
        for finding in flagged[rule][key]:
            print("     -> %s" % finding.get("message", ""))
    print()
    print("### Not flagged (%d of %d)" % (len(picked_misses), len(misses)))
    print()
    for index, key in enumerate(picked_misses, start=1):
        print("U%d. %s:%d  %s" % (index, key[0], key[1], stories[key]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "corpus",
        nargs="?",
        default=str(REPO.parent / "shared" / "corpus" / "dalpiaz"),
        help="folder of .txt story lists (default: ../shared/corpus/dalpiaz)",
    )
    parser.add_argument("--backlint", help="backlint binary (default: $BACKLINT or target/debug)")
    parser.add_argument(
        "--rules",
        default=",".join(RULES),
        help="comma-separated rules to run (default: the ten story rules)",
    )
    parser.add_argument("--sample", metavar="RULE", help="dump flagged/unflagged stories of RULE")
    parser.add_argument("--n", type=int, default=20, help="stories per side of a sample (20)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="sample seed (2018)")
    args = parser.parse_args()

    rules = [rule.strip() for rule in args.rules.split(",") if rule.strip()]
    if args.sample and args.sample not in rules:
        rules.append(args.sample)
    binary = find_backlint(args.backlint)
    files, stories, flagged, findings = collect(binary, args.corpus, rules)
    if args.sample:
        print_sample(args.sample, stories, flagged, args.n, args.seed)
    else:
        print_tables(binary, args.corpus, files, stories, flagged, findings, rules)


if __name__ == "__main__":
    main()
