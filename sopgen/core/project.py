"""Find a project, read its sopgen.yaml and SOP files, and check them together."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .config import CONFIG, CONFIG_NAME, Config, check_config
from .errors import ConfigError, ProjectNotFound
from .load import LoadFailed, Source
from .models import SOP, Sop, check_sop
from .problems import Problem, Severity, error_at
from .reader import LINK_OUT, LINK_OUT_HINT, YAML_SUFFIXES, Reader, display_path, leads_outside
from .schema import Validator, did_you_mean
from .sop_content import check_content
from .step_phases import number_steps_across_phases

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
        check_config(config, validator, root)
    if validator.problems or config is None:
        raise ConfigError(f"{display} is not valid", validator.problems)
    config.root = root
    reader.limits = config.limits
    return config


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
        number_steps_across_phases(validator)
        sop.source = validator.source
        sop.spans = validator.spans
        check_sop(sop, config, validator)
        check_content(sop, config.root, validator)
    return sop, problems



def check_unique_ids(sops: list[Sop]) -> list[Problem]:
    by_id: dict[str, list[Sop]] = defaultdict(list)
    for sop in sops:
        by_id[sop.id].append(sop)
    problems = []
    for sop_id, same in by_id.items():
        for later in same[1:]:
            problems.append(error_at(later.path, later.span("id"), "SOP011", "duplicate-id",
                                     f"SOP id '{sop_id}' is already used by {same[0].path}",
                                     "give every SOP its own id"))
    return problems


__all__ = ["LINK_OUT", "LINK_OUT_HINT", "Project", "Source", "check_unique_ids", "discover", "display_path",
           "find_root", "leads_outside", "load_config", "load_sop"]
