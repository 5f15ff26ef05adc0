"""Thin command-line layer: parse options, call the pipeline, print, exit 0, 1 or 2.

Heavy modules (jinja2, markdown, weasyprint) are imported inside the commands
that need them, so `sopgen --help` and `sopgen lint` start quickly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__

EXIT_FINDINGS, EXIT_INVALID = 1, 2

app = typer.Typer(
    name="sopgen",
    help="Validate, lint and render standard operating procedures for guest service.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",    # newer typer's default, said outright so that older releases escape "[" the same way
)

KEEP_OTHER_FILES_HELP = ("Write into an output folder that holds files sopgen did not write; they are kept "
                         "where they are and never replaced (default: refuse such a folder).")
ProjectOption = typer.Option(None, "--project", "-p", help="The project folder (default: found from here upwards).",
                             file_okay=False, exists=True)

OutputFileOption = typer.Option(
    None, "--output-file", "-o", dir_okay=False,
    help="Write the findings in --format to this file, and the report for people (text, or annotations under "
         "GitHub Actions) to standard output.")
StatisticsOption = typer.Option(False, "--statistics", help="Count the findings per rule instead of listing them.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sopgen {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """sopgen turns SOP files written in YAML into checked, printable training material."""
    from .formats.github_log import under_github_actions

    _command_context[:] = [ctx]
    if under_github_actions():
        _defuse_output()


_command_context: list = []   # the command line's context, for _defuse_output


def _defuse_output() -> None:
    """From here to the end of the command, every line printed is safe in a GitHub Actions log."""
    from .formats.github_log import defuse_standard_streams, restore_standard_streams

    defuse_standard_streams()
    if _command_context:
        _command_context[0].call_on_close(restore_standard_streams)


def _reporting_errors():
    """A SopgenError inside is printed as a short list of its problems, and the command exits 2."""
    from .findings_cli import reporting_errors

    return reporting_errors()


def _date_option(option: str, value: Optional[str]):
    """The day a date option names, written YYYY-MM-DD, or the build date when it is not given."""
    import datetime as dt
    import re

    from .core.clock import build_date

    if value is None:
        return build_date()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        _usage(f"{option} '{value}' is not a date; write it as YYYY-MM-DD, for example 2026-10-01")


@app.command()
def build(
    project: Optional[Path] = ProjectOption,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder (default: build/ in the project)."),
    formats: List[str] = typer.Option(["pdf", "html", "md"], "--format", "-f",
                                      help="pdf, html or md; repeat or separate with commas for several (default: all)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="PDFs to render at once, each in its own process (default: one per "
                                            "CPU core; 1 renders them one by one in this process)."),
    force: bool = typer.Option(False, "--force", help="Render and rewrite every output, even those that have "
                                                      "not changed since the last build."),
    review_copy: bool = typer.Option(False, "--review-copy", help="Include draft SOPs, for reviewers: every "
                                                                  "page then says DRAFT."),
    archive: bool = typer.Option(False, "--archive", help="Write the PDFs as PDF/A-3a (tagged, fonts embedded), "
                                                          "for controlled copies kept on file."),
    keep_other_files: bool = typer.Option(False, "--keep-other-files", help=KEEP_OTHER_FILES_HELP),
) -> None:
    """Build the handbook and checklists (PDF), the HTML site and Markdown.

    Only outputs whose inputs changed since the last build into the same folder are rendered and written.
    """
    from .pipeline import FORMATS, build as run_build
    from .progress import build_progress
    from .summary import build_summary

    chosen = tuple(dict.fromkeys(f.strip().lower() for value in formats for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        _usage(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    try:
        _stop_on_signals()
        with _reporting_errors(), build_progress(sys.stderr, quiet) as progress:
            result = run_build(project or Path.cwd(), out, chosen, progress, jobs=jobs, force=force,
                               review_copy=review_copy, archive=archive, keep_other_files=keep_other_files)
    except KeyboardInterrupt as interrupt:
        typer.echo("build interrupted; the previous output is unchanged", err=True)
        raise typer.Exit(128 + getattr(interrupt, "signum", 2)) from None
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


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
             add_help_option=False)
def lint(ctx: typer.Context) -> None:
    """Check SOP wording for robotic, over-prescriptive instructions. `sopgen lint -` reads standard input.

    Its options are parsed in sopgen/findings_cli.py (see `sopgen lint --help`), which also runs
    it without typer when the command line starts with `sopgen lint`, for a fast start.
    """
    from .findings_cli import lint_main

    lint_main(ctx.args)


def _usage(message: str) -> None:
    """Print ``error: message`` and exit 2, as for any mistake on the command line."""
    from .findings_cli import usage

    usage(message)


@app.command()
def rules() -> None:
    """List the wording rules, the review checks and the input checks with their codes and default severities."""
    from .core.input_checks import INPUT_CHECKS
    from .lint.registry import EVERY_RULE, REVIEW_RULES

    for rule in EVERY_RULE:
        if rule is REVIEW_RULES[0]:
            typer.echo("\nReview checks run by `sopgen check`:")
        typer.echo(f"{rule.code}  {rule.name:<22} {rule.severity.label:<8} {rule.summary}")
    typer.echo("\nInput checks, run on every file before anything else (a file with an error is not used):")
    for check in INPUT_CHECKS:
        typer.echo(f"{check.code}  {check.name:<22} {check.severity.label:<8} {check.summary}")
    typer.echo("\nRun `sopgen explain CODE` for what a rule looks for, why, and examples.")


@app.command()
def explain(code: str = typer.Argument(..., help="A rule code such as SOP101, or its name.")) -> None:
    """Explain a rule: what it looks for, why it matters, a bad and a good example."""
    from .core.input_checks import INPUT_CHECKS
    from .core.schema import did_you_mean
    from .lint.registry import EVERY_RULE, find_any

    rule = find_any(code)
    if rule is not None:
        typer.echo(f"{rule.code} {rule.name} (default severity: {rule.severity.label})\n")
        typer.echo(rule.doc)
        typer.echo(f"\nHow to fix: {rule.hint}")
        return
    wanted = code.strip()
    every = (*EVERY_RULE, *INPUT_CHECKS)
    names = [r.code for r in every] + [r.name for r in every]
    _usage(f"no rule '{code}'{did_you_mean(wanted, names)}; `sopgen rules` lists them")


@app.command()
def schema(
    out: Optional[Path] = typer.Option(None, "--out", "-o", file_okay=False,
                                       help="Folder for the schemas (default: schemas/ in the project)."),
    project: Optional[Path] = ProjectOption,
) -> None:
    """Write JSON Schemas for every input (SOPs, sopgen.yaml, programme, records, stories, audits), for editors."""
    from .core.project import display_path
    from .pipeline import write_schemas

    with _reporting_errors():
        written = write_schemas(project or Path.cwd(), out)
    for path in written:
        typer.echo(f"wrote {display_path(path)}")


@app.command()
def init(
    directory: Path = typer.Argument(Path("."), file_okay=False,
                                     help="Folder for the new project (default: here; created if missing)."),
    touchpoints: List[str] = typer.Option([], "--touchpoint", "-t",
                                          help="A touchpoint id for the journey; repeat or separate with commas "
                                               "(default: seven, from door to bookings)."),
    ci: Optional[str] = typer.Option(None, "--ci", help="Also write a CI workflow: github."),
    install_spec: Optional[str] = typer.Option(
        None, "--install-spec", help="How the CI workflow installs sopgen: a pip requirement such as "
                                     "'sopgen @ git+https://github.com/your-org/sopgen@v0.1.0' (default: the "
                                     "source this sopgen was installed from, when pip recorded it)."),
) -> None:
    """Start a project: sopgen.yaml, an example SOP per touchpoint, schemas and editor settings."""
    from .authoring.scaffold import describe_init, init_project

    wanted = [tid.strip() for value in touchpoints for tid in value.split(",") if tid.strip()]
    with _reporting_errors():
        created = init_project(directory, wanted, ci, install_spec=install_spec)
    typer.echo(describe_init(directory, created))


@app.command()
def new(
    title: str = typer.Argument(..., help="The SOP's title, such as \"Greeting guests who arrive by taxi\"."),
    touchpoint: str = typer.Option(..., "--touchpoint", "-t", help="The id of a touchpoint in the journey."),
    project: Optional[Path] = ProjectOption,
) -> None:
    """Start a draft SOP at sops/TOUCHPOINT/, with the parts to fill in marked TODO."""
    from .authoring.new_sop import create_new_sop
    from .core.project import display_path

    with _reporting_errors():
        created = create_new_sop(project or Path.cwd(), touchpoint, title)
    typer.echo(f"created {display_path(created.path)} (id {created.id})\n"
               f"Fill in the lines marked TODO, then run `sopgen lint`.")


@app.command("import")
def import_command(
    paths: List[Path] = typer.Argument(..., help="Word (.docx) or Markdown (.md) files, or folders holding them."),
    into: Optional[str] = typer.Option(None, "--into", help="The touchpoint folder to write into, such as "
                                                            "sops/reception (default: the only touchpoint, when "
                                                            "the journey has one)."),
    mapping: Optional[Path] = typer.Option(None, "--mapping", dir_okay=False,
                                           help="A YAML file of headings, table columns and document-control "
                                                "labels that extends or overrides the built-in mapping."),
    date_format: Optional[str] = typer.Option(None, "--date-format",
                                              help="How the documents write numeric dates, such as %d/%m/%Y; "
                                                   "without it a date such as 03/04/2026 is refused."),
    project: Optional[Path] = ProjectOption,
) -> None:
    """Import existing SOPs as drafts: a coverage report and the lint findings for each (needs the import extra: `pip install "sopgen\\[import]"`)."""
    from .importing.command import run_import

    with _reporting_errors():
        outcome = run_import(project or Path.cwd(), paths, into, mapping, date_format, echo=typer.echo)
    for refused in outcome.refused:
        typer.echo(f"error: {refused}", err=True)
    typer.echo(f"Imported {outcome.imported} of {outcome.imported + outcome.failed} document(s) as drafts"
               + (f"; {outcome.failed} refused (see above)." if outcome.failed else "."))
    if outcome.failed:
        raise typer.Exit(EXIT_INVALID)


@app.command("report")
def report_command(
    project: Optional[Path] = ProjectOption,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder (default: build/ in the project)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
) -> None:
    """Write report.html and report.pdf: audit scores against targets, trends, misses and milestones."""
    from .core.project import display_path
    from .pipeline import report as run_report

    with _reporting_errors():
        result = run_report(project or Path.cwd(), out, _progress_printer(quiet))
    if not quiet:
        typer.echo(f"Wrote a report on {result.audits} audit(s):")
        typer.echo("".join(f"  {display_path(path)}\n" for path in result.written), nl=False)
        typer.echo("".join(f"warning: {warning}\n" for warning in result.warnings), nl=False)


@app.command("stories")
def stories_command(project: Optional[Path] = ProjectOption) -> None:
    """Per touchpoint: stories of exceptional service collected, adopted into SOPs, and waiting."""
    from .pipeline import stories

    with _reporting_errors():
        summary = stories(project or Path.cwd())
    typer.echo(summary, nl=False)


@app.command("status")
def status_command(
    project: Optional[Path] = ProjectOption,
    fail_on_overdue: bool = typer.Option(False, "--fail-on-overdue", help="Exit 1 when an SOP is past its review date."),
    today: Optional[str] = typer.Option(None, "--today", help="Judge review dates as of this date (YYYY-MM-DD)."),
) -> None:
    """Every SOP's status, owner, version and review date; what is overdue or waiting for approval."""
    from .pipeline import status

    as_of = _date_option("--today", today)
    with _reporting_errors():
        found = status(project or Path.cwd(), as_of)
    typer.echo(found.text, nl=False)
    if fail_on_overdue and found.overdue:
        raise typer.Exit(EXIT_FINDINGS)


@app.command("check")
def check_command(
    paths: List[Path] = typer.Argument(None, help="SOP files or folders (default: the project's sops/)."),
    project: Optional[Path] = ProjectOption,
    base: Optional[str] = typer.Option(None, "--base", help="Require a higher version and a revisions entry in "
                                                            "every SOP whose content changed against this git ref."),
    changed_since: Optional[str] = typer.Option(
        None, "--changed-since", help="Check only SOPs changed against this git ref, and the SOPs they supersede "
                                      "or are superseded by; also compares versions, unless --base names another ref."),
    output_format: Optional[str] = typer.Option(
        None, "--format", "-f", help="text, json, github or sarif (default: text; github under GitHub Actions)."),
    fail_on: str = typer.Option("warning", "--fail-on", help="Exit 1 at this severity or above: error, warning, "
                                                             "info or never."),
    select: List[str] = typer.Option([], "--select", help="Check only these codes, rules or review checks "
                                                          "(comma-separated)."),
    ignore: List[str] = typer.Option([], "--ignore", help="Do not check these codes (comma-separated)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Text format: findings only, no hints or summary."),
    output_file: Optional[Path] = OutputFileOption,
    statistics: bool = StatisticsOption,
) -> None:
    """Review SOPs in one go: validation, wording, references between SOPs, duplicate ids and version bumps."""
    from .findings_cli import codes, findings_format, report_findings
    from .lint.registry import rule_infos
    from .pipeline import check as run_check

    fmt = findings_format(output_format, fail_on)
    with _reporting_errors():
        result = run_check(project or Path.cwd(), paths or None, codes(select), codes(ignore),
                           base=base, changed_since=changed_since)
    report_findings(result, fmt, fail_on, quiet, rule_infos(), project, output_file,
                    statistics)


@app.command("validate")
def validate_command(
    project: Optional[Path] = ProjectOption,
    output_format: Optional[str] = typer.Option(
        None, "--format", "-f", help="text, json, github or sarif (default: text; github under GitHub Actions)."),
) -> None:
    """Check that every input of the project is valid (SOPs, sopgen.yaml, programme, records, stories, audits),
    without the wording rules: exit 2 and list the problems if not. For pre-commit and scripts."""
    from .pipeline import validate as run_validate

    from .findings_cli import findings_format, report_findings

    fmt = findings_format(output_format, "error")
    with _reporting_errors():
        result = run_validate(project or Path.cwd())
    if result.problems or fmt != "text":
        report_findings(result, fmt, "error", False, [], project)


@app.command("diff")
def diff_command(
    ref: str = typer.Argument(..., help="The git ref to compare with, such as origin/main."),
    project: Optional[Path] = ProjectOption,
    output_format: str = typer.Option("markdown", "--format", "-f", help="markdown (for a pull-request comment)."),
) -> None:
    """Summarise what changed in each SOP since REF: steps, cues and recovery added, removed or reworded."""
    from .core.printable import printable_lines
    from .pipeline import diff as run_diff
    from .review.markdown_diff import render_markdown

    if output_format != "markdown":
        _usage(f"unknown format '{output_format}'; diff writes markdown")
    with _reporting_errors():
        changes = run_diff(project or Path.cwd(), ref)
    sys.stdout.write(printable_lines(render_markdown(changes, ref)))


@app.command("serve")
def serve_command(
    project: Optional[Path] = ProjectOption,
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="The port to listen on (0: any free one)."),
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on (default: this machine only)."),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Allow a --host other machines can reach."),
) -> None:
    """Preview the HTML site; it rebuilds and the browser reloads when you save a change."""
    import signal

    from .core.project import display_path, find_root
    from .serve import PreviewServer, is_loopback

    if not allow_remote and not is_loopback(host):
        _usage(f"--host {host} would show the preview to other machines; keep the default 127.0.0.1, "
               f"or add --allow-remote if that is what you want")
    try:
        with _reporting_errors():
            root = find_root(project or Path.cwd())
            server = PreviewServer(root, host, port, allow_remote=allow_remote,
                                   log=lambda line: typer.echo(line, err=True))
    except OSError as error:
        _usage(f"cannot listen on {host} port {port}: {error.strerror or error}")
    signal.signal(signal.SIGTERM, _interrupt)  # so that `kill` also removes the temporary folder
    with server:
        typer.echo(f"Previewing {display_path(root)} at {server.url} (press Ctrl+C to stop)")
        try:
            server.wait()
        except KeyboardInterrupt:
            typer.echo("stopped", err=True)


@app.command("lsp")
def lsp_command() -> None:
    """Run the language server on standard input and output, for editors (needs the lsp extra: `pip install "sopgen\\[lsp]"`)."""
    try:
        from .lsp import run
    except ModuleNotFoundError as missing:
        if missing.name and missing.name.split(".")[0] in ("pygls", "lsprotocol"):
            _usage("the language server needs pygls: pip install \"sopgen[lsp]\"")
        raise
    run()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


class _Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled like Ctrl-C: whatever was under way is rolled back."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop_on_signals() -> None:
    import signal

    def stop(signum, frame):
        raise _Stopped(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


# --------------------------------------------------------------------------- training (issue 5)


@app.command("brief")
def brief_command(
    date: Optional[str] = typer.Option(None, "--date", "-d", help="The day of the card, as YYYY-MM-DD (default: today)."),
    touchpoint: Optional[str] = typer.Option(None, "--touchpoint", "-t",
                                             help="Only this touchpoint's SOPs: an id from the journey."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder (default: build/briefs/ in the project).",
                                       file_okay=False),
    project: Optional[Path] = ProjectOption,
) -> None:
    """Write the daily line-up card (PDF and Markdown): four questions and a focus, rotated by date."""
    from .core.project import display_path
    from .pipeline import brief

    day = _date_option("--date", date)
    with _reporting_errors():
        outcome = brief(project or Path.cwd(), day, touchpoint, out)
    for path in outcome.written:
        typer.echo(display_path(path))


export_app = typer.Typer(help="Export training material for learning-management systems (Moodle and others).",
                         no_args_is_help=True)
app.add_typer(export_app, name="export")


def _report_export(outcome, what: str) -> None:
    from .core.project import display_path

    for skipped in outcome.skipped:
        typer.echo(str(skipped), err=True)
    if outcome.text is not None:
        sys.stdout.write(outcome.text)
    where = ", ".join(display_path(path) for path in outcome.written) or "standard output"
    left_out = f"; skipped {len(outcome.skipped)}" if outcome.skipped else ""
    typer.echo(f"Exported {outcome.count} {what} to {where}{left_out}.", err=True)


@export_app.command("quiz")
def export_quiz_command(
    output_format: str = typer.Option("gift", "--format", "-f",
                                      help="gift (Moodle: every question) or aiken (multiple choice only)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="The file to write, or - for standard output "
                                                                  "(default: build/exports/quiz.gift or quiz-aiken.txt)."),
    programme: Optional[str] = typer.Option(None, "--programme", help="Only this programme's SOPs, filed by week."),
    project: Optional[Path] = ProjectOption,
) -> None:
    """Export the knowledge-check questions, printing which were skipped and why."""
    from .pipeline import export_quiz

    with _reporting_errors():
        outcome = export_quiz(project or Path.cwd(), output_format.strip().lower(), out, programme)
    _report_export(outcome, "questions")


@export_app.command("scorm")
def export_scorm_command(
    out: Optional[Path] = typer.Option(None, "--out", "-o",
                                       help="The zip to write (default: build/exports/<programme>-scorm.zip)."),
    programme: Optional[str] = typer.Option(None, "--programme",
                                            help="The programme to package (default: the first in programme.yaml; "
                                                 "without one, the library by touchpoint)."),
    project: Optional[Path] = ProjectOption,
) -> None:
    """Export a SCORM 1.2 package: one module per week, reporting quiz score, pass or fail and time to the LMS."""
    from .pipeline import export_scorm

    with _reporting_errors():
        outcome = export_scorm(project or Path.cwd(), out, programme)
    _report_export(outcome, "modules")


records_app = typer.Typer(help="Sign-off records: bring them in from a spreadsheet or an LMS export.",
                          no_args_is_help=True)
app.add_typer(records_app, name="records")


@records_app.command("import")
def records_import_command(
    csv_file: Path = typer.Argument(..., help="A CSV file with the columns trainee, sop, signed_off and trainer "
                                              "(and optionally role and notes)."),
    project: Optional[Path] = ProjectOption,
) -> None:
    """Add sign-offs from a CSV file to records/, checking every row first and skipping ones already recorded."""
    from .core.project import display_path
    from .pipeline import import_records

    with _reporting_errors():
        imported = import_records(project or Path.cwd(), csv_file)
    for skipped in imported.skipped:
        typer.echo(skipped, err=True)
    where = f" to {display_path(imported.target)}" if imported.target else ""
    typer.echo(f"Imported {len(imported.added)} sign-off(s){where}; skipped {len(imported.skipped)} already recorded.")


def main() -> None:
    from .formats.github_log import defuse_standard_streams, restore_standard_streams, under_github_actions

    if under_github_actions():  # from the start, so that even a usage error is printed safely
        defuse_standard_streams()
    try:
        app()
    finally:
        restore_standard_streams()
