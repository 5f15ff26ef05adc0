"""Characters a reviewer cannot see, and words whose letters only look like the ones they seem.

A zero-width space splits a phrase the linter looks for, a bidirectional
override shows text in another order than it is stored, and a Cyrillic "а" in
"pаssport" reads as Latin. They are legal in text (other languages need them),
so `sopgen check` and `sopgen diff` point them out rather than refuse them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_INVISIBLE = {
    "\u200b": "a zero-width space", "\u200c": "a zero-width non-joiner", "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner", "\ufeff": "a zero-width no-break space", "\u00ad": "a soft hyphen",
    "\u180e": "a Mongolian vowel separator",
}
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_HIDDEN = re.compile("[" + "".join(_INVISIBLE) + _BIDI + "]")
_WORD = re.compile(r"[^\W\d_]{2,}")
_LOOK_ALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


@dataclass(frozen=True)
class Hidden:
    index: int          # where in the text
    description: str    # what a reviewer should know, as a sentence's object


def find_hidden(text: str) -> list[Hidden]:
    """Every invisible or direction-changing character, and every word mixing look-alike scripts, in order."""
    found = []
    for match in _HIDDEN.finditer(text):
        char, at = match.group(), match.start()
        if char == "\u200d" and not (_letter(text, at - 1) and _letter(text, at + 1)):
            continue   # joins emoji, as in a family emoji: meant to be there
        name = _INVISIBLE.get(char) or f"a bidirectional control ({unicodedata.name(char, 'unnamed')})"
        found.append(Hidden(at, f"{name} (U+{ord(char):04X}), which cannot be seen"))
    for match in _WORD.finditer(text):
        scripts = sorted({_script(char) for char in match.group()} & set(_LOOK_ALIKE_SCRIPTS))
        if len(scripts) > 1:
            found.append(Hidden(match.start(), f"the word '{match.group()}', which mixes "
                                               f"{' and '.join(s.title() for s in scripts)} letters that look alike"))
    return sorted(found, key=lambda hidden: hidden.index)


def _letter(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isalpha()


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]
