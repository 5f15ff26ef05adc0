"""`sopgen brief`: the same date gives the same card, and one cycle of days asks every question."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.core.models import Cue, Question, Recovery, Sop, Step
from sopgen.training.brief import QUESTIONS_PER_CARD, card_for, cycle_length, question_pool

REPO = Path(__file__).resolve().parents[2]


def library(questions_per_sop: tuple[int, ...]) -> list[Sop]:
    sops = []
    for n, count in enumerate(questions_per_sop):
        sops.append(Sop(id=f"sop-{n}", title=f"SOP {n}", touchpoint="door", status="approved",
                        steps=[Step("Do it.", "Because.")],
                        cues=[Cue(f"Cue {n}", "Respond.")], recovery=[Recovery(f"When {n}", "Fix it.")],
                        knowledge_check=[Question(f"Question {n}.{q}?", answer="Yes.") for q in range(count)]))
    return sops


def asked(card) -> set[tuple[str, int]]:
    return {(entry.sop.id, entry.number) for entry in card.questions}


@pytest.mark.parametrize("shape", [(3, 3, 3), (1, 2, 3, 4, 5), (4,), (2,), (3, 1, 4, 1, 5, 9, 2, 6)])
def test_every_question_is_asked_within_one_cycle_from_any_day(shape):
    sops = library(shape)
    everything = {(q.sop.id, q.number) for q in question_pool(sops)}
    cycle = cycle_length(len(everything))
    assert cycle == -(-len(everything) // QUESTIONS_PER_CARD)
    for start in (dt.date(2026, 1, 1), dt.date(2026, 11, 23), dt.date(2031, 7, 4)):
        seen = set()
        for offset in range(cycle):
            seen |= asked(card_for(start + dt.timedelta(days=offset), sops))
        assert seen == everything


def test_the_same_date_always_gives_the_same_card():
    day = dt.date(2026, 11, 23)
    first, again = card_for(day, library((3, 4, 5))), card_for(day, list(reversed(library((3, 4, 5)))))
    assert [q.question.question for q in first.questions] == [q.question.question for q in again.questions]
    assert first.focus == again.focus and (first.number, first.cycle) == (again.number, again.cycle)


def test_a_card_holds_four_different_questions_when_there_are_enough():
    card = card_for(dt.date(2026, 11, 23), library((3, 3, 3)))
    assert len(card.questions) == QUESTIONS_PER_CARD == len(asked(card))


def test_consecutive_days_ask_different_questions():
    sops = library((3, 3, 3, 3))
    monday, tuesday = (card_for(dt.date(2026, 11, 23) + dt.timedelta(days=d), sops) for d in (0, 1))
    assert asked(monday).isdisjoint(asked(tuesday))


def test_the_focus_of_the_day_turns_through_cues_and_recoveries():
    sops = library((1, 1, 1))
    focuses = {(card_for(dt.date(2026, 1, 1) + dt.timedelta(days=d), sops).focus.situation) for d in range(6)}
    assert focuses == {"Cue 0", "Cue 1", "Cue 2", "When 0", "When 1", "When 2"}


def test_brief_writes_a_one_page_pdf_and_markdown_that_repeat_for_a_date(make_project, run_cli, tmp_path):
    root = make_project()
    code, out, err = run_cli(["brief", "--date", "2026-11-23", "--out", tmp_path / "a"], cwd=root)
    assert code == 0, err
    assert run_cli(["brief", "--date", "2026-11-23", "--out", tmp_path / "b"], cwd=root)[0] == 0
    markdown = (tmp_path / "a" / "brief-2026-11-23.md").read_text(encoding="utf-8")
    assert markdown == (tmp_path / "b" / "brief-2026-11-23.md").read_text(encoding="utf-8")
    assert "Monday 23 November 2026" in markdown
    assert "Why do we open the door before the guest reaches it?" in markdown
    assert "## Notes for today" in markdown and "It shows that they were expected." in markdown
    assert len(PdfReader(tmp_path / "a" / "brief-2026-11-23.pdf").pages) == 1


@pytest.mark.parametrize("day", ["2026-11-23", "2026-11-27", "2027-02-28"])
def test_the_example_library_card_fits_on_one_page(run_cli, tmp_path, day):
    code, out, err = run_cli(["brief", "--date", day, "--out", tmp_path], cwd=REPO)
    assert code == 0, err
    assert len(PdfReader(tmp_path / f"brief-{day}.pdf").pages) == 1


def test_brief_for_one_touchpoint_names_it(run_cli, tmp_path):
    code, out, err = run_cli(["brief", "--date", "2026-11-23", "--touchpoint", "bookings", "--out", tmp_path],
                             cwd=REPO)
    assert code == 0, err
    markdown = (tmp_path / "brief-2026-11-23-bookings.md").read_text(encoding="utf-8")
    assert "· Bookings ·" in markdown
    assert "(Bookings)" in markdown and "(Door concierge)" not in markdown


def test_drafts_and_retired_sops_are_not_briefed():
    from sopgen.pipeline import load_project
    from sopgen.training.brief import briefed_sops

    sops = briefed_sops(load_project(REPO))
    assert sops and all(sop.status == "approved" for sop in sops)


@pytest.mark.parametrize("args, message", [
    (["--touchpoint", "dor"], "did you mean 'door'?"),
    (["--date", "23/11/2026"], "write it as YYYY-MM-DD"),
])
def test_bad_brief_options_exit_2_with_a_reason(make_project, run_cli, args, message):
    code, out, err = run_cli(["brief", *args], cwd=make_project())
    assert code == 2 and message in err
