"""The text of a Word paragraph as a reader sees it on the page, read from the XML itself.

python-docx's ``paragraph.text`` leaves out text that real documents keep in other places: inside
content controls (``w:sdt``, Word's date pickers and document-property boxes), simple fields
(``w:fldSimple``), tracked insertions (``w:ins``) and smart tags. Here every run that shows on the
page counts, tracked deletions and field codes do not, and a text box anchored in the paragraph
is left to be reported, not mixed into the paragraph's sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import nsmap, qn
from lxml import etree

NAMESPACES = {**nsmap, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
              "v": "urn:schemas-microsoft-com:vml", "o": "urn:schemas-microsoft-com:office:office"}

_SKIPPED = {qn(name) for name in ("w:pPr", "w:rPr", "w:del", "w:moveFrom", "w:drawing", "w:pict", "w:object",
                                  "w:instrText", "w:delText", "w:fldData", "w:delInstrText")}
_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_TEXT, _TAB, _BREAK, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_HYPHEN, _SOFT_HYPHEN, _RUN = qn("w:noBreakHyphen"), qn("w:softHyphen"), qn("w:r")
_OFF = {"0", "false", "off"}
_CONTROL, _PLACEHOLDER_SHOWN = qn("w:sdt"), qn("w:showingPlcHdr")


def find(element, path: str) -> list:
    """XPath with the namespaces Word files use, beyond the few python-docx's own ``xpath`` knows."""
    return etree.ElementBase.xpath(element, path, namespaces=NAMESPACES)


@dataclass(frozen=True)
class Piece:
    text: str
    bold: bool


def pieces(paragraph_element, bold_styles: frozenset[str]) -> list[Piece]:
    """The paragraph's visible text in order, each piece marked bold or not.

    ``bold_styles`` are the ids of character styles that make text bold (Word's "Strong").
    """
    found: list[Piece] = []
    _walk(paragraph_element, False, bold_styles, found)
    return found


def _walk(element, bold: bool, bold_styles: frozenset[str], found: list[Piece]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED or tag == _ALTERNATE:
            continue
        if tag == _RUN:
            _walk(child, _run_is_bold(child, bold_styles), bold_styles, found)
        elif tag == _TEXT:
            found.append(Piece(child.text or "", bold))
        elif tag in (_TAB, _BREAK, _CR):
            found.append(Piece(" ", bold))
        elif tag == _HYPHEN:
            found.append(Piece("-", bold))
        elif tag == _CONTROL and child.find(f"{qn('w:sdtPr')}/{_PLACEHOLDER_SHOWN}") is not None:
            continue            # an empty content control shows "Click or tap to enter a date."
        elif tag == _CONTROL and (day := _picked_date(child)):
            found.append(Piece(day, bold))      # the date itself, whichever way the picker displays it
        elif tag != _SOFT_HYPHEN:
            _walk(child, bold, bold_styles, found)


def _picked_date(control) -> str:
    """A date picker's date as ISO (2026-03-01), from ``w:date/@w:fullDate``; "" when it has none."""
    picker = control.find(f"{qn('w:sdtPr')}/{qn('w:date')}")
    full = picker.get(qn("w:fullDate")) if picker is not None else None
    day = (full or "")[:10]
    return day if len(day) == 10 and day[4] == "-" and day[7] == "-" and day.replace("-", "").isdigit() else ""


def _run_is_bold(run, bold_styles: frozenset[str]) -> bool:
    properties = run.find(qn("w:rPr"))
    if properties is None:
        return False
    direct = properties.find(qn("w:b"))
    if direct is not None:
        return (direct.get(qn("w:val")) or "true").lower() not in _OFF
    style = properties.find(qn("w:rStyle"))
    return style is not None and style.get(qn("w:val")) in bold_styles


def bold_lead(found: list[Piece]) -> str:
    """The bold words a paragraph starts with when plain text follows them ("**Greet the guest.** Look up…")."""
    lead = []
    for number, piece in enumerate(found):
        if not piece.text.strip():
            lead.append(piece.text)
            continue
        if not piece.bold:
            rest = "".join(p.text for p in found[number:]).strip()
            return "".join(lead).strip() if rest else ""
        lead.append(piece.text)
    return ""


def all_bold(found: list[Piece]) -> bool:
    visible = [piece for piece in found if piece.text.strip()]
    return bool(visible) and all(piece.bold for piece in visible)


def has_page_field(paragraph_element) -> bool:
    """Page numbers in a page header ("Page 2 of 5") are not content to import."""
    codes = find(paragraph_element, ".//w:instrText/text() | .//w:fldSimple/@w:instr")
    return any(code.split()[:1] and code.split()[0].upper() in ("PAGE", "NUMPAGES", "SECTIONPAGES")
               for code in codes)
