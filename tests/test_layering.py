"""Imports flow one way: the package's import-time imports form no circle.

Only the imports a module runs when it is imported count: those at its top
level (``if TYPE_CHECKING:`` blocks and imports inside functions are left
out, since they run later or never).
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import partnership_model

PACKAGE = Path(partnership_model.__file__).parent
NAME = "partnership_model"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _top_level_imports(tree: ast.Module) -> set[str]:
    """The package modules a module imports at import time."""
    found: set[str] = set()
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and not _is_type_checking(node.test):
            pending.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)
        elif isinstance(node, ast.Import):
            found.update(
                alias.name for alias in node.names if alias.name.startswith(NAME)
            )
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == NAME:
                found.update(f"{NAME}.{alias.name}" for alias in node.names)
            elif node.module.startswith(f"{NAME}."):
                found.add(node.module)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {f"{NAME}.{path.stem}": path for path in PACKAGE.glob("*.py")}
    return {
        name: {
            target
            for target in _top_level_imports(ast.parse(path.read_text("utf-8")))
            if target in modules and target != name
        }
        for name, path in modules.items()
        if path.stem != "__init__"
    }


def test_import_time_imports_form_no_circle() -> None:
    try:
        order = list(TopologicalSorter(_graph()).static_order())
    except CycleError as error:  # pragma: no cover - the failure message
        raise AssertionError(f"import circle: {error.args[1]}") from None
    assert f"{NAME}.ecology" in order


def test_private_halves_do_not_import_their_public_modules() -> None:
    graph = _graph()
    assert f"{NAME}._ecology_store" in graph[f"{NAME}.ecology"]
    assert f"{NAME}._timeline_periods" in graph[f"{NAME}.timeline"]
    assert f"{NAME}.ecology" not in graph[f"{NAME}._ecology_store"]
    assert f"{NAME}.timeline" not in graph[f"{NAME}._timeline_periods"]


def test_the_walker_sees_a_circle() -> None:
    """The check can fail: a circle planted in a copy of the graph is found."""
    graph = _graph()
    graph[f"{NAME}._ecology_store"].add(f"{NAME}.ecology")
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError:
        return
    raise AssertionError("the planted circle was not found")  # pragma: no cover
