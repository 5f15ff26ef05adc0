"""Write a draft SOP as YAML a person is glad to edit: fields in the order of the shipped examples,
block style, long text folded, quotes only where YAML needs them, comments for what had no field.

Every scalar is checked by reading it back with PyYAML; one that would not read back as written
is double-quoted instead.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from typing import Any

import yaml

from .draft import Draft

ORDER = ("id", "title", "touchpoint", "version", "status", "owner", "approved_by", "effective", "review_by",
         "meta", "roles", "purpose", "outcome", "scope", "when", "definitions", "equipment", "safety",
         "standards", "steps", "figures", "records", "references", "revisions")
QUOTED = {"version"}        # written in quotes always, so that 1.10 stays 1.10
WIDTH = 100
PLACEHOLDER = "TODO"

_COMMENTS = {
    "owner": "TODO: not found in the document; the role that owns and maintains this SOP",
    "purpose": "TODO: not found in the document; why this SOP exists, for the guest",
}


def sop_yaml(fields: dict[str, Any], draft: Draft, header: list[str]) -> str:
    writer = _Writer()
    for line in header:
        writer.comment(line, 0)
    for name in ORDER:
        if name not in fields:
            continue
        value = fields[name]
        comment = _COMMENTS.get(name) if value == PLACEHOLDER else None
        writer.field(name, value, 0, comment)
        notes = draft.notes.get(name)
        if notes:
            writer.comment(f"From the document's {name} section, with no field of its own:", 0)
            for note in notes:
                writer.comment(note, 0, continued=True)
    if draft.kept:
        writer.blank()
        writer.comment("-" * 78, 0)
        writer.comment("Kept from the document with no field to go to, so that nothing is lost. Move what you "
                       "need into the fields above, then delete these lines.", 0)
        for kept in draft.kept:
            writer.blank_comment()
            writer.comment(f'From "{kept.heading}" ({kept.where}):', 0)
            for line in kept.lines:
                writer.comment(line, 0, continued=True)
    return writer.text()


class _Writer:
    def __init__(self):
        self.lines: list[str] = []

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def blank(self) -> None:
        self.lines.append("")

    def blank_comment(self) -> None:
        self.lines.append("#")

    def comment(self, text: str, indent: int, continued: bool = False) -> None:
        lead = " " * indent + ("#   " if continued else "# ")
        for line in textwrap.wrap(text, WIDTH - len(lead), break_long_words=False, break_on_hyphens=False,
                                  drop_whitespace=True) or [""]:
            self.lines.append((lead + line).rstrip())

    def field(self, key: str, value: Any, indent: int, comment: str | None = None, first: str = "") -> None:
        """Write ``key: value`` at ``indent``; ``first`` replaces the indent of the first line (a list's '- ')."""
        lead = first or " " * indent
        if isinstance(value, dict):
            self.lines.append(f"{lead}{key}:")
            for inner_key, inner in value.items():
                self.field(inner_key, inner, indent + 2)
            return
        if isinstance(value, list):
            self.lines.append(f"{lead}{key}:")
            self.items(value, indent + 2)
            return
        rendered = _scalar(value, len(lead) + len(key) + 2, indent + 2, quoted=key in QUOTED)
        line = f"{lead}{key}: {rendered[0]}"
        if comment:
            line += f"  # {comment}"
        self.lines.append(line)
        self.lines.extend(rendered[1:])

    def items(self, values: list, indent: int) -> None:
        for value in values:
            if isinstance(value, dict):
                todo = value.pop("_todo", None)
                for position, (key, inner) in enumerate(value.items()):
                    self.field(key, inner, indent + 2, first=" " * indent + "- " if position == 0 else "")
                if todo:
                    self.comment(todo, indent + 2)
            else:
                rendered = _scalar(value, indent + 2, indent + 2)
                self.lines.append(f"{' ' * indent}- {rendered[0]}")
                self.lines.extend(rendered[1:])


def _scalar(value: Any, column: int, indent: int, quoted: bool = False) -> list[str]:
    """The lines of one scalar: its first line goes after 'key: ', any others are indented by ``indent``."""
    if isinstance(value, dt.date):
        return [value.isoformat()]
    if isinstance(value, int) and not isinstance(value, bool):
        return [str(value)]
    text = str(value)
    if quoted:
        return [_double_quoted(text)]
    if "\n" not in text and column + len(text) <= WIDTH and _reads_back(text, text):
        return [text]
    if "\n" not in text and column + len(text) <= WIDTH:
        return [_double_quoted(text)]
    folded = _folded(text, indent)
    paragraphs = [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]
    if _reads_back("\n".join([folded[0]] + folded[1:]), "\n".join(paragraphs) + "\n", indent):
        return folded
    return [_double_quoted(text)]


def _folded(text: str, indent: int) -> list[str]:
    lines = [">"]
    paragraphs = [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]
    for number, paragraph in enumerate(paragraphs):
        if number:
            lines.append("")
        lines.extend(" " * indent + line for line in textwrap.wrap(
            paragraph, max(40, WIDTH - indent), break_long_words=False, break_on_hyphens=False))
    return lines


def _reads_back(rendered: str, expected: str, indent: int = 0) -> bool:
    try:
        loaded = yaml.safe_load(f"{' ' * max(0, indent - 2)}k: {rendered}\n" if indent else f"k: {rendered}\n")
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and loaded.get("k") == expected


def _double_quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
