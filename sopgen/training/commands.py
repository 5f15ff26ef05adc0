"""The steps behind `sopgen brief` and `sopgen export`, on a loaded project: choose, render, write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..core.config import CONFIG_NAME, Config
from ..core.errors import UsageError
from ..core.project import Project
from ..core.schema import did_you_mean
from .exports.questions import Skipped
from .programme import Programme

QUIZ_FORMATS = {"gift": "quiz.gift", "aiken": "quiz-aiken.txt"}


@dataclass
class Outcome:
    """What a command wrote (or, for --out -, the text to print) and what it left out."""

    written: list[Path] = field(default_factory=list)
    text: str | None = None
    count: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def _programme(project: Project, programme_id: str | None, today: dt.date, required: bool) -> Programme | None:
    from .outputs import load_valid_training

    programme_file = load_valid_training(project, today).programme_file
    if programme_id is None:
        if required and programme_file is not None and programme_file.programmes:
            return programme_file.programmes[0]
        return None
    if programme_file is None:
        raise UsageError(f"no programme '{programme_id}': {CONFIG_NAME} names no programme file")
    programme = programme_file.programme(programme_id)
    if programme is None:
        known = [p.id for p in programme_file.programmes]
        raise UsageError(f"no programme '{programme_id}'{did_you_mean(programme_id, known)}; "
                         f"{programme_file.path} has: {', '.join(known)}")
    return programme


def _write_file(path: Path, data: bytes, config: Config) -> list[Path]:
    """An export file may go anywhere but over the project's own sources, or among them."""
    from ..core.sources import project_sources
    from ..render.write import write_file

    return write_file(path, data, project_sources(config))


def brief(project: Project, day: dt.date, touchpoint: str | None, out: Path | None) -> Outcome:
    """The line-up card for ``day`` as PDF and Markdown, written to ``out`` (default build/briefs/)."""
    from ..core.clock import build_date
    from ..core.sources import project_sources
    from ..render.markup import to_html, to_safe_markdown
    from ..render.renderer import Renderer
    from ..render.write import check_output_dir, write_outputs
    from .brief import brief_context, briefed_sops, card_for

    config = project.config
    if touchpoint is not None and config.touchpoint(touchpoint) is None:
        known = [t.id for t in config.journey]
        raise UsageError(f"touchpoint '{touchpoint}' is not in the journey{did_you_mean(touchpoint, known)}; "
                         f"use one of: {', '.join(known)}")
    sops = briefed_sops(project, touchpoint)
    if not any(sop.knowledge_check for sop in sops):
        where = f"at '{touchpoint}'" if touchpoint else "in the library"
        raise UsageError(f"no approved SOP {where} has knowledge-check questions to brief from")
    card = card_for(day, sops)
    out = out if out is not None else config.output_dir / "briefs"
    check_output_dir(out, project_sources(config))
    renderer = Renderer(config)
    stem = f"brief-{day.isoformat()}" + (f"-{touchpoint}" if touchpoint else "")
    pdf = renderer.pdf("brief.html", **brief_context(project, card, touchpoint, build_date(), to_html)).render().pdf
    markdown = renderer.html("md/brief.md", **brief_context(project, card, touchpoint, build_date(), to_safe_markdown))
    written = write_outputs(out, {f"{stem}.pdf": pdf, f"{stem}.md": markdown.encode("utf-8")})
    return Outcome(written, count=len(card.questions))


def check_quiz_format(fmt: str) -> None:
    if fmt not in QUIZ_FORMATS:
        raise UsageError(f"unknown quiz format '{fmt}'{did_you_mean(fmt, QUIZ_FORMATS)}; "
                         f"choose from {', '.join(QUIZ_FORMATS)}")


def export_quiz(project: Project, fmt: str, out: Path | None, programme_id: str | None) -> Outcome:
    """Knowledge-check questions as GIFT or Aiken; ``out`` of '-' returns the text instead of writing it."""
    from ..core.clock import build_date
    from .exports.aiken import aiken
    from .exports.gift import gift
    from .exports.questions import quiz_items

    check_quiz_format(fmt)
    programme = _programme(project, programme_id, build_date(), required=False)
    items, skipped = quiz_items(project, programme)
    if fmt == "gift":
        text, more = gift(items, programme.name if programme else project.config.title), []
    else:
        text, more = aiken(items)
    outcome = Outcome(count=len(items) - len(more), skipped=skipped + more)
    if out is not None and str(out) == "-":
        outcome.text = text
        return outcome
    target = out if out is not None else project.config.output_dir / "exports" / QUIZ_FORMATS[fmt]
    outcome.written = _write_file(target, text.encode("utf-8"), project.config)
    return outcome


def export_scorm(project: Project, out: Path | None, programme_id: str | None) -> Outcome:
    """A SCORM 1.2 zip of a programme (the first, unless named), or of the library by touchpoint."""
    from ..core.clock import build_date
    from ..render.markup import to_html
    from ..render.renderer import Renderer
    from .context import module_context
    from .exports.scorm import Course, package

    config = project.config
    today = build_date()
    programme = _programme(project, programme_id, today, required=True)
    sops = {sop.id: sop for sop in project.sops}
    touchpoints = {t.id: t for t in config.journey}
    if programme is not None:
        from .outputs import load_valid_training

        months = load_valid_training(project, today).programme_file.refresher_months
        modules = [module_context(module, week, sops, touchpoints, to_html, months)
                   for week, module in enumerate(programme.modules, start=1)]
        course = Course(programme.id, programme.name, modules)
    else:
        course = Course("library", config.title, _touchpoint_modules(project, to_html), unit="Part")
    data = package(course, Renderer(config).html)
    target = out if out is not None else config.output_dir / "exports" / f"{course.identifier}-scorm.zip"
    return Outcome(_write_file(target, data, config), count=len(course.modules))


def _touchpoint_modules(project: Project, text) -> list[dict]:
    """Without a programme, each touchpoint with live SOPs is a module, in journey order."""
    from ..render.context import in_handbook, sop_context

    modules = []
    for touchpoint in project.config.journey:
        sops = [sop for sop in project.sops_at(touchpoint.id) if in_handbook(sop)]
        if not sops:
            continue
        ref = {"id": touchpoint.id, "name": touchpoint.name, "anchor": f"tp-{touchpoint.id}"}
        modules.append({"number": len(modules) + 1, "title": touchpoint.name,
                        "focus": text(touchpoint.description) if touchpoint.description else None,
                        "objectives": [], "sops": [sop_context(sop, ref, text) for sop in sops]})
    return modules

