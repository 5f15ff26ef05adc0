"""sopgen.yaml: the project's settings, its guest journey and its lint settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .load import Limits
from .schema import CHOICE, DATE, ID, INT, LIST, MAP, OBJECT, TEXT, Field, Shape

CONFIG_NAME = "sopgen.yaml"
SEVERITY_CHOICES = ("error", "warning", "info", "off")


@dataclass(frozen=True)
class Touchpoint:
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class HousePhrase:
    phrase: str
    message: str | None = None
    hint: str | None = None
    severity: str = "warning"


@dataclass(frozen=True)
class LintSettings:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict = field(default_factory=dict)
    max_steps: int = 12
    flag: tuple[HousePhrase, ...] = ()
    allow: tuple[str, ...] = ()


@dataclass(frozen=True)
class Milestone:
    touchpoint: str
    date: dt.date
    target: int


@dataclass
class Config:
    organisation: str
    title: str
    journey: list[Touchpoint]
    paper: str = "A4"
    sops: str = "sops"
    templates: str = "templates"
    output: str = "build"
    programme: str | None = None
    lint: LintSettings = field(default_factory=LintSettings)
    limits: Limits = field(default_factory=Limits)
    targets: dict[str, int] = field(default_factory=dict)
    milestones: list[Milestone] = field(default_factory=list)
    root: Path = Path(".")

    @property
    def sops_dir(self) -> Path:
        return self.root / self.sops

    @property
    def templates_dir(self) -> Path:
        return self.root / self.templates

    @property
    def output_dir(self) -> Path:
        return self.root / self.output

    def touchpoint(self, touchpoint_id: str) -> Touchpoint | None:
        for touchpoint in self.journey:
            if touchpoint.id == touchpoint_id:
                return touchpoint
        return None


def _lint_settings(values: dict) -> LintSettings:
    for name in ("select", "ignore", "flag", "allow"):
        values[name] = tuple(values.get(name) or ())
    values["severity"] = dict(values.get("severity") or {})
    if values.get("max_steps") is None:
        values.pop("max_steps", None)
    return LintSettings(**values)


TOUCHPOINT = Shape("touchpoint", (
    Field("id", ID, required=True, description="a short id SOP files refer to, such as 'reception'"),
    Field("name", TEXT, required=True, description="the name shown in the handbook"),
    Field("description", TEXT, description="a sentence on the touchpoint's part in the guest's journey"),
), lambda v: Touchpoint(**v))

HOUSE_PHRASE = Shape("house phrase", (
    Field("phrase", TEXT, required=True, description="words to flag wherever they appear"),
    Field("message", TEXT, description="what is wrong with them"),
    Field("hint", TEXT, description="how to say it instead"),
    Field("severity", CHOICE, choices=("error", "warning", "info"), default="warning",
          description="error, warning or info"),
), lambda v: HousePhrase(**v), scalar_field="phrase")

LINT = Shape("lint settings", (
    Field("select", LIST, item=Field("code", "code"), description="check only these rules"),
    Field("ignore", LIST, item=Field("code", "code"), description="rules not to check"),
    Field("severity", MAP, key=Field("code", "code"),
          item=Field("severity", CHOICE, choices=SEVERITY_CHOICES),
          description="a severity for a rule: error, warning, info or off"),
    Field("max_steps", INT, description="the most steps an SOP may have before it should be split"),
    Field("flag", LIST, item=HOUSE_PHRASE, description="house phrases to flag"),
    Field("allow", LIST, item=Field("phrase", TEXT), description="phrases never flagged"),
), _lint_settings)

MILESTONE = Shape("milestone", (
    Field("touchpoint", ID, required=True, description="the touchpoint the milestone is for"),
    Field("date", DATE, required=True, description="the date the target should be reached by"),
    Field("target", INT, required=True, description="the audit score (0 to 100) to reach by then"),
), lambda v: Milestone(**v))

LIMITS = Shape("limits", (
    Field("max_file_bytes", INT, description="the largest SOP file read, in bytes (default 1000000)"),
    Field("max_depth", INT, description="how deeply an SOP file may nest lists and mappings (default 40)"),
    Field("render_seconds", INT, description="how long all template rendering of one command may take (default 60)"),
    Field("max_output_bytes", INT, description="the most text one template may produce, in characters (default 50000000)"),
), lambda v: Limits(**{k: val for k, val in v.items() if val is not None}))

CONFIG = Shape("sopgen.yaml", (
    Field("organisation", TEXT, required=True, description="the organisation's name, for the cover"),
    Field("title", TEXT, required=True, description="the handbook's title"),
    Field("journey", LIST, required=True, item=TOUCHPOINT,
          description="the touchpoints in the order a guest meets them"),
    Field("paper", CHOICE, choices=("A4", "Letter"), default="A4", description="A4 or Letter"),
    Field("sops", TEXT, default="sops", description="the folder holding the SOP files"),
    Field("templates", TEXT, default="templates", description="the folder of template overrides"),
    Field("output", TEXT, default="build", description="where `sopgen build` writes"),
    Field("programme", TEXT, description="the training programme file, such as programme.yaml"),
    Field("lint", OBJECT, shape=LINT, description="wording-rule settings"),
    Field("limits", OBJECT, shape=LIMITS, description="how large and deeply nested SOP files may be"),
    Field("targets", MAP, key=Field("touchpoint", ID), item=Field("target", INT),
          description="the audit score (0 to 100) each touchpoint aims for, such as 'door: 90'"),
    Field("milestones", LIST, item=MILESTONE, description="scores to reach at a touchpoint by a date"),
), lambda v: Config(**{k: val for k, val in v.items() if val is not None}))
