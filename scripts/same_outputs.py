#!/usr/bin/env python3
"""Check that a build of backlint prints exactly what a reference build prints.

    cargo build --release && cp target/release/backlint /tmp/backlint-ref   # on main, before
    python3 scripts/same_outputs.py /tmp/backlint-ref                        # after a change
    python3 scripts/same_outputs.py /tmp/backlint-ref target/release/backlint --stories 500

For refactorings that must not change a byte of any output. Every Jira or GitHub JSON
fixture in fixtures/, with the fixture's configuration when it has one (with `--all-inputs`,
every fixture of any format, and generated CSV: the project's rows, short rows, and
Windows-1252), and
generated Jira REST responses (`scripts/generate_export.py --format json`, v2 and v3, with
and without non-ASCII text: the whole response on one line, pretty-printed, one issue a
line, and a folder of pages) are run through `check` with every `--format`, `check
--statistics`, `check --output html=FILE` and `fields`, all with `--today 2026-03-01`;
standard output, standard error, the exit code and the HTML file must be the same for both
builds. Prints the first differences and exits with 1 if there are any.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "generate_export.py"
FORMATS = ["human", "concise", "json", "sarif", "github", "markdown", "junit", "csv"]
TODAY = ["--today", "2026-03-01"]


def generated(directory, stories):
    """(name, paths) of the generated responses, written into `directory`."""
    inputs = []
    for api in ("2", "3"):
        for accents in ([], ["--non-ascii"]):
            base = ["--stories", str(stories), "--format", "json", "--api", api, *accents]
            tag = f"v{api}{'-accented' if accents else ''}"
            for layout in ("minified", "pretty", "lines"):
                path = directory / f"{tag}-{layout}.json"
                with open(path, "wb") as out:
                    subprocess.run([sys.executable, str(GENERATOR), *base, "--layout", layout],
                                   stdout=out, check=True)
                inputs.append((path.name, [path]))
            pages = directory / f"{tag}-pages"
            subprocess.run([sys.executable, str(GENERATOR), *base, "--layout", "minified",
                            "--pages", str(pages), "--page-size", str(max(stories // 7, 1))],
                           check=True)
            inputs.append((pages.name + "/", [pages]))
    return inputs


def generated_csv(directory, stories):
    """(name, paths) of generated CSV exports, written into `directory`."""
    inputs = []
    for tag, extra in (("project", []), ("short", ["--short"]), ("accented", ["--non-ascii"])):
        path = directory / f"{tag}.csv"
        with open(path, "wb") as out:
            subprocess.run([sys.executable, str(GENERATOR), "--stories", str(stories), "--format", "csv", *extra],
                           stdout=out, check=True)
        inputs.append((path.name, [path]))
    windows = directory / "windows-1252.csv"
    windows.write_bytes((directory / "accented.csv").read_text(encoding="utf-8").encode("cp1252"))
    inputs.append((windows.name, [windows]))
    return inputs


def fixtures(all_inputs):
    """(name, paths, configuration or None) of the JSON fixtures, or with `all_inputs` of every fixture."""
    found = []
    pattern = "*" if all_inputs else "*.json"
    for path in sorted((ROOT / "fixtures").rglob(pattern)):
        if not path.is_file() or path.suffix in (".toml", ".md") and path.name != "stories.md":
            continue
        config = path.with_name(path.stem.split("-search")[0] + ".backlint.toml")
        found.append((str(path.relative_to(ROOT)), [path], config if config.exists() else None))
    v3 = ROOT / "fixtures" / "jira-v3.backlint.toml"
    pages = sorted((ROOT / "fixtures").glob("jira-v3-search-jql-page*.json"))
    found.append(("jira-v3 pages with their configuration", pages, v3))
    return found


def commands(html):
    """(name, arguments before the paths) of every run."""
    runs = [(f"check --format {f}", ["check", "--format", f, *TODAY]) for f in FORMATS]
    runs.append(("check --statistics", ["check", "--statistics", *TODAY]))
    runs.append(("check --output html", ["check", "--output", f"html={html}", *TODAY]))
    runs.append(("fields", ["fields"]))
    return runs


def run(binary, arguments, html, cwd):
    """What one run gives: exit code, standard output, standard error and the HTML file."""
    html.unlink(missing_ok=True)
    done = subprocess.run([str(binary), *arguments], capture_output=True, cwd=cwd)
    page = html.read_bytes() if html.exists() else None
    return done.returncode, done.stdout, done.stderr, page


def first_difference(a, b):
    """Where two byte strings part, with a little context."""
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    window = slice(max(at - 60, 0), at + 60)
    return f"at byte {at}:\n    reference: {a[window]!r}\n    candidate: {b[window]!r}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reference", type=Path)
    parser.add_argument("candidate", type=Path, nargs="?", default=ROOT / "target/release/backlint")
    parser.add_argument("--stories", type=int, default=300, help="issues per generated response")
    parser.add_argument("--all-inputs", action="store_true", help="every fixture and generated CSV too")
    args = parser.parse_args()
    differences = 0
    runs = 0
    with tempfile.TemporaryDirectory() as temporary:
        temporary = Path(temporary)
        data = temporary / "data"
        data.mkdir()
        html = temporary / "report.html"
        made = generated(data, args.stories)
        if args.all_inputs:
            made += generated_csv(data, args.stories)
        cases = fixtures(args.all_inputs) + [(name, paths, None) for name, paths in made]
        for name, paths, config in cases:
            configured = ["--config", str(config)] if config else []
            for label, arguments in commands(html):
                if label == "fields":
                    full = [arguments[0], *configured, *map(str, paths)]
                else:
                    full = [arguments[0], *configured, *arguments[1:], *map(str, paths)]
                # Run where no backlint.toml is found, so only `--config` configures.
                expected = run(args.reference, full, html, temporary)
                got = run(args.candidate, full, html, temporary)
                runs += 1
                for part, a, b in zip(["exit code", "stdout", "stderr", "HTML file"], expected, got):
                    if a != b:
                        differences += 1
                        detail = f"{a} → {b}" if part == "exit code" else first_difference(a or b"", b or b"")
                        print(f"DIFFERENT {name}: {label}: {part} {detail}")
    print(f"{runs} runs, {differences} differences")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
