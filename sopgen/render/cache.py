"""What in the output folder is still current, so a rebuild renders and writes only what changed.

A PDF is keyed by a hash of everything it is made from: the HTML rendered for
it (which carries the templates, sopgen.yaml, the SOPs, the build date and the
sopgen version), the paper size and the WeasyPrint version. The key is kept in
``.sopgen-cache.json`` with the digests of the files its renderer read (such as
a logo in templates/) and of the PDF written, so a PDF is rendered again when
one of those files changed, or the PDF itself was changed or replaced.
HTML and Markdown are cheap to render, so they are compared with the files
already written instead.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable

from .. import __version__
from .write import Unchanged, file_digest

CACHE_FILE = ".sopgen-cache.json"
CACHE_FORMAT = 1


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unchanged_or(out: Path, name: str, data: bytes) -> bytes | Unchanged:
    """``Unchanged`` when ``out/name`` already holds exactly ``data``, else ``data`` to be written."""
    wanted = digest(data)
    return Unchanged(wanted) if file_digest(out / name) == wanted else data


def pdf_key(html: str, *, paper: str, base_dir: Path, variant: str = "", allowed_files=()) -> str:
    """The cache key of a PDF: a change to anything it is made from, but the files it reads, gives another key."""
    from importlib.metadata import version

    parts = [f"sopgen {__version__}", f"weasyprint {version('weasyprint')}", f"paper {paper}",
             f"base {base_dir.resolve()}", f"variant {variant}", html]
    if allowed_files:   # which single files it may read changes what it can show
        parts.insert(-1, "files " + " ".join(sorted(str(path) for path in allowed_files)))
    return digest("\0".join(parts).encode())


@dataclass(frozen=True)
class CachedPdf:
    key: str
    digest: str
    refused: tuple[str, ...] = ()                         # URLs its renderer refused, reported on every build
    read: dict[str, str] = field(default_factory=dict)    # the digest of each file its renderer read

    @classmethod
    def made(cls, key: str, pdf: bytes, refused: Iterable[str], read: Iterable[Path]) -> CachedPdf:
        return cls(key, digest(pdf), tuple(dict.fromkeys(refused)),
                   {str(path): file_digest(path) or "" for path in read})

    def to_json(self) -> dict:
        return {"key": self.key, "digest": self.digest, "refused": list(self.refused), "read": self.read}

    @classmethod
    def from_json(cls, entry: dict) -> CachedPdf:
        return cls(entry["key"], entry["digest"], tuple(entry.get("refused", ())), dict(entry.get("read", {})))


class BuildCache:
    """The PDFs of earlier builds into one output folder, by output name."""

    def __init__(self, out: Path, entries: dict[str, CachedPdf]):
        self.out = out
        self.entries = entries

    @classmethod
    def read(cls, out: Path) -> BuildCache:
        """The cache in ``out``; empty when there is none or it cannot be read, which only costs a full render."""
        try:
            data = json.loads((out / CACHE_FILE).read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT:
                return cls(out, {})
            entries = {name: CachedPdf.from_json(entry) for name, entry in data["pdfs"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls(out, {})
        return cls(out, entries)

    def current(self, name: str, key: str) -> CachedPdf | None:
        """The entry for ``name`` if it was made from ``key`` and the files it read, as they are now,
        and the PDF written then is still there."""
        entry = self.entries.get(name)
        if entry is None or entry.key != key or file_digest(self.out / name) != entry.digest:
            return None
        if any((file_digest(Path(path)) or "") != read for path, read in entry.read.items()):
            return None
        return entry

    def updated(self, built: dict[str, CachedPdf], written: Iterable[str]) -> bytes:
        """The cache after a build that wrote the names in ``written`` and made the PDFs in ``built``.

        Entries of earlier builds stay only for PDFs outside the folders this build
        replaced: `sopgen build --format html` keeps the entries of the PDFs it left alone.
        """
        replaced = {PurePosixPath(name).parts[0] for name in written}
        kept = {name: entry for name, entry in self.entries.items()
                if PurePosixPath(name).parts[0] not in replaced}
        entries = {**kept, **built}
        document = {"format": CACHE_FORMAT, "generator": f"sopgen {__version__}",
                    "pdfs": {name: entry.to_json() for name, entry in sorted(entries.items())}}
        return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode()
