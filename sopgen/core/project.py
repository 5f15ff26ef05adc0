"""Find a project, read its sopgen.yaml and SOP files, and check them together."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import CONFIG, CONFIG_NAME, Config
from .errors import ConfigError, ProjectNotFound
from .load import MAX_DEPTH_LIMIT, Limits, LoadFailed, Source, load
from .models import SOP, Sop
from .problems import Problem, Severity, error_at
from .schema import Shape, Validator, did_you_mean
from .sop_content import check_content
from .step_phases import number_steps_across_phases

if TYPE_CHECKING:
    from ..quality.stories import Story

SOP_SUFFIXES = (".yaml", ".yml")


@dataclass
class Project:
    config: Config
    sops: list[Sop] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    stories: list[Story] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)

    def sops_at(self, touchpoint_id: str) -> list[Sop]:
        return [sop for sop in self.sops if sop.touchpoint == touchpoint_id]


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the current directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)


def find_root(start: Path) -> Path:
    start = start.resolve()
    for directory in (start, *start.parents):
        if (directory / CONFIG_NAME).is_file():
            return directory
    raise ProjectNotFound(
        f"no {CONFIG_NAME} found in {display_path(start)} or any folder above it; "
        f"run sopgen inside a project or pass --project DIR")


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    display = display_path(path)
    if leads_outside(path, root):
        raise ConfigError(f"{display} cannot be read", [Problem(
            display, 0, 0, "SOP001", "unreadable-file", Severity.ERROR, LINK_OUT, LINK_OUT_HINT)])
    try:
        source, node, problems = load(path, display)
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


def discover(config: Config) -> tuple[list[Path], list[Problem]]:
    """Every SOP file under the sops folder, in a stable order."""
    sops_dir = config.sops_dir
    if not sops_dir.is_dir():
        return [], [Problem(display_path(config.root / CONFIG_NAME), 0, 0, "SOP001", "unreadable-file",
                            Severity.ERROR, f"the SOP folder '{config.sops}' does not exist",
                            "create it, or set 'sops:' in sopgen.yaml to the folder holding your SOPs")]
    return yaml_files(sops_dir, config.root)


def yaml_files(folder: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """The YAML files under ``folder`` in a stable order, skipping hidden ones and refusing links out of ``root``."""
    paths, problems = [], []
    root = root.resolve()
    for path in sorted(folder.rglob("*")):
        if path.suffix not in SOP_SUFFIXES or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if leads_outside(path, root):
            problems.append(Problem(display_path(path), 0, 0, "SOP001", "unreadable-file", Severity.ERROR,
                                    LINK_OUT, LINK_OUT_HINT))
            continue
        paths.append(path)
    return paths, problems


LINK_OUT = "is a link to a file outside the project, so it was not read"
LINK_OUT_HINT = "copy the file into the project instead of linking to it"


def leads_outside(path: Path, root: Path) -> bool:
    """True when a link (the file's own or a folder's on its way) takes ``path`` out of ``root``.

    ``root`` is resolved. A path named outside the project without a link, as in
    `sopgen lint ../other.yaml`, is read as asked.
    """
    if path.resolve().is_relative_to(root):
        return False
    return path.is_symlink() or Path(os.path.abspath(path)).is_relative_to(root)


def read_yaml(path: Path, shape: Shape, partial: bool = False,
              limits: Limits = Limits()) -> tuple[Any | None, Validator | None, list[Problem]]:
    """One file read against ``shape``: the object (None if unusable), its validator and the problems so far."""
    try:
        source, node, problems = load(path, display_path(path), limits)
    except LoadFailed as failed:
        return None, None, [failed.problem]
    validator = Validator(source, problems)
    return validator.read(node, shape, partial=partial), validator, validator.problems


def load_sop(path: Path, config: Config) -> tuple[Sop | None, list[Problem]]:
    sop, validator, problems = read_yaml(path, SOP, partial=True, limits=config.limits)
    if sop is not None:
        number_steps_across_phases(validator)
        sop.source = validator.source
        sop.spans = validator.spans
        _check_sop(sop, config, validator)
        check_content(sop, config.root, validator)
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


def load_project(start: Path, paths: list[Path] | None = None) -> Project:
    """Read the project at or above ``start``; ``paths`` limits which SOP files are read."""
    config = load_config(find_root(start))
    project = Project(config)
    whole_library = paths is None
    if whole_library:
        paths, problems = discover(config)
        project.problems.extend(problems)
    readable = []
    for path in paths:
        sop, problems = load_sop(path, config)
        project.files += 1
        project.problems.extend(problems)
        if sop is not None:
            readable.append(sop)
            if not problems:
                project.sops.append(sop)
    project.problems.extend(check_unique_ids([sop for sop in readable if sop.id]))
    if whole_library:  # stories name SOPs, so they can only be checked against all of them
        from ..quality.stories import load_stories  # it reads files through this module

        project.stories, problems = load_stories(config, readable)
        project.problems.extend(problems)
    order = {t.id: i for i, t in enumerate(config.journey)}
    project.sops.sort(key=lambda s: (order.get(s.touchpoint, len(order)),
                                     s.order if s.order is not None else 1, s.path))
    return project


__all__ = ["Project", "Source", "find_root", "load_config", "load_project", "load_sop", "display_path"]
