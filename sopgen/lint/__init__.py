"""The wording linter: runs the registered rules over SOPs and applies settings and suppressions.

Rules only say what they found and where inside a sentence; the engine stamps
each finding with the rule's code, severity and hint and turns the offset into
a file position, as yamllint's engine does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ..config import LintSettings
from ..models import Sop
from ..problems import Problem, Severity
from .registry import RULES, Rule, rule_by_code
from .text import sentences

HOUSE_PHRASE = "SOP110"
UNUSED_SUPPRESSION = "SOP111"


@dataclass(frozen=True)
class Selection:
    """Which rules run, and at what severity."""

    severities: dict[str, Severity]

    @classmethod
    def from_settings(cls, settings: LintSettings, select: tuple[str, ...] = (),
                      ignore: tuple[str, ...] = ()) -> "Selection":
        chosen = set(select or settings.select or [r.code for r in RULES])
        chosen -= set(settings.ignore) | set(ignore)
        severities = {}
        for rule in RULES:
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

    def report(rule_code: str, key: str, offset: int | None, text: str | None, message: str,
               allow: tuple[str, ...] = (), severity: Severity | None = None, hint: str | None = None,
               length: int = 0) -> None:
        step_key = key.rsplit(".", 1)[0] if key.startswith("steps[") else key
        if suppressions.suppressed(rule_code, allow, step_key):
            return
        rule = rule_by_code(rule_code)
        line, column, end_line, end_column = _position(sop, key, text, offset, length)
        problems.append(Problem(sop.path, line, column, rule.code, rule.name,
                                severity or selection.severities[rule.code], message,
                                hint if hint is not None else rule.hint, end_line, end_column))

    text_rules = active_rules("text", selection)
    for ref in sop.instructions():
        for rule, start, end, message in wording_hits(ref.text, text_rules, settings.allow):
            words = " ".join(ref.text[start:end].split())
            report(rule.code, ref.key, start, ref.text, f"{message} in {ref.label}: '{_shorten(words)}'", ref.allow,
                   length=end - start)
        if selection.active(HOUSE_PHRASE):
            for phrase in settings.flag:
                for match in re.finditer(rf"\b{re.escape(phrase.phrase)}\b", ref.text, re.IGNORECASE):
                    report(HOUSE_PHRASE, ref.key, match.start(), ref.text,
                           f"{phrase.message or f'the house style avoids {phrase.phrase!r}'} in {ref.label}",
                           ref.allow, Severity.parse(phrase.severity), phrase.hint or None,
                           length=match.end() - match.start())
    for rule in RULES:
        if rule.kind == "sop" and selection.active(rule.code):
            for key, message in rule.check(sop, settings):
                report(rule.code, key, None, None, message, _step_allow(sop, key))
    if selection.active(UNUSED_SUPPRESSION):
        problems += _unused_suppressions(sop, suppressions, selection)
    return problems


def _shorten(words: str, limit: int = 60) -> str:
    return words if len(words) <= limit else words[:limit - 1].rstrip() + "…"


def _step_allow(sop: Sop, key: str) -> tuple[str, ...]:
    match = re.match(r"steps\[(\d+)\]", key)
    return sop.steps[int(match.group(1))].allow if match else ()


def _unused_suppressions(sop: Sop, suppressions: _Suppressions, selection: Selection) -> list[Problem]:
    unused = []
    candidates = [("lint.ignore", f"lint.ignore[{i}]", code, "this SOP's lint ignore list")
                  for i, code in enumerate(sop.lint.ignore)]
    for s, step in enumerate(sop.steps):
        candidates += [(f"steps[{s}]", f"steps[{s}].allow[{i}]", code, f"step {s + 1}'s allow list")
                       for i, code in enumerate(step.allow)]
    for scope, key, code, where in candidates:
        if (scope, code) in suppressions.used or not selection.active(code):
            continue
        line, column, *_ = _position(sop, key, None, None, 0)
        rule = rule_by_code(UNUSED_SUPPRESSION)
        unused.append(Problem(sop.path, line, column, rule.code, rule.name,
                              selection.severities[rule.code],
                              f"{code} in {where} suppresses nothing", rule.hint))
    return unused


def _position(sop: Sop, key: str, text: str | None, offset: int | None, length: int) -> tuple[int, int, int, int]:
    span = sop.span(key)
    if span is None:
        return 1, 1, 0, 0
    if text is None or offset is None:
        return span.line, span.column, 0, 0
    if not length:
        return (*span.locate(text, offset), 0, 0)
    return span.locate_range(text, offset, offset + length)


__all__ = ["RULES", "Rule", "Selection", "active_rules", "lint_sop", "rule_by_code", "wording_hits"]
