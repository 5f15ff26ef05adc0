"""The service-quality report as template data: scores against targets, trends, misses and milestones."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..core.config import Milestone, Touchpoint
from ..core.project import Project
from ..render.context import format_date, project_context
from ..render.markup import to_html
from .audits import Audit
from .charts import Marker, Point, line_chart, scale_floor
from .scoring import MilestoneStatus, TouchpointScores, milestone_status, most_missed, touchpoint_scores


def percent(value: float | None) -> str | None:
    return None if value is None else f"{value:.1f}"


def report_context(project: Project, audits: list[Audit], today: dt.date) -> dict:
    config = project.config
    names = {t.id: t.name for t in config.journey}
    scores = {t.id: touchpoint_scores(audits, t.id, config.targets.get(t.id)) for t in config.journey}
    dates = [audit.date for audit in audits]
    chart_dates = dates + [m.date for m in config.milestones]     # every chart shares one time scale …
    start, end = min(chart_dates, default=today), max(chart_dates, default=today)
    low = scale_floor([v.score.percent for s in scores.values() for v in s.scored]     # … and one score scale
                      + [s.target for s in scores.values() if s.target is not None]
                      + [m.target for m in config.milestones])
    return {
        "project": project_context(project, today, len(project.sops)),
        "report": {
            "audit_count": len(audits),
            "first_audit": format_date(min(dates, default=None)),
            "last_audit": format_date(max(dates, default=None)),
            "touchpoints": [_touchpoint(t, scores[t.id], [m for m in config.milestones if m.touchpoint == t.id],
                                        start, end, low) for t in config.journey],
            "most_missed": [{
                "touchpoint": names[m.touchpoint], "item": to_html(m.item), "sop": m.sop, "missed": m.missed,
                "observed": m.observed, "critical": m.critical, "note": m.last_note,
            } for m in most_missed(audits)],
            "milestones": [_milestone(milestone_status(m, scores[m.touchpoint], today), names)
                           for m in sorted(config.milestones, key=lambda m: (m.date, m.touchpoint))],
        },
    }


def _touchpoint(touchpoint: Touchpoint, scores: TouchpointScores, milestones: list[Milestone],
                start: dt.date, end: dt.date, low: int) -> dict:
    current = scores.current
    markers = tuple(Marker(m.date, m.target, f"{m.target} by {m.date.day} {m.date:%b}") for m in milestones)
    points = [Point(v.date, v.score.percent, bool(v.score.critical_missed)) for v in scores.scored]
    chart = line_chart(points, start, end, target=scores.target, markers=markers, low=low,
                       description=f"{touchpoint.name}: audit scores over time") if points else None
    return {
        "id": touchpoint.id,
        "name": touchpoint.name,
        "anchor": f"tp-{touchpoint.id}",
        "target": scores.target,
        "current": percent(current.score.percent) if current else None,
        "current_date": format_date(current.date) if current else None,
        "gap": percent(scores.gap) if scores.gap is not None and scores.gap > 0 else None,
        "target_met": scores.gap is not None and scores.gap <= 0,
        "critical_missed": [to_html(item) for item in current.score.critical_missed] if current else [],
        "chart": Markup(chart) if chart else None,
        "has_milestones": bool(markers),
        "visits": [{
            "date": f"{v.date.day} {v.date:%b %Y}",
            "observers": ", ".join(v.observers),
            "score": percent(v.score.percent),
            "earned": v.score.earned,
            "possible": v.score.possible,
            "critical_missed": [to_html(item) for item in v.score.critical_missed],
        } for v in reversed(scores.visits)],
    }


def _milestone(status: MilestoneStatus, names: dict[str, str]) -> dict:
    milestone = status.milestone
    return {
        "touchpoint": names[milestone.touchpoint],
        "date": format_date(milestone.date),
        "target": milestone.target,
        "state": status.state,
        "state_class": status.state.replace(" ", "-"),
        "current": percent(status.current),
        "projected": percent(status.projected),
        "monthly": None if status.monthly is None else f"{status.monthly:+.1f}".replace("-", "−"),
    }
