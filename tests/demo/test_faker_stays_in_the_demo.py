"""Faker is a development requirement (ADR 0064): Alongside must start, and its demo commands
load, where only requirements.txt is installed."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import sys
from pathlib import Path

import pytest

import alongside.demo

ALONGSIDE = Path(__file__).resolve().parents[2] / "alongside"
DEMO = ALONGSIDE / "demo"


def _faker_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """Each import of faker as (line, where): "module", "function" or "type checking"."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, where: str) -> None:
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        if isinstance(node, ast.Import | ast.ImportFrom) and any(
            name == "faker" or name.startswith("faker.") for name in names
        ):
            found.append((node.lineno, where))
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                visit(child, "function")
            elif (
                isinstance(child, ast.If)
                and isinstance(child.test, ast.Name)
                and child.test.id == "TYPE_CHECKING"
            ):
                for statement in child.body:
                    visit(statement, "type checking" if where == "module" else where)
                for statement in child.orelse:
                    visit(statement, where)
            else:
                visit(child, where)

    visit(tree, "module")
    return found


def _modules(under: Path) -> list[Path]:
    return sorted(path for path in under.rglob("*.py") if "migrations" not in path.parts)


def test_the_check_finds_an_import_of_faker_at_the_top_of_a_module() -> None:
    tree = ast.parse("from faker import Faker\n\ndef f():\n    import faker\n")
    assert _faker_imports(tree) == [(1, "module"), (4, "function")]


def test_nothing_outside_the_demo_imports_faker() -> None:
    importing = [
        f"{path.relative_to(ALONGSIDE)}:{line}"
        for path in _modules(ALONGSIDE)
        if DEMO not in path.parents
        for line, _ in _faker_imports(ast.parse(path.read_text(), str(path)))
    ]
    assert importing == []


def test_the_demo_imports_faker_only_when_it_makes_data() -> None:
    at_the_top = [
        f"{path.relative_to(ALONGSIDE)}:{line}"
        for path in _modules(DEMO)
        for line, where in _faker_imports(ast.parse(path.read_text(), str(path)))
        if where == "module"
    ]
    assert at_the_top == []


def test_every_module_of_the_demo_and_its_commands_loads_without_faker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "faker", None)  # `import faker` now fails
    for name in [name for name in sys.modules if name.startswith("alongside.demo.")]:
        monkeypatch.delitem(sys.modules, name)
    loaded = [
        importlib.import_module(module.name).__name__
        for module in pkgutil.walk_packages(alongside.demo.__path__, "alongside.demo.")
    ]
    assert "alongside.demo.management.commands.seed_demo" in loaded
    assert "alongside.demo.organisations" in loaded
