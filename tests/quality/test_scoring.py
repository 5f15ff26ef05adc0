"""Audit scores: earned ÷ possible × 100, weights applied, n/a left out, critical misses flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from sopgen.core.config import Milestone
from sopgen.quality.audits import Audit, AuditResult
from sopgen.quality.scoring import (AT_RISK, MET_MILESTONE, MISSED_MILESTONE, NO_AUDITS, ON_TRACK, Score,
                                    milestone_status, most_missed, score, touchpoint_scores, trend_at)

TODAY = dt.date(2026, 11, 1)


def result(item: str, outcome: str = "met", weight: int = 1, critical: bool = False, note: str | None = None):
    return AuditResult(item=item, result=outcome, weight=weight, critical=critical, note=note)


def audit(date: str, *results: AuditResult, touchpoint: str = "door", observer: str = "Helen") -> Audit:
    return Audit(dt.date.fromisoformat(date), touchpoint, observer, list(results))


def visits(*scores: tuple[str, int]) -> list[Audit]:
    """One door audit per (date, percent), each out of 100 single-weight items."""
    return [audit(date, *[result(f"item {i}", "met" if i < percent else "not met") for i in range(100)])
            for date, percent in scores]


# ---------------------------------------------------------------------------- one visit

def test_met_items_earn_their_weight_and_missed_ones_earn_nothing():
    visit = score([result("a", weight=3), result("b", "not met", weight=1)])
    assert (visit.earned, visit.possible) == (3, 4)
    assert visit.percent == 75


def test_a_heavier_missed_item_costs_more_than_a_light_one():
    light_miss = score([result("a", weight=3), result("b", "not met")])
    heavy_miss = score([result("a"), result("b", "not met", weight=3)])
    assert light_miss.percent == 75 and heavy_miss.percent == 25


def test_items_marked_na_count_for_neither_earned_nor_possible():
    visit = score([result("a"), result("b", "n/a", weight=5), result("c", "not met")])
    assert (visit.earned, visit.possible, visit.percent) == (1, 2, 50)


def test_a_visit_where_everything_is_na_has_no_score_rather_than_zero():
    visit = score([result("a", "n/a"), result("b", "n/a", critical=True)])
    assert visit.possible == 0
    assert visit.percent is None
    assert visit.critical_missed == ()


def test_a_missed_critical_item_is_flagged_and_scored_like_any_other():
    visit = score([result("Key cabinet locked", "not met", critical=True), result("a"), result("b"), result("c")])
    assert visit.critical_missed == ("Key cabinet locked",)
    assert visit.percent == 75


def test_a_met_or_na_critical_item_is_not_flagged():
    assert score([result("a", critical=True), result("b", "n/a", critical=True)]).critical_missed == ()


def test_no_results_score_nothing():
    assert score([]) == Score()


# ---------------------------------------------------------------------------- a touchpoint over time

def test_no_audits_yet_gives_no_visits_no_current_score_and_no_gap():
    scores = touchpoint_scores([], "door", 90)
    assert scores.visits == () and scores.current is None and scores.gap is None


def test_a_single_audit_is_the_current_score():
    scores = touchpoint_scores(visits(("2026-09-02", 80)), "door", 90)
    assert scores.current.date == dt.date(2026, 9, 2)
    assert scores.current.score.percent == 80
    assert scores.gap == pytest.approx(10)


def test_the_current_score_is_the_latest_visit_and_visits_run_oldest_first():
    scores = touchpoint_scores(visits(("2026-09-16", 90), ("2026-09-02", 70)), "door", 85)
    assert [v.date.day for v in scores.visits] == [2, 16]
    assert scores.current.score.percent == 90
    assert scores.gap == pytest.approx(-5)


def test_a_latest_visit_where_everything_was_na_does_not_replace_the_current_score():
    audits = visits(("2026-09-02", 70)) + [audit("2026-09-09", result("a", "n/a"))]
    scores = touchpoint_scores(audits, "door", None)
    assert len(scores.visits) == 2
    assert scores.current.date == dt.date(2026, 9, 2)


def test_audits_of_one_touchpoint_on_the_same_day_are_pooled_into_one_visit():
    morning = audit("2026-09-02", result("a"), result("b", "not met"), observer="Helen")
    evening = audit("2026-09-02", result("c", weight=2), observer="Daniel")
    scores = touchpoint_scores([morning, evening], "door", None)
    assert len(scores.visits) == 1
    assert (scores.visits[0].score.earned, scores.visits[0].score.possible) == (3, 4)
    assert scores.visits[0].observers == ("Helen", "Daniel")


def test_other_touchpoints_audits_are_left_out():
    audits = visits(("2026-09-02", 70)) + [audit("2026-09-02", result("a"), touchpoint="reception")]
    assert touchpoint_scores(audits, "reception", None).current.score.percent == 100


def test_a_touchpoint_without_a_target_has_no_gap():
    assert touchpoint_scores(visits(("2026-09-02", 70)), "door", None).gap is None


# ---------------------------------------------------------------------------- most missed

def test_standards_are_ranked_by_how_often_they_were_missed_with_their_latest_note():
    audits = [
        audit("2026-09-02", result("mats", "not met", note="first"), result("tags", "not met"), result("glass")),
        audit("2026-09-09", result("mats", "not met", note="second"), result("tags"), result("glass")),
        audit("2026-09-16", result("mats", "n/a"), result("tags", "not met"), result("glass")),
    ]
    missed = most_missed(audits)
    assert [(m.item, m.missed, m.observed) for m in missed] == [("mats", 2, 2), ("tags", 2, 3)]
    assert missed[0].last_note == "second"
    assert "glass" not in [m.item for m in missed]


def test_most_missed_is_empty_without_audits_and_respects_its_limit():
    assert most_missed([]) == []
    audits = [audit("2026-09-02", *[result(f"item {i}", "not met") for i in range(20)])]
    assert len(most_missed(audits, limit=5)) == 5


# ---------------------------------------------------------------------------- milestones

def milestone(date: str, target: int) -> Milestone:
    return Milestone("door", dt.date.fromisoformat(date), target)


def status(audits: list[Audit], date: str, target: int):
    return milestone_status(milestone(date, target), touchpoint_scores(audits, "door", None), TODAY)


def test_a_milestone_that_has_passed_was_met_when_the_last_score_before_it_reached_the_target():
    audits = visits(("2026-09-02", 70), ("2026-10-14", 86), ("2026-10-28", 60))
    passed = status(audits, "2026-10-15", 85)
    assert passed.state == MET_MILESTONE and passed.current == 86 and passed.projected is None


def test_a_milestone_that_has_passed_was_missed_when_the_last_score_before_it_fell_short():
    assert status(visits(("2026-09-02", 70), ("2026-10-14", 80)), "2026-10-20", 85).state == MISSED_MILESTONE


def test_a_milestone_ahead_is_on_track_when_the_latest_score_already_reaches_it():
    assert status(visits(("2026-09-02", 95), ("2026-10-14", 90)), "2026-12-31", 85).state == ON_TRACK


def test_a_milestone_ahead_is_on_track_when_the_trend_reaches_it_by_the_date():
    ahead = status(visits(("2026-09-01", 70), ("2026-10-01", 80)), "2026-11-15", 94)
    assert ahead.state == ON_TRACK
    assert ahead.projected == pytest.approx(95)


def test_a_milestone_ahead_is_at_risk_when_the_trend_falls_short():
    assert status(visits(("2026-09-01", 80), ("2026-10-01", 78)), "2026-12-31", 85).state == AT_RISK


def test_a_single_audit_below_a_milestone_ahead_gives_no_trend_and_is_at_risk():
    single = status(visits(("2026-10-01", 80)), "2026-12-31", 85)
    assert single.state == AT_RISK and single.projected is None


def test_a_milestone_without_audits_before_its_date_has_no_audits():
    assert status([], "2026-12-31", 85).state == NO_AUDITS
    assert status(visits(("2026-11-20", 90)), "2026-10-01", 85).state == NO_AUDITS


def test_the_trend_is_kept_between_0_and_100():
    rising = touchpoint_scores(visits(("2026-09-01", 10), ("2026-09-02", 90)), "door", None).scored
    assert trend_at(rising, dt.date(2027, 1, 1)) == 100
    assert trend_at(rising, dt.date(2026, 1, 1)) == 0
