"""What changed inside an SOP between two versions: steps, cues and recovery items
added, removed or reworded, and the version, status and other fields that changed.

Items are matched by their text: identical ones first, then the closest pairs
whose similarity (difflib's ratio, ignoring case and spacing) is at least
REWORDED_AT count as the same item reworded; the rest were added or removed.
A step moved to another place is not a change.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field

from ..core.models import Cue, Recovery, Sop

REWORDED_AT = 0.6

# Fields compared item by item, or shown on their own; the rest are listed by name when they change.
_ITEM_FIELDS = ("steps", "cues", "recovery")
_SHOWN_FIELDS = ("id", "title", "version", "status")
_NOT_CONTENT = ("source", "spans")


@dataclass(frozen=True)
class Item:
    kind: str                           # "step", "cue", "recovery"
    number: int                         # its place in its list, from 1
    parts: tuple[tuple[str, str], ...]  # (name, text); the first, unnamed, is what the item is about

    @property
    def text(self) -> str:
        main, *rest = self.parts
        return main[1] + "".join(f" — {name}: {text}" for name, text in rest if text)


@dataclass(frozen=True)
class Reworded:
    old: Item
    new: Item

    def changed_parts(self) -> list[tuple[str, str, str]]:
        """(name, old text, new text) for each part that differs; "" for a part one side lacks."""
        old = dict(self.old.parts)
        return [(name, old.get(name, ""), text) for name, text in self.new.parts if old.get(name, "") != text]


@dataclass
class SopChanges:
    """The changes in one SOP file; ``old`` or ``new`` is None when it was added or removed."""

    status: str
    path: str
    old_path: str | None
    old: Sop | None
    new: Sop | None
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    reworded: list[Reworded] = field(default_factory=list)
    other_fields: list[str] = field(default_factory=list)

    @property
    def sop(self) -> Sop | None:
        return self.new or self.old

    @property
    def content_changed(self) -> bool:
        return self.old is None or self.new is None or not same_content(self.old, self.new)


def same_content(old: Sop, new: Sop) -> bool:
    """True when the two say the same: only comments, layout or quoting differ."""
    return _content(old) == _content(new)


def _content(sop: Sop) -> dict:
    return {f.name: getattr(sop, f.name) for f in dataclasses.fields(sop) if f.name not in _NOT_CONTENT}


def compare(status: str, path: str, old_path: str | None, old: Sop | None, new: Sop | None) -> SopChanges:
    changes = SopChanges(status, path, old_path, old, new)
    for kind, name in (("step", "steps"), ("cue", "cues"), ("recovery", "recovery")):
        before = items(kind, getattr(old, name)) if old else []
        after = items(kind, getattr(new, name)) if new else []
        added, removed, reworded = match(before, after)
        changes.added += added
        changes.removed += removed
        changes.reworded += reworded
    if old is not None and new is not None:
        before, after = _content(old), _content(new)
        changes.other_fields = [name for name in before
                                if name not in _ITEM_FIELDS + _SHOWN_FIELDS and before[name] != after[name]]
    return changes


def items(kind: str, values: list) -> list[Item]:
    return [Item(kind, number, _parts(value)) for number, value in enumerate(values, start=1)]


def _parts(value) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Cue):
        return ("", value.notice), ("response", value.respond)
    if isinstance(value, Recovery):
        return ("", value.when), ("what to do", value.do)
    return (("", value.do), ("title", value.title or ""), ("how", value.how or ""), ("why", value.why or ""),
            ("phase", value.phase or ""))


def match(before: list[Item], after: list[Item]) -> tuple[list[Item], list[Item], list[Reworded]]:
    """Pair old and new items: (added, removed, reworded)."""
    unmatched_old = list(before)
    unmatched_new = []
    for item in after:
        twin = next((old for old in unmatched_old if _normal(old.text) == _normal(item.text)), None)
        if twin is None:
            unmatched_new.append(item)
        else:
            unmatched_old.remove(twin)
    candidates = sorted(
        ((similarity(old.text, new.text), i, j) for i, old in enumerate(unmatched_old)
         for j, new in enumerate(unmatched_new)),
        key=lambda candidate: (-candidate[0], candidate[1], candidate[2]))
    paired_old: set[int] = set()
    paired_new: set[int] = set()
    reworded = []
    for ratio, i, j in candidates:
        if ratio < REWORDED_AT:
            break
        if i in paired_old or j in paired_new:
            continue
        paired_old.add(i)
        paired_new.add(j)
        reworded.append(Reworded(unmatched_old[i], unmatched_new[j]))
    reworded.sort(key=lambda pair: pair.new.number)
    added = [item for j, item in enumerate(unmatched_new) if j not in paired_new]
    removed = [item for i, item in enumerate(unmatched_old) if i not in paired_old]
    return added, removed, reworded


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _normal(a), _normal(b), autojunk=False).ratio()


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()
