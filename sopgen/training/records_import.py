"""`sopgen records import FILE.csv`: sign-offs from a spreadsheet or an LMS export, into records/.

The CSV needs a header row naming its columns: trainee, sop, signed_off and
trainer, and optionally role and notes. The sop column takes an SOP's id or its
exact title; dates are YYYY-MM-DD. Every row is checked before anything is
written, and each problem names the file, line and column. A sign-off already
in the records (the same trainee, SOP and date), or twice in the file, is
skipped, never recorded twice. The new records go to records/<file name>.yaml.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..core.errors import ContentError, UsageError
from ..core.load import LoadFailed
from ..core.problems import Problem, Severity
from ..core.project import Project, display_path
from ..core.reader import Reader
from ..core.schema import did_you_mean
from .records import SignOff

REQUIRED = ("trainee", "sop", "signed_off", "trainer")
OPTIONAL = ("role", "notes")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_BYTES = 5_000_000


@dataclass
class Imported:
    target: Path | None                                   # the records file written, if any
    added: list[SignOff] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)      # why each duplicate row was left out


def check_csv_exists(csv_path: Path) -> None:
    if not csv_path.is_file():
        raise UsageError(f"{csv_path} does not exist")


def run_import(project: Project, csv_path: Path) -> Imported:
    """Read the project's records, then import ``csv_path`` into the programme's records folder."""
    from ..core.clock import build_date
    from .outputs import load_valid_training
    from .programme import DEFAULT_RECORDS_FOLDER, inside_project

    check_csv_exists(csv_path)
    today = build_date()
    training = load_valid_training(project, today)
    folder_name = training.programme_file.records if training.programme_file else DEFAULT_RECORDS_FOLDER
    records_dir = inside_project(project.config, folder_name)
    if records_dir is None:
        raise UsageError(f"the records folder '{folder_name}' is outside the project")
    return import_records(project, records_dir, csv_path, training.records, today)


def import_records(project: Project, records_dir: Path, csv_path: Path, existing: list[SignOff],
                   today: dt.date) -> Imported:
    """Check every row of ``csv_path``, then add the new sign-offs to records/; raises ContentError on any problem."""
    display = display_path(csv_path)
    rows, problems = _read_rows(csv_path, display)
    known = {sop.id: sop for sop in project.sops if sop.id}
    by_title = {" ".join(sop.title.split()).casefold(): sop.id for sop in project.sops if sop.id}
    seen = {_key(record.trainee, record.sop, record.signed_off): record.path for record in existing}
    result = Imported(None)
    for row in rows:
        record, row_problems = _record(row, display, known, by_title, today)
        problems += row_problems
        if record is None:
            continue
        key = _key(record.trainee, record.sop, record.signed_off)
        if key in seen:
            result.skipped.append(f"{display}:{row.line}: {record.trainee} was already signed off on {record.sop} "
                                  f"on {record.signed_off.isoformat()} ({seen[key]}); skipped")
            continue
        seen[key] = f"{display}:{row.line}"
        result.added.append(record)
    if problems:
        raise ContentError(f"{len(problems)} problem(s) in {display}; nothing was imported", problems)
    if result.added:
        result.target = records_dir / f"{_safe_stem(csv_path.stem)}.yaml"
        _write(project.reader or Reader(project.root, project.config.limits), result.target, csv_path.name,
               result.added, today)
    return result


def _key(trainee: str, sop: str, day: dt.date) -> tuple[str, str, dt.date]:
    return " ".join(trainee.split()).casefold(), sop, day


@dataclass
class _Row:
    line: int
    cells: dict[str, tuple[str, int]]    # column name -> (value, column in the line, from 1)


def _read_rows(path: Path, display: str) -> tuple[list[_Row], list[Problem]]:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UsageError(f"{display} is larger than {MAX_BYTES:,} bytes; split it into smaller files")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_problem(display, 1, 1, "the file is not UTF-8 text",
                             "save the spreadsheet as 'CSV UTF-8 (comma delimited)'")]
    except OSError as exc:
        raise UsageError(f"cannot read {display}: {exc.strerror or exc}") from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return [], [_problem(display, 1, 1, "the file has no header row",
                             "start with a row naming the columns: " + ", ".join(REQUIRED + OPTIONAL))]
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header_line = 1
    header = [name.strip().lower().replace(" ", "_") for name in next(reader)]
    header_columns = _columns(lines[0], delimiter)
    problems = []
    for index, name in enumerate(header):
        if name and name not in REQUIRED + OPTIONAL:
            problems.append(_problem(display, header_line, header_columns[index], f"unknown column '{name}'"
                                     + did_you_mean(name, REQUIRED + OPTIONAL),
                                     "the columns are: " + ", ".join(REQUIRED + OPTIONAL)))
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        problems.append(_problem(display, header_line, 1, f"missing column(s): {', '.join(missing)}",
                                 "add a header for each: " + ", ".join(REQUIRED)))
    if problems:
        return [], problems
    rows = []
    start = reader.line_num + 1
    for cells in reader:
        line = start
        start = reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        columns = _columns(lines[line - 1], delimiter) if line - 1 < len(lines) else []
        named = {}
        for index, name in enumerate(header):
            if name and index < len(cells):
                named[name] = (cells[index], columns[index] if index < len(columns) else 1)
        rows.append(_Row(line, named))
    return rows, []


def _columns(line: str, delimiter: str) -> list[int]:
    """The 1-based column where each field of a CSV line starts (quotes respected)."""
    starts, quoted = [1], False
    for position, char in enumerate(line, start=1):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            starts.append(position + 1)
    return starts


def _record(row: _Row, display: str, known: dict, by_title: dict, today: dt.date
            ) -> tuple[SignOff | None, list[Problem]]:
    problems = []

    def cell(name: str) -> tuple[str, int]:
        value, column = row.cells.get(name, ("", 1))
        return " ".join(value.split()), column

    values = {}
    for name in REQUIRED:
        value, column = cell(name)
        if not value:
            problems.append(_problem(display, row.line, column, f"'{name}' is empty",
                                     f"write the {name.replace('_', ' ')} in every row"))
        values[name] = (value, column)
    sop_text, sop_column = values["sop"]
    sop_id = sop_text if sop_text in known else by_title.get(sop_text.casefold())
    if sop_text and sop_id is None:
        problems.append(_problem(display, row.line, sop_column,
                                 f"SOP '{sop_text}' does not exist{did_you_mean(sop_text, known)}",
                                 "write the SOP's id (as on the sign-off sheet) or its exact title"))
    date_text, date_column = values["signed_off"]
    day = None
    if date_text:
        try:
            if not _ISO_DATE.match(date_text):
                raise ValueError(date_text)
            day = dt.date.fromisoformat(date_text)
        except ValueError:
            problems.append(_problem(display, row.line, date_column, f"'{date_text}' is not a date",
                                     "write dates as YYYY-MM-DD, for example 2026-10-01 (set the spreadsheet "
                                     "column's format to that before saving)"))
        else:
            if day > today:
                problems.append(_problem(display, row.line, date_column,
                                         f"the sign-off date {date_text} is in the future",
                                         "record a sign-off on or after the day it happened"))
    if problems:
        return None, problems
    optional = {name: cell(name)[0] or None for name in OPTIONAL}
    return SignOff(trainee=values["trainee"][0], sop=sop_id, signed_off=day, trainer=values["trainer"][0],
                   **optional), []


def _problem(path: str, line: int, column: int, message: str, hint: str) -> Problem:
    return Problem(path, line, column, "SOP037", "bad-import", Severity.ERROR, message, hint)


def _node(reader: Reader, path: Path) -> yaml.Node | None:
    try:
        return reader.load(path)[1]
    except LoadFailed:
        return None


def _safe_stem(stem: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")
    return cleaned or "imported"


def _write(reader: Reader, target: Path, source_name: str, records: list[SignOff], today: dt.date) -> None:
    """Add the records to ``target`` (a list of sign-offs), replacing it in one step."""
    if target.exists() and not isinstance(_node(reader, target), yaml.SequenceNode):
        raise UsageError(f"{display_path(target)} exists and is not a list of sign-offs; rename the CSV file")
    existing = target.read_text(encoding="utf-8") if target.exists() else (
        f"# Sign-offs imported from {source_name} by `sopgen records import` on {today.isoformat()}.\n")
    entries = []
    for record in records:
        entry = {"trainee": record.trainee}
        if record.role:
            entry["role"] = record.role
        entry.update({"sop": record.sop, "signed_off": record.signed_off.isoformat(), "trainer": record.trainer})
        if record.notes:
            entry["notes"] = record.notes
        entries.append(entry)
    dumped = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
    dumped = re.sub(r"^(\s*signed_off: )'(\d{4}-\d{2}-\d{2})'$", r"\1\2", dumped, flags=re.M)
    text = existing.rstrip("\n") + "\n" + dumped
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".import-", suffix=".yaml", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
