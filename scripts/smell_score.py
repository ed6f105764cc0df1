#!/usr/bin/env python3
"""Score backlint's vague-language against requirements with expert ambiguity labels.

The labels are the ARTA sheets in ../shared/corpus/smells/ (see the README.md there):
requirements, each with columns naming the smell words an expert found (`-` for none). A
requirement counts as labelled when any of its subjective-language, ambiguous
adverb/adjective, loophole, open-ended, superlative or comparative columns names a word
(negative statements and vague pronouns are other rules' business). The requirements are
written one per line (white space collapsed) to a temporary list and checked in one run
(`backlint check --input-format lines --format json --select vague-language`, an empty
configuration); a requirement counts as flagged when the rule reports anything on its
line. Nothing labelled is copied into the repository.

Usage:
    python3 scripts/smell_score.py [SHEET.xlsx ...] [--backlint PATH]

The sheets default to ../shared/corpus/smells/*.xlsx relative to the repository; the
binary is --backlint, else $BACKLINT, else target/debug/backlint. Prints precision,
recall and F1 per sheet and for all of them. Standard library only (an .xlsx file is a
zip of XML).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# The label columns that vague-language answers for; their spelling differs between sheets.
VAGUE_COLUMNS = re.compile(r"subj|ambig|loop|open|superl|compa", re.IGNORECASE)


def column_index(cell_ref):
    """0-based column of a cell reference such as "AB12"."""
    index = 0
    for letter in re.match(r"[A-Z]+", cell_ref).group(0):
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def sheet_rows(path):
    """The first worksheet's rows as lists of strings (blank cells as "")."""
    try:
        with zipfile.ZipFile(path) as book:
            shared = []
            if "xl/sharedStrings.xml" in book.namelist():
                for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml")):
                    shared.append("".join(t.text or "" for t in item.iter(SHEET_NS + "t")))
            sheet = sorted(n for n in book.namelist() if n.startswith("xl/worksheets/sheet"))[0]
            root = ElementTree.fromstring(book.read(sheet))
    except (OSError, zipfile.BadZipFile, IndexError, ElementTree.ParseError) as error:
        sys.exit("smell_score: cannot read the sheet %s: %s" % (path, error))
    for row in root.iter(SHEET_NS + "row"):
        cells = []
        for cell in row.findall(SHEET_NS + "c"):
            index = column_index(cell.get("r"))
            cells.extend([""] * (index + 1 - len(cells)))
            value = cell.find(SHEET_NS + "v")
            if cell.get("t") == "s" and value is not None:
                cells[index] = shared[int(value.text)]
            elif cell.get("t") == "inlineStr":
                cells[index] = "".join(t.text or "" for t in cell.iter(SHEET_NS + "t"))
            elif value is not None:
                cells[index] = value.text or ""
        yield cells


def labelled_requirements(path):
    """(requirement on one line, whether an expert found a vague word in it) per row."""
    rows = list(sheet_rows(path))
    if not rows:
        sys.exit("smell_score: %s is empty" % path)
    columns = [i for i, name in enumerate(rows[0]) if VAGUE_COLUMNS.search(name)]
    if not columns:
        sys.exit("smell_score: %s has no smell columns (looked for %s)" % (path, VAGUE_COLUMNS.pattern))
    for row in rows[1:]:
        text = " ".join((row[0] if row else "").split())
        if text:
            cell = lambda i: (row[i] if i < len(row) else "").strip()
            yield text, any(cell(i) not in ("", "-") for i in columns)


def flagged_lines(binary, requirements):
    """Lines (1-based) on which vague-language reports anything."""
    with tempfile.TemporaryDirectory(prefix="smell-score-") as folder:
        listing = Path(folder) / "requirements.txt"
        listing.write_text("".join(text + "\n" for text in requirements), encoding="utf-8")
        config = Path(folder) / "backlint.toml"
        config.write_text("# backlint's defaults\n", encoding="utf-8")
        command = [str(binary), "check", "--input-format", "lines", "--format", "json",
                   "--config", str(config), "--select", "vague-language", "--exit-zero",
                   str(listing)]
        result = subprocess.run(command, capture_output=True, text=True, cwd=folder)
    if result.returncode != 0:
        sys.exit("smell_score: backlint exited with %d:\n%s" % (result.returncode, result.stderr))
    report = json.loads(result.stdout)
    return {int(str(f["key"]).split()[-1]) for f in report.get("findings", [])}


def scores(tp, fp, fn):
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sheets", nargs="*", help="ARTA .xlsx sheets (default: ../shared/corpus/smells/*.xlsx)")
    parser.add_argument("--backlint", help="backlint binary (default: $BACKLINT, else target/debug/backlint)")
    args = parser.parse_args()
    sheets = args.sheets or sorted(str(p) for p in (REPO.parent / "shared" / "corpus" / "smells").glob("*.xlsx"))
    if not sheets:
        sys.exit("smell_score: no sheets given and none in ../shared/corpus/smells/")
    binary = Path(args.backlint or os.environ.get("BACKLINT") or REPO / "target" / "debug" / "backlint")
    if not binary.exists():
        sys.exit("smell_score: no backlint binary at %s; build it or pass --backlint PATH" % binary)

    per_sheet = [(Path(sheet).name, list(labelled_requirements(sheet))) for sheet in sheets]
    everything = [item for _, items in per_sheet for item in items]
    flagged = flagged_lines(binary, [text for text, _ in everything])
    print("| sheet | requirements | labelled | TP | FP | FN | precision | recall | F1 |")
    print("| --- | --: | --: | --: | --: | --: | --: | --: | --: |")
    totals = [0, 0, 0, 0, 0]
    line = 0
    for name, items in per_sheet:
        counts = [len(items), 0, 0, 0, 0]
        for _, labelled in items:
            line += 1
            found = line in flagged
            counts[1] += labelled
            counts[2] += found and labelled
            counts[3] += found and not labelled
            counts[4] += labelled and not found
        totals = [a + b for a, b in zip(totals, counts)]
        print("| %s | %d | %d | %d | %d | %d | %.2f | %.2f | %.2f |" % (name, *counts, *scores(*counts[2:])))
    print("| all | %d | %d | %d | %d | %d | %.2f | %.2f | %.2f |" % (*totals, *scores(*totals[2:])))


if __name__ == "__main__":
    main()
