"""What each command does, step by step. Reads like a table of contents."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .core.errors import ContentError, TemplateError
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


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH's date so that builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


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
    from .render.cache import CACHE_FILE
    from .render.context import handbook_context
    from .render.environment import make_environment
    from .render.incremental import bring_up_to_date
    from .render.parallel import default_jobs
    from .render.write import Unchanged, check_output_dir, write_outputs
    from .training.outputs import programme_files

    progress("Checking the SOP library")
    project = load_valid_project(start)
    config = project.config
    out = out if out is not None else config.output_dir
    check_output_dir(out, [config.root / "sopgen.yaml", config.sops_dir, config.templates_dir])
    _check_template_links(config.templates_dir)

    env = make_environment(config.templates_dir, config.limits)
    today = build_date()
    planned: dict = {}
    planned.update(programme_files(env, project, out, today, formats, progress, review_copy))
    if "pdf" in formats:
        progress("Rendering the HTML of handbook.pdf and checklists.pdf")
        planned.update(_pdf_jobs(env, project, handbook_context(project, today, review_copy=review_copy)))
    if "html" in formats:
        progress("Rendering the HTML site")
        planned.update(_render_site(env, handbook_context(project, today, review_copy=review_copy)))
    if "md" in formats:
        progress("Rendering Markdown")
        planned.update(_render_markdown(env, handbook_context(project, today, markdown=True,
                                                              review_copy=review_copy)))

    if archive:
        planned = _as_archival(planned)
    if not force:
        progress("Comparing with the last build")
    current = bring_up_to_date(out, planned, paper=config.paper, jobs=jobs or default_jobs(), force=force,
                               progress=progress)
    changed = sum(1 for name, data in current.files.items() if not isinstance(data, Unchanged) and name != CACHE_FILE)
    progress(f"Writing {changed} changed file(s) to {display_path(out)}" if changed
             else f"Nothing changed in {display_path(out)}")
    write_outputs(out, current.files, owned=True, keep_other_files=keep_other_files, rewrite=force)
    result = BuildResult(out, warnings=_refused_warnings(project, current.refused))
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


def _render(env, name: str, **context) -> str:
    import jinja2

    from .render.budget import BudgetExceeded

    try:
        return env.render(env.get_template(name), context)
    except BudgetExceeded as exc:
        raise TemplateError(f"template '{name}' was stopped: {exc}", [Problem(
            _template_display(env, name), 0, 0, "SOP020", "template-error", Severity.ERROR,
            f"stopped: {exc}", "make the template do less, or raise the limit if the library really needs it")]) \
            from None
    except MemoryError:
        raise TemplateError(f"template '{name}' was stopped: it ran out of memory") from None
    except jinja2.TemplateSyntaxError as exc:
        where = display_path(Path(exc.filename)) if exc.filename else exc.name or name
        raise TemplateError(f"template {where} has an error", [Problem(
            where, exc.lineno or 0, 1 if exc.lineno else 0, "SOP020", "template-error", Severity.ERROR,
            f"template syntax error: {exc.message}", "fix the template, or delete it to use the built-in one")]) \
            from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template '{exc.name}' was not found (needed for {name})") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template '{name}' failed to render: {exc}") from None
    except RecursionError:
        raise TemplateError(f"template '{name}' failed to render: it includes or calls itself without end") \
            from None
    except Exception as exc:  # a template's own arithmetic or filters, such as {{ 1 / 0 }}
        raise TemplateError(f"template '{name}' failed to render: {type(exc).__name__}: {exc}") from None


def _template_display(env, name: str) -> str:
    """Where the template ``name`` comes from: the project's file, or the built-in one."""
    try:
        filename = env.get_template(name).filename
    except Exception:
        return name
    return display_path(Path(filename)) if filename else name


def _check_template_links(templates: Path) -> None:
    """Jinja follows links, so a link out of the templates folder could copy any file into the output."""
    from .core.project import LINK_OUT_HINT, leads_outside

    if not templates.is_dir():
        return
    inside = templates.resolve()
    refused = [Problem(display_path(Path(folder, name)), 0, 0, "SOP020", "template-error", Severity.ERROR,
                       "is a link to a file outside the templates folder, so it was not used", LINK_OUT_HINT)
               for folder, dirs, names in os.walk(templates) for name in dirs + names
               if leads_outside(Path(folder, name), inside)]
    if refused:
        raise TemplateError(f"{len(refused)} template(s) lead outside {display_path(templates)}", refused)


def _pdf_jobs(env, project: Project, context: dict) -> dict:
    from .render.environment import builtin_templates_dir
    from .render.parallel import PdfJob

    allowed = (project.config.templates_dir, builtin_templates_dir())
    return {f"{name}.pdf": PdfJob(_render(env, f"{name}.html", **context), project.root, allowed)
            for name in ("handbook", "checklists")}


def _as_archival(planned: dict) -> dict:
    import dataclasses

    from .render.parallel import PdfJob
    from .render.pdf import ARCHIVAL

    return {name: dataclasses.replace(job, variant=ARCHIVAL) if isinstance(job, PdfJob) else job
            for name, job in planned.items()}


def _refused_warnings(project: Project, refused: dict[str, tuple[str, ...]]) -> list[str]:
    """A warning for each URL a PDF renderer refused, naming where it was probably written."""
    from .render.pdf import where_written

    if not any(refused.values()):
        return []
    texts = _project_texts(project)
    warnings = []
    for name, urls in refused.items():
        for url in urls:
            origin = where_written(url, texts)
            warnings.append(f"{name}: refused to fetch {url}" + (f" (written at {origin})" if origin else ""))
    return warnings


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


def _render_site(env, context: dict) -> dict:
    files = {
        "html/index.html": _render(env, "site/index.html", **context).encode(),
        "html/site.css": _render(env, "site/site.css", **context).encode(),
    }
    for sop in context["sops"]:
        files[f"html/{sop['html_name']}"] = _render(env, "site/sop.html", sop=sop, **context).encode()
    return files


def _render_markdown(env, context: dict) -> dict:
    return {f"md/{sop['md_name']}": _render(env, "md/sop.md", sop=sop, **context).encode()
            for sop in context["sops"]}


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
    from .lint import Selection, lint_sop

    config = library.config
    selection = Selection.from_settings(config.lint, select, ignore)
    problems = list(problems)
    for entry in library.scope(keys):
        problems += entry.problems
        if entry.valid:
            problems += lint_sop(entry.sop, config.lint, selection)
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
    from .render.context import handbook_context
    from .render.environment import make_environment

    project = load_valid_project(start)
    env = make_environment(project.config.templates_dir, project.config.limits)
    return _render_site(env, handbook_context(project, build_date(), review_copy=review_copy))


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
    from .quality.stories import STORIES_DIR
    from .render.environment import builtin_templates_dir, make_environment
    from .render.pdf import render_pdf
    from .render.write import check_output_dir, write_outputs

    progress("Checking the SOP library, stories and audits")
    project = load_valid_project(start)
    config = project.config
    audits, problems = load_audits(config, project.sops, project.reader)
    if problems:
        raise ContentError(f"{len(problems)} problem(s) in {AUDITS_DIR}/ must be fixed before reporting",
                           sorted_problems(problems))
    out = out if out is not None else config.output_dir
    check_output_dir(out, [config.root / "sopgen.yaml", config.sops_dir, config.templates_dir,
                           config.root / STORIES_DIR, config.root / AUDITS_DIR])

    progress("Rendering report.html")
    env = make_environment(config.templates_dir, config.limits)
    html = _render(env, "report.html", **report_context(project, audits, build_date()))
    progress("Rendering report.pdf")
    pdf, blocked = render_pdf(html, project.root, [config.templates_dir, builtin_templates_dir()])
    result = ReportResult(out, len(audits), warnings=[f"report.pdf: refused to fetch {url}" for url in blocked])
    # Two files, and no folder swapped: other files in the folder are left alone, never replaced.
    result.written = write_outputs(out, {"report.html": html.encode(), "report.pdf": pdf}, owned=True,
                                   keep_other_files=True)
    return result
