"""Thin command-line layer: parse options, call the pipeline, print, exit 0, 1 or 2.

Heavy modules (jinja2, markdown, weasyprint) are imported inside the commands
that need them, so `sopgen --help` and `sopgen lint` start quickly.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2

app = typer.Typer(
    name="sopgen",
    help="Validate, lint and render standard operating procedures for guest service.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ProjectOption = typer.Option(None, "--project", "-p", help="The project folder (default: found from here upwards).",
                             file_okay=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sopgen {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """sopgen turns SOP files written in YAML into checked, printable training material."""


def _fail(error) -> None:
    """Print a SopgenError's problems as a short list, then exit 2."""
    from .report import format_errors

    typer.echo(format_errors(error.problems, str(error), color=_color(sys.stderr)), err=True)
    raise typer.Exit(EXIT_INVALID)


def _color(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


@app.command()
def build(
    project: Optional[Path] = ProjectOption,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder (default: build/ in the project)."),
    formats: List[str] = typer.Option(["pdf", "html", "md"], "--format", "-f",
                                      help="pdf, html or md; repeat for several (default: all)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Build the handbook and checklists (PDF), the HTML site and Markdown."""
    from .errors import SopgenError
    from .pipeline import FORMATS, build as run_build
    from .summary import build_summary

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        typer.echo(f"error: unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}", err=True)
        raise typer.Exit(EXIT_INVALID)
    progress = _progress_printer(quiet)
    try:
        result = run_build(project or Path.cwd(), out, tuple(dict.fromkeys(formats)), progress)
    except SopgenError as error:
        _fail(error)
    except KeyboardInterrupt:
        typer.echo("build interrupted; the previous output is unchanged", err=True)
        raise typer.Exit(130) from None
    if not quiet:
        typer.echo(build_summary(result))


def _progress_printer(quiet: bool):
    import time

    started = time.perf_counter()
    if quiet or not sys.stderr.isatty():
        return lambda message: None

    def show(message: str) -> None:
        typer.echo(f"  {time.perf_counter() - started:5.1f}s  {message} …", err=True)
    return show


def main() -> None:
    app()
