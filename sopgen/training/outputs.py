"""What `sopgen build` adds for each training programme, as named files in memory.

    programmes/<id>/trainer-guide.pdf        (pdf format)
    programmes/<id>/workbook.pdf             (pdf format)
    programmes/<id>/competency-matrix.html   (html format)
    programmes/<id>/competency-matrix.csv    (html format)
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from ..core.errors import ContentError
from ..core.problems import Severity, sorted_problems
from ..core.project import Project
from ..render.parallel import PdfJob
from ..render.renderer import Renderer
from .load import Training, load_training

GUIDE_TEMPLATES = {"trainer-guide.pdf": "trainer-guide.html", "workbook.pdf": "workbook.html"}


def load_valid_training(project: Project, today: dt.date) -> Training:
    training = load_training(project.config, project.sops, today, project.reader)
    if not training.ok:
        errors = [p for p in training.problems if p.severity is Severity.ERROR]
        raise ContentError(f"{len(errors)} problem(s) in the training programme must be fixed before building",
                           sorted_problems(training.problems))
    return training


def programme_files(renderer: Renderer, project: Project, training: Training, today: dt.date,
                    formats: tuple[str, ...], progress: Callable[[str], None],
                    review_copy: bool = False) -> dict[str, bytes | PdfJob]:
    """Every programme's trainer guide and workbook (as PDF jobs) and competency matrix; nothing when
    none is configured."""
    from ..render.markup import to_html
    from .context import programme_context
    from .matrix import competency_matrix, matrix_context, matrix_csv

    programme_file = training.programme_file
    if programme_file is None:
        return {}
    sops = {sop.id: sop for sop in project.sops}
    files: dict[str, bytes | PdfJob] = {}
    for programme in programme_file.programmes:
        folder = f"programmes/{programme.id}"
        context = programme_context(project, programme_file, programme, today, to_html, review_copy)
        if "pdf" in formats:
            progress(f"Rendering the HTML of {folder}/{', '.join(GUIDE_TEMPLATES)}")
            for name, template in GUIDE_TEMPLATES.items():
                files[f"{folder}/{name}"] = renderer.pdf(template, **context)
        if "html" in formats:
            progress(f"Rendering {folder}/competency-matrix.html")
            matrix = competency_matrix(programme, sops, training.records, programme_file.refresher_months,
                                       today)
            files[f"{folder}/competency-matrix.html"] = renderer.html("matrix.html", **context,
                                                                      **matrix_context(matrix)).encode()
            files[f"{folder}/competency-matrix.csv"] = matrix_csv(matrix).encode("utf-8-sig")
    return files
