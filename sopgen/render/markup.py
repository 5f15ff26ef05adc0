"""SOP text is inline Markdown written by many hands: render it, and keep it harmless."""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "a", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
SAFE_SCHEMES = {"http", "https", "mailto"}

_converter = markdown.Markdown(extensions=[], output_format="html")
_SINGLE_PARAGRAPH = re.compile(r"\A<p>((?:(?!<p>).)*)</p>\Z", re.DOTALL)
_LINK_TARGET = re.compile(r"(\]\(\s*<?)([A-Za-z][A-Za-z0-9+.\-]*):")


def _escape_html(text: str) -> str:
    """Make any raw HTML in the text show as text rather than be treated as markup."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


@lru_cache(maxsize=8192)
def to_html(text: str) -> Markup:
    """Inline Markdown to sanitised HTML; one paragraph comes back without <p>."""
    _converter.reset()
    html = _converter.convert(_escape_html(text)).strip()
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=SAFE_SCHEMES, link_rel="noopener noreferrer")
    single = _SINGLE_PARAGRAPH.match(clean)
    return Markup(single.group(1) if single else clean)


def to_safe_markdown(text: str) -> str:
    """Markdown for a pull-request view: raw HTML shown as text, only safe link schemes."""
    def neutralise(match: re.Match) -> str:
        scheme = match.group(2)
        return match.group(0) if scheme.lower() in SAFE_SCHEMES else f"{match.group(1)}#blocked-{scheme.lower()}-"
    return _LINK_TARGET.sub(neutralise, _escape_html(text))
