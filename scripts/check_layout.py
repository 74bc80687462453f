"""The package's layout rules, checked from its source (``make lint``; tests/test_layout.py).

    python scripts/check_layout.py            # prints each breach, exits 1 if any

1. Dependencies point one way: a module imports only modules of its own layer or of the
   layers below it (``LAYERS``: shared base → corpus → numbers → figures → plans → text →
   present → run); the stages never import presentation or runners.
2. No import circles between modules (imports inside functions count: they are circles too).
3. Sizes a reader can hold: no module over ``MAX_MODULE_LINES`` lines, no function over
   ``MAX_FUNCTION_LINES``.

The package's own ``__init__.py`` (the public surface, importing lazily) is exempt from 1.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ningbo_analysis"
NAME = "ningbo_analysis"
#: Layers, lowest first: the first part of a module's name below the package → its rank.
LAYERS = {
    "errors": 0,
    "resources": 0,
    "files": 0,
    "labels": 0,
    "schemas": 0,
    "corpus": 1,
    "numbers": 2,
    "figures": 3,
    "plans": 4,
    "text": 5,
    "present": 6,
    "run": 7,
}
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 80


def module_name(path: Path, package: Path = PACKAGE) -> str:
    """``ningbo_analysis/plans/record.py`` → ``ningbo_analysis.plans.record``."""
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def imports(path: Path, modules: set[str], package: Path = PACKAGE) -> set[str]:
    """The package modules ``path`` imports (``from x import y`` counts ``x.y`` if a module)."""
    name = module_name(path, package)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(name, path.name == "__init__.py", node)
            subs = [f"{base}.{a.name}" for a in node.names]
            targets = [s if s in modules else base for s in subs]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def rank(module: str) -> int | None:
    """The layer of a module (None for the package itself)."""
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle through each strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def breaches(package: Path = PACKAGE) -> list[str]:
    """Every breach of the rules above, one line each (empty when the layout is right)."""
    files = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    modules = {module_name(p, package) for p in files}
    graph = {module_name(p, package): imports(p, modules, package) for p in files}
    out = []
    for module, targets in sorted(graph.items()):
        mine = rank(module)
        if mine is None:
            continue
        for target in sorted(targets):
            theirs = rank(target)
            if theirs is None or theirs > mine:
                out.append(f"{module} imports {target}, a layer above it")
    for group in _cycles(graph):
        out.append("import circle: " + " ↔ ".join(group))
    for path in files:
        rel = path.relative_to(package.parent)
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            out.append(f"{rel}: {lines} lines (at most {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    out.append(
                        f"{rel}:{node.lineno} {node.name}: {length} lines "
                        f"(at most {MAX_FUNCTION_LINES})"
                    )
    return out


def main() -> int:
    found = breaches()
    for line in found:
        print(line)
    print(f"layout: {len(found)} breach(es)" if found else "layout: ok")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
