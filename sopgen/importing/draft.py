"""What an import makes of one document, before it is written: fields, comments, figures and a log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Figure:
    data: bytes
    extension: str          # png, jpg, gif or webp
    alt: str
    alt_generated: bool     # the document gave no description: the user is asked to write one
    step: int | None        # the printed number of the step it sits in
    where: str
    caption: str = ""


@dataclass
class Kept:
    """Content with no field, written as comments under the heading it came from."""

    heading: str
    where: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Draft:
    fields: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)     # comments written after a field
    kept: list[Kept] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    coverage: list[tuple[str, str]] = field(default_factory=list)  # (field, where its content came from)
    attention: list[str] = field(default_factory=list)             # what the user must look at
    refused: list[str] = field(default_factory=list)               # problems that stop the file being written

    def note(self, name: str, line: str) -> None:
        self.notes.setdefault(name, []).append(line)

    def came_from(self, name: str, source: str) -> None:
        if (name, source) not in self.coverage:
            self.coverage.append((name, source))

    def keep(self, heading: str, where: str, lines: list[str]) -> None:
        if not lines:
            return
        if self.kept and self.kept[-1].heading == heading:
            self.kept[-1].lines.extend(lines)
        else:
            self.kept.append(Kept(heading, where, list(lines)))

    def steps_flat(self) -> list[dict]:
        steps = self.fields.get("steps") or []
        if steps and "phase" in steps[0]:
            return [step for phase in steps for step in phase["steps"]]
        return steps
