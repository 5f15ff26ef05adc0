"""Finding the project, reading sopgen.yaml, and discovering its SOP files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sopgen.core.errors import ProjectNotFound
from sopgen.core.project import find_root
from sopgen.pipeline import load_project

REPO_ROOT = Path(__file__).resolve().parent.parent

HEAD = "organisation: Harbour House\ntitle: Guest Journey Service Standards\n"


def shown(problem) -> str:
    return f"{problem.location()}: {problem.message}"


def journey(*touchpoints: str) -> str:
    """sopgen.yaml with the given journey entries, each written out as YAML lines."""
    return HEAD + "journey:\n" + "".join(touchpoints)


DOOR = "  - id: door\n    name: Door concierge\n"
RECEPTION = "  - id: reception\n    name: Reception\n"


@pytest.fixture
def config_problem_output(make_project, run_cli):
    """Run `sopgen build` in a project with this sopgen.yaml; return (exit code, everything printed)."""
    def run(config: str | bytes, command: str = "build"):
        root = make_project(config=config)
        code, out, err = run_cli([command], cwd=root)
        assert "Traceback" not in out + err
        return code, out + err

    return run


# --------------------------------------------------------------------------- no project


@pytest.mark.parametrize("command", ["build", "lint"])
def test_running_outside_a_project_exits_2_with_a_clear_message(tmp_path, run_cli, command):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    code, out, err = run_cli([command], cwd=elsewhere)

    assert code == 2
    assert err.startswith("error: no sopgen.yaml found in . or any folder above it")
    assert "run sopgen inside a project or pass --project DIR" in err
    assert "Traceback" not in out + err


def test_project_option_naming_a_folder_without_sopgen_yaml_exits_2(tmp_path, run_cli):
    empty = tmp_path / "empty"
    empty.mkdir()

    code, out, err = run_cli(["build", "--project", empty], cwd=tmp_path)

    assert code == 2
    assert "no sopgen.yaml found in empty or any folder above it" in err
    assert "Traceback" not in out + err


def test_project_option_naming_a_file_exits_2_without_a_traceback(make_project, run_cli, tmp_path):
    root = make_project()

    code, out, err = run_cli(["build", "--project", root / "sopgen.yaml"], cwd=tmp_path)

    assert code == 2
    assert "Traceback" not in out + err


def test_sopgen_yaml_that_is_a_folder_does_not_make_a_project(tmp_path):
    (tmp_path / "sopgen.yaml").mkdir()

    with pytest.raises(ProjectNotFound):
        find_root(tmp_path)


# --------------------------------------------------------------------------- finding the project


def test_project_is_found_from_a_subdirectory(make_project):
    root = make_project()

    assert find_root(root / "sops" / "door") == root.resolve()
    assert load_project(root / "sops" / "door").files == 1


def test_lint_from_a_subdirectory_finds_the_project(make_project, run_cli):
    root = make_project()

    code, out, err = run_cli(["lint"], cwd=root / "sops" / "door")

    assert code == 0, out + err
    assert "1 file checked" in out


def test_problems_found_from_a_subdirectory_are_shown_relative_to_it(make_project, run_cli, VALID_SOP):
    root = make_project({"door/welcome.yaml": VALID_SOP.replace("status: approved", "status: live")})

    code, out, err = run_cli(["build"], cwd=root / "sops" / "door")

    assert code == 2
    assert "welcome.yaml:5:9: 'status' is 'live', which is not one of: draft, approved, retired" in err.splitlines()


def test_project_option_works_from_another_directory(make_project, run_cli, tmp_path):
    root = make_project()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    code, out, err = run_cli(["lint", "--project", root], cwd=elsewhere)

    assert code == 0, out + err
    assert "1 file checked" in out


def test_project_option_reports_problems_with_paths_that_lead_to_the_files(make_project, run_cli, tmp_path,
                                                                          VALID_SOP):
    root = make_project({"door/welcome.yaml": VALID_SOP.replace("touchpoint: door", "touchpoint: dor")})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    code, out, err = run_cli(["build", "--project", root], cwd=elsewhere)

    path = root.resolve() / "sops" / "door" / "welcome.yaml"
    assert code == 2
    assert f"{path}:3:13: touchpoint 'dor' is not in the journey (did you mean 'door'?)" in err.splitlines()
    assert not (root / "build").exists()


def test_relative_project_option_is_read_from_the_current_directory(make_project, run_cli, tmp_path):
    make_project()

    code, out, err = run_cli(["lint", "-p", "project"], cwd=tmp_path)

    assert code == 0, out + err


# --------------------------------------------------------------------------- sopgen.yaml


def test_valid_sopgen_yaml_is_read(make_project):
    config = load_project(make_project()).config

    assert config.organisation == "Harbour House"
    assert [t.id for t in config.journey] == ["door", "concierge-desk", "reception", "business-lounge",
                                              "client-lounge", "floor-host", "bookings"]
    assert config.journey[0].name == "Door concierge"


def test_duplicate_touchpoint_id_is_reported_at_the_second(config_problem_output):
    code, output = config_problem_output(journey(DOOR, RECEPTION, "  - id: door\n    name: Front door\n"))

    assert code == 2
    assert "error: sopgen.yaml is not valid" in output
    assert "sopgen.yaml:8:9: touchpoint 'door' appears twice in the journey" in output.splitlines()
    assert "    hint: give each touchpoint its own id" in output.splitlines()


def test_touchpoint_without_a_name_is_reported(config_problem_output):
    code, output = config_problem_output(journey("  - id: door\n", RECEPTION))

    assert code == 2
    assert "sopgen.yaml:4:5: missing required field 'name' in touchpoint 1" in output.splitlines()
    assert "    hint: add 'name:' — the name shown in the handbook" in output.splitlines()


def test_duplicate_touchpoint_after_an_invalid_one_is_reported_at_the_right_line(config_problem_output):
    code, output = config_problem_output(journey("  - id: door\n", RECEPTION, "  - id: reception\n    name: Desk\n"))

    lines = output.splitlines()
    assert "sopgen.yaml:4:5: missing required field 'name' in touchpoint 1" in lines
    assert "sopgen.yaml:7:9: touchpoint 'reception' appears twice in the journey" in lines


def test_touchpoint_id_that_is_not_an_id_is_reported(config_problem_output):
    code, output = config_problem_output(journey("  - id: Front Door\n    name: Front door\n"))

    assert code == 2
    assert "sopgen.yaml:4:9: 'id' in touchpoint 1 'Front Door' is not a valid id" in output.splitlines()


def test_empty_journey_is_reported(config_problem_output):
    code, output = config_problem_output(HEAD + "journey: []\n")

    assert code == 2
    assert "sopgen.yaml:3:10: 'journey' is an empty list" in output.splitlines()


def test_journey_written_as_a_mapping_is_reported(config_problem_output):
    code, output = config_problem_output(HEAD + "journey:\n  door: Door concierge\n")

    assert code == 2
    assert "sopgen.yaml:4:3: 'journey' must be a list, not a mapping" in output.splitlines()


def test_unknown_key_in_sopgen_yaml_is_reported_with_a_suggestion(config_problem_output):
    config = journey(DOOR).replace("title:", "titel:")

    code, output = config_problem_output(config)

    lines = output.splitlines()
    assert code == 2
    assert "sopgen.yaml:2:1: unknown key 'titel' (did you mean 'title'?)" in lines
    assert "sopgen.yaml:1:1: missing required field 'title'" in lines


def test_unknown_key_in_sopgen_yaml_is_reported_by_lint_too(config_problem_output):
    code, output = config_problem_output(journey(DOOR) + "colour: navy\n", command="lint")

    assert code == 2
    assert "sopgen.yaml:6:1: unknown key 'colour'" in output.splitlines()


def test_every_problem_in_sopgen_yaml_is_reported_at_once(config_problem_output):
    config = "title: Standards\njourney:\n  - id: door\n  - name: Reception\npaper: A5\n"

    code, output = config_problem_output(config)

    lines = output.splitlines()
    assert code == 2
    for expected in ["sopgen.yaml:1:1: missing required field 'organisation'",
                     "sopgen.yaml:3:5: missing required field 'name' in touchpoint 1",
                     "sopgen.yaml:4:5: missing required field 'id' in touchpoint 2",
                     "sopgen.yaml:5:8: 'paper' is 'A5', which is not one of: A4, Letter"]:
        assert expected in lines, output


@pytest.mark.parametrize("config, expected", [
    ("", "sopgen.yaml:1:1: file is empty"),
    ("organisation: Harbour House\ntitle: [Standards\n", "sopgen.yaml:3:1: YAML syntax error"),
    ("- door\n- reception\n", "sopgen.yaml:1:1: the file must be a mapping of keys to values, not a list"),
    (journey("  - id: door\n    name: &n Door\n", "  - id: reception\n    name: *n\n"),
     "sopgen.yaml:7:11: YAML anchors and aliases (& and *) are not supported"),
    (HEAD + "journey: !!python/object/apply:os.getcwd []\n",
     "sopgen.yaml:3:10: the YAML tag '!!python/object/apply:os.getcwd' is not allowed"),
    (b"organisation: H\xf4tel\n", "sopgen.yaml:1:16: is not valid UTF-8 text (byte 0xf4)"),
], ids=["empty", "syntax-error", "a-list", "alias", "python-tag", "not-utf8"])
@pytest.mark.parametrize("command", ["build", "lint"])
def test_unreadable_sopgen_yaml_exits_2_with_its_position(config_problem_output, config, expected, command):
    code, output = config_problem_output(config, command=command)

    assert code == 2
    assert any(line.startswith(expected) for line in output.splitlines()), output


def test_missing_sops_folder_is_reported(make_project, run_cli):
    root = make_project(config=journey(DOOR) + "sops: handbook\n")

    code, out, err = run_cli(["build"], cwd=root)

    assert code == 2
    assert "sopgen.yaml: the SOP folder 'handbook' does not exist" in err.splitlines()
    assert "Traceback" not in out + err


def test_sopgen_yaml_with_bom_and_windows_line_endings_is_read(make_project, VALID_CONFIG, monkeypatch):
    root = make_project(config=b"\xef\xbb\xbf" + VALID_CONFIG.replace("\n", "\r\n").encode())
    monkeypatch.chdir(root)

    project = load_project(root)

    assert project.problems == []
    assert project.config.journey[-1].name == "Bookings"


# --------------------------------------------------------------------------- discovering SOP files


def test_sop_files_in_nested_folders_and_with_yml_suffix_are_read(make_project, VALID_SOP, monkeypatch):
    root = make_project({
        "door/welcome.yaml": VALID_SOP,
        "reception/desk/check-in.yml": VALID_SOP.replace("door-welcome-arrivals", "reception-check-in")
                                                .replace("touchpoint: door", "touchpoint: reception"),
    })
    monkeypatch.chdir(root)

    project = load_project(root)

    assert project.problems == []
    assert sorted(sop.path for sop in project.sops) == ["sops/door/welcome.yaml", "sops/reception/desk/check-in.yml"]


def test_other_files_and_hidden_files_are_ignored(make_project, problems_of, VALID_SOP):
    root = make_project({
        "door/welcome.yaml": VALID_SOP,
        "door/README.md": "# Door SOPs\n",
        "door/notes.txt": "not yaml: [\n",
        "door/.draft.yaml": "this: [is broken\n",
        "door/welcome.yaml~": "backup: [\n",
    })

    assert problems_of(root) == []
    assert load_project(root).files == 1


def test_link_to_a_file_outside_the_project_is_not_read(make_project, problems_of, tmp_path, VALID_SOP):
    outside = tmp_path / "outside.yaml"
    outside.write_text(VALID_SOP.replace("door-welcome-arrivals", "door-outside"))
    root = make_project()
    link = root / "sops" / "door" / "linked.yaml"
    try:
        os.symlink(outside, link)
    except OSError:
        pytest.skip("symbolic links are not available here")

    problems = problems_of(root)

    assert [shown(p) for p in problems] == [
        "sops/door/linked.yaml: is a link to a file outside the project, so it was not read"]


def test_only_valid_sops_are_kept_for_building(make_project, VALID_SOP, monkeypatch):
    root = make_project({"door/welcome.yaml": VALID_SOP, "door/broken.yaml": "id: door-broken\n"})
    monkeypatch.chdir(root)

    project = load_project(root)

    assert not project.ok
    assert project.files == 2
    assert [sop.id for sop in project.sops] == ["door-welcome-arrivals"]


# --------------------------------------------------------------------------- the example library


def test_example_library_in_the_repository_loads_without_problems(monkeypatch):
    monkeypatch.chdir(REPO_ROOT)

    project = load_project(REPO_ROOT)

    sop_files = [p for p in (REPO_ROOT / "sops").rglob("*") if p.suffix in (".yaml", ".yml")]
    assert [shown(p) for p in project.problems] == []
    assert project.files == len(sop_files) > 0
    assert len(project.sops) == project.files
    assert len({sop.id for sop in project.sops}) == len(project.sops)
    assert {sop.touchpoint for sop in project.sops} <= {t.id for t in project.config.journey}

