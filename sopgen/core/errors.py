"""Exceptions that end a command cleanly, each carrying the problems to show."""

from __future__ import annotations

from .problems import Problem


class SopgenError(Exception):
    """Base class: something the user can fix, reported without a traceback."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


class ProjectNotFound(SopgenError):
    """No sopgen.yaml in the directory or any parent."""


class ConfigError(SopgenError):
    """sopgen.yaml is missing, unreadable or invalid."""


class ContentError(SopgenError):
    """One or more SOP files are invalid."""


class TemplateError(SopgenError):
    """A template is missing or fails to render."""


class RenderError(SopgenError):
    """A PDF could not be rendered from its HTML."""


class OutputError(SopgenError):
    """The output directory cannot be used or written."""


class UsageError(SopgenError):
    """The command line asks for something that cannot be done."""


class GitError(SopgenError):
    """Git history needed for a comparison is missing, or git cannot be run."""
