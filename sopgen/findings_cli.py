"""`sopgen lint` without typer, and the reporting that lint, check and validate share.

pre-commit and editors run `sopgen lint` on every commit and keystroke, so its start-up
counts: typer brings pydantic and click with it, about half of a one-file lint. This module
parses lint's command line with argparse and is the only parser of it: sopgen/entry.py
calls it before the typer app is even imported, and the typer `lint` command hands it
its arguments untouched. Exit statuses: 0 fine, 1 findings at --fail-on, 2 invalid input
or command line (see the README's table).
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator, Optional, Sequence

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")
LINT_HELP = "Check SOP wording for robotic, over-prescriptive instructions. `sopgen lint -` reads standard input."


def lint_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sopgen lint", description=LINT_HELP)
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATHS",
                        help="SOP files or folders (default: the project's sops/); - for standard input.")
    parser.add_argument("--project", "-p", type=Path, metavar="DIR", help="The project folder (default: found from here upwards).")
    parser.add_argument("--format", "-f", dest="output_format", metavar="FORMAT",
                        help="text, json, github or sarif (default: text; github under GitHub Actions).")
    parser.add_argument("--fail-on", default="warning", metavar="LEVEL",
                        help="Exit 1 at this severity or above: error, warning, info or never (default: warning).")
    parser.add_argument("--select", action="append", default=[], metavar="CODES", help="Check only these rule codes (comma-separated).")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODES", help="Do not check these rule codes (comma-separated).")
    parser.add_argument("--quiet", "-q", action="store_true", help="Text format: findings only, no hints or summary.")
    parser.add_argument("--output-file", "-o", type=Path, metavar="FILE",
                        help="Write the findings in --format to this file, and the report for people (text, or "
                             "annotations under GitHub Actions) to standard output.")
    parser.add_argument("--statistics", action="store_true", help="Count the findings per rule instead of listing them.")
    parser.add_argument("--stdin-filename", type=Path, metavar="PATH",
                        help="With the path '-': read the SOP from standard input and report it as this file, with "
                             "the project found from it (for editors).")
    return parser


def lint_main(argv: Sequence[str]) -> None:
    """Run `sopgen lint ARGV…` and exit with its status."""
    from .formats.github_log import defuse_standard_streams, restore_standard_streams, under_github_actions

    if under_github_actions():  # from the start, so that even a usage error is printed safely
        defuse_standard_streams()
    try:
        _lint(argv)
    finally:
        restore_standard_streams()


def _lint(argv: Sequence[str]) -> None:
    options = lint_parser().parse_args(list(argv))
    from .pipeline import lint as run_lint

    if options.project is not None and not options.project.is_dir():
        usage(f"--project {options.project} is not a folder")
    fmt = findings_format(options.output_format, options.fail_on)
    reading, paths, project = stdin_input(options.paths, options.stdin_filename, options.project)
    with reporting_errors(), reading:
        result = run_lint(project or Path.cwd(), paths or None, codes(options.select), codes(options.ignore))
    report_findings(result, fmt, options.fail_on, options.quiet, rule_infos(), project, options.output_file,
                    options.statistics)


# --------------------------------------------------------------------------- shared with check and validate

def _exit(status: int) -> None:
    """Exit with ``status`` once everything written has left the buffers, even under a test runner."""
    sys.stdout.flush()
    sys.stderr.flush()
    sys.exit(status)


def color(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def usage(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")
    _exit(EXIT_INVALID)


@contextmanager
def reporting_errors() -> Iterator[None]:
    """A SopgenError inside is printed as a short list of its problems, and the command exits 2."""
    from .core.errors import SopgenError

    try:
        yield
    except SopgenError as error:
        fail(error)


def fail(error) -> None:
    """Print a SopgenError's problems as a short list, then exit 2."""
    from .formats.report import format_errors

    sys.stderr.write(format_errors(error.problems, str(error), color=color(sys.stderr)) + "\n")
    _exit(EXIT_INVALID)


def codes(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def rule_infos():
    """The wording rules, which are all `sopgen lint` runs, as the report formats describe rules."""
    from .lint.registry import RULES, rule_infos as infos

    return infos(RULES)


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def findings_format(output_format: Optional[str], fail_on: str) -> str:
    """The output format for findings (github under GitHub Actions by default), after checking the options."""
    from .formats.report import FORMATS

    fmt = output_format or default_format()
    if fmt == "github":
        from .formats.github_log import defuse_standard_streams

        defuse_standard_streams()   # annotations are sopgen's own; every other line printed is made safe
    if fmt not in FORMATS:
        usage(f"unknown format '{fmt}'; choose from {', '.join(FORMATS)}")
    if fail_on not in FAIL_ON:
        usage(f"unknown --fail-on level '{fail_on}'; choose from {', '.join(FAIL_ON)}")
    return fmt


def stdin_input(paths: list[Path], stdin_filename: Optional[Path], project: Optional[Path]):
    """For `lint -`: standard input read as the file --stdin-filename names, and the project found from that file."""
    if Path("-") not in paths:
        if stdin_filename is not None:
            usage("--stdin-filename names what standard input is; give '-' as the path to read it")
        return nullcontext(), paths, project
    if paths != [Path("-")]:
        usage("'-' reads one SOP from standard input; give no other paths with it")
    if stdin_filename is None:
        usage("reading an SOP from standard input needs --stdin-filename PATH, the file it stands for")
    from .core.load import unsaved_texts

    data = sys.stdin.buffer.read()
    return unsaved_texts({stdin_filename: data}), [stdin_filename], project or stdin_filename.parent


def report_findings(result, fmt: str, fail_on: str, quiet: bool, infos, project: Optional[Path],
                    output_file: Optional[Path] = None, statistics: bool = False) -> None:
    """Print lint or check findings, then exit 2 if some input was invalid, 1 at --fail-on, else 0.

    With ``output_file``, the findings in ``fmt`` go to that file and standard output gets the
    report for people (text, or annotations under GitHub Actions), so one run gives both.
    """
    from .core.problems import Severity, Summary

    problems = result.problems
    summary = Summary.of(problems, result.files)
    shown = fmt if output_file is None else default_format()
    if statistics and shown not in ("text", "json"):
        usage(f"--statistics counts findings as text or json, not {shown}")
    if output_file is not None:
        write_report(output_file, formatted(fmt, problems, summary, infos, project, False, False, False), project)
    text = formatted(shown, problems, summary, infos, project, quiet, statistics, color(sys.stdout))
    if shown == "github":
        from .formats.github_log import write_commands

        write_commands(sys.stdout, text)
    else:
        sys.stdout.write(text)
    if result.invalid:
        _exit(EXIT_INVALID)
    if fail_on != "never" and any(p.severity >= Severity.parse(fail_on) for p in problems):
        _exit(EXIT_FINDINGS)
    _exit(EXIT_OK)


def formatted(fmt: str, problems, summary, infos, project: Optional[Path], quiet: bool, statistics: bool,
              in_color: bool) -> str:
    from .formats.report import render

    if statistics:
        from .formats.statistics import format_statistics_json, format_statistics_text

        return (format_statistics_text if fmt == "text" else format_statistics_json)(problems, summary)
    if fmt in ("github", "sarif"):  # read by GitHub, which resolves paths against the top of the checkout
        from .core.project import find_root
        from .formats.repo_paths import for_repository

        problems = for_repository(problems, find_root(project or Path.cwd()))
    return render(fmt, problems, summary, infos, color=in_color, tool_version=__version__, quiet=quiet)


def write_report(path: Path, text: str, project: Optional[Path]) -> None:
    """Write --output-file, never over the project's sources (sopgen.yaml, sops/, templates/ …)."""
    from .core.project import find_root, load_config
    from .core.sources import project_sources
    from .render.write import write_file

    try:
        with reporting_errors():
            write_file(path, text.encode("utf-8"), project_sources(load_config(find_root(project or Path.cwd()))))
    except OSError as error:
        usage(f"cannot write {path}: {error.strerror or error}")
