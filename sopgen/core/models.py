"""The content model: what an SOP is, declared once and validated with source positions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Iterator

from .config import Config, unknown_touchpoint
from .load import Source, Span
from .problems import error_at
from .schema import (BOOL, CHOICE, DATE, ID, INT, LIST, MAP, NUMBER, OBJECT, TEXT, Field, OneOf, Shape,
                     Validator)

STATUSES = ("draft", "approved", "retired")
CHECK_KINDS = ("tick", "reading")
TIMES_OF_DAY = ("opening", "shift", "closing")     # the parts a shift checklist is laid out in


@dataclass(frozen=True)
class Step:
    do: str
    why: str | None = None
    allow: tuple[str, ...] = ()
    reason: str | None = None
    story: str | None = None
    title: str | None = None
    how: str | None = None
    phase: str | None = None      # the heading of the step group it was written in, if any


@dataclass(frozen=True)
class Phase:
    """A group of steps under a heading; the SOP's steps are numbered on across its phases."""

    phase: str
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class Scope:
    applies_to: str | None = None
    excludes: str | None = None


@dataclass(frozen=True)
class When:
    trigger: str | None = None
    frequency: str | None = None


@dataclass(frozen=True)
class Definition:
    term: str
    meaning: str


@dataclass(frozen=True)
class SafetyNote:
    note: str
    why: str | None = None


@dataclass(frozen=True)
class Standard:
    """A measured service standard an audit can score: not step choreography."""

    measure: str
    target: str
    why: str | None = None


@dataclass(frozen=True)
class Record:
    name: str
    kept_by: str | None = None
    retention: str | None = None


@dataclass(frozen=True)
class Figure:
    file: str          # as written: a path under the project's assets/ folder
    alt: str
    caption: str | None = None
    step: int | None = None    # the printed number of the step it belongs to


@dataclass(frozen=True)
class Cue:
    notice: str
    respond: str
    story: str | None = None


@dataclass(frozen=True)
class Recovery:
    when: str
    do: str


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool = False


@dataclass(frozen=True)
class Question:
    question: str
    answer: str | None = None
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to check on a shift: ticked, or a reading written down and compared with its limits."""

    text: str
    kind: str = "tick"
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    na: bool = False              # "not applicable" is a fair answer, as for "on rainy days"
    when: str = "shift"           # opening, shift (any time during it) or closing


@dataclass(frozen=True)
class Revision:
    version: str
    date: dt.date | None
    by: str | None
    change: str


@dataclass(frozen=True)
class SopLint:
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class TextRef:
    """One piece of guest-facing text the linter reads, and where it came from."""

    label: str          # "step 3", "cue 1 (respond)", "checklist item 2"
    key: str            # the field path used to find its span: "steps[2].do"
    text: str
    span: Span | None
    allow: tuple[str, ...] = ()


@dataclass
class Sop:
    id: str = ""
    title: str = ""
    touchpoint: str = ""
    version: str = ""
    status: str = ""
    owner: str = ""
    purpose: str = ""
    steps: list[Step] = field(default_factory=list)
    approved_by: str | None = None
    effective: dt.date | None = None
    review_by: dt.date | None = None
    outcome: str | None = None
    roles: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    supersedes: list[str] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    recovery: list[Recovery] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)          # each item's text
    checklist_items: list[ChecklistItem] = field(default_factory=list)
    knowledge_check: list[Question] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    lint: SopLint = field(default_factory=SopLint)
    order: int | None = None
    meta: dict[str, str] = field(default_factory=dict)
    scope: Scope | None = None
    when: When | None = None
    definitions: list[Definition] = field(default_factory=list)
    equipment: list[str] = field(default_factory=list)
    safety: list[SafetyNote] = field(default_factory=list)
    standards: list[Standard] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    source: Source | None = None
    spans: dict[str, Span] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.source.display if self.source else "<memory>"

    def span(self, key: str) -> Span | None:
        return self.spans.get(key)

    def instructions(self) -> Iterator[TextRef]:
        """The texts that tell a colleague what to do, as the SOP's shapes mark them (instruction=True):
        what the wording rules read. Steps inside phases are read in their running order."""
        for name, shape, fields in _INSTRUCTION_LISTS:
            for i, item in enumerate(getattr(self, _ITEMS.get(name, name))):
                key = f"{name}[{i}]"
                for part in fields:
                    text = getattr(item, part.name)
                    if not text:
                        continue
                    # an item that may be written as bare text is named by its own key
                    text_key = key if shape.scalar_field == part.name else f"{key}.{part.name}"
                    label = f"{shape.label or shape.noun} {i + 1}" + ("" if part.required else f" ({part.name})")
                    yield TextRef(label, text_key, text, self.span(f"{key}.{part.name}") or self.span(key),
                                  getattr(item, "allow", ()))


def _tuple_of(name: str):
    def convert(values: dict) -> dict:
        if values.get(name) is not None:
            values[name] = tuple(values[name])
        return values
    return convert


STEP = Shape("step", (
    Field("title", TEXT, instruction=True, description="a short title for the step, printed above it"),
    Field("do", TEXT, required=True, instruction=True,
          description="what to achieve, as an instruction to a colleague"),
    Field("how", TEXT, instruction=True, description="optional detail: how it is usually done"),
    Field("why", TEXT, description="the reason: what it means for the guest"),
    Field("allow", LIST, item=Field("code", "code"),
          description="lint rule codes this step may break on purpose; give a reason"),
    Field("reason", TEXT, description="why the allowed rule does not apply here"),
    Field("story", ID, description="the id of the story in stories/ this step came from"),
), lambda v: Step(**_tuple_of("allow")(v)))

PHASE = Shape("phase", (
    Field("phase", TEXT, required=True, description="the heading of this group of steps"),
    Field("steps", LIST, required=True, item=STEP, description="the steps of this phase, each with a why"),
), lambda v: Phase(v["phase"], tuple(v["steps"] or ())))


# A list item holding 'phase:' or 'steps:' is a group of steps; anything else is a step.
STEP_OR_PHASE = OneOf(STEP, PHASE, ("phase", "steps"))

CUE = Shape("cue", (
    Field("notice", TEXT, required=True, description="what to look out for"),
    Field("respond", TEXT, required=True, instruction=True, description="how to respond"),
    Field("story", ID, description="the id of the story in stories/ this cue came from"),
), lambda v: Cue(**v))

RECOVERY = Shape("recovery item", (
    Field("when", TEXT, required=True, description="what went wrong"),
    Field("do", TEXT, required=True, instruction=True, description="how to put it right"),
), lambda v: Recovery(**v), label="recovery")

CHOICE_SHAPE = Shape("choice", (
    Field("text", TEXT, required=True, description="the answer to offer"),
    Field("correct", BOOL, default=False, description="true for the right answer"),
), lambda v: Choice(**v), scalar_field="text")

QUESTION = Shape("knowledge check question", (
    Field("question", TEXT, required=True, description="a question that checks understanding"),
    Field("answer", TEXT, description="the answer a trainer looks for"),
    Field("choices", LIST, item=CHOICE_SHAPE, description="multiple-choice answers, one marked correct: true"),
), lambda v: Question(**_tuple_of("choices")(v)))

CHECKLIST_ITEM = Shape("checklist item", (
    Field("text", TEXT, required=True, instruction=True, description="what to check, as an instruction"),
    Field("kind", CHOICE, choices=CHECK_KINDS, default="tick",
          description="tick (done or not) or reading (a value to write down, such as a temperature)"),
    Field("unit", TEXT, description="for a reading: its unit, such as °C"),
    Field("min", NUMBER, description="for a reading: the lowest acceptable value"),
    Field("max", NUMBER, description="for a reading: the highest acceptable value"),
    Field("na", BOOL, default=False,
          description="true when 'not applicable' is a fair answer, as for an item only needed on rainy days"),
    Field("when", CHOICE, choices=TIMES_OF_DAY, default="shift",
          description="opening, shift (any time during it) or closing: where it goes on the shift checklist"),
), lambda v: ChecklistItem(**v), scalar_field="text")


def _sop(values: dict) -> "Sop":
    items = values.get("checklist") or []
    values["checklist_items"] = list(items)
    values["checklist"] = [item.text for item in items]
    values["steps"] = flat_steps(values.get("steps") or [])
    return Sop(**{k: val for k, val in values.items() if val is not None})


def flat_steps(items: list) -> list[Step]:
    """Steps in reading order, each group's steps marked with its phase."""
    steps: list[Step] = []
    for item in items:
        if isinstance(item, Phase):
            steps += [replace(step, phase=item.phase) for step in item.steps]
        else:
            steps.append(item)
    return steps


SCOPE = Shape("scope", (
    Field("applies_to", TEXT, description="who and what the SOP covers"),
    Field("excludes", TEXT, description="what it does not cover, and where that is found"),
), lambda v: Scope(**v))

WHEN = Shape("when", (
    Field("trigger", TEXT, description="what starts the procedure"),
    Field("frequency", TEXT, description="how often it is done, such as 'every arrival' or 'each evening'"),
), lambda v: When(**v))

DEFINITION = Shape("definition", (
    Field("term", TEXT, required=True, description="the word or phrase defined"),
    Field("meaning", TEXT, required=True, description="what it means in this SOP"),
), lambda v: Definition(**v))

SAFETY_NOTE = Shape("safety note", (
    Field("note", TEXT, required=True, description="the safety or legal point, as exactly as it must be followed"),
    Field("why", TEXT, description="the risk it guards against"),
), lambda v: SafetyNote(**v))

STANDARD = Shape("standard", (
    Field("measure", TEXT, required=True, description="what is measured, such as the time to answer a call"),
    Field("target", TEXT, required=True, description="the level to meet, such as 'within three rings'"),
    Field("why", TEXT, description="why the measure matters to the guest"),
), lambda v: Standard(**v))

RECORD = Shape("record", (
    Field("name", TEXT, required=True, description="the form or record"),
    Field("kept_by", TEXT, description="the role that keeps it"),
    Field("retention", TEXT, description="how long it is kept, and what happens to it then"),
), lambda v: Record(**v))

FIGURE = Shape("figure", (
    Field("file", TEXT, required=True, description="a PNG, JPEG, GIF or WebP image under the project's assets/ folder"),
    Field("alt", TEXT, required=True, description="what the picture shows, for someone who cannot see it"),
    Field("caption", TEXT, description="a caption printed under the picture"),
    Field("step", INT, description="the number of the step it belongs to, counted across phases"),
), lambda v: Figure(**v))


REVISION = Shape("revision", (
    Field("version", TEXT, required=True, description="the version this change produced"),
    Field("date", DATE, description="when the change took effect"),
    Field("by", TEXT, description="who made the change"),
    Field("change", TEXT, required=True, description="what changed and why"),
), lambda v: Revision(**v))

SOP_LINT = Shape("lint settings", (
    Field("ignore", LIST, item=Field("code", "code"), description="rule codes not checked in this SOP"),
), lambda v: SopLint(**_tuple_of("ignore")(v)))

SOP = Shape("SOP", (
    Field("id", ID, required=True, description="a unique id: lowercase letters, digits and hyphens"),
    Field("title", TEXT, required=True, description="the SOP's title"),
    Field("touchpoint", ID, required=True, description="the id of a touchpoint in sopgen.yaml's journey"),
    Field("version", TEXT, required=True, description="the document version, in quotes, such as \"1.2\""),
    Field("status", CHOICE, required=True, choices=STATUSES, description="draft, approved or retired"),
    Field("owner", TEXT, required=True, description="the role that owns and maintains this SOP"),
    Field("approved_by", TEXT, description="the role that approved this version"),
    Field("effective", DATE, description="the date this version takes effect"),
    Field("review_by", DATE, description="the date by which it must be reviewed"),
    Field("roles", LIST, item=Field("role", TEXT), description="the roles that carry out this SOP"),
    Field("purpose", TEXT, required=True, description="why this SOP exists, for the guest"),
    Field("outcome", TEXT, description="what a guest experiences when it is done well"),
    Field("steps", LIST, required=True, item=STEP_OR_PHASE,
          description="what to do, each with a why; or groups of steps, each with 'phase:' and 'steps:'"),
    Field("cues", LIST, item=CUE, description="signs to notice and how to respond"),
    Field("recovery", LIST, item=RECOVERY, description="how to put things right"),
    Field("checklist", LIST, item=CHECKLIST_ITEM,
          description="things to check on a shift: text for a tick box, or text: with kind:, unit:, min:, max:, "
                      "na: and when:"),
    Field("knowledge_check", LIST, item=QUESTION, description="questions that check understanding"),
    Field("revisions", LIST, item=REVISION, description="the revision history, newest first"),
    Field("references", LIST, item=Field("reference", TEXT), description="related documents and policies"),
    Field("supersedes", LIST, item=Field("sop id", ID), description="ids of SOPs this one replaces"),
    Field("lint", OBJECT, shape=SOP_LINT, description="wording-rule settings for this SOP"),
    Field("order", INT, description="where the SOP comes within its touchpoint: lower first (default 1), then by file name"),
    Field("meta", MAP, key=Field("key", TEXT), item=Field("value", TEXT, required=True), nonempty=True,
          description="your organisation's own document fields, such as code or department, shown in document control"),
    Field("scope", OBJECT, shape=SCOPE, nonempty=True, description="who the SOP applies to, and what it excludes"),
    Field("when", OBJECT, shape=WHEN, nonempty=True, description="what starts the procedure, and how often"),
    Field("definitions", LIST, item=DEFINITION, nonempty=True, description="terms used in the SOP and their meanings"),
    Field("equipment", LIST, item=Field("item", TEXT, required=True), nonempty=True,
          description="what you need to carry out the SOP"),
    Field("safety", LIST, item=SAFETY_NOTE, nonempty=True, description="safety and legal notes, each with its reason"),
    Field("standards", LIST, item=STANDARD, nonempty=True,
          description="measured service standards an audit can score: a measure, a target and why it matters"),
    Field("records", LIST, item=RECORD, nonempty=True, description="forms and records kept: name, kept_by, retention"),
    Field("figures", LIST, item=FIGURE, nonempty=True,
          description="pictures of a set-up: file under assets/, alt text, caption, and the step it belongs to"),
), _sop)

# (list, item shape, field) for every field the shapes mark as an instruction, in the SOP's order
def _item_shape(item) -> Shape | None:
    # a list of steps or of phases is read as the flat list of steps the phases hold
    return item.usual if isinstance(item, OneOf) else item if isinstance(item, Shape) else None


# (list, item shape, its instruction fields) for every list whose items the shapes mark as instructions
_INSTRUCTION_LISTS = tuple((list_field.name, shape, parts) for list_field in SOP.fields
                           if (shape := _item_shape(list_field.item))
                           and (parts := tuple(part for part in shape.fields if part.instruction)))
_ITEMS = {"checklist": "checklist_items"}   # the attribute holding a list's items, where _sop renamed it


def check_sop(sop: Sop, config: Config, v: Validator) -> None:
    """What the shape alone cannot check: the touchpoint is in the journey, dates in order, allowed
    wording with a reason, readings and questions that make sense."""
    def report(key: str, code: str, rule: str, message: str, hint: str) -> None:
        v.problems.append(error_at(sop.path, sop.span(key), code, rule, message, hint))

    if sop.touchpoint and config.touchpoint(sop.touchpoint) is None:
        v.problems.append(unknown_touchpoint(sop.path, sop.span("touchpoint"), sop.touchpoint, config))
    if sop.effective and sop.review_by and sop.review_by <= sop.effective:
        report("review_by", "SOP013", "date-order",
               f"review_by ({sop.review_by.isoformat()}) is not after effective ({sop.effective.isoformat()})",
               "set the review date after the date the SOP takes effect")
    for index, step in zip(v.indices.get("steps", ()), sop.steps):
        if step.allow and not step.reason:
            report(f"steps[{index}].allow[0]", "SOP014", "allow-without-reason",
                   f"step {index + 1} allows {', '.join(step.allow)} without a reason",
                   "add 'reason:' to the step saying why the wording is needed here")
    already = {(p.line, p.column) for p in v.problems}
    for index, item in zip(v.indices.get("checklist", ()), sop.checklist_items):
        key = f"checklist[{index}]"
        kind_span = sop.span(f"{key}.kind")
        if kind_span and (kind_span.line, kind_span.column) in already:
            continue   # its kind was misspelt and reported: whether it is a reading is not known
        if item.kind != "reading":
            for name in ("unit", "min", "max"):
                if getattr(item, name) is not None:
                    report(f"{key}.{name}", "SOP016", "bad-checklist-item",
                           f"checklist item {index + 1} has '{name}' but is not a reading",
                           "add 'kind: reading' to write a value down, or remove '" + name + "'")
        elif item.min is not None and item.max is not None and item.min > item.max:
            report(f"{key}.min", "SOP016", "bad-checklist-item",
                   f"checklist item {index + 1} has min {item.min} above max {item.max}",
                   "write the lowest acceptable value as min and the highest as max")
    for index, question in zip(v.indices.get("knowledge_check", ()), sop.knowledge_check):
        key = f"knowledge_check[{index}].question"
        if question.choices:
            correct = sum(choice.correct for choice in question.choices)
            if correct != 1:
                report(key, "SOP015", "bad-question",
                       f"knowledge check question {index + 1} has {correct} correct choices",
                       "mark exactly one choice with 'correct: true'")
        elif not question.answer:
            report(key, "SOP015", "bad-question",
                   f"knowledge check question {index + 1} has neither an answer nor choices",
                   "add 'answer:' with what a trainer listens for, or 'choices:'")
