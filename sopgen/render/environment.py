"""The Jinja environment: a project's templates/ first, then the built-in ones."""

from __future__ import annotations

from pathlib import Path

import jinja2

import sopgen
from sopgen.core.load import Limits
from sopgen.render.budget import BoundedSandbox


def builtin_templates_dir() -> Path:
    """Inside an installed wheel, or the repository's templates/ in a development checkout."""
    package = Path(sopgen.__file__).parent
    installed = package / "_builtin_templates"
    return installed if installed.is_dir() else package.parent / "templates"


def make_environment(project_templates: Path | None, limits: Limits = Limits()) -> BoundedSandbox:
    """Sandboxed, because a template arriving in a pull request must not run code in CI,
    and bounded in time and size (see render/budget.py), because it must not hang it either."""
    builtin = jinja2.FileSystemLoader(str(builtin_templates_dir()))
    loaders: list[jinja2.BaseLoader] = []
    if project_templates is not None and project_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(project_templates)))
    loaders += [builtin, jinja2.PrefixLoader({"builtin": builtin})]
    return BoundedSandbox(
        seconds=limits.render_seconds,
        max_output_bytes=limits.max_output_bytes,
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
