"""Word list numbering: whether a paragraph is a list item, at what level, and numbered or bulleted.

Word and Google Docs mark a list item with numbering properties (``w:numPr``: ``w:numId`` and
``w:ilvl``) on the paragraph, or on its style ("List Number"); the numbering part says, per list
and level, how it is marked (``w:abstractNum`` / ``w:lvl`` / ``w:numFmt``, which a list's
``w:lvlOverride`` may change). A ``numFmt`` of "bullet" is a bulleted list; any other is numbered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.oxml.ns import qn

_LIST_STYLE = re.compile(r"^list\s+(?P<kind>bullet|number|continue)(?:\s+(?P<level>\d))?$", re.IGNORECASE)


@dataclass(frozen=True)
class ListMark:
    level: int              # 0 for a top-level item
    numbered: bool | None   # None when neither the numbering nor the style says


class Numbering:
    def __init__(self, document):
        self.formats: dict[tuple[str, int], str] = {}
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        abstract = {}
        for definition in root.findall(qn("w:abstractNum")):
            levels = {}
            for level in definition.findall(qn("w:lvl")):
                levels[_int(level.get(qn("w:ilvl")))] = _format(level)
            abstract[definition.get(qn("w:abstractNumId"))] = levels
        for instance in root.findall(qn("w:num")):
            number = instance.get(qn("w:numId"))
            link = instance.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(link.get(qn("w:val")) if link is not None else None, {}))
            for override in instance.findall(qn("w:lvlOverride")):
                replaced = override.find(qn("w:lvl"))
                if replaced is not None and _format(replaced):
                    levels[_int(override.get(qn("w:ilvl")))] = _format(replaced)
            for level, kind in levels.items():
                if kind:
                    self.formats[(number, level)] = kind

    def mark(self, paragraph, styles) -> ListMark | None:
        """The paragraph's list mark, or None when it is not a list item.

        ``styles`` are the paragraph's style objects, nearest first.
        """
        number, level = _numbering_properties(paragraph._p.pPr)
        by_name = _styled_list(styles)
        from_style = number is None
        style_level = None
        for style in styles:
            style_number, style_level = _numbering_properties(style.element.pPr)
            if style_number is not None:
                number = number if number is not None else style_number
                break
        if number == "0":               # numbering switched off on this paragraph
            return None
        if number is None:
            return by_name
        if from_style and by_name:      # "List Bullet 2" is the second level, whatever its numbering says
            level = by_name.level
        elif level is None:
            level = style_level if style_level is not None else (by_name.level if by_name else 0)
        kind = self.formats.get((number, level))
        if kind is None or kind == "none":
            numbered = by_name.numbered if by_name else None
        else:
            numbered = kind != "bullet"
        return ListMark(level, numbered)


def _numbering_properties(properties) -> tuple[str | None, int | None]:
    numbering = properties.find(qn("w:numPr")) if properties is not None else None
    if numbering is None:
        return None, None
    number = numbering.find(qn("w:numId"))
    level = numbering.find(qn("w:ilvl"))
    return (number.get(qn("w:val")) if number is not None else None,
            _int(level.get(qn("w:val"))) if level is not None else None)


def _styled_list(styles) -> ListMark | None:
    for style in styles:
        found = _LIST_STYLE.match((style.name or "").strip())
        if found:
            level = int(found["level"]) - 1 if found["level"] else 0
            kind = found["kind"].lower()
            return ListMark(level, None if kind == "continue" else kind == "number")
    return None


def _format(level) -> str:
    found = level.find(qn("w:numFmt"))
    return (found.get(qn("w:val")) or "") if found is not None else ""


def _int(text: str | None) -> int:
    try:
        return max(0, int(text or 0))
    except ValueError:
        return 0
