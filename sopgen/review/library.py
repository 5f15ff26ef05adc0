"""Every SOP of a project read at once, for the checks that look across files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .baseline import ChangedSop
from ..core.config import Config
from ..core.models import Sop
from ..core.project import discover, display_path, load_sop


@dataclass(frozen=True)
class Entry:
    path: Path           # resolved
    display: str         # as problems name the file
    sop: Sop | None      # None when the file cannot be read as an SOP
    valid: bool          # read without a single problem


class Library:
    def __init__(self, entries: dict[Path, Entry]):
        self.entries = entries

    @classmethod
    def read(cls, config: Config, extra: Iterable[Path] = ()) -> "Library":
        """The SOP folder's files, and ``extra`` files (named on the command line) too."""
        entries: dict[Path, Entry] = {}
        for path in [*discover(config)[0], *extra]:
            resolved = path.resolve()
            if resolved not in entries:
                sop, problems = load_sop(path, config)
                entries[resolved] = Entry(resolved, display_path(path), sop, sop is not None and not problems)
        return cls(entries)

    def valid_sops(self) -> list[Sop]:
        return [entry.sop for entry in self.entries.values() if entry.valid]

    def by_id(self) -> dict[str, Sop]:
        """Every SOP with an id, valid or not, so that a reference to a broken SOP is not called unknown."""
        found: dict[str, Sop] = {}
        for entry in self.entries.values():
            if entry.sop is not None and entry.sop.id:
                found.setdefault(entry.sop.id, entry.sop)
        return found

    def with_ids(self, last: set[Path] | None = None) -> list[Sop]:
        """The SOPs with an id; those in ``last`` come last, so that a duplicate is reported in them."""
        entries = [entry for entry in self.entries.values() if entry.sop is not None and entry.sop.id]
        if last is not None:
            entries.sort(key=lambda entry: entry.path in last)
        return [entry.sop for entry in entries]

    def related(self, changes: list[ChangedSop]) -> set[Path]:
        """The changed SOP files, the SOPs they supersede, and the SOPs that supersede them
        (or superseded an SOP that was removed or renamed)."""
        changed = {change.path.resolve() for change in changes} & set(self.entries)
        ids = {change.old.id for change in changes if change.old is not None and change.old.id}
        superseded: set[str] = set()
        for path in changed:
            sop = self.entries[path].sop
            if sop is not None:
                ids.add(sop.id)
                superseded.update(sop.supersedes)
        return changed | {entry.path for entry in self.entries.values() if entry.sop is not None
                          and (entry.sop.id in superseded or ids & set(entry.sop.supersedes))}

    def versions(self, changes: list[ChangedSop]) -> list[tuple[Sop, Sop]]:
        """(the SOP at the ref, the SOP now) for each changed file that exists both then and now and reads cleanly."""
        pairs = []
        for change in changes:
            entry = self.entries.get(change.path.resolve())
            if change.old is not None and entry is not None and entry.valid:
                pairs.append((change.old, entry.sop))
        return pairs

    def displays(self, paths: set[Path]) -> set[str]:
        return {self.entries[path].display for path in paths if path in self.entries}
