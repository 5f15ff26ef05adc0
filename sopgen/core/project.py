"""Find a project, read its sopgen.yaml and SOP files, and check them together."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .config import CONFIG, CONFIG_NAME, Config
from .errors import ConfigError, ProjectNotFound
from .load import MAX_DEPTH_LIMIT, LoadFailed, Source
from .models import SOP, Sop
from .problems import Problem, Severity, error_at
from .reader import LINK_OUT, LINK_OUT_HINT, YAML_SUFFIXES, Reader, display_path, leads_outside
from .schema import Validator, did_you_mean

SOP_SUFFIXES = YAML_SUFFIXES


@dataclass
class Project:
    """The valid SOPs of a project, in journey order, with the problems that kept the others out."""

    config: Config
    sops: list[Sop] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    stories: list = field(default_factory=list)   # quality.stories.Story, read by whoever needs them
    reader: Reader | None = None                   # the reader the project was read with, for its other inputs

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)

    def sops_at(self, touchpoint_id: str) -> list[Sop]:
        return [sop for sop in self.sops if sop.touchpoint == touchpoint_id]


def find_root(start: Path) -> Path:
    start = start.resolve()
    for directory in (start, *start.parents):
        if (directory / CONFIG_NAME).is_file():
            return directory
    raise ProjectNotFound(
        f"no {CONFIG_NAME} found in {display_path(start)} or any folder above it; "
        f"run sopgen inside a project or pass --project DIR")


def load_config(root: Path, reader: Reader | None = None) -> Config:
    """sopgen.yaml at ``root``, checked; the reader, if given, then reads within the limits it sets."""
    reader = reader or Reader(root)
    path = root / CONFIG_NAME
    display = display_path(path)
    try:
        source, node, problems = reader.load(path, display)
    except LoadFailed as failed:
        raise ConfigError(f"{display} cannot be read", [failed.problem]) from None
    validator = Validator(source, problems)
    config = validator.read(node, CONFIG)
    if config is not None:
        _check_journey(config, validator)
        _check_targets(config, validator)
        _check_limits(config, validator)
        _check_folders(config, validator, root)
    if validator.problems or config is None:
        raise ConfigError(f"{display} is not valid", validator.problems)
    config.root = root
    reader.limits = config.limits
    return config


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


def unknown_sop(path: str, span, subject: str, sop_id: str, known: list[str]) -> Problem:
    return error_at(path, span, "SOP030", "unknown-sop",
                    f"{subject} names SOP '{sop_id}', which is not in the library{did_you_mean(sop_id, known)}",
                    "write the id of an SOP in sops/, as its 'id:' line gives it")


def discover(config: Config, reader: Reader | None = None) -> tuple[list[Path], list[Problem]]:
    """Every SOP file under the sops folder, in a stable order."""
    sops_dir = config.sops_dir
    if not sops_dir.is_dir():
        return [], [Problem(display_path(config.root / CONFIG_NAME), 0, 0, "SOP001", "unreadable-file",
                            Severity.ERROR, f"the SOP folder '{config.sops}' does not exist",
                            "create it, or set 'sops:' in sopgen.yaml to the folder holding your SOPs")]
    return (reader or Reader(config.root, config.limits)).folder(sops_dir)


def load_sop(path: Path, config: Config, reader: Reader | None = None) -> tuple[Sop | None, list[Problem]]:
    reader = reader or Reader(config.root, config.limits)
    sop, validator, problems = reader.shaped(path, SOP, partial=True)
    if sop is not None:
        sop.source = validator.source
        sop.spans = validator.spans
        _check_sop(sop, config, validator)
    return sop, problems



def _check_sop(sop: Sop, config: Config, v: Validator) -> None:
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


def check_unique_ids(sops: list[Sop]) -> list[Problem]:
    by_id: dict[str, list[Sop]] = defaultdict(list)
    for sop in sops:
        by_id[sop.id].append(sop)
    problems = []
    for sop_id, same in by_id.items():
        for later in same[1:]:
            span = later.span("id")
            problems.append(Problem(
                later.path, span.line if span else 1, span.column if span else 1, "SOP011", "duplicate-id",
                Severity.ERROR, f"SOP id '{sop_id}' is already used by {same[0].path}",
                "give every SOP its own id"))
    return problems


__all__ = ["LINK_OUT", "LINK_OUT_HINT", "Project", "Source", "check_unique_ids", "discover", "display_path",
           "find_root", "leads_outside", "load_config", "load_sop"]
