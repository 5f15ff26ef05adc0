"""The review engine: runs the review rules (SOP2xx) across SOP files and against their previous version.

The rules themselves are modules in sopgen/lint/rules/, registered beside the wording
rules in sopgen/lint/registry.py (REVIEW_RULES). A review rule yields, for each
finding, the SOP it concerns, where in that SOP (a key such as "supersedes[0]", or a
line and column), the message and a hint (None for the rule's own). This engine turns
that into a position and has the rule stamp the finding. Findings fail `sopgen check`
at the --fail-on level (exit 1), while problems that stop an SOP being read are
validation errors (exit 2).
"""

from __future__ import annotations

from typing import Collection, Iterable, Mapping

from ..core.models import Sop
from ..core.problems import Problem, position
from ..lint.registry import REVIEW_RULES, Rule
from .changes import same_content


def review_references(sops: Iterable[Sop], library: Mapping[str, Sop], codes: Collection[str]) -> list[Problem]:
    """Rules that read each SOP with the whole library, by id, for ``sops``."""
    active = _active("library", codes)
    return [_stamp(rule, *found) for sop in sops for rule in active for found in rule.check(sop, library)]


def review_versions(pairs: Iterable[tuple[Sop, Sop]], ref: str, codes: Collection[str]) -> list[Problem]:
    """Rules that compare each (SOP at ``ref``, SOP now) whose content changed."""
    active = _active("versions", codes)
    return [_stamp(rule, *found) for old, new in pairs if not same_content(old, new)
            for rule in active for found in rule.check(old, new, ref)]


def _active(kind: str, codes: Collection[str]) -> list[Rule]:
    return [rule for rule in REVIEW_RULES if rule.kind == kind and rule.code in codes]


def _stamp(rule: Rule, sop: Sop, where, message: str, hint: str | None) -> Problem:
    """``rule``'s finding at ``where`` in ``sop``: a key's value (the top of the file when it has none) or a
    (line, column)."""
    line, column = position(sop.span(where)) if isinstance(where, str) else where
    return rule.finding(sop.path, line, column, message, hint=hint)
