"""Every place that reports a problem at a key of a file uses one rule for where: the key's value, else 1:1."""

from __future__ import annotations

from types import SimpleNamespace

from sopgen.core.problems import Kind, Severity, error_at, position


def test_a_problem_at_a_key_points_at_its_value():
    problem = error_at("sops/a.yaml", SimpleNamespace(line=7, column=12), "SOP013", "date-order", "too early", "move it")
    assert (problem.line, problem.column, problem.severity, problem.kind) == (7, 12, Severity.ERROR, Kind.VALIDATION)
    assert problem.location() == "sops/a.yaml:7:12"


def test_a_problem_at_a_key_the_file_does_not_have_points_at_the_top_of_the_file():
    assert position(None) == (1, 1)
    assert error_at("sops/a.yaml", None, "SOP013", "date-order", "too early").location() == "sops/a.yaml:1:1"

