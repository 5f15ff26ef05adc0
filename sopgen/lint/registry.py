"""The explicit list of rules. A rule is a module; this wraps it with its metadata."""

from __future__ import annotations

import inspect
import re
from types import ModuleType

from ..problems import Severity
from .rules import (absolute, choreography, emotion, empty_why, house_phrase, legalese, missing_cues,
                    missing_recovery, missing_why, object_language, scripted_speech, social_timing, too_many_steps,
                    unobservable_objective, unused_suppression)

RULE_MODULES: tuple[ModuleType, ...] = (
    scripted_speech, choreography, social_timing, emotion, absolute, legalese, object_language,
    missing_why, too_many_steps, house_phrase, unused_suppression, missing_recovery, missing_cues,
    unobservable_objective, empty_why,
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
        return not self._keywords.isdisjoint(sentence.words) or (self._reads_quotes and bool(sentence.quotes))

    def check(self, *args):
        return self._check(*args) if self._check else ()


RULES: tuple[Rule, ...] = tuple(Rule(module) for module in RULE_MODULES)
_BY_CODE = {rule.code: rule for rule in RULES}


def rule_by_code(code: str) -> Rule:
    return _BY_CODE[code]


def known_code(code: str) -> bool:
    return code in _BY_CODE
