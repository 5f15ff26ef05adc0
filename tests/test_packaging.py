"""The source distribution, built with pypa's `build`, carries the licence and everything its tests read."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: What the tests read besides the package: the example project and the pre-commit hook definitions.
PROJECT_FILES = ["sopgen.yaml", "programme.yaml", ".pre-commit-hooks.yaml", "LICENSE", "README.md"]
PROJECT_FOLDERS = ["sops", "records", "stories", "audits", "assets", "tests", "templates"]


@pytest.fixture(scope="module")
def sdist(tmp_path_factory) -> Path:
    if importlib.util.find_spec("build") is None:
        pytest.skip("pypa's build is not installed (pip install build)")
    out = tmp_path_factory.mktemp("dist")
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-isolation"]
    result = subprocess.run([sys.executable, "-m", "build", "--sdist", *isolation, "--outdir", str(out), str(REPO)],
                            capture_output=True, text=True)
    if result.returncode != 0 and "hatchling" in result.stdout + result.stderr and not isolation:
        pytest.skip("build could not fetch hatchling from the package index")
    assert result.returncode == 0, result.stdout + result.stderr
    (archive,) = out.glob("sopgen-*.tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(out, filter="data")
    (unpacked,) = (path for path in out.iterdir() if path.is_dir())
    return unpacked


def _files_under(root: Path, folder: str) -> set[str]:
    return {path.relative_to(root).as_posix() for path in (root / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")
            and ".pytest_cache" not in path.parts}


def test_sdist_ships_the_example_project_the_hooks_and_the_tests(sdist):
    for name in PROJECT_FILES:
        assert (sdist / name).is_file(), f"{name} is missing from the sdist"
    for folder in PROJECT_FOLDERS:
        missing = _files_under(REPO, folder) - _files_under(sdist, folder)
        assert not missing, f"missing from the sdist: {sorted(missing)[:5]}"


def test_sdist_licence_is_the_mit_text_the_metadata_names(sdist):
    metadata = (sdist / "PKG-INFO").read_text(encoding="utf-8")
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata
    licence = (sdist / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in licence


def test_tests_that_read_the_example_project_pass_inside_the_sdist(sdist):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_pre_commit_hooks.py", "tests/test_project.py"],
        cwd=sdist, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
