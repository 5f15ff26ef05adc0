"""The competency matrix: who is signed off on which SOP of a programme, what is missing, what is overdue.

A trainee's latest sign-off on an SOP counts. It stays current for the
programme file's `refresher_months`; after that, refresher training is overdue.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from ..core.models import Sop
from .programme import Programme
from .records import SignOff

SIGNED_OFF, DUE_SOON, OVERDUE, MISSING = "signed-off", "due-soon", "overdue", "missing"
DUE_SOON_DAYS = 30
NO_ROLE = "No role recorded"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the last day of that month if it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Cell:
    status: str
    sign_off: SignOff | None = None
    due: dt.date | None = None

    @property
    def current(self) -> bool:
        return self.status in (SIGNED_OFF, DUE_SOON)

    def describe(self) -> str:
        """The cell as words, for the CSV file."""
        if self.sign_off is None:
            return "missing"
        signed = self.sign_off.signed_off.isoformat()
        if self.status == OVERDUE:
            return f"overdue since {self.due.isoformat()} (signed off {signed})"
        return f"signed off {signed}" + (f", refresher due {self.due.isoformat()}" if self.status == DUE_SOON else "")


@dataclass
class TraineeRow:
    name: str
    role: str | None
    cells: list[Cell]

    def count(self, *statuses: str) -> int:
        return sum(cell.status in statuses for cell in self.cells)


@dataclass
class Matrix:
    programme: Programme
    columns: list[tuple[int, Sop]]               # (week, SOP) in teaching order
    refresher_months: int
    today: dt.date
    trainees: list[TraineeRow] = field(default_factory=list)

    def roles(self) -> list[str]:
        """The programme's audience roles, then any other role a trainee holds."""
        roles = list(self.programme.audience.roles)
        roles += sorted({row.role for row in self.trainees if row.role} - set(roles))
        if any(row.role is None for row in self.trainees):
            roles.append(NO_ROLE)
        return roles

    def in_role(self, role: str) -> list[TraineeRow]:
        return [row for row in self.trainees if (row.role or NO_ROLE) == role]


def competency_matrix(programme: Programme, sops: dict[str, Sop], records: list[SignOff],
                      refresher_months: int, today: dt.date) -> Matrix:
    columns = [(week, sops[sop_id]) for week, module in enumerate(programme.modules, start=1)
               for sop_id in module.sops]
    covered = {sop.id for _, sop in columns}
    latest: dict[tuple[str, str], SignOff] = {}
    roles: dict[str, str] = {}
    for record in sorted(records, key=lambda r: (r.signed_off, r.path)):
        if record.sop not in covered:
            continue
        latest[(record.trainee, record.sop)] = record
        if record.role:
            roles[record.trainee] = record.role
    names = sorted({trainee for trainee, _ in latest}, key=lambda name: (roles.get(name, "\uffff"), name.casefold()))
    matrix = Matrix(programme, columns, refresher_months, today)
    for name in names:
        cells = [_cell(latest.get((name, sop.id)), refresher_months, today) for _, sop in columns]
        matrix.trainees.append(TraineeRow(name, roles.get(name), cells))
    return matrix


def _cell(sign_off: SignOff | None, refresher_months: int, today: dt.date) -> Cell:
    if sign_off is None:
        return Cell(MISSING)
    due = add_months(sign_off.signed_off, refresher_months)
    if due <= today:
        return Cell(OVERDUE, sign_off, due)
    if due <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return Cell(DUE_SOON, sign_off, due)
    return Cell(SIGNED_OFF, sign_off, due)


def matrix_context(matrix: Matrix) -> dict:
    """What matrix.html sees: the trainee table, the role summary and the totals."""
    from ..render.context import format_date

    def cell(c: Cell) -> dict:
        return {"status": c.status,
                "signed_off": c.sign_off.signed_off.isoformat() if c.sign_off else None,
                "trainer": c.sign_off.trainer if c.sign_off else None,
                "due": c.due.isoformat() if c.due else None,
                "describe": c.describe()}

    weeks = []
    for week, module in enumerate(matrix.programme.modules, start=1):
        weeks.append({"number": week, "title": module.title, "span": len(module.sops)})
    roles = []
    for role in matrix.roles():
        members = matrix.in_role(role)
        roles.append({"name": role, "trainees": len(members),
                      "cells": [{"current": sum(m.cells[i].current for m in members), "of": len(members)}
                                for i in range(len(matrix.columns))]})
    cells = [c for row in matrix.trainees for c in row.cells]
    return {
        "matrix": {
            "weeks": weeks,
            "sops": [{"id": sop.id, "title": sop.title, "week": week, "is_draft": sop.status == "draft"}
                     for week, sop in matrix.columns],
            "trainees": [{"name": row.name, "role": row.role, "cells": [cell(c) for c in row.cells],
                          "current": row.count(SIGNED_OFF, DUE_SOON), "of": len(row.cells)}
                         for row in matrix.trainees],
            "roles": roles,
            "refresher_months": matrix.refresher_months,
            "as_of": format_date(matrix.today),
            "totals": {
                "trainees": len(matrix.trainees),
                "complete": sum(row.count(SIGNED_OFF, DUE_SOON) == len(row.cells) for row in matrix.trainees),
                "signed_off": sum(c.current for c in cells),
                "due_soon": sum(c.status == DUE_SOON for c in cells),
                "overdue": sum(c.status == OVERDUE for c in cells),
                "missing": sum(c.status == MISSING for c in cells),
            },
        },
    }


def matrix_csv(matrix: Matrix) -> str:
    """One row per trainee, one column per SOP, each cell in words; ready for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["trainee", "role", *(sop.id for _, sop in matrix.columns), "signed off", "overdue", "missing"])
    for row in matrix.trainees:
        writer.writerow([_spreadsheet_safe(row.name), _spreadsheet_safe(row.role or ""),
                         *(cell.describe() for cell in row.cells),
                         row.count(SIGNED_OFF, DUE_SOON), row.count(OVERDUE), row.count(MISSING)])
    return buffer.getvalue()


# What a spreadsheet may read as the start of a formula, full-width forms included (some normalise them).
_FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Where a spreadsheet may start a new cell, as some locales and imports split: ";" and "|" among them.
_CELL_BREAK = re.compile(r"[;|,\t\r\n]")


def _spreadsheet_safe(value: str) -> str:
    """Text that a spreadsheet will not run as a formula (names come from files anyone can edit).

    A value that begins with a formula character, or has one after a character
    that some imports split cells at (";" in semicolon locales, "|" in DDE
    payloads), starts with an apostrophe, which keeps it text; the CSV quotes
    every value, so that such characters stay inside it.
    """
    pieces = [value, *_CELL_BREAK.split(value)[1:]]
    if value[:1] in ("\t", "\r") or any(piece.lstrip().startswith(_FORMULA_STARTS) for piece in pieces):
        return "'" + value
    return value
