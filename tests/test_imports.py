"""herald's own import graph, read with ast: no import cycle, no private name imported across modules.

Run it alone to see the findings::

    .venv/bin/python -m tests.test_imports      # prints cycles and private imports, exits 1 on any
    .venv/bin/pytest -q tests/test_imports.py

Every ``import`` counts, at module level or inside a function (a lazy import only hides a cycle until
the function runs), except those under ``if TYPE_CHECKING:``, which never execute. ``from pkg import
name`` is an edge to the submodule ``pkg.name`` when there is one, else to ``pkg`` (its
``__init__``). The implicit import of a module's parent packages is not an edge.

A private name is one with a single leading underscore (``_x``, not ``__x__``) named by a
``from ... import`` from another herald module, or a private module (``herald.pkg._mod``) imported
from outside its package.

KNOWN_CYCLES and KNOWN_PRIVATE held the findings of folders being reshaped when this test was written;
the last of them (events, extract) are fixed and both are empty. Do not add to them: fix the import.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "herald"

# Cycles, each as its sorted set of modules (a strongly connected component of the graph).
KNOWN_CYCLES: set[frozenset[str]] = set()

# (importing module, imported module, name).
KNOWN_PRIVATE: set[tuple[str, str, str]] = set()


def module_files(src: Path = SRC) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name, for its __init__)."""
    out: dict[str, Path] = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Import statements, skipping the bodies of ``if TYPE_CHECKING:`` (their ``else`` still runs)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _base(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a ``from`` import names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    if node.level > 1:
        parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, node.module] if node.module else parts)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def scan(src: Path = SRC) -> tuple[dict[str, set[str]], set[tuple[str, str, str]]]:
    """The import graph (module -> herald modules it imports) and the private names imported across."""
    files = module_files(src)
    graph: dict[str, set[str]] = {m: set() for m in files}
    private: set[tuple[str, str, str]] = set()

    def target(name: str) -> str | None:
        while name and name not in files:  # `import herald.x.y` of a name that is not a module
            name = name.rpartition(".")[0]
        return name or None

    for module, path in files.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == PACKAGE and (t := target(alias.name)):
                        graph[module].add(t)
                    if any(_private(p) for p in alias.name.split(".")[1:]):
                        private.add((module, alias.name, alias.name.rpartition(".")[2]))
                continue
            base = _base(module, is_package, node)
            if base.split(".")[0] != PACKAGE:
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                t = sub if sub in files else target(base)
                if t and t != module:
                    graph[module].add(t)
                if _private(alias.name) and t != module:
                    private.add((module, t or base, alias.name))
                elif any(_private(p) for p in base.split(".")[1:]):
                    owner = base.rpartition(".")[0]
                    if module != owner and not module.startswith(owner + "."):
                        private.add((module, base, base.rpartition(".")[2]))
    return graph, private


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one module, or one that imports itself
    (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[frozenset[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph.get(node, ()):
                    found.append(frozenset(component))
    return found


def _show(component: frozenset[str], graph: dict[str, set[str]]) -> str:
    edges = sorted(f"{a} -> {b}" for a in component for b in graph[a] if b in component)
    return "{" + ", ".join(sorted(component)) + "}: " + "; ".join(edges)


def test_the_scan_sees_the_package() -> None:
    graph, _ = scan()
    assert "herald.pipeline" in graph and "herald.models" in graph["herald.pipeline"]


def test_the_scan_finds_a_cycle_and_a_private_import(tmp_path: Path) -> None:
    pkg = tmp_path / PACKAGE
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from herald.b import thing\n")
    (pkg / "b.py").write_text("def f():\n    from . import a\n    return a\nthing = 1\n")
    (pkg / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from herald import d\n"
        "from herald.sub.x import _hidden\n"
    )
    (pkg / "d.py").write_text("import herald.c\n")
    (pkg / "sub" / "__init__.py").write_text("from ._impl import y\n")
    (pkg / "sub" / "_impl.py").write_text("y = 1\n")
    (pkg / "sub" / "x.py").write_text("_hidden = 1\n")
    (pkg / "e.py").write_text("from herald.sub._impl import y\n")
    graph, private = scan(tmp_path)
    assert cycles(graph) == [frozenset({"herald.a", "herald.b"})]  # c <-> d only under TYPE_CHECKING
    assert private == {("herald.c", "herald.sub.x", "_hidden"), ("herald.e", "herald.sub._impl", "_impl")}


def test_no_import_cycle() -> None:
    graph, _ = scan()
    found = set(cycles(graph))
    new = found - KNOWN_CYCLES
    assert not new, "import cycles:\n" + "\n".join(_show(c, graph) for c in sorted(new, key=sorted))
    gone = KNOWN_CYCLES - found
    assert not gone, f"known cycles no longer there, remove them from KNOWN_CYCLES: {gone}"


def test_no_private_name_imported_across_modules() -> None:
    _, private = scan()
    new = private - KNOWN_PRIVATE
    assert not new, "private names imported across modules:\n" + "\n".join(
        f"{a} imports {n} from {b}" for a, b, n in sorted(new)
    )
    gone = KNOWN_PRIVATE - private
    assert not gone, f"known private imports no longer there, remove them from KNOWN_PRIVATE: {gone}"


def main() -> int:
    graph, private = scan()
    found = cycles(graph)
    for c in sorted(found, key=sorted):
        print("cycle", "(known)" if c in KNOWN_CYCLES else "", _show(c, graph))
    for a, b, n in sorted(private):
        print("private", "(known)" if (a, b, n) in KNOWN_PRIVATE else "", f"{a} imports {n} from {b}")
    print(
        f"{len(graph)} modules, {sum(map(len, graph.values()))} edges, {len(found)} cycles, "
        f"{len(private)} private imports"
    )
    return 1 if found or private else 0


if __name__ == "__main__":
    sys.exit(main())
