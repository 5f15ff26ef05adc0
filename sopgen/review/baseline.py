"""The SOP files that changed against a git ref, each with the SOP it held at the ref.

"Changed" means different between the merge base of the ref and HEAD (or the
ref itself when a shallow clone lacks that history) and the working tree: the
commits on this branch plus uncommitted edits and new, untracked files.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..core.config import CONFIG_NAME, Config
from ..core.load import Limits, LoadFailed, Source, parse
from ..core.models import SOP, Sop
from ..core.schema import Validator
from .gitrefs import ADDED, DELETED, Comparison, FileChange, Git


@dataclass(frozen=True)
class ChangedSop:
    """One changed SOP file. ``path`` is where it is now (for a deleted file, where it was)."""

    status: str
    path: Path
    old_path: str | None        # relative to the repository, at the ref; None when added
    old: Sop | None             # the SOP at the ref; None when added or unreadable there


@dataclass(frozen=True)
class Baseline:
    comparison: Comparison
    sops: list[ChangedSop]
    config_changed: bool


def changed_sops(config: Config, ref: str) -> Baseline:
    git = Git.containing(config.root)
    comparison = git.compare_with(ref)
    sops_folder = git.relative(config.sops_dir)
    config_file = git.relative(config.root / CONFIG_NAME)
    changes = git.changed_files(comparison.base, [sops_folder, config_file])
    found = []
    for change in changes:
        sop_change = _as_sop_change(change, sops_folder) if config_file not in (change.path, change.old_path) else None
        if sop_change is None:
            continue
        old = None
        if sop_change.old_path is not None:
            data = git.read_file(comparison.base, sop_change.old_path)
            old = sop_from_bytes(data, f"{ref}:{sop_change.old_path}", config.limits) if data is not None else None
        found.append(ChangedSop(sop_change.status, git.top / sop_change.path, sop_change.old_path, old))
    return Baseline(comparison, found, any(config_file in (change.path, change.old_path) for change in changes))


def _as_sop_change(change: FileChange, sops_folder: str) -> FileChange | None:
    """The change as it concerns SOP files: a rename out of the SOP files is a deletion, and so on."""
    new_is_sop = change.status != DELETED and _is_sop_file(change.path, sops_folder)
    old_is_sop = change.old_path is not None and _is_sop_file(change.old_path, sops_folder)
    if new_is_sop and old_is_sop:
        return change
    if new_is_sop:
        return FileChange(ADDED, change.path, None)
    if old_is_sop:
        return FileChange(DELETED, change.old_path, change.old_path)
    return None


def _is_sop_file(path: str, sops_folder: str) -> bool:
    """The files `discover` reads: .yaml or .yml under the SOP folder, none of it hidden."""
    from ..core.project import SOP_SUFFIXES

    pure = PurePosixPath(path)
    try:
        inside = pure if sops_folder == "." else pure.relative_to(sops_folder)
    except ValueError:
        return False
    return pure.suffix in SOP_SUFFIXES and not any(part.startswith(".") for part in inside.parts)


def sop_from_bytes(data: bytes, display: str, limits: Limits = Limits()) -> Sop | None:
    """An SOP read from a file's bytes, as far as it can be read; None when it cannot."""
    if len(data) > limits.max_file_bytes:
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return None
    source = Source(Path(display), display, text)
    try:
        node, problems = parse(source, limits.max_depth)
    except LoadFailed:
        return None
    validator = Validator(source, problems)
    sop = validator.read(node, SOP, partial=True)
    if sop is not None:
        sop.source = source
        sop.spans = validator.spans
    return sop
