"""The shape of the package: data flow one way, no import circles, no file reading below the
entry points (DESIGN.md §2).

Read from the source with :mod:`ast`, so every import counts: module level, inside functions
and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "maatwerk_stats"

# The layers, lowest first. A module may import from its own layer and the layers below it.
LAYERS: list[set[str]] = [
    {"errors", "names", "notes", "__init__"},
    {"io"},
    {"config", "stats"},
    {"prepare"},
    {"analyses"},
    {"report"},
    {"publish", "api", "simulate", "simulate_qda"},
    {"cli", "__main__"},
]
# Numerics on arrays only: stats may use nothing of the package but the error types.
STATS_MAY_IMPORT = {"stats", "errors"}
# Calls that read a file. Only the entry points (io, config loading, api, publish, cli, and the
# demo generator) may make them.
READING_CALLS = {"open", "read_data", "read_deck", "load_config", "read_text", "read_bytes",
                 "read_csv", "read_excel", "read_sav", "read_file_multiprocessing", "loads"}
MAY_READ = {"io", "config", "api", "publish", "cli", "simulate", "__main__"}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        yield ".".join(parts), path


def imported(name: str, path: Path) -> set[str]:
    """The package modules ``name`` imports (absolute dotted names below the package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.startswith("maatwerk_stats"):
                target = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:
                candidate = ".".join([*target, alias.name])
                known = candidate in MODULES
                found.add(candidate if known else ".".join(target))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("maatwerk_stats."):
                    found.add(alias.name.removeprefix("maatwerk_stats."))
    return {f for f in found if f and f != name}


MODULES = dict(modules())


def layer(module: str) -> int:
    top = module.split(".")[0] or "__init__"
    return next(i for i, names in enumerate(LAYERS) if top in names)


def test_every_module_has_a_layer():
    for name in MODULES:
        layer(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_down(name):
    own = layer(name)
    for target in imported(name, MODULES[name]):
        if target == "":
            continue
        assert layer(target) <= own, f"{name} (layer {own}) imports {target} ({layer(target)})"
        if name.startswith("stats."):
            assert target.split(".")[0] in STATS_MAY_IMPORT, f"{name} imports {target}"


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``graph`` (module → modules it imports), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target):], target]
            if target not in state and (circle := visit(target)):
                return circle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (circle := visit(node)):
            return circle
    return None


def test_no_import_circles():
    graph = {name: {t for t in imported(name, path) if t in MODULES and t != ""}
             for name, path in MODULES.items()}
    graph.pop("", None)  # the package __init__ names modules lazily, as strings
    circle = find_circle(graph)
    assert circle is None, "import circle: " + " → ".join(circle or [])


def test_the_circle_check_can_fail():
    assert find_circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_circle({"a": {"b"}, "b": set()}) is None


def reading_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            called = (function.attr if isinstance(function, ast.Attribute) else
                      function.id if isinstance(function, ast.Name) else None)
            if called in READING_CALLS:
                found.append(f"{called}() at line {node.lineno}")
    return found


@pytest.mark.parametrize("name", sorted(n for n in MODULES if layer(n) in range(2, 6)
                                        and n.split(".")[0] not in MAY_READ))
def test_no_file_reading_below_the_entry_points(name):
    assert reading_calls(MODULES[name]) == []


def test_the_reading_check_can_fail(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def f(p):\n    return open(p).read() + read_data(p)\n", encoding="utf-8")
    assert sorted(reading_calls(probe)) == ["open() at line 2", "read_data() at line 2"]
