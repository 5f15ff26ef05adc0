"""The knowledge-check questions an export holds, and the ones it leaves out with the reason."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ...core.models import Question, Sop
from ...core.project import Project
from ..programme import Programme


@dataclass(frozen=True)
class QuizItem:
    sop: Sop
    number: int             # 1-based, as the handbook numbers it
    question: Question
    category: str           # where it is filed: a touchpoint, or a programme week

    @property
    def name(self) -> str:
        return f"{self.sop.id}-q{self.number}"


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.name}: {self.reason}"


def quiz_items(project: Project, programme: Programme | None = None) -> tuple[list[QuizItem], list[Skipped]]:
    """Every question of the library (in journey order), or of a programme (in teaching order).

    Questions of draft SOPs are left out: a draft is not yet approved for training.
    """
    if programme is not None:
        by_id = {sop.id: sop for sop in project.sops}
        groups = [(f"Week {week}: {module.title}", [by_id[s] for s in module.sops])
                  for week, module in enumerate(programme.modules, start=1)]
    else:
        names = {t.id: t.name for t in project.config.journey}
        groups = [(names[t.id], project.sops_at(t.id)) for t in project.config.journey]
    items, skipped = [], []
    for category, sops in groups:
        for sop in sops:
            for number, question in enumerate(sop.knowledge_check, start=1):
                item = QuizItem(sop, number, question, category)
                if sop.status != "approved":
                    skipped.append(Skipped(item.name, f"the SOP is {sop.status}, not approved for training"))
                else:
                    items.append(item)
    return items, skipped


_BLOCK_TAG = re.compile(r"</?(?:p|br|li|ul|ol)\b[^>]*>")
_INLINE_TAG = re.compile(r"<[^>]+>")


def plain_text(markdown_text: str) -> str:
    """Inline Markdown as one line of plain text: for formats that cannot show formatting."""
    from ...render.markup import to_html

    rendered = _INLINE_TAG.sub("", _BLOCK_TAG.sub(" ", str(to_html(markdown_text))))
    return " ".join(html.unescape(rendered).split())


def one_line(text: str) -> str:
    return " ".join(text.split())
