"""The figures' image files: copied beside the site's and the Markdown's pages, and read by the PDF renderer."""

from __future__ import annotations

from pathlib import Path

from .context import figure_sources


def figure_paths(root: Path, context: dict) -> tuple[Path, ...]:
    """The files of the figures in ``context``, for the PDF renderer to be allowed exactly these."""
    return tuple(root / source for source in figure_sources(context))


def figure_copies(root: Path, context: dict, folder: str) -> dict[str, bytes]:
    """Each figure's bytes under ``folder``, at the same path as in the project, so pages refer to it relatively."""
    return {f"{folder}/{source}": (root / source).read_bytes() for source in figure_sources(context)}
