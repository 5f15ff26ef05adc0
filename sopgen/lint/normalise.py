"""Make text plain for matching, and remember where each character came from.

Wording can hide from a word list without meaning to (curly quotes, a soft
hyphen pasted from a word processor, full-width letters) or on purpose (a
zero-width space inside "smile", a Cyrillic "а" in "always"). The rules read
the plain text; findings are reported on the text as written, through
``Plain.original_span``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters that show nothing: zero-width spaces and joiners, soft hyphens,
# word joiners, byte-order marks and the bidirectional controls.
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)

# Letters from other scripts that look like Latin ones, and the punctuation
# that comes in several shapes. Pairs of (look-alikes, what they stand for).
_FOLDS = (
    ("аеорсухіјѕԁԛԝһӏɡ", "aeopcyxijsdqwhlg"),          # Cyrillic and IPA small letters
    ("АВЕКМНОРСТХУІЈЅԌ", "ABEKMHOPCTXYIJSG"),          # Cyrillic capitals
    ("οαικνρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "oaikvptuxABEZHIKMNOPTYX"),  # Greek
    ("‘’‚‛′`´", "'''''''"),
    ("“”„‟″«»", '"""""""'),
    ("‐‑‒–—―−", "-------"),
    ("İ", "I"),                                        # the one letter whose lower case is two characters
)
_FOLD = {look: plain for looks, plains in _FOLDS for look, plain in zip(looks, plains)}


@dataclass(frozen=True)
class Plain:
    """Text made plain, with the offset in the original of each of its characters."""

    text: str
    origin: tuple[int, ...] | None = None   # None: the text is unchanged

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        last = len(self.origin) - 1
        first = self.origin[min(start, last)]
        after = self.origin[min(end - 1, last)] + 1 if end > start else first
        return first, after


@lru_cache(maxsize=256)
def _fold(char: str) -> str:
    if char in INVISIBLE or unicodedata.category(char) == "Cf":
        return ""
    if char in _FOLD:
        return _FOLD[char]
    if char.isspace():
        return " "
    folded = unicodedata.normalize("NFKC", char)
    return "".join(_FOLD.get(c, c) for c in folded)


def plain(text: str) -> Plain:
    """``text`` with invisible characters dropped and look-alikes folded; ASCII comes back as it is."""
    if text.isascii():
        return Plain(text)
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = char if char.isascii() else _fold(char)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    result = "".join(pieces)
    origin.append(len(text))     # the end of the text maps to the end of the original
    return Plain(result, tuple(origin))

