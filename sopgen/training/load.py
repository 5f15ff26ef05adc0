"""The programme file and its sign-off records, read together and checked against the library."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

from ..core.config import Config
from ..core.models import Sop
from ..core.problems import Problem, Severity
from ..core.reader import Reader
from .programme import ProgrammeFile, inside_project, load_programme
from .records import SignOff, load_records


@dataclass
class Training:
    programme_file: ProgrammeFile | None
    records: list[SignOff] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)


def load_training(config: Config, sops: Iterable[Sop], today: dt.date, reader: Reader | None = None) -> Training:
    """The configured programme file and its records; an empty Training when none is configured."""
    sops = list(sops)
    reader = reader or Reader(config.root, config.limits)
    programme_file, problems = load_programme(config, sops, reader)
    training = Training(programme_file, problems=problems)
    if programme_file is not None:
        folder = inside_project(config, programme_file.records)
        if folder is not None:
            training.records, record_problems = load_records(reader, folder, sops, today)
            training.problems += record_problems
    return training


def lint_training(config: Config, sops: Iterable[Sop], selection, today: dt.date,
                  reader: Reader | None = None) -> list[Problem]:
    """For `sopgen lint`: the programme's validation problems, then its objectives' wording findings."""
    from .objectives import lint_objectives

    training = load_training(config, sops, today, reader)
    problems = list(training.problems)
    if training.programme_file is not None:
        problems += lint_objectives(training.programme_file, selection)
    return problems
