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
                             file_okay=False, exists=True)


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
                                      help="pdf, html or md; repeat or separate with commas for several (default: all)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Build the handbook and checklists (PDF), the HTML site and Markdown."""
    from .errors import SopgenError
    from .pipeline import FORMATS, build as run_build
    from .summary import build_summary

    chosen = tuple(dict.fromkeys(f.strip().lower() for value in formats for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        typer.echo(f"error: unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}", err=True)
        raise typer.Exit(EXIT_INVALID)
    progress = _progress_printer(quiet)
    try:
        result = run_build(project or Path.cwd(), out, chosen, progress)
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


def _codes(values: List[str]) -> tuple[str, ...]:
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


@app.command()
def lint(
    paths: List[Path] = typer.Argument(None, help="SOP files or folders (default: the project's sops/)."),
    project: Optional[Path] = ProjectOption,
    output_format: Optional[str] = typer.Option(
        None, "--format", "-f", help="text, json, github or sarif (default: text; github under GitHub Actions)."),
    fail_on: str = typer.Option("warning", "--fail-on", help="Exit 1 at this severity or above: error, warning, "
                                                             "info or never."),
    select: List[str] = typer.Option([], "--select", help="Check only these rule codes (comma-separated)."),
    ignore: List[str] = typer.Option([], "--ignore", help="Do not check these rule codes (comma-separated)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Text format: findings only, no hints or summary."),
) -> None:
    """Check SOP wording for robotic, over-prescriptive instructions."""
    from .errors import SopgenError
    from .pipeline import lint as run_lint
    from .problems import Severity, Summary
    from .report import FORMATS, render

    fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if fmt not in FORMATS:
        _usage(f"unknown format '{fmt}'; choose from {', '.join(FORMATS)}")
    if fail_on not in ("error", "warning", "info", "never"):
        _usage(f"unknown --fail-on level '{fail_on}'; choose from error, warning, info, never")
    try:
        result = run_lint(project or Path.cwd(), paths or None, _codes(select), _codes(ignore))
    except SopgenError as error:
        _fail(error)
    problems = result.problems
    summary = Summary.of(problems, result.files)
    if fmt == "text" and quiet:
        text = "".join(f"{p.location()}: {p.code} {p.severity.label} {p.message}\n" for p in problems)
    else:
        text = render(fmt, problems, summary, _rule_infos(), color=_color(sys.stdout), tool_version=__version__)
    sys.stdout.write(text)
    if result.invalid:
        raise typer.Exit(EXIT_INVALID)
    if fail_on != "never" and any(p.severity >= Severity.parse(fail_on) for p in problems):
        raise typer.Exit(EXIT_FINDINGS)


def _usage(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_INVALID)


def _rule_infos():
    from .lint.registry import RULES
    from .report import RuleInfo

    return [RuleInfo(r.code, r.name, r.summary, r.doc, r.severity) for r in RULES]


@app.command()
def rules() -> None:
    """List the wording rules with their codes and default severities."""
    from .lint.registry import RULES

    for rule in RULES:
        typer.echo(f"{rule.code}  {rule.name:<20} {rule.severity.label:<8} {rule.summary}")
    typer.echo("\nRun `sopgen explain CODE` for what a rule looks for, why, and examples.")


@app.command()
def explain(code: str = typer.Argument(..., help="A rule code such as SOP101, or its name.")) -> None:
    """Explain a rule: what it looks for, why it matters, a bad and a good example."""
    from .lint.registry import RULES
    from .schema import did_you_mean

    wanted = code.strip()
    for rule in RULES:
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            typer.echo(f"{rule.code} {rule.name} (default severity: {rule.severity.label})\n")
            typer.echo(rule.doc)
            typer.echo(f"\nHow to fix: {rule.hint}")
            return
    names = [r.code for r in RULES] + [r.name for r in RULES]
    _usage(f"no rule '{code}'{did_you_mean(wanted, names)}; `sopgen rules` lists them")


def main() -> None:
    app()
