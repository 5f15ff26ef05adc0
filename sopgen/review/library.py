"""The library's SOPs against the changes since a git ref: which SOPs a change concerns, and their versions."""

from __future__ import annotations

from pathlib import Path

from ..core.library import Library
from ..core.models import Sop
from .baseline import ChangedSop


def related(library: Library, changes: list[ChangedSop]) -> set[Path]:
    """The changed SOP files, the SOPs they supersede, and the SOPs that supersede them
    (or superseded an SOP that was removed or renamed)."""
    entries = library.entries
    changed = {change.path.resolve() for change in changes} & set(entries)
    ids = {change.old.id for change in changes if change.old is not None and change.old.id}
    superseded: set[str] = set()
    for path in changed:
        sop = entries[path].sop
        if sop is not None:
            ids.add(sop.id)
            superseded.update(sop.supersedes)
    return changed | {entry.path for entry in entries.values() if entry.sop is not None
                      and (entry.sop.id in superseded or ids & set(entry.sop.supersedes))}


def versions(library: Library, changes: list[ChangedSop]) -> list[tuple[Sop, Sop]]:
    """(the SOP at the ref, the SOP now) for each changed file that exists both then and now and reads cleanly."""
    pairs = []
    for change in changes:
        entry = library.entries.get(change.path.resolve())
        if change.old is not None and entry is not None and entry.valid:
            pairs.append((change.old, entry.sop))
    return pairs
