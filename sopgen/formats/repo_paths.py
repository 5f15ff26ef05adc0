"""Paths as a repository names them, for reports that a code host reads (SARIF, GitHub annotations).

GitHub resolves a SARIF ``uri`` and an annotation's ``file=`` against the top of
the checkout, so a path relative to the current folder points nowhere when the
project lives in a subfolder or the command runs from elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from ..core.problems import Problem


def repository_top(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or a file in a worktree)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def relative_to_top(path: str, top: Path) -> str:
    """``path`` (as shown: relative to the current folder, or absolute) relative to ``top``, with ``/``.

    A path outside ``top`` is returned as it was.
    """
    absolute = os.path.join(os.getcwd(), path)
    relative = os.path.relpath(os.path.normpath(absolute), top)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return path
    return Path(relative).as_posix()


def for_repository(problems: Iterable[Problem], project_root: Path) -> list[Problem]:
    """The problems with paths relative to the repository holding the project (or to the project outside git)."""
    top = repository_top(project_root) or project_root.resolve()
    return [replace(p, path=relative_to_top(p.path, top)) for p in problems]
