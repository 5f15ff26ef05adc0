"""Stories of exceptional service, read from stories/, and the SOPs whose practice they shaped.

A story is adopted when an SOP takes up its practice: the story names the SOP
(`adopted_in:`), or a step or cue of the SOP names the story (`story:`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..core.config import Config, unknown_touchpoint
from ..core.load import Span
from ..core.models import Sop
from ..core.problems import Problem, error_at
from ..core.project import unknown_sop
from ..core.reader import Reader
from ..core.schema import DATE, ID, LIST, TEXT, Field, Shape, did_you_mean
from ..core.sources import STORIES_DIR


@dataclass
class Story:
    id: str
    title: str
    date: dt.date
    touchpoint: str
    happened: str
    exceptional: str
    sop: str | None = None
    who: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    adopted_in: str | None = None
    path: str = ""
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass(frozen=True)
class Adoption:
    """A story whose practice an SOP took up, and where the SOP names it ("step 2", "cue 1")."""

    story: Story
    sop: str
    places: tuple[str, ...] = ()


STORY = Shape("story", (
    Field("id", ID, required=True, description="a unique id, such as 'umbrella-to-the-taxi'"),
    Field("title", TEXT, required=True, description="a few words that name the moment"),
    Field("date", DATE, required=True, description="the day it happened"),
    Field("touchpoint", ID, required=True, description="the id of the touchpoint where it happened"),
    Field("sop", ID, description="the id of the SOP the moment relates to"),
    Field("who", LIST, item=Field("name", TEXT),
          description="the colleagues to recognise, when they are happy to be named"),
    Field("happened", TEXT, required=True, description="what happened, told as you would tell a colleague"),
    Field("exceptional", TEXT, required=True, description="what made it exceptional for the guest"),
    Field("tags", LIST, item=Field("tag", TEXT), description="a few words to group stories by"),
    Field("adopted_in", ID, description="the id of the SOP that now includes the practice"),
), lambda v: Story(**v))


def load_stories(config: Config, sops: list[Sop], reader: Reader | None = None) -> tuple[list[Story], list[Problem]]:
    """Every valid story in stories/, with every problem in them and in the SOPs' `story:` references."""
    reader = reader or Reader(config.root, config.limits)
    folder = config.root / STORIES_DIR
    paths, problems = reader.folder(folder) if folder.is_dir() else ([], [])
    stories: list[Story] = []
    sop_ids = [sop.id for sop in sops if sop.id]
    for path in paths:
        story, validator, found = reader.shaped(path, STORY)
        if story is not None:
            story.path, story.spans = validator.source.display, validator.spans
            found += _check_story(story, config, sop_ids)
        problems += found
        if story is not None and not found:
            stories.append(story)
    problems += _duplicate_ids(stories)
    problems += _unknown_story_references(sops, [story.id for story in stories])
    return stories, problems


def _check_story(story: Story, config: Config, sop_ids: list[str]) -> list[Problem]:
    problems = []
    if config.touchpoint(story.touchpoint) is None:
        problems.append(unknown_touchpoint(story.path, story.spans.get("touchpoint"), story.touchpoint, config))
    for key in ("sop", "adopted_in"):
        sop_id = getattr(story, key)
        if sop_id and sop_id not in sop_ids:
            problems.append(unknown_sop(story.path, story.spans.get(key), f"'{key}'", sop_id, sop_ids))
    return problems


def _duplicate_ids(stories: list[Story]) -> list[Problem]:
    first: dict[str, Story] = {}
    problems = []
    for story in stories:
        if story.id in first:
            problems.append(error_at(story.path, story.spans.get("id"), "SOP011", "duplicate-id",
                                     f"story id '{story.id}' is already used by {first[story.id].path}",
                                     "give every story its own id"))
        first.setdefault(story.id, story)
    return problems


def _story_references(sop: Sop):
    """(label, span key, story id) for every step and cue of ``sop`` that names a story."""
    for i, step in enumerate(sop.steps):
        if step.story:
            yield f"step {i + 1}", f"steps[{i}].story", step.story
    for i, cue in enumerate(sop.cues):
        if cue.story:
            yield f"cue {i + 1}", f"cues[{i}].story", cue.story


def _unknown_story_references(sops: list[Sop], story_ids: list[str]) -> list[Problem]:
    return [error_at(sop.path, sop.span(key), "SOP040", "unknown-story",
                     f"{label} names story '{story_id}', which is not in {STORIES_DIR}/"
                     + did_you_mean(story_id, story_ids),
                     f"write the 'id:' of a story in {STORIES_DIR}/, or remove 'story:'")
            for sop in sops for label, key, story_id in _story_references(sop) if story_id not in story_ids]


def adoptions(stories: list[Story], sops: list[Sop]) -> list[Adoption]:
    """Each (story, SOP) pair where the SOP took up the story's practice, oldest story first."""
    by_id = {story.id: story for story in stories}
    places: dict[tuple[str, str], list[str]] = defaultdict(list)
    for story in stories:
        if story.adopted_in:
            places[story.id, story.adopted_in] = []
    for sop in sops:
        for label, _, story_id in _story_references(sop):
            if story_id in by_id:
                places[story_id, sop.id].append(label)
    found = [Adoption(by_id[story_id], sop_id, tuple(where)) for (story_id, sop_id), where in places.items()]
    return sorted(found, key=lambda adoption: (adoption.story.date, adoption.story.id, adoption.sop))
