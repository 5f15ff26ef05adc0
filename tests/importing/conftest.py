"""The project the import tests write into."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def example_project(tmp_path):
    """A copy of the example project (its configuration, SOPs, programme, records, stories and audits)."""
    from shutil import copytree

    repo = Path(__file__).resolve().parents[2]
    root = tmp_path / "library"
    root.mkdir()
    for name in ("sopgen.yaml", "programme.yaml"):
        (root / name).write_bytes((repo / name).read_bytes())
    for name in ("sops", "records", "stories", "audits"):
        copytree(repo / name, root / name)
    return root
