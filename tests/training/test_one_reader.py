"""Every input goes through one reader: the same limits and link rule for each kind of file, each file
read once per command."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from sopgen.core import load as load_module

from .kit import training_project

SIGN_OFF = """\
trainee: Amara Okafor
sop: door-welcome-arrivals
signed_off: 2026-03-02
trainer: Jo Price
"""


def symlink(link: Path, target: Path) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links are not available here")


def test_a_record_linked_from_outside_the_project_is_refused_as_a_story_is(make_project, run_cli, VALID_CONFIG,
                                                                           tmp_path):
    root = training_project(make_project, VALID_CONFIG, records={"kept.yaml": SIGN_OFF})
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(SIGN_OFF.replace("Amara Okafor", "Someone Outside"), encoding="utf-8")
    symlink(root / "records" / "linked.yaml", outside)
    (root / "stories").mkdir()
    symlink(root / "stories" / "linked.yaml", outside)

    code, out, err = run_cli(["validate"], cwd=root)

    assert code == 2
    assert "stories/linked.yaml: SOP001 error is a link to a file outside the project, so it was not read" in out
    assert "records/linked.yaml: SOP001 error is a link to a file outside the project, so it was not read" in out


def test_limits_apply_to_the_programme_and_the_records_as_to_sops(make_project, run_cli, VALID_CONFIG):
    log = ("- " + SIGN_OFF.replace("\n", "\n  ")) * 20
    root = training_project(make_project, VALID_CONFIG, records={"log.yaml": log})
    config = (root / "sopgen.yaml").read_text(encoding="utf-8")
    (root / "sopgen.yaml").write_text(config + "limits: {max_file_bytes: 200}\n", encoding="utf-8")

    code, out, err = run_cli(["validate"], cwd=root)

    assert code == 2
    assert "welcome-arrivals.yaml: SOP001 error file is too large" in out
    assert "programme.yaml: SOP001 error file is too large" in out

    (root / "sopgen.yaml").write_text(config + "limits: {max_file_bytes: 1000}\n", encoding="utf-8")
    code, out, err = run_cli(["validate"], cwd=root)

    assert code == 2
    assert "programme.yaml: SOP001" not in out
    assert "records/log.yaml: SOP001 error file is too large" in out


@pytest.fixture
def reads(monkeypatch):
    """How often each file was read from disk during a command (every reader ends in load.read_source)."""
    counted: Counter = Counter()
    real = load_module.read_source

    def read_source(path, display, max_bytes=load_module.MAX_FILE_BYTES):
        counted[Path(path).name] += 1
        return real(path, display, max_bytes)

    monkeypatch.setattr(load_module, "read_source", read_source)
    return counted


@pytest.mark.parametrize("command", [["check"], ["lint"], ["validate"], ["build", "--format", "md"]])
def test_each_command_reads_sopgen_yaml_and_every_sop_once(make_project, run_cli, VALID_SOP, VALID_CONFIG,
                                                          reads, command):
    second = VALID_SOP.replace("id: door-welcome-arrivals", "id: door-second")
    root = training_project(make_project, VALID_CONFIG, sops={"door/welcome-arrivals.yaml": VALID_SOP,
                                                               "door/second.yaml": second},
                            records={"log.yaml": SIGN_OFF})
    (root / "stories").mkdir()

    code, out, err = run_cli(command, cwd=root)

    assert code in (0, 1), out + err
    assert reads["sopgen.yaml"] == 1
    assert reads["welcome-arrivals.yaml"] == 1 and reads["second.yaml"] == 1
    assert reads["programme.yaml"] == 1 and reads["log.yaml"] == 1


def test_check_of_named_files_reads_each_once(make_project, run_cli, reads):
    root = make_project()

    code, out, err = run_cli(["check", "sops/door/welcome-arrivals.yaml"], cwd=root)

    assert code == 0, out + err
    assert reads == Counter({"sopgen.yaml": 1, "welcome-arrivals.yaml": 1})


def test_each_preview_rebuild_reads_the_project_once(make_project, reads, tmp_path, monkeypatch):
    from sopgen.serve import Preview

    root = make_project()
    monkeypatch.chdir(root)
    preview = Preview(root, tmp_path / "preview")
    reads.clear()

    state = preview.rebuild()

    assert state.ok, state.headline
    assert reads == Counter({"sopgen.yaml": 1, "welcome-arrivals.yaml": 1})
