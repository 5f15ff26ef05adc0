"""Dates as binders write them, read into dates only when there is one way to read them.

ISO dates (2026-03-03) pass; dates with the month in words ("3 March 2026", "March 3, 2026",
"03-Mar-26") are read; a numeric date such as 03/04/2026 could be 3 April or 4 March, so it
is refused unless --date-format says which order the binder uses. A numeric date that can
be read only one way (25/03/2026) is read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), start=1) for name in names}
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4}|\d{2})"
_WORDED = [re.compile(pattern) for pattern in (
    rf"^{_DAY}[\s\-/]+(?:of\s+)?{_MONTH}[\s,\-/]+{_YEAR}$",      # 3 March 2026, 03-Mar-26, 3rd of March, 2026
    rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$",                         # March 3, 2026
)]
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")


class DateRefused(ValueError):
    """A date that cannot be read without knowing the binder's order of day and month."""


@dataclass(frozen=True)
class DateReader:
    date_format: str | None = None      # --date-format, such as %d/%m/%Y

    def read(self, text: str) -> dt.date | None:
        """The date ``text`` names; None when it is no date at all ("TBC"); DateRefused when it is ambiguous."""
        text = " ".join(text.split()).strip(" .")
        if not text:
            return None
        if self.date_format:
            try:
                return dt.datetime.strptime(text, self.date_format).date()
            except ValueError:
                pass
        found = _ISO.match(text)
        if found:
            return _date(*(int(part) for part in found.groups()))
        lowered = text.lower()
        for pattern in _WORDED:
            found = pattern.match(lowered)
            if found and found.group("month") in _MONTHS:
                return _date(_full_year(found.group("year")), _MONTHS[found.group("month")], int(found.group("day")))
        found = _NUMERIC.match(text)
        if found:
            return self._numeric(text, found)
        return None

    def _numeric(self, text: str, found: re.Match) -> dt.date | None:
        first, second, year = int(found.group(1)), int(found.group(2)), _full_year(found.group(3))
        readings = {reading for reading in (_date(year, second, first), _date(year, first, second)) if reading}
        if len(readings) == 1:
            return readings.pop()
        if not readings:
            return None
        if self.date_format:
            raise DateRefused(f"'{text}' does not match --date-format {self.date_format}")
        raise DateRefused(f"'{text}' could be read as more than one date; pass --date-format %d/%m/%Y "
                          f"(day first) or %m/%d/%Y (month first), whichever the binder uses")


def _full_year(year: str) -> int:
    return int(year) if len(year) == 4 else 2000 + int(year)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
