"""sopgen.yaml: the project's settings, its guest journey and its lint settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .load import MAX_DEPTH_LIMIT, Limits
from .problems import Problem, Severity, error_at
from .reader import display_path
from .schema import CHOICE, DATE, ID, INT, LIST, MAP, OBJECT, TEXT, Field, Shape, Validator, did_you_mean

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
    Field("max_file_bytes", INT,
          description="the largest input file read (SOP, programme, record, story, audit), in bytes (default 1000000)"),
    Field("max_depth", INT, description="how deeply an input file may nest lists and mappings (default 40)"),
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
    Field("limits", OBJECT, shape=LIMITS,
          description="how large and deeply nested input files may be, and how long rendering may take"),
    Field("targets", MAP, key=Field("touchpoint", ID), item=Field("target", INT),
          description="the audit score (0 to 100) each touchpoint aims for, such as 'door: 90'"),
    Field("milestones", LIST, item=MILESTONE, description="scores to reach at a touchpoint by a date"),
), lambda v: Config(**{k: val for k, val in v.items() if val is not None}))


def check_config(config: Config, validator: Validator, root: Path) -> None:
    """What the shape alone cannot check: unique touchpoints, targets and milestones that name them,
    limits within their ceilings, and folders inside the project."""
    _check_journey(config, validator)
    _check_targets(config, validator)
    _check_limits(config, validator)
    _check_folders(config, validator, root)


def _check_journey(config: Config, validator: Validator) -> None:
    seen: set[str] = set()
    indices = validator.indices.get("journey", range(len(config.journey)))
    for index, touchpoint in zip(indices, config.journey):
        if touchpoint.id in seen:
            _config_problem(validator, f"journey[{index}].id", "SOP011", "duplicate-id",
                            f"touchpoint '{touchpoint.id}' appears twice in the journey",
                            "give each touchpoint its own id")
        seen.add(touchpoint.id)


def _check_targets(config: Config, validator: Validator) -> None:
    """Targets and milestones must name touchpoints of the journey and scores from 0 to 100."""
    checks = [(f"targets.{tp}.<key>", f"targets.{tp}", tp, target) for tp, target in config.targets.items()]
    indices = validator.indices.get("milestones", range(len(config.milestones)))
    checks += [(f"milestones[{i}].touchpoint", f"milestones[{i}].target", m.touchpoint, m.target)
               for i, m in zip(indices, config.milestones)]
    for touchpoint_key, target_key, touchpoint, target in checks:
        if config.touchpoint(touchpoint) is None:
            validator.problems.append(unknown_touchpoint(validator.source.display, validator.spans.get(touchpoint_key),
                                                         touchpoint, config))
        if not 0 <= target <= 100:
            _config_problem(validator, target_key, "SOP010", "bad-value",
                            f"the target {target} for '{touchpoint}' is not a score from 0 to 100",
                            "audit scores are percentages: write a whole number from 0 to 100")


# The most a pull request's sopgen.yaml may raise each limit to: far above what a library
# needs, and low enough that CI cannot be made to read, wait or build without end.
LIMIT_CEILINGS = {"max_file_bytes": 50_000_000, "render_seconds": 3_600, "max_output_bytes": 1_000_000_000}


def _check_limits(config: Config, validator: Validator) -> None:
    for name, ceiling in LIMIT_CEILINGS.items():
        if not 1 <= getattr(config.limits, name) <= ceiling:
            _config_problem(validator, f"limits.{name}", "SOP010", "bad-value",
                            f"limits: {name} must be from 1 to {ceiling:,}",
                            "raise it only as far as the library needs, or remove it for the default")
    if not 1 <= config.limits.max_depth <= MAX_DEPTH_LIMIT:
        _config_problem(validator, "limits.max_depth", "SOP010", "bad-value",
                        f"limits: max_depth must be from 1 to {MAX_DEPTH_LIMIT}",
                        "SOP files need about five levels; the default is 40")


def _check_folders(config: Config, validator: Validator, root: Path) -> None:
    """The folders sopgen reads and writes must stay inside the project, even through links."""
    for key in ("sops", "templates", "output"):
        folder = getattr(config, key)
        if not (root / folder).resolve().is_relative_to(root.resolve()):
            if validator.spans.get(key) is None:   # not set in sopgen.yaml: the default folder is a link
                validator.problems.append(Problem(
                    display_path(root / folder), 0, 0, "SOP010", "bad-value", Severity.ERROR,
                    f"the {key} folder is a link that leads outside the project",
                    f"replace the link with a folder, or set '{key}:' in sopgen.yaml to a folder inside the project"))
                continue
            _config_problem(validator, key, "SOP010", "bad-value",
                            f"the {key} folder '{folder}' is outside the project",
                            "name a folder inside the project; `sopgen build --out DIR` writes elsewhere")


def _config_problem(validator: Validator, key: str, code: str, rule: str, message: str, hint: str) -> None:
    validator.problems.append(error_at(validator.source.display, validator.spans.get(key), code, rule, message, hint))


def unknown_touchpoint(path: str, span, touchpoint: str, config: Config) -> Problem:
    known = [t.id for t in config.journey]
    return error_at(path, span, "SOP012", "unknown-touchpoint",
                    f"touchpoint '{touchpoint}' is not in the journey{did_you_mean(touchpoint, known)}",
                    "use one of: " + ", ".join(known) + " (or add it to the journey in sopgen.yaml)")
