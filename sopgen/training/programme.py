"""programme.yaml: training programmes over the SOP library, declared once and validated strictly.

A programme is a sequence of modules (one a week), each covering some SOPs
with observable objectives, timed activities and a way to assess competence.
Unknown SOP ids, touchpoints and keys are reported with file:line:col and a
"did you mean", exactly as they are for SOP files.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..core.config import CONFIG_NAME, Config, unknown_touchpoint
from ..core.load import LoadFailed, Source, Span
from ..core.models import Sop
from ..core.problems import Problem, Severity, error_at
from ..core.reader import Reader, display_path
from ..core.schema import CHOICE, ID, INT, LIST, OBJECT, TEXT, Field, Shape, Validator, did_you_mean
from ..core.sources import DEFAULT_RECORDS_FOLDER

ACTIVITY_TYPES = ("shadowing", "role-play", "discussion", "quiz")
DEFAULT_REFRESHER_MONTHS = 12


@dataclass(frozen=True)
class Activity:
    type: str
    minutes: int
    description: str | None = None


@dataclass(frozen=True)
class Assessment:
    observed_by: str | None = None
    quiz_pass_mark: int | None = None
    observe: tuple[str, ...] = ()


@dataclass(frozen=True)
class Audience:
    roles: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()


@dataclass(frozen=True)
class Objective:
    text: str
    sop: str | None = None      # the SOP it is signed off with; None: the week as a whole


@dataclass(frozen=True)
class Module:
    title: str
    sops: tuple[str, ...]
    objectives: tuple[str, ...]
    activities: tuple[Activity, ...]
    session_minutes: int
    assessment: Assessment
    focus: str | None = None
    reflection: tuple[str, ...] = ()
    key: str = ""       # where it was read from: "programmes[0].modules[2]"
    objective_sops: tuple[str | None, ...] = ()   # for each objective, the SOP it belongs to, if one

    def objectives_for(self, sop_id: str | None) -> list[str]:
        """The objectives signed off with one SOP, or with None those that belong to the whole week."""
        sops = self.objective_sops or (None,) * len(self.objectives)
        return [text for text, sop in zip(self.objectives, sops) if sop == sop_id]


@dataclass
class Programme:
    id: str
    name: str
    audience: Audience
    modules: list[Module]
    summary: str | None = None
    key: str = ""

    def sop_ids(self) -> list[str]:
        """Every SOP the programme covers, in the order it is taught."""
        return [sop_id for module in self.modules for sop_id in module.sops]


@dataclass(frozen=True)
class ObjectiveRef:
    """One learning objective and where it is written, for the wording rule."""

    label: str          # "objective 2 of week 1 in front-of-house"
    key: str            # "programmes[0].modules[0].objectives[1]"
    text: str
    span: Span | None


@dataclass
class ProgrammeFile:
    programmes: list[Programme] = field(default_factory=list)
    refresher_months: int = DEFAULT_REFRESHER_MONTHS
    records: str = DEFAULT_RECORDS_FOLDER
    source: Source | None = None
    spans: dict[str, Span] = field(default_factory=dict)
    indices: dict[str, list[int]] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.source.display if self.source else "<memory>"

    def programme(self, programme_id: str) -> Programme | None:
        return next((p for p in self.programmes if p.id == programme_id), None)

    def objectives(self) -> Iterator[ObjectiveRef]:
        for programme in self.programmes:
            for week, module in enumerate(programme.modules, start=1):
                kept = self.indices.get(f"{module.key}.objectives", range(len(module.objectives)))
                for number, (index, text) in enumerate(zip(kept, module.objectives), start=1):
                    key = f"{module.key}.objectives[{index}]"
                    span = self.spans.get(f"{key}.text") or self.spans.get(key)
                    yield ObjectiveRef(f"objective {number} of week {week} in '{programme.id}'", key, text, span)


def _tuples(*names: str):
    def convert(values: dict) -> dict:
        for name in names:
            values[name] = tuple(values.get(name) or ())
        return values
    return convert


ACTIVITY = Shape("activity", (
    Field("type", CHOICE, required=True, choices=ACTIVITY_TYPES,
          description="shadowing, role-play, discussion or quiz"),
    Field("minutes", INT, required=True, description="how long it takes, in minutes"),
    Field("description", TEXT, description="what the trainee does, and with whom"),
), lambda v: Activity(**v))

ASSESSMENT = Shape("assessment", (
    Field("observed_by", TEXT, description="who watches the trainee at work before signing off, such as 'trainer'"),
    Field("quiz_pass_mark", INT, description="the knowledge-check score needed to pass, in per cent"),
    Field("observe", LIST, item=Field("observation", TEXT),
          description="what the observer must see before signing off, besides the objectives"),
), lambda v: Assessment(**_tuples("observe")(v)))

AUDIENCE = Shape("audience", (
    Field("roles", LIST, item=Field("role", TEXT), description="the roles the programme trains"),
    Field("touchpoints", LIST, item=Field("touchpoint", ID), description="ids of touchpoints from the journey"),
), lambda v: Audience(**_tuples("roles", "touchpoints")(v)))

OBJECTIVE = Shape("objective", (
    Field("text", TEXT, required=True,
          description="what the trainee will be seen to do, such as 'greet an arriving guest …'"),
    Field("sop", ID, description="the id of one of the week's SOPs, whose sign-off this objective belongs to"),
), lambda v: Objective(**v), scalar_field="text")


def _module(values: dict) -> Module:
    objectives = values.get("objectives") or ()
    values["objective_sops"] = tuple(objective.sop for objective in objectives)
    values["objectives"] = tuple(objective.text for objective in objectives)
    return Module(**_tuples("sops", "activities", "reflection")(values))


MODULE = Shape("module", (
    Field("title", TEXT, required=True, description="the module's title, such as 'The first welcome'"),
    Field("focus", TEXT, description="a sentence on what the week is about"),
    Field("sops", LIST, required=True, item=Field("sop id", ID), description="ids of the SOPs the module covers"),
    Field("objectives", LIST, required=True, item=OBJECTIVE,
          description="what the trainee will be seen to do by the end, such as 'greet an arriving guest …'; "
                      "write one as text, or as 'text:' with 'sop:' to sign it off with that SOP"),
    Field("session_minutes", INT, required=True, description="the length of the training session, in minutes"),
    Field("activities", LIST, required=True, item=ACTIVITY, description="the session's activities, in order"),
    Field("assessment", OBJECT, required=True, shape=ASSESSMENT,
          description="how competence is assessed: observed_by and/or quiz_pass_mark"),
    Field("reflection", LIST, item=Field("reflection prompt", TEXT),
          description="questions for the trainee to think and write about after the week"),
), _module)

PROGRAMME = Shape("programme", (
    Field("id", ID, required=True, description="a unique id, used for the output folder: lowercase and hyphens"),
    Field("name", TEXT, required=True, description="the programme's name, for covers and headers"),
    Field("summary", TEXT, description="a few sentences on who it is for and what it achieves"),
    Field("audience", OBJECT, required=True, shape=AUDIENCE, description="the roles and/or touchpoints it trains"),
    Field("modules", LIST, required=True, item=MODULE, description="the modules, one a week, in order"),
), lambda v: Programme(**v))

PROGRAMME_FILE = Shape("programme file", (
    Field("refresher_months", INT, default=DEFAULT_REFRESHER_MONTHS,
          description="months after a sign-off when refresher training is due (default 12)"),
    Field("records", TEXT, default=DEFAULT_RECORDS_FOLDER,
          description="the folder of sign-off records, relative to the project (default records)"),
    Field("programmes", LIST, required=True, item=PROGRAMME, description="one or more training programmes"),
), lambda v: ProgrammeFile(**v))


def inside_project(config: Config, relative: str) -> Path | None:
    """``relative`` resolved against the project, or None if it leads outside it."""
    path = config.root / relative
    root = config.root.resolve()
    return path if path.resolve().is_relative_to(root) else None


def load_programme(config: Config, sops: Iterable[Sop], reader: Reader) -> tuple[ProgrammeFile | None, list[Problem]]:
    """The programme file named in sopgen.yaml, checked against the SOP library.

    Returns (None, []) when no programme is configured.
    """
    if not config.programme:
        return None, []
    config_display = display_path(config.root / CONFIG_NAME)
    path = inside_project(config, config.programme)
    if path is None:
        return None, [Problem(config_display, 0, 0, "SOP035", "bad-path", Severity.ERROR,
                              f"the programme file '{config.programme}' is outside the project",
                              "keep programme.yaml inside the project folder")]
    if not path.is_file():
        return None, [Problem(config_display, 0, 0, "SOP001", "unreadable-file", Severity.ERROR,
                              f"the programme file '{config.programme}' set in {CONFIG_NAME} does not exist",
                              "create it, or remove 'programme:' from sopgen.yaml")]
    try:
        source, node, problems = reader.load(path)
    except LoadFailed as failed:
        return None, [failed.problem]
    validator = Validator(source, problems)
    programme_file = validator.read(node, PROGRAMME_FILE, partial=True)
    if programme_file is None:
        return None, validator.problems
    programme_file.source = source
    programme_file.spans = validator.spans
    programme_file.indices = validator.indices
    _remember_keys(programme_file)
    _ProgrammeChecks(programme_file, config, {sop.id: sop for sop in sops if sop.id}, validator).run()
    return programme_file, validator.problems


def _remember_keys(programme_file: ProgrammeFile) -> None:
    kept = programme_file.indices.get("programmes", [])
    for index, programme in zip(kept, programme_file.programmes):
        programme.key = f"programmes[{index}]"
        module_indices = programme_file.indices.get(f"{programme.key}.modules", [])
        programme.modules = [dataclasses.replace(module, key=f"{programme.key}.modules[{m}]")
                             for m, module in zip(module_indices, programme.modules)]


@dataclass
class _ProgrammeChecks:
    """The checks across fields and files that the schema alone cannot make."""

    programme_file: ProgrammeFile
    config: Config
    sops: dict[str, Sop]
    validator: Validator

    def error(self, key: str, code: str, rule: str, message: str, hint: str = "") -> None:
        self.validator.problems.append(error_at(self.programme_file.path, self.programme_file.spans.get(key),
                                                code, rule, message, hint))

    def kept(self, key: str, items) -> Iterable[tuple[int, object]]:
        return zip(self.programme_file.indices.get(key, range(len(items))), items)

    def run(self) -> None:
        if self.programme_file.refresher_months < 1:
            self.error("refresher_months", "SOP010", "bad-value", "refresher_months must be at least 1",
                       "write how many months a sign-off stays current, such as 12")
        if inside_project(self.config, self.programme_file.records) is None:
            self.error("records", "SOP035", "bad-path",
                       f"the records folder '{self.programme_file.records}' is outside the project",
                       "keep sign-off records in a folder inside the project, such as records")
        seen: set[str] = set()
        for _, programme in self.kept("programmes", self.programme_file.programmes):
            if programme.id in seen:
                self.error(f"{programme.key}.id", "SOP011", "duplicate-id",
                           f"programme id '{programme.id}' is used twice", "give every programme its own id")
            seen.add(programme.id)
            self.audience(programme)
            covered: dict[str, int] = {}
            for week, module in enumerate(programme.modules, start=1):
                self.module(programme, module, week, covered)

    def audience(self, programme: Programme) -> None:
        audience = programme.audience
        if not audience.roles and not audience.touchpoints:
            self.error(f"{programme.key}.id", "SOP007", "missing-field",
                       f"programme '{programme.id}' has an audience with neither roles nor touchpoints",
                       "add 'roles:' (such as Receptionist) or 'touchpoints:' (ids from the journey) under 'audience:'")
        key = f"{programme.key}.audience.touchpoints"
        for index, touchpoint in self.kept(key, audience.touchpoints):
            if self.config.touchpoint(touchpoint) is None:
                self.validator.problems.append(unknown_touchpoint(
                    self.programme_file.path, self.programme_file.spans.get(f"{key}[{index}]"), touchpoint,
                    self.config))

    def module(self, programme: Programme, module: Module, week: int, covered: dict[str, int]) -> None:
        where = f"week {week} of '{programme.id}'"
        questions, all_found = 0, True
        for index, sop_id in self.kept(f"{module.key}.sops", module.sops):
            key = f"{module.key}.sops[{index}]"
            sop = self.sops.get(sop_id)
            if sop is None:
                self.error(key, "SOP030", "unknown-sop",
                           f"SOP '{sop_id}' in {where} does not exist{did_you_mean(sop_id, self.sops)}",
                           "use the 'id:' of an SOP file in the library")
                all_found = False
                continue
            if sop.status == "retired":
                all_found = False
                replacements = [s.id for s in self.sops.values() if sop_id in s.supersedes and s.status != "retired"]
                self.error(key, "SOP031", "retired-sop", f"SOP '{sop_id}' in {where} is retired",
                           f"train '{replacements[0]}', which replaced it" if replacements
                           else "remove it from the programme")
            if sop_id in covered:
                self.error(key, "SOP032", "sop-covered-twice",
                           f"SOP '{sop_id}' in {where} is already covered in week {covered[sop_id]}",
                           "teach each SOP in one module; revisit it in a later week's activities instead")
            covered.setdefault(sop_id, week)
            questions += len(sop.knowledge_check)
        self.objective_sops(module, where)
        self.timings(module, where)
        self.assessment(module, where, questions if all_found else None)

    def objective_sops(self, module: Module, where: str) -> None:
        key = f"{module.key}.objectives"
        for index, sop_id in self.kept(key, module.objective_sops):
            if sop_id is not None and sop_id not in module.sops:
                self.error(f"{key}[{index}].sop", "SOP030", "unknown-sop",
                           f"objective {index + 1} in {where} belongs to SOP '{sop_id}', which the week does not "
                           f"cover{did_you_mean(sop_id, module.sops)}",
                           "name one of the week's SOPs: " + ", ".join(module.sops))

    def timings(self, module: Module, where: str) -> None:
        if module.session_minutes < 1:
            self.error(f"{module.key}.session_minutes", "SOP010", "bad-value",
                       f"the session in {where} lasts no time at all",
                       "write the session length in minutes, such as 90")
            return
        for index, activity in self.kept(f"{module.key}.activities", module.activities):
            if activity.minutes < 1:
                self.error(f"{module.key}.activities[{index}].minutes", "SOP010", "bad-value",
                           f"{activity.type} in {where} lasts no time at all", "give it a duration in minutes")
        planned = sum(activity.minutes for activity in module.activities)
        if planned > module.session_minutes:
            self.error(f"{module.key}.session_minutes", "SOP033", "session-overrun",
                       f"the activities in {where} take {planned} minutes but the session lasts "
                       f"{module.session_minutes}",
                       "shorten the activities or lengthen the session")

    def assessment(self, module: Module, where: str, questions: int | None) -> None:
        """``questions`` is None when some of the module's SOPs could not be used, so it cannot be judged."""
        assessment = module.assessment
        key = f"{module.key}.assessment"
        if assessment.observed_by is None and assessment.quiz_pass_mark is None:
            self.error(f"{module.key}.title", "SOP007", "missing-field",
                       f"the assessment in {where} says neither who observes nor the quiz pass mark",
                       "add 'observed_by:' (such as trainer) and/or 'quiz_pass_mark:' (a percentage)")
        mark = assessment.quiz_pass_mark
        if mark is not None and not 1 <= mark <= 100:
            self.error(f"{key}.quiz_pass_mark", "SOP010", "bad-value",
                       f"the quiz pass mark in {where} is {mark}%, which is not a percentage from 1 to 100",
                       "write a whole number from 1 to 100, such as 80")
        has_quiz = any(activity.type == "quiz" for activity in module.activities)
        if (mark is not None or has_quiz) and questions == 0:
            self.error(f"{key}.quiz_pass_mark" if mark is not None else f"{module.key}.title",
                       "SOP034", "quiz-without-questions",
                       f"{where} has a quiz, but its SOPs have no knowledge-check questions",
                       "add 'knowledge_check:' questions to the SOPs, or assess by observation only")
