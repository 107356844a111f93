"""The standards package imports without a cycle: a walk over the imports of every module, those
inside functions included (a function-local import only hides a cycle); imports under
``if TYPE_CHECKING:`` are for annotations only and are not followed."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "standards"


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = ["centreplan", *rel.parts]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Import):
                out.update(a.name for a in sub.names)
            elif isinstance(sub, ast.ImportFrom) and sub.module and sub.level == 0:
                out.add(sub.module)
                out.update(f"{sub.module}.{a.name}" for a in sub.names)
    return {m for m in out if m.split(".")[:2] == ["centreplan", "standards"]}


def graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    g: dict[str, set[str]] = {}
    for name, path in modules.items():
        g[name] = {m for m in _imports(path) if m in modules and m != name}
    return g


def _cycle(g: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(g[n]):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(g):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def test_no_import_cycle_inside_standards() -> None:
    # the package's __init__ re-exports the public API and is imported first by anyone; the walk
    # covers the modules beneath it
    g = {k: {m for m in v if m != "centreplan.standards"} for k, v in graph().items() if k != "centreplan.standards"}
    assert _cycle(g) is None, " → ".join(_cycle(g) or [])


def test_the_walk_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_registry_imports_no_other_standards_module() -> None:
    assert graph()["centreplan.standards.registry"] <= {"centreplan.standards.params"}
