"""Sentence and phrase helpers shared by the wording rules.

A rule sees one sentence at a time, with three views of it: the text as the
rules read it, a lower-cased copy, and a "masked" copy in which quoted speech
and phrases the project allows are blanked out (offsets are kept, so a match in
the masked copy points at the same characters).

The text the rules read is the author's text made plain (see normalise.py):
invisible characters dropped, look-alike letters and quotes folded. Offsets
into it are turned back into offsets of the original with
``Sentence.original_span`` before anything is reported.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

from .normalise import Plain, plain

# Quotes are bounded in length so that an unclosed quote costs a bounded scan, not the rest of the line:
# speech longer than that is not a line anyone is asked to say.
_QUOTE = re.compile(
    r"""(?<![\w'’])'(?=[^\s'])(?P<single>[^\n]{0,400}?[^\s])'(?![\w])"""
    r"""|‘(?P<curly>[^’\n]{1,400})’"""
    r"""|"(?P<double>[^"\n]{1,400})\""""
    r"""|“(?P<dcurly>[^”\n]{1,400})”"""
)
_TOKEN = re.compile(r"[a-z]+|\d+|°")
# A sentence ends at . ! ? or ; before a capital, but not after an abbreviation such as "e.g." or "Mrs.".
_SENTENCE_END = re.compile(r"(?<=[.!?;])(?<!(?i:e\.g\.))(?<!(?i:i\.e\.))(?<!(?i:\bmr\.))(?<!(?i:mrs\.))(?<!(?i:\bms\.))"
                           r"(?<!(?i:\bdr\.))(?<!(?i:\bst\.))(?<!(?i:\bno\.))(?<!(?i:etc\.))(?<!(?i:approx\.))"
                           r"\s+(?=[A-Z‘“'\"(])|\n\s*\n")


class LazyPattern:
    """A regular expression compiled the first time it is used, so that importing the rules stays cheap."""

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled

    def search(self, *args):
        return self.compiled().search(*args)

    def match(self, *args):
        return self.compiled().match(*args)

    def finditer(self, *args):
        return self.compiled().finditer(*args)

    def findall(self, *args):
        return self.compiled().findall(*args)

    def sub(self, *args):
        return self.compiled().sub(*args)


def lazy(pattern: str) -> LazyPattern:
    return LazyPattern(pattern)


# Read beside this file rather than through importlib.resources, whose import (with zipfile's)
# is a few per cent of a one-file `sopgen lint`; the package is always installed as files.
WORDS = Path(__file__).with_name("words")


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """A word list from sopgen/lint/words/<name>.txt: one entry a line, # comments."""
    text = (WORDS / f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return tuple(entry for entry in entries if entry)


def alternation(entries: Iterable[str]) -> str:
    """A regex alternation of phrases; spaces match any run of spaces or hyphens."""
    ordered = sorted(set(entries), key=len, reverse=True)
    return "|".join(re.escape(e).replace(r"\ ", r"[\s-]+") for e in ordered)


@lru_cache(maxsize=None)
def any_of(name: str) -> str:
    """A regex alternation of every phrase in a word list, for use inside a larger pattern."""
    return alternation(words(name))


@lru_cache(maxsize=None)
def keywords(text: str) -> frozenset[str]:
    """A rule's keywords, written as a whitespace-separated string."""
    return frozenset(text.split())


@lru_cache(maxsize=None)
def phrase_pattern(name: str) -> re.Pattern:
    """A whole-word regex matching any phrase of a word list."""
    return re.compile(rf"\b(?:{any_of(name)})\b")


@lru_cache(maxsize=64)
def _text_has(name: str, text: str) -> bool:
    """Cached, so a field is searched once rather than once per sentence."""
    return phrase_pattern(name).search(text) is not None


class Hit(NamedTuple):
    """What a wording rule found: offsets inside the sentence, and an optional sharper message."""

    start: int
    end: int
    message: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    start: int          # offsets of the quoted words, inside the sentence
    end: int
    text: str

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(slots=True)
class Sentence:
    text: str           # as written
    offset: int         # where it starts in the field's text
    lower: str
    masked: str         # lower case, with quotes and allowed phrases blanked
    quotes: tuple[Quote, ...]
    whole: str          # the whole field, lower case: context such as a reason given later
    words: frozenset[str]   # the words outside quotes, for a rule's quick keyword check
    source: Plain | None = None   # the field as written, to map offsets back to it

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the field as written of this sentence's ``[start, end)``."""
        start, end = self.offset + start, self.offset + end
        return self.source.original_span(start, end) if self.source else (start, end)

    found: dict[str, bool] = field(default_factory=dict)    # word lists already looked for, and the answer

    def has(self, name: str) -> bool:
        """Whether any phrase of word list ``name`` occurs outside quotes (each list is looked for once)."""
        if name not in self.found:
            self.found[name] = phrase_pattern(name).search(self.masked) is not None
        return self.found[name]

    def field_has(self, name: str) -> bool:
        """Whether any phrase of word list ``name`` occurs anywhere in the field."""
        return _text_has(name, self.whole)


def _blanked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each of the (sorted, separate) spans replaced by spaces, in one pass."""
    pieces, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        pieces += [text[last:start], " " * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def find_quotes(text: str) -> list[Quote]:
    quotes = []
    for match in _QUOTE.finditer(text):
        group = next(g for g in ("single", "curly", "double", "dcurly") if match.group(g) is not None)
        quotes.append(Quote(match.start(group), match.end(group), match.group(group)))
    return quotes


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences with their offsets; a semicolon ends a sentence too, as it joins two instructions.

    A full stop inside quoted speech ("Welcome back! Your usual table?") does not end the sentence.
    """
    quotes = find_quotes(text) if ("'" in text or '"' in text) else []
    starts = [q.start for q in quotes]
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        inside = bisect.bisect_right(starts, match.start()) - 1
        if inside >= 0 and match.start() < quotes[inside].end:
            continue
        pieces.append((start, text[start:match.start()]))
        start = match.end()
    pieces.append((start, text[start:]))
    return [(offset, piece) for offset, piece in pieces if piece.strip()]


def sentences(text: str, allowed: tuple[str, ...] = ()) -> list[Sentence]:
    """The sentences of a field, read through ``plain`` so that disguised wording is still seen."""
    source = plain(text)
    text = source.text
    result = []
    whole = text.lower()
    for offset, piece in split_sentences(text):
        lower = piece.lower()
        quotes = find_quotes(piece) if ("'" in piece or '"' in piece) else []
        masked = _blanked(lower, ((quote.start, quote.end) for quote in quotes))
        for phrase in allowed:
            masked = _blanked(masked, (m.span() for m in re.finditer(rf"\b{re.escape(phrase.lower())}\b", masked)))
        result.append(Sentence(piece, offset, lower, masked, tuple(quotes), whole,
                               frozenset(_TOKEN.findall(masked)), source))
    return result


_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
                r"fifty|sixty|ninety)")
NUMBER = (rf"(?:\d+(?:[.,]\d+)?(?:\s*(?:-|–|to|or)\s*\d+(?:[.,]\d+)?)?|{_NUMBER_WORD}(?:\s+(?:to|or)\s+{_NUMBER_WORD})?|"
          r"a hundred|hundred|half an?|half|a quarter of an?|a few|a couple of|an?)")
COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"

NEGATION = re.compile(r"\b(?:no|there's\s+no|there\s+is\s+no|isn't|aren't|more\s+than|not(?!\s+(?:known|sure|available|possible|certain|clear|yet|there|here|in|at|on|"
                      r"yet|able|busy|free|ready))|don't|do not|never|no need to|rather than|instead of|avoid|"
                      r"without a)\b[^.;,]{0,25}$")


def negated(masked: str, start: int) -> bool:
    """Whether the words just before ``start`` negate what follows ("rather than a script")."""
    return NEGATION.search(masked[max(0, start - 40):start]) is not None


# Words that lift a demand ("no need to smile"), as opposed to a prohibition ("never lean"),
# which prescribes behaviour as much as an order does.
RELEASE = re.compile(r"\b(?:no\s+need\s+to|(?:not|never)\s+going\s+to\s+(?:tell|ask|make)\s+you\s+to|(?:don't|do\s+not|doesn't|does\s+not|won't)\s+(?:have|need)\s+to|needn't|"
                     r"rather\s+than|instead\s+of|not\s+(?:required|necessary|expected)\s+to|"
                     r"(?:avoid|without|don't|do\s+not|never)\s+(?:forcing|force|forced|faking|fake|put\s+on))\b[^.;,]{0,25}$")


def released(text: str, start: int) -> bool:
    """Whether the words just before ``start`` lift the demand that follows ("no need to smile")."""
    return RELEASE.search(text[max(0, start - 40):start]) is not None


def first(pattern: re.Pattern, text: str, cancelled=negated):
    """The first match not cancelled by the words before it: not negated ("rather than a script"), or,
    with ``cancelled=released``, not lifted ("no need to smile")."""
    for match in pattern.finditer(text):
        if not cancelled(text, match.start()):
            return match
    return None


# A team member, staff member or crew member is not a guest, though "member" is a guest word.
NOT_STAFF = r"(?<!team\s)(?<!staff\s)(?<!crew\s)"
