"""HTML to PDF with WeasyPrint: the only module that imports it.

The renderer may read nothing but data: URIs, files inside the folders it is
given (the templates) and the exact files it is given (the SOPs' figures,
checked before), so SOP text can never make it open /etc/passwd or call out to
the network.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path, PurePosixPath
from typing import Callable, Mapping, NamedTuple
from urllib.parse import unquote, urlsplit


class BlockedResource(ValueError):
    pass


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class ProjectOnlyFetcher(URLFetcher):
        def __init__(self, allowed_dirs: list[Path], allowed_files: tuple[Path, ...] = ()):
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
            self.allowed = [d.resolve() for d in allowed_dirs]
            self.allowed_files = {f.resolve() for f in allowed_files}
            self.blocked: list[str] = []
            self.read: list[Path] = []

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if self._inside_allowed(url):
                self.read.append(Path(unquote(urlsplit(url).path)).resolve())
                return super().fetch(url, headers)
            self.blocked.append(url)
            raise BlockedResource(f"sopgen does not let the PDF renderer fetch {url}")

        def _inside_allowed(self, url: str) -> bool:
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                return False
            path = Path(unquote(parts.path)).resolve()
            return path in self.allowed_files or any(path.is_relative_to(d) for d in self.allowed)

    return ProjectOnlyFetcher


# Every PDF is tagged for screen readers and copy-paste (PDF/UA-1); an archived, controlled copy
# can be PDF/A-3a instead, which is tagged as well.
ACCESSIBLE = "pdf/ua-1"
ARCHIVAL = "pdf/a-3a"


class RenderedPdf(NamedTuple):
    pdf: bytes
    refused: list[str]   # URLs the renderer was not allowed to fetch
    read: list[Path]     # files it read, so a change to one of them can be noticed


def render_pdf(html: str, base_dir: Path, allowed_dirs: list[Path], variant: str = ACCESSIBLE) -> tuple[bytes, list[str]]:
    """Render HTML to PDF bytes; return them with the URLs that were refused."""
    rendered = render_pdf_noting_files(html, base_dir, allowed_dirs, variant)
    return rendered.pdf, rendered.refused


def render_pdf_noting_files(html: str, base_dir: Path, allowed_dirs: list[Path],
                            variant: str = ACCESSIBLE, allowed_files: tuple[Path, ...] = ()) -> RenderedPdf:
    """Render HTML to a tagged PDF (``variant``), with the URLs that were refused and the files that were read.

    ``allowed_files`` are single files the renderer may read besides those in ``allowed_dirs``.
    """
    import weasyprint

    fetcher = _fetcher_class()(allowed_dirs, allowed_files)
    # WeasyPrint logs each refused or missing resource; sopgen reports them itself.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    def lay_out(markup: str):
        return weasyprint.HTML(string=markup, base_url=base_dir.as_uri() + "/", url_fetcher=fetcher).render()

    document = lay_out(html)
    remnants = short_endings(document)
    if remnants:
        document = lay_out(tighten(html, remnants))
    pdf = document.write_pdf(pdf_variant=variant, pdf_tags=True)
    return RenderedPdf(pdf, fetcher.blocked, list(dict.fromkeys(fetcher.read)))


# A unit that starts on a new page (an SOP, say) may carry ``data-fit`` on its opening tag
# and end with an element whose id is the unit's id plus "-end". When its last page would
# hold no more than this fraction of a page, it is set again with data-fit="tight", which
# the stylesheet sets a little closer, so that the last few lines join the page before.
REMNANT = 0.2
_FIT = re.compile(r'id="([a-z0-9-]+)" data-fit(?!=)')


def short_endings(document) -> list[str]:
    """The ids of the units whose last page holds only a remnant of them."""
    first_page: dict[str, int] = {}
    short = []
    for number, page in enumerate(document.pages):
        for anchor, box in page.anchors.items():     # box: x0, y0, x1, y1 from the top of the page
            first_page.setdefault(anchor, number)
            if anchor.endswith("-end"):
                unit = anchor[:-len("-end")]
                start = first_page.get(unit)
                if start is not None and start < number and box[1] / page.height < 0.08 + 0.84 * REMNANT:
                    short.append(unit)
    return short


def tighten(html: str, units: list[str]) -> str:
    wanted = set(units)
    return _FIT.sub(lambda m: f'id="{m[1]}" data-fit="tight"' if m[1] in wanted else m[0], html)


def where_written(url: str, texts: Mapping[str, str]) -> str | None:
    """``name:line:column`` of the first text that mentions ``url``, or failing that the file it names.

    The renderer sees URLs resolved against the project folder; this finds
    where a refused one was probably written, so a warning can point there.
    """
    name = PurePosixPath(unquote(urlsplit(url).path)).name
    patterns = [re.escape(url)] + ([rf"(?<![\w.-]){re.escape(name)}(?![\w.-])"] if name else [])
    for pattern in patterns:
        for display, text in texts.items():
            found = re.search(pattern, text)
            if found:
                start = found.start()
                line, column = text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
                return f"{display}:{line}:{column}"
    return None


def refusal_warnings(refused: Mapping[str, tuple[str, ...]], texts: Callable[[], Mapping[str, str]]) -> list[str]:
    """A warning for each URL a PDF renderer refused, naming where in ``texts()`` it was probably written."""
    if not any(refused.values()):
        return []
    searched = texts()
    warnings = []
    for name, urls in refused.items():
        for url in urls:
            origin = where_written(url, searched)
            warnings.append(f"{name}: refused to fetch {url}" + (f" (written at {origin})" if origin else ""))
    return warnings
