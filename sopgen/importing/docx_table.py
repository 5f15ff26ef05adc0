"""A Word table as rows of cell text lined up under its column headers, read from the XML.

Real tables are not the even grid python-docx's ``table.rows`` assumes: rows sit inside content
controls (Word's repeating sections, common in revision tables of templates), cells span columns
(``w:gridSpan``) or rows (``w:vMerge``), rows start late (``w:gridBefore``), and a title row
spanning the whole table may stand above the headers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

from .docx_text import bold_lead, find, pieces
from .outline import clean_text

_ROWS = "./w:tr | ./w:sdt/w:sdtContent/w:tr | ./w:customXml/w:tr | ./w:sdt/w:sdtContent/w:sdt/w:sdtContent/w:tr"
_CELLS = "./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc"


@dataclass
class ReadTable:
    rows: tuple[tuple[str, ...], ...]
    leads: tuple[tuple[str, ...], ...]   # per row and column: the bold words its cell starts with, or ""
    title: str = ""                      # the text of a row above the headers that spans the whole table
    cells: list[tuple[int | None, object]] = field(default_factory=list)   # (kept row index, w:tc) for pictures


def read_table(tbl, bold_styles: frozenset[str]) -> ReadTable:
    """Rows of text, one string per grid column: a cell spanning columns keeps its text in its first column
    and leaves the others empty; a cell merged down repeats its text in each row it covers. Empty rows are
    dropped; their cells count as the row above's, so a picture alone in a row belongs to that row."""
    rows: list[tuple[str, ...]] = []
    leads: list[tuple[str, ...]] = []
    title = ""
    cells: list[tuple[int | None, object]] = []
    above: dict[int, str] = {}           # grid column -> text of the cell that a merged-down cell continues
    for tr in find(tbl, _ROWS):
        texts: list[str] = [""] * _int(find(tr, "./w:trPr/w:gridBefore/@w:val"))
        row_leads: list[str] = [""] * len(texts)
        row_cells = find(tr, _CELLS)
        for tc in row_cells:
            column, span = len(texts), _int(find(tc, "./w:tcPr/w:gridSpan/@w:val")) or 1
            merge = find(tc, "./w:tcPr/w:vMerge")
            if merge and (merge[0].get(qn("w:val")) or "continue") == "continue":
                text = above.get(column, "")
            else:
                text = _cell_text(tc, bold_styles)
                above[column] = text
            texts.extend([text] + [""] * (span - 1))
            row_leads.extend([_lead(tc, bold_styles)] + [""] * (span - 1))
        if not rows and len(row_cells) == 1 and len(texts) > 1 and texts[0]:
            title = title or texts[0]
        elif any(texts):
            rows.append(tuple(texts))
            leads.append(tuple(row_leads))
        kept = len(rows) - 1 if rows else None
        cells.extend((kept, tc) for tc in row_cells)
    return ReadTable(tuple(rows), tuple(leads), title, cells)


def _cell_text(tc, bold_styles: frozenset[str]) -> str:
    paragraphs = find(tc, ".//w:p[not(ancestor::w:txbxContent)]")
    return clean_text(" ".join("".join(piece.text for piece in pieces(p, bold_styles)) for p in paragraphs))


def _lead(tc, bold_styles: frozenset[str]) -> str:
    first = find(tc, "./w:p[1]")
    return clean_text(bold_lead(pieces(first[0], bold_styles))) if first else ""


def _int(values: list) -> int:
    try:
        return max(0, int(values[0])) if values else 0
    except ValueError:
        return 0
