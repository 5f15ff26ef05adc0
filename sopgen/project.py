"""Find a project, read its sopgen.yaml and SOP files, and check them together."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .config import CONFIG, CONFIG_NAME, Config
from .errors import ConfigError, ProjectNotFound
from .load import LoadFailed, Source, load
from .models import SOP, Sop
from .problems import Problem, Severity
from .schema import Validator, did_you_mean

SOP_SUFFIXES = (".yaml", ".yml")


@dataclass
class Project:
    config: Config
    sops: list[Sop] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

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
    try:
        source, node, problems = load(path, display)
    except LoadFailed as failed:
        raise ConfigError(f"{display} cannot be read", [failed.problem]) from None
    validator = Validator(source, problems)
    config = validator.read(node, CONFIG)
    if config is not None:
        _check_journey(config, validator)
    if validator.problems or config is None:
        raise ConfigError(f"{display} is not valid", validator.problems)
    config.root = root
    return config


def _check_journey(config: Config, validator: Validator) -> None:
    seen: set[str] = set()
    indices = validator.indices.get("journey", range(len(config.journey)))
    for index, touchpoint in zip(indices, config.journey):
        if touchpoint.id in seen:
            span = validator.spans.get(f"journey[{index}].id")
            validator.problems.append(Problem(
                validator.source.display, span.line if span else 1, span.column if span else 1,
                "SOP011", "duplicate-id", Severity.ERROR,
                f"touchpoint '{touchpoint.id}' appears twice in the journey",
                "give each touchpoint its own id"))
        seen.add(touchpoint.id)


def discover(config: Config) -> tuple[list[Path], list[Problem]]:
    """Every SOP file under the sops folder, in a stable order."""
    sops_dir = config.sops_dir
    if not sops_dir.is_dir():
        return [], [Problem(display_path(config.root / CONFIG_NAME), 0, 0, "SOP001", "unreadable-file",
                            Severity.ERROR, f"the SOP folder '{config.sops}' does not exist",
                            "create it, or set 'sops:' in sopgen.yaml to the folder holding your SOPs")]
    paths, problems = [], []
    root = config.root.resolve()
    for path in sorted(sops_dir.rglob("*")):
        if path.suffix not in SOP_SUFFIXES or any(part.startswith(".") for part in path.relative_to(sops_dir).parts):
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            problems.append(Problem(display_path(path), 0, 0, "SOP001", "unreadable-file", Severity.ERROR,
                                    "is a link to a file outside the project, so it was not read",
                                    "copy the file into the project instead of linking to it"))
            continue
        paths.append(path)
    return paths, problems


def load_sop(path: Path, config: Config) -> tuple[Sop | None, list[Problem]]:
    display = display_path(path)
    try:
        source, node, problems = load(path, display)
    except LoadFailed as failed:
        return None, [failed.problem]
    validator = Validator(source, problems)
    sop = validator.read(node, SOP, partial=True)
    if sop is not None:
        sop.source = source
        sop.spans = validator.spans
        _check_sop(sop, config, validator)
    return sop, validator.problems


def _check_sop(sop: Sop, config: Config, v: Validator) -> None:
    def report(key: str, code: str, rule: str, message: str, hint: str) -> None:
        span = sop.span(key)
        line, column = (span.line, span.column) if span else (1, 1)
        v.problems.append(Problem(sop.path, line, column, code, rule, Severity.ERROR, message, hint))

    if sop.touchpoint and config.touchpoint(sop.touchpoint) is None:
        known = [t.id for t in config.journey]
        report("touchpoint", "SOP012", "unknown-touchpoint",
               f"touchpoint '{sop.touchpoint}' is not in the journey{did_you_mean(sop.touchpoint, known)}",
               "use one of: " + ", ".join(known) + " (or add it to the journey in sopgen.yaml)")
    if sop.effective and sop.review_by and sop.review_by <= sop.effective:
        report("review_by", "SOP013", "date-order",
               f"review_by ({sop.review_by.isoformat()}) is not after effective ({sop.effective.isoformat()})",
               "set the review date after the date the SOP takes effect")
    for index, step in zip(v.indices.get("steps", ()), sop.steps):
        if step.allow and not step.reason:
            report(f"steps[{index}].allow[0]", "SOP014", "allow-without-reason",
                   f"step {index + 1} allows {', '.join(step.allow)} without a reason",
                   "add 'reason:' to the step saying why the wording is needed here")
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
    if paths is None:
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
    order = {t.id: i for i, t in enumerate(config.journey)}
    project.sops.sort(key=lambda s: (order.get(s.touchpoint, len(order)),
                                     s.order if s.order is not None else 1, s.path))
    return project


__all__ = ["Project", "Source", "find_root", "load_config", "load_project", "load_sop", "display_path"]
