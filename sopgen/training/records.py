"""records/*.yaml: sign-off records, validated like every other input.

A record says that a trainee was signed off on an SOP by a trainer on a date.
A file holds one record, or a list of them (a sign-off log):

    - trainee: Amara Okafor
      role: Door Concierge            # optional
      sop: door-welcome-arrivals
      signed_off: 2026-03-02
      trainer: Jo Price
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml

from ..core.load import LoadFailed
from ..core.models import Sop
from ..core.problems import Problem, error_at
from ..core.reader import Reader
from ..core.schema import DATE, ID, LIST, TEXT, Field, Shape, Validator, did_you_mean


@dataclass(frozen=True)
class SignOff:
    trainee: str
    sop: str
    signed_off: dt.date
    trainer: str
    role: str | None = None
    notes: str | None = None
    path: str = ""


def _sign_off(values: dict) -> SignOff:
    values["trainee"] = " ".join(values["trainee"].split())
    return SignOff(**values)


SIGN_OFF = Shape("sign-off record", (
    Field("trainee", TEXT, required=True, description="the trainee's name, written the same way every time"),
    Field("role", TEXT, description="the trainee's role, such as Receptionist"),
    Field("sop", ID, required=True, description="the id of the SOP the trainee was signed off on"),
    Field("signed_off", DATE, required=True, description="the date of the sign-off, as YYYY-MM-DD"),
    Field("trainer", TEXT, required=True, description="who observed the trainee and signed them off"),
    Field("notes", TEXT, description="anything worth remembering about the sign-off"),
), _sign_off)

SIGN_OFF_LOG = Field("records", LIST, item=SIGN_OFF, description="sign-off records")


def load_records(reader: Reader, folder: Path, sops: Iterable[Sop],
                 today: dt.date) -> tuple[list[SignOff], list[Problem]]:
    """Every record in ``folder``; a missing folder simply holds none."""
    known = {sop.id for sop in sops if sop.id}
    records: list[SignOff] = []
    paths, problems = reader.folder(folder) if folder.is_dir() else ([], [])
    for path in paths:
        found, file_problems = _load_file(reader, path, known, today)
        records += found
        problems += file_problems
    return records, problems


def _load_file(reader: Reader, path: Path, known: set[str],
               today: dt.date) -> tuple[list[SignOff], list[Problem]]:
    try:
        source, node, problems = reader.load(path)
    except LoadFailed as failed:
        return [], [failed.problem]
    display = source.display
    validator = Validator(source, problems)
    if isinstance(node, yaml.SequenceNode):
        records = validator.list(node, SIGN_OFF_LOG, "the file", "records") or []
        keys = [f"records[{i}]" for i in validator.indices.get("records", [])]
    else:
        record = validator.read(node, SIGN_OFF)
        records = [record] if record is not None else []
        keys = [""]
    kept = []
    for key, record in zip(keys, records):
        prefix = f"{key}." if key else ""
        span = validator.spans.get(f"{prefix}sop")
        if record.sop not in known:
            validator.problems.append(error_at(display, span, "SOP030", "unknown-sop",
                                          f"SOP '{record.sop}' does not exist{did_you_mean(record.sop, known)}",
                                          "use the 'id:' of an SOP file in the library"))
            continue
        if record.signed_off > today:
            validator.problems.append(error_at(display, validator.spans.get(f"{prefix}signed_off"), "SOP036",
                                          "future-sign-off",
                                          f"the sign-off date {record.signed_off.isoformat()} is in the future",
                                          "record a sign-off on or after the day it happened"))
            continue
        kept.append(SignOff(**{**record.__dict__, "path": display}))
    return kept, validator.problems
