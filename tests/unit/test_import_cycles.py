"""No module of kakao_share imports itself back, directly or through others, even lazily.

Every ``import`` counts: at the top, inside a function, or under ``TYPE_CHECKING``. A cycle that works
today only because one import is deferred breaks as soon as someone moves that import to the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import kakao_share

PACKAGE = Path(kakao_share.__file__).parent


def _module_name(path: Path) -> str:
    parts = ["kakao_share", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The kakao_share modules ``path`` imports (a package's ``__init__`` when a name comes from it)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            found.add(origin)
            found.update(f"{origin}.{alias.name}" for alias in node.names)
    return {module for module in found if module in modules and module != name}


def _graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(path) for path in paths}
    return {_module_name(path): _imports(path, modules) for path in paths}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    return cycles


def test_the_walk_sees_imports_of_every_kind():
    graph = _graph()
    assert len(graph) > 50
    assert "kakao_share._exceptions" in graph["kakao_share._problems"]  # top-level, relative
    assert "kakao_share._api_errors" in graph["kakao_share._exceptions"]  # lazy and TYPE_CHECKING
    assert "kakao_share.portable.limits" in graph["kakao_share.portable.attributes"]  # sibling in a subpackage


def test_the_walk_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_import_cycle_in_the_package():
    assert _cycles(_graph()) == []
