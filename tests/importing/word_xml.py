"""Word documents shaped the way Word and Google Docs write them, not the way python-docx's styles do.

python-docx makes the file; the parts that real files have and python-docx does not write (list
numbering on "Normal" paragraphs, content controls, tracked changes, text boxes, merged title
rows) are added as XML here. Only the OOXML structure comes from the format; the words are ours.
"""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W = nsdecls("w", "r", "wp", "a", "pic")
DECIMAL, BULLET = "decimal", "bullet"


class WordFile:
    def __init__(self):
        self.document = docx.Document()
        self.body = self.document.element.body
        self.lists = 0

    # --------------------------------------------------------------- building blocks

    def xml(self, fragment: str):
        """Add a body element written as XML, before the section properties that end the body."""
        element = parse_xml(fragment)
        self.body.sectPr.addprevious(element)
        return element

    def heading(self, text: str, level: int = 1) -> None:
        self.document.add_heading(text, level=level)

    def paragraph(self, *runs: str | tuple[str, str], style: str | None = None, numbering: tuple[str, int] | None = None):
        """A paragraph of runs; a run given as ("b", text) is bold, ("strong", text) uses the Strong style."""
        properties = ""
        if style:
            properties += f'<w:pStyle w:val="{style}"/>'
        if numbering:
            properties += f'<w:numPr><w:ilvl w:val="{numbering[1]}"/><w:numId w:val="{numbering[0]}"/></w:numPr>'
        return self.xml(f"<w:p {W}><w:pPr>{properties}</w:pPr>{''.join(run(part) for part in runs)}</w:p>")

    def new_list(self, *formats: str) -> str:
        """A list definition in the numbering part, one format per level ("decimal", "bullet"); its numId."""
        self.lists += 1
        numbering = self.document.part.numbering_part.element
        abstract_id, num_id = str(900 + self.lists), str(800 + self.lists)
        levels = "".join(f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{kind}"/>'
                         f'<w:lvlText w:val="{"•" if kind == BULLET else f"%{level + 1}."}"/></w:lvl>'
                         for level, kind in enumerate(formats))
        first_num = numbering.find(qn("w:num"))
        abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>')
        if first_num is not None:
            first_num.addprevious(abstract)     # the schema puts every abstractNum before the first num
        else:
            numbering.append(abstract)
        numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                                   f'</w:num>'))
        return num_id

    def picture(self, data: bytes, alt: str = "", paragraph=None):
        """A picture in a new paragraph, or at the end of ``paragraph`` (an lxml w:p, such as a cell's)."""
        if paragraph is None:
            run_ = self.document.add_paragraph().add_run()
        else:
            from docx.text.paragraph import Paragraph

            run_ = Paragraph(paragraph, self.document._body).add_run()
        run_.add_picture(io.BytesIO(data))
        if alt:
            run_._r.xpath(".//wp:docPr")[0].set("descr", alt)
        return run_

    def table(self, rows: list[list[str]]):
        table = self.document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
        for row, cells in zip(table.rows, rows):
            for cell, text in zip(row.cells, cells):
                cell.text = text
        return table

    def comment(self, text: str) -> None:
        """A comments part holding one comment, as Word writes it (python-docx before 1.2 cannot add one)."""
        from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {W}><w:comment w:id="0" '
                f'w:author="Reviewer"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment></w:comments>')
        part = Part(PackURI("/word/comments.xml"), CONTENT_TYPE.WML_COMMENTS, blob.encode("utf-8"),
                    self.document.part.package)
        self.document.part.relate_to(part, RELATIONSHIP_TYPE.COMMENTS)

    def save(self, path):
        self.document.save(str(path))
        return path


def run(part: str | tuple[str, str]) -> str:
    if isinstance(part, tuple):
        kind, text = part
        properties = "<w:b/>" if kind == "b" else '<w:rStyle w:val="Strong"/>'
        return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'
    return f'<w:r><w:t xml:space="preserve">{part}</w:t></w:r>'
