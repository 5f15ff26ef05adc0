"""Read a Word (.docx) file, from Word or exported from Google Docs, into an outline, through python-docx.

Headings are paragraphs in a "Heading N" style (or a style based on one); list items are
paragraphs with Word numbering, their level from the numbering or a "List Bullet 2" style;
pictures are read from the relationships of the drawings in a paragraph or a table cell.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from . import docx_unread
from .docx_table import read_table
from .docx_text import NAMESPACES, all_bold, bold_lead, find, has_page_field, pieces
from .outline import Caption, Heading, Image, ListItem, Outline, Paragraph, Table, clean_text, looks_like_heading

MAX_DOCX_BYTES = 50_000_000             # the file on disk
MAX_UNPACKED_BYTES = 200_000_000        # all parts unpacked: a zip bomb is refused before python-docx reads it

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_TYPED_BULLET = re.compile("^[\u2022\u25aa\u25e6\u25cf\u25a0\u2023\u2043\u2219\u00b7\uf0b7\uf0a7*\u2013-]\\s+")
_CAPTION_STYLE = re.compile(r"^(?:image |figure )?caption$")
_CONTENTS_STYLE = re.compile(r"^(?:toc \d|toc heading|table of contents|contents \d)$")
_PARAGRAPH, _TABLE, _CONTENT_CONTROL, _CUSTOM_XML = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:customXml")
_OTHER_FILE = qn("w:altChunk")      # HTML or RTF kept whole inside the .docx; Word merges it when it saves


class UnreadableDocument(Exception):
    """The file is not a Word document python-docx can read; the message says what to do."""


def read_docx(path: Path) -> Outline:
    import docx

    _check_size(path)
    try:
        document = docx.Document(str(path))
    except Exception as error:   # python-docx raises many kinds for a damaged or foreign file
        raise UnreadableDocument(f"cannot be read as a Word document ({type(error).__name__}: {error}); "
                                 f"open it in Word or Google Docs and save it again as .docx") from None
    try:
        return _Reader(document, Outline(path, title=clean_text(document.core_properties.title or ""))).read()
    except Exception as error:  # a part python-docx opened but cannot walk (invalid XML in a table, say)
        raise UnreadableDocument(f"has content that cannot be read ({type(error).__name__}: {error}); open it in "
                                 f"Word or Google Docs and save it again as .docx") from None


class _Reader:
    def __init__(self, document, outline: Outline):
        from .docx_numbering import Numbering

        self.document, self.outline = document, outline
        self.numbering = Numbering(document)
        self.bold_styles = frozenset(style.style_id for style in document.styles
                                     if style.type == WD_STYLE_TYPE.CHARACTER and style.font.bold)
        self.counts = {"paragraph": 0, "table": 0}
        self.last_term = ""         # where the last paragraph in a definition-term style stands

    def read(self) -> Outline:
        self.read_page_headers()
        self.read_children(self.document.element.body)
        self.outline.unread.extend(docx_unread.document_wide(self.document))
        return self.outline

    def read_children(self, container) -> None:
        from docx.text.paragraph import Paragraph as DocxParagraph

        for child in container.iterchildren():
            if child.tag == _PARAGRAPH:
                self.counts["paragraph"] += 1
                self.paragraph(DocxParagraph(child, self.document._body), f"paragraph {self.counts['paragraph']}")
            elif child.tag == _TABLE:
                self.counts["table"] += 1
                self.table(child, f"table {self.counts['table']}")
            elif child.tag == _CONTENT_CONTROL:
                content = child.find(qn("w:sdtContent"))
                if content is not None and not docx_unread.is_table_of_contents(child):
                    self.read_children(content)
            elif child.tag == _CUSTOM_XML:
                self.read_children(child)
            elif child.tag == _OTHER_FILE:
                self.outline.unread.append(f"a part pasted in as another file (after paragraph "
                                           f"{self.counts['paragraph']}) was not imported; open the document in "
                                           f"Word, save it again as .docx and import that")

    def read_page_headers(self) -> None:
        """Document-control tables and "Code: FO-01" lines in the page header come first, as if on page one."""
        seen = set()
        for section in self.document.sections:
            for header in (section.first_page_header, section.header, section.even_page_header):
                if header.is_linked_to_previous or id(header.part) in seen:
                    continue
                seen.add(id(header.part))
                for number, table in enumerate(header.tables, start=1):
                    read = read_table(table._tbl, self.bold_styles)
                    self.outline.blocks.append(Table(read.rows, f"the page header, table {number}", read.title))
                for paragraph in header.paragraphs:
                    text = self.text(paragraph)
                    if text and not has_page_field(paragraph._p):
                        self.outline.blocks.append(Paragraph(text, "the page header"))
                if header.part.element.xpath(".//a:blip"):
                    self.outline.unread.append("a picture in the page header (a logo?) was not imported")

    def text(self, paragraph) -> str:
        return clean_text("".join(piece.text for piece in pieces(paragraph._p, self.bold_styles)))

    def paragraph(self, paragraph, where: str) -> None:
        outline = self.outline
        found = pieces(paragraph._p, self.bold_styles)
        raw = "".join(piece.text for piece in found).strip()
        text = clean_text(raw)
        styles = _styles(paragraph)
        names = [(style.name or "").strip().lower() for style in styles]
        named = paragraph._p.style         # a style the document uses but does not define (pandoc does this):
        if named and not any(style.style_id == named for style in styles):   # its id is all there is to go on
            names.insert(0, named.lower())
        nearest = names[0] if names else ""
        lead = clean_text(bold_lead(found))
        if text and not any(_CONTENTS_STYLE.match(name) for name in names[:1]):
            if "title" in names and not outline.title:
                outline.title = text
            elif (level := _heading_level(names)) is not None:
                outline.blocks.append(Heading(level, text, where))
            elif (mark := self.numbering.mark(paragraph, styles)) is not None:
                outline.blocks.append(ListItem(text, mark.level, where, lead, mark.numbered, all_bold(found),
                                               self.links(paragraph._p, text)))
            elif typed := _TYPED_BULLET.match(raw):        # "• Key card encoder", a bullet typed by hand
                outline.blocks.append(ListItem(clean_text(raw[typed.end():]), 0, where, "", False))
            elif any(_CAPTION_STYLE.match(name) for name in names):
                outline.blocks.append(Caption(text, where))
            elif nearest == "definition" and self.after_term():
                term = outline.blocks[-1]
                outline.blocks[-1] = Paragraph(f"{term.text}: {text}", term.where)     # "Term: meaning"
            elif all_bold(found) and looks_like_heading(text):
                outline.blocks.append(Heading(0, text, where))
            elif "title" not in names:
                outline.blocks.append(Paragraph(text, where, lead, self.links(paragraph._p, text)))
                if nearest in ("definition term", "definitionterm"):
                    self.last_term = where
        outline.blocks.extend(_images(self.document, paragraph._p, where))
        outline.unread.extend(docx_unread.in_paragraph(paragraph._p, where))

    def links(self, paragraph_element, text: str) -> tuple[str, ...]:
        """The web and mail addresses the paragraph's hyperlinks lead to, unless its text already shows them."""
        found = []
        for relationship in find(paragraph_element, ".//w:hyperlink/@r:id"):
            link = self.document.part.rels.get(relationship)
            address = link.target_ref if link is not None and link.is_external else ""
            if address.startswith(("http://", "https://", "mailto:")) and address not in text and address not in found:
                found.append(address)
        return tuple(found)

    def after_term(self) -> bool:
        """The last block is a term of a definition list, whose definition comes next (as pandoc writes them)."""
        last = self.outline.blocks[-1] if self.outline.blocks else None
        return isinstance(last, Paragraph) and last.where == self.last_term

    def table(self, tbl, where: str) -> None:
        read = read_table(tbl, self.bold_styles)
        self.outline.blocks.append(Table(read.rows, where, read.title, read.leads))
        for kept, tc in read.cells:
            place = f"{where}, row {kept + 1}" if kept is not None else where
            for paragraph in find(tc, ".//w:p[not(ancestor::w:txbxContent)]"):
                for image in _images(self.document, paragraph, place):
                    self.outline.blocks.append(replace(image, row=kept))
                self.outline.unread.extend(docx_unread.in_paragraph(paragraph, place))


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


def _styles(paragraph) -> list:
    """The paragraph's style and the styles it is based on, nearest first."""
    styles = []
    style = paragraph.style
    while style is not None and len(styles) < 10:
        styles.append(style)
        style = style.base_style
    return styles


def _heading_level(styles: list[str]) -> int | None:
    for name in styles:
        found = _HEADING_STYLE.match(name)
        if found:
            return max(1, int(found.group(1)))
    return None


def _images(document, paragraph_element, where: str) -> list[Image]:
    found = []
    for drawing in find(paragraph_element, "(.//wp:inline | .//wp:anchor)[not(ancestor::mc:Fallback)]"):
        described = find(drawing, "./wp:docPr")
        alt = clean_text(described[0].get("descr") or described[0].get("title") or "") if described else ""
        name = described[0].get("name", "") if described else ""
        if not find(drawing, ".//a:blip"):
            continue        # a chart, a diagram, a shape or a text box: docx_unread reports it
        embedded = find(drawing, ".//a:blip/@r:embed")
        if not embedded:
            found.append(Image(None, alt, name or "picture", where, "the picture is linked, not embedded in "
                                                                    "the document, so it cannot be copied"))
            continue
        found.append(_picture(document, embedded[0], alt, name, where))
    for shape in find(paragraph_element, ".//w:pict//v:imagedata[@r:id]"):
        found.append(_picture(document, shape.get(qn("r:id")), clean_text(shape.get(f"{{{NAMESPACES['o']}}}title") or ""),
                              "picture", where))
    return found


def _picture(document, relationship: str, alt: str, name: str, where: str) -> Image:
    part = document.part.related_parts.get(relationship)
    blob = getattr(part, "blob", None)
    partname = str(getattr(part, "partname", "")) or name
    if blob is None:
        return Image(None, alt, partname, where, "the picture's data is missing from the document")
    return Image(blob, alt, partname.rsplit("/", 1)[-1], where)
