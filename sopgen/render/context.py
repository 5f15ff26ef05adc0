"""From models to the plain data the templates see."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Callable

from markupsafe import Markup

from .. import __version__
from ..core.models import ChecklistItem, Figure, Question, Sop
from ..core.project import Project
from ..quality.stories import Adoption, adoptions
from .markup import to_html, to_safe_markdown

Text = Callable[[str], "Markup | str"]
Plain = Callable[[str], str]


def format_date(value: dt.date | None) -> str | None:
    return f"{value.day} {value:%B %Y}" if value else None


def in_handbook(sop: Sop, review_copy: bool = False) -> bool:
    """Whether an SOP goes into what colleagues read and train from.

    One rule for every output: approved SOPs only, so a draft never reaches a
    checklist, a workbook or a sign-off. A review copy (``sopgen build
    --review-copy``) adds the drafts, and then every page of it says DRAFT.
    """
    return sop.status == "approved" or (review_copy and sop.status == "draft")


def project_context(project: Project, today: dt.date, sop_count: int, plain: Plain = str,
                    review_copy: bool = False) -> dict:
    config = project.config
    from .environment import builtin_templates_dir

    return {
        "review_copy": review_copy,
        "fonts_url": (builtin_templates_dir() / "fonts").resolve().as_uri(),
        "organisation": plain(config.organisation),
        "title": plain(config.title),
        "paper": config.paper,
        "build_date": format_date(today),
        "sop_count": sop_count,
        "generator": f"sopgen {__version__}",
    }


def _question(number: int, question: Question, text: Text) -> dict:
    return {
        "number": number,
        "question": text(question.question),
        "answer": text(question.answer) if question.answer else None,
        "choices": [{"letter": chr(ord("A") + i), "text": text(c.text), "correct": c.correct}
                    for i, c in enumerate(question.choices)],
    }


TIME_OF_DAY_LABELS = {"opening": "Opening", "shift": "During the shift", "closing": "Closing"}


def _number(value: float) -> str:
    return f"{value:g}"


def reading_limits(item: ChecklistItem) -> str | None:
    """'1–5 °C', '5 °C or below', '63 °C or above', or None when a reading has no limits."""
    unit = f" {item.unit}" if item.unit else ""
    if item.min is not None and item.max is not None:
        return f"{_number(item.min)}–{_number(item.max)}{unit}"
    if item.max is not None:
        return f"{_number(item.max)}{unit} or below"
    if item.min is not None:
        return f"{_number(item.min)}{unit} or above"
    return None


def _checklist_item(item: ChecklistItem, text: Text, plain: Plain) -> dict:
    return {
        "text": text(item.text),
        "kind": item.kind,
        "is_reading": item.kind == "reading",
        "unit": plain(item.unit) if item.unit else "",
        "limits": plain(reading_limits(item)) if reading_limits(item) else None,
        "na": item.na,
        "when": item.when,
        "when_label": TIME_OF_DAY_LABELS[item.when],
    }


def sop_context(sop: Sop, touchpoint: dict, text: Text, plain: Plain = str) -> dict:
    optional = lambda value: text(value) if value else None  # noqa: E731
    figures = [_figure(figure, text, plain) for figure in sop.figures]
    steps = [{"number": i, "do": text(s.do), "why": optional(s.why), "title": plain(s.title) if s.title else None,
              "how": optional(s.how), "phase": plain(s.phase) if s.phase else None,
              "figures": [f for f in figures if f["step"] == i]}
             for i, s in enumerate(sop.steps, start=1)]
    return {
        **content_context(sop, text, plain),
        "phases": phases_of(steps),
        "figures": figures,
        "figures_after": [f for f in figures if f["step"] is None],
        "id": sop.id,
        "title": plain(sop.title),
        "anchor": f"sop-{sop.id}",
        "html_name": f"{sop.id}.html",
        "md_name": f"{sop.id}.md",
        "touchpoint": touchpoint,
        "version": plain(sop.version),
        "status": sop.status,
        "is_draft": sop.status == "draft",
        "owner": plain(sop.owner),
        "approved_by": plain(sop.approved_by) if sop.approved_by else None,
        "effective": format_date(sop.effective),
        "review_by": format_date(sop.review_by),
        "roles": [plain(role) for role in sop.roles],
        "references": [text(r) for r in sop.references],
        "supersedes": list(sop.supersedes),
        "purpose": text(sop.purpose),
        "outcome": optional(sop.outcome),
        "steps": steps,
        "cues": [{"notice": text(c.notice), "respond": text(c.respond)} for c in sop.cues],
        "recovery": [{"when": text(r.when), "do": text(r.do)} for r in sop.recovery],
        "checklist": [text(item) for item in sop.checklist],
        "checklist_items": [_checklist_item(item, text, plain) for item in sop.checklist_items],
        "knowledge_check": [_question(i, q, text) for i, q in enumerate(sop.knowledge_check, start=1)],
        "revisions": [{"version": plain(r.version), "date": format_date(r.date), "by": plain(r.by) if r.by else None,
                       "change": text(r.change)} for r in sop.revisions],
        "stories": [],      # the stories whose practice this SOP took up: see handbook_context
        "prev": None,
        "next": None,
    }


def content_context(sop: Sop, text: Text, plain: Plain = str) -> dict:
    """The parts of real-world SOPs beyond the steps: scope, when, definitions, equipment, safety,
    standards, records, and the organisation's own document fields."""
    optional = lambda value: text(value) if value else None  # noqa: E731
    return {
        "meta": [{"key": plain(key), "value": plain(value)} for key, value in sop.meta.items()],
        "scope": {"applies_to": optional(sop.scope.applies_to), "excludes": optional(sop.scope.excludes)}
        if sop.scope else None,
        "when": {"trigger": optional(sop.when.trigger), "frequency": optional(sop.when.frequency)}
        if sop.when else None,
        "definitions": [{"term": plain(d.term), "meaning": text(d.meaning)} for d in sop.definitions],
        "equipment": [text(item) for item in sop.equipment],
        "safety": [{"note": text(n.note), "why": optional(n.why)} for n in sop.safety],
        "standards": [{"measure": text(s.measure), "target": text(s.target), "why": optional(s.why)}
                      for s in sop.standards],
        "records": [{"name": text(r.name), "kept_by": plain(r.kept_by) if r.kept_by else None,
                     "retention": plain(r.retention) if r.retention else None} for r in sop.records],
    }


def _figure(figure: Figure, text: Text, plain: Plain) -> dict:
    # The file was checked to be a picture under assets/; outputs copy it beside their pages under the same path.
    return {"src": figure.file, "alt": plain(" ".join(figure.alt.split())),
            "caption": text(figure.caption) if figure.caption else None, "step": figure.step}


def phases_of(steps: list[dict]) -> list[dict]:
    """The steps grouped under their phase headings, numbers running on; empty when the SOP has no phases."""
    if not any(step["phase"] for step in steps):
        return []
    phases: list[dict] = []
    for step in steps:
        if not phases or phases[-1]["heading"] != step["phase"]:
            phases.append({"heading": step["phase"], "steps": []})
        phases[-1]["steps"].append(step)
    return phases


def figure_sources(context: dict) -> list[str]:
    """The project-relative path of every figure the context shows, once each."""
    return list(dict.fromkeys(figure["src"] for sop in context["sops"] for figure in sop["figures"]))


def stories_by_sop(adopted: list[Adoption], text: Text, plain: Plain = str) -> dict[str, list[dict]]:
    """For each SOP id, the adopted stories to show beside it as "moments of magic", oldest first."""
    shaped: dict[str, list[dict]] = {}
    for adoption in adopted:
        story = adoption.story
        shaped.setdefault(adoption.sop, []).append({
            "id": story.id,
            "title": plain(story.title),
            "date": format_date(story.date),
            "who": [plain(name) for name in story.who],
            "happened": text(story.happened),
            "exceptional": text(story.exceptional),
            "places": list(adoption.places),
        })
    return shaped


class Handbook:
    """The journey walked once for a build: the SOPs the handbook holds, touchpoint by touchpoint, and the
    stories they adopted. ``html`` is the context the handbook, checklists and site templates see;
    ``markdown`` the same with its text written as Markdown. Each is made when first asked for."""

    def __init__(self, project: Project, today: dt.date, review_copy: bool = False):
        self.project, self.today, self.review_copy = project, today, review_copy
        self.parts = [(touchpoint, sops) for touchpoint in project.config.journey
                      if (sops := [s for s in project.sops_at(touchpoint.id) if in_handbook(s, review_copy)])]
        self.adopted = adoptions(project.stories, project.sops)

    @functools.cached_property
    def html(self) -> dict:
        return self._context(to_html, str)

    @functools.cached_property
    def markdown(self) -> dict:
        # Plain fields are escaped by the HTML templates, but Markdown has no escaping of its own.
        return self._context(to_safe_markdown, to_safe_markdown)

    def _context(self, text: Text, plain: Plain) -> dict:
        touchpoints, ordered = [], []
        stories = stories_by_sop(self.adopted, text, plain)
        for touchpoint, sops in self.parts:
            ref = {"id": touchpoint.id, "name": plain(touchpoint.name), "anchor": f"tp-{touchpoint.id}"}
            entries = [sop_context(sop, ref, text, plain) for sop in sops]
            for entry in entries:
                entry["stories"] = stories.get(entry["id"], [])
            ordered += entries
            touchpoints.append({**ref, "description": text(touchpoint.description) if touchpoint.description
                                else None, "sops": entries})
        for before, after in zip(ordered, ordered[1:]):
            before["next"], after["prev"] = after, before
        return {
            "project": project_context(self.project, self.today, len(ordered), plain, self.review_copy),
            "touchpoints": touchpoints,
            "sops": ordered,
        }


def handbook_context(project: Project, today: dt.date, *, markdown: bool = False, review_copy: bool = False) -> dict:
    """Touchpoints in journey order with their approved SOPs (and drafts, in a review copy)."""
    handbook = Handbook(project, today, review_copy)
    return handbook.markdown if markdown else handbook.html
