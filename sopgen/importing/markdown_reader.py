"""Read a Markdown file into an outline, through markdown-it-py (CommonMark, with tables).

Front matter (--- key: value ---) becomes document-control lines. Images are read only
from files in the Markdown file's own folder or below it: a link leading elsewhere, or
to the web, is reported, not followed.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from .outline import Heading, Image, ListItem, Outline, Paragraph, Table, clean_text, looks_like_heading

MAX_MARKDOWN_BYTES = 5_000_000
MAX_IMAGE_BYTES = 20_000_000


class UnreadableMarkdown(Exception):
    """The file cannot be read as Markdown text; the message says what to do."""


def read_markdown(path: Path) -> Outline:
    from markdown_it import MarkdownIt

    if path.stat().st_size > MAX_MARKDOWN_BYTES:
        raise UnreadableMarkdown(f"is larger than {MAX_MARKDOWN_BYTES // 1_000_000} MB; split it, then import it again")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableMarkdown(f"is not UTF-8 text (byte {error.start}); save it as UTF-8, then import it "
                                 f"again") from None
    outline = Outline(path)
    text, skipped_lines = _front_matter(text, outline)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    _Walk(outline, path.parent, skipped_lines).run(tokens)
    return outline


def _front_matter(text: str, outline: Outline) -> tuple[str, int]:
    """Text without its front matter, whose key: value lines are added as paragraphs; and the lines removed."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return text, 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            for number, line in enumerate(lines[1:end], start=2):
                if ":" in line and line.strip():
                    outline.blocks.append(Paragraph(clean_text(line.strip().strip('"')), f"line {number}"))
            return "".join(lines[end + 1:]), end + 1
    return text, 0


class _Walk:
    def __init__(self, outline: Outline, folder: Path, offset: int):
        self.outline = outline
        self.folder = folder
        self.offset = offset
        self.list_depth = 0
        self.numbered: list[bool] = []      # per open list: ordered or bulleted
        self.in_item: list[bool] = []       # per open list item: has its first paragraph been taken
        self.table: list[list[str]] | None = None
        self.table_line = ""

    def where(self, token) -> str:
        return f"line {token.map[0] + 1 + self.offset}" if token.map else "the document"

    def run(self, tokens) -> None:
        heading_level = 0
        for index, token in enumerate(tokens):
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                self.list_depth += 1
                self.numbered.append(kind == "ordered_list_open")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
                self.numbered.pop()
            elif kind == "list_item_open":
                self.in_item.append(False)
            elif kind == "list_item_close":
                self.in_item.pop()
            elif kind == "heading_open":
                heading_level = int(token.tag[1])
            elif kind == "table_open":
                self.table, self.table_line = [], self.where(token)
            elif kind == "tr_open" and self.table is not None:
                self.table.append([])
            elif kind == "table_close" and self.table is not None:
                rows = tuple(tuple(row) for row in self.table if any(row))
                self.outline.blocks.append(Table(rows, self.table_line))
                self.table = None
            elif kind == "inline":
                self.inline(token, tokens[index - 1], heading_level)
                heading_level = 0
            elif kind in ("fence", "code_block", "html_block"):
                self.text_block(clean_text(token.content), token)

    def inline(self, token, opener, heading_level: int) -> None:
        text = clean_text(_plain(token.children or []))
        where = self.where(opener) if opener.map else self.table_line
        if self.table is not None:
            self.table[-1].append(text)
        elif heading_level:
            self.outline.blocks.append(Heading(heading_level, text, where))
        elif text:
            lines = [clean_text(line) for line in _plain(token.children or [], "\n").split("\n")]
            if len(lines) > 1 and not self.in_item and all(_LABEL_LINE.match(line) for line in lines):
                for number, line in enumerate(lines):        # "Owner: …" lines, one under another
                    self.outline.blocks.append(Paragraph(line, f"line {opener.map[0] + 1 + self.offset + number}"))
            elif not self.in_item and _all_bold(token.children or []) and looks_like_heading(text):
                self.outline.blocks.append(Heading(0, text, where))
            else:
                self.text_block(text, opener, _bold_lead(token.children or []), _links(token.children or [], text))
        for child in token.children or []:
            if child.type == "image":
                self.outline.blocks.append(self.image(child, where))

    def text_block(self, text: str, token, lead: str = "", links: tuple[str, ...] = ()) -> None:
        if not text:
            return
        where = self.where(token)
        if self.in_item and not self.in_item[-1]:
            self.in_item[-1] = True
            self.outline.blocks.append(ListItem(text, self.list_depth - 1, where, lead, self.numbered[-1],
                                                links=links))
        elif self.in_item:      # a further paragraph of the same item: it belongs to the item's text
            previous = self.outline.blocks[-1]
            if isinstance(previous, ListItem):
                self.outline.blocks[-1] = ListItem(f"{previous.text} {text}", previous.level, previous.where)
            else:
                self.outline.blocks.append(ListItem(text, max(0, self.list_depth - 1), where))
        else:
            self.outline.blocks.append(Paragraph(text, where, lead, links))

    def image(self, token, where: str) -> Image:
        source = str(token.attrGet("src") or "")
        alt = clean_text(_plain(token.children or []) or token.content)
        if not source or ":" in source.split("/", 1)[0] or source.startswith("//"):
            return Image(None, alt, source, where, "the picture is on the web or in another program, not in a "
                                                   "file beside the Markdown file; save it there and link it")
        target = (self.folder / unquote(source.split("#", 1)[0].split("?", 1)[0])).resolve()
        if not target.is_relative_to(self.folder.resolve()):
            return Image(None, alt, source, where, "the link leads outside the Markdown file's folder; "
                                                   "copy the picture into that folder and link it from there")
        if not target.is_file():
            return Image(None, alt, source, where, "no such file beside the Markdown file")
        if target.stat().st_size > MAX_IMAGE_BYTES:
            return Image(None, alt, source, where, f"larger than {MAX_IMAGE_BYTES // 1_000_000} MB")
        return Image(target.read_bytes(), alt, target.name, where)


_LABEL_LINE = re.compile(r"^[^:]{1,60}:\s+\S")


def _bold_lead(children) -> str:
    """The text of a **bold** start when more text follows it."""
    children = [child for child in children if child.type != "text" or child.content]
    if not children or children[0].type != "strong_open":
        return ""
    close = next((number for number, child in enumerate(children) if child.type == "strong_close"), None)
    if close is None or not clean_text(_plain(children[close + 1:])):
        return ""
    return clean_text(_plain(children[1:close]))


def _links(children, text: str) -> tuple[str, ...]:
    """The web and mail addresses of the links in the text, unless the text already shows them."""
    found = []
    for child in children:
        address = child.attrs.get("href", "") if child.type == "link_open" else ""
        if address.startswith(("http://", "https://", "mailto:")) and address not in text and address not in found:
            found.append(address)
    return tuple(found)


def _all_bold(children) -> bool:
    visible = [child for child in children
               if child.type not in ("softbreak", "hardbreak") and not (child.type == "text" and not child.content)]
    return (len(visible) >= 3 and visible[0].type == "strong_open" and visible[-1].type == "strong_close"
            and all(child.type != "strong_close" for child in visible[1:-1]))


def _plain(children, line_break: str = " ") -> str:
    """The text of inline tokens without their markup; an image stands for nothing here."""
    parts = []
    for child in children:
        if child.type == "image":
            continue
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(line_break)
    return "".join(parts)
