"""The daily line-up card: a few knowledge-check questions and one thing to focus on, rotated by date.

The questions of every approved SOP are put in a fixed order by a stable key
(a hash of the SOP id and the question, so the order does not change from one
run or machine to the next) and cut into windows of QUESTIONS_PER_CARD. The
day number picks the window, so over one cycle of ceil(questions / 4) days
every question comes up, and the same date always gives the same card. The
focus of the day (a cue or a recovery) turns the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass

from ..core.models import Question, Sop
from ..core.project import Project

QUESTIONS_PER_CARD = 4


@dataclass(frozen=True)
class PoolQuestion:
    sop: Sop
    number: int             # 1-based, as the handbook numbers it
    question: Question


@dataclass(frozen=True)
class Focus:
    sop: Sop
    kind: str               # "cue" or "recovery"
    situation: str          # what to notice, or what went wrong
    response: str


@dataclass(frozen=True)
class Card:
    date: dt.date
    questions: list[PoolQuestion]
    focus: Focus | None
    number: int             # 1-based position in the cycle
    cycle: int              # cards in a full cycle


def stable_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def briefed_sops(project: Project, touchpoint: str | None = None) -> list[Sop]:
    """Approved SOPs only: a draft is not yet what we train, a retired one no longer is."""
    return [sop for sop in project.sops if sop.status == "approved" and touchpoint in (None, sop.touchpoint)]


def question_pool(sops: list[Sop]) -> list[PoolQuestion]:
    pool = [PoolQuestion(sop, number, question) for sop in sops
            for number, question in enumerate(sop.knowledge_check, start=1)]
    return sorted(pool, key=lambda q: stable_key(q.sop.id, str(q.number), q.question.question))


def focus_pool(sops: list[Sop]) -> list[Focus]:
    pool = [Focus(sop, "cue", cue.notice, cue.respond) for sop in sops for cue in sop.cues]
    pool += [Focus(sop, "recovery", item.when, item.do) for sop in sops for item in sop.recovery]
    return sorted(pool, key=lambda f: stable_key(f.sop.id, f.kind, f.situation))


def cycle_length(questions: int, per_card: int = QUESTIONS_PER_CARD) -> int:
    return max(1, math.ceil(questions / per_card))


def card_for(day: dt.date, sops: list[Sop], per_card: int = QUESTIONS_PER_CARD) -> Card:
    questions = question_pool(sops)
    cycle = cycle_length(len(questions), per_card)
    window = day.toordinal() % cycle
    chosen = [questions[(window * per_card + i) % len(questions)] for i in range(min(per_card, len(questions)))]
    focuses = focus_pool(sops)
    focus = focuses[day.toordinal() % len(focuses)] if focuses else None
    return Card(day, chosen, focus, window + 1, cycle)


def long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def brief_context(project: Project, card: Card, touchpoint: str | None, today: dt.date, text) -> dict:
    from ..render.context import project_context

    names = {t.id: t.name for t in project.config.journey}

    def question(entry: PoolQuestion, number: int) -> dict:
        q = entry.question
        return {"number": number, "question": text(q.question), "answer": text(q.answer) if q.answer else None,
                "choices": [{"letter": chr(ord("A") + i), "text": text(c.text), "correct": c.correct}
                            for i, c in enumerate(q.choices)],
                "sop": {"id": entry.sop.id, "title": entry.sop.title,
                        "touchpoint": names.get(entry.sop.touchpoint, entry.sop.touchpoint)}}

    focus = card.focus
    return {
        "project": project_context(project, today, len(project.sops)),
        "brief": {
            "date": long_date(card.date),
            "iso_date": card.date.isoformat(),
            "touchpoint": names.get(touchpoint) if touchpoint else None,
            "card": card.number,
            "cycle": card.cycle,
            "questions": [question(entry, n) for n, entry in enumerate(card.questions, start=1)],
            "focus": {"kind": focus.kind, "situation": text(focus.situation), "response": text(focus.response),
                      "sop": {"id": focus.sop.id, "title": focus.sop.title,
                              "touchpoint": names.get(focus.sop.touchpoint, focus.sop.touchpoint)}}
                     if focus else None,
        },
    }
