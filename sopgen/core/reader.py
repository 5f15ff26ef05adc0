"""The one way input files are read: the same limits, link rule and positions for every kind of file.

sopgen.yaml, SOPs, stories, audits, sign-off records and programme.yaml all come through a Reader,
so a rule added here holds for each of them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

import yaml

from .errors import UsageError
from .load import Limits, LoadFailed, Source, is_unsaved, load
from .problems import Problem, Severity
from .schema import Shape, Validator

YAML_SUFFIXES = (".yaml", ".yml")

LINK_OUT = "is a link to a file outside the project, so it was not read"
LINK_OUT_HINT = "copy the file into the project instead of linking to it"


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the current directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)


def leads_outside(path: Path, root: Path, resolved: Path | None = None) -> bool:
    """True when a link (the file's own or a folder's on its way) takes ``path`` out of ``root``.

    ``root`` is resolved, and so is ``resolved``, ``path`` if given. A path named outside the
    project without a link, as in `sopgen lint ../other.yaml`, is read as asked.
    """
    if (resolved or path.resolve()).is_relative_to(root):
        return False
    return path.is_symlink() or Path(os.path.abspath(path)).is_relative_to(root)


def link_out_problem(path: Path) -> Problem:
    return Problem(display_path(path), 0, 0, "SOP001", "unreadable-file", Severity.ERROR, LINK_OUT, LINK_OUT_HINT)


class Reader:
    """Reads the YAML files of the project at ``root`` within ``limits``.

    A file is read only when no link takes it out of the project; files found by
    ``folder`` or ``named`` were checked when found, every other file when read.
    """

    def __init__(self, root: Path, limits: Limits = Limits()):
        self.root = root.resolve()
        self.limits = limits
        self._checked: dict[Path, Path] = {}    # each file found and allowed, resolved

    def resolve(self, path: Path) -> Path:
        """``path`` resolved, without asking the file system again for a file already found."""
        return self._checked.get(path) or path.resolve()

    def folder(self, folder: Path) -> tuple[list[Path], list[Problem]]:
        """The YAML files under ``folder`` in a stable order, hidden ones skipped, links out of the project refused."""
        paths, problems = [], []
        for path in sorted(folder.rglob("*")):
            if path.suffix not in YAML_SUFFIXES or any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            resolved = path.resolve()
            if leads_outside(path, self.root, resolved):
                problems.append(link_out_problem(path))
                continue
            paths.append(path)
            self._checked[path] = resolved
        return paths, problems

    def named(self, paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
        """Files and folders named on the command line, as the YAML files to read.

        An editor's unsaved file is read whether or not it is on disk yet; any other
        path must exist.
        """
        files, problems = [], []
        for path in paths:
            if is_unsaved(path):
                files.append(path)
            elif not path.exists():
                raise UsageError(f"{path} does not exist")
            elif leads_outside(path, self.root):
                problems.append(link_out_problem(path))
            elif path.is_dir():
                found, refused = self.folder(path)
                files += found
                problems += refused
            else:
                files.append(path)
        self._checked.update((path, self.resolve(path)) for path in files)
        return files, problems

    def load(self, path: Path, display: str | None = None) -> tuple[Source, yaml.Node, list[Problem]]:
        """One file as a node tree, with the problems that do not stop it being read; raises LoadFailed."""
        if path not in self._checked and not is_unsaved(path) and leads_outside(path, self.root):
            raise LoadFailed(link_out_problem(path))
        return load(path, display or display_path(path), self.limits)

    def shaped(self, path: Path, shape: Shape, partial: bool = False) -> tuple[Any | None, Validator | None,
                                                                                 list[Problem]]:
        """One file read against ``shape``: the object (None if unusable), its validator and the problems so far."""
        try:
            source, node, problems = self.load(path)
        except LoadFailed as failed:
            return None, None, [failed.problem]
        validator = Validator(source, problems)
        return validator.read(node, shape, partial=partial), validator, validator.problems
