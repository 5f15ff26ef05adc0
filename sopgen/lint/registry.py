"""The explicit list of rules, every finding kind in one registry. A rule is a module; this wraps it with its metadata.

RULES are the wording rules `sopgen lint` runs (SOP1xx); REVIEW_RULES are the checks
across SOP files and against a previous version that `sopgen check` adds (SOP2xx).
EVERY_RULE is both: what `sopgen rules`, `sopgen explain`, SARIF rule metadata and
the editor's explanations read. Each rule's findings are stamped by ``Rule.finding``.
"""

from __future__ import annotations

import inspect
import re
from types import ModuleType

from ..core.problems import Kind, Problem, Severity
from .rules import (absolute, choreography, emotion, empty_why, hidden_text, house_phrase, legalese, missing_cues,
                    missing_recovery, missing_why, object_language, revision_missing, scripted_speech,
                    social_timing, superseded_not_retired, too_many_steps, unknown_reference,
                    unobservable_objective, unused_suppression, version_not_bumped)

RULE_MODULES: tuple[ModuleType, ...] = (
    scripted_speech, choreography, social_timing, emotion, absolute, legalese, object_language,
    missing_why, too_many_steps, house_phrase, unused_suppression, missing_recovery, missing_cues,
    unobservable_objective, empty_why,
)
REVIEW_MODULES: tuple[ModuleType, ...] = (
    unknown_reference, superseded_not_retired, version_not_bumped, revision_missing, hidden_text,
)


class Rule:
    """A rule module with its metadata read once."""

    def __init__(self, module: ModuleType):
        self.module = module
        self.code: str = module.CODE
        self.name: str = module.NAME
        self.severity = Severity.parse(module.SEVERITY)
        self.kind: str = module.KIND
        self.message: str = module.MESSAGE
        self.hint: str = module.HINT
        self.doc = inspect.cleandoc(module.__doc__ or "")
        self._keywords: frozenset[str] | None = getattr(module, "KEYWORDS", None)
        self._reads_quotes: bool = getattr(module, "READS_QUOTES", False)
        self._may_apply = getattr(module, "may_apply", None)   # a finer pre-check than keywords alone
        self._check = getattr(module, "check", None)

    def __repr__(self) -> str:
        return f"Rule({self.code} {self.name})"

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.name

    def example(self, label: str) -> str:
        """The text after 'Bad:' or 'Good:' in the docstring."""
        match = re.search(rf"^{label}:\s*(.+?)\s*$", self.doc, re.MULTILINE)
        return match.group(1) if match else ""

    def applies(self, sentence) -> bool:
        """The rule's cheap pre-check: one of its keywords is in the sentence (or it quotes speech)."""
        if self._keywords is None:
            return True
        if self._may_apply is not None:
            return self._may_apply(sentence)
        return not self._keywords.isdisjoint(sentence.words) or (self._reads_quotes and bool(sentence.quotes))

    def check(self, *args):
        return self._check(*args) if self._check else ()

    def finding(self, path: str, line: int, column: int, message: str, severity: Severity | None = None,
                hint: str | None = None, end_line: int = 0, end_column: int = 0) -> Problem:
        """A finding of this rule, stamped with its code, name and kind, and its default severity and hint."""
        return Problem(path, line, column, self.code, self.name, severity or self.severity, message,
                       self.hint if hint is None else hint, end_line, end_column, Kind.FINDING)

    def info(self):
        """How the report formats describe this rule (SARIF rule help, for instance)."""
        from ..formats.report import RuleInfo

        return RuleInfo(self.code, self.name, self.summary, self.doc, self.severity)


RULES: tuple[Rule, ...] = tuple(Rule(module) for module in RULE_MODULES)
REVIEW_RULES: tuple[Rule, ...] = tuple(Rule(module) for module in REVIEW_MODULES)
EVERY_RULE: tuple[Rule, ...] = RULES + REVIEW_RULES
_BY_CODE = {rule.code: rule for rule in EVERY_RULE}
_WORDING_CODES = frozenset(rule.code for rule in RULES)
REVIEW_CODES = frozenset(rule.code for rule in REVIEW_RULES)


def rule_by_code(code: str) -> Rule:
    return _BY_CODE[code]


def known_code(code: str) -> bool:
    """A wording rule's code: what `sopgen lint` and sopgen.yaml's lint settings accept."""
    return code in _WORDING_CODES


def any_rule_code(code: str) -> bool:
    """The code of a rule of any kind: what `sopgen check` accepts."""
    return code in _BY_CODE


def find_any(wanted: str):
    """A wording rule, review check or input check (SOP0xx) by code or name: what `sopgen explain` shows."""
    from ..core.input_checks import INPUT_CHECKS

    wanted = wanted.strip()
    return find_rule(wanted) or next((check for check in INPUT_CHECKS
                                      if check.code == wanted.upper() or check.name == wanted.lower()), None)


def find_rule(wanted: str) -> Rule | None:
    """The rule of any kind with this code (any case) or name, as a person types it."""
    wanted = wanted.strip()
    return _BY_CODE.get(wanted.upper()) or next((rule for rule in EVERY_RULE if rule.name == wanted.lower()), None)


def rule_infos(rules=EVERY_RULE) -> list:
    return [rule.info() for rule in rules]
