"""`sopgen check` without git: validation, wording, references between SOPs and duplicate ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from sopgen.lint.registry import REVIEW_RULES as CHECKS, rule_infos

REPO = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def sop_text(valid_sop: str, sop_id: str, *, status: str = "approved", supersedes: tuple[str, ...] = ()) -> str:
    text = valid_sop.replace("id: door-welcome-arrivals", f"id: {sop_id}", 1)
    text = text.replace("status: approved ", f"status: {status} ", 1)
    if supersedes:
        text += "supersedes:\n" + "".join(f"  - {target}\n" for target in supersedes)
    return text


def line_of(text: str, fragment: str) -> int:
    return text.splitlines().index(fragment) + 1


def test_unknown_reference_is_reported_at_the_entry_with_a_suggestion(make_project, run_cli, VALID_SOP):
    new = sop_text(VALID_SOP, "door-welcome-new", supersedes=("door-welcome-arival",))
    root = make_project({"door/welcome-arrivals.yaml": VALID_SOP, "door/new.yaml": new})
    code, out, err = run_cli(["check"], cwd=root)
    line = line_of(new, "  - door-welcome-arival")
    assert f"sops/door/new.yaml:{line}:5: SOP201 error supersedes 'door-welcome-arival', which is not the id " \
           f"of any SOP (did you mean 'door-welcome-arrivals'?)" in out
    assert code == 1, err


def test_superseded_sop_that_is_not_retired_is_a_warning_at_its_status(make_project, run_cli, VALID_SOP):
    new = sop_text(VALID_SOP, "door-welcome-new", supersedes=("door-welcome-arrivals",))
    root = make_project({"door/welcome-arrivals.yaml": VALID_SOP, "door/new.yaml": new})
    code, out, _ = run_cli(["check"], cwd=root)
    line = line_of(VALID_SOP, "status: approved              # draft | approved | retired")
    assert f"sops/door/welcome-arrivals.yaml:{line}:9: SOP202 warning 'door-welcome-arrivals' is superseded by " \
           f"'door-welcome-new' (sops/door/new.yaml) but its status is 'approved'" in out
    assert code == 1
    assert run_cli(["check", "--fail-on", "error"], cwd=root)[0] == 0


@pytest.mark.parametrize("new_status, old_status", [("draft", "approved"), ("approved", "retired")])
def test_no_warning_while_the_new_sop_is_a_draft_or_once_the_old_one_is_retired(
        make_project, run_cli, VALID_SOP, new_status, old_status):
    new = sop_text(VALID_SOP, "door-welcome-new", status=new_status, supersedes=("door-welcome-arrivals",))
    old = sop_text(VALID_SOP, "door-welcome-arrivals", status=old_status)
    root = make_project({"door/welcome-arrivals.yaml": old, "door/new.yaml": new})
    code, out, _ = run_cli(["check"], cwd=root)
    assert "SOP202" not in out
    assert code == 0, out


def test_duplicate_ids_are_invalid_input(make_project, run_cli, VALID_SOP):
    root = make_project({"door/a.yaml": VALID_SOP, "door/b.yaml": VALID_SOP})
    code, out, _ = run_cli(["check"], cwd=root)
    assert "sops/door/b.yaml:1:5: SOP011 error SOP id 'door-welcome-arrivals' is already used by sops/door/a.yaml" \
           in out
    assert code == 2


def test_check_reports_what_lint_reports(make_project, run_cli, VALID_SOP):
    wordy = VALID_SOP.replace("Watch the approach", "Always watch the approach")
    broken = sop_text(VALID_SOP, "door-broken").replace("status: approved", "status: aproved")
    root = make_project({"door/welcome-arrivals.yaml": wordy, "door/broken.yaml": broken})
    _, lint_out, _ = run_cli(["lint"], cwd=root)
    code, out, _ = run_cli(["check"], cwd=root)
    assert "SOP105" in out and "SOP010" in out
    assert out == lint_out
    assert code == 2


def test_a_reference_to_an_invalid_sop_is_not_called_unknown(make_project, run_cli, VALID_SOP):
    old = VALID_SOP.replace("status: approved", "status: aproved")
    new = sop_text(VALID_SOP, "door-welcome-new", status="draft", supersedes=("door-welcome-arrivals",))
    root = make_project({"door/welcome-arrivals.yaml": old, "door/new.yaml": new})
    _, out, _ = run_cli(["check"], cwd=root)
    assert "SOP201" not in out


def test_select_and_ignore_apply_to_rules_and_review_checks(make_project, run_cli, VALID_SOP):
    new = sop_text(VALID_SOP.replace("Watch the approach", "Always watch the approach"), "door-welcome-new",
                   supersedes=("door-welcome-arrivals", "nowhere"))
    root = make_project({"door/welcome-arrivals.yaml": VALID_SOP, "door/new.yaml": new})
    _, out, _ = run_cli(["check", "--select", "SOP201"], cwd=root)
    assert "SOP201" in out and "SOP202" not in out and "SOP105" not in out
    _, out, _ = run_cli(["check", "--select", "SOP105,SOP202"], cwd=root)
    assert "SOP105" in out and "SOP202" in out and "SOP201" not in out
    _, out, _ = run_cli(["check", "--ignore", "sop201", "--ignore", "SOP105"], cwd=root)
    assert "SOP202" in out and "SOP201" not in out and "SOP105" not in out


def test_an_unknown_code_is_a_usage_error(make_project, run_cli):
    code, _, err = run_cli(["check", "--select", "SOP299"], cwd=make_project())
    assert code == 2
    assert "unknown code SOP299" in err and "SOP201" in err


def test_paths_limit_which_sops_are_reported_but_references_see_the_library(make_project, run_cli, VALID_SOP):
    new = sop_text(VALID_SOP, "door-welcome-new", status="draft", supersedes=("door-welcome-arrivals",))
    wordy = VALID_SOP.replace("Watch the approach", "Always watch the approach")
    root = make_project({"door/welcome-arrivals.yaml": wordy, "door/new.yaml": new})
    code, out, _ = run_cli(["check", "sops/door/new.yaml"], cwd=root)
    assert code == 0, out
    assert "1 file checked: no problems found" in out


def test_json_and_github_formats(make_project, run_cli, VALID_SOP):
    new = sop_text(VALID_SOP, "door-welcome-new", supersedes=("nowhere",))
    root = make_project({"door/welcome-arrivals.yaml": VALID_SOP, "door/new.yaml": new})
    data = json.loads(run_cli(["check", "--format", "json"], cwd=root)[1])
    assert [(f["rule"], f["name"], f["severity"]) for f in data["findings"]] == \
           [("SOP201", "unknown-reference", "error")]
    assert data["summary"]["files"] == 2
    _, out, _ = run_cli(["check"], cwd=root, env={"GITHUB_ACTIONS": "true"})
    assert out.startswith("::error file=sops/door/new.yaml,line=")
    assert "title=SOP201 unknown-reference::" in out


def test_sarif_output_is_valid_and_describes_the_review_checks(make_project, run_cli, VALID_SOP):
    new = sop_text(VALID_SOP, "door-welcome-new", supersedes=("nowhere", "door-welcome-arrivals"))
    root = make_project({"door/welcome-arrivals.yaml": VALID_SOP, "door/new.yaml": new})
    code, out, _ = run_cli(["check", "--format", "sarif"], cwd=root)
    log = json.loads(out)
    jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert {"SOP101", "SOP201", "SOP202", "SOP203", "SOP204"} <= set(rules)
    assert "Bad:" in rules["SOP201"]["help"]["text"]
    assert rules["SOP202"]["defaultConfiguration"]["level"] == "warning"
    assert sorted(result["ruleId"] for result in run["results"]) == ["SOP201", "SOP202"]
    assert code == 1


def test_the_example_library_passes_the_check(run_cli):
    code, out, err = run_cli(["check", "--project", REPO], cwd=REPO)
    assert code == 0, out + err


def test_every_review_check_documents_itself_with_a_bad_and_a_good_example():
    codes = [check.code for check in CHECKS]
    assert codes == sorted(set(codes)) and all(code.startswith("SOP2") for code in codes)
    for check in CHECKS:
        assert check.summary and check.hint, check.code
        assert "\nBad: " in check.doc and "\nGood: " in check.doc, check.code
    assert [info.code for info in rule_infos(CHECKS)] == codes


def test_a_story_link_that_build_would_refuse_stops_the_check_too(make_project, run_cli, VALID_SOP):
    broken = VALID_SOP.replace("    respond: Take the bags first so the parents have their hands free.",
                               "    respond: Take the bags first so the parents have their hands free.\n"
                               "    story: the-missing-story")
    assert broken != VALID_SOP
    root = make_project({"door/welcome.yaml": broken})
    code, out, _ = run_cli(["check"], cwd=root)
    assert code == 2
    assert "story 'the-missing-story'" in out


@pytest.mark.parametrize("text, described", [
    ("Offer\u200b help", "a zero-width space (U+200B)"),
    ("Offer help\u00ad with", "a soft hyphen (U+00AD)"),
    ("Offer \u202egnikcats\u202c help", "a bidirectional control (RIGHT-TO-LEFT OVERRIDE) (U+202E)"),
    ("Ask for the guest's p\u0430ssport", "the word 'p\u0430ssport', which mixes Cyrillic and Latin letters"),
])
def test_check_warns_of_hidden_characters_and_look_alike_letters(make_project, run_cli, VALID_SOP, text, described):
    root = make_project({"door/welcome-arrivals.yaml": VALID_SOP.replace("Offer help", text, 1)})

    code, out, err = run_cli(["check", "--select", "SOP205"], cwd=root)

    assert code == 1, out + err
    assert re.search(r"welcome-arrivals\.yaml:\d+:\d+: SOP205 warning contains " + re.escape(described), out), out


def test_emoji_joined_by_a_zero_width_joiner_are_not_reported(make_project, run_cli, VALID_SOP):
    root = make_project({"door/welcome-arrivals.yaml": VALID_SOP.replace(
        "Offer help", "Offer help to families \U0001F468\u200d\U0001F469\u200d\U0001F467", 1)})

    code, out, err = run_cli(["check", "--select", "SOP205"], cwd=root)

    assert code == 0, out + err
