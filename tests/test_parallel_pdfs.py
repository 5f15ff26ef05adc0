"""PDFs render in worker processes with --jobs N; a failure or Ctrl-C there ends the build cleanly."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from pypdf import PdfReader

from sopgen.core.errors import RenderError
from sopgen.render.environment import builtin_templates_dir
from sopgen.render.parallel import PdfJob, render_pdfs


def page_texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def output_state(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def job(html: str, base_dir: Path) -> PdfJob:
    return PdfJob(html, base_dir, (builtin_templates_dir(),))


def test_pdfs_rendered_in_processes_read_as_those_rendered_here(make_project, run_cli):
    root = make_project()
    assert run_cli(["build", "--format", "pdf", "--jobs", "1", "--out", "here"], cwd=root)[0] == 0

    code, out, err = run_cli(["build", "--format", "pdf", "--jobs", "2", "--out", "workers"], cwd=root)

    assert code == 0, out + err
    for name in ("handbook.pdf", "checklists.pdf"):
        assert page_texts(root / "workers" / name) == page_texts(root / "here" / name)


def test_results_come_back_under_their_names_in_the_order_asked(tmp_path):
    jobs = {f"{n}.pdf": job(f"<p>page {n}</p>", tmp_path) for n in ("c", "a", "b")}
    finished = []

    rendered = render_pdfs(jobs, workers=2, done=finished.append)

    assert list(rendered) == ["c.pdf", "a.pdf", "b.pdf"] and sorted(finished) == sorted(jobs)
    for name, result in rendered.items():
        assert result.pdf.startswith(b"%PDF") and result.refused == []


def test_a_pdf_that_fails_in_a_worker_raises_a_clean_error_naming_it(tmp_path):
    jobs = {"good.pdf": job("<p>fine</p>", tmp_path),
            "bad.pdf": job("<p>no base</p>", Path("relative/folder"))}   # not a file URI: fails in the worker

    with pytest.raises(RenderError, match=r"bad\.pdf failed to render: ValueError"):
        render_pdfs(jobs, workers=2)
    assert multiprocessing.active_children() == []


def test_a_pdf_that_fails_leaves_the_previous_build_and_exits_2(make_project, run_cli, monkeypatch):
    root = make_project()
    assert run_cli(["build", "--format", "pdf,md"], cwd=root)[0] == 0
    (root / "sops" / "door" / "welcome-arrivals.yaml").write_text(
        (root / "sops" / "door" / "welcome-arrivals.yaml").read_text(encoding="utf-8").replace(
            "Welcoming arriving guests", "Welcoming guests"), encoding="utf-8")
    before = output_state(root / "build")

    def failing(*args, **kwargs):
        raise MemoryError("out of memory")

    monkeypatch.setattr("sopgen.render.pdf.render_pdf_noting_files", failing)
    code, out, err = run_cli(["build", "--format", "pdf,md", "--jobs", "1"], cwd=root)

    assert code == 2 and "handbook.pdf failed to render: MemoryError" in err
    assert "Traceback" not in out + err
    assert output_state(root / "build") == before


def test_ctrl_c_while_pdfs_render_in_workers_stops_them_and_leaves_the_previous_build(make_project, run_cli,
                                                                                       monkeypatch):
    import concurrent.futures

    root = make_project()
    assert run_cli(["build", "--format", "pdf"], cwd=root)[0] == 0
    (root / "sopgen.yaml").write_text((root / "sopgen.yaml").read_text(encoding="utf-8") + "paper: Letter\n",
                                      encoding="utf-8")
    before = output_state(root / "build")

    def interrupted(futures, timeout=None):
        raise KeyboardInterrupt
        yield

    monkeypatch.setattr(concurrent.futures, "as_completed", interrupted)
    code, out, err = run_cli(["build", "--format", "pdf", "--jobs", "2"], cwd=root)

    assert code == 130 and "the previous output is unchanged" in err
    assert output_state(root / "build") == before
    assert multiprocessing.active_children() == []
