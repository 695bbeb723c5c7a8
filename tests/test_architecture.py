"""The package keeps the shape docs/architecture.md describes: no import cycles (imports
inside functions included) and small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import litcheck

PACKAGE = Path(litcheck.__file__).resolve().parent
MAX_LINES = 550  # "about 500": a module longer than this has more than one job


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_imports() -> dict[str, set[str]]:
    """module -> the litcheck modules it imports anywhere in its code (top level or inside a
    function), resolved to modules (`from litcheck.x import name` counts as importing litcheck.x
    unless `name` is itself a module)."""
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join(parent + ([node.module] if node.module else []))
                for alias in node.names:
                    found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in paths else base)
        graph[name] = {m for m in found if m in paths and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
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


def test_no_import_cycles():
    assert cycles(package_imports()) == []


def test_a_cycle_through_an_import_inside_a_function_is_found():
    graph = {"litcheck.a": {"litcheck.b"}, "litcheck.b": {"litcheck.c"}, "litcheck.c": {"litcheck.a"},
             "litcheck.d": {"litcheck.a"}}
    assert cycles(graph) == [["litcheck.a", "litcheck.b", "litcheck.c"]]
    imports = package_imports()
    assert "litcheck.library.core" in imports["litcheck.cli.options"]  # imported inside a function


def test_modules_are_small():
    too_long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
                if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert too_long == {}
