"""Observation audits and the targets they are measured against: every mistake, where it is."""

from __future__ import annotations

import pytest

from sopgen.core.project import load_config
from sopgen.pipeline import load_project
from sopgen.quality.audits import load_audits

AUDIT = """\
date: 2026-09-02
touchpoint: door
observer: Helen Marsh, Guest Services Manager
results:
  - item: Entrance, glass and handles clean before the doors open
    sop: door-welcome-arrivals
    result: met
  - item: Watch the approach so you see guests before they reach the door.
    sop: door-welcome-arrivals
    weight: 2
    result: not met
    note: Two guests reached the door before anyone looked up.
  - item: Key cabinet locked and key log up to date
    critical: true
    result: n/a
"""


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} should appear once"
    return text.replace(old, new)


@pytest.fixture
def audits_of(make_project, monkeypatch):
    """Load ``files`` (paths under audits/) in a project holding VALID_SOP; return (audits, problems as shown)."""
    def run(files: dict[str, str]):
        root = make_project()
        for name, text in files.items():
            path = root / "audits" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        monkeypatch.chdir(root)
        project = load_project(root)
        audits, problems = load_audits(project.config, project.sops)
        return audits, [f"{p.location()}: {p.message}" for p in problems]

    return run


def test_a_valid_audit_is_read_with_weights_critical_flags_and_notes(audits_of):
    audits, problems = audits_of({"door/2026-09-02.yaml": AUDIT})

    assert problems == []
    [audit] = audits
    assert (audit.touchpoint, audit.observer, audit.path) == (
        "door", "Helen Marsh, Guest Services Manager", "audits/door/2026-09-02.yaml")
    assert [(r.result, r.weight, r.critical, r.sop) for r in audit.results] == [
        ("met", 1, False, "door-welcome-arrivals"), ("not met", 2, False, "door-welcome-arrivals"),
        ("n/a", 1, True, None)]
    assert audit.results[1].note == "Two guests reached the door before anyone looked up."


def test_audits_come_oldest_first_whatever_their_file_names(audits_of):
    audits, _ = audits_of({"a.yaml": edit(AUDIT, "2026-09-02", "2026-09-16"), "b.yaml": AUDIT})
    assert [a.date.day for a in audits] == [2, 16]


def test_a_project_without_an_audits_folder_has_no_audits(audits_of):
    assert audits_of({}) == ([], [])


def test_a_result_that_is_not_met_not_met_or_na_is_reported_with_a_suggestion(audits_of):
    _, problems = audits_of({"door.yaml": edit(AUDIT, "result: not met", "result: not-met")})
    assert problems == ["audits/door.yaml:11:13: 'result' in result 2 is 'not-met', which is not one of: "
                        "met, not met, n/a (did you mean 'not met'?)"]


def test_an_unknown_touchpoint_and_an_unknown_sop_are_reported(audits_of):
    text = edit(edit(AUDIT, "touchpoint: door", "touchpoint: doors"),
                "    sop: door-welcome-arrivals\n    result: met", "    sop: door-welcome\n    result: met")
    _, problems = audits_of({"door.yaml": text})
    assert problems == [
        "audits/door.yaml:2:13: touchpoint 'doors' is not in the journey (did you mean 'door'?)",
        "audits/door.yaml:6:10: result 1 names SOP 'door-welcome', which is not in the library "
        "(did you mean 'door-welcome-arrivals'?)",
    ]


def test_a_weight_below_one_is_reported(audits_of):
    _, problems = audits_of({"door.yaml": edit(AUDIT, "weight: 2", "weight: 0")})
    assert problems == ["audits/door.yaml:10:13: result 2 has weight 0; weights start at 1"]


def test_an_audit_without_results_is_reported(audits_of):
    text = AUDIT.split("results:")[0] + "results: []\n"
    _, problems = audits_of({"door.yaml": text})
    assert problems == ["audits/door.yaml:4:10: 'results' is an empty list"]


# ---------------------------------------------------------------------------- targets and milestones in sopgen.yaml

def config_problems(make_project, VALID_CONFIG, extra: str) -> list[str]:
    from sopgen.core.errors import ConfigError

    root = make_project(config=VALID_CONFIG + extra)
    try:
        load_config(root)
    except ConfigError as error:
        return [f"{p.line}:{p.column}: {p.message}" for p in error.problems]
    return []


def test_targets_and_milestones_are_read(make_project, VALID_CONFIG):
    root = make_project(config=VALID_CONFIG + "targets:\n  door: 90\nmilestones:\n"
                                              "  - {touchpoint: door, date: 2026-12-31, target: 85}\n")
    config = load_config(root)
    assert config.targets == {"door": 90}
    assert [(m.touchpoint, m.date.isoformat(), m.target) for m in config.milestones] == [("door", "2026-12-31", 85)]


def test_a_target_for_an_unknown_touchpoint_is_reported_at_its_key(make_project, VALID_CONFIG):
    line = VALID_CONFIG.count("\n") + 3
    assert config_problems(make_project, VALID_CONFIG, "targets:\n  door: 90\n  recepton: 85\n") == [
        f"{line}:3: touchpoint 'recepton' is not in the journey (did you mean 'reception'?)"]


def test_a_target_outside_0_to_100_is_reported(make_project, VALID_CONFIG):
    line = VALID_CONFIG.count("\n") + 2
    assert config_problems(make_project, VALID_CONFIG, "targets:\n  door: 120\n") == [
        f"{line}:9: the target 120 for 'door' is not a score from 0 to 100"]


def test_a_milestone_for_an_unknown_touchpoint_or_without_a_date_is_reported(make_project, VALID_CONFIG):
    line = VALID_CONFIG.count("\n") + 2
    extra = "milestones:\n  - {touchpoint: dor, date: 2026-12-31, target: 85}\n  - {touchpoint: door, target: 85}\n"
    assert config_problems(make_project, VALID_CONFIG, extra) == [
        f"{line + 1}:5: missing required field 'date' in milestone 2",
        f"{line}:18: touchpoint 'dor' is not in the journey (did you mean 'door'?)",
    ]
