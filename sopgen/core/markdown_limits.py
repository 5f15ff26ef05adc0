"""How much inline Markdown one text field may ask of the renderer.

Python-Markdown looks for the end of every `[` through the rest of the text, so
thousands of unclosed brackets take minutes, and it recurses once per level of
a nested list, so a few hundred levels end in RecursionError. Ordinary SOP text
stays far inside these bounds; a field past them is reported where it is
written, before anything is rendered.
"""

from __future__ import annotations

import re

MAX_BRACKETS = 300          # links, images and stray "[" in one field
MAX_BRACKET_WORK = 2_000_000  # brackets times characters: how far the renderer may look for their ends
MAX_NESTING = 20            # levels of lists and quotes

_LINE_START = re.compile(r"[ \t]*(?:(?:[-*+>]|\d{1,9}[.)])(?:[ \t]+|$))*")
_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")


def nesting(text: str) -> int:
    """An upper bound on how deeply the text's lines nest lists and quotes: markers and indentation."""
    deepest = 0
    for line in text.split("\n"):
        start = _LINE_START.match(line).group()
        indent = len(start) - len(start.lstrip(" \t"))
        depth = len(_MARKER.findall(start)) + indent // 2
        deepest = max(deepest, depth)
    return deepest


# A table's delimiter row: "| --- | :---: |" or "--- | ---", under a row of cells.
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$|^[ \t]*\|[ \t]*:?-+:?[ \t]*\|[ \t]*$",
                         re.MULTILINE)


def holds_table(text: str) -> bool:
    """A Markdown table: a row with '|' followed by a delimiter row of dashes."""
    if "|" not in text or "-" not in text:
        return False
    for found in _TABLE_RULE.finditer(text):
        before = text[:found.start()].rstrip("\n").rsplit("\n", 1)[-1]
        if "|" in before:
            return True
    return False


def markdown_problem(text: str) -> tuple[str, str] | None:
    """(message, hint) when the text asks more of the Markdown renderer than a field may; else None."""
    if holds_table(text):
        return ("holds a Markdown table, which the handbook, checklists and training exports cannot show",
                "write the rows as sentences or a list; measured targets belong in 'standards', "
                "things you need in 'equipment', forms in 'records'")
    brackets = text.count("[")
    allowed = min(MAX_BRACKETS, MAX_BRACKET_WORK // max(len(text), 1))
    if brackets > allowed:
        return (f"holds {brackets:,} '[' characters; a text of {len(text):,} characters may hold at most "
                f"{allowed} (links included)", "split the text, or write fewer links")
    if "\n" in text or text.lstrip()[:1] in ("-", "*", "+", ">") or text.lstrip()[:1].isdigit():
        depth = nesting(text)
        if depth > MAX_NESTING:
            return (f"nests lists or quotes about {depth} levels deep; a text may nest at most {MAX_NESTING}",
                    "flatten the list; SOP text needs a level or two")
    return None
