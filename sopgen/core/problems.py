"""One type for everything sopgen reports: validation errors and lint findings alike."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .printable import printable, printable_lines


class Kind(enum.Enum):
    """What a problem means for a run: invalid input (exit 2) or a finding judged at --fail-on (exit 1)."""

    VALIDATION = "validation"
    FINDING = "finding"


class Severity(enum.IntEnum):
    """Ordered so that a higher value is more serious."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}: use error, warning or info") from None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong at a place in a file.

    ``line`` and ``column`` are 1-based; 0 means "the whole file".  ``code`` is a
    validation code (``SOP0xx``), a lint rule code (``SOP1xx``) or a review check
    code (``SOP2xx``, `sopgen check`); ``rule`` is its short name.  ``hint`` tells
    the author what to do about it.  ``kind`` is set where the problem is made:
    the rule engine stamps its findings, everything else is a validation problem
    that makes the input invalid.  The code's spelling decides nothing.
    """

    path: str
    line: int
    column: int
    code: str
    rule: str
    severity: Severity
    message: str
    hint: str = ""
    end_line: int = 0
    end_column: int = 0
    kind: Kind = Kind.VALIDATION

    def __post_init__(self) -> None:
        # Messages quote keys, values and file names from untrusted files: none may act on a terminal.
        for name, escape in (("path", printable), ("message", printable_lines), ("hint", printable_lines)):
            text = getattr(self, name)
            safe = escape(text)
            if safe is not text:
                object.__setattr__(self, name, safe)

    @property
    def is_finding(self) -> bool:
        """A wording or review finding, judged at --fail-on; otherwise the input is invalid."""
        return self.kind is Kind.FINDING

    is_lint = is_finding   # the name older callers know

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def location(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


@dataclass(slots=True)
class Summary:
    files: int = 0
    counts: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, problems: Iterable[Problem], files: int) -> "Summary":
        return cls(files=files, counts=Counter(p.severity for p in problems))

    @property
    def errors(self) -> int:
        return self.counts[Severity.ERROR]

    @property
    def warnings(self) -> int:
        return self.counts[Severity.WARNING]

    @property
    def infos(self) -> int:
        return self.counts[Severity.INFO]

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "info": self.infos,
            "total": self.errors + self.warnings + self.infos,
        }


def error_at(path: str, span, code: str, rule: str, message: str, hint: str = "") -> Problem:
    """An error at a span (anything with a line and column), or at the top of the file without one."""
    return Problem(path, *position(span), code, rule, Severity.ERROR, message, hint)


def position(span) -> tuple[int, int]:
    """Where ``span`` starts (anything with a line and column), or 1:1, the top of the file, without one."""
    return (span.line, span.column) if span else (1, 1)


def place(span, text: str | None = None, start: int | None = None, end: int | None = None) -> tuple[int, int, int, int]:
    """Line, column, end line and end column of ``text[start:end]``, the value ``span`` (a load.Span) holds.

    Without text or offsets: the span's start; without an end: no end (0, 0); without a span: 1:1.
    """
    if span is None or text is None or start is None:
        return (*position(span), 0, 0)
    if end is None or end <= start:
        return (*span.locate(text, start), 0, 0)
    return span.locate_range(text, start, end)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)
