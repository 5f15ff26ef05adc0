"""The input checks (SOP0xx) as one list: every code the sources report is in it, under one name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import sopgen
from sopgen.core.input_checks import INPUT_CHECKS, input_check
from sopgen.core.problems import Problem, Severity, Summary
from sopgen.formats.report import format_sarif

PACKAGE = Path(sopgen.__file__).parent
# "SOP018", "bad-figure" as the sources write a code and its name, on one line or across two
REPORTED = re.compile(r"[\"'](SOP0\d\d)[\"']\s*,\s*[\"']([a-z][a-z-]+)[\"']")


def reported_codes() -> set[tuple[str, str]]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name == "input_checks.py":
            continue
        found.update(REPORTED.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_code_the_sources_report_is_listed_under_the_name_they_give_it():
    listed = {(check.code, check.name) for check in INPUT_CHECKS}
    assert reported_codes() - listed == set()


def test_no_code_means_two_things_and_every_listed_code_is_reported():
    codes = [check.code for check in INPUT_CHECKS]
    assert len(codes) == len(set(codes))
    reported = {code for code, _ in reported_codes()}
    assert set(codes) - reported == set()


def test_a_control_character_has_a_code_of_its_own(make_project, run_cli):
    root = make_project()
    path = root / "sops/door/welcome-arrivals.yaml"
    escaped = 'title: "Welcome' + "\\" + 'e[31m"'    # the YAML escape \e: ESC once loaded
    text = re.sub(r"(?m)^title: .*$", lambda _: escaped, path.read_text(encoding="utf-8"), count=1)
    path.write_text(text, encoding="utf-8")
    code, out, _ = run_cli(["lint"], cwd=root)
    assert code == 2
    assert "SOP021" in out and "SOP016" not in out


def test_explain_knows_an_input_check_by_code_and_by_name(run_cli):
    for wanted in ("SOP018", "bad-figure"):
        code, out, _ = run_cli(["explain", wanted])
        assert code == 0
        assert out.startswith("SOP018 bad-figure (default severity: error)")
        assert "How to fix:" in out


def test_rules_lists_the_input_checks_after_the_review_checks(run_cli):
    code, out, _ = run_cli(["rules"])
    assert code == 0
    assert out.index("Review checks") < out.index("Input checks") < out.index("SOP021  control-character")


def test_sarif_describes_a_validation_problem_with_its_listed_summary():
    problem = Problem("sops/a.yaml", 3, 5, "SOP018", "bad-figure", Severity.ERROR, "the figure is missing", "")
    log = json.loads(format_sarif([problem], Summary.of([problem], 1), [], tool_version="0"))
    descriptor = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert descriptor["id"] == "SOP018"
    assert descriptor["shortDescription"]["text"] == input_check("SOP018").summary
