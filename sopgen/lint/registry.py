"""The explicit list of rules. A rule is a module; this wraps it with its metadata."""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from types import ModuleType

from ..problems import Severity
from .rules import (absolute, choreography, emotion, house_phrase, legalese, missing_cues, missing_recovery,
                    missing_why, object_language, scripted_speech, social_timing, too_many_steps,
                    unused_suppression)

RULE_MODULES: tuple[ModuleType, ...] = (
    scripted_speech, choreography, social_timing, emotion, absolute, legalese, object_language,
    missing_why, too_many_steps, house_phrase, unused_suppression, missing_recovery, missing_cues,
)


@dataclass(frozen=True)
class Rule:
    module: ModuleType

    code = property(lambda self: self.module.CODE)
    name = property(lambda self: self.module.NAME)
    severity = property(lambda self: Severity.parse(self.module.SEVERITY))
    kind = property(lambda self: self.module.KIND)
    message = property(lambda self: self.module.MESSAGE)
    hint = property(lambda self: self.module.HINT)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.module.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.name

    def example(self, label: str) -> str:
        """The text after 'Bad:' or 'Good:' in the docstring."""
        match = re.search(rf"^{label}:\s*(.+?)\s*$", self.doc, re.MULTILINE)
        return match.group(1) if match else ""

    def applies(self, sentence) -> bool:
        """The rule's cheap pre-check: one of its keywords is in the sentence (or it quotes speech)."""
        words = getattr(self.module, "KEYWORDS", None)
        if words is None:
            return True
        return bool(words & sentence.words) or (getattr(self.module, "READS_QUOTES", False)
                                                and bool(sentence.quotes))

    def check(self, *args):
        check = getattr(self.module, "check", None)
        return check(*args) if check else ()


RULES: tuple[Rule, ...] = tuple(Rule(module) for module in RULE_MODULES)
_BY_CODE = {rule.code: rule for rule in RULES}


def rule_by_code(code: str) -> Rule:
    return _BY_CODE[code]


def known_code(code: str) -> bool:
    return code in _BY_CODE
