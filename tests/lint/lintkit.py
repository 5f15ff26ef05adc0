"""Builds small projects for the lint tests and lints them through the real engine."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from sopgen.core.config import CONFIG_NAME
from sopgen.pipeline import lint

JOURNEY = [{"id": "door", "name": "Door concierge"}, {"id": "reception", "name": "Reception"}]

BASE_SOP = {
    "id": "door-test",
    "title": "A test SOP",
    "touchpoint": "door",
    "version": "1.0",
    "status": "approved",
    "owner": "Head Door Concierge",
    "approved_by": "Guest Services Manager",
    "purpose": "Guests feel expected from the moment they arrive.",
    "steps": [{"do": "Open the door as guests arrive.", "why": "It shows they were expected."}],
    "cues": [{"notice": "A guest arrives with heavy bags.", "respond": "Offer to carry them in."}],
    "recovery": [{"when": "A guest was kept waiting.", "do": "Apologise and bring them in."}],
}


def write_project(root: Path, sops: list[dict], lint_settings: dict | None = None,
                  programme: dict | None = None) -> Path:
    config = {"organisation": "Test House", "title": "Standards", "journey": JOURNEY}
    if lint_settings:
        config["lint"] = lint_settings
    if programme:
        config["programme"] = "programme.yaml"
        (root / "programme.yaml").write_text(yaml.safe_dump(programme, sort_keys=False, allow_unicode=True),
                                             encoding="utf-8")
    (root / CONFIG_NAME).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    sops_dir = root / "sops"
    sops_dir.mkdir(exist_ok=True)
    for index, sop in enumerate(sops):
        (sops_dir / f"sop-{index}.yaml").write_text(yaml.safe_dump(sop, sort_keys=False, allow_unicode=True),
                                                     encoding="utf-8")
    return root


def sop_with(**overrides) -> dict:
    sop = copy.deepcopy(BASE_SOP)
    sop.update(copy.deepcopy(overrides))
    return sop


def sop_with_step(text: str) -> dict:
    return sop_with(steps=[{"do": text, "why": "It matters to the guest."}])


def programme_with_objective(text: str) -> dict:
    """A one-week programme over BASE_SOP whose only learning objective is ``text``."""
    return {"programmes": [{
        "id": "test-programme", "name": "Test programme", "audience": {"touchpoints": ["door"]},
        "modules": [{"title": "Week one", "sops": [BASE_SOP["id"]], "objectives": [text],
                     "session_minutes": 60, "activities": [{"type": "shadowing", "minutes": 60}],
                     "assessment": {"observed_by": "trainer"}}],
    }]}


def findings(root: Path, select: tuple[str, ...] = ()) -> list:
    result = lint(root, select=select)
    assert not result.invalid, [p.message for p in result.problems if not p.is_lint]
    return result.problems
