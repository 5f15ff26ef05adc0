"""`sopgen lint`, `rules` and `explain` as a reviewer and a CI job meet them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

ROBOTIC_SOP = """\
id: door-robotic
title: Robotic welcome
touchpoint: door
version: "1.0"
status: draft
owner: Head Door Concierge
purpose: Guests are welcomed.
steps:
  - do: Always say exactly "Welcome to Harbour House" to every guest.
    why: Guests should feel expected the moment they arrive.
cues:
  - notice: A guest arrives.
    respond: Open the door.
recovery:
  - when: A guest waited.
    do: Apologise.
"""

NO_CUES_SOP = """\
id: door-quiet
title: Quiet welcome
touchpoint: door
version: "1.0"
status: draft
owner: Head Door Concierge
purpose: Guests feel expected.
steps:
  - do: Open the door as guests arrive.
    why: It shows they were expected.
recovery:
  - when: A guest waited.
    do: Apologise and bring them in.
"""

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture
def robotic(make_project):
    return make_project({"door/robotic.yaml": ROBOTIC_SOP})


def test_text_findings_name_file_line_column_code_and_hint(robotic, run_cli):
    code, out, _ = run_cli(["lint"], cwd=robotic)
    assert code == 1
    assert "sops/door/robotic.yaml:9:9: SOP105 warning absolute language" in out
    assert "sops/door/robotic.yaml:9:16: SOP101 warning scripted speech" in out
    assert "    hint: " in out
    assert out.rstrip().splitlines()[-1].startswith("1 file checked: 0 errors, 2 warnings")


def test_fail_on_decides_the_exit_status(robotic, run_cli):
    assert run_cli(["lint", "--fail-on", "error"], cwd=robotic)[0] == 0
    assert run_cli(["lint", "--fail-on", "never"], cwd=robotic)[0] == 0
    assert run_cli(["lint", "--fail-on", "warning"], cwd=robotic)[0] == 1


def test_info_findings_do_not_fail_by_default(make_project, run_cli):
    root = make_project({"door/quiet.yaml": NO_CUES_SOP})
    code, out, _ = run_cli(["lint"], cwd=root)
    assert "SOP113 info" in out
    assert code == 0
    assert run_cli(["lint", "--fail-on", "info"], cwd=root)[0] == 1


def test_clean_library_exits_zero(make_project, run_cli):
    code, out, _ = run_cli(["lint"], cwd=make_project())
    assert code == 0
    assert "no problems found" in out


def test_json_has_findings_and_summary_with_paths_relative_to_the_current_folder(robotic, run_cli):
    code, out, _ = run_cli(["lint", "--format", "json"], cwd=robotic)
    data = json.loads(out)
    assert code == 1
    first = data["findings"][0]
    assert {"path", "line", "column", "rule", "severity", "message", "hint"} <= set(first)
    assert first["path"] == "sops/door/robotic.yaml"
    assert (first["line"], first["column"]) == (9, 9)
    assert first["severity"] == "warning"
    assert data["summary"]["warnings"] == 2


def test_github_annotations_are_chosen_under_github_actions(robotic, run_cli):
    _, out, _ = run_cli(["lint"], cwd=robotic, env={"GITHUB_ACTIONS": "true"})
    assert out.startswith("::warning file=sops/door/robotic.yaml,line=9,col=9,")
    assert "title=SOP105 absolute-language::" in out


def test_sarif_output_is_valid_sarif_2_1_0_with_rule_help(robotic, run_cli):
    _, out, _ = run_cli(["lint", "--format", "sarif"], cwd=robotic)
    log = json.loads(out)
    jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert "Bad:" in rules["SOP101"]["help"]["text"]
    result = log["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 9


def test_unloadable_file_exits_2_but_other_files_are_still_linted(make_project, run_cli):
    root = make_project({"door/robotic.yaml": ROBOTIC_SOP, "door/broken.yaml": "id: [unclosed\n"})
    code, out, _ = run_cli(["lint"], cwd=root)
    assert code == 2
    assert "sops/door/broken.yaml:" in out and "SOP002" in out
    assert "SOP105" in out


def test_paths_limit_what_is_linted(make_project, run_cli):
    root = make_project({"door/robotic.yaml": ROBOTIC_SOP, "door/quiet.yaml": NO_CUES_SOP})
    _, out, _ = run_cli(["lint", "sops/door/quiet.yaml"], cwd=root)
    assert "quiet.yaml" in out and "robotic.yaml" not in out


def test_select_and_ignore_on_the_command_line(robotic, run_cli):
    _, out, _ = run_cli(["lint", "--select", "SOP101"], cwd=robotic)
    assert "SOP101" in out and "SOP105" not in out
    _, out, _ = run_cli(["lint", "--ignore", "sop101,SOP105"], cwd=robotic)
    assert "SOP101" not in out and "SOP105" not in out


def test_unknown_rule_code_is_a_usage_error(robotic, run_cli):
    code, out, err = run_cli(["lint", "--select", "SOP999"], cwd=robotic)
    assert code == 2
    assert "unknown rule code SOP999" in out + err


def test_missing_path_is_a_usage_error(robotic, run_cli):
    code, out, err = run_cli(["lint", "sops/nope.yaml"], cwd=robotic)
    assert code == 2
    assert "does not exist" in out + err


def test_rules_lists_every_rule(run_cli):
    _, out, _ = run_cli(["rules"])
    for code in ("SOP101", "SOP107", "SOP113"):
        assert code in out


def test_explain_prints_what_why_bad_and_good(run_cli):
    code, out, _ = run_cli(["explain", "scripted-speech"])
    assert code == 0
    assert out.startswith("SOP101 scripted-speech")
    assert "Bad:" in out and "Good:" in out and "How to fix:" in out


def test_explain_unknown_rule_suggests_a_close_one(run_cli):
    code, out, err = run_cli(["explain", "choreograhpy"])
    assert code == 2
    assert "did you mean 'choreography'" in out + err


def test_lint_never_modifies_the_sources(robotic, run_cli):
    before = {p: p.read_bytes() for p in robotic.rglob("*") if p.is_file()}
    run_cli(["lint"], cwd=robotic)
    after = {p: p.read_bytes() for p in robotic.rglob("*") if p.is_file()}
    assert before == after


def test_rules_and_explain_cover_the_review_checks_of_sopgen_check(run_cli):
    _, out, _ = run_cli(["rules"])
    assert "SOP203" in out and "version-not-bumped" in out
    code, out, _ = run_cli(["explain", "sop203"])
    assert code == 0 and out.startswith("SOP203 version-not-bumped")
    assert "Bad:" in out and "How to fix:" in out
