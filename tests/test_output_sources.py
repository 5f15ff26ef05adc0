"""No command writes over the project's sources or among them, whatever --out or --output-file names.

The sources are sopgen.yaml, sops/, templates/, the programme file, the records folder, stories/ and
audits/. Every command that takes an output place is tried against each of them.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = ["sopgen.yaml", "sops", "templates", "programme.yaml", "records", "stories", "audits", "assets"]

# Commands whose --out is a folder, and those whose output is one file (given here inside the source).
FOLDER_COMMANDS = {
    "build": ["build", "--format", "md", "--out"],
    "report": ["report", "--out"],
    "brief": ["brief", "--date", "2026-11-23", "--out"],
}
FILE_COMMANDS = {
    "export quiz": (["export", "quiz", "--out"], "quiz.gift"),
    "export scorm": (["export", "scorm", "--out"], "course.zip"),
    "schema": (["schema", "--out"], ""),
    "lint --output-file": (["lint", "--format", "json", "--output-file"], "findings.json"),
    "check --output-file": (["check", "--format", "sarif", "--output-file"], "findings.sarif"),
}


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The example project with every kind of source: SOPs, templates, programme, records, stories, audits."""
    root = tmp_path_factory.mktemp("sources") / "project"
    root.mkdir()
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("fonts"))
        else:
            shutil.copy2(source, root / name)
    return root


def fingerprint(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
            for path in sorted(root.rglob("*"))}


def refused(run_cli, example: Path, args: list) -> str:
    before = fingerprint(example)
    code, out, err = run_cli(args, cwd=example, env={"SOURCE_DATE_EPOCH": "1795000000"})
    assert code == 2, f"sopgen {' '.join(map(str, args))} was accepted:\n{out}{err}"
    assert "Traceback" not in err
    assert fingerprint(example) == before, "nothing is written among the sources"
    return err


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("command", FOLDER_COMMANDS)
def test_an_output_folder_may_not_be_or_hold_a_source(run_cli, example, command, source):
    err = refused(run_cli, example, [*FOLDER_COMMANDS[command], example / source])
    assert "overlaps" in err or "is a file" in err   # the option parser refuses a file for some folders


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("command", FILE_COMMANDS)
def test_an_output_file_may_not_replace_a_source_or_sit_among_them(run_cli, example, command, source):
    args, name = FILE_COMMANDS[command]
    target = example / source
    if target.is_dir() and name:
        target = target / name
    err = refused(run_cli, example, [*args, target])
    assert "refusing to write" in err or "is a file" in err   # schema's --out is a folder


def test_an_output_folder_beside_the_sources_is_fine(run_cli, example, tmp_path):
    code, _, err = run_cli(["build", "--format", "md", "--out", example / "site"], cwd=example)
    assert (code, err) == (0, "")
    shutil.rmtree(example / "site")
