"""The handbook's outputs, as named files in memory:

    handbook.pdf, checklists.pdf        (pdf format: rendered to HTML here, to PDF later)
    html/index.html, html/site.css, html/<sop>.html
    md/<sop>.md
    html/assets/…, md/assets/…          (the SOPs' figures, beside the pages that show them)
"""

from __future__ import annotations

from typing import Callable

import dataclasses

from .context import Handbook
from .figure_files import figure_copies, figure_paths
from .parallel import PdfJob
from .renderer import Renderer

PDF_TEMPLATES = {"handbook.pdf": "handbook.html", "checklists.pdf": "checklists.html"}


def handbook_files(renderer: Renderer, handbook: Handbook, formats: tuple[str, ...],
                   progress: Callable[[str], None]) -> dict[str, bytes | PdfJob]:
    files: dict[str, bytes | PdfJob] = {}
    if "pdf" in formats:
        progress(f"Rendering the HTML of {' and '.join(PDF_TEMPLATES)}")
        files.update(pdf_files(renderer, handbook.html))
    if "html" in formats:
        progress("Rendering the HTML site")
        files.update(site_files(renderer, handbook.html))
    if "md" in formats:
        progress("Rendering Markdown")
        files.update(markdown_files(renderer, handbook.markdown))
    return files


def pdf_files(renderer: Renderer, context: dict) -> dict[str, PdfJob]:
    jobs = {name: renderer.pdf(template, **context) for name, template in PDF_TEMPLATES.items()}
    # the handbook is the only PDF that shows figures, so it alone may read their files
    jobs["handbook.pdf"] = dataclasses.replace(jobs["handbook.pdf"],
                                               allowed_files=figure_paths(renderer.base_dir, context))
    return jobs


def site_files(renderer: Renderer, context: dict) -> dict[str, bytes]:
    files = {**figure_copies(renderer.base_dir, context, "html"),
        "html/index.html": renderer.html("site/index.html", **context).encode(),
        "html/site.css": renderer.html("site/site.css", **context).encode(),
    }
    for sop in context["sops"]:
        files[f"html/{sop['html_name']}"] = renderer.html("site/sop.html", sop=sop, **context).encode()
    return files


def markdown_files(renderer: Renderer, context: dict) -> dict[str, bytes]:
    return {**figure_copies(renderer.base_dir, context, "md"),
            **{f"md/{sop['md_name']}": renderer.html("md/sop.md", sop=sop, **context).encode()
               for sop in context["sops"]}}
