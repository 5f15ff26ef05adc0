"""One registry for every finding kind: `rules`, `explain`, SARIF metadata and exit statuses read it."""

from __future__ import annotations

import json

import pytest

from sopgen.findings_cli import report_findings
from sopgen.lint.registry import EVERY_RULE, REVIEW_RULES, RULES, rule_by_code
from sopgen.pipeline import LintResult
from sopgen.core.problems import Kind, Problem, Severity


def test_rules_lists_every_wording_rule_and_review_check_once(run_cli):
    code, out, _ = run_cli(["rules"])
    assert code == 0
    out = out[:out.index("Input checks")]    # listed after the rules: see tests/test_input_checks.py
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("SOP")]
    assert listed == [rule.code for rule in EVERY_RULE]
    assert len(set(listed)) == len(listed)
    review_heading = out.index("Review checks run by `sopgen check`:")
    assert all(out.index(f"{rule.code}  ") > review_heading for rule in REVIEW_RULES)
    assert all(out.index(f"{rule.code}  ") < review_heading for rule in RULES)


@pytest.mark.parametrize("asked, code", [("SOP203", "SOP203"), ("sop110", "SOP110"), ("hidden-text", "SOP205"),
                                         ("unused-suppression", "SOP111")])
def test_explain_finds_wording_rules_and_review_checks_by_code_or_name(run_cli, asked, code):
    status, out, _ = run_cli(["explain", asked])
    rule = rule_by_code(code)
    assert status == 0
    assert out.startswith(f"{code} {rule.name} (default severity: {rule.severity.label})\n")
    assert "\nBad: " in out and f"How to fix: {rule.hint}" in out


def test_explain_an_unknown_code_suggests_the_nearest_and_exits_2(run_cli):
    status, _, err = run_cli(["explain", "hiden-text"])
    assert status == 2
    assert "no rule 'hiden-text'" in err and "hidden-text" in err


def test_check_sarif_describes_every_rule_from_the_registry(make_project, run_cli, VALID_SOP):
    root = make_project({"door/welcome-arrivals.yaml": VALID_SOP})
    _, out, _ = run_cli(["check", "--format", "sarif"], cwd=root)
    described = [rule["id"] for rule in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]]
    assert described[:len(EVERY_RULE)] == [rule.code for rule in EVERY_RULE]


def test_every_rule_stamps_its_findings_as_findings():
    for rule in EVERY_RULE:
        found = rule.finding("sops/a.yaml", 3, 4, "something")
        assert (found.code, found.rule, found.severity, found.hint) == (rule.code, rule.name, rule.severity, rule.hint)
        assert found.kind is Kind.FINDING and found.is_finding


def _exit_status(problems, capsys) -> int:
    with pytest.raises(SystemExit) as exited:
        report_findings(LintResult(problems, 1), "text", "warning", False, [], None)
    capsys.readouterr()
    return exited.value.code


def test_a_finding_fails_at_fail_on_with_1_whatever_its_code_looks_like(capsys):
    finding = Problem("sops/a.yaml", 1, 1, "SOP001", "some-review-check", Severity.ERROR, "found", kind=Kind.FINDING)
    assert _exit_status([finding], capsys) == 1


def test_invalid_input_exits_2_whatever_its_code_looks_like(capsys):
    invalid = Problem("sops/a.yaml", 1, 1, "SOP150", "bad-field", Severity.ERROR, "cannot be read")
    assert _exit_status([invalid], capsys) == 2


def test_check_marks_validation_problems_and_rule_findings_where_they_are_made(make_project, VALID_SOP):
    from sopgen.pipeline import check

    broken = VALID_SOP.replace("id: door-welcome-arrivals", "id: door-welcome-arrivals\nnot_a_field: 1", 1)
    wordy = VALID_SOP.replace("id: door-welcome-arrivals", "id: door-other\nsupersedes: [no-such-sop]", 1).replace(
        "Offer help", "You must always offer help", 1)
    assert wordy.count("no-such-sop") == 1 and "You must always" in wordy
    root = make_project({"door/broken.yaml": broken, "door/wordy.yaml": wordy})
    result = check(root)
    kinds = {problem.code: problem.kind for problem in result.problems}
    assert kinds["SOP201"] is Kind.FINDING and kinds["SOP105"] is Kind.FINDING
    invalid = [code for code, kind in kinds.items() if kind is Kind.VALIDATION]
    assert invalid and not set(invalid) & {rule.code for rule in EVERY_RULE}
    assert result.invalid
