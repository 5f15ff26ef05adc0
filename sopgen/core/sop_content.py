"""Checks on the parts of an SOP beyond its steps: scope, when, meta, figures, and text an output would lose."""

from __future__ import annotations

import re
from pathlib import Path

from .figures import check_figures
from .models import Sop
from .problems import Kind, Problem, Severity, error_at
from .schema import Validator

META_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _-]*$")
MAX_META_KEY = 60

LOST_CODE, LOST_RULE = "SOP019", "lost-in-output"
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(")
_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_FOLLOWED = {"http", "https", "mailto"}
_NOT_TEXT = re.compile(r"^(figures\[\d+\]\.file|id|touchpoint|effective|review_by|supersedes\[\d+\]|order)$"
                       r"|\.story$|\.allow\[\d+\]$|^lint\.")


def check_content(sop: Sop, root: Path, validator: Validator) -> None:
    def report(key: str, message: str, hint: str, code: str = "SOP010", rule: str = "bad-value") -> None:
        validator.problems.append(error_at(sop.path, sop.span(key) or _first_span(sop, key), code, rule,
                                           message, hint))

    for name, parts in (("scope", ("applies_to", "excludes")), ("when", ("trigger", "frequency"))):
        value = getattr(sop, name)
        if value is not None and not any(getattr(value, part) for part in parts):
            validator.problems.append(error_at(sop.path, _key_span(sop, name), "SOP007", "missing-field",
                                               f"'{name}' says nothing",
                                               f"write '{parts[0]}:' or '{parts[1]}:' under it, or remove it"))
    for key in sop.meta:
        if not META_KEY.match(key) or len(key) > MAX_META_KEY:
            report(f"meta.{key}.<key>", f"the meta key '{key[:MAX_META_KEY]}' is not a short name",
                   f"use letters, digits, spaces, '-' and '_', at most {MAX_META_KEY} characters, such as 'code' "
                   "or 'department'")
    check_figures(sop, root, validator.indices.get("figures", []),
                  lambda key, message, hint: report(key, message, hint, "SOP018", "bad-figure"))


def lost_markup(sop: Sop) -> list[Problem]:
    """A warning for each image, and each link to a file or to an unsafe address, written in the SOP's text.

    These are findings about valid text, so they come with the wording findings (lint, check,
    build), not with loading.
    """
    if sop.source is None:
        return []
    found = []
    text = sop.source.text
    for key, span in sop.spans.items():
        written = text[span.start:span.end]
        if "](" not in written or _NOT_TEXT.search(key) or _IN_PHASE_COPY.match(key):
            continue
        for image in _IMAGE.finditer(written):
            found.append(_warning(sop, span.start + image.start(),
                                  "a picture written in the text is not shown by any output",
                                  "add it under 'figures:' (file in assets/, alt text, the step it belongs to) "
                                  "and take it out of the text"))
        for link in _LINK.finditer(written):
            destination = link.group(1)
            scheme = _SCHEME.match(destination)
            if destination.startswith("#") or (scheme and scheme.group(1).lower() in _FOLLOWED):
                continue
            if scheme:
                message = f"the link to '{_clip(destination)}' is removed from every output"
                hint = "link to an https:// address, or write the text without a link"
            else:
                message = (f"the link to '{_clip(destination)}' names a file, which breaks in the site and "
                           "the PDF")
                hint = "link to an https:// address, or name the document under 'references:'"
            found.append(_warning(sop, span.start + link.start(), message, hint))
    return found


# The validator keeps a phase's step under its written key and under its flat key: read it once.
_IN_PHASE_COPY = re.compile(r"^steps\[\d+\]\.steps\[")


def _warning(sop: Sop, index: int, message: str, hint: str) -> Problem:
    line, column = sop.source.position(index)
    return Problem(sop.path, line, column, LOST_CODE, LOST_RULE, Severity.WARNING, message, hint,
                   kind=Kind.FINDING)


def _clip(text: str, keep: int = 60) -> str:
    return text if len(text) <= keep else text[:keep] + "…"


def _key_span(sop: Sop, name: str):
    """Where a mapping key is written: the value spans start after it, so take the line of the key itself."""
    if sop.source is None:
        return None
    found = re.search(rf"^{re.escape(name)}\s*:", sop.source.text, re.MULTILINE)
    if not found:
        return None
    line, column = sop.source.position(found.start())
    return _At(line, column)


def _first_span(sop: Sop, key: str):
    prefix = key.rsplit(".", 1)[0]
    return next((span for k, span in sop.spans.items() if k.startswith(prefix)), None)


class _At:
    def __init__(self, line: int, column: int):
        self.line, self.column = line, column
