"""The Jinja environment: a project's templates/ first, then the built-in ones."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

import sopgen


def builtin_templates_dir() -> Path:
    """Inside an installed wheel, or the repository's templates/ in a development checkout."""
    package = Path(sopgen.__file__).parent
    installed = package / "_builtin_templates"
    return installed if installed.is_dir() else package.parent / "templates"


def make_environment(project_templates: Path | None) -> jinja2.Environment:
    """Sandboxed, because a template arriving in a pull request must not run code in CI."""
    builtin = jinja2.FileSystemLoader(str(builtin_templates_dir()))
    loaders: list[jinja2.BaseLoader] = []
    if project_templates is not None and project_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(project_templates)))
    loaders += [builtin, jinja2.PrefixLoader({"builtin": builtin})]
    return SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
