"""Run the learning-objective rules over a programme file, as the lint engine runs SOP rules over SOPs."""

from __future__ import annotations

from ..lint import Selection
from ..lint.registry import RULES
from ..lint.text import sentences
from ..problems import Problem
from .programme import ProgrammeFile


def lint_objectives(programme_file: ProgrammeFile, selection: Selection) -> list[Problem]:
    rules = [rule for rule in RULES if rule.kind == "objective" and selection.active(rule.code)]
    problems: list[Problem] = []
    for ref in programme_file.objectives():
        for sentence in sentences(ref.text):
            for rule in rules:
                if not rule.applies(sentence):
                    continue
                hit = next(iter(rule.check(sentence)), None)
                if hit is None:
                    continue
                start, end = sentence.original_span(hit.start, hit.end)
                line, column, end_line, end_column = (ref.span.locate_range(ref.text, start, end) if ref.span
                                                      else (1, 1, 0, 0))
                problems.append(Problem(programme_file.path, line, column, rule.code, rule.name,
                                        selection.severities[rule.code],
                                        f"{hit.message or rule.message} in {ref.label}", rule.hint,
                                        end_line, end_column))
    return problems
