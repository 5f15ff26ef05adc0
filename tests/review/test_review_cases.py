"""Every review rule's pass and fail cases in tests/review/cases/<CODE>.yaml, run through the review engine.

Library cases are checked by `sopgen check` itself; changes (an SOP before and after) go straight
to the engine's version comparison, which `sopgen check --base` feeds from git.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from sopgen.lint.registry import EVERY_RULE, REVIEW_CODES
from sopgen.pipeline import check, load_project
from sopgen.review.engine import review_versions

CASES = Path(__file__).parent / "cases"
WORDING_CASES = Path(__file__).parents[1] / "lint" / "cases"

BASE_SOP = {
    "id": "door-test", "title": "A test SOP", "touchpoint": "door", "version": "1.0", "status": "approved",
    "owner": "Head Door Concierge", "approved_by": "Guest Services Manager",
    "purpose": "Guests feel expected from the moment they arrive.",
    "steps": [{"do": "Open the door as guests arrive.", "why": "It shows they were expected."}],
    "cues": [{"notice": "A guest arrives with heavy bags.", "respond": "Offer to carry them in."}],
    "recovery": [{"when": "A guest was kept waiting.", "do": "Apologise and bring them in."}],
}
CONFIG = {"organisation": "Test House", "title": "Standards", "journey": [{"id": "door", "name": "Door"}]}


def _specs():
    return [yaml.safe_load(path.read_text(encoding="utf-8")) | {"file": path} for path in sorted(CASES.glob("*.yaml"))]


def _write(root: Path, sops: list[dict]) -> Path:
    (root / "sops").mkdir(parents=True)
    (root / "sopgen.yaml").write_text(yaml.safe_dump(CONFIG, sort_keys=False), encoding="utf-8")
    for index, overrides in enumerate(sops):
        sop = copy.deepcopy(BASE_SOP) | copy.deepcopy(overrides)
        (root / "sops" / f"sop-{index}.yaml").write_text(yaml.safe_dump(sop, sort_keys=False, allow_unicode=True),
                                                         encoding="utf-8")
    return root


def _library_cases():
    for spec in _specs():
        for verdict in ("fail", "pass"):
            for n, library in enumerate(spec.get(verdict, [])):
                yield pytest.param(spec["rule"], library, verdict == "fail", id=f"{spec['rule']}-{verdict}-{n}")


def _change_cases():
    for spec in _specs():
        for verdict in ("fail", "pass"):
            for n, change in enumerate(spec.get(f"{verdict}_change", [])):
                yield pytest.param(spec["rule"], change["before"], change["after"], verdict == "fail",
                                   id=f"{spec['rule']}-{verdict}-change-{n}")


def test_every_rule_in_the_registry_has_a_case_file():
    for rule in EVERY_RULE:
        folder = CASES if rule.code in REVIEW_CODES else WORDING_CASES
        assert (folder / f"{rule.code}.yaml").is_file(), rule.code
    assert {spec["rule"] for spec in _specs()} == REVIEW_CODES
    assert all(spec["file"].stem == spec["rule"] for spec in _specs())


@pytest.mark.parametrize("code, library, should_flag", list(_library_cases()))
def test_review_rule_case(tmp_path, code, library, should_flag):
    result = check(_write(tmp_path, library))
    assert not result.invalid, [p.message for p in result.problems if not p.is_finding]
    flagged = [p for p in result.problems if p.code == code]
    assert bool(flagged) == should_flag, [p.message for p in flagged]


@pytest.mark.parametrize("code, before, after, should_flag", list(_change_cases()))
def test_review_change_case(tmp_path, code, before, after, should_flag):
    [old] = load_project(_write(tmp_path / "before", [before])).sops
    [new] = load_project(_write(tmp_path / "after", [after])).sops
    flagged = review_versions([(old, new)], "main", {code})
    assert bool(flagged) == should_flag, [p.message for p in flagged]
    assert all(p.code == code and p.is_finding for p in flagged)
