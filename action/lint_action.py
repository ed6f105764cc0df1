#!/usr/bin/env python3
"""Checks what actionlint does not: the action's own metadata, and the docs' workflows.

actionlint lints workflows, not action.yml, and it cannot know whether the examples in
docs/ci.md still match the action. This script (run by .ci/run) checks that:

* action.yml is YAML with the keys GitHub requires: name, description, runs (a composite
  action with steps, each `run:` step with a `shell:`); every input has a description,
  `path` is optional (a `tracker` to pull from suffices), every output has a description and a value taken from a step that
  exists; every `${{ inputs.X }}` names a declared input and every input is used;
* no `run:` block, in action.yml or in any workflow checked, contains `${{` (GitHub's
  script-injection guidance: pass values through `env:`);
* every step that uses this action (`backlint/backlint@…`, or `./` in this repository's
  workflows) passes only inputs that action.yml declares, passes every required one, and
  every `steps.<id>.outputs.<name>` read from such a step is an output action.yml declares;
* every file under docs/examples/ appears verbatim in docs/ci.md, so the copy-paste
  workflows there are the ones checked here and by actionlint;
* the `version` input defaults to this release's own tag (`v` + Cargo.toml's version), so
  `uses: backlint/backlint@vX.Y.Z` runs vX.Y.Z, checked against action/checksums.sha256,
  whose lines are `HASH  vX.Y.Z/ASSET` with a 64-digit hex hash;
* with --shellcheck, every bash `run:` block (with `${{ … }}` replaced by a placeholder)
  passes shellcheck.

Standard library plus PyYAML. Exits 1 with one line per problem.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

try:
    import yaml
except ImportError:  # pragma: no cover - .ci/run installs PyYAML first
    sys.exit("lint_action.py needs PyYAML: python3 -m pip install PyYAML")

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_INPUTS = {
    "path",
    "tracker",
    "site",
    "query",
    "pull-dir",
    "config",
    "fail-on",
    "baseline",
    "sarif-file",
    "version",
    "args",
}
EXPECTED_OUTPUTS = {"findings", "errors", "warnings", "exit-code", "sarif-file"}
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
INPUT_REF = re.compile(r"\binputs\.([A-Za-z0-9_-]+)")
STEP_OUTPUT_REF = re.compile(r"\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)")
NON_BASH_SHELLS = {"pwsh", "powershell", "cmd", "python", "sh"}

problems: list[str] = []


def problem(where: str, message: str) -> None:
    problems.append(f"{where}: {message}")


def load(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        problem(str(path.relative_to(ROOT)), f"not readable YAML: {error}")
        return None


def strings(node):
    """Every string in a YAML tree."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str):
                yield key
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def expressions(node):
    for text in strings(node):
        for match in EXPRESSION.finditer(text):
            yield match.group(1)


def check_action(path: Path):
    name = str(path.relative_to(ROOT))
    action = load(path)
    if not isinstance(action, dict):
        if action is not None:
            problem(name, "is not a mapping")
        return None
    for key in ("name", "description", "runs"):
        if not action.get(key):
            problem(name, f"has no `{key}`")
    inputs = action.get("inputs") or {}
    outputs = action.get("outputs") or {}
    if not isinstance(inputs, dict) or not isinstance(outputs, dict):
        problem(name, "`inputs` and `outputs` must be mappings")
        return None
    for missing in sorted(EXPECTED_INPUTS - inputs.keys()):
        problem(name, f"input `{missing}` is missing")
    for missing in sorted(EXPECTED_OUTPUTS - outputs.keys()):
        problem(name, f"output `{missing}` is missing")
    for key, spec in inputs.items():
        if not isinstance(spec, dict) or not spec.get("description"):
            problem(name, f"input `{key}` has no description")
    if (inputs.get("path") or {}).get("required"):
        problem(name, "input `path` must not be required: a `tracker` to pull from suffices")

    runs = action.get("runs") or {}
    if runs.get("using") != "composite":
        problem(name, "runs.using must be `composite`")
    steps = runs.get("steps")
    if not isinstance(steps, list) or not steps:
        problem(name, "runs.steps must be a non-empty list")
        steps = []
    step_ids = {step.get("id") for step in steps if isinstance(step, dict) and step.get("id")}
    for index, step in enumerate(steps):
        where = f"{name}: runs.steps[{index}]"
        if not isinstance(step, dict):
            problem(where, "is not a mapping")
            continue
        if "run" in step:
            if not step.get("shell"):
                problem(where, "a `run:` step of a composite action needs `shell:`")
            if "${{" in str(step["run"]):
                problem(where, "`run:` contains `${{`: pass the value through `env:`")
            for script in re.findall(r"\$GITHUB_ACTION_PATH/([^\"'\s]+)", str(step["run"])):
                if not (ROOT / script).is_file():
                    problem(where, f"runs {script}, which does not exist")
        elif "uses" not in step:
            problem(where, "has neither `run:` nor `uses:`")

    used_inputs = set()
    for expression in expressions(action):
        for ref in INPUT_REF.findall(expression):
            used_inputs.add(ref)
            if ref not in inputs:
                problem(name, f"`${{{{{expression.strip()}}}}}` names no declared input")
        for step_id, _output in STEP_OUTPUT_REF.findall(expression):
            if step_id not in step_ids:
                problem(name, f"`${{{{{expression.strip()}}}}}` names no step with that id")
    for unused in sorted(inputs.keys() - used_inputs):
        problem(name, f"input `{unused}` is never used")
    for key, spec in outputs.items():
        if not isinstance(spec, dict) or not spec.get("description") or not spec.get("value"):
            problem(name, f"output `{key}` needs a description and a value")
    return inputs, outputs


def uses_this_action(uses: str, local: bool) -> bool:
    return uses.startswith("backlint/backlint@") or (local and uses in ("./", "."))


def check_workflow(path: Path, inputs: dict, outputs: dict, local: bool, runs: list):
    name = str(path.relative_to(ROOT))
    workflow = load(path)
    if not isinstance(workflow, dict):
        if workflow is not None:
            problem(name, "is not a mapping")
        return
    jobs = workflow.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        problem(name, "has no jobs")
        return
    required = {key for key, spec in inputs.items() if isinstance(spec, dict) and spec.get("required")}
    for job_id, job in jobs.items():
        if not isinstance(job, dict):
            continue
        default_shell = ((job.get("defaults") or {}).get("run") or {}).get("shell") or (
            ((workflow.get("defaults") or {}).get("run") or {}).get("shell")
        )
        action_steps = set()
        for index, step in enumerate(job.get("steps") or []):
            where = f"{name}: jobs.{job_id}.steps[{index}]"
            if not isinstance(step, dict):
                continue
            if "run" in step:
                script = str(step["run"])
                if "${{" in script:
                    problem(where, "`run:` contains `${{`: pass the value through `env:`")
                shell = str(step.get("shell") or default_shell or "bash").split()[0]
                if shell not in NON_BASH_SHELLS:
                    runs.append((where, script))
            uses = str(step.get("uses") or "")
            if uses_this_action(uses, local):
                given = set((step.get("with") or {}).keys())
                for unknown in sorted(given - inputs.keys()):
                    problem(where, f"input `{unknown}` is not declared in action.yml")
                for missing in sorted(required - given):
                    problem(where, f"required input `{missing}` is not given")
                if step.get("id"):
                    action_steps.add(step["id"])
        for expression in expressions(job):
            for step_id, output in STEP_OUTPUT_REF.findall(expression):
                if step_id in action_steps and output not in outputs:
                    problem(f"{name}: jobs.{job_id}", f"output `{output}` is not declared in action.yml")


def check_docs_examples():
    docs = ROOT / "docs" / "ci.md"
    try:
        text = docs.read_text(encoding="utf-8")
    except OSError as error:
        problem("docs/ci.md", f"cannot be read: {error}")
        return []
    examples = sorted(
        path
        for path in (ROOT / "docs" / "examples").rglob("*")
        if path.is_file() and path.suffix in (".yml", ".yaml")
    )
    if not examples:
        problem("docs/examples", "holds no example")
    for path in examples:
        load(path)
        example = path.read_text(encoding="utf-8").strip("\n")
        if example not in text:
            problem(
                str(path.relative_to(ROOT)),
                "does not appear verbatim in docs/ci.md: copy it there (or the other way round)",
            )
    return examples


def check_pinned_version():
    """The action runs its own release by default, against checksums it ships."""
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    match = re.search(r'^version = "([^"]+)"', cargo, re.M)
    action = load(ROOT / "action.yml") or {}
    default = str((((action.get("inputs") or {}).get("version")) or {}).get("default", ""))
    if match and default != f"v{match.group(1)}":
        problem("action.yml", f"inputs.version defaults to {default!r}, not this release's tag 'v{match.group(1)}'")
    line_format = re.compile(r"^[0-9a-fA-F]{64}  v[0-9][^/\s]*/backlint-[A-Za-z0-9_.-]+$")
    for number, line in enumerate((ROOT / "action" / "checksums.sha256").read_text(encoding="utf-8").splitlines(), 1):
        if line and not line.startswith("#") and not line_format.match(line):
            problem(f"action/checksums.sha256:{number}", "not `HASH  vX.Y.Z/ASSET`")


def run_shellcheck(runs: list):
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        problem("--shellcheck", "shellcheck is not on PATH")
        return
    for where, script in runs:
        body = EXPRESSION.sub("EXPRESSION", script)
        result = subprocess.run(
            [shellcheck, "--shell=bash", "--format=gcc", "-"],
            input=body,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            for line in (result.stdout + result.stderr).strip().splitlines():
                problem(where, "shellcheck: " + line.removeprefix("-:"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shellcheck", action="store_true", help="also shellcheck bash run: blocks")
    args = parser.parse_args()

    checked = check_action(ROOT / "action.yml")
    check_pinned_version()
    examples = check_docs_examples()
    runs: list = []
    if checked is not None:
        inputs, outputs = checked
        workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
        for path in workflows:
            check_workflow(path, inputs, outputs, local=True, runs=runs)
        for path in examples:
            if path.parent == ROOT / "docs" / "examples":
                check_workflow(path, inputs, outputs, local=False, runs=runs)
        action = load(ROOT / "action.yml") or {}
        for index, step in enumerate((action.get("runs") or {}).get("steps") or []):
            if isinstance(step, dict) and "run" in step:
                runs.append((f"action.yml: runs.steps[{index}]", str(step["run"])))
    if args.shellcheck:
        run_shellcheck(runs)

    for line in problems:
        print(line)
    print(f"lint_action.py: action.yml, {len(examples)} examples, {len(runs)} run: blocks; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
