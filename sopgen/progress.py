"""Progress of a build on a terminal: a line per stage and a bar while the PDFs render.

Shown on standard error only when it is a terminal; rich is imported only then.
"""

from __future__ import annotations

import contextlib
import time
from typing import Callable, Iterator

Progress = Callable[..., None]   # progress(message) at each stage; progress(message, step=(done, total)) per PDF


def silent(message: str, step: tuple[int, int] | None = None) -> None:
    pass


@contextlib.contextmanager
def build_progress(stream, quiet: bool) -> Iterator[Progress]:
    """A progress callback for pipeline.build: ``progress(message)`` or ``progress(message, step=(done, total))``."""
    if quiet or not stream.isatty():
        yield silent
        return

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn

    started = time.perf_counter()
    console = Console(file=stream, highlight=False)
    with Bar(TextColumn("  {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
             console=console, transient=True) as bar:
        task = None

        def show(message: str, step: tuple[int, int] | None = None) -> None:
            nonlocal task
            if step is None:
                console.print(f"  {time.perf_counter() - started:5.1f}s  {message} …", markup=False)
                return
            done, total = step
            if task is None:
                task = bar.add_task(message, total=total)
            bar.update(task, description=message, completed=done, total=total)
            if done == total:
                bar.remove_task(task)
                task = None
                console.print(f"  {time.perf_counter() - started:5.1f}s  Rendered {total} PDF(s)", markup=False)

        yield show
