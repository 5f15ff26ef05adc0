"""--output-file and --statistics for lint and check: one run for machines and people, counts per rule."""

from __future__ import annotations

import json

import pytest

ROBOTIC = ("Watch the approach", "Always watch the approach")
NO_WHY = "    why: Opening the door as they arrive shows that they were expected.\n"


@pytest.fixture
def project(make_project, VALID_SOP):
    robotic = VALID_SOP.replace(*ROBOTIC)
    other = robotic.replace("door-welcome-arrivals", "door-other").replace(NO_WHY, "")
    return make_project({"door/welcome.yaml": robotic, "door/other.yaml": other})


@pytest.mark.parametrize("command", ["lint", "check"])
def test_output_file_gets_sarif_while_people_get_text(project, run_cli, command):
    code, out, err = run_cli([command, "--format", "sarif", "--output-file", "sopgen.sarif"], cwd=project)
    assert code == 1, err
    log = json.loads((project / "sopgen.sarif").read_text(encoding="utf-8"))
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"SOP105", "SOP108"}
    assert "sops/door/welcome.yaml:" in out and " SOP105 warning " in out
    assert out.rstrip().endswith("2 files checked: 0 errors, 3 warnings, 0 info")


def test_output_file_under_github_actions_prints_annotations(project, run_cli):
    code, out, _ = run_cli(["check", "--format", "sarif", "--output-file", "out/sopgen.sarif"], cwd=project,
                           env={"GITHUB_ACTIONS": "true"})
    assert code == 1 and out.startswith("::warning file=")
    assert json.loads((project / "out" / "sopgen.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_output_file_is_written_when_the_input_is_invalid(make_project, run_cli, VALID_SOP):
    root = make_project({"door/welcome.yaml": VALID_SOP.replace("status: approved", "status: aproved")})
    code, out, _ = run_cli(["lint", "--format", "json", "--output-file", "findings.json"], cwd=root)
    assert code == 2 and "aproved" in out
    assert json.loads((root / "findings.json").read_text(encoding="utf-8"))["summary"]["errors"] == 1


@pytest.mark.parametrize("target", ["sops/door/report.sarif", "sopgen.yaml"])
def test_output_file_never_goes_over_the_sources(project, run_cli, target):
    before = (project / "sopgen.yaml").read_bytes()
    code, _, err = run_cli(["lint", "--format", "sarif", "--output-file", target], cwd=project)
    assert code == 2 and "refusing to write" in err and "Traceback" not in err
    assert not (project / "sops/door/report.sarif").exists() and (project / "sopgen.yaml").read_bytes() == before


def test_statistics_count_findings_per_rule_most_frequent_first(project, run_cli):
    code, out, _ = run_cli(["lint", "--statistics"], cwd=project)
    assert code == 1
    assert out.splitlines() == ["2  SOP105  absolute-language  warning",
                                "1  SOP108  step-without-why   warning",
                                "2 files checked: 0 errors, 3 warnings, 0 info"]


def test_statistics_as_json(project, run_cli):
    code, out, _ = run_cli(["check", "--statistics", "--format", "json"], cwd=project)
    data = json.loads(out)
    assert code == 1
    assert data["statistics"] == [
        {"rule": "SOP105", "name": "absolute-language", "severity": "warning", "count": 2},
        {"rule": "SOP108", "name": "step-without-why", "severity": "warning", "count": 1}]
    assert data["summary"]["total"] == 3


def test_statistics_beside_a_sarif_file(project, run_cli):
    code, out, _ = run_cli(["check", "--statistics", "--format", "sarif", "-o", "s.sarif"], cwd=project)
    assert code == 1 and out.startswith("2  SOP105") and (project / "s.sarif").is_file()


def test_statistics_are_not_annotations(project, run_cli):
    code, _, err = run_cli(["lint", "--statistics", "--format", "github"], cwd=project)
    assert code == 2 and "--statistics" in err
