"""Turn a planned build into the files to write, rendering only the PDFs whose inputs changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from .cache import CACHE_FILE, BuildCache, CachedPdf, pdf_key, unchanged_or
from .parallel import PdfJob, render_pdfs
from .write import Unchanged


@dataclass
class UpToDate:
    files: dict[str, bytes | Unchanged]   # every output and the cache, in the order planned
    refused: dict[str, tuple[str, ...]]   # per PDF, the URLs its renderer refused


def bring_up_to_date(out: Path, planned: Mapping[str, bytes | PdfJob], *, paper: str, jobs: int, force: bool,
                     progress: Callable[..., None]) -> UpToDate:
    """Mark outputs already in ``out`` as Unchanged and render the PDFs that are not; ``force`` renders all."""
    cache = BuildCache(out, {}) if force else BuildCache.read(out)
    files: dict[str, bytes | Unchanged | None] = {}
    pending: dict[str, PdfJob] = {}
    keys: dict[str, str] = {}
    made: dict[str, CachedPdf] = {}
    for name, planned_output in planned.items():
        if isinstance(planned_output, PdfJob):
            job = planned_output
            keys[name] = pdf_key(job.html, paper=paper, base_dir=job.base_dir, variant=job.variant,
                                 allowed_files=job.allowed_files)
            entry = cache.current(name, keys[name])
            if entry is not None:
                files[name], made[name] = Unchanged(entry.digest), entry
            else:
                files[name], pending[name] = None, job   # None keeps its place in the order until rendered
        else:
            files[name] = planned_output if force else unchanged_or(out, name, planned_output)

    for name, rendered in _render(pending, jobs, progress).items():
        files[name] = rendered.pdf
        made[name] = CachedPdf.made(keys[name], rendered.pdf, rendered.refused, rendered.read)

    cache_file = cache.updated(made, files)
    files[CACHE_FILE] = cache_file if force else unchanged_or(out, CACHE_FILE, cache_file)
    return UpToDate(files, {name: entry.refused for name, entry in made.items()})


def _render(pending: dict[str, PdfJob], jobs: int, progress: Callable[..., None]) -> dict:
    if not pending:
        return {}
    total, done = len(pending), []
    workers = min(jobs, total)
    progress(f"Rendering {total} PDF(s)" + (f" in {workers} processes" if workers > 1 else ""), step=(0, total))

    def finished(name: str) -> None:
        done.append(name)
        progress(f"Rendered {name}", step=(len(done), total))

    return render_pdfs(pending, jobs, finished)
