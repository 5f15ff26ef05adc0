"""`--statistics`: how many findings each rule or check produced, most frequent first."""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterable

from ..core.problems import Problem, Summary


def rule_counts(problems: Iterable[Problem]) -> list[tuple[str, str, str, int]]:
    """(code, name, severity, count) for every code found, most frequent first, then by code."""
    counts = Counter((p.code, p.rule, p.severity.label) for p in problems)
    return sorted(((code, name, severity, count) for (code, name, severity), count in counts.items()),
                  key=lambda row: (-row[3], row[0], row[2]))


def format_statistics_text(problems: Iterable[Problem], summary: Summary) -> str:
    from .report import summary_line

    rows = rule_counts(problems)
    width = max((len(str(row[3])) for row in rows), default=1)
    name_width = max((len(row[1]) for row in rows), default=0)
    lines = [f"{count:>{width}}  {code}  {name:<{name_width}}  {severity}" for code, name, severity, count in rows]
    lines.append(summary_line(summary))
    return "\n".join(lines) + "\n"


def format_statistics_json(problems: Iterable[Problem], summary: Summary) -> str:
    rows = [{"rule": code, "name": name, "severity": severity, "count": count}
            for code, name, severity, count in rule_counts(problems)]
    return json.dumps({"statistics": rows, "summary": summary.as_dict()}, indent=2) + "\n"
