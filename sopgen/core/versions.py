"""Comparing SOP document versions as people write them: "1.10" comes after "1.9".

Dotted numbers compare number by number, and trailing zeros do not count
("2" is "2.0"). Anything else compares piece by piece, runs of digits as
numbers and the rest as text, so "1.2a" < "1.2b" < "1.10".
"""

from __future__ import annotations

import re

# ASCII digits only; numbers are compared as digit strings, so that no length of number can fail
# (int() refuses more than 4,300 digits) and "٣" is text, not three.
_DOTTED = re.compile(r"[0-9]+(?:\.[0-9]+)*")
_DIGITS = re.compile(r"([0-9]+)")


def _number(digits: str) -> tuple[int, str]:
    """A run of digits as a key that orders numerically: shorter (without leading zeros) is smaller."""
    significant = digits.lstrip("0") or "0"
    return len(significant), significant


def version_key(version: str) -> tuple:
    text = version.strip().lower()
    if text[:1] == "v" and _DOTTED.fullmatch(text[1:]):
        text = text[1:]
    if _DOTTED.fullmatch(text):
        numbers = [part.lstrip("0") or "0" for part in text.split(".")]
        while len(numbers) > 1 and numbers[-1] == "0":
            numbers.pop()
        text = ".".join(numbers)
    # re.split with a group alternates text and digits, so keys compare like with like.
    return tuple(_number(piece) if index % 2 else piece for index, piece in enumerate(_DIGITS.split(text)))


def is_newer(version: str, than: str) -> bool:
    return version_key(version) > version_key(than)


def same_version(a: str, b: str) -> bool:
    return version_key(a) == version_key(b)


def next_version(version: str) -> str:
    """The version after this one, raising its last number: "1.9" → "1.10"; "" when there is none."""
    pieces = _DIGITS.split(version.strip())
    if len(pieces) < 2:
        return ""
    pieces[-2] = _plus_one(pieces[-2])  # the split ends with text, so this is the last number
    return "".join(pieces)


def _plus_one(digits: str) -> str:
    """A run of decimal digits, one higher, however long it is: "199" → "200"."""
    kept = digits.rstrip("9")
    nines = len(digits) - len(kept)
    if not kept:
        return "1" + "0" * nines
    return kept[:-1] + str(int(kept[-1]) + 1) + "0" * nines
