"""What a printed page holds, read back from the PDF with poppler's pdftotext.

Each page's words come with their boxes, so a test can see how full a page
is and whether any text sits where a printer cannot print.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4          # PDF points in a millimetre
MARGIN_BAND = 17 * MM   # running headers and footers sit this close to the top and bottom edges

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    def body_words(self) -> list[Word]:
        return [w for w in self.words if w.y1 > MARGIN_BAND and w.y0 < self.height - MARGIN_BAND]

    @property
    def fill(self) -> float:
        """How far down the body area the page's text reaches: 0 for a blank page, 1 for a full one."""
        body = self.body_words()
        if not body:
            return 0.0
        return (max(w.y1 for w in body) - MARGIN_BAND) / (self.height - 2 * MARGIN_BAND)

    def nearest_edge_mm(self) -> float:
        """The smallest distance from any word to an edge of the paper, in millimetres."""
        if not self.words:
            return float("inf")
        return min(min(w.x0, w.y0, self.width - w.x1, self.height - w.y1) for w in self.words) / MM


def have_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


def read_pages(pdf: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for number, (width, height, body) in enumerate(_PAGE.findall(out), start=1):
        words = tuple(Word(html.unescape(m[4]), *map(float, m[:4])) for m in _WORD.findall(body))
        pages.append(Page(number, float(width), float(height), words))
    return pages


def text_lines(page: Page) -> list[str]:
    """The page's lines of text, left to right: words whose boxes share a baseline and are close together."""
    rows: dict[float, list[Word]] = {}
    for word in page.body_words():
        rows.setdefault(round(word.y1, 0), []).append(word)
    lines = []
    for row in rows.values():
        row.sort(key=lambda w: w.x0)
        current = [row[0]]
        for word in row[1:]:
            if word.x0 - current[-1].x1 > 4 * MM:      # a gap this wide is a new column, not a space
                lines.append(" ".join(w.text for w in current))
                current = []
            current.append(word)
        lines.append(" ".join(w.text for w in current))
    return lines


def running_title(page: Page) -> str:
    """The left half of the page's running header: what the page belongs to (an SOP, a week)."""
    return " ".join(w.text for w in page.words if w.y1 <= MARGIN_BAND and w.x1 < page.width / 2)


def short_pages(pages: list[Page], mid_unit: float, unit_end: float) -> list[tuple[int, float]]:
    """Pages less full than they should be, as (page number, fill).

    A page inside a unit (an SOP, a week: whatever shares a running title) should be at least
    ``mid_unit`` full; the last page of a unit that runs over more than one page at least
    ``unit_end``. A page that is a whole unit by itself (a cover, a chapter opener) may be short.
    """
    short = []
    for index, page in enumerate(pages):
        title = running_title(page)
        continues = index > 0 and title and running_title(pages[index - 1]) == title
        continued = index + 1 < len(pages) and title and running_title(pages[index + 1]) == title
        if continued and page.fill < mid_unit or continues and not continued and page.fill < unit_end:
            short.append((page.number, round(page.fill, 2)))
    return short
