"""Every rule's pass and fail cases in tests/lint/cases/<CODE>.yaml, run by one parametrised test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .lintkit import BASE_SOP, findings, programme_with_objective, sop_with, sop_with_step, write_project

CASES_DIR = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        code = spec["rule"]
        assert code == path.stem, f"{path.name} must name rule {path.stem}"
        config = spec.get("config")
        for text in spec.get("fail", []):
            yield pytest.param(code, sop_with_step(text), config, True, id=f"{code}-fail-{text[:40]}")
        for text in spec.get("pass", []):
            yield pytest.param(code, sop_with_step(text), config, False, id=f"{code}-pass-{text[:40]}")
        for n, overrides in enumerate(spec.get("fail_sop", [])):
            yield pytest.param(code, sop_with(**overrides), config, True, id=f"{code}-fail-sop-{n}")
        for n, overrides in enumerate(spec.get("pass_sop", [])):
            yield pytest.param(code, sop_with(**overrides), config, False, id=f"{code}-pass-sop-{n}")


@pytest.mark.parametrize("code, sop, config, should_flag", list(_cases()))
def test_rule_case(tmp_path, code, sop, config, should_flag):
    root = write_project(tmp_path, [sop], config)
    flagged = [p for p in findings(root) if p.code == code]
    if should_flag:
        assert flagged, f"{code} should flag this SOP"
    else:
        assert not flagged, f"{code} should not flag: {[p.message for p in flagged]}"


def _objective_cases():
    """Learning objectives (in programme.yaml) for the objective rules: fail_objective / pass_objective."""
    for path in sorted(CASES_DIR.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for text in spec.get("fail_objective", []):
            yield pytest.param(spec["rule"], text, True, id=f"{spec['rule']}-fail-{text[:40]}")
        for text in spec.get("pass_objective", []):
            yield pytest.param(spec["rule"], text, False, id=f"{spec['rule']}-pass-{text[:40]}")


@pytest.mark.parametrize("code, objective, should_flag", list(_objective_cases()))
def test_objective_case(tmp_path, code, objective, should_flag):
    root = write_project(tmp_path, [BASE_SOP], programme=programme_with_objective(objective))
    flagged = [p for p in findings(root) if p.code == code]
    if should_flag:
        assert flagged, f"{code} should flag this objective"
        assert all(p.path.endswith("programme.yaml") for p in flagged)
    else:
        assert not flagged, f"{code} should not flag: {[p.message for p in flagged]}"
