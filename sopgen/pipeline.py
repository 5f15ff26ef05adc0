"""What each command does, step by step. Reads like a table of contents."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import ContentError, TemplateError
from .problems import Problem, Severity, sorted_problems
from .project import Project, display_path, load_project

FORMATS = ("pdf", "html", "md")
Progress = Callable[[str], None]


@dataclass
class BuildResult:
    out: Path
    written: list[Path] = field(default_factory=list)
    sops_per_touchpoint: Counter = field(default_factory=Counter)
    left_out: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def build_date() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH's date so that builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def load_valid_project(start: Path) -> Project:
    project = load_project(start)
    if not project.ok:
        errors = [p for p in project.problems if p.severity is Severity.ERROR]
        raise ContentError(f"{len(errors)} problem(s) must be fixed before building",
                           sorted_problems(project.problems))
    return project


def build(start: Path, out: Path | None = None, formats: tuple[str, ...] = FORMATS,
          progress: Progress = lambda message: None) -> BuildResult:
    from .render.context import handbook_context
    from .render.environment import make_environment
    from .write import check_output_dir, write_outputs

    progress("Checking the SOP library")
    project = load_valid_project(start)
    config = project.config
    out = out if out is not None else config.output_dir
    check_output_dir(out, [config.root / "sopgen.yaml", config.sops_dir, config.templates_dir])

    env = make_environment(config.templates_dir)
    today = build_date()
    result = BuildResult(out)
    files: dict[str, bytes] = {}
    if "pdf" in formats:
        files.update(_render_pdfs(env, project, handbook_context(project, today), result, progress))
    if "html" in formats:
        progress("Rendering the HTML site")
        files.update(_render_site(env, handbook_context(project, today)))
    if "md" in formats:
        progress("Rendering Markdown")
        files.update(_render_markdown(env, handbook_context(project, today, markdown=True)))

    progress(f"Writing {len(files)} files to {display_path(out)}")
    result.written = write_outputs(out, files)
    for sop in project.sops:
        if sop.status == "retired":
            result.left_out.append(sop.id)
        else:
            result.sops_per_touchpoint[sop.touchpoint] += 1
    return result


def _render(env, name: str, **context) -> str:
    import jinja2

    try:
        return env.get_template(name).render(**context)
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


def _render_pdfs(env, project: Project, context: dict, result: BuildResult, progress: Progress) -> dict:
    from .render.environment import builtin_templates_dir
    from .render.pdf import render_pdf

    allowed = [project.config.templates_dir, builtin_templates_dir()]
    files = {}
    for name in ("handbook", "checklists"):
        progress(f"Rendering {name}.pdf")
        html = _render(env, f"{name}.html", **context)
        pdf, blocked = render_pdf(html, project.root, allowed)
        files[f"{name}.pdf"] = pdf
        result.warnings += [f"{name}.pdf: refused to fetch {url}" for url in blocked]
    return files


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
        return any(not p.is_lint for p in self.problems)


def _sop_files(paths: list[Path]) -> list[Path]:
    from .errors import UsageError
    from .project import SOP_SUFFIXES

    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in SOP_SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{path} does not exist")
    return files


def lint(start: Path, paths: list[Path] | None = None, select: tuple[str, ...] = (),
         ignore: tuple[str, ...] = ()) -> LintResult:
    from .errors import UsageError
    from .lint import Selection, lint_sop
    from .lint.registry import known_code
    from .project import check_unique_ids, discover, find_root, load_config, load_sop

    unknown = [code for code in (*select, *ignore) if not known_code(code)]
    if unknown:
        raise UsageError(f"unknown rule code {', '.join(unknown)}; `sopgen rules` lists them")
    config = load_config(find_root(start))
    problems: list[Problem] = []
    if paths:
        files = _sop_files(paths)
    else:
        files, problems = discover(config)
    selection = Selection.from_settings(config.lint, select, ignore)
    loaded = []
    for path in files:
        sop, found = load_sop(path, config)
        problems += found
        if sop is not None:
            loaded.append(sop)
            if not found:
                problems += lint_sop(sop, config.lint, selection)
    problems += check_unique_ids([sop for sop in loaded if sop.id])
    return LintResult(sorted_problems(problems), len(files))
