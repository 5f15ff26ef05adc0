"""One project's SOP library, read once per command: sopgen.yaml, then every SOP file in scope.

The other inputs (programme, records, stories, audits) are read by their own packages through
``library.reader``, under the same limits and link rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, NamedTuple

from .config import Config
from .models import Sop
from .problems import Problem
from .project import Project, check_unique_ids, discover, find_root, load_config, load_sop
from .reader import Reader, display_path


class Entry(NamedTuple):   # not a dataclass: a NamedTuple is quicker to define, and every `sopgen lint` defines it
    path: Path                      # resolved
    display: str                    # as problems name the file
    sop: Sop | None                 # None when the file cannot be read as an SOP
    problems: tuple[Problem, ...]   # from reading and validating the file

    @property
    def valid(self) -> bool:
        """Read without a single problem."""
        return self.sop is not None and not self.problems


class Library:
    """The SOP files of the sops folder (``listed``) and those named on the command line (``named``),
    each read once, with the problems met while finding them."""

    def __init__(self, config: Config, reader: Reader):
        self.config = config
        self.reader = reader
        self.entries: dict[Path, Entry] = {}
        self.listed: list[Path] = []
        self.listed_problems: list[Problem] = []
        self.named: list[Path] = []
        self.named_problems: list[Problem] = []

    @classmethod
    def open(cls, start: Path, named: Iterable[Path] = (), whole: bool = True) -> "Library":
        """The project at or above ``start``: its SOP folder when ``whole``, and the ``named`` files and folders.

        Raises ConfigError when sopgen.yaml is unusable, UsageError when a named path does not exist.
        """
        root = find_root(start)
        reader = Reader(root)
        library = cls(load_config(root, reader), reader)
        if whole:
            paths, library.listed_problems = discover(library.config, reader)
            library.listed = library._read(paths)
        named = list(named)
        if named:
            paths, library.named_problems = reader.named(named)
            library.named = library._read(paths)
        return library

    def _read(self, paths: list[Path]) -> list[Path]:
        keys = []
        for path in paths:
            key = self.reader.resolve(path)
            if key not in self.entries:
                sop, problems = load_sop(path, self.config, self.reader)
                display = sop.source.display if sop is not None and sop.source else display_path(path)
                self.entries[key] = Entry(key, display, sop, tuple(problems))
            keys.append(key)
        return list(dict.fromkeys(keys))

    def scope(self, keys: Iterable[Path]) -> list[Entry]:
        return [self.entries[key] for key in keys]

    def readable(self, keys: Iterable[Path] | None = None) -> list[Sop]:
        """The SOPs that could be read, valid or not, of ``keys`` (default: every file read)."""
        entries = self.entries.values() if keys is None else self.scope(keys)
        return [entry.sop for entry in entries if entry.sop is not None]

    def valid_sops(self) -> list[Sop]:
        return [entry.sop for entry in self.entries.values() if entry.valid]

    def by_id(self) -> dict[str, Sop]:
        """Every SOP with an id, valid or not, so that a reference to a broken SOP is not called unknown."""
        found: dict[str, Sop] = {}
        for sop in self.readable():
            if sop.id:
                found.setdefault(sop.id, sop)
        return found

    def with_ids(self, last: set[Path] | None = None) -> list[Sop]:
        """The SOPs with an id; those in ``last`` come last, so that a duplicate is reported in them."""
        entries = [entry for entry in self.entries.values() if entry.sop is not None and entry.sop.id]
        if last is not None:
            entries.sort(key=lambda entry: entry.path in last)
        return [entry.sop for entry in entries]

    def displays(self, paths: set[Path]) -> set[str]:
        return {self.entries[path].display for path in paths if path in self.entries}

    def project(self) -> Project:
        """The SOP folder's valid SOPs in journey order, and every problem found reading it."""
        project = Project(self.config, files=len(self.listed), reader=self.reader)
        project.problems = list(self.listed_problems)
        for entry in self.scope(self.listed):
            project.problems.extend(entry.problems)
            if entry.valid:
                project.sops.append(entry.sop)
        project.problems.extend(check_unique_ids([sop for sop in self.readable(self.listed) if sop.id]))
        order = {t.id: i for i, t in enumerate(self.config.journey)}
        project.sops.sort(key=lambda s: (order.get(s.touchpoint, len(order)),
                                         s.order if s.order is not None else 1, s.path))
        return project
