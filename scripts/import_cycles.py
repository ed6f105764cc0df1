#!/usr/bin/env python3
"""Finds import loops between the library's modules (src/, the binary's own cli.rs and
commands/ aside): module A naming `crate::B…` (or `super::B`) in code, not in comments or
its test module, while B names A, directly or through others. A module and its own
submodules may name each other. Prints each loop and exits 1 when there is one.

    python3 scripts/import_cycles.py
"""

import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")


def modules():
    """Module path (`rules::engine`) → file."""
    found = {}
    for folder, _, files in os.walk(ROOT):
        for name in files:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(folder, name)
            parts = os.path.relpath(path, ROOT)[:-3].split(os.sep)
            if parts[-1] == "mod":
                parts = parts[:-1]
            if parts in (["lib"], ["main"], ["cli"]) or parts[0] == "commands":
                continue
            found["::".join(parts)] = path
    return found


def code_of(path):
    """The file's code: no comment lines, no `#[cfg(test)] mod tests`."""
    text = open(path, encoding="utf-8").read()
    text = re.split(r"#\[cfg\(test\)\]\s*mod tests\s*\{", text)[0]
    return "\n".join(l for l in text.split("\n") if not l.strip().startswith("//"))


def imports(module, path, known):
    """The modules `module` names."""
    def resolve(name):
        segments = name.strip(":").split("::")
        for n in range(len(segments), 0, -1):
            candidate = "::".join(segments[:n])
            if candidate in known:
                return candidate
        return None

    code = code_of(path)
    named = set()
    for used in re.findall(r"crate::([a-z_0-9:]+(?:::\{[^}]*\})?)", code):
        base, _, group = used.partition("::{")
        targets = [base] if not group else [
            base + "::" + item.strip().split(" ")[0] for item in group.rstrip("}").split(",") if item.strip()
        ]
        named.update(filter(None, map(resolve, targets)))
    parent = module.rsplit("::", 1)[0] if "::" in module else ""
    for used in re.findall(r"\bsuper::([a-z_0-9]+)", code):
        named.add(resolve(f"{parent}::{used}" if parent else used))
    return {m for m in named if m and m != module}


def related(a, b):
    return a.startswith(b + "::") or b.startswith(a + "::")


def loops(graph):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10_000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if related(v, w):
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def main():
    known = modules()
    graph = {m: imports(m, path, known) for m, path in known.items()}
    found = loops(graph)
    for component in found:
        print("import loop:")
        for module in component:
            inside = sorted(b for b in graph[module] if b in component and not related(module, b))
            print(f"  {module} -> {', '.join(inside)}")
    print(f"{len(known)} modules, {len(found)} import loops")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
