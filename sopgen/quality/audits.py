"""Observation audits, read from audits/: one file per visit, a result for each standard observed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.config import Config, unknown_touchpoint
from ..core.models import Sop
from ..core.problems import Problem, error_at
from ..core.project import unknown_sop
from ..core.reader import Reader
from ..core.schema import BOOL, CHOICE, DATE, ID, INT, LIST, TEXT, Field, Shape
from ..core.sources import AUDITS_DIR

MET, NOT_MET, NOT_APPLICABLE = "met", "not met", "n/a"


@dataclass(frozen=True)
class AuditResult:
    item: str
    result: str
    sop: str | None = None
    note: str | None = None
    weight: int = 1
    critical: bool = False


@dataclass
class Audit:
    date: dt.date
    touchpoint: str
    observer: str
    results: list[AuditResult]
    note: str | None = None
    path: str = ""


RESULT = Shape("result", (
    Field("item", TEXT, required=True, description="the checklist item or observable standard, as the SOP words it"),
    Field("sop", ID, description="the id of the SOP the item comes from"),
    Field("result", CHOICE, required=True, choices=(MET, NOT_MET, NOT_APPLICABLE),
          description="met, not met or n/a"),
    Field("note", TEXT, description="what the observer saw"),
    Field("weight", INT, default=1, description="how much the item counts: 1 unless it matters more"),
    Field("critical", BOOL, default=False, description="true when missing it lets a guest down badly"),
), lambda v: AuditResult(**v))

AUDIT = Shape("audit", (
    Field("date", DATE, required=True, description="the day of the visit"),
    Field("touchpoint", ID, required=True, description="the id of the touchpoint observed"),
    Field("observer", TEXT, required=True, description="who observed"),
    Field("results", LIST, required=True, item=RESULT, description="a result for each standard observed"),
    Field("note", TEXT, description="anything else the observer wants to record"),
), lambda v: Audit(**v))


def load_audits(config: Config, sops: list[Sop], reader: Reader | None = None) -> tuple[list[Audit], list[Problem]]:
    """Every valid audit in audits/, oldest first, with every problem found in them."""
    folder = config.root / AUDITS_DIR
    if not folder.is_dir():
        return [], []
    reader = reader or Reader(config.root, config.limits)
    paths, problems = reader.folder(folder)
    audits = []
    sop_ids = [sop.id for sop in sops]
    for path in paths:
        audit, validator, found = reader.shaped(path, AUDIT)
        if audit is not None:
            audit.path = validator.source.display
            found += _check_audit(audit, validator.spans, validator.indices.get("results", []), config, sop_ids)
        problems += found
        if audit is not None and not found:
            audits.append(audit)
    audits.sort(key=lambda audit: (audit.date, audit.path))
    return audits, problems


def _check_audit(audit: Audit, spans: dict, indices: list[int], config: Config,
                 sop_ids: list[str]) -> list[Problem]:
    problems = []
    if config.touchpoint(audit.touchpoint) is None:
        problems.append(unknown_touchpoint(audit.path, spans.get("touchpoint"), audit.touchpoint, config))
    for index, result in zip(indices, audit.results):
        if result.sop and result.sop not in sop_ids:
            problems.append(unknown_sop(audit.path, spans.get(f"results[{index}].sop"), f"result {index + 1}",
                                        result.sop, sop_ids))
        if result.weight < 1:
            problems.append(error_at(
                audit.path, spans.get(f"results[{index}].weight"), "SOP010", "bad-value",
                f"result {index + 1} has weight {result.weight}; weights start at 1",
                "leave 'weight:' out for an ordinary item, or write 2 or more for one that counts more"))
    return problems
