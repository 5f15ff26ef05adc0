"""A project's templates, ready to turn a context into HTML or into a PDF.

Every command that renders makes one Renderer: its templates are the project's
templates/ first, then the built-in ones, and all its rendering shares one
time budget. A PDF may read files from those two template folders and nothing
else (see pdf.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.config import Config
from ..core.errors import TemplateError
from ..core.problems import Problem, Severity
from ..core.project import display_path
from .parallel import PdfJob


class Renderer:
    def __init__(self, config: Config):
        """Refuses a templates folder with links that lead outside it (Jinja would follow them)."""
        from .environment import builtin_templates_dir, make_environment

        check_template_links(config.templates_dir)
        self.env = make_environment(config.templates_dir, config.limits)
        self.base_dir = config.root
        self.allowed_dirs = (config.templates_dir, builtin_templates_dir())

    def html(self, template: str, /, **context) -> str:
        """The template rendered with ``context``; a template's own failure raises TemplateError."""
        return _rendered(self.env, template, context)

    def pdf(self, template: str, /, **context) -> PdfJob:
        """The template rendered to HTML now, ready to become a PDF (``.render()``, or in a build's workers)."""
        return PdfJob(self.html(template, **context), self.base_dir, self.allowed_dirs)


def _rendered(env, name: str, context: dict) -> str:
    import jinja2

    from .budget import BudgetExceeded

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


def check_template_links(templates: Path) -> None:
    """Jinja follows links, so a link out of the templates folder could copy any file into the output."""
    from ..core.project import LINK_OUT_HINT, leads_outside

    if not templates.is_dir():
        return
    inside = templates.resolve()
    refused = [Problem(display_path(Path(folder, name)), 0, 0, "SOP020", "template-error", Severity.ERROR,
                       "is a link to a file outside the templates folder, so it was not used", LINK_OUT_HINT)
               for folder, dirs, names in os.walk(templates) for name in dirs + names
               if leads_outside(Path(folder, name), inside)]
    if refused:
        raise TemplateError(f"{len(refused)} template(s) lead outside {display_path(templates)}", refused)
