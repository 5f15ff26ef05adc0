"""lint: settings in sopgen.yaml, per-SOP ignores and per-step allows."""

from __future__ import annotations

from sopgen.pipeline import lint

from .lintkit import findings, sop_with, sop_with_step, write_project

ROBOTIC = "Always offer the guest a bottle of water at check-in."


def codes(root, **kwargs):
    return [p.code for p in lint(root, **kwargs).problems]


def test_ignore_in_config_turns_a_rule_off(tmp_path):
    write_project(tmp_path, [sop_with_step(ROBOTIC)], {"ignore": ["SOP105"]})
    assert "SOP105" not in codes(tmp_path)


def test_select_in_config_runs_only_those_rules(tmp_path):
    write_project(tmp_path, [sop_with_step(ROBOTIC + " Say exactly 'Hello'.")], {"select": ["SOP101"]})
    assert set(codes(tmp_path)) == {"SOP101"}


def test_command_line_select_and_ignore(tmp_path):
    write_project(tmp_path, [sop_with_step(ROBOTIC + " Say exactly 'Hello'.")])
    assert set(codes(tmp_path, select=("SOP105",))) == {"SOP105"}
    assert "SOP105" not in codes(tmp_path, ignore=("SOP105",))


def test_severity_override_changes_the_reported_severity(tmp_path):
    write_project(tmp_path, [sop_with_step(ROBOTIC)], {"severity": {"SOP105": "error"}})
    [problem] = [p for p in lint(tmp_path).problems if p.code == "SOP105"]
    assert problem.severity.label == "error"


def test_severity_off_disables_a_rule(tmp_path):
    write_project(tmp_path, [sop_with_step(ROBOTIC)], {"severity": {"SOP105": "off"}})
    assert "SOP105" not in codes(tmp_path)


def test_allowed_phrase_is_never_flagged(tmp_path):
    write_project(tmp_path, [sop_with_step("Keep the always-on screen showing today's meetings.")],
                  {"allow": ["always-on"]})
    assert codes(tmp_path) == []


def test_house_phrase_uses_its_own_message_and_severity(tmp_path):
    write_project(tmp_path, [sop_with_step("Set the room as per the booking.")],
                  {"flag": [{"phrase": "as per", "message": "'as per' is office jargon", "severity": "info"}]})
    [problem] = lint(tmp_path).problems
    assert problem.code == "SOP110" and problem.severity.label == "info"
    assert "office jargon" in problem.message


def test_house_phrase_may_be_a_plain_string(tmp_path):
    write_project(tmp_path, [sop_with_step("Set the room as per the booking.")], {"flag": ["as per"]})
    assert codes(tmp_path) == ["SOP110"]


def test_per_sop_ignore_suppresses_the_rule_in_that_sop_only(tmp_path):
    quiet = sop_with(id="door-quiet", steps=[{"do": ROBOTIC, "why": "w"}], lint={"ignore": ["SOP105"]})
    loud = sop_with(id="door-loud", steps=[{"do": ROBOTIC, "why": "w"}])
    write_project(tmp_path, [quiet, loud])
    flagged_paths = {p.path for p in lint(tmp_path).problems if p.code == "SOP105"}
    assert flagged_paths == {"sops/sop-1.yaml"} or all(p.endswith("sop-1.yaml") for p in flagged_paths)


def test_step_allow_with_reason_suppresses_that_step(tmp_path):
    sop = sop_with(steps=[{"do": ROBOTIC, "why": "w", "allow": ["SOP105"], "reason": "The chairman's rule."}])
    write_project(tmp_path, [sop])
    assert codes(tmp_path) == []


def test_unused_suppression_is_reported_at_the_code(tmp_path):
    sop = sop_with(steps=[{"do": "Offer a seat.", "why": "w", "allow": ["SOP105"], "reason": "old"}])
    write_project(tmp_path, [sop])
    [problem] = lint(tmp_path).problems
    assert problem.code == "SOP111"
    assert "SOP105" in problem.message
    text = (tmp_path / "sops" / "sop-0.yaml").read_text().splitlines()
    assert "SOP105" in text[problem.line - 1]


def test_max_steps_is_configurable(tmp_path):
    steps = [{"do": f"Do thing {n}.", "why": "w"} for n in range(5)]
    write_project(tmp_path, [sop_with(steps=steps)], {"max_steps": 4})
    assert codes(tmp_path) == ["SOP109"]


def test_finding_points_at_the_offending_words(tmp_path):
    write_project(tmp_path, [sop_with_step("Open the door and always smile.")])
    [problem] = [p for p in lint(tmp_path).problems if p.code == "SOP105"]
    line = (tmp_path / "sops" / "sop-0.yaml").read_text().splitlines()[problem.line - 1]
    assert line[problem.column - 1:].startswith("always")


def test_finding_in_a_folded_block_points_at_the_right_line(tmp_path):
    (tmp_path / "sops").mkdir()
    write_project(tmp_path, [])
    (tmp_path / "sops" / "folded.yaml").write_text(
        "id: door-folded\ntitle: T\ntouchpoint: door\nversion: '1'\nstatus: draft\nowner: O\npurpose: P\n"
        "steps:\n  - do: >\n      Lead the visitor to the room and keep\n      no closer than two feet.\n"
        "    why: W\ncues:\n  - notice: N\n    respond: R\nrecovery:\n  - when: W\n    do: D\n",
        encoding="utf-8")
    [problem] = [p for p in lint(tmp_path).problems if p.code == "SOP102"]
    assert (problem.line, problem.column) == (11, 22)


def test_example_library_has_no_findings():
    from pathlib import Path
    result = lint(Path(__file__).resolve().parents[2])
    assert result.files >= 14
    assert result.problems == []
