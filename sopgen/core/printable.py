"""Text from SOP files made safe to print on a terminal: no control character goes out raw.

An escape sequence in a message (an OSC 52 string can put a command on the
reader's clipboard) is shown as the characters of its escape instead, such as
``\\x1b``; so are the bidirectional controls that can make a line read as
something other than what it holds.
"""

from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNPRINTABLE_BUT_NEWLINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}

# What an author may not write in a text field: C0 controls but tab and newline, DEL and C1 controls.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(found: re.Match) -> str:
    char = found.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: str) -> str:
    """One line of text with every control character shown as its escape (``\\n``, ``\\x1b``, ``\\u202e``)."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def printable_lines(text: str) -> str:
    """Like printable, but line breaks (Windows ones too) are kept as line breaks."""
    if not _UNPRINTABLE_BUT_NEWLINE.search(text):
        return text
    return _UNPRINTABLE_BUT_NEWLINE.sub(_escape, text.replace("\r\n", "\n"))
