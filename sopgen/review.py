"""What a reviewer checks across SOP files and against their previous version (codes SOP2xx).

Each check is a function whose docstring is its documentation, in the form the
wording rules use: a summary line, what it looks for and why, then a Bad and a
Good example. CHECKS at the bottom is the explicit registry. Findings are
reported like lint findings: they fail `sopgen check` at the --fail-on level
(exit 1), while problems that stop an SOP being read are validation errors
(SOP0xx, exit 2).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Collection, Iterable, Iterator, Mapping

from .changes import same_content
from .hidden_text import find_hidden
from .models import Sop
from .problems import Problem, Severity
from .schema import did_you_mean
from .versions import is_newer, next_version, same_version


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    severity: Severity
    hint: str
    function: Callable[..., Iterator[Problem]]

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.name

    def at(self, sop: Sop, key: str, message: str, hint: str | None = None) -> Problem:
        """A finding at the value of ``key`` in the SOP's file (at the top when it has none)."""
        span = sop.span(key)
        line, column = (span.line, span.column) if span else (1, 1)
        return Problem(sop.path, line, column, self.code, self.name, self.severity, message,
                       self.hint if hint is None else hint)


def unknown_references(sop: Sop, library: Mapping[str, Sop]) -> Iterator[Problem]:
    """A `supersedes` entry that names no SOP in the library.

    `supersedes` lists the ids of the SOPs this one replaces, so that a reader
    can follow how a standard changed and the old SOP can be retired. An id that
    matches no SOP is usually a typo, or an SOP that was renamed or deleted: the
    link leads nowhere and the old SOP may stay in force by mistake.

    Bad: supersedes: [reception-vistor-book]
    Good: supersedes: [reception-visitor-book]
    """
    others = [sop_id for sop_id in library if sop_id != sop.id]
    for index, target in enumerate(sop.supersedes):
        if target not in library:
            yield UNKNOWN_REFERENCE.at(
                sop, f"supersedes[{index}]",
                f"supersedes '{target}', which is not the id of any SOP{did_you_mean(target, others)}")


def superseded_not_retired(sop: Sop, library: Mapping[str, Sop]) -> Iterator[Problem]:
    """An SOP replaced by an approved SOP but not retired.

    When an approved SOP supersedes another, the old one no longer applies;
    while it is still approved (or a draft) it stays in the handbook and on the
    site, and colleagues meet two standards for the same thing. The finding is
    reported at the old SOP's status. A draft that supersedes an SOP does not
    count: the old SOP applies until the new one is approved.

    Bad: supersedes: [reception-visitor-book], while reception-visitor-book has status: approved
    Good: supersedes: [reception-visitor-book], and reception-visitor-book has status: retired
    """
    if sop.status != "approved":
        return
    for target_id in sop.supersedes:
        target = library.get(target_id)
        if target is not None and target is not sop and target.status != "retired":
            yield SUPERSEDED_NOT_RETIRED.at(
                target, "status",
                f"'{target.id}' is superseded by '{sop.id}' ({sop.path}) but its status is '{target.status}'",
                f"set 'status: retired' here, or take '{target.id}' out of the supersedes list of '{sop.id}'")


def version_not_bumped(old: Sop, new: Sop, ref: str) -> Iterator[Problem]:
    """An SOP whose content changed without a higher version.

    The version tells colleagues, trainers and auditors which text they are
    looking at; a printed copy or a training record names it. When what an SOP
    says changes (anything but comments and layout), its version must go up.
    Dotted numbers compare number by number, so 1.10 comes after 1.9.

    Bad: a step reworded, version still "1.2"
    Good: a step reworded, version "1.3" with a revisions entry for 1.3
    """
    if not old.version or not new.version or is_newer(new.version, old.version):
        return
    following = next_version(old.version)
    hint = (f"raise the version, for example to \"{following}\", and add a revisions entry for it"
            if following else VERSION_NOT_BUMPED.hint)
    if same_version(new.version, old.version):
        message = f"the SOP changed since {ref} but its version is still '{new.version}'"
    else:
        message = f"the SOP changed since {ref} but its version '{new.version}' is not higher than '{old.version}'"
    yield VERSION_NOT_BUMPED.at(new, "version", message, hint)


def revision_missing(old: Sop, new: Sop, ref: str) -> Iterator[Problem]:
    """A changed SOP with no revisions entry for its version.

    The revision history is where a reader learns what changed, when, by whom
    and why. Every new version gets an entry, newest first, whose `version`
    matches the SOP's `version`.

    Bad: version "1.3", revisions starting at version "1.2"
    Good: version "1.3", revisions starting with version "1.3", its date, who and what changed
    """
    if not new.version or any(same_version(entry.version, new.version) for entry in new.revisions):
        return
    yield REVISION_MISSING.at(
        new, "version", f"the SOP changed since {ref} but its revisions have no entry for version '{new.version}'",
        f"add a revisions entry at the top with version: \"{new.version}\", the date, who made the change "
        f"and what changed")


def hidden_text(sop: Sop, library: Mapping[str, Sop]) -> Iterator[Problem]:
    """Characters a reviewer cannot see, or letters of another script that look like Latin ones.

    A zero-width space or soft hyphen inside a phrase hides it from a reader's
    search and from the wording rules; a bidirectional override shows text in
    another order than it is stored; a Cyrillic or Greek letter inside a Latin
    word reads as the letter it resembles. Each may be a paste from elsewhere or
    a trick in a pull request; a reviewer should know before approving.

    Bad: "Ask for the guest's pаssport" (the "а" is Cyrillic)
    Good: "Ask for the guest's passport"
    """
    if sop.source is None:
        return
    for hidden in find_hidden(sop.source.text)[:_MOST_HIDDEN]:
        line, column = sop.source.position(hidden.index)
        yield Problem(sop.path, line, column, HIDDEN_TEXT.code, HIDDEN_TEXT.name, HIDDEN_TEXT.severity,
                      f"contains {hidden.description}", HIDDEN_TEXT.hint)


_MOST_HIDDEN = 20   # per file: enough to make the point


UNKNOWN_REFERENCE = Check("SOP201", "unknown-reference", Severity.ERROR,
                          "use the id of an SOP in the library, exactly as written on its 'id:' line",
                          unknown_references)
SUPERSEDED_NOT_RETIRED = Check("SOP202", "superseded-not-retired", Severity.WARNING,
                               "set 'status: retired' in the superseded SOP", superseded_not_retired)
VERSION_NOT_BUMPED = Check("SOP203", "version-not-bumped", Severity.ERROR,
                           "raise the version and add a revisions entry for it", version_not_bumped)
REVISION_MISSING = Check("SOP204", "revision-missing", Severity.ERROR,
                         "add a revisions entry for the new version", revision_missing)

HIDDEN_TEXT = Check("SOP205", "hidden-text", Severity.WARNING,
                    "retype the text, or delete the character, unless it is meant to be there", hidden_text)

CHECKS: tuple[Check, ...] = (UNKNOWN_REFERENCE, SUPERSEDED_NOT_RETIRED, VERSION_NOT_BUMPED, REVISION_MISSING,
                             HIDDEN_TEXT)
CHECK_CODES = frozenset(check.code for check in CHECKS)
_REFERENCE_CHECKS = (UNKNOWN_REFERENCE, SUPERSEDED_NOT_RETIRED, HIDDEN_TEXT)   # each SOP, with the library
_VERSION_CHECKS = (VERSION_NOT_BUMPED, REVISION_MISSING)


def review_references(sops: Iterable[Sop], library: Mapping[str, Sop], codes: Collection[str]) -> list[Problem]:
    """Reference checks for ``sops`` against every SOP in the library, by id."""
    active = [check for check in _REFERENCE_CHECKS if check.code in codes]
    return [problem for sop in sops for check in active for problem in check.function(sop, library)]


def review_versions(pairs: Iterable[tuple[Sop, Sop]], ref: str, codes: Collection[str]) -> list[Problem]:
    """Version checks for each (SOP at ``ref``, SOP now) whose content changed."""
    active = [check for check in _VERSION_CHECKS if check.code in codes]
    return [problem for old, new in pairs if not same_content(old, new)
            for check in active for problem in check.function(old, new, ref)]


def rule_infos():
    """The checks as the report formats describe rules (SARIF rule help, for instance)."""
    from .report import RuleInfo

    return [RuleInfo(check.code, check.name, check.summary, check.doc, check.severity) for check in CHECKS]
