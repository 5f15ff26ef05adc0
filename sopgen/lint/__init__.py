"""The wording linter: runs the registered rules over SOPs and applies settings and suppressions.

Rules only say what they found and where inside a sentence; the engine stamps
each finding with the rule's code, severity and hint and turns the offset into
a file position, as yamllint's engine does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ..core.config import LintSettings
from ..core.models import Sop
from ..core.problems import Problem, Severity, place
from .registry import RULES, Rule
from .text import sentences

@dataclass(frozen=True)
class Selection:
    """Which rules run, and at what severity."""

    severities: dict[str, Severity]

    @classmethod
    def from_settings(cls, settings: LintSettings, select: tuple[str, ...] = (),
                      ignore: tuple[str, ...] = (), rules: tuple[Rule, ...] = RULES) -> "Selection":
        """The ``rules`` chosen by --select and --ignore, or else by the settings; codes of other rules pick none."""
        chosen = set(select or settings.select or [r.code for r in rules])
        chosen -= set(settings.ignore) | set(ignore)
        severities = {}
        for rule in rules:
            level = settings.severity.get(rule.code)
            if rule.code not in chosen or level == "off":
                continue
            severities[rule.code] = Severity.parse(level) if level else rule.severity
        return cls(severities)

    def active(self, code: str) -> bool:
        return code in self.severities


@dataclass
class _Suppressions:
    """Per-SOP `lint: {ignore: [...]}` and per-step `allow: [...]`, remembering which were used."""

    sop: Sop
    used: set[tuple[str, str]] = field(default_factory=set)

    def suppressed(self, code: str, allow: tuple[str, ...], key: str) -> bool:
        if code in self.sop.lint.ignore:
            self.used.add(("lint.ignore", code))
            return True
        if code in allow:
            self.used.add((key, code))
            return True
        return False


def active_rules(kind: str, selection: Selection) -> list[Rule]:
    return [rule for rule in RULES if rule.kind == kind and selection.active(rule.code)]


def wording_hits(text: str, rules: list[Rule], allowed: tuple[str, ...] = ()) -> Iterator[tuple[Rule, int, int, str]]:
    """What each sentence-reading rule finds in ``text``: the rule, the offsets in the text as written, the message.

    One finding per rule per sentence, the first; SOP instructions and programme objectives are both read
    this way.
    """
    for sentence in sentences(text, allowed):
        for rule in rules:
            if not rule.applies(sentence):
                continue
            hit = next(iter(rule.check(sentence)), None)
            if hit is not None:
                start, end = sentence.original_span(hit.start, hit.end)
                yield rule, start, end, hit.message or rule.message


def lint_sop(sop: Sop, settings: LintSettings, selection: Selection) -> list[Problem]:
    problems: list[Problem] = []
    suppressions = _Suppressions(sop)

    def report(rule: Rule, key: str, offset: int | None, text: str | None, message: str,
               allow: tuple[str, ...] = (), severity: Severity | None = None, hint: str | None = None,
               length: int = 0) -> None:
        step_key = key.rsplit(".", 1)[0] if key.startswith("steps[") else key
        if suppressions.suppressed(rule.code, allow, step_key):
            return
        line, column, end_line, end_column = place(sop.span(key), text, offset,
                                                   None if offset is None else offset + length)
        problems.append(rule.finding(sop.path, line, column, message, severity or selection.severities[rule.code],
                                     hint, end_line, end_column))

    text_rules = active_rules("text", selection)
    house_rules = active_rules("config", selection)
    for ref in sop.instructions():
        for rule, start, end, message in wording_hits(ref.text, text_rules, settings.allow):
            words = " ".join(ref.text[start:end].split())
            report(rule, ref.key, start, ref.text, f"{message} in {ref.label}: '{_shorten(words)}'", ref.allow,
                   length=end - start)
        for rule in house_rules:
            for start, end, message, severity, hint in rule.check(ref, settings):
                report(rule, ref.key, start, ref.text, message, ref.allow, severity, hint, length=end - start)
    for rule in active_rules("sop", selection):
        for key, message in rule.check(sop, settings):
            report(rule, key, None, None, message, _step_allow(sop, key))
    for rule in active_rules("engine", selection):   # after every other rule: it reads which suppressions were used
        for key, message in rule.check(sop, suppressions.used, selection.active):
            line, column, *_ = place(sop.span(key))
            problems.append(rule.finding(sop.path, line, column, message, selection.severities[rule.code]))
    return problems


def _shorten(words: str, limit: int = 60) -> str:
    return words if len(words) <= limit else words[:limit - 1].rstrip() + "…"


def _step_allow(sop: Sop, key: str) -> tuple[str, ...]:
    match = re.match(r"steps\[(\d+)\]", key)
    return sop.steps[int(match.group(1))].allow if match else ()


__all__ = ["RULES", "Rule", "Selection", "active_rules", "lint_sop", "wording_hits"]
