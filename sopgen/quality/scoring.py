"""Audit scores, computed once: pure functions of the audits, the targets and a date.

A score is earned ÷ possible × 100, where each item observed counts its weight
towards `possible` and, when met, towards `earned`; items marked n/a count for
neither. A visit where every item was n/a has no score, which is not the same
as scoring 0.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..core.config import Milestone
from .audits import MET, NOT_APPLICABLE, NOT_MET, Audit, AuditResult


@dataclass(frozen=True)
class Score:
    earned: int = 0
    possible: int = 0
    critical_missed: tuple[str, ...] = ()

    @property
    def percent(self) -> float | None:
        return 100 * self.earned / self.possible if self.possible else None

    def __add__(self, other: "Score") -> "Score":
        return Score(self.earned + other.earned, self.possible + other.possible,
                     self.critical_missed + other.critical_missed)


def score(results: Iterable[AuditResult]) -> Score:
    earned = possible = 0
    critical_missed = []
    for result in results:
        if result.result == NOT_APPLICABLE:
            continue
        possible += result.weight
        if result.result == MET:
            earned += result.weight
        elif result.critical:
            critical_missed.append(result.item)
    return Score(earned, possible, tuple(critical_missed))


@dataclass(frozen=True)
class Visit:
    """The audits of one touchpoint on one day, pooled into one score."""

    date: dt.date
    score: Score
    observers: tuple[str, ...]


@dataclass(frozen=True)
class TouchpointScores:
    touchpoint: str
    target: int | None
    visits: tuple[Visit, ...]             # oldest first

    @property
    def scored(self) -> tuple[Visit, ...]:
        return tuple(visit for visit in self.visits if visit.score.percent is not None)

    @property
    def current(self) -> Visit | None:
        """The latest visit with a score: the touchpoint's score as things stand."""
        return self.scored[-1] if self.scored else None

    @property
    def gap(self) -> float | None:
        """Points still to go to the target: positive when short of it, 0 or less when met."""
        if self.target is None or self.current is None:
            return None
        return self.target - self.current.score.percent


def touchpoint_scores(audits: Iterable[Audit], touchpoint: str, target: int | None) -> TouchpointScores:
    by_date: dict[dt.date, list[Audit]] = defaultdict(list)
    for audit in audits:
        if audit.touchpoint == touchpoint:
            by_date[audit.date].append(audit)
    visits = tuple(
        Visit(date, sum((score(audit.results) for audit in same_day), Score()),
              tuple(dict.fromkeys(audit.observer for audit in same_day)))
        for date, same_day in sorted(by_date.items()))
    return TouchpointScores(touchpoint, target, visits)


@dataclass(frozen=True)
class MissedStandard:
    touchpoint: str
    item: str
    sop: str | None
    missed: int                     # times it was not met
    observed: int                   # times it was met or not met
    critical: bool
    last_note: str | None           # the latest note written when it was missed


def most_missed(audits: Iterable[Audit], limit: int = 10) -> list[MissedStandard]:
    """The standards missed most often, most misses first; standards never missed are left out."""
    counts: dict[tuple[str, str, str | None], list] = defaultdict(lambda: [0, 0, False, None])
    for audit in sorted(audits, key=lambda audit: audit.date):
        for result in audit.results:
            if result.result == NOT_APPLICABLE:
                continue
            tally = counts[audit.touchpoint, result.item, result.sop]
            tally[1] += 1
            tally[2] |= result.critical
            if result.result == NOT_MET:
                tally[0] += 1
                tally[3] = result.note or tally[3]
    missed = [MissedStandard(touchpoint, item, sop, *tally)
              for (touchpoint, item, sop), tally in counts.items() if tally[0]]
    missed.sort(key=lambda m: (-m.missed, -m.missed / m.observed, m.touchpoint, m.item))
    return missed[:limit]


MET_MILESTONE, MISSED_MILESTONE = "met", "missed"
ON_TRACK, AT_RISK, NO_AUDITS = "on track", "at risk", "no audits"


@dataclass(frozen=True)
class MilestoneStatus:
    milestone: Milestone
    state: str                      # met, missed, on track, at risk or no audits
    current: float | None           # the latest score on or before the milestone's date
    projected: float | None         # the trend's score on that date, for a milestone still ahead
    monthly: float | None = None    # the trend through the visits up to that date, in points a month


def milestone_status(milestone: Milestone, scores: TouchpointScores, today: dt.date) -> MilestoneStatus:
    """A milestone that has passed was met or missed; one ahead is on track when the
    latest score already reaches it or the trend of all visits so far will."""
    visits = [visit for visit in scores.scored if visit.date <= milestone.date]
    if not visits:
        return MilestoneStatus(milestone, NO_AUDITS, None, None)
    current = visits[-1].score.percent
    monthly = trend_per_month(visits)
    if milestone.date < today:
        return MilestoneStatus(milestone, MET_MILESTONE if current >= milestone.target else MISSED_MILESTONE,
                               current, None, monthly)
    projected = trend_at(visits, milestone.date)
    on_track = current >= milestone.target or (projected is not None and projected >= milestone.target)
    return MilestoneStatus(milestone, ON_TRACK if on_track else AT_RISK, current, projected, monthly)


DAYS_IN_A_MONTH = 365.25 / 12


def trend_per_month(visits: Sequence[Visit]) -> float | None:
    """The slope of the least-squares line through the visits' scores, in points a month; None with fewer
    than two days."""
    days = [visit.date.toordinal() for visit in visits]
    if len(set(days)) < 2:
        return None
    slope, _ = statistics.linear_regression(days, [visit.score.percent for visit in visits])
    return slope * DAYS_IN_A_MONTH


def trend_at(visits: Sequence[Visit], date: dt.date) -> float | None:
    """The least-squares line through the visits' scores, read at ``date`` (0 to 100); None with fewer than two days."""
    days = [visit.date.toordinal() for visit in visits]
    percents = [visit.score.percent for visit in visits]
    if len(set(days)) < 2:
        return None
    slope, intercept = statistics.linear_regression(days, percents)
    return min(100.0, max(0.0, slope * date.toordinal() + intercept))
