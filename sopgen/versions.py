"""Comparing SOP document versions as people write them: "1.10" comes after "1.9".

Dotted numbers compare number by number, and trailing zeros do not count
("2" is "2.0"). Anything else compares piece by piece, runs of digits as
numbers and the rest as text, so "1.2a" < "1.2b" < "1.10".
"""

from __future__ import annotations

import re

_DOTTED = re.compile(r"\d+(?:\.\d+)*")
_DIGITS = re.compile(r"(\d+)")


def version_key(version: str) -> tuple:
    text = version.strip().lower()
    if text[:1] == "v" and _DOTTED.fullmatch(text[1:]):
        text = text[1:]
    if _DOTTED.fullmatch(text):
        numbers = [int(part) for part in text.split(".")]
        while len(numbers) > 1 and numbers[-1] == 0:
            numbers.pop()
        text = ".".join(map(str, numbers))
    # re.split with a group alternates text and digits, so keys compare like with like.
    return tuple(int(piece) if index % 2 else piece for index, piece in enumerate(_DIGITS.split(text)))


def is_newer(version: str, than: str) -> bool:
    return version_key(version) > version_key(than)


def same_version(a: str, b: str) -> bool:
    return version_key(a) == version_key(b)


def next_version(version: str) -> str:
    """The version after this one, raising its last number: "1.9" → "1.10"; "" when there is none."""
    pieces = _DIGITS.split(version.strip())
    if len(pieces) < 2:
        return ""
    pieces[-2] = str(int(pieces[-2]) + 1)  # the split ends with text, so this is the last number
    return "".join(pieces)
