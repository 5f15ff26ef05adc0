"""SOP text is inline Markdown written by many hands: render it, and keep it harmless."""

from __future__ import annotations

import html
import re
from array import array
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "a", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
SAFE_SCHEMES = {"http", "https", "mailto"}



def _new_converter() -> markdown.Markdown:
    converter = markdown.Markdown(extensions=[], output_format="html")
    # Raw HTML is not passed through but escaped like any other text, code spans included.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    # Reference definitions ("[x]: url") let one long URL be repeated at every "[x][x]...": a 0.9 MB
    # field became a 144 MB page. Text is inline Markdown; links are written where they are used.
    converter.parser.blockprocessors.deregister("reference")
    return converter


_converter = _new_converter()
# How much of a link destination is read for its scheme. One longer than this without a scheme
# in it is blocked: a scheme hidden behind padding of blanks or entities is still a scheme.
_SCHEME_WINDOW = 256
_SINGLE_PARAGRAPH = re.compile(r"\A<p>((?:(?!<p>).)*)</p>\Z", re.DOTALL)
# Where a CommonMark link destination can start: "[text](" or a reference definition's "[label]:".
_DESTINATION_START = re.compile(r"\](?:\(|:)\s*")
_BACKSLASH_ESCAPE = re.compile(r"\\(.)")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def _escape_html(text: str) -> str:
    """Make any raw HTML in the text show as text rather than be treated as markup."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


@lru_cache(maxsize=8192)
def to_html(text: str) -> Markup:
    """Inline Markdown to sanitised HTML; one paragraph comes back without <p>."""
    global _converter
    _converter.reset()
    try:
        rendered = _converter.convert(text).strip()
    except RecursionError:   # validation refuses such nesting; this is the last line of defence
        _converter = _new_converter()   # the one that failed is left part-way through its work
        rendered = "<p>" + html.escape(text) + "</p>"
    clean = nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=SAFE_SCHEMES, link_rel="noopener noreferrer")
    single = _SINGLE_PARAGRAPH.match(clean)
    return Markup(single.group(1) if single else clean)


def to_safe_markdown(text: str) -> str:
    """Markdown for a pull-request view: raw HTML shown as text, images as links, only safe link schemes.

    Each link destination is read as a CommonMark renderer reads it, escapes
    and entities decoded; one with another scheme becomes a "#blocked-…" fragment.
    """
    text = _escape_html(text).replace("![", "&#33;[")  # an image becomes a link: "&#33;" can start no image
    kept, done, ends = [], 0, None
    for match in _DESTINATION_START.finditer(text):
        start = match.end()
        if start < done:
            continue
        ends = ends or _destination_ends(text)
        end = ends[start] if start < len(text) else start
        scheme = _scheme(text[start:min(end, start + _SCHEME_WINDOW)])
        if scheme is None and end - start > _SCHEME_WINDOW:
            scheme = "long"
        if scheme and scheme not in SAFE_SCHEMES:
            kept += [text[done:start], f"#blocked-{scheme}"]
            done = end
    return "".join(kept) + text[done:]


def _destination_ends(text: str) -> array:
    """For each index, where a link destination starting there ends: at a blank or an unbalanced ')',
    escapes skipped.

    One pass from the right instead of a scan from every start: text with a
    hundred thousand "](" in it took minutes the other way.
    """
    n = len(text)
    escaped = bytearray(n + 1)
    balance = array("q", bytes(8 * (n + 1)))   # unescaped "(" less ")" before each index
    level, i = 0, 0
    while i < n:
        char = text[i]
        balance[i] = level
        if char == "\\" and i + 1 < n:
            escaped[i + 1] = 1
            balance[i + 1] = level
            i += 2
            continue
        level += {"(": 1, ")": -1}.get(char, 0)
        i += 1
    ends = array("q", bytes(8 * n))
    next_blank, next_close = n, {}
    for i in range(n - 1, -1, -1):
        char = text[i]
        if not escaped[i]:
            if char.isspace():
                next_blank = i
            elif char == ")":
                next_close[balance[i]] = i
        ends[i] = min(next_blank, next_close.get(balance[i], n))
    return ends


def _scheme(destination: str) -> str | None:
    """The scheme a browser would see, lowercased; blanks and controls are ignored as browsers do."""
    url = html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", destination))
    found = _SCHEME.match(re.sub(r"[\x00-\x20\x7f]", "", url))
    return found.group(1).lower() if found else None
