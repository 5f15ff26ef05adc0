"""The layers stand on each other in one direction: core/ imports nothing built on it."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "sopgen" / "core"


def _imported_modules(path: Path) -> list[str]:
    """The sopgen modules ``path`` imports, as dotted names from the package root."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                found.append(node.module or "")
            else:   # relative to sopgen.core
                base = ["sopgen", "core"][:3 - node.level] if node.level <= 2 else []
                found.append(".".join([*base, *([node.module] if node.module else [])]))
                found += [".".join([*base, alias.name]) for alias in node.names if not node.module]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return [name for name in found if name == "sopgen" or name.startswith("sopgen.")]


def test_core_imports_nothing_from_the_packages_built_on_it():
    """core/ is the bottom layer: lint, render, review, training and quality stand on it, never the reverse."""
    modules = sorted(CORE.glob("*.py"))
    assert len(modules) > 5
    climbing = {path.name: [name for name in _imported_modules(path) if not name.startswith("sopgen.core")]
                for path in modules}
    assert {name: found for name, found in climbing.items() if found} == {}
