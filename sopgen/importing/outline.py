"""A document as the importer sees it: headings, paragraphs, list items, tables and images, in order.

Both readers produce this outline, so mapping a binder to fields knows nothing of Word or Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Heading:
    level: int          # 1 for the top level; 0 for a bold line standing alone, whose level the reading decides
    text: str
    where: str          # "paragraph 12", "line 30": for messages
    bold_line: bool = False     # a bold line standing alone, not a paragraph in a heading style


@dataclass(frozen=True)
class Paragraph:
    text: str
    where: str
    lead: str = ""      # the bold words it starts with, when plain text follows ("Greet the guest.")
    links: tuple[str, ...] = ()     # the addresses its links lead to, where the text does not show them


@dataclass(frozen=True)
class ListItem:
    text: str
    level: int          # 0 for a top-level item, 1 for a sub-item …
    where: str
    lead: str = ""
    numbered: bool | None = None     # a numbered list (True), a bulleted one (False), or not known
    bold: bool = False               # all its words are bold
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]     # the first row is read as the column headers
    where: str
    title: str = ""     # a row above the headers spanning the whole table ("Revision history")
    leads: tuple[tuple[str, ...], ...] = ()   # per row and cell, the bold words the cell starts with, if known


@dataclass(frozen=True)
class Image:
    data: bytes | None      # None when the picture could not be read; ``problem`` says why
    alt: str                # the description written with the picture, or ""
    name: str               # its name in the source: a file name or a part of the .docx
    where: str
    problem: str = ""
    caption: str = ""
    row: int | None = None  # in a table: the index in its Table.rows of the row holding it


@dataclass(frozen=True)
class Caption:
    """A paragraph in a caption style, or "Figure 3: …": it names the picture next to it."""

    text: str
    where: str


Block = Heading | Paragraph | ListItem | Table | Image | Caption


@dataclass
class Outline:
    source: Path
    title: str = ""                  # the document's own title (its properties or a Title paragraph)
    blocks: list[Block] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)   # what the reader saw but could not import, for the report


def clean_text(text: str) -> str:
    """Text on one line: runs of whitespace made one space, characters that print nothing (controls, zero-width and bidi marks) dropped."""
    visible = "".join(ch for ch in text if ch.isprintable() or ch.isspace())
    return " ".join(visible.split())


def looks_like_heading(text: str) -> bool:
    """A short bold line on its own, not a sentence: how headings look when no heading style was used."""
    return len(text.split()) <= 8 and len(text) <= 80 and not text.endswith((".", "!", "?", ",", ";"))
