"""Read a Word (.docx) file, from Word or exported from Google Docs, into an outline, through python-docx.

Headings are paragraphs in a "Heading N" style (or a style based on one); list items are
paragraphs with Word numbering, their level from the numbering or a "List Bullet 2" style;
pictures are read from the relationships of the drawings in a paragraph or a table cell.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .outline import Heading, Image, ListItem, Outline, Paragraph, Table, clean_text

MAX_DOCX_BYTES = 50_000_000             # the file on disk
MAX_UNPACKED_BYTES = 200_000_000        # all parts unpacked: a zip bomb is refused before python-docx reads it

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list\s+(?:bullet|number|continue|paragraph)(?:\s+(\d))?$", re.IGNORECASE)


class UnreadableDocument(Exception):
    """The file is not a Word document python-docx can read; the message says what to do."""


def read_docx(path: Path) -> Outline:
    import docx
    from docx.table import Table as DocxTable

    _check_size(path)
    try:
        document = docx.Document(str(path))
    except Exception as error:   # python-docx raises many kinds for a damaged or foreign file
        raise UnreadableDocument(f"cannot be read as a Word document ({type(error).__name__}: {error}); "
                                 f"open it in Word or Google Docs and save it again as .docx") from None
    outline = Outline(path, title=clean_text(document.core_properties.title or ""))
    counts = {"paragraph": 0, "table": 0}
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            counts["table"] += 1
            where = f"table {counts['table']}"
            outline.blocks.append(Table(_rows(item), where))
            for cell_paragraph in _cell_paragraphs(item):
                outline.blocks.extend(_images(document, cell_paragraph, where))
            continue
        counts["paragraph"] += 1
        where = f"paragraph {counts['paragraph']}"
        _add_paragraph(outline, document, item, where)
    return outline


def _check_size(path: Path) -> None:
    if path.stat().st_size > MAX_DOCX_BYTES:
        raise UnreadableDocument(f"is larger than {MAX_DOCX_BYTES // 1_000_000} MB; "
                                 f"remove large pictures or split it, then import it again")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableDocument(f"is not a .docx file ({error}); open it in Word or Google Docs and save it "
                                 f"as a Word document (.docx)") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableDocument(f"unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000} MB; "
                                 f"remove large pictures, then import it again")


def _add_paragraph(outline: Outline, document, paragraph, where: str) -> None:
    text = clean_text(paragraph.text)
    style = _style_names(paragraph)
    if text:
        if "title" in style and not outline.title:
            outline.title = text
        elif (level := _heading_level(style)) is not None:
            outline.blocks.append(Heading(level, text, where))
        elif (level := _list_level(paragraph, style)) is not None:
            outline.blocks.append(ListItem(text, level, where))
        elif "title" not in style:
            outline.blocks.append(Paragraph(text, where))
    outline.blocks.extend(_images(document, paragraph, where))


def _style_names(paragraph) -> list[str]:
    """The paragraph's style and the styles it is based on, lowercase, nearest first."""
    names = []
    style = paragraph.style
    while style is not None and len(names) < 10:
        names.append((style.name or "").strip().lower())
        style = style.base_style
    return names


def _heading_level(styles: list[str]) -> int | None:
    for name in styles:
        found = _HEADING_STYLE.match(name)
        if found:
            return max(1, int(found.group(1)))
    return None


def _list_level(paragraph, styles: list[str]) -> int | None:
    properties = paragraph._p.pPr
    numbering = properties.numPr if properties is not None else None
    if numbering is not None and numbering.numId is not None and numbering.numId.val != 0:
        return numbering.ilvl.val if numbering.ilvl is not None else 0
    for name in styles:
        found = _LIST_STYLE.match(name)
        if found and not name.startswith("list paragraph"):
            return int(found.group(1)) - 1 if found.group(1) else 0
    return None


def _rows(table) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in table.rows:
        cells, seen = [], None
        for cell in row.cells:
            if cell._tc is seen:          # a cell merged across columns is listed once per column
                continue
            seen = cell._tc
            cells.append(clean_text(cell.text))
        if any(cells):
            rows.append(tuple(cells))
    return tuple(rows)


def _cell_paragraphs(table):
    for row in table.rows:
        for cell in row.cells:
            yield from cell.paragraphs


def _images(document, paragraph, where: str) -> list[Image]:
    found = []
    for drawing in paragraph._p.xpath(".//wp:inline | .//wp:anchor"):
        described = drawing.xpath("./wp:docPr")
        alt = clean_text(described[0].get("descr") or described[0].get("title") or "") if described else ""
        name = described[0].get("name", "") if described else ""
        embedded = drawing.xpath(".//a:blip/@r:embed")
        if not embedded:
            found.append(Image(None, alt, name or "picture", where, "the picture is linked, not embedded in "
                                                                    "the document, so it cannot be copied"))
            continue
        part = document.part.related_parts.get(embedded[0])
        blob = getattr(part, "blob", None)
        partname = str(getattr(part, "partname", "")) or name
        if blob is None:
            found.append(Image(None, alt, partname, where, "the picture's data is missing from the document"))
        else:
            found.append(Image(blob, alt, partname.rsplit("/", 1)[-1], where))
    return found
