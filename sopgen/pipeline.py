"""What each command does, step by step. Reads like a table of contents."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .core.clock import build_date
from .core.errors import ContentError
from .core.problems import Problem, Severity, sorted_problems
from .core.library import Library
from .core.project import Project, display_path
from .progress import Progress, silent

FORMATS = ("pdf", "html", "md")


@dataclass
class BuildResult:
    out: Path
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)   # outputs of this build that were already current
    sops_per_touchpoint: Counter = field(default_factory=Counter)
    left_out: list[str] = field(default_factory=list)
    drafts_left_out: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)   # what `sopgen lint` reports about the library


def load_project(start: Path | Library) -> Project:
    """The project's valid SOPs and its stories, with every problem in them; ``start`` may be a library
    already read for this command."""
    from .quality.stories import load_stories

    library = start if isinstance(start, Library) else Library.open(start)
    project = library.project()
    project.stories, problems = load_stories(project.config, library.readable(library.listed), library.reader)
    project.problems.extend(problems)
    return project


def load_valid_project(start: Path | Library) -> Project:
    project = load_project(start)
    if not project.ok:
        errors = [p for p in project.problems if p.severity is Severity.ERROR]
        raise ContentError(f"{len(errors)} problem(s) must be fixed before building",
                           sorted_problems(project.problems))
    return project


def build(start: Path, out: Path | None = None, formats: tuple[str, ...] = FORMATS,
          progress: Progress = silent, jobs: int | None = None, force: bool = False,
          review_copy: bool = False, archive: bool = False, keep_other_files: bool = False) -> BuildResult:
    """Render the outputs in memory, then write those that changed since the last build into ``out``.

    PDFs render in ``jobs`` processes (default: one per CPU core; 1 renders here);
    ``force`` renders and rewrites everything, whatever is already there;
    ``review_copy`` puts the draft SOPs in too, with DRAFT on every page. PDFs are tagged
    PDF/UA-1; with ``archive`` they are PDF/A-3a, for controlled copies kept on file.
    """
    from .render.context import Handbook
    from .render.handbook import handbook_files
    from .render.incremental import bring_up_to_date
    from .render.parallel import archival, default_jobs
    from .render.renderer import Renderer
    from .render.write import check_output_dir, write_outputs
    from .training.outputs import load_valid_training, programme_files

    progress("Checking the SOP library")
    project = load_valid_project(start)
    today = build_date()
    training = load_valid_training(project, today)
    out = out if out is not None else project.config.output_dir
    check_output_dir(out, _sources(project.config, training))
    renderer = Renderer(project.config)

    planned = {**programme_files(renderer, project, training, today, formats, progress, review_copy),
               **handbook_files(renderer, Handbook(project, today, review_copy), formats, progress)}
    if archive:
        planned = archival(planned)
    if not force:
        progress("Comparing with the last build")
    current = bring_up_to_date(out, planned, paper=project.config.paper, jobs=jobs or default_jobs(), force=force,
                               progress=progress)
    progress(_writing(out, current.files))
    write_outputs(out, current.files, owned=True, keep_other_files=keep_other_files, rewrite=force)
    return _build_result(out, project, current, review_copy, training)


def _sources(config, training=None) -> list[Path]:
    """The project's own files and folders, which no output may overwrite or sit among."""
    from .core.sources import project_sources

    programme_file = training.programme_file if training is not None else None
    return project_sources(config, programme_file.records if programme_file is not None else None)


def _writing(out: Path, files: dict) -> str:
    from .render.cache import CACHE_FILE
    from .render.write import Unchanged

    changed = sum(1 for name, data in files.items() if not isinstance(data, Unchanged) and name != CACHE_FILE)
    return (f"Writing {changed} changed file(s) to {display_path(out)}" if changed
            else f"Nothing changed in {display_path(out)}")


def _build_result(out: Path, project: Project, current, review_copy: bool, training) -> BuildResult:
    """What was written and kept, what was left out, and the URLs the PDF renderers refused."""
    from .render.cache import CACHE_FILE
    from .render.pdf import refusal_warnings
    from .render.write import Unchanged

    result = BuildResult(out, warnings=refusal_warnings(current.refused, lambda: _project_texts(project)),
                         findings=wording_findings(project, training))
    for name, data in current.files.items():
        if name != CACHE_FILE:
            result.written.append(out / name)
            if isinstance(data, Unchanged):
                result.unchanged.append(out / name)
    for sop in project.sops:
        if sop.status == "retired":
            result.left_out.append(sop.id)
        elif sop.status == "draft" and not review_copy:
            result.drafts_left_out.append(sop.id)
        else:
            result.sops_per_touchpoint[sop.touchpoint] += 1
    return result


def wording_findings(project: Project, training) -> list[Problem]:
    """The findings `sopgen lint` reports on a valid project: the wording rules over the SOPs and the
    programme's objectives, and text the outputs would lose, so that a build does not hide them.
    ``training`` is the programme the build has already read."""
    from .core.sop_content import lost_markup
    from .lint import Selection, lint_sop
    from .training.objectives import lint_objectives

    config = project.config
    selection = Selection.from_settings(config.lint)
    findings = []
    for sop in project.sops:
        findings += lint_sop(sop, config.lint, selection) + lost_markup(sop)
    if training is not None and training.programme_file is not None:
        findings += lint_objectives(training.programme_file, selection)
    return sorted_problems(findings)


def _project_texts(project: Project) -> dict[str, str]:
    """The project's own templates and SOP files by display name: where a refused URL may be written."""
    texts = {}
    templates = project.config.templates_dir
    for path in sorted(templates.rglob("*")) if templates.is_dir() else ():
        try:
            texts[display_path(path)] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    texts.update((sop.path, sop.source.text) for sop in project.sops if sop.source is not None)
    return texts

@dataclass
class LintResult:
    problems: list[Problem]
    files: int

    @property
    def invalid(self) -> bool:
        """Some input could not be loaded or validated: exit status 2."""
        return any(not p.is_finding for p in self.problems)


def lint(start: Path, paths: list[Path] | None = None, select: tuple[str, ...] = (),
         ignore: tuple[str, ...] = (), library: Library | None = None) -> LintResult:
    """Lint the ``paths`` named, or the whole library with its training programme; ``library`` is the project
    already read for this command."""
    from .core.errors import UsageError
    from .lint.registry import known_code

    unknown = [code for code in (*select, *ignore) if not known_code(code)]
    if unknown:
        raise UsageError(f"unknown rule code {', '.join(unknown)}; `sopgen rules` lists them")
    library = library or Library.open(start, paths or (), whole=not paths)
    if paths:
        return _lint(library, library.named, library.named_problems, select, ignore)
    return _lint(library, library.listed, library.listed_problems, select, ignore, with_training=True)


def _lint(library: Library, keys: list[Path], problems: list[Problem], select: tuple[str, ...],
          ignore: tuple[str, ...], with_training: bool = False) -> LintResult:
    """Lint the SOP files ``keys`` of the library, with --select and --ignore of any rule codes; codes of
    review rules choose no wording rule. The training programme refers to the whole library, so it is
    checked only ``with_training``."""
    from .core.project import check_unique_ids
    from .core.sop_content import lost_markup
    from .lint import Selection, lint_sop

    config = library.config
    selection = Selection.from_settings(config.lint, select, ignore)
    problems = list(problems)
    for entry in library.scope(keys):
        problems += entry.problems
        if entry.valid:
            problems += lint_sop(entry.sop, config.lint, selection)
        if entry.sop is not None:
            problems += lost_markup(entry.sop)
    readable = library.readable(keys)
    problems += check_unique_ids([sop for sop in readable if sop.id])
    if with_training:
        from .training.load import lint_training
        problems += lint_training(config, readable, selection, build_date(), library.reader)
    return LintResult(sorted_problems(problems), len(keys))


def validate(start: Path) -> LintResult:
    """Every input of the project read and checked, without judging wording: sopgen.yaml, the SOPs,
    the programme and its records, stories and audits, and the references between them."""
    from .core.project import check_unique_ids
    from .quality.audits import load_audits
    from .quality.stories import load_stories
    from .training.load import load_training

    library = Library.open(start)
    config, reader = library.config, library.reader
    problems = list(library.listed_problems)
    for entry in library.scope(library.listed):
        problems += entry.problems
    with_ids = [sop for sop in library.readable(library.listed) if sop.id]
    problems += check_unique_ids(with_ids)
    problems += load_training(config, with_ids, build_date(), reader).problems
    problems += load_stories(config, with_ids, reader)[1]
    problems += load_audits(config, with_ids, reader)[1]
    return LintResult(sorted_problems(p for p in problems if not p.is_finding), len(library.listed))


def check(start: Path, paths: list[Path] | None = None, select: tuple[str, ...] = (),
          ignore: tuple[str, ...] = (), base: str | None = None, changed_since: str | None = None) -> LintResult:
    """Everything a reviewer wants: lint (validation and wording), duplicate ids, references
    between SOPs and, against a git ref, version bumps.

    Findings are reported for the SOPs in scope: the whole library, the given
    ``paths``, or with ``changed_since`` the SOPs changed against that ref plus
    those they supersede or are superseded by. The checks across files read
    the whole library, since references need every id. ``base`` is the ref to
    compare versions with; ``changed_since`` is used when it is not given.
    """
    from .core.config import LintSettings
    from .core.errors import UsageError
    from .core.project import check_unique_ids
    from .lint import Selection
    from .lint.registry import REVIEW_CODES, REVIEW_RULES, any_rule_code
    from .review.baseline import changed_sops
    from .review.engine import review_references, review_versions
    from .review.library import related, versions

    unknown = [code for code in (*select, *ignore) if not any_rule_code(code)]
    if unknown:
        raise UsageError(f"unknown code {', '.join(unknown)}; `sopgen rules` lists the wording rules, "
                         f"and the review checks are {', '.join(sorted(REVIEW_CODES))}")
    review_codes = frozenset(Selection.from_settings(LintSettings(), select, ignore, REVIEW_RULES).severities)
    library = Library.open(start, paths or ())
    config = library.config
    scope = set(library.named) if paths else None  # None: the whole library
    lint_scope = (library.named, library.named_problems) if paths else (library.listed, library.listed_problems)
    base = base or changed_since
    baseline = changed_sops(config, base) if base else None
    if changed_since:
        changed = baseline if changed_since == base else changed_sops(config, changed_since)
        if not changed.config_changed:  # a change to sopgen.yaml concerns every SOP
            scope = related(library, changed.sops) if scope is None else scope & related(library, changed.sops)
            lint_scope = (sorted(scope), [])

    linted = _lint(library, *lint_scope, select, ignore, with_training=scope is None)
    found = check_unique_ids(library.with_ids(last=scope))
    found += review_references(library.valid_sops(), library.by_id(), review_codes)
    if baseline is not None:
        found += review_versions(versions(library, baseline.sops), base, review_codes)
    found += _story_problems(library)
    if scope is not None:
        shown = library.displays(scope)
        found = [problem for problem in found if problem.path in shown]
    return LintResult(sorted_problems(dict.fromkeys([*linted.problems, *found])), linted.files)


def _story_problems(library: Library) -> list[Problem]:
    """Problems in stories/ and in the SOPs' `story:` links, which `build` would stop on too."""
    from .quality.stories import load_stories

    return load_stories(library.config, library.with_ids(), library.reader)[1]


def diff(start: Path, ref: str) -> list:
    """What changed in each SOP file since ``ref``, item by item."""
    from .core.project import find_root, load_config, load_sop
    from .core.reader import Reader
    from .review.baseline import changed_sops
    from .review.changes import compare
    from .review.gitrefs import DELETED

    root = find_root(start)
    reader = Reader(root)
    config = load_config(root, reader)
    baseline = changed_sops(config, ref)
    changes = []
    for change in sorted(baseline.sops, key=lambda c: c.path):
        new = None if change.status == DELETED else load_sop(change.path, config, reader)[0]
        changes.append(compare(change.status, display_path(change.path), change.old_path, change.old, new))
    return changes


def render_site(start: Path | Library, review_copy: bool = True) -> dict[str, bytes]:
    """The HTML site in memory, named html/...; raises ContentError when the library is invalid.

    A preview is for the people writing the SOPs, so by default it shows the drafts, marked as such.
    ``start`` may be a library already read for this command.
    """
    from .render.context import Handbook
    from .render.handbook import site_files
    from .render.renderer import Renderer

    project = load_valid_project(start)
    return site_files(Renderer(project.config), Handbook(project, build_date(), review_copy).html)


@dataclass
class ReportResult:
    out: Path
    audits: int = 0
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def report(start: Path, out: Path | None = None, progress: Progress = lambda message: None) -> ReportResult:
    """Write report.html and report.pdf: audit scores against targets, their trend, misses and milestones."""
    from .quality.audits import AUDITS_DIR, load_audits
    from .quality.gap_report import report_context
    from .render.renderer import Renderer
    from .render.write import check_output_dir, write_outputs

    progress("Checking the SOP library, stories and audits")
    project = load_valid_project(start)
    config = project.config
    audits, problems = load_audits(config, project.sops, project.reader)
    if problems:
        raise ContentError(f"{len(problems)} problem(s) in {AUDITS_DIR}/ must be fixed before reporting",
                           sorted_problems(problems))
    out = out if out is not None else project.config.output_dir
    check_output_dir(out, _sources(project.config))

    progress("Rendering report.html")
    page = Renderer(project.config).pdf("report.html", **report_context(project, audits, build_date()))
    progress("Rendering report.pdf")
    pdf = page.render()
    result = ReportResult(out, len(audits), warnings=[f"report.pdf: refused to fetch {url}" for url in pdf.refused])
    # Two files, and no folder swapped: other files in the folder are left alone, never replaced.
    result.written = write_outputs(out, {"report.html": page.html.encode(), "report.pdf": pdf.pdf}, owned=True,
                                   keep_other_files=True)
    return result


def write_schemas(start: Path, out: Path | None) -> list[Path]:
    """The JSON Schemas, written into ``out`` (default: schemas/ in the project) but never among its sources.

    With ``out``, no project is needed; in one whose sopgen.yaml cannot be read, its default folders
    are kept clear, since the schemas are what helps to fix it.
    """
    from .authoring.schema_export import SCHEMA_DIR, schema_files
    from .core.config import Config
    from .core.errors import ProjectNotFound, SopgenError
    from .core.project import find_root, load_config
    from .render.write import check_output_file, write_outputs

    try:
        root = find_root(start)
    except ProjectNotFound:
        if out is None:
            raise
        root = None
    folder = out if out is not None else root / SCHEMA_DIR
    files = schema_files()
    if root is not None:
        try:
            config = load_config(root)
        except SopgenError:
            config = Config("", "", [], root=root)
        for name in files:
            check_output_file(folder / name, _sources(config))
    return write_outputs(folder, files)


def brief(start: Path, day, touchpoint: str | None, out: Path | None):
    """Write the line-up card for ``day`` (PDF and Markdown); see training/commands.py."""
    from .training.commands import brief as write_brief

    return write_brief(load_valid_project(start), day, touchpoint, out)


def export_quiz(start: Path, fmt: str, out: Path | None, programme_id: str | None):
    """The knowledge-check questions as GIFT or Aiken, written to ``out`` or, for '-', returned as text."""
    from .training.commands import check_quiz_format, export_quiz as write_quiz

    check_quiz_format(fmt)
    return write_quiz(load_valid_project(start), fmt, out, programme_id)


def export_scorm(start: Path, out: Path | None, programme_id: str | None):
    """A SCORM 1.2 package of a programme, or of the library by touchpoint."""
    from .training.commands import export_scorm as write_scorm

    return write_scorm(load_valid_project(start), out, programme_id)


def import_records(start: Path, csv_path: Path):
    """Sign-offs from a CSV file, checked row by row, added to the programme's records folder."""
    from .training.records_import import check_csv_exists, run_import

    check_csv_exists(csv_path)
    return run_import(load_valid_project(start), csv_path)


def stories(start: Path) -> str:
    """Per touchpoint: the stories collected, those adopted into SOPs and those waiting, as text."""
    from .quality.story_summary import format_summary, summarise

    return format_summary(summarise(load_valid_project(start)), build_date())


@dataclass
class StatusResult:
    text: str
    overdue: bool     # some SOP in use is past its review date


def status(start: Path, today) -> StatusResult:
    """Every SOP's status, owner, version and review date as of ``today``, as text."""
    from .quality.status import format_status, review_status

    sops = load_valid_project(start).sops
    found = review_status(sops, today)
    return StatusResult(format_status(found, today), bool(found.overdue))
