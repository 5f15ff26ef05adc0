"""The layers only look down: core/ imports nothing built on it, and what renders, trains and
measures never imports the commands above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sopgen"
LOWER = ("render", "training", "quality")
UPPER = ("sopgen.pipeline", "sopgen.cli", "sopgen.findings_cli")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports, anywhere in it (at the top or inside a function), by absolute name."""
    parts = ("sopgen", *path.relative_to(PACKAGE).with_suffix("").parts)
    package = parts if path.name == "__init__.py" else parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1]) if node.level else ""
            module = ".".join(filter(None, (base, node.module)))
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def test_the_import_reader_resolves_relative_imports():
    names = {name for _, name in imported_modules(PACKAGE / "training" / "outputs.py")}
    assert {"sopgen.render.parallel.PdfJob", "sopgen.core.errors", "sopgen.training.load"} <= names


@pytest.mark.parametrize("layer", LOWER)
def test_lower_layers_never_import_the_command_modules(layer):
    climbing = [f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
                for path in sorted((PACKAGE / layer).rglob("*.py"))
                for line, name in imported_modules(path)
                if any(name == upper or name.startswith(upper + ".") for upper in UPPER)]
    assert climbing == []


def test_the_command_line_reaches_training_and_quality_only_through_the_pipeline():
    """cli.py parses options and calls one pipeline function per command; it holds no steps of its own."""
    reaching = [f"sopgen/cli.py:{line} imports {name}" for line, name in imported_modules(PACKAGE / "cli.py")
                if name.startswith(("sopgen.training", "sopgen.quality"))]
    assert reaching == []


def test_core_imports_nothing_from_the_packages_built_on_it():
    """core/ is the bottom layer: lint, render, review, training and quality stand on it, never the reverse."""
    modules = sorted((PACKAGE / "core").glob("*.py"))
    assert len(modules) > 5
    climbing = [f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
                for path in modules for line, name in imported_modules(path)
                if name.startswith("sopgen.") and not name.startswith("sopgen.core")
                and name != "sopgen.__version__"]
    assert climbing == []
