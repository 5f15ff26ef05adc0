"""Run the learning-objective rules over a programme file, through the lint engine's reading of sentences."""

from __future__ import annotations

from ..core.problems import Problem, place
from ..lint import Selection, active_rules, wording_hits
from .programme import ProgrammeFile


def lint_objectives(programme_file: ProgrammeFile, selection: Selection) -> list[Problem]:
    rules = active_rules("objective", selection)
    problems: list[Problem] = []
    for ref in programme_file.objectives():
        for rule, start, end, message in wording_hits(ref.text, rules):
            line, column, end_line, end_column = place(ref.span, ref.text, start, end)
            problems.append(rule.finding(programme_file.path, line, column, f"{message} in {ref.label}",
                                         selection.severities[rule.code], None, end_line, end_column))
    return problems
