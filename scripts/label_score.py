#!/usr/bin/env python3
"""Score backlint's story rules against stories labelled by hand.

The labels are ../shared/corpus/labels/qus-dev-200.csv (see the README.md and
GUIDELINES.md beside it): 200 real stories, each labelled 0/1 for six defects.
The stories are written one per line to a temporary story list and checked in
one run (`backlint check --input-format lines --format json`, the six rules
selected, an empty configuration); a story counts as flagged by a rule when
the rule reports anything on its line. Nothing labelled is copied into the
repository.

Usage:
    python3 scripts/label_score.py [LABELS_CSV] [--backlint PATH]
    python3 scripts/label_score.py [LABELS_CSV] --errors RULE

LABELS_CSV defaults to ../shared/corpus/labels/qus-dev-200.csv relative to the
repository. The binary is --backlint, else $BACKLINT, else target/debug/backlint
in the repository.

Without --errors, prints a Markdown table: per rule and its label, true
positives, false positives, false negatives, precision, recall and F1. With
--errors RULE, prints the rule's false positives (with what it reported) and
false negatives, story by story, for study.

Standard library only.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Each rule and the label column that says whether a story has the defect it finds.
PAIRS = [
    ("non-atomic", "atomic_defect"),
    ("not-minimal", "minimal_defect"),
    ("role-not-user", "role_defect"),
    ("vague-language", "vague_defect"),
    ("solution-oriented", "solution_defect"),
    ("missing-benefit", "benefit_missing"),
]


def find_backlint(explicit):
    path = Path(explicit or os.environ.get("BACKLINT") or REPO / "target" / "debug" / "backlint")
    if not path.exists():
        sys.exit("label_score: no backlint binary at %s; build it or pass --backlint PATH" % path)
    # Absolute: backlint runs in a temporary folder.
    return path.resolve()


def read_labels(path):
    """The labelled stories, in file order: dicts with `story` and the label columns."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        sys.exit("label_score: cannot read the labels %s: %s" % (path, error))
    needed = {"story"} | {label for _, label in PAIRS}
    if not rows or not needed <= set(rows[0]):
        sys.exit(
            "label_score: %s lacks the columns %s"
            % (path, ", ".join(sorted(needed - set(rows[0] if rows else ()))))
        )
    for number, row in enumerate(rows, start=2):
        if not row["story"].strip() or "\n" in row["story"] or "\r" in row["story"]:
            sys.exit("label_score: %s line %d: a story must be one non-blank line" % (path, number))
    return rows


def flagged_lines(binary, stories):
    """Run backlint on the stories, one per line; return {rule: {line: [message, ...]}}."""
    rules = [rule for rule, _ in PAIRS]
    with tempfile.TemporaryDirectory(prefix="label-score-") as folder:
        story_list = Path(folder) / "stories.txt"
        story_list.write_text("".join(story + "\n" for story in stories), encoding="utf-8")
        # An empty configuration, so no backlint.toml found upwards changes the rules.
        config = Path(folder) / "backlint.toml"
        config.write_text("# backlint's defaults\n", encoding="utf-8")
        command = [
            str(binary),
            "check",
            "--input-format",
            "lines",
            "--format",
            "json",
            "--config",
            str(config),
            "--select",
            ",".join(rules),
            str(story_list),
        ]
        result = subprocess.run(command, capture_output=True, text=True, cwd=folder)
    # 0 = nothing to fail on, 1 = findings at a failing severity; both carry a report.
    if result.returncode not in (0, 1):
        sys.exit("label_score: backlint exited with %d:\n%s" % (result.returncode, result.stderr))
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        sys.exit("label_score: no JSON report: %s" % error)
    flagged = {rule: {} for rule in rules}
    for finding in report.get("findings", []):
        rule = finding.get("rule")
        if rule in flagged:
            # A story list keys each story "line N": the line the story is on.
            line = int(str(finding["key"]).split()[-1])
            flagged[rule].setdefault(line, []).append(finding.get("message", ""))
    return flagged


def confusion(rows, flagged, rule, label):
    """(true positives, false positives, false negatives) as lists of 1-based story lines."""
    tp, fp, fn = [], [], []
    for line, row in enumerate(rows, start=1):
        found = line in flagged[rule]
        labelled = row[label].strip() == "1"
        if found and labelled:
            tp.append(line)
        elif found:
            fp.append(line)
        elif labelled:
            fn.append(line)
    return tp, fp, fn


def ratio(part, whole):
    return part / whole if whole else 0.0


def version_of(binary):
    out = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout
    return out.strip() or "unknown"


def commit_of():
    out = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout
    return out.strip() or "unknown"


def print_table(binary, labels, rows, flagged):
    print(
        "<!-- generated by scripts/label_score.py: %s, commit %s, %s -->"
        % (version_of(binary), commit_of(), Path(labels).name)
    )
    print()
    print("| rule | label | TP | FP | FN | precision | recall | F1 |")
    print("| --- | --- | --: | --: | --: | --: | --: | --: |")
    for rule, label in PAIRS:
        tp, fp, fn = (len(lines) for lines in confusion(rows, flagged, rule, label))
        precision = ratio(tp, tp + fp)
        recall = ratio(tp, tp + fn)
        f1 = ratio(2 * precision * recall, precision + recall)
        print(
            "| %s | %s | %d | %d | %d | %.2f | %.2f | %.2f |"
            % (rule, label, tp, fp, fn, precision, recall, f1)
        )


def print_errors(rows, flagged, rule):
    label = dict(PAIRS)[rule]
    _, fp, fn = confusion(rows, flagged, rule, label)

    def where(line):
        row = rows[line - 1]
        return "%s %s:%s" % (row.get("id", line), row.get("backlog", "?"), row.get("line", "?"))

    print("## %s: false positives (%d), flagged but not %s" % (rule, len(fp), label))
    print()
    for line in fp:
        print("- [%s] %s" % (where(line), rows[line - 1]["story"]))
        for message in flagged[rule][line]:
            print("  - %s" % message)
    print()
    print("## %s: false negatives (%d), %s but not flagged" % (rule, len(fn), label))
    print()
    for line in fn:
        print("- [%s] %s" % (where(line), rows[line - 1]["story"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "labels",
        nargs="?",
        default=str(REPO.parent / "shared" / "corpus" / "labels" / "qus-dev-200.csv"),
        help="the labelled stories (default: ../shared/corpus/labels/qus-dev-200.csv)",
    )
    parser.add_argument(
        "--backlint", help="backlint binary (default: $BACKLINT, else target/debug/backlint)"
    )
    parser.add_argument(
        "--errors",
        metavar="RULE",
        choices=[rule for rule, _ in PAIRS],
        help="list RULE's false positives and false negatives instead of the table",
    )
    args = parser.parse_args()

    binary = find_backlint(args.backlint)
    rows = read_labels(args.labels)
    flagged = flagged_lines(binary, [row["story"] for row in rows])
    if args.errors:
        print_errors(rows, flagged, args.errors)
    else:
        print_table(binary, args.labels, rows, flagged)


if __name__ == "__main__":
    main()
