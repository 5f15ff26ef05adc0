"""SOP114: learning objectives that cannot be observed, found in programme.yaml by `sopgen lint`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sopgen.lint.registry import RULES, rule_by_code

from .kit import PROGRAMME, column_of, line_of, training_project

REPO = Path(__file__).resolve().parents[2]
OBJECTIVE = "Greet an arriving guest and explain in their own words why we open the door early."


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "objective"], ids=lambda r: r.code)
def test_objective_rules_flag_their_bad_example_and_pass_their_good_one(make_project, VALID_CONFIG, run_cli, rule):
    for example, flagged in ((rule.example("Bad"), True), (rule.example("Good"), False)):
        root = training_project(make_project, VALID_CONFIG, PROGRAMME.replace(OBJECTIVE, example))
        code, out, err = run_cli(["lint", "--format", "json"], cwd=root)
        codes = [finding["rule"] for finding in json.loads(out)["findings"]]
        assert (rule.code in codes) is flagged, (example, out)


def test_an_unobservable_objective_is_a_warning_at_its_word_in_programme_yaml(make_project, VALID_CONFIG, run_cli):
    text = PROGRAMME.replace(OBJECTIVE, "Understand why we open the door early.")
    root = training_project(make_project, VALID_CONFIG, text)
    code, out, err = run_cli(["lint"], cwd=root)
    assert code == 1
    where = f"programme.yaml:{line_of(text, 'Understand why')}:{column_of(text, 'Understand why')}"
    assert f"{where}: SOP114 warning 'understand' cannot be observed" in out
    assert "objective 1 of week 1 in 'starter'" in out
    assert "hint: write what the trainee will be seen or heard doing" in out


def test_the_word_is_found_inside_a_longer_objective(make_project, VALID_CONFIG, run_cli):
    text = PROGRAMME.replace(OBJECTIVE, "Greet an arriving guest and be aware of who is waiting.")
    root = training_project(make_project, VALID_CONFIG, text)
    code, out, err = run_cli(["lint", "--format", "json"], cwd=root)
    [finding] = json.loads(out)["findings"]
    assert finding["line"] == line_of(text, "be aware of")
    assert finding["column"] == column_of(text, "be aware of")
    assert finding["end_column"] == column_of(text, "be aware of") + len("be aware of")


def test_the_rule_can_be_ignored_like_any_other(make_project, VALID_CONFIG, run_cli):
    text = PROGRAMME.replace(OBJECTIVE, "Know the fire assembly point.")
    root = training_project(make_project, VALID_CONFIG, text)
    assert run_cli(["lint", "--ignore", "SOP114"], cwd=root)[0] == 0
    assert run_cli(["lint"], cwd=root)[0] == 1


def test_explain_describes_the_rule():
    rule = rule_by_code("SOP114")
    assert rule.name == "unobservable-objective" and rule.kind == "objective"
    assert "Bad:" in rule.doc and "Good:" in rule.doc


@pytest.mark.parametrize("args", [["--help"], ["brief", "--help"], ["export", "quiz", "--help"], ["lint"]])
def test_training_commands_keep_the_fast_paths_free_of_heavy_imports(args):
    code = ("import sys\nfrom sopgen.cli import app\n"
            f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('weasyprint', 'jinja2', 'markdown') if m in sys.modules))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO).stdout
    assert output.strip().endswith("[]")
