"""SOP text is inline Markdown written by many hands: render it, and keep it harmless."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "a", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
SAFE_SCHEMES = {"http", "https", "mailto"}

_converter = markdown.Markdown(extensions=[], output_format="html")
# Raw HTML is not passed through but escaped like any other text, code spans included.
_converter.preprocessors.deregister("html_block")
_converter.inlinePatterns.deregister("html")
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
    _converter.reset()
    rendered = _converter.convert(text).strip()
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
    kept, done = [], 0
    for match in _DESTINATION_START.finditer(text):
        start = match.end()
        if start < done:
            continue
        end = _destination_end(text, start)
        scheme = _scheme(text[start:end])
        if scheme and scheme not in SAFE_SCHEMES:
            kept += [text[done:start], f"#blocked-{scheme}"]
            done = end
    return "".join(kept) + text[done:]


def _destination_end(text: str, start: int) -> int:
    """Where a link destination starting at ``start`` ends: at a space or an unbalanced ')'."""
    depth, i = 0, start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char.isspace() or (char == ")" and depth == 0):
            break
        depth += {"(": 1, ")": -1}.get(char, 0)
        i += 1
    return min(i, len(text))


def _scheme(destination: str) -> str | None:
    """The scheme a browser would see, lowercased; blanks and controls are ignored as browsers do."""
    url = html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", destination))
    found = _SCHEME.match(re.sub(r"[\x00-\x20\x7f]", "", url))
    return found.group(1).lower() if found else None
