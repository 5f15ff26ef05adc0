"""What `sopgen stories` prints: per touchpoint, the stories collected, adopted and waiting."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..core.config import Touchpoint
from ..core.project import Project
from .stories import Adoption, Story, adoptions

RECOGNISED = 3      # colleagues named per touchpoint


@dataclass(frozen=True)
class TouchpointStories:
    touchpoint: Touchpoint
    stories: list[Story]
    adopted: list[Adoption]
    backlog: list[Story]                    # oldest first
    recognition: list[tuple[str, int]]      # the colleagues named in most stories; empty when nobody is named

    @property
    def practices(self) -> int:
        """How many of the stories an SOP took up."""
        return len({adoption.story.id for adoption in self.adopted})


def summarise(project: Project) -> list[TouchpointStories]:
    adopted = adoptions(project.stories, project.sops)
    adopted_ids = {adoption.story.id for adoption in adopted}
    summaries = []
    for touchpoint in project.config.journey:
        stories = [story for story in project.stories if story.touchpoint == touchpoint.id]
        names = Counter(name for story in stories for name in dict.fromkeys(story.who))
        summaries.append(TouchpointStories(
            touchpoint,
            stories,
            [adoption for adoption in adopted if adoption.story.touchpoint == touchpoint.id],
            sorted((story for story in stories if story.id not in adopted_ids), key=lambda s: (s.date, s.id)),
            sorted(names.items(), key=lambda item: (-item[1], item[0]))[:RECOGNISED],
        ))
    return summaries


def format_summary(summaries: list[TouchpointStories], today: dt.date) -> str:
    collected = sum(len(s.stories) for s in summaries)
    adopted = sum(s.practices for s in summaries)
    waiting = sum(len(s.backlog) for s in summaries)
    lines = [f"{_count(collected, 'story', 'stories')} collected, {_count(adopted, 'practice')} adopted, "
             f"{waiting} in the backlog"]
    for summary in summaries:
        lines.append("")
        if not summary.stories:
            lines.append(f"{summary.touchpoint.name}: no stories yet")
            continue
        lines.append(f"{summary.touchpoint.name}: {_count(len(summary.stories), 'story', 'stories')}, "
                     f"{_count(summary.practices, 'practice')} adopted")
        if summary.adopted:
            lines.append("  Adopted:")
            for adoption in summary.adopted:
                where = f" ({', '.join(adoption.places)})" if adoption.places else ""
                lines.append(f"    {adoption.story.date}  {adoption.story.title} → {adoption.sop}{where}")
        if summary.backlog:
            lines.append("  Backlog, oldest first:")
            for story in summary.backlog:
                waited = (today - story.date).days
                lines.append(f"    {story.date}  {story.title} ({story.id}, waiting {_count(waited, 'day')})")
        if summary.recognition:
            lines.append("  Recognition: " + ", ".join(f"{name} ({count})" for name, count in summary.recognition))
    return "\n".join(lines) + "\n"


def _count(number: int, singular: str, plural: str = "") -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
