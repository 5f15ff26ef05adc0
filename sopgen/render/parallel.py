"""Render independent PDFs side by side, one WeasyPrint process per CPU core.

The parent renders each HTML string with Jinja; workers only turn HTML into
PDF through render/pdf.py, so the url_fetcher's limits hold in every process.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from ..core.errors import RenderError
from .pdf import ACCESSIBLE, RenderedPdf


@dataclass(frozen=True)
class PdfJob:
    html: str
    base_dir: Path
    allowed_dirs: tuple[Path, ...]
    variant: str = ACCESSIBLE           # the PDF standard to meet: pdf/ua-1, or pdf/a-3a for archiving
    allowed_files: tuple[Path, ...] = ()    # single files it may read too: the SOPs' figures

    def render(self) -> RenderedPdf:
        """The PDF, with the URLs its renderer refused and the files it read."""
        from .pdf import render_pdf_noting_files

        return render_pdf_noting_files(self.html, self.base_dir, list(self.allowed_dirs), self.variant,
                                       self.allowed_files)


def archival(planned: Mapping[str, object]) -> dict:
    """``planned`` with every PDF job made PDF/A-3a, for controlled copies kept on file."""
    from .pdf import ARCHIVAL

    return {name: dataclasses.replace(job, variant=ARCHIVAL) if isinstance(job, PdfJob) else job
            for name, job in planned.items()}


def default_jobs() -> int:
    return os.cpu_count() or 1


def render_pdfs(jobs: Mapping[str, PdfJob], workers: int,
                done: Callable[[str], None] = lambda name: None) -> dict[str, RenderedPdf]:
    """Every job's PDF by name; ``done`` is called with each name as its PDF is ready.

    With one worker, or one job, everything runs in this process. A failure in
    any job raises RenderError; Ctrl-C stops the workers and is raised again.
    """
    if workers <= 1 or len(jobs) <= 1:
        rendered = {}
        for name, job in jobs.items():
            rendered[name] = _render_one(name, job)
            done(name)
        return rendered
    return _render_in_processes(jobs, min(workers, len(jobs)), done)


def _render_one(name: str, job: PdfJob) -> RenderedPdf:
    try:
        return job.render()
    except Exception as exc:
        raise RenderError(f"{name} failed to render: {type(exc).__name__}: {exc}") from None


def _render_in_processes(jobs: Mapping[str, PdfJob], workers: int,
                         done: Callable[[str], None]) -> dict[str, RenderedPdf]:
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_process_context(),
                               initializer=_start_worker, initargs=(os.getpid(),))
    try:
        with _interrupts_held():   # the processes started here are born deaf to Ctrl-C
            futures = {pool.submit(_render_one, name, job): name for name, job in jobs.items()}
        rendered = {}
        for future in as_completed(futures):
            rendered[futures[future]] = future.result()
            done(futures[future])
    except BrokenProcessPool:
        _stop(pool)
        raise RenderError("a PDF rendering process stopped unexpectedly (out of memory?); "
                          "try again with --jobs 1") from None
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()
    return {name: rendered[name] for name in jobs}


def _process_context():
    """Workers are never forks of this process, as a fork copies locks held by other threads.

    Where there is a fork server, it imports WeasyPrint once and every worker
    starts as a fork of it, ready to render.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["sopgen.render.pdf", "weasyprint"])
    return context


@contextlib.contextmanager
def _interrupts_held():
    """Hold back Ctrl-C while worker processes start: they inherit the held signal, so that one
    arriving while they import WeasyPrint cannot print their tracebacks; this process gets it after."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _start_worker(parent: int) -> None:
    """Ctrl-C reaches every process in the terminal's group; the parent alone decides what happens.
    And a worker ends as soon as the build that started it has ended, however it ended."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    if os.name == "nt":   # there, os.kill(pid, 0) would end the process it asks about
        return
    threading.Thread(target=_end_with, args=(parent, os.getppid()), daemon=True,
                     name="sopgen-parent-watch").start()


def _end_with(parent: int, started_under: int, every: float = 0.2) -> None:
    """Exit this worker once ``parent`` is gone, or it has been handed to another parent process."""
    import time

    while True:
        time.sleep(every)
        if os.getppid() != started_under or not _alive(parent):
            os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:   # there, but not ours to signal
        return True
    return True


def _stop(pool) -> None:
    """Cancel what has not started and end the workers now, rather than wait for PDFs nobody will use."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
